/* em.c — the E-step, the M-step, the log-likelihood and the fit loop. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "dataset.h"
#include "em.h"
#include "estep.h"

em_options em_default_options(void)
{
    em_options o = {.max_iter = 100, .tol = 1e-4, .reg = 1e-6};
    return o;
}

/* One pass over the data (estep.c): a_ik = log pi_k + log N(x_i | k),
 * l_i = logsumexp_k a_ik, gamma_ik = exp(a_ik - l_i). */
static em_status e_pass(const em_gmm *m, const double *x, size_t n, double *resp,
                        double *loglik, size_t *bad_k)
{
    return em_estep(m, x, n, resp, loglik, NULL, bad_k);
}

em_status em_e_step(const em_gmm *m, const double *x, size_t n, double *resp,
                    double *loglik, size_t *bad_k)
{
    return e_pass(m, x, n, resp, loglik, bad_k);
}

em_status em_log_likelihood(const em_gmm *m, const double *x, size_t n,
                            double *sum, double *mean)
{
    double l = 0.0;
    em_status st = e_pass(m, x, n, NULL, &l, NULL);
    if (st)
        return st;
    if (sum)
        *sum = l;
    if (mean)
        *mean = n ? l / (double)n : 0.0;
    return EM_OK;
}

void em_weighted_moments(const double *x, size_t n, size_t d, const double *resp,
                         size_t K, size_t k, double *N, double *mu, double *S)
{
    double Nk = 0.0;
    for (size_t i = 0; i < n; i++)
        Nk += resp ? resp[i * K + k] : 1.0;
    *N = Nk;
    if (!(Nk > 0.0))
        return;
    /* mu = (1/N) sum_i w_i x_i */
    for (size_t j = 0; j < d; j++) {
        double s = 0.0;
        for (size_t i = 0; i < n; i++)
            s += (resp ? resp[i * K + k] : 1.0) * x[i * d + j];
        mu[j] = s / Nk;
    }
    /* S = (1/N) sum_i w_i (x_i - mu)(x_i - mu)^T, lower triangle, mirrored */
    for (size_t j = 0; j < d; j++)
        for (size_t l = 0; l <= j; l++) {
            double s = 0.0;
            for (size_t i = 0; i < n; i++)
                s += (resp ? resp[i * K + k] : 1.0) * (x[i * d + j] - mu[j])
                     * (x[i * d + l] - mu[l]);
            S[j * d + l] = S[l * d + j] = s / Nk;
        }
}

/* Squared Euclidean distance from x_i to the nearest mean among the
 * components that are not empty. */
static double nearest_live_mean2(const em_gmm *m, const double *xi, const char *empty)
{
    double best = INFINITY;
    for (size_t k = 0; k < m->K; k++) {
        if (empty[k])
            continue;
        double s = 0.0;
        for (size_t j = 0; j < m->d; j++) {
            double t = xi[j] - m->mean[k * m->d + j];
            s += t * t;
        }
        if (s < best)
            best = s;
    }
    return best;
}

/* Restart empty component k: mean at the point farthest from every live
 * mean, covariance of the whole data (the floor comes with the others'),
 * weight 1/n. */
static void restart_component(em_gmm *m, size_t k, const double *x, size_t n,
                              const char *empty)
{
    size_t d = m->d, far = 0;
    double worst = -1.0;
    for (size_t i = 0; i < n; i++) {
        double dist = nearest_live_mean2(m, x + i * d, empty);
        if (dist > worst) {
            worst = dist;
            far = i;
        }
    }
    double N, *Sigma = m->cov + k * d * d;
    em_weighted_moments(x, n, d, NULL, 1, 0, &N, m->mean + k * d, Sigma);
    memcpy(m->mean + k * d, x + far * d, d * sizeof *x);
    m->weight[k] = 1.0 / (double)n;
}

void em_add_floor(em_gmm *m, double reg)
{
    for (size_t k = 0; k < m->K; k++)
        for (size_t j = 0; j < m->d; j++)
            m->cov[(k * m->d + j) * m->d + j] += reg;
}

em_status em_m_step(em_gmm *m, const double *x, size_t n, const double *resp,
                    const em_options *opt, em_mstep_info *info)
{
    size_t K = m->K, d = m->d;
    char *empty = calloc(K, 1);
    double *N = calloc(K, sizeof *N);
    if (!empty || !N) {
        free(empty);
        free(N);
        return EM_ENOMEM;
    }
    em_mstep_info found = {0, 0};
    for (size_t k = 0; k < K; k++) {
        em_weighted_moments(x, n, d, resp, K, k, &N[k], m->mean + k * d, m->cov + k * d * d);
        if (N[k] < EM_EMPTY_NK) {
            if (found.n_empty++ == 0)
                found.first_empty = k;
            empty[k] = 1;
            continue;
        }
        m->weight[k] = opt->fixed_weights ? 1.0 / (double)K : N[k] / (double)n;
    }
    for (size_t k = 0; k < K; k++)
        if (empty[k])
            restart_component(m, k, x, n, empty);
    em_cov_restrict(m, N); /* the family's Sigma_k (covtype.h) */
    em_add_floor(m, opt->reg);
    if (found.n_empty) {
        double sum = 0.0;
        for (size_t k = 0; k < K; k++)
            sum += m->weight[k] = opt->fixed_weights ? 1.0 / (double)K : m->weight[k];
        for (size_t k = 0; k < K; k++)
            m->weight[k] /= sum;
    }
    free(empty);
    free(N);
    if (info)
        *info = found;
    return EM_OK;
}
