/* kmeans.c — Lloyd's algorithm (kmeans.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "dataset.h"
#include "kmeans.h"

/* |x - mu_k|^2 for the nearest k (the lower k on a tie), into *dist. */
static size_t nearest(const double *x, const double *mu, size_t K, size_t d, double *dist)
{
    size_t best = 0;
    double best_d = INFINITY;
    for (size_t k = 0; k < K; k++) {
        double s = 0.0;
        for (size_t j = 0; j < d; j++) {
            double t = x[j] - mu[k * d + j];
            s += t * t;
        }
        if (s < best_d) {
            best_d = s;
            best = k;
        }
    }
    *dist = best_d;
    return best;
}

/* The assignment step (PRML 9.2): each point's nearest centre. Returns how
 * many points changed cluster; J in *inertia. */
static size_t assign(const double *x, size_t n, size_t d, size_t K, const double *mu,
                     size_t *label, double *inertia)
{
    size_t changed = 0;
    double J = 0.0, dist;
    for (size_t i = 0; i < n; i++) {
        size_t k = nearest(x + i * d, mu, K, d, &dist);
        changed += k != label[i];
        label[i] = k;
        J += dist;
    }
    *inertia = J;
    return changed;
}

/* The update step (PRML 9.4): each centre the mean of its points; a centre
 * with none stays. count holds K. */
static void update(const double *x, size_t n, size_t d, size_t K, const size_t *label,
                   double *mu, double *count)
{
    double *sum = count + K;
    memset(count, 0, K * (1 + d) * sizeof *count);
    for (size_t i = 0; i < n; i++) {
        count[label[i]] += 1.0;
        for (size_t j = 0; j < d; j++)
            sum[label[i] * d + j] += x[i * d + j];
    }
    for (size_t k = 0; k < K; k++)
        if (count[k] > 0.0)
            for (size_t j = 0; j < d; j++)
                mu[k * d + j] = sum[k * d + j] / count[k];
}

em_status em_kmeans(const double *x, size_t n, size_t d, size_t K, double *mu, size_t *labels,
                    size_t max_iter, em_kmeans_result *res)
{
    memset(res, 0, sizeof *res);
    size_t bad;
    if (K < 1 || d < 1)
        return EM_EINVAL;
    if (n < K)
        return EM_ETOOFEW;
    if (em_check_finite(x, n * d, &bad) || em_check_finite(mu, K * d, &bad))
        return EM_ENONFINITE;
    size_t *label = malloc(n * sizeof *label);
    double *count = malloc(K * (1 + d) * sizeof *count);
    if (!label || !count) {
        free(label);
        free(count);
        return EM_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        label[i] = K; /* no cluster yet: the first assignment changes every point */
    size_t changed = assign(x, n, d, K, mu, label, &res->inertia);
    while (res->iterations < max_iter && changed) {
        update(x, n, d, K, label, mu, count);
        res->iterations++;
        changed = assign(x, n, d, K, mu, label, &res->inertia);
    }
    res->converged = changed == 0;
    if (labels)
        memcpy(labels, label, n * sizeof *label);
    free(label);
    free(count);
    return EM_OK;
}
