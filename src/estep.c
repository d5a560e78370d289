/* estep.c — the E-step and the M-step's statistics in one pass. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "estep.h"
#include "linalg.h"

enum { BLOCK = 4096 }; /* points per block: the unit of work and of summing */

/* The kernel (block() below, with what it inlines) is compiled three times
 * by GCC on x86-64, for AVX-512, for AVX2 and for any x86-64 (SSE2), and the
 * first call picks the widest this processor has (function multiversioning,
 * through an ifunc): one binary, fast everywhere, and it runs under
 * valgrind, which knows no AVX-512. Elsewhere (other processors, clang, or
 * -DEM_NO_TARGET_CLONES) it is compiled once, for the build's target. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) && \
    !defined(EM_NO_TARGET_CLONES)
#define EM_TARGET_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define EM_TARGET_CLONES
#endif
/* what block() calls must be inlined into each of its versions, to be
 * compiled for that version's vectors */
#if defined(__GNUC__)
#define EM_INLINE static inline __attribute__((always_inline))
#else
#define EM_INLINE static inline
#endif

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
    int diagonal; /* diag or spherical: L and the scatter are diagonal, and
                   * the work off the diagonal (all zeros) is skipped */
} prepared;

static em_status prepare(const em_gmm *m, prepared *p, size_t *bad_k)
{
    size_t K = m->K, d = m->d;
    p->K = K;
    p->d = d;
    p->mu = m->mean;
    p->diagonal = m->type == EM_COV_DIAG || m->type == EM_COV_SPHERICAL;
    p->L = malloc(K * d * d * sizeof *p->L);
    p->c = malloc(K * sizeof *p->c);
    if (!p->L || !p->c)
        return EM_ENOMEM;
    double logdet = 0.0;
    for (size_t k = 0; k < K; k++) {
        double *L = p->L + k * d * d;
        if (m->type == EM_COV_TIED && k > 0) { /* one Sigma: factored once */
            memcpy(L, p->L, d * d * sizeof *L); /* its diagonal already inverted */
        } else {
            if (em_cholesky(d, m->cov + k * d * d, L)) {
                if (bad_k)
                    *bad_k = k;
                return EM_ESINGULAR;
            }
            logdet = em_chol_logdet(d, L);
            for (size_t j = 0; j < d; j++)
                L[j * d + j] = 1.0 / L[j * d + j];
        }
        p->c[k] = log(m->weight[k]) - 0.5 * ((double)d * 1.8378770664093454836 + logdet);
    }
    return EM_OK;
}

/* exp(x) for x <= 0 in a form the compiler turns into vector code (glibc's
 * exp is one call per number). With x = n log 2 + r, |r| <= log(2)/2,
 * exp(x) = 2^n exp(r): n by rounding x / log 2 (adding 1.5 * 2^52 rounds
 * to an integer and leaves it in the low bits), r in two parts (Cody and
 * Waite) so that no precision is lost, exp(r) by its Taylor series to r^13
 * (truncation error below 1e-17), 2^n by writing n + 1023 into a double's
 * exponent bits. Below -708, where 2^n is no normal double, it gives 0:
 * such a responsibility is below 1e-307 anyway. Within 2 ulp of exp(x). */
EM_INLINE double exp_nonpositive(double x)
{
    const double shifter = 6755399441055744.0; /* 1.5 * 2^52 */
    const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
    double keep = x > -708.0 ? 1.0 : 0.0;
    x = x > -708.0 ? x : -708.0;
    double t = x * 1.4426950408889634074 + shifter, n = t - shifter;
    double r = (x - n * ln2_hi) - n * ln2_lo;
    /* sum_{c <= 13} r^c / c! by Estrin's scheme: pairs c_i + c_{i+1} r,
     * joined by r^2, r^4 and r^8, so that the chain of dependent operations
     * is 5 long instead of Horner's 13 and the vector units stay busy
     * (within 2 ulp of exp, as Horner's is within 1; measured on 2 * 10^7
     * points of [-708, 0]) */
    double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    double p01 = 1.0 + r, p23 = 0.5 + r * (1.0 / 6.0);
    double p45 = 1.0 / 24.0 + r * (1.0 / 120.0), p67 = 1.0 / 720.0 + r * (1.0 / 5040.0);
    double p89 = 1.0 / 40320.0 + r * (1.0 / 362880.0);
    double p1011 = 1.0 / 3628800.0 + r * (1.0 / 39916800.0);
    double p1213 = 1.0 / 479001600.0 + r * (1.0 / 6227020800.0);
    double q0 = p01 + r2 * p23, q1 = p45 + r2 * p67, q2 = p89 + r2 * p1011;
    double p = (q0 + r4 * q1) + r8 * (q2 + r4 * p1213);
    uint64_t bits;
    memcpy(&bits, &t, sizeof bits);
    bits = (bits + (uint64_t)(1023 - 2251799813685248LL)) << 52; /* low bits hold n + 2^51 */
    double scale;
    memcpy(&scale, &bits, sizeof scale);
    return keep * (p * scale);
}

