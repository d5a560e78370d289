/* test_lecture.c — chapters 7 to 11, the rest of the EM lecture: each
 * prints its golden output, and its numbers equal the reference programs'
 * (scikit-learn, numpy) or a closed form. */
#include "emlab_test.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The numbers of a table a chapter wrote (its header line skipped), row
 * after row; how many. */
static size_t read_table(const char *path, double *out, size_t max)
{
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    char line[8192];
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        char *p = line, *end;
        for (double v = strtod(p, &end); end != p; v = strtod(p, &end)) {
            if (n < max)
                out[n] = v;
            n++;
            p = end;
        }
    }
    fclose(f);
    return n < max ? n : max;
}

/* The numbers printed on the line of out that starts with `start` (after
 * it): how many, into v. */
static size_t printed_after(const char *out, const char *start, double *v, size_t max)
{
    const char *p = strstr(out, start);
    ck_assert_msg(p != NULL, "no line starting \"%s\" in the output", start);
    p += strlen(start);
    size_t n = 0;
    while (*p && *p != '\n' && n < max) {
        char *end;
        double x = strtod(p, &end);
        if (end != p) {
            v[n++] = x;
            p = end;
        } else
            p++;
    }
    return n;
}

/* --- chapter 7: k-means and EM ------------------------------------------ */

START_TEST(test_chapter_07_output_is_golden)
{
    expect_golden("07_kmeans_and_em");
}
END_TEST

/* results.txt against tests/sklearn/make_chapter07.py's numbers: k-means
 * against sklearn's KMeans(lloyd) from the same centres, EM against
 * GaussianMixture from the same start, EM with eps I against numpy. */
START_TEST(test_chapter_07_matches_sklearn_and_numpy)
{
    double ref[64], got[64];
    ck_assert_uint_eq(read_numbers("chapters/07_reference.txt", ref, 64), 34);
    int status;
    const char *dir;
    const char *out = run_chapter_in("07_kmeans_and_em", "", &status, &dir);
    ck_assert_int_eq(status, 0);
    ck_assert_uint_eq(read_table(path_in(dir, "results.txt"), got, 64), 5 * 8);
    /* k-means: J, rounds (sklearn counts one more: the round that changes
     * nothing), the centres */
    ck_assert_rel(got[7], ref[0], 1e-12);
    double rounds;
    ck_assert_uint_eq(printed_after(out, "Converged after ", &rounds, 1), 1);
    ck_assert_int_eq((int)rounds + 1, (int)ref[1]);
    for (int v = 0; v < 4; v++)
        ck_assert_rel(got[3 + v], ref[2 + v], 1e-12);
    /* EM with full covariances, then each eps: pi, mu, log-likelihood */
    for (int r = 0; r < 4; r++) {
        const double *g = got + (1 + r) * 8, *w = ref + 6 + 7 * r;
        for (int v = 0; v < 6; v++)
            ck_assert_msg(rel_err(g[1 + v], w[v]) <= 1e-12, "row %d value %d: %.17g, reference "
                          "%.17g", r, v, g[1 + v], w[v]);
        ck_assert_rel(g[7], w[6], 1e-12);
    }
}
END_TEST

/* What chapter 7 prints is what it wrote, rounded: the k-means centres and
 * J, EM's weights, means and log-likelihood, every eps row. */
START_TEST(test_chapter_07_prints_its_results)
{
    int status;
    const char *dir;
    const char *out = run_chapter_in("07_kmeans_and_em", "", &status, &dir);
    ck_assert_int_eq(status, 0);
    double got[64], p[8];
    ck_assert_uint_eq(read_table(path_in(dir, "results.txt"), got, 64), 40);
    ck_assert_uint_eq(printed_after(out, "k-means  ", p, 8), 4);
    for (int v = 0; v < 4; v++)
        ck_assert(fabs(p[v] - got[3 + v]) <= 5.01e-7);
    ck_assert_uint_eq(printed_after(out, "    3  ", p, 8), 6);
    ck_assert(fabs(p[5] - got[7]) <= 5.01e-7);
    ck_assert_uint_eq(printed_after(out, "  pi = ", p, 8), 8); /* (a, b) mu_1 = (..) mu_2 = (..) */
    const double want[8] = {got[9], got[10], 1, got[11], got[12], 2, got[13], got[14]};
    for (int v = 0; v < 8; v++)
        ck_assert(fabs(p[v] - want[v]) <= 5.01e-7);
    ck_assert_uint_eq(printed_after(out, "  log-likelihood ", p, 1), 1);
    ck_assert(fabs(p[0] - got[15]) <= 5.01e-7);
    static const char *const rows[3] = {"\n     1  ", "\n   0.1  ", "\n  0.01  "};
    for (int r = 0; r < 3; r++) {
        ck_assert_uint_eq(printed_after(out, rows[r], p, 8), 7);
        for (int v = 0; v < 4; v++)
            ck_assert(fabs(p[v] - got[(2 + r) * 8 + 3 + v]) <= 5.01e-7);
    }
}
END_TEST

Suite *lecture_suite(void)
{
    Suite *s = suite_create("lecture");
    TCase *tc = tcase_create("chapters 7 to 11");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_chapter_07_output_is_golden);
    tcase_add_test(tc, test_chapter_07_matches_sklearn_and_numpy);
    tcase_add_test(tc, test_chapter_07_prints_its_results);
    suite_add_tcase(s, tc);
    return s;
}
