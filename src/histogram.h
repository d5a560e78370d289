/* histogram.h — counting points into equal-width bins, as numpy does.
 *
 * plt.hist(data, bins=30) calls np.histogram: 30 bins of equal width over
 * [min, max], the last bin closed on the right. We count the same way, so a
 * chapter's bars have the heights of the notebook's.
 */
#ifndef EMLAB_HISTOGRAM_H
#define EMLAB_HISTOGRAM_H

#include <stddef.h>
#include "status.h"

/* Smallest and largest of x[0], x[stride], ..., n values (n >= 1). */
void em_min_max(const double *x, size_t n, size_t stride, double *lo, double *hi);

/* Count x[i*stride], i < n, into `bins` equal bins over [lo, hi]:
 * edges e_b = lo + b (hi - lo) / bins (as np.linspace), bin b = [e_b, e_{b+1}),
 * the last one [e_{bins-1}, hi]; values outside [lo, hi] are not counted.
 * Writes count[bins]. Returns EM_EINVAL if bins < 1 or not lo < hi. */
em_status em_histogram(const double *x, size_t n, size_t stride, size_t bins, double lo,
                       double hi, double *count);

/* Left edge of bin b, lo + b (hi - lo) / bins, computed as np.linspace does. */
double em_bin_edge(size_t b, size_t bins, double lo, double hi);

#endif
