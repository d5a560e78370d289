/* dataset.c — reading and writing point files. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "dataset.h"
#include "textio.h"

/* A growing n x d array of points. */
typedef struct {
    double *x;
    size_t n, d, cap; /* cap counts doubles */
} points;

static em_status points_push(points *p, const double *row)
{
    if ((p->n + 1) * p->d > p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 1024 * p->d;
        double *x = realloc(p->x, cap * sizeof *x);
        if (!x)
            return EM_ENOMEM;
        p->x = x;
        p->cap = cap;
    }
    memcpy(p->x + p->n * p->d, row, p->d * sizeof *row);
    p->n++;
    return EM_OK;
}

/* True if no field of the line reads as a number: then it is a header. */
static int is_header(const char *line)
{
    const char *cur = line, *f;
    size_t len;
    double v;
    while ((f = em_next_field(&cur, &len)))
        if (em_parse_number(f, len, &v) != EM_EPARSE)
            return 0;
    return 1;
}

/* The header's fields, with surrounding double quotes removed. */
static em_status header_names(const char *line, char ***names, size_t *count)
{
    const char *cur = line, *f;
    size_t len, n = 0;
    char **v = NULL;
    while ((f = em_next_field(&cur, &len))) {
        if (len >= 2 && f[0] == '"' && f[len - 1] == '"') {
            f++;
            len -= 2;
        }
        char **grown = realloc(v, (n + 1) * sizeof *v);
        char *name = malloc(len + 1);
        if (grown)
            v = grown;
        if (!grown || !name) {
            free(name);
            for (size_t i = 0; i < n; i++)
                free(v[i]);
            free(v);
            return EM_ENOMEM;
        }
        memcpy(name, f, len);
        name[len] = '\0';
        v[n++] = name;
    }
    *names = v;
    *count = n;
    return EM_OK;
}

/* Parse one line of numbers into row (at most cap values; *count gets how
 * many fields there were, even past cap). Reports the first bad field. */
static em_status parse_row(const em_lines *in, const char *line, double *row,
                           size_t cap, size_t *count, char *err, size_t errlen)
{
    const char *cur = line, *f;
    size_t len, j = 0;
    while ((f = em_next_field(&cur, &len))) {
        double v = 0.0;
        em_status st = em_parse_number(f, len, &v);
        if (st == EM_EPARSE && len == 0)
            em_errorf(err, errlen, in->path, in->lineno,
                      "column %zu is empty (two commas in a row?)", j + 1);
        else if (st == EM_EPARSE)
            em_errorf(err, errlen, in->path, in->lineno,
                      "column %zu: '%.*s' is not a number", j + 1, (int)len, f);
        else if (st == EM_ENONFINITE)
            em_errorf(err, errlen, in->path, in->lineno,
                      "column %zu: '%.*s' is not a finite number (NaN and Inf are not allowed)",
                      j + 1, (int)len, f);
        if (st)
            return st;
        if (j < cap)
            row[j] = v;
        j++;
    }
    *count = j;
    return EM_OK;
}

static size_t count_fields(const char *line)
{
    const char *cur = line;
    size_t len, n = 0;
    while (em_next_field(&cur, &len))
        n++;
    return n;
}

void em_dataset_free(em_dataset *ds)
{
    if (ds->names)
        for (size_t j = 0; j < ds->d; j++)
            free(ds->names[j]);
    free(ds->names);
    free(ds->x);
    memset(ds, 0, sizeof *ds);
}

/* Read every data line after the optional header into p; p->d is set by the
 * first data line, and first_line remembers where, for messages. */
static em_status read_rows(em_lines *in, em_dataset *ds, points *p,
                           char *err, size_t errlen)
{
    char *line;
    int got;
    size_t first_line = 0;
    double *row = NULL;
    em_status st = EM_OK;
    while (st == EM_OK && (got = em_lines_next(in, &line, err, errlen)) == 1) {
        if (!first_line && !ds->names && p->n == 0 && is_header(line)) {
            st = header_names(line, &ds->names, &ds->d);
            continue;
        }
        if (!first_line) {
            first_line = in->lineno;
            p->d = count_fields(line);
            if (ds->names && p->d != ds->d) {
                em_errorf(err, errlen, in->path, in->lineno,
                          "%zu columns, but the header names %zu", p->d, ds->d);
                st = EM_EPARSE;
                break;
            }
            row = malloc(p->d * sizeof *row);
            if (!row) {
                st = EM_ENOMEM;
                break;
            }
        }
        size_t count;
        st = parse_row(in, line, row, p->d, &count, err, errlen);
        if (st == EM_OK && count != p->d) {
            em_errorf(err, errlen, in->path, in->lineno,
                      "%zu columns, expected %zu (as on line %zu)", count, p->d, first_line);
            st = EM_EPARSE;
        }
        if (st == EM_OK)
            st = points_push(p, row);
    }
    free(row);
    if (st == EM_OK && got < 0)
        st = EM_EIO;
    return st;
}

em_status em_dataset_read(const char *path, em_dataset *ds, char *err, size_t errlen)
{
    memset(ds, 0, sizeof *ds);
    em_lines in;
    em_status st = em_lines_open(&in, path, err, errlen);
    if (st)
        return st;
    points p = {0};
    st = read_rows(&in, ds, &p, err, errlen);
    if (st == EM_OK && p.n == 0) {
        em_errorf(err, errlen, path, 0, "no data points (the file is empty or has only comments%s)",
                  ds->names ? " and a header" : "");
        st = EM_EPARSE;
    }
    if (st == EM_ENOMEM)
        em_errorf(err, errlen, path, in.lineno, "out of memory");
    em_lines_close(&in);
    if (st) {
        free(p.x);
        em_dataset_free(ds);
        return st;
    }
    ds->n = p.n;
    ds->d = p.d;
    ds->x = p.x;
    return EM_OK;
}

em_status em_dataset_write(const char *path, const double *x, size_t n, size_t d,
                           char *const *names, char *err, size_t errlen)
{
    em_outfile out;
    em_status st = em_out_open(&out, path, err, errlen);
    if (st)
        return st;
    if (names)
        for (size_t j = 0; j < d; j++)
            fprintf(out.f, "%s%s", names[j], j + 1 < d ? " " : "\n");
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < d; j++)
            fprintf(out.f, "%.17g%s", x[i * d + j], j + 1 < d ? " " : "\n");
    return em_out_commit(&out, err, errlen);
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
