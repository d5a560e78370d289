/* em.h — Expectation-Maximization for Gaussian mixtures.
 *
 * EM alternates two steps until the log-likelihood stops improving
 * (Bishop, PRML section 9.2.2):
 *
 *   E-step (eq. 9.23)   gamma_ik = pi_k N(x_i | mu_k, Sigma_k)
 *                                  / sum_j pi_j N(x_i | mu_j, Sigma_j)
 *
 *   M-step (9.24-9.27)  N_k      = sum_i gamma_ik
 *                       mu_k     = (1 / N_k) sum_i gamma_ik x_i
 *                       Sigma_k  = (1 / N_k) sum_i gamma_ik (x_i - mu_k)(x_i - mu_k)^T
 *                       pi_k     = N_k / n
 *
 *   log-likelihood (9.28)  l = sum_i log sum_k pi_k N(x_i | mu_k, Sigma_k)
 *
 * Note that Sigma_k is taken around the *new* mu_k. Each EM iteration never
 * decreases l: that is the theorem that makes EM work, and the tests check it.
 *
 * EM knows nothing of plotting: pass an observer to em_fit and it is called
 * after every iteration with the model, the responsibilities and l.
 */
#ifndef EMLAB_EM_H
#define EMLAB_EM_H

#include <stddef.h>
#include "gmm.h"
#include "status.h"

/* Called after iteration `iter` (0 = the initial model) with the model
 * theta_iter, its responsibilities gamma (n x K) and its log-likelihood.
 * Return 0 to go on, nonzero to stop the fit early. */
typedef int (*em_observer)(size_t iter, const em_gmm *model, const double *resp,
                           double loglik, void *ctx);

typedef struct em_options {
    size_t max_iter;      /* at most this many iterations (M-steps)          */
    double tol;           /* stop when l_t - l_{t-1} < tol; 0: never stop early */
    double reg;           /* variance floor added to every Sigma_k's diagonal */
    int fixed_weights;    /* hold pi_k = 1/K (notebook 000), don't update pi  */
    em_observer observer; /* NULL, or called after every iteration           */
    void *observer_ctx;   /* passed to the observer                          */
} em_options;

/* max_iter 100, tol 1e-4 (notebook 003's rule, on the summed
 * log-likelihood), reg 1e-6, weights updated, no observer. */
em_options em_default_options(void);

/* A component whose N_k falls below this many points is empty. */
#define EM_EMPTY_NK 1e-10

typedef struct em_mstep_info {
    size_t n_empty;     /* components found empty and restarted this step */
    size_t first_empty; /* the first of them (valid if n_empty > 0)        */
} em_mstep_info;

/* E-step: responsibilities gamma (n x K) of model m for points x (n x d),
 * computed as gamma_ik = exp(a_ik - logsumexp_k a_ik) with a_ik = log pi_k +
 * log N(x_i | k), so nothing underflows even 40 sigma from every mean.
 * If loglik is not NULL it receives l = sum_i logsumexp_k a_ik, for free.
 * Returns EM_ESINGULAR (*bad_k set, if not NULL), EM_ENONFINITE (a point
 * with zero density under every component), or EM_ENOMEM. */
em_status em_e_step(const em_gmm *m, const double *x, size_t n, double *resp,
                    double *loglik, size_t *bad_k);

/* M-step: new pi, mu, Sigma from gamma (eqs. 9.24-9.27), Sigma_k around the
 * new mu_k, kept in m's family (em_cov_restrict: diagonal, spherical or
 * tied if m->type says so), plus opt->reg on its diagonal; pi_k = 1/K if
 * opt->fixed_weights.
 * A component with N_k < EM_EMPTY_NK has lost all its points: it is
 * restarted at the data point farthest from every other mean, with the
 * covariance of the whole data set (+ reg) and weight 1/n (then all weights
 * are renormalised), and counted in *info. Can't fail but for EM_ENOMEM. */
em_status em_m_step(em_gmm *m, const double *x, size_t n, const double *resp,
                    const em_options *opt, em_mstep_info *info);

/* The variance floor: reg added to every Sigma_k's diagonal. Can't fail. */
void em_add_floor(em_gmm *m, double reg);

/* l = sum_i log p(x_i), and l / n in *mean (if not NULL).
 * Returns EM_ESINGULAR, EM_ENONFINITE or EM_ENOMEM like em_e_step. */
em_status em_log_likelihood(const em_gmm *m, const double *x, size_t n,
                            double *sum, double *mean);

/* Weighted moments of the points x (n x d) under weights w_i = resp[i*K+k]
 * (all 1 when resp is NULL):
 *   N = sum_i w_i,  mu = (1/N) sum_i w_i x_i,
 *   S = (1/N) sum_i w_i (x_i - mu)(x_i - mu)^T      (d x d)
 * in two passes, so S is taken around the final mu. If N is 0, mu and S are
 * left untouched. Can't fail. */
void em_weighted_moments(const double *x, size_t n, size_t d, const double *resp,
                         size_t K, size_t k, double *N, double *mu, double *S);

typedef struct em_result {
    size_t iterations;  /* EM iterations done                               */
    int converged;      /* stopped by tol (not max_iter, not the observer)  */
    double loglik;      /* l of the final model                            */
    double *history;    /* l_0 .. l_iterations (free with em_result_free)   */
    size_t n_empty;     /* empty components restarted, over the whole fit   */
    size_t last_empty;  /* the last one restarted                          */
    size_t bad_k;       /* on EM_ESINGULAR: the component                  */
    size_t bad_index;   /* on EM_ENONFINITE: the first bad value of x       */
} em_result;

/* Fit by EM from the model in m (see init.h for starting points):
 * E-step on theta_0, observer(0); then for t = 1..max_iter: M-step, E-step,
 * record l_t, observer(t), stop if tol > 0 and l_t - l_{t-1} < tol.
 * resp (n x K) receives the final responsibilities if not NULL.
 * Returns EM_OK, or: EM_ETOOFEW (n < K), EM_ENONFINITE (data or model not
 * finite, res->bad_index), EM_EINVAL (m is not a mixture), EM_ESINGULAR
 * (a covariance not positive definite even after reg, res->bad_k), or
 * EM_ENOMEM. On an error during the iterations m keeps the last good
 * model and res the history up to it. */
em_status em_fit(em_gmm *m, const double *x, size_t n, const em_options *opt,
                 double *resp, em_result *res);

void em_result_free(em_result *res);

#endif
