/* scale.c — zero mean, unit variance, and back. */
#include <math.h>
#include "scale.h"

em_status em_standardize(double *x, size_t n, size_t d, double *m, double *s, size_t *bad_col)
{
    for (size_t j = 0; j < d; j++) {
        double sum = 0.0, ss = 0.0;
        for (size_t i = 0; i < n; i++)
            sum += x[i * d + j];
        m[j] = sum / (double)n;
        for (size_t i = 0; i < n; i++)
            ss += (x[i * d + j] - m[j]) * (x[i * d + j] - m[j]);
        s[j] = sqrt(ss / (double)n);
        if (!(s[j] > 0.0)) {
            if (bad_col)
                *bad_col = j;
            return EM_ESINGULAR;
        }
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < d; j++)
            x[i * d + j] = (x[i * d + j] - m[j]) / s[j];
    return EM_OK;
}

/* S sigma^2 I S = sigma^2 S^2 is diagonal, but no longer spherical unless
 * every s_j is alike: the family that holds the mapped mixture is diag. */
static void spherical_to_diag(em_gmm *g)
{
    if (g->type == EM_COV_SPHERICAL && em_cov_check(g, NULL))
        g->type = EM_COV_DIAG;
}

void em_gmm_unstandardize(em_gmm *g, const double *m, const double *s)
{
    size_t d = g->d;
    for (size_t k = 0; k < g->K; k++) {
        for (size_t j = 0; j < d; j++)
            g->mean[k * d + j] = m[j] + s[j] * g->mean[k * d + j];
        for (size_t j = 0; j < d; j++)
            for (size_t l = 0; l < d; l++)
                g->cov[(k * d + j) * d + l] *= s[j] * s[l];
    }
    spherical_to_diag(g);
}

void em_gmm_standardize(em_gmm *g, const double *m, const double *s)
{
    size_t d = g->d;
    for (size_t k = 0; k < g->K; k++) {
        for (size_t j = 0; j < d; j++)
            g->mean[k * d + j] = (g->mean[k * d + j] - m[j]) / s[j];
        for (size_t j = 0; j < d; j++)
            for (size_t l = 0; l < d; l++)
                g->cov[(k * d + j) * d + l] /= s[j] * s[l];
    }
    spherical_to_diag(g);
}
