/* table.c — the one reader of number tables (data and parameter files). */
#include <stdlib.h>
#include <string.h>
#include "table.h"
#include "textio.h"

void em_table_free(em_table *t)
{
    if (t->names)
        for (size_t j = 0; j < t->cols; j++)
            free(t->names[j]);
    free(t->names);
    free(t->v);
    free(t->line);
    memset(t, 0, sizeof *t);
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

static size_t count_fields(const char *line)
{
    const char *cur = line;
    size_t len, n = 0;
    while (em_next_field(&cur, &len))
        n++;
    return n;
}

/* The header's fields, with surrounding double quotes removed. */
static em_status header_names(em_table *t, const char *line)
{
    const char *cur = line, *f;
    size_t len;
    t->cols = count_fields(line);
    t->names = calloc(t->cols, sizeof *t->names);
    if (!t->names)
        return EM_ENOMEM;
    for (size_t j = 0; (f = em_next_field(&cur, &len)); j++) {
        if (len >= 2 && f[0] == '"' && f[len - 1] == '"') {
            f++;
            len -= 2;
        }
        t->names[j] = malloc(len + 1);
        if (!t->names[j])
            return EM_ENOMEM;
        memcpy(t->names[j], f, len);
        t->names[j][len] = '\0';
    }
    return EM_OK;
}

/* Parse the fields of one line into row[0..cols-1]; *count gets how many
 * fields there were (even past cols). Reports the first bad field. */
static em_status parse_row(const em_lines *in, const char *line, double *row, size_t cols,
                           size_t *count, char *err, size_t errlen)
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
        if (j < cols)
            row[j] = v;
        j++;
    }
    *count = j;
    return EM_OK;
}

/* Make room for one more row (doubling), and its line number if kept. */
static em_status grow(em_table *t, size_t *cap, unsigned flags)
{
    if (t->rows < *cap)
        return EM_OK;
    size_t c = *cap ? 2 * *cap : 1024;
    double *v = realloc(t->v, c * t->cols * sizeof *v);
    if (!v)
        return EM_ENOMEM;
    t->v = v;
    if (flags & EM_TABLE_LINES) {
        size_t *line = realloc(t->line, c * sizeof *line);
        if (!line)
            return EM_ENOMEM;
        t->line = line;
    }
    *cap = c;
    return EM_OK;
}

/* The first data line fixes the number of columns (or must agree with the
 * header's). */
static em_status first_row(em_table *t, const em_lines *in, const char *line, char *err,
                           size_t errlen)
{
    size_t n = count_fields(line);
    if (t->names && n != t->cols) {
        em_errorf(err, errlen, in->path, in->lineno, "%zu columns, but the header names %zu",
                  n, t->cols);
        return EM_EPARSE;
    }
    t->cols = n;
    return EM_OK;
}

static em_status read_rows(em_lines *in, unsigned flags, em_table *t, char *err, size_t errlen)
{
    char *line;
    int got;
    size_t cap = 0, first = 0, count;
    em_status st = EM_OK;
    while (st == EM_OK && (got = em_lines_next(in, &line, err, errlen)) == 1) {
        if ((flags & EM_TABLE_HEADER) && !first && !t->names && is_header(line)) {
            st = header_names(t, line);
            continue;
        }
        if (!first) {
            first = in->lineno;
            st = first_row(t, in, line, err, errlen);
        }
        if (st == EM_OK)
            st = grow(t, &cap, flags);
        if (st == EM_OK)
            st = parse_row(in, line, t->v + t->rows * t->cols, t->cols, &count, err, errlen);
        if (st == EM_OK && count != t->cols) {
            em_errorf(err, errlen, in->path, in->lineno,
                      "%zu columns, expected %zu (as on line %zu)", count, t->cols, first);
            st = EM_EPARSE;
        }
        if (st == EM_OK && t->line)
            t->line[t->rows] = in->lineno;
        if (st == EM_OK)
            t->rows++;
    }
    if (st == EM_OK && got < 0)
        st = EM_EIO;
    if (st == EM_ENOMEM)
        em_errorf(err, errlen, in->path, in->lineno, "out of memory");
    return st;
}

em_status em_table_read(const char *path, unsigned flags, em_table *t, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    em_lines in;
    em_status st = em_lines_open(&in, path, err, errlen);
    if (st)
        return st;
    st = read_rows(&in, flags, t, err, errlen);
    em_lines_close(&in);
    if (st)
        em_table_free(t);
    return st;
}
