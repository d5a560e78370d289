/* dataset.c — reading and writing point files. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "dataset.h"
#include "table.h"
#include "textio.h"

void em_dataset_free(em_dataset *ds)
{
    if (ds->names)
        for (size_t j = 0; j < ds->d; j++)
            free(ds->names[j]);
    free(ds->names);
    free(ds->x);
    memset(ds, 0, sizeof *ds);
}

em_status em_dataset_read(const char *path, em_dataset *ds, char *err, size_t errlen)
{
    memset(ds, 0, sizeof *ds);
    em_table t;
    em_status st = em_table_read(path, EM_TABLE_HEADER, &t, err, errlen);
    if (st)
        return st;
    if (t.rows == 0) {
        em_errorf(err, errlen, path, 0, "no data points (the file is empty or has only comments%s)",
                  t.names ? " and a header" : "");
        em_table_free(&t);
        return EM_EPARSE;
    }
    ds->n = t.rows;
    ds->d = t.cols;
    double *fit = realloc(t.v, t.rows * t.cols * sizeof *fit); /* drop spare room */
    ds->x = fit ? fit : t.v;
    ds->names = t.names;
    return EM_OK;
}

void em_dataset_print(FILE *f, const double *x, size_t n, size_t d, char *const *names)
{
    if (names)
        for (size_t j = 0; j < d; j++)
            fprintf(f, "%s%s", names[j], j + 1 < d ? " " : "\n");
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < d; j++)
            fprintf(f, "%.17g%s", x[i * d + j], j + 1 < d ? " " : "\n");
}

em_status em_dataset_write(const char *path, const double *x, size_t n, size_t d,
                           char *const *names, char *err, size_t errlen)
{
    em_outfile out;
    em_status st = em_out_open(&out, path, err, errlen);
    if (st)
        return st;
    em_dataset_print(out.f, x, n, d, names);
    return em_out_commit(&out, err, errlen);
}

em_status em_check_magnitude(const double *x, size_t count, double *top)
{
    double t = 0.0;
    for (size_t v = 0; v < count; v++)
        t = fmax(t, fabs(x[v]));
    *top = t;
    return t == 0.0 || (t < 1e150 && t >= 1e-150) ? EM_OK : EM_EINVAL;
}

em_status em_check_finite(const double *x, size_t count, size_t *where)
{
    for (size_t i = 0; i < count; i++)
        if (!isfinite(x[i])) {
            if (where)
                *where = i;
            return EM_ENONFINITE;
        }
    return EM_OK;
}
