/* kmeans.h — k-means, EM's hard-assignment limit (PRML section 9.1).
 *
 * Lloyd's algorithm alternates two steps, as EM does:
 *
 *   assignment  r_ik = 1 for the k nearest to x_i (squared Euclidean
 *               distance), 0 for the others       (PRML eq. 9.2)
 *   update      mu_k = sum_i r_ik x_i / sum_i r_ik  (PRML eq. 9.4)
 *
 * until no point changes its cluster. It is EM for a mixture whose
 * covariances are all eps I, with eps -> 0 (PRML section 9.3.2): the
 * responsibilities turn into the hard r_ik. Chapter 7 shows it.
 */
#ifndef EMLAB_KMEANS_H
#define EMLAB_KMEANS_H

#include <stddef.h>
#include "status.h"

typedef struct em_kmeans_result {
    size_t iterations; /* assignment-update rounds done                       */
    int converged;     /* the last assignment changed no point's cluster      */
    double inertia;    /* J = sum_i |x_i - mu_{c_i}|^2 (PRML eq. 9.1), final  */
} em_kmeans_result;

/* Lloyd's algorithm on the n x d points x from the K centres in mu (K x d,
 * replaced by the result), at most max_iter rounds. Each round assigns
 * every point to its nearest centre (ties to the lower k) and moves each
 * centre to the mean of its points; it stops when an assignment changes
 * nothing, and the labels (n, if not NULL) are then the final centres'
 * own. A centre that keeps no point stays where it is. Returns EM_EINVAL
 * (K < 1 or d < 1), EM_ETOOFEW (n < K), EM_ENONFINITE or EM_ENOMEM. */
em_status em_kmeans(const double *x, size_t n, size_t d, size_t K, double *mu, size_t *labels,
                    size_t max_iter, em_kmeans_result *res);

#endif
