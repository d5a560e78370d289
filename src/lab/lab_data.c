/* lab_data.c — the points of a lab: set, edited, read, written, sampled. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lab_state.h"

em_status lab_reserve(em_lab *lab, size_t cap)
{
    if (cap <= lab->cap)
        return EM_OK;
    if (lab->cap && cap < 2 * lab->cap)
        cap = 2 * lab->cap;
    size_t d = lab->d ? lab->d : 2;
    double *x = realloc(lab->x, cap * d * sizeof *x);
    if (!x)
        return lab_fail(lab, EM_ENOMEM, "out of memory");
    lab->x = x;
    double *resp = realloc(lab->resp, cap * LAB_MAX_K * sizeof *resp);
    if (!resp)
        return lab_fail(lab, EM_ENOMEM, "out of memory");
    lab->resp = resp;
    lab->cap = cap;
    return EM_OK;
}

void lab_data_changed(em_lab *lab)
{
    if (!lab->reg_set)
        lab->reg = lab->n ? em_scale_free_floor(lab->x, lab->n, lab->d) : 1e-6;
    for (size_t h = 0; h < lab->hist_len; h++)
        em_gmm_free(&lab->hist[h].theta);
    lab->hist_len = 0;
    lab->curve_len = 0;
    lab->t = 0;
    lab->fresh = 0;
    lab->moved = 0;
    lab->l = NAN;
}

/* Values a covariance can be made of: squares that neither overflow nor
 * underflow (as `emlab fit` asks of a data file). */
static em_status check_values(em_lab *lab, const char *what, const double *x, size_t count)
{
    size_t bad;
    if (em_check_finite(x, count, &bad))
        return lab_fail(lab, EM_ENONFINITE, "%s: a value is not a finite number", what);
    double top;
    if (em_check_magnitude(x, count, &top))
        return lab_fail(lab, EM_EINVAL, "%s: the values are as %s as %.3g: their squares do "
                        "not fit in a double; rescale the data", what,
                        top >= 1e150 ? "large" : "small", top);
    return EM_OK;
}

em_status lab_set_data(em_lab *lab, const double *x, size_t n, size_t d)
{
    if (d < 1 || d > 2)
        return lab_fail(lab, EM_EINVAL, "the lab draws points with 1 or 2 coordinates, not %zu",
                        d);
    em_status st = check_values(lab, "the data", x, n * d);
    if (st)
        return st;
    if (d != lab->d) { /* a model in other dimensions means nothing here */
        em_gmm_free(&lab->theta);
        memset(&lab->theta, 0, sizeof lab->theta);
        free(lab->x); /* and the room was counted in points of the old d */
        lab->x = NULL;
        lab->cap = 0;
        lab->d = d;
    }
    if ((st = lab_reserve(lab, n ? n : 1)))
        return st;
    if (n)
        memcpy(lab->x, x, n * d * sizeof *x);
    lab->n = n;
    lab_data_changed(lab);
    return EM_OK;
}

em_status lab_add_point(em_lab *lab, const double *p)
{
    if (!lab->d)
        return lab_fail(lab, EM_EINVAL, "no data yet: choose 1 or 2 dimensions first");
    em_status st = check_values(lab, "the point", p, lab->d);
    if (st || (st = lab_reserve(lab, lab->n + 1)))
        return st;
    memcpy(lab->x + lab->n * lab->d, p, lab->d * sizeof *p);
    lab->n++;
    lab_data_changed(lab);
    return EM_OK;
}

em_status lab_remove_point(em_lab *lab, size_t i)
{
    if (i >= lab->n)
        return lab_fail(lab, EM_EINVAL, "there is no point %zu", i + 1);
    memmove(lab->x + i * lab->d, lab->x + (i + 1) * lab->d,
            (lab->n - i - 1) * lab->d * sizeof *lab->x);
    lab->n--;
    lab_data_changed(lab);
    return EM_OK;
}

em_status lab_load_data(em_lab *lab, const char *path)
{
    em_dataset ds;
    em_status st = em_dataset_read(path, &ds, lab->err, sizeof lab->err);
    if (st)
        return st;
    if (ds.d > 2)
        st = lab_fail(lab, EM_EINVAL, "%s: %zu columns; the lab draws one or two (keep two, "
                      "e.g. with cut -d, -f1,2)", path, ds.d);
    if (st == EM_OK && (st = lab_set_data(lab, ds.x, ds.n, ds.d)) != EM_OK) {
        char why[sizeof lab->err];
        snprintf(why, sizeof why, "%s", lab->err);
        lab_fail(lab, st, "%s: %s", path, why);
    }
    em_dataset_free(&ds);
    return st;
}

em_status lab_save_data(em_lab *lab, const char *path)
{
    return em_dataset_write(path, lab->x, lab->n, lab->d, NULL, lab->err, sizeof lab->err);
}

em_status lab_save_params(em_lab *lab, const char *path)
{
    if (!lab->theta.K)
        return lab_fail(lab, EM_EINVAL, "no model yet: choose K and a start");
    return em_gmm_save(path, &lab->theta, lab->err, sizeof lab->err);
}

em_status lab_sample(em_lab *lab, size_t n, size_t d, size_t K, uint32_t seed)
{
    em_gmm m;
    em_rng r;
    em_rng_seed(&r, seed);
    double *x = malloc((n ? n : 1) * d * sizeof *x);
    em_status st = em_gmm_alloc(&m, K, d);
    if (st == EM_OK && x && (st = em_gmm_random(&m, &r)) == EM_OK &&
        (st = em_gmm_sample(&m, &r, n, x, NULL)) == EM_OK) {
        st = lab_set_data(lab, x, n, d);
    } else if (st == EM_OK || !x) {
        st = lab_fail(lab, EM_ENOMEM, "out of memory");
    } else {
        st = lab_fail(lab, st, "%s", em_strerror(st));
    }
    em_gmm_free(&m);
    free(x);
    return st;
}

em_status lab_standardize(em_lab *lab)
{
    double m[2], s[2];
    size_t bad;
    if (!lab->n)
        return lab_fail(lab, EM_EINVAL, "no points to standardise");
    if (em_standardize(lab->x, lab->n, lab->d, m, s, &bad))
        return lab_fail(lab, EM_ESINGULAR, "column %zu is constant: it cannot be scaled to "
                        "variance 1", bad + 1);
    if (lab->theta.K)
        em_gmm_standardize(&lab->theta, m, s);
    lab_data_changed(lab);
    return EM_OK;
}

em_status lab_set_floor(em_lab *lab, double reg)
{
    if (isnan(reg) || isinf(reg))
        return lab_fail(lab, EM_EINVAL, "the floor must be a finite number");
    lab->reg_set = reg >= 0.0;
    if (lab->reg_set)
        lab->reg = reg;
    lab_data_changed(lab); /* a new floor, a new model: the curve starts again */
    return EM_OK;
}

int lab_floor_is_default(const em_lab *lab) { return !lab->reg_set; }
size_t lab_n(const em_lab *lab) { return lab->n; }
size_t lab_d(const em_lab *lab) { return lab->d; }
const double *lab_x(const em_lab *lab) { return lab->x; }
double lab_reg(const em_lab *lab) { return lab->reg; }
