/* linalg.h — the little dense linear algebra a Gaussian needs.
 *
 * Matrices are d x d, row-major: A[j*d + l] is row j, column l. Every
 * covariance in emlab goes through one Cholesky factorisation, Sigma = L L^T
 * with L lower triangular and positive diagonal; from L we get the
 * log-determinant and the Mahalanobis distance without ever forming
 * Sigma^{-1} (cheaper and far more accurate).
 */
#ifndef EMLAB_LINALG_H
#define EMLAB_LINALG_H

#include <stddef.h>
#include "status.h"

/* Cholesky factor of a symmetric matrix A (only its lower triangle is read):
 *   L_jj = sqrt(A_jj - sum_{m<j} L_jm^2),
 *   L_lj = (A_lj - sum_{m<j} L_lm L_jm) / L_jj   for l > j.
 * Writes L (d x d, zeros above the diagonal); L may alias A.
 * Returns EM_ESINGULAR if A is not (numerically) positive definite, i.e. a
 * pivot is not > 0 or not finite; L is then unspecified. */
em_status em_cholesky(size_t d, const double *A, double *L);

/* log det Sigma = 2 sum_j log L_jj, from the Cholesky factor L.
 * This function can't fail (L must come from em_cholesky). */
double em_chol_logdet(size_t d, const double *L);

/* Forward substitution: solve L y = b for y (L lower triangular with nonzero
 * diagonal); y may alias b. This function can't fail. */
void em_tri_solve(size_t d, const double *L, const double *b, double *y);

/* Squared Mahalanobis distance (x - mu)^T Sigma^{-1} (x - mu) = |y|^2 where
 * L y = x - mu. work holds d doubles. This function can't fail. */
double em_mahalanobis2(size_t d, const double *L, const double *x,
                       const double *mu, double *work);

#endif
