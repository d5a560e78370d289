/* test_pyfmt.c — numbers printed as Python and numpy 1.24 print them, for
 * every double: against tests/data/numpy_print.txt, which numpy itself
 * wrote (tests/data/make_numpy_print_table.py). */
#include "emlab_test.h"
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double from_bits(const char *hex)
{
    uint64_t u = strtoull(hex, NULL, 16);
    double v;
    memcpy(&v, &u, sizeof v);
    return v;
}

/* One record of the table: an array and what numpy printed. */
typedef struct {
    int precision, suppress;
    size_t rows, cols, ndim, n;
    double *v;
    char *want;
    size_t want_len;
} record;

static void add_text(record *r, const char *line)
{
    size_t l = strlen(line);
    r->want = realloc(r->want, r->want_len + l + 2);
    ck_assert_ptr_nonnull(r->want);
    if (r->want_len)
        r->want[r->want_len++] = '\n';
    memcpy(r->want + r->want_len, line, l + 1);
    r->want_len += l;
}

/* Compare one finished record; returns 1 when it matches. */
static int check_record(const record *r, size_t line, size_t *shown)
{
    em_printopts o = {.precision = r->precision, .suppress = r->suppress};
    char *got = em_numpy_format(r->v, r->rows, r->cols, r->ndim == 2, o, 0);
    ck_assert_ptr_nonnull(got);
    int same = strcmp(got, r->want ? r->want : "") == 0;
    if (!same && (*shown)++ < 5)
        fprintf(stderr, "numpy_print.txt:%zu (precision %d%s):\n  numpy: %s\n  emlab: %s\n",
                line, r->precision, r->suppress ? ", suppress" : "", r->want, got);
    free(got);
    return same;
}

START_TEST(test_arrays_print_as_numpy_1_24_prints_them)
{
    char path[512];
    snprintf(path, sizeof path, "%s/numpy_print.txt", EMLAB_TEST_DATA);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    size_t cap = 1 << 20, lineno = 0, start = 0, records = 0, bad = 0, shown = 0;
    char *line = malloc(cap);
    record r = {0};
    int open = 0;
    while (fgets(line, (int)cap, f)) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '@' || line[0] == 'r' || line[0] == '#') {
            if (open) {
                records++;
                bad += !check_record(&r, start, &shown);
                free(r.v);
                free(r.want);
                memset(&r, 0, sizeof r);
                open = 0;
            }
        }
        if (line[0] == '@') {
            char flags[16] = "";
            int got = sscanf(line + 1, "%d %zu %zu %zu %15s", &r.precision, &r.rows, &r.cols,
                             &r.ndim, flags);
            ck_assert_int_ge(got, 4);
            r.suppress = strcmp(flags, "suppress") == 0;
            r.n = r.ndim == 2 ? r.rows * r.cols : r.cols;
            r.v = calloc(r.n ? r.n : 1, sizeof *r.v);
            start = lineno;
            open = 1;
        } else if (line[0] == '=' && open) {
            char *p = line + 1;
            for (size_t i = 0; i < r.n; i++) {
                p += strspn(p, " ");
                r.v[i] = from_bits(p);
                p += 16;
            }
        } else if (line[0] == '|' && open) {
            add_text(&r, line[1] == ' ' ? line + 2 : line + 1);
        }
    }
    if (open) {
        records++;
        bad += !check_record(&r, start, &shown);
        free(r.v);
        free(r.want);
    }
    fclose(f);
    free(line);
    ck_assert_msg(records >= 300, "only %zu arrays in the table", records);
    ck_assert_msg(bad == 0, "%zu of %zu arrays print unlike numpy (first ones above)", bad,
                  records);
}
END_TEST

START_TEST(test_repr_matches_python_for_every_magnitude)
{
    char path[512], line[256], buf[EM_REPR_SIZE];
    snprintf(path, sizeof path, "%s/numpy_print.txt", EMLAB_TEST_DATA);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    size_t count = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] != 'r' || line[1] != ' ')
            continue;
        line[strcspn(line, "\n")] = '\0';
        const char *want = line + 2 + 16 + 1;
        em_repr(from_bits(line + 2), buf, sizeof buf);
        if (strcmp(buf, want) != 0 && bad++ < 5)
            fprintf(stderr, "repr of %.16s: Python %s, emlab %s\n", line + 2, want, buf);
        count++;
    }
    fclose(f);
    ck_assert_msg(count >= 200, "only %zu reprs in the table", count);
    ck_assert_msg(bad == 0, "%zu of %zu reprs differ from Python's", bad, count);
}
END_TEST

/* print_model's case: a prefix, as np.array2string(a, prefix=...) */
START_TEST(test_print_matrix_wraps_under_its_label)
{
    double v[12];
    for (int i = 0; i < 12; i++)
        v[i] = (i % 2 ? -1.0 : 1.0) * (1.0 + i / 7.0);
    char *s = em_numpy_format(v, 1, 12, 0, (em_printopts){.precision = 6}, 13);
    /* numpy: np.array2string(v, precision=6, prefix=' ' * 13) */
    ck_assert_str_eq(s, "[ 1.       -1.142857  1.285714 -1.428571  1.571429 -1.714286\n"
                        "               1.857143 -2.        2.142857 -2.285714  2.428571 -2.571429]");
    free(s);
}
END_TEST

/* The crash of issue 10: a value with 40 integer digits. */
START_TEST(test_huge_and_tiny_entries_print_whole)
{
    double big[2] = {1.79e40, 3.0}, tiny[2] = {3e-150, 0.0}, small[4] = {1e-5, -2e-6, -2e-6, 4e-5};
    char *s = em_numpy_format(big, 1, 2, 0, (em_printopts){.precision = 6}, 0);
    ck_assert_str_eq(s, "[1.79e+40 3.00e+00]");
    free(s);
    s = em_numpy_format(tiny, 1, 2, 0, (em_printopts){.precision = 6}, 0);
    ck_assert_str_eq(s, "[3.e-150 0.e+000]");
    free(s);
    s = em_numpy_format(small, 2, 2, 1, (em_printopts){.precision = 6}, 0);
    ck_assert_str_eq(s, "[[ 1.e-05 -2.e-06]\n [-2.e-06  4.e-05]]");
    free(s);
}
END_TEST

Suite *pyfmt_suite(void)
{
    Suite *s = suite_create("pyfmt");
    TCase *tc = tcase_create("numpy");
    tcase_add_test(tc, test_arrays_print_as_numpy_1_24_prints_them);
    tcase_add_test(tc, test_repr_matches_python_for_every_magnitude);
    tcase_add_test(tc, test_print_matrix_wraps_under_its_label);
    tcase_add_test(tc, test_huge_and_tiny_entries_print_whole);
    suite_add_tcase(s, tc);
    return s;
}