enum { CHUNK = 64 }; /* points handled together inside a block, for the vector units */

/* log pi_k N(x_i | mu_k, Sigma_k) for m <= CHUNK points: a[k * CHUNK + i].
 * The points come transposed, x[j * CHUNK + i], so that every loop over i
 * reads consecutive numbers. */
EM_INLINE void log_joint_chunk(const prepared *p, const double *restrict x, size_t m,
                               double *restrict a, double *restrict y)
{
    size_t K = p->K, d = p->d;
    for (size_t k = 0; k < K; k++) {
        const double *L = p->L + k * d * d, *mu = p->mu + k * d;
        double *restrict ak = a + k * CHUNK, ck = p->c[k];
#pragma omp simd
        for (size_t i = 0; i < m; i++)
            ak[i] = ck;
        if (p->diagonal) { /* L = diag(sigma_kj): a -= (x_j - mu_j)^2 / (2 sigma_kj^2) */
            for (size_t j = 0; j < d; j++) {
                double h = 0.5 * L[j * d + j] * L[j * d + j], muj = mu[j];
#pragma omp simd
                for (size_t i = 0; i < m; i++) {
                    double t = x[j * CHUNK + i] - muj;
                    ak[i] -= h * t * t;
                }
            }
            continue;
        }
        /* forward substitution, a row of L at a time, every point at once:
         * y_j = (x_j - mu_j - sum_{l<j} L_jl y_l) / L_jj, and a -= y_j^2 / 2 */
        for (size_t j = 0; j < d; j++) {
            double *restrict yj = y + j * CHUNK, inv = L[j * d + j], muj = mu[j];
#pragma omp simd
            for (size_t i = 0; i < m; i++)
                yj[i] = x[j * CHUNK + i] - muj;
            for (size_t l = 0; l < j; l++) {
                const double *restrict yl = y + l * CHUNK;
                double Ljl = L[j * d + l];
#pragma omp simd
                for (size_t i = 0; i < m; i++)
                    yj[i] -= Ljl * yl[i];
            }
#pragma omp simd
            for (size_t i = 0; i < m; i++) {
                yj[i] *= inv;
                ak[i] -= 0.5 * yj[i] * yj[i];
            }
        }
    }
}

/* A block's sums over its points are kept in LANES running sums, point i of
 * a chunk in sum i % LANES (a chunk's last points padded with zeros), and
 * these added up in a fixed order at the block's end: the same bits whichever
 * version of block() runs, with or without OpenMP (an OpenMP simd reduction
 * adds in an order set by the vector width). */
enum { LANES = 8 };
_Static_assert(LANES == 8 && CHUNK % LANES == 0, "lanes_total adds 8; a chunk holds whole lanes");

EM_INLINE double lanes_total(const double *v)
{
    return ((v[0] + v[4]) + (v[2] + v[6])) + ((v[1] + v[5]) + (v[3] + v[7]));
}

/* One block's share: its points' responsibilities, and its partial sums
 * (log-likelihood first, then N, s, S) in part. scratch holds
 * (K + 2 d + 2) * CHUNK + width * LANES doubles, width = 1 + K + K d + K d d. */
