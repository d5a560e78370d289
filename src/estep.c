/* estep.c — the E-step and the M-step's statistics in one pass. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "estep.h"
#include "linalg.h"

enum { BLOCK = 4096 }; /* points per block: the unit of work and of summing */

em_status em_stats_alloc(em_stats *st, size_t K, size_t d)
{
    st->K = K;
    st->d = d;
    st->N = calloc(K, sizeof *st->N);
    st->s = calloc(K * d, sizeof *st->s);
    st->S = calloc(K * d * d, sizeof *st->S);
    if (!st->N || !st->s || !st->S) {
        em_stats_free(st);
        return EM_ENOMEM;
    }
    return EM_OK;
}

void em_stats_free(em_stats *st)
{
    free(st->N);
    free(st->s);
    free(st->S);
    st->N = st->s = st->S = NULL;
}

/* Each component made ready: its Cholesky factor L_k and the constant
 * c_k = log pi_k - (d log 2pi + log det Sigma_k) / 2, so that
 * log pi_k N(x | mu_k, Sigma_k) = c_k - |L_k^{-1}(x - mu_k)|^2 / 2. */
typedef struct {
    size_t K, d;
    const double *mu;
    double *L;    /* K x d x d, its diagonal replaced by 1 / L_jj (a product is
                   * cheaper than a quotient, in the innermost loop) */
    double *c;    /* K */
} prepared;

static em_status prepare(const em_gmm *m, prepared *p, size_t *bad_k)
{
    size_t K = m->K, d = m->d;
    p->K = K;
    p->d = d;
    p->mu = m->mean;
    p->L = malloc(K * d * d * sizeof *p->L);
    p->c = malloc(K * sizeof *p->c);
    if (!p->L || !p->c)
        return EM_ENOMEM;
    for (size_t k = 0; k < K; k++) {
        double *L = p->L + k * d * d;
        if (em_cholesky(d, m->cov + k * d * d, L)) {
            if (bad_k)
                *bad_k = k;
            return EM_ESINGULAR;
        }
        p->c[k] = log(m->weight[k]) - 0.5 * ((double)d * 1.8378770664093454836 +
                                             em_chol_logdet(d, L));
        for (size_t j = 0; j < d; j++)
            L[j * d + j] = 1.0 / L[j * d + j];
    }
    return EM_OK;
}

/* One block's share: its points' responsibilities, and its partial sums
 * (log-likelihood first, then N, s, S) in part. diff holds K x d, y d. */
static int block(const prepared *p, const double *x, size_t from, size_t to, double *resp,
                 double *part, int want_stats, double *a, double *diff, double *y)
{
    size_t K = p->K, d = p->d;
    double *N = part + 1, *s = N + K, *S = s + K * d;
    for (size_t i = from; i < to; i++) {
        const double *xi = x + i * d;
        double top = -INFINITY;
        for (size_t k = 0; k < K; k++) {
            /* a_k = c_k - |y|^2 / 2 with L_k y = x_i - mu_k */
            double *dk = diff + k * d, q = 0.0;
            const double *L = p->L + k * d * d, *mu = p->mu + k * d;
            for (size_t j = 0; j < d; j++) {
                double t = dk[j] = xi[j] - mu[j];
                for (size_t l = 0; l < j; l++)
                    t -= L[j * d + l] * y[l];
                y[j] = t * L[j * d + j]; /* the diagonal holds 1 / L_jj */
                q += y[j] * y[j];
            }
            a[k] = p->c[k] - 0.5 * q;
            if (a[k] > top)
                top = a[k];
        }
        if (!isfinite(top))
            return 0; /* zero density everywhere, or a NaN */
        /* log-sum-exp: sum = sum_k exp(a_k - top), each term in [0, 1] */
        double sum = 0.0;
        for (size_t k = 0; k < K; k++)
            sum += a[k] = exp(a[k] - top);
        part[0] += top + log(sum);
        double inv = 1.0 / sum;
        for (size_t k = 0; k < K; k++) {
            double g = a[k] * inv; /* gamma_ik */
            if (resp)
                resp[i * K + k] = g;
            if (!want_stats)
                continue;
            const double *dk = diff + k * d;
            N[k] += g;
            for (size_t j = 0; j < d; j++) {
                s[k * d + j] += g * dk[j];
                for (size_t l = 0; l <= j; l++)
                    S[(k * d + j) * d + l] += g * dk[j] * dk[l];
            }
        }
    }
    return 1;
}

