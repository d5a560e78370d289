/* histogram.c — np.histogram's equal-width bins. */
#include <math.h>
#include <string.h>
#include "histogram.h"

void em_min_max(const double *x, size_t n, size_t stride, double *lo, double *hi)
{
    *lo = *hi = x[0];
    for (size_t i = 1; i < n; i++) {
        double v = x[i * stride];
        if (v < *lo)
            *lo = v;
        if (v > *hi)
            *hi = v;
    }
}

double em_bin_edge(size_t b, size_t bins, double lo, double hi)
{
    /* np.linspace: lo + b * step, and exactly hi at the end */
    if (b == bins)
        return hi;
    return lo + (double)b * ((hi - lo) / (double)bins);
}

em_status em_histogram(const double *x, size_t n, size_t stride, size_t bins, double lo,
                       double hi, double *count)
{
    if (bins < 1 || !(lo < hi))
        return EM_EINVAL;
    memset(count, 0, bins * sizeof *count);
    double norm = (double)bins / (hi - lo);
    for (size_t i = 0; i < n; i++) {
        double v = x[i * stride];
        if (!(v >= lo && v <= hi))
            continue;
        /* the bin by arithmetic, then corrected against the edges, as numpy
         * does, so rounding never puts a point in the neighbouring bin */
        size_t b = (size_t)((v - lo) * norm);
        if (b >= bins)
            b = bins - 1;
        if (b > 0 && v < em_bin_edge(b, bins, lo, hi))
            b--;
        else if (b + 1 < bins && v >= em_bin_edge(b + 1, bins, lo, hi))
            b++;
        count[b] += 1.0;
    }
    return EM_OK;
}