EM_TARGET_CLONES
static int block(const prepared *p, const double *x, size_t from, size_t to, double *resp,
                 double *part, int want_stats, double *scratch)
{
    size_t K = p->K, d = p->d, width = 1 + K + K * d + K * d * d;
    double *restrict a = scratch, *restrict y = a + K * CHUNK, *restrict top = y + d * CHUNK;
    double *restrict sum = top + CHUNK, *restrict xt = sum + CHUNK;
    double *restrict acc = xt + d * CHUNK; /* part's N, s, S, as lane sums */
    memset(acc, 0, width * LANES * sizeof *acc);
    for (size_t i0 = from; i0 < to; i0 += CHUNK) {
        size_t m = to - i0 < CHUNK ? to - i0 : CHUNK;
        size_t mp = (m + LANES - 1) / LANES * LANES; /* padded with zeros for the lanes */
        for (size_t i = 0; i < m; i++) /* the chunk's points, transposed */
            for (size_t j = 0; j < d; j++)
                xt[j * CHUNK + i] = x[(i0 + i) * d + j];
        for (size_t j = 0; j < d; j++)
            for (size_t i = m; i < mp; i++)
                xt[j * CHUNK + i] = 0.0;
        log_joint_chunk(p, xt, m, a, y);
        for (size_t i = 0; i < m; i++) {
            top[i] = a[i];
            sum[i] = 0.0;
        }
        for (size_t k = 1; k < K; k++) {
            const double *restrict ak = a + k * CHUNK;
#pragma omp simd
            for (size_t i = 0; i < m; i++)
                top[i] = ak[i] > top[i] ? ak[i] : top[i];
        }
        for (size_t i = 0; i < m; i++)
            if (!isfinite(top[i]))
                return 0; /* zero density everywhere, or a NaN */
        /* log-sum-exp (logsumexp.h's, in vector form): e_ik = exp(a_ik - top_i)
         * lies in [0, 1], the largest is 1 */
        for (size_t k = 0; k < K; k++) {
            double *restrict ak = a + k * CHUNK;
#pragma omp simd
            for (size_t i = 0; i < m; i++) {
                double e = exp_nonpositive(ak[i] - top[i]);
                ak[i] = e;
                sum[i] += e;
            }
        }
        /* log p(x_i) = top_i + log sum_i. Each sum_i lies in [1, K], so the
         * product of 16 of them cannot overflow (for K < 10^19): one log for
         * 16 points instead of 16. */
        double l = part[0]; /* in a register: the same additions, in the same order */
        for (size_t i = 0; i < m; i += 16) {
            double prod = 1.0;
            for (size_t q = i; q < m && q < i + 16; q++) {
                l += top[q];
                prod *= sum[q];
            }
            l += log(prod);
        }
        part[0] = l;
#pragma omp simd
        for (size_t i = 0; i < m; i++)
            sum[i] = 1.0 / sum[i];
        for (size_t k = 0; k < K; k++) {
            double *restrict gk = a + k * CHUNK; /* gamma_ik = e_ik / sum_k e_ik */
#pragma omp simd
            for (size_t i = 0; i < m; i++)
                gk[i] *= sum[i];
            if (!want_stats)
                continue;
            for (size_t i = m; i < mp; i++)
                gk[i] = 0.0;
            const double *mu = p->mu + k * d;
            double nk[LANES] = {0};
            for (size_t i = 0; i < mp; i += LANES)
                for (size_t q = 0; q < LANES; q++)
                    nk[q] += gk[i + q];
            for (size_t q = 0; q < LANES; q++)
                acc[(1 + k) * LANES + q] += nk[q];
            for (size_t j = 0; j < d; j++) /* S_k: its diagonal alone when diagonal */
                for (size_t l = p->diagonal ? j : 0; l <= j; l++) {
                    double sj[LANES] = {0}, sjl[LANES] = {0}, muj = mu[j], mul = mu[l];
                    const double *restrict xj = xt + j * CHUNK, *restrict xl = xt + l * CHUNK;
                    for (size_t i = 0; i < mp; i += LANES)
                        for (size_t q = 0; q < LANES; q++) {
                            double dj = xj[i + q] - muj, dl = xl[i + q] - mul;
                            sj[q] += gk[i + q] * dj;
                            sjl[q] += gk[i + q] * dj * dl;
                        }
                    double *restrict accs = acc + (1 + K + k * d + j) * LANES;
                    double *restrict accS = acc + (1 + K + K * d + (k * d + j) * d + l) * LANES;
                    if (l == (p->diagonal ? j : 0)) /* s_kj, once */
#pragma omp simd
                        for (size_t q = 0; q < LANES; q++)
                            accs[q] += sj[q];
#pragma omp simd
                    for (size_t q = 0; q < LANES; q++)
                        accS[q] += sjl[q];
                }
        }
        if (resp) /* row by row: the stores run through memory in order */
            for (size_t i = 0; i < m; i++)
                for (size_t k = 0; k < K; k++)
                    resp[(i0 + i) * K + k] = a[k * CHUNK + i];
    }
    for (size_t v = 1; v < width; v++)
        part[v] += lanes_total(acc + v * LANES);
    return 1;
}

/* All the blocks, on all cores; part holds n_blocks rows of `width`. */
static int all_blocks(const prepared *p, const double *x, size_t n, double *resp, double *part,
                      size_t width, int want_stats)
{
    size_t K = p->K, d = p->d, n_blocks = (n + BLOCK - 1) / BLOCK;
    int ok = 1;
#pragma omp parallel if (n_blocks > 1) /* one block: no threads to wake */
    {
        double *scratch = malloc(((K + 2 * d + 2) * CHUNK + width * LANES) * sizeof *scratch);
        if (!scratch) {
#pragma omp atomic write
            ok = 0;
        }
#pragma omp for schedule(static)
        for (size_t b = 0; b < n_blocks; b++) {
            size_t to = (b + 1) * BLOCK < n ? (b + 1) * BLOCK : n;
            if (scratch && !block(p, x, b * BLOCK, to, resp, part + b * width, want_stats,
                                  scratch)) {
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
        for (size_t j = 0; j < d; j++)
            mu[j] += dm[j];
        m->weight[k] = fixed_weights ? 1.0 / (double)K : Nk / (double)n;
    }
    em_cov_restrict(m, st->N); /* the family's Sigma_k (covtype.h) */
    em_add_floor(m, reg);
    free(dm);
    return EM_OK;
}
