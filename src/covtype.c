/* covtype.c — the covariance families (covtype.h). */
#include <math.h>
#include <string.h>
#include "covtype.h"
#include "gmm.h"

static const char *const names[EM_COV_TYPES] = {"full", "diag", "tied", "spherical"};

const char *em_cov_name(em_cov_type type)
{
    return (unsigned)type < EM_COV_TYPES ? names[type] : "?";
}

em_status em_cov_parse(const char *s, em_cov_type *type)
{
    for (int t = 0; t < EM_COV_TYPES; t++)
        if (strcmp(s, names[t]) == 0) {
            *type = (em_cov_type)t;
            return EM_OK;
        }
    return EM_EINVAL;
}

size_t em_cov_params(em_cov_type type, size_t K, size_t d)
{
    switch (type) {
    case EM_COV_DIAG:
        return K * d;
    case EM_COV_TIED:
        return d * (d + 1) / 2;
    case EM_COV_SPHERICAL:
        return K;
    default:
        return K * d * (d + 1) / 2;
    }
}

double em_cov_min_points(em_cov_type type, size_t d)
{
    switch (type) {
    case EM_COV_DIAG:
    case EM_COV_SPHERICAL:
        return 2.0;
    case EM_COV_TIED:
        return 1.0;
    default:
        return (double)d + 1.0;
    }
}

/* diag: the diagonal of S; spherical: its trace / d on the diagonal. */
static void restrict_one(double *S, size_t d, em_cov_type type)
{
    double mean_var = 0.0;
    for (size_t j = 0; j < d; j++)
        mean_var += S[j * d + j] / (double)d;
    for (size_t j = 0; j < d; j++)
        for (size_t l = 0; l < d; l++)
            if (j != l)
                S[j * d + l] = 0.0;
            else if (type == EM_COV_SPHERICAL)
                S[j * d + l] = mean_var;
}

/* tied: Sigma = sum_k N_k S_k / sum_k N_k, into every S_k. */
static void tie(struct em_gmm *m, const double *N)
{
    size_t K = m->K, d = m->d, dd = d * d;
    double total = 0.0;
    for (size_t k = 0; k < K; k++)
        total += N ? N[k] : 1.0;
    for (size_t v = 0; v < dd; v++) {
        double s = 0.0;
        for (size_t k = 0; k < K; k++)
            s += (N ? N[k] : 1.0) * m->cov[k * dd + v];
        m->cov[v] = s / total;
    }
    for (size_t k = 1; k < K; k++)
        memcpy(m->cov + k * dd, m->cov, dd * sizeof *m->cov);
}

void em_cov_restrict(struct em_gmm *m, const double *N)
{
    if (m->type == EM_COV_TIED)
        tie(m, N);
    else if (m->type == EM_COV_DIAG || m->type == EM_COV_SPHERICAL)
        for (size_t k = 0; k < m->K; k++)
            restrict_one(m->cov + k * m->d * m->d, m->d, m->type);
}

/* |a - b| within 1e-12 of the larger. */
static int close(double a, double b)
{
    return fabs(a - b) <= 1e-12 * fmax(fabs(a), fabs(b));
}

em_status em_cov_check(const struct em_gmm *m, size_t *bad_k)
{
    size_t d = m->d, dd = d * d;
    double scale = 0.0; /* tied: entries compared on the first matrix's scale */
    for (size_t v = 0; v < dd; v++)
        scale = fmax(scale, fabs(m->cov[v]));
    for (size_t k = 0; k < m->K; k++) {
        const double *S = m->cov + k * dd;
        int in = 1;
        for (size_t j = 0; j < d && in; j++)
            for (size_t l = 0; l < d && in; l++) {
                if (m->type == EM_COV_TIED)
                    in = fabs(S[j * d + l] - m->cov[j * d + l]) <= 1e-12 * scale;
                else if (m->type != EM_COV_FULL && j != l)
                    in = S[j * d + l] == 0.0;
                else if (m->type == EM_COV_SPHERICAL && j == l)
                    in = close(S[j * d + l], S[0]);
            }
        if (!in) {
            if (bad_k)
                *bad_k = k;
            return EM_EINVAL;
        }
    }
    return EM_OK;
}
