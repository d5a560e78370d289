/* gmm.c — the mixture: storage, density, sampling. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gmm.h"
#include "linalg.h"
#include "logsumexp.h"

em_status em_gmm_alloc(em_gmm *m, size_t K, size_t d)
{
    memset(m, 0, sizeof *m);
    if (K < 1 || d < 1)
        return EM_EINVAL;
    m->K = K;
    m->d = d;
    m->weight = calloc(K, sizeof *m->weight);
    m->mean = calloc(K * d, sizeof *m->mean);
    m->cov = calloc(K * d * d, sizeof *m->cov);
    if (!m->weight || !m->mean || !m->cov) {
        em_gmm_free(m);
        return EM_ENOMEM;
    }
    return EM_OK;
}

void em_gmm_free(em_gmm *m)
{
    free(m->weight);
    free(m->mean);
    free(m->cov);
    memset(m, 0, sizeof *m);
}

em_status em_gmm_copy(em_gmm *dst, const em_gmm *src)
{
    if (dst->K != src->K || dst->d != src->d)
        return EM_EINVAL;
    size_t K = src->K, d = src->d;
    memcpy(dst->weight, src->weight, K * sizeof *dst->weight);
    memcpy(dst->mean, src->mean, K * d * sizeof *dst->mean);
    memcpy(dst->cov, src->cov, K * d * d * sizeof *dst->cov);
    dst->type = src->type;
    return EM_OK;
}

/* Sigma_k symmetric to rounding: |S_jl - S_lj| <= 1e-12 (|S_jl| + |S_lj|). */
static int is_symmetric(size_t d, const double *S)
{
    for (size_t j = 0; j < d; j++)
        for (size_t l = 0; l < j; l++) {
            double a = S[j * d + l], b = S[l * d + j];
            if (fabs(a - b) > 1e-12 * (fabs(a) + fabs(b)))
                return 0;
        }
    return 1;
}

em_status em_gmm_validate(const em_gmm *m, size_t *bad_k)
{
    size_t K = m->K, d = m->d, dd = d * d;
    double *L = malloc(dd * sizeof *L);
    if (!L)
        return EM_ENOMEM;
    double sum = 0.0;
    em_status st = EM_OK;
    size_t k;
    for (k = 0; k < K && st == EM_OK; k++) {
        const double *S = m->cov + k * dd;
        for (size_t j = 0; j < d; j++)
            if (!isfinite(m->mean[k * d + j]))
                st = EM_ENONFINITE;
        for (size_t j = 0; j < dd; j++)
            if (!isfinite(S[j]))
                st = EM_ENONFINITE;
        if (!isfinite(m->weight[k]))
            st = EM_ENONFINITE;
        else if (m->weight[k] < 0.0)
            st = EM_EINVAL;
        if (st == EM_OK && (!is_symmetric(d, S) || em_cholesky(d, S, L)))
            st = EM_ESINGULAR;
        sum += m->weight[k];
    }
    free(L);
    if (st && bad_k)
        *bad_k = k - 1;
    if (st == EM_OK && fabs(sum - 1.0) > 1e-6) {
        st = EM_EINVAL;
        if (bad_k)
            *bad_k = K; /* no single component: the sum is off */
    }
    return st;
}

void em_gmm_eval_free(em_gmm_eval *ev)
{
    if (ev->comp)
        for (size_t k = 0; k < ev->K; k++)
            em_mvn_free(&ev->comp[k]);
    free(ev->comp);
    free(ev->logw);
    memset(ev, 0, sizeof *ev);
}

em_status em_gmm_eval_init(em_gmm_eval *ev, const em_gmm *m, size_t *bad_k)
{
    memset(ev, 0, sizeof *ev);
    ev->K = m->K;
    ev->d = m->d;
    ev->comp = calloc(m->K, sizeof *ev->comp);
    ev->logw = malloc(m->K * sizeof *ev->logw);
    if (!ev->comp || !ev->logw) {
        em_gmm_eval_free(ev);
        return EM_ENOMEM;
    }
    size_t d = m->d;
    for (size_t k = 0; k < m->K; k++) {
        em_status st = em_mvn_init(&ev->comp[k], d, m->mean + k * d, m->cov + k * d * d);
        if (st) {
            if (bad_k)
                *bad_k = k;
            em_gmm_eval_free(ev);
            return st;
        }
        ev->logw[k] = log(m->weight[k]); /* log 0 = -inf: never responsible */
    }
    return EM_OK;
}

void em_gmm_log_joint(const em_gmm_eval *ev, const double *x, double *a)
{
    for (size_t k = 0; k < ev->K; k++)
        a[k] = ev->logw[k] + em_mvn_logpdf(&ev->comp[k], x);
}

