/* gmm.h — the Gaussian mixture model.
 *
 *   p(x) = sum_k pi_k N(x | mu_k, Sigma_k),   pi_k >= 0,  sum_k pi_k = 1
 *
 * (Bishop, PRML eq. 9.7). Read it as a story of how a point is made: first
 * a hidden label z ~ Categorical(pi), then x ~ N(mu_z, Sigma_z).
 */
#ifndef EMLAB_GMM_H
#define EMLAB_GMM_H

#include <stddef.h>
#include <stdio.h>
#include "covtype.h"
#include "gauss.h"
#include "rng.h"
#include "status.h"

typedef struct em_gmm {
    size_t K;        /* number of components, indexed k            */
    size_t d;        /* dimension, indexed j                       */
    double *weight;  /* pi, K                                      */
    double *mean;    /* mu, K x d, row-major: mean[k*d + j]         */
    double *cov;     /* Sigma, K x d x d: cov[(k*d + j)*d + l]      */
    em_cov_type type; /* the family the M-step keeps Sigma in (covtype.h);
                       * full (0) unless set                        */
} em_gmm;

/* Allocate a K-component mixture in d dimensions, every value 0, full.
 * Returns EM_EINVAL (K < 1 or d < 1) or EM_ENOMEM; m is then empty. */
em_status em_gmm_alloc(em_gmm *m, size_t K, size_t d);

/* Release; safe on an empty (zeroed) mixture. */
void em_gmm_free(em_gmm *m);

/* Copy src's values and family into dst, which must have the same K and d.
 * Returns EM_EINVAL if the shapes differ. */
em_status em_gmm_copy(em_gmm *dst, const em_gmm *src);

/* Is this a mixture? Weights finite, >= 0, summing to 1 within 1e-6; means
 * finite; covariances symmetric and positive definite. Returns EM_OK,
 * EM_ENONFINITE, EM_EINVAL (weights) or EM_ESINGULAR (a covariance), with
 * *bad_k (if not NULL) set to the offending component. */
em_status em_gmm_validate(const em_gmm *m, size_t *bad_k);

/* A mixture made ready for evaluation: every component's Cholesky factor and
 * log-determinant, and log pi_k, computed once for many points. */
typedef struct em_gmm_eval {
    size_t K, d;
    em_mvn *comp;    /* K prepared normals               */
    double *logw;    /* log pi_k, K (-inf where pi_k = 0) */
} em_gmm_eval;

/* Prepare m. Returns EM_ENOMEM, or EM_ESINGULAR with *bad_k set (if not
 * NULL) when Sigma_k is not positive definite. The mixture m must outlive
 * ev (the means are borrowed). */
em_status em_gmm_eval_init(em_gmm_eval *ev, const em_gmm *m, size_t *bad_k);
void em_gmm_eval_free(em_gmm_eval *ev);

/* The log joint of point x with each component:
 *   a_k = log pi_k + log N(x | mu_k, Sigma_k),   k = 0..K-1,
 * so that log p(x) = logsumexp_k a_k and gamma_k = exp(a_k - log p(x)).
 * Writes K values into a. Can't fail. */
void em_gmm_log_joint(const em_gmm_eval *ev, const double *x, double *a);

/* log p(x_i) for n points x (n x d) into logp (n). Returns EM_ENOMEM or
 * EM_ESINGULAR (a covariance is not positive definite). */
em_status em_gmm_log_density(const em_gmm *m, const double *x, size_t n, double *logp);

/* For plotting a 1D mixture (d = 1): on the grid x_g = lo + g (hi - lo) /
 * (npts - 1), g < npts (npts >= 2), the weighted component densities
 * comp[g*K + k] = pi_k N(x_g | mu_k, sigma_k^2) and the mixture density
 * mix[g] = sum_k comp[g*K + k]. Writes x[npts] too. Returns EM_EINVAL
 * (d != 1 or npts < 2), EM_ESINGULAR or EM_ENOMEM. */
em_status em_gmm_curves_1d(const em_gmm *m, double lo, double hi, size_t npts, double *x,
                           double *comp, double *mix);

/* The same at the npts points x, in any order (the lab adds points where a
 * narrow component peaks). Returns EM_EINVAL (d != 1), EM_ESINGULAR or
 * EM_ENOMEM. */
em_status em_gmm_density_1d(const em_gmm *m, const double *x, size_t npts, double *comp,
                            double *mix);

/* Draw n points, the generative story in two passes, as notebook 002 does:
 * first every hidden label z_i by cumulative weights (n uniforms), then
 * each x_i ~ N(mu_{z_i}, Sigma_{z_i}) (d normals each). Writes x (n x d)
 * and, if z is not NULL, the labels (n). Returns EM_ENOMEM or
 * EM_ESINGULAR (a covariance is not positive definite). */
em_status em_gmm_sample(const em_gmm *m, em_rng *r, size_t n, double *x, size_t *z);

/* A random mixture, as `emlab sample -k K -d D` draws it from r: means
 * uniform in [-10, 10]^d (K x d uniforms, row by row), covariances
 * A^T A / d + I / 20 with A a d x d standard normal matrix per component,
 * weights uniform then normalised. m must be allocated. Returns EM_ENOMEM
 * or EM_OK. */
em_status em_gmm_random(em_gmm *m, em_rng *r);

/* How many numbers a K-component mixture in d dimensions really chooses:
 * (K - 1) weights (they sum to 1; none if held fixed), K d means and the
 * covariances' numbers of its family (em_cov_params: K d (d + 1) / 2 when
 * full). The p of AIC = 2p - 2 l and BIC = p log n - 2 l. Can't fail. */
size_t em_gmm_free_params(em_cov_type type, size_t K, size_t d, int fixed_weights);

/* The parameter file: one line per component,
 *   weight  mu_1 .. mu_d  Sigma_11 Sigma_12 .. Sigma_dd   (row-major)
 * with `#` comments, a line "# covariance: TYPE" for a family other than
 * full, each number written with %.17g so that reading the file
 * back gives the very same doubles. */
void em_gmm_print(FILE *f, const em_gmm *m);

/* Write the parameter file atomically (PATH.tmp, then rename). Returns
 * EM_EIO with a message in err. */
em_status em_gmm_save(const char *path, const em_gmm *m, char *err, size_t errlen);

/* Read a parameter file; d is inferred from the number of columns
 * (1 + d + d^2). Weights summing to 1 within 1e-6 are renormalised exactly.
 * On failure returns EM_EIO, EM_EPARSE, EM_ENONFINITE, EM_EINVAL (weights)
 * or EM_ESINGULAR (a covariance not symmetric or not positive definite)
 * with "path:line: problem" in err, and leaves m empty. */
em_status em_gmm_load(const char *path, em_gmm *m, char *err, size_t errlen);

#endif
