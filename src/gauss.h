/* gauss.h — the normal distribution, in one and in d dimensions.
 *
 * Log first: every density is computed as a log-density, and pdf = exp(log
 * pdf). A density of 1e-300 is fine; a density of exp(-800) is 0 as a double
 * but -800 as a log, and EM needs the log (see logsumexp.h).
 *
 *   log N(x | mu, sigma^2) = -1/2 ((x - mu)/sigma)^2 - log sigma - 1/2 log 2pi
 *   log N(x | mu, Sigma)   = -1/2 [ d log 2pi + log det Sigma + (x-mu)^T Sigma^{-1} (x-mu) ]
 *
 * For speed and accuracy the d-dimensional density is evaluated through a
 * prepared em_mvn: the Cholesky factor Sigma = L L^T and log det Sigma,
 * computed once per covariance, then reused for every point.
 */
#ifndef EMLAB_GAUSS_H
#define EMLAB_GAUSS_H

#include <stddef.h>
#include "rng.h"
#include "status.h"

#define EM_LOG_2PI 1.8378770664093454835606594728112 /* log(2 pi) */
#define EM_SQRT_2PI 2.5066282746310002 /* sqrt(2 pi), as np.sqrt(2*np.pi) rounds it */

/* log N(x | mu, sigma^2), sigma > 0 the standard deviation (not the variance:
 * passing a variance here is the classic mistake of notebook 003).
 * Returns NaN if sigma <= 0. This function can't fail otherwise. */
double em_normal_logpdf(double x, double mu, double sigma);

/* N(x | mu, sigma^2), computed directly as scipy.stats.norm.pdf computes
 * it, so printed values agree with the notebooks to the last digit. It
 * underflows to 0 beyond about 38 sigma: use the log-density there. Returns
 * NaN if sigma <= 0. */
double em_normal_pdf(double x, double mu, double sigma);

/* A multivariate normal made ready for evaluation. */
typedef struct em_mvn {
    size_t d;        /* dimension                                  */
    const double *mu;/* mean, d (borrowed, not owned)               */
    double *L;       /* Cholesky factor of Sigma, d x d, row-major  */
    double logdet;   /* log det Sigma                               */
    double *work;    /* scratch, d                                  */
} em_mvn;

/* Prepare N(mu, Sigma): allocate, factor Sigma. mu is borrowed and must
 * outlive g. Returns EM_ENOMEM, EM_EINVAL (d < 1) or EM_ESINGULAR (Sigma not
 * positive definite); on error nothing stays allocated. */
em_status em_mvn_init(em_mvn *g, size_t d, const double *mu, const double *Sigma);

/* Release what em_mvn_init allocated; safe on a zeroed struct. */
void em_mvn_free(em_mvn *g);

/* log N(x | mu, Sigma) for one point x (d values). Can't fail. */
double em_mvn_logpdf(const em_mvn *g, const double *x);

/* One draw from N(mu, Sigma): x = mu + L z, z ~ N(0, I) drawn in order
 * z_0 .. z_{d-1} with em_rng_gauss. Can't fail. */
void em_mvn_sample(const em_mvn *g, em_rng *r, double *x);

/* The c-sigma ellipse of a 2D normal: the curve where the Mahalanobis
 * distance from mu is c, i.e. mu + c L (cos t, sin t) for t in [0, 2 pi],
 * with Sigma = L L^T. Writes m points (x, y) into xy (2m values), the last
 * equal to the first so the curve closes. Returns EM_ESINGULAR if Sigma is
 * not positive definite, EM_EINVAL if m < 2. */
em_status em_ellipse(const double *mu, const double *Sigma, double c, size_t m, double *xy);

#endif