/* All the blocks, on all cores; part holds n_blocks rows of `width`. */
static int all_blocks(const prepared *p, const double *x, size_t n, double *resp, double *part,
                      size_t width, int want_stats)
{
    size_t K = p->K, d = p->d, n_blocks = (n + BLOCK - 1) / BLOCK;
    int ok = 1;
#pragma omp parallel
    {
        double *scratch = malloc((K + K * d + d) * sizeof *scratch);
        if (!scratch) {
#pragma omp atomic write
            ok = 0;
        }
#pragma omp for schedule(static)
        for (size_t b = 0; b < n_blocks; b++) {
            size_t to = (b + 1) * BLOCK < n ? (b + 1) * BLOCK : n;
            if (scratch && !block(p, x, b * BLOCK, to, resp, part + b * width, want_stats,
                                  scratch, scratch + K, scratch + K + K * d)) {
#pragma omp atomic write
                ok = 0;
            }
        }
        free(scratch);
    }
    return ok;
}

em_status em_estep(const em_gmm *m, const double *x, size_t n, double *resp, double *loglik,
                   em_stats *stats, size_t *bad_k)
{
    size_t K = m->K, d = m->d, width = 1 + K + K * d + K * d * d;
    size_t n_blocks = (n + BLOCK - 1) / BLOCK;
    prepared p = {0};
    em_status st = prepare(m, &p, bad_k);
    double *part = st ? NULL : calloc(n_blocks ? n_blocks * width : 1, sizeof *part);
    if (st == EM_OK && !part)
        st = EM_ENOMEM;
    if (st == EM_OK && !all_blocks(&p, x, n, resp, part, width, stats != NULL))
        st = EM_ENONFINITE;
    if (st == EM_OK) {
        /* the blocks' sums, added in block order: the same bits on any core count */
        double *t = calloc(width, sizeof *t);
        if (!t) {
            st = EM_ENOMEM;
        } else {
            for (size_t b = 0; b < n_blocks; b++)
                for (size_t v = 0; v < width; v++)
                    t[v] += part[b * width + v];
            if (loglik)
                *loglik = t[0];
            if (stats) {
                memcpy(stats->N, t + 1, K * sizeof *t);
                memcpy(stats->s, t + 1 + K, K * d * sizeof *t);
                for (size_t k = 0; k < K; k++) /* mirror the lower triangle */
                    for (size_t j = 0; j < d; j++)
                        for (size_t l = 0; l < d; l++)
                            stats->S[(k * d + j) * d + l] =
                                t[1 + K + K * d + (k * d + (l > j ? l : j)) * d + (l > j ? j : l)];
            }
            free(t);
        }
    }
    free(part);
    free(p.L);
    free(p.c);
    return st;
}

em_status em_mstep_from_stats(em_gmm *m, const em_stats *st, size_t n, double reg,
                              int fixed_weights)
{
    size_t K = m->K, d = m->d;
    double *dm = malloc(d * sizeof *dm);
    if (!dm)
        return EM_ENOMEM;
    for (size_t k = 0; k < K; k++) {
        double Nk = st->N[k], *mu = m->mean + k * d, *Sigma = m->cov + k * d * d;
        for (size_t j = 0; j < d; j++)
            dm[j] = st->s[k * d + j] / Nk; /* mu_new - c_k */
        for (size_t j = 0; j < d; j++)
            for (size_t l = 0; l < d; l++)
                Sigma[j * d + l] = st->S[(k * d + j) * d + l] / Nk - dm[j] * dm[l];
        for (size_t j = 0; j < d; j++) {
            mu[j] += dm[j];
            Sigma[j * d + j] += reg;
        }
        m->weight[k] = fixed_weights ? 1.0 / (double)K : Nk / (double)n;
    }
    free(dm);
    return EM_OK;
}
