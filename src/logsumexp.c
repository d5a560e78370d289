/* logsumexp.c — the one log-sum-exp of emlab. */
#include <math.h>
#include "logsumexp.h"

double em_logsumexp(const double *a, size_t K)
{
    double m = a[0];
    for (size_t k = 1; k < K; k++)
        if (a[k] > m || isnan(a[k]))
            m = a[k];
    if (isnan(m) || isinf(m))
        return m; /* NaN, or every term -inf, or a term +inf */
    double s = 0.0;
    for (size_t k = 0; k < K; k++)
        s += exp(a[k] - m);
    return m + log(s);
}
