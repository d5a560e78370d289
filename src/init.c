/* init.c — starting points for EM. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "init.h"
#include "linalg.h"

/* Every Sigma_k = the data's population covariance, every pi_k = 1/K. */
static em_status data_spread(em_gmm *m, const double *x, size_t n)
{
    size_t K = m->K, d = m->d, dd = d * d;
    double N, *mu = malloc(d * sizeof *mu), *L = malloc(dd * sizeof *L);
    em_status st = mu && L ? EM_OK : EM_ENOMEM;
    if (st == EM_OK)
        em_weighted_moments(x, n, d, NULL, 1, 0, &N, mu, m->cov);
    for (size_t k = 0; st == EM_OK && k < K; k++) {
        if (k > 0)
            memcpy(m->cov + k * dd, m->cov, dd * sizeof *m->cov);
        m->weight[k] = 1.0 / (double)K;
    }
    if (st == EM_OK) { /* no spread in some direction (all points equal, say)... */
        em_cov_restrict(m, NULL); /* ...that the family keeps (covtype.h) */
        st = em_cholesky(d, m->cov, L);
    }
    free(mu);
    free(L);
    return st;
}

em_status em_init_from_data(em_gmm *m, const double *x, size_t n, em_rng *r)
{
    if (n < m->K)
        return EM_ETOOFEW;
    size_t d = m->d;
    for (size_t k = 0; k < m->K; k++) {
        size_t c = em_rng_choice(r, n);
        memcpy(m->mean + k * d, x + c * d, d * sizeof *x);
    }
    return data_spread(m, x, n);
}

em_status em_init_dirichlet(em_gmm *m, const double *x, size_t n, em_rng *r,
                            const em_options *opt, double *resp)
{
    size_t K = m->K;
    if (n < K)
        return EM_ETOOFEW;
    double *g = resp ? resp : malloc(n * K * sizeof *g);
    double *alpha = malloc(K * sizeof *alpha);
    em_status st = g && alpha ? EM_OK : EM_ENOMEM;
    for (size_t k = 0; st == EM_OK && k < K; k++)
        alpha[k] = 1.0;
    for (size_t i = 0; st == EM_OK && i < n; i++)
        st = em_rng_dirichlet(r, alpha, K, g + i * K);
    if (st == EM_OK)
        st = em_m_step(m, x, n, g, opt, NULL);
    free(alpha);
    if (g != resp)
        free(g);
    return st;
}

void em_init_uniform(em_gmm *m, em_rng *r)
{
    size_t K = m->K, d = m->d;
    for (size_t v = 0; v < K * d; v++)
        m->mean[v] = em_rng_uniform(r);
    for (size_t k = 0; k < K; k++) {
        double *Sigma = m->cov + k * d * d;
        for (size_t j = 0; j < d; j++)
            for (size_t l = 0; l < d; l++)
                Sigma[j * d + l] = j == l ? 1.0 : 0.0;
        m->weight[k] = 1.0 / (double)K;
    }
}

/* D2[i] = min(D2[i], |x_i - c|^2) for the newly chosen centre c. */
static void update_nearest(double *D2, const double *x, size_t n, size_t d, const double *c)
{
    for (size_t i = 0; i < n; i++) {
        double s = 0.0;
        for (size_t j = 0; j < d; j++) {
            double t = x[i * d + j] - c[j];
            s += t * t;
        }
        if (s < D2[i])
            D2[i] = s;
    }
}

/* Draw i with probability D2[i] / sum D2 (inverse CDF, one uniform);
 * uniformly if every D2 is 0 (all points already on a centre). */
static size_t draw_by_d2(const double *D2, size_t n, em_rng *r)
{
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += D2[i];
    if (!(total > 0.0))
        return em_rng_choice(r, n);
    double u = em_rng_uniform(r) * total, acc = 0.0;
    for (size_t i = 0; i < n; i++) {
        acc += D2[i];
        if (u < acc)
            return i;
    }
    return n - 1;
}

em_status em_init_kmeanspp(em_gmm *m, const double *x, size_t n, em_rng *r)
{
    size_t K = m->K, d = m->d;
    if (n < K)
        return EM_ETOOFEW;
    double *D2 = malloc(n * sizeof *D2);
    if (!D2)
        return EM_ENOMEM;
    for (size_t i = 0; i < n; i++)
        D2[i] = INFINITY;
    size_t c = em_rng_choice(r, n);
    for (size_t k = 0; k < K; k++) {
        memcpy(m->mean + k * d, x + c * d, d * sizeof *x);
        update_nearest(D2, x, n, d, m->mean + k * d);
        if (k + 1 < K)
            c = draw_by_d2(D2, n, r);
    }
    free(D2);
    return data_spread(m, x, n);
}

em_status em_init_parse(const char *s, em_init_kind *kind)
{
    static const char *const names[4] = {"data", "dirichlet", "random", "kmeans++"};
    for (int i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0) {
            *kind = (em_init_kind)i;
            return EM_OK;
        }
    return EM_EINVAL;
}

/* Data with no spread in some direction (a constant column) give no
 * covariance to start from; with the fit's floor added, as every M-step
 * will add it, they do. */
static em_status with_floor(em_status st, em_gmm *m, const em_options *opt)
{
    size_t d = m->d;
    if (st != EM_ESINGULAR || !opt || !(opt->reg > 0.0))
        return st;
    double *L = malloc(d * d * sizeof *L);
    if (!L)
        return EM_ENOMEM;
    st = EM_OK;
    for (size_t k = 0; k < m->K && st == EM_OK; k++) {
        for (size_t j = 0; j < d; j++)
            m->cov[(k * d + j) * d + j] += opt->reg;
        st = em_cholesky(d, m->cov + k * d * d, L);
    }
    free(L);
    return st;
}

/* The start's covariances kept in m's family, as every M-step keeps them:
 * the data's covariance becomes its diagonal, or its mean variance times I. */
static em_status in_family(em_status st, em_gmm *m)
{
    if (st == EM_OK)
        em_cov_restrict(m, NULL);
    return st;
}

em_status em_init(em_gmm *m, em_init_kind kind, const double *x, size_t n, em_rng *r,
                  const em_options *opt)
{
    switch (kind) {
    case EM_INIT_DATA:
        return in_family(with_floor(em_init_from_data(m, x, n, r), m, opt), m);
    case EM_INIT_DIRICHLET:
        return em_init_dirichlet(m, x, n, r, opt, NULL);
    case EM_INIT_RANDOM:
        if (n < m->K)
            return EM_ETOOFEW;
        em_init_uniform(m, r);
        return EM_OK;
    case EM_INIT_KMEANSPP:
        return in_family(with_floor(em_init_kmeanspp(m, x, n, r), m, opt), m);
    }
    return EM_EINVAL;
}
