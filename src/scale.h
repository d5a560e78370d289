/* scale.h — standardising data, and mapping a mixture back.
 *
 * EM is sensitive to the units of the columns: a variance floor of 1e-6 is
 * nothing for minutes and everything for years. Bishop rescales the
 * Old Faithful data to zero mean and unit variance before fitting; so does
 * `emlab fit --standardize`:
 *
 *     z_ij = (x_ij - m_j) / s_j,   m_j the column mean, s_j its (population)
 *                                  standard deviation.
 *
 * A mixture fitted to z maps back to x exactly: mu = m + S mu_z and
 * Sigma = S Sigma_z S with S = diag(s); the weights do not change.
 */
#ifndef EMLAB_SCALE_H
#define EMLAB_SCALE_H

#include <stddef.h>
#include "gmm.h"
#include "status.h"

/* Column means m (d) and standard deviations s (d) of x (n x d), then x
 * replaced by z in place. Returns EM_ESINGULAR with *bad_col set if a
 * column is constant (s_j = 0), leaving x unchanged. */
em_status em_standardize(double *x, size_t n, size_t d, double *m, double *s, size_t *bad_col);

/* Map a mixture fitted to standardised data back to the original units.
 * A spherical mixture comes back diagonal (S sigma^2 I S is diagonal, not
 * spherical), unless its columns had one scale; the others keep their
 * family. */
void em_gmm_unstandardize(em_gmm *g, const double *m, const double *s);

/* The other way: a mixture in the original units mapped to standardised
 * ones, mu_z = S^{-1}(mu - m), Sigma_z = S^{-1} Sigma S^{-1}. */
void em_gmm_standardize(em_gmm *g, const double *m, const double *s);

#endif
