/* linalg.c — Cholesky, triangular solve, log-determinant. */
#include <math.h>
#include "linalg.h"

em_status em_cholesky(size_t d, const double *A, double *L)
{
    for (size_t j = 0; j < d; j++) {
        /* pivot: A_jj - sum_{m<j} L_jm^2 */
        double s = A[j * d + j];
        for (size_t m = 0; m < j; m++)
            s -= L[j * d + m] * L[j * d + m];
        if (!(s > 0.0) || !isfinite(s))
            return EM_ESINGULAR;
        double Ljj = sqrt(s);
        L[j * d + j] = Ljj;
        for (size_t l = j + 1; l < d; l++) {
            double t = A[l * d + j];
            for (size_t m = 0; m < j; m++)
                t -= L[l * d + m] * L[j * d + m];
            L[l * d + j] = t / Ljj;
        }
        for (size_t l = j + 1; l < d; l++)
            L[j * d + l] = 0.0; /* upper triangle: written last, so L may alias A */
    }
    return EM_OK;
}

double em_chol_logdet(size_t d, const double *L)
{
    double s = 0.0;
    for (size_t j = 0; j < d; j++)
        s += log(L[j * d + j]);
    return 2.0 * s;
}

void em_tri_solve(size_t d, const double *L, const double *b, double *y)
{
    /* y_j = (b_j - sum_{m<j} L_jm y_m) / L_jj */
    for (size_t j = 0; j < d; j++) {
        double t = b[j];
        for (size_t m = 0; m < j; m++)
            t -= L[j * d + m] * y[m];
        y[j] = t / L[j * d + j];
    }
}

double em_mahalanobis2(size_t d, const double *L, const double *x,
                       const double *mu, double *work)
{
    for (size_t j = 0; j < d; j++)
        work[j] = x[j] - mu[j];
    em_tri_solve(d, L, work, work);
    double q = 0.0;
    for (size_t j = 0; j < d; j++)
        q += work[j] * work[j];
    return q;
}
