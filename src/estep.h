/* estep.h — the E-step as one fast pass over the data (internal).
 *
 * One pass computes, for every point, the responsibilities and log p(x_i),
 * and, if asked, the sufficient statistics the next M-step needs, so that
 * an EM iteration reads the data once:
 *
 *     N_k = sum_i gamma_ik,
 *     s_k = sum_i gamma_ik (x_i - c_k),
 *     S_k = sum_i gamma_ik (x_i - c_k)(x_i - c_k)^T,
 *
 * taken around the current means c_k = mu_k (close to the new ones, so that
 * the covariance S_k/N_k - (s_k/N_k)(s_k/N_k)^T loses no precision). Then
 *
 *     mu_k' = c_k + s_k / N_k,   Sigma_k' = S_k / N_k - (s_k/N_k)(s_k/N_k)^T.
 *
 * The data are cut into fixed blocks of points; blocks run on all cores
 * (OpenMP) and their sums are added in block order, so the result is the
 * same bit for bit whatever the number of threads.
 */
#ifndef EMLAB_ESTEP_H
#define EMLAB_ESTEP_H

#include <stddef.h>
#include "em.h"
#include "gmm.h"
#include "status.h"

typedef struct em_stats {
    size_t K, d;
    double *N;  /* N_k, K                               */
    double *s;  /* s_k, K x d                           */
    double *S;  /* S_k, K x d x d (symmetric, full)     */
} em_stats;

em_status em_stats_alloc(em_stats *st, size_t K, size_t d);
void em_stats_free(em_stats *st);

/* The pass. resp (n x K), loglik and stats may each be NULL when not
 * wanted. Returns EM_ESINGULAR (*bad_k set), EM_ENONFINITE (a point with
 * zero density under every component) or EM_ENOMEM. */
em_status em_estep(const em_gmm *m, const double *x, size_t n, double *resp, double *loglik,
                   em_stats *stats, size_t *bad_k);

/* The M-step from the statistics (see above), plus reg on each diagonal and
 * pi_k = N_k / n (or 1/K with fixed weights). m's means must still be the
 * c_k the statistics were taken around. Returns EM_ENOMEM or EM_OK. */
em_status em_mstep_from_stats(em_gmm *m, const em_stats *st, size_t n, double reg,
                              int fixed_weights);

/* The M-step em_fit takes, for any front end that steps EM by hand: from
 * the statistics st of the last E-step (em_mstep_from_stats), or, when
 * that E-step left a component with N_k < EM_EMPTY_NK, the textbook
 * em_m_step from resp, which restarts it (counted in *info). m must be the
 * model st was gathered under. Returns EM_ENOMEM or EM_OK. */
em_status em_fit_m_step(em_gmm *m, const double *x, size_t n, const double *resp,
                        const em_stats *st, const em_options *opt, em_mstep_info *info);

#endif
