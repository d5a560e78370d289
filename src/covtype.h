/* covtype.h — the four covariance families, by scikit-learn's names.
 *
 *   family     Sigma_k                            covariance numbers chosen
 *   full       any symmetric positive definite    K d (d + 1) / 2
 *   diag       diag(sigma_k1^2, ..., sigma_kd^2)  K d
 *   tied       one Sigma, the same for every k    d (d + 1) / 2
 *   spherical  sigma_k^2 I                        K
 *
 * A mixture always stores full d x d matrices (em_gmm.cov), so that its
 * densities, samples, ellipses and file work alike in every family; its
 * family (em_gmm.type) says which matrices the M-step may choose. Within a
 * family the M-step is PRML eq. 9.25 maximised over that family only: with
 * S_k = (1/N_k) sum_i gamma_ik (x_i - mu_k)(x_i - mu_k)^T the full one,
 *
 *   full       Sigma_k = S_k
 *   diag       Sigma_k = diag(S_k)              (its diagonal, nothing else)
 *   spherical  Sigma_k = (tr S_k / d) I         (the mean variance)
 *   tied       Sigma   = sum_k N_k S_k / sum_k N_k
 *
 * and then the variance floor reg on the diagonal, as scikit-learn adds
 * its reg_covar.
 */
#ifndef EMLAB_COVTYPE_H
#define EMLAB_COVTYPE_H

#include <stddef.h>
#include "status.h"

typedef enum em_cov_type {
    EM_COV_FULL = 0, /* the default: a zeroed mixture is full */
    EM_COV_DIAG,
    EM_COV_TIED,
    EM_COV_SPHERICAL
} em_cov_type;

enum { EM_COV_TYPES = 4 };

/* "full", "diag", "tied", "spherical". */
const char *em_cov_name(em_cov_type type);

/* The family named s. Returns EM_EINVAL for any other name. */
em_status em_cov_parse(const char *s, em_cov_type *type);

/* How many numbers the K covariances of a family choose (see above). */
size_t em_cov_params(em_cov_type type, size_t K, size_t d);

/* The fewest points component k must have for its covariance to be
 * estimated rather than made up: d + 1 (full), 2 (diag, spherical: one
 * variance from two points), 1 (tied: its covariance is everyone's). */
double em_cov_min_points(em_cov_type type, size_t d);

struct em_gmm;

/* Replace m's K full matrices S_k by their projection on m's family, as in
 * the table above (tied: weights N (K), or equal weights if N is NULL).
 * No floor is added. Can't fail. */
void em_cov_restrict(struct em_gmm *m, const double *N);

/* Is every covariance of m in m's family: exact zeros off the diagonal
 * (diag, spherical), one variance to 1e-12 relative (spherical), the first
 * matrix to 1e-12 of its largest entry (tied)? Returns EM_OK or EM_EINVAL
 * with *bad_k (if not NULL) the first component outside it. */
em_status em_cov_check(const struct em_gmm *m, size_t *bad_k);

#endif