em_status em_gmm_log_density(const em_gmm *m, const double *x, size_t n, double *logp)
{
    em_gmm_eval ev;
    em_status st = em_gmm_eval_init(&ev, m, NULL);
    if (st)
        return st;
    double *a = malloc(m->K * sizeof *a);
    if (!a) {
        em_gmm_eval_free(&ev);
        return EM_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        em_gmm_log_joint(&ev, x + i * m->d, a);
        logp[i] = em_logsumexp(a, m->K); /* log sum_k pi_k N(x_i | k) */
    }
    free(a);
    em_gmm_eval_free(&ev);
    return EM_OK;
}

em_status em_gmm_curves_1d(const em_gmm *m, double lo, double hi, size_t npts, double *x,
                           double *comp, double *mix)
{
    if (m->d != 1 || npts < 2)
        return EM_EINVAL;
    for (size_t g = 0; g < npts; g++)
        x[g] = lo + (double)g * (hi - lo) / (double)(npts - 1);
    return em_gmm_density_1d(m, x, npts, comp, mix);
}

em_status em_gmm_density_1d(const em_gmm *m, const double *x, size_t npts, double *comp,
                            double *mix)
{
    if (m->d != 1)
        return EM_EINVAL;
    em_gmm_eval ev;
    em_status st = em_gmm_eval_init(&ev, m, NULL);
    if (st)
        return st;
    size_t K = m->K;
    for (size_t g = 0; g < npts; g++) {
        em_gmm_log_joint(&ev, &x[g], comp + g * K); /* log pi_k N(x_g | k) */
        mix[g] = 0.0;
        for (size_t k = 0; k < K; k++)
            mix[g] += comp[g * K + k] = exp(comp[g * K + k]);
    }
    em_gmm_eval_free(&ev);
    return EM_OK;
}

em_status em_gmm_sample(const em_gmm *m, em_rng *r, size_t n, double *x, size_t *z)
{
    size_t K = m->K, d = m->d;
    em_gmm_eval ev;
    em_status st = em_gmm_eval_init(&ev, m, NULL);
    if (st)
        return st;
    double *cum = malloc(K * sizeof *cum);
    size_t *label = z ? z : malloc(n * sizeof *label);
    if (!cum || !label) {
        free(cum);
        if (!z)
            free(label);
        em_gmm_eval_free(&ev);
        return EM_ENOMEM;
    }
    /* cum_k = pi_0 + ... + pi_k: the inverse CDF of the label */
    double acc = 0.0;
    for (size_t k = 0; k < K; k++)
        cum[k] = acc += m->weight[k];
    for (size_t i = 0; i < n; i++)
        label[i] = em_rng_categorical(r, cum, K);
    /* x_i = mu_k + L_k z_i: all the normals z first, in the same order as
     * one point after the other, then the products (in place, row j from
     * the last down, as row j of L z reads z_0..z_j only) */
    for (size_t v = 0; v < n * d; v++)
        x[v] = em_rng_gauss(r);
    for (size_t i = 0; i < n; i++) {
        const em_mvn *g = &ev.comp[label[i]];
        double *xi = x + i * d;
        for (size_t j = d; j-- > 0;) {
            double s = g->mu[j];
            for (size_t l = 0; l <= j; l++)
                s += g->L[j * d + l] * xi[l];
            xi[j] = s;
        }
    }
    free(cum);
    if (!z)
        free(label);
    em_gmm_eval_free(&ev);
    return EM_OK;
}

size_t em_gmm_free_params(em_cov_type type, size_t K, size_t d, int fixed_weights)
{
    return (fixed_weights ? 0 : K - 1) + K * d + em_cov_params(type, K, d);
}

em_status em_gmm_random(em_gmm *m, em_rng *r)
{
    size_t K = m->K, d = m->d;
    double *A = malloc(d * d * sizeof *A), total = 0.0;
    if (!A)
        return EM_ENOMEM;
    for (size_t v = 0; v < K * d; v++)
        m->mean[v] = 20.0 * (em_rng_uniform(r) - 0.5);
    for (size_t k = 0; k < K; k++) {
        for (size_t v = 0; v < d * d; v++)
            A[v] = em_rng_gauss(r);
        double *S = m->cov + k * d * d;
        for (size_t j = 0; j < d; j++)
            for (size_t l = 0; l < d; l++) {
                double s = j == l ? 0.05 : 0.0;
                for (size_t i = 0; i < d; i++)
                    s += A[i * d + j] * A[i * d + l] / (double)d;
                S[j * d + l] = s;
            }
    }
    for (size_t k = 0; k < K; k++)
        total += m->weight[k] = em_rng_uniform(r);
    for (size_t k = 0; k < K; k++)
        m->weight[k] /= total;
    free(A);
    return EM_OK;
}
