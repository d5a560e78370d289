/* degenerate.c — components that the data do not support. */
#include <math.h>
#include <stdlib.h>
#include "degenerate.h"
#include "em.h"
#include "linalg.h"

em_degeneracy em_degenerate(const em_gmm *m, size_t k, double N_k, double reg)
{
    size_t d = m->d;
    if (N_k < em_cov_min_points(m->type, d))
        return EM_FEW_POINTS;
    if (reg <= 0.0)
        return EM_SOUND;
    /* Sigma_k - 10 reg I positive definite  <=>  lambda_min > 10 reg */
    double *A = malloc(d * d * sizeof *A);
    if (!A)
        return EM_SOUND;
    for (size_t j = 0; j < d * d; j++)
        A[j] = m->cov[k * d * d + j];
    for (size_t j = 0; j < d; j++)
        A[j * d + j] -= 10.0 * reg;
    em_degeneracy why = em_cholesky(d, A, A) ? EM_AT_FLOOR : EM_SOUND;
    free(A);
    return why;
}

size_t em_first_degenerate(const em_gmm *m, const double *x, size_t n, double reg,
                           double *resp, em_degeneracy *why, double *N_k)
{
    double *own = resp ? NULL : malloc(n * m->K * sizeof *own), *N = malloc(m->K * sizeof *N);
    double *gamma = resp ? resp : own;
    size_t bad = 0;
    em_degeneracy verdict = EM_SOUND;
    if (gamma && N && em_e_step(m, x, n, gamma, NULL, NULL) == EM_OK) {
        em_counts(gamma, n, m->K, N);
        for (size_t k = 0; k < m->K && !bad; k++)
            if ((verdict = em_degenerate(m, k, N[k], reg)) != EM_SOUND) {
                bad = k + 1;
                if (N_k)
                    *N_k = N[k];
            }
    }
    if (why)
        *why = verdict;
    free(own);
    free(N);
    return bad;
}

void em_counts(const double *resp, size_t n, size_t K, double *N)
{
    for (size_t k = 0; k < K; k++)
        N[k] = 0.0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < K; k++)
            N[k] += resp[i * K + k];
}

double em_scale_free_floor(const double *x, size_t n, size_t d)
{
    double least = INFINITY;
    for (size_t j = 0; j < d && n > 1; j++) {
        double mean = 0.0, ss = 0.0;
        for (size_t i = 0; i < n; i++)
            mean += x[i * d + j];
        mean /= (double)n;
        for (size_t i = 0; i < n; i++)
            ss += (x[i * d + j] - mean) * (x[i * d + j] - mean);
        if (ss > 0.0) /* the column's variance, ss / n */
            least = fmin(least, ss / (double)n);
    }
    double floor = 1e-6 * least;
    return floor > 0.0 && floor < 1e300 ? floor : 1e-6;
}
