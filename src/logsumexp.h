/* logsumexp.h — adding probabilities that are stored as logarithms.
 *
 * A point 40 standard deviations from every mean has densities near
 * exp(-800): every one of them underflows to 0 in double precision, and
 * gamma = p_k / sum_j p_j becomes 0/0. In the log domain nothing underflows:
 *
 *   log sum_k exp(a_k) = m + log sum_k exp(a_k - m),   m = max_k a_k,
 *
 * where every exp(a_k - m) lies in [0, 1] and the largest is exactly 1.
 */
#ifndef EMLAB_LOGSUMEXP_H
#define EMLAB_LOGSUMEXP_H

#include <stddef.h>

/* log(sum_k exp(a[k])) for k < K, K >= 1. Returns -inf when every a[k] is
 * -inf (all probabilities zero), +inf if any a[k] is +inf, and NaN if any
 * a[k] is NaN. This function can't fail. */
double em_logsumexp(const double *a, size_t K);

#endif
