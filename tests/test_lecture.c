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

/* --- chapter 8: when EM goes wrong --------------------------------------- */

START_TEST(test_chapter_08_output_is_golden)
{
    expect_golden("08_when_em_goes_wrong");
}
END_TEST

/* results.txt against tests/sklearn/make_chapter08.py: the two collapse
 * traces against EM written out in numpy (sigma_2^2 at the last step of
 * the collapse is a sum of underflowing terms: 1e-9), the 100 restarts'
 * final log-likelihoods against scikit-learn's from the same starts. */
START_TEST(test_chapter_08_matches_numpy_and_sklearn)
{
    static double ref[256], got[6 * 256];
    size_t n_ref = read_numbers("chapters/08_reference.txt", ref, 256);
    int status;
    const char *dir;
    run_chapter_in("08_when_em_goes_wrong", "", &status, &dir);
    ck_assert_int_eq(status, 0);
    size_t n = read_table(path_in(dir, "results.txt"), got, 6 * 256) / 6, r = 0, v = 0;
    for (; r < n && got[r * 6] < 2; r++, v += 5) { /* the collapse traces */
        const double *g = got + r * 6, *w = ref + v;
        ck_assert_int_eq((int)g[1], (int)w[0]);
        ck_assert_rel(g[2], w[1], 1e-12);
        ck_assert_msg(rel_err(g[3], w[2]) <= 1e-9, "run %g, iteration %g: sigma_2^2 %.17g, "
                      "numpy %.17g", g[0], g[1], g[3], w[2]);
        ck_assert_rel(g[4], w[3], 1e-9);
        ck_assert_rel(g[5], w[4], 1e-11);
    }
    ck_assert_uint_eq(v, 45); /* 3 iterations to the singularity, 6 to converge */
    ck_assert_uint_eq(n_ref, v + 100);
    for (size_t s = 0; s < 100; s++, r++) {
        ck_assert_int_eq((int)got[r * 6], 2);
        ck_assert_msg(rel_err(got[r * 6 + 5], ref[v + s]) <= 1e-12, "restart %zu: %.17g, "
                      "scikit-learn %.17g", s, got[r * 6 + 5], ref[v + s]);
    }
    /* label switching: the same log-likelihood, reversed */
    ck_assert_int_eq((int)got[r * 6], 3);
    ck_assert_rel(got[(r + 1) * 6 + 5], got[r * 6 + 5], 1e-13);
    ck_assert_rel(got[r * 6 + 5], ref[v], 1e-12); /* the best fit is restart 0's */
}
END_TEST

/* What chapter 8 says happens, happens: the collapse's log-likelihood
 * rises at every step and its variance ends at 0 (the library's error,
 * printed); with the floor, sigma_2^2 ends at the floor and the component
 * is called degenerate; the printed table is the file's, rounded. */
START_TEST(test_chapter_08_prints_what_happened)
{
    int status;
    const char *dir;
    const char *out = run_chapter_in("08_when_em_goes_wrong", "", &status, &dir);
    ck_assert_int_eq(status, 0);
    static double got[6 * 256];
    size_t n = read_table(path_in(dir, "results.txt"), got, 6 * 256) / 6;
    ck_assert_ptr_nonnull(strstr(out, "EM stopped after iteration 2: the next M-step made "
                                      "sigma_2^2 = 0"));
    ck_assert_ptr_nonnull(strstr(out, "emlab fit calls component 2 degenerate"));
    size_t r = 0;
    for (; r + 1 < n && got[(r + 1) * 6] == 0; r++)
        ck_assert(got[(r + 1) * 6 + 5] > got[r * 6 + 5]);
    ck_assert(got[r * 6 + 3] < 1e-11);
    for (r++; got[(r + 1) * 6] == 1; r++)
        ck_assert(got[(r + 1) * 6 + 5] >= got[r * 6 + 5]);
    ck_assert(fabs(got[r * 6 + 3] - 1e-6) < 1e-12);
    double p[8];
    ck_assert_uint_eq(printed_after(out, "\n        5  ", p, 8), 4);
    for (int c = 0; c < 4; c++)
        ck_assert(fabs(p[c] - got[r * 6 + 2 + c]) <= 5.01e-7 * fmax(1, fabs(p[c]) / 10));
    ck_assert_uint_eq(printed_after(out, "\n       A  ", p, 8), 3);
    ck_assert(fabs(p[0] - got[(r + 1) * 6 + 5]) <= 5.01e-7);
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
    tcase_add_test(tc, test_chapter_08_output_is_golden);
    tcase_add_test(tc, test_chapter_08_matches_numpy_and_sklearn);
    tcase_add_test(tc, test_chapter_08_prints_what_happened);
    suite_add_tcase(s, tc);
    return s;
}
