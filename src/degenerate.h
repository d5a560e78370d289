/* degenerate.h — can a fitted mixture be believed?
 *
 * Maximum likelihood rewards a component that shrinks onto a few points
 * (PRML section 9.2.1): its variance heads for 0 and the likelihood for
 * infinity, and only the variance floor (reg) stops it. Such a fit can
 * look excellent by its log-likelihood, AIC and BIC while describing
 * nothing. A component is called degenerate here when
 *
 *   N_k = sum_i gamma_ik < d + 1   fewer points than the d + 1 it takes to
 *                                  span d dimensions: its covariance is
 *                                  made up, not estimated (in the other
 *                                  families, em_cov_min_points: 2 for a
 *                                  diagonal or spherical one, 1 for tied);
 *                                  or
 *   lambda_min(Sigma_k) <= 10 reg  its smallest variance is at the floor:
 *                                  the floor, not the data, holds it up.
 *
 * (mclust reports such models as NA; emlab fit warns, emlab select never
 * picks them.)
 */
#ifndef EMLAB_DEGENERATE_H
#define EMLAB_DEGENERATE_H

#include <stddef.h>
#include "gmm.h"

typedef enum em_degeneracy {
    EM_SOUND = 0,     /* estimated from the data                    */
    EM_FEW_POINTS,    /* N_k < d + 1 (em_cov_min_points)            */
    EM_AT_FLOOR       /* lambda_min(Sigma_k) <= 10 reg              */
} em_degeneracy;

/* Component k of m, with effective count N_k, under the floor reg (in m's
 * units: the floor the fit added to every variance). The eigenvalue test
 * needs no eigenvalues: lambda_min(Sigma) <= c exactly when Sigma - c I
 * has no Cholesky factor. Returns EM_SOUND for reg 0 unless N_k is too
 * small. Can't fail (a d x d scratch is allocated; out of memory, the
 * floor test is skipped). */
em_degeneracy em_degenerate(const em_gmm *m, size_t k, double N_k, double reg);

/* The first component of m that the points x (n x d) do not support,
 * judged as above from an E-step (N_k = sum_i gamma_ik) under the floor
 * reg: its number counted from 1, its verdict in *why and its N_k in *N_k
 * (each if not NULL); 0 when every component is sound (or the E-step
 * fails). resp is n x K scratch, or NULL to allocate it. Can't fail (out
 * of memory, it answers 0). emlab select and fit's restarts use it. */
size_t em_first_degenerate(const em_gmm *m, const double *x, size_t n, double reg,
                           double *resp, em_degeneracy *why, double *N_k);

/* N_k = sum_i gamma_ik for each k, from resp (n x K). Can't fail. */
void em_counts(const double *resp, size_t n, size_t K, double *N);

/* The variance floor that scales with the data: 1e-6 times the smallest
 * variance among x's d columns (n x d; constant columns left out), so that
 * rescaling the data rescales the fit, and a column in small units (age
 * beside income) is never swamped by a floor set by a column in large
 * ones; 1e-6 when every column is constant. Can't fail. */
double em_scale_free_floor(const double *x, size_t n, size_t d);

#endif
