/* test_lecture.c — chapters 7 to 11, the rest of the EM lecture: each
 * prints its golden output, and its numbers equal the reference programs'
 * (scikit-learn, numpy) or a closed form. */
#include "emlab_test.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The chapter still draws exactly the data a reference was made from:
 * its data.txt (in dir) equals tests/data/COMMITTED, n numbers. */
static void draws_the_committed_data(const char *dir, const char *committed, size_t n)
{
    double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    ck_assert(a && b);
    ck_assert_uint_eq(read_numbers_at(path_in(dir, "data.txt"), a, n), n);
    ck_assert_uint_eq(read_numbers(committed, b, n), n);
    for (size_t v = 0; v < n; v++)
        ck_assert_msg(a[v] == b[v], "data.txt value %zu: %.17g, %s has %.17g", v, a[v], committed,
                      b[v]);
    free(a);
    free(b);
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
    ck_assert_uint_eq(read_numbers_at(path_in(dir, "results.txt"), got, 64), 5 * 8);
    /* k-means: J, rounds (sklearn counts one more: the round that changes
     * nothing), the centres */
    ck_assert_rel(got[7], ref[0], 1e-12);
    double rounds;
    ck_assert_uint_eq(printed_after(out, "Converged after ", &rounds, 1), 1);
    ck_assert_int_eq((int)rounds + 1, (int)ref[1]);
    for (int v = 0; v < 4; v++)
        ck_assert_rel(got[3 + v], ref[2 + v], 1e-12);
    /* EM with full covariances, then each eps: pi, mu, log-likelihood */
    double worst[2] = {0, 0}; /* k-means; EM */
    for (int v = 0; v < 4; v++)
        worst[0] = fmax(worst[0], rel_err(got[3 + v], ref[2 + v]));
    worst[0] = fmax(worst[0], rel_err(got[7], ref[0]));
    for (int r = 0; r < 4; r++) {
        const double *g = got + (1 + r) * 8, *w = ref + 6 + 7 * r;
        for (int v = 0; v < 6; v++) {
            ck_assert_msg(rel_err(g[1 + v], w[v]) <= 1e-12, "row %d value %d: %.17g, reference "
                          "%.17g", r, v, g[1 + v], w[v]);
            worst[1] = fmax(worst[1], rel_err(g[1 + v], w[v]));
        }
        ck_assert_rel(g[7], w[6], 1e-12);
        worst[1] = fmax(worst[1], rel_err(g[7], w[6]));
    }
    printf("chapter 7: k-means against scikit-learn's KMeans, largest relative difference %.2g; "
           "EM (full, eps = 1, 0.1, 0.01) against scikit-learn and numpy, %.2g\n", worst[0],
           worst[1]);
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
    ck_assert_uint_eq(read_numbers_at(path_in(dir, "results.txt"), got, 64), 40);
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
    size_t n = read_numbers_at(path_in(dir, "results.txt"), got, 6 * 256) / 6, r = 0, v = 0;
    double collapse = 0.0;
    for (; r < n && got[r * 6] < 2; r++, v += 5) { /* the collapse traces */
        const double *g = got + r * 6, *w = ref + v;
        for (int c = 1; c < 5; c++)
            collapse = fmax(collapse, rel_err(g[c + 1], w[c]));
        ck_assert_int_eq((int)g[1], (int)w[0]);
        ck_assert_rel(g[2], w[1], 1e-12);
        ck_assert_msg(rel_err(g[3], w[2]) <= 1e-9, "run %g, iteration %g: sigma_2^2 %.17g, "
                      "numpy %.17g", g[0], g[1], g[3], w[2]);
        ck_assert_rel(g[4], w[3], 1e-9);
        ck_assert_rel(g[5], w[4], 1e-11);
    }
    ck_assert_uint_eq(v, 45); /* 3 iterations to the singularity, 6 to converge */
    ck_assert_uint_eq(n_ref, v + 100);
    double worst = 0.0;
    for (size_t s = 0; s < 100; s++, r++) {
        ck_assert_int_eq((int)got[r * 6], 2);
        worst = fmax(worst, rel_err(got[r * 6 + 5], ref[v + s]));
        ck_assert_msg(rel_err(got[r * 6 + 5], ref[v + s]) <= 1e-12, "restart %zu: %.17g, "
                      "scikit-learn %.17g", s, got[r * 6 + 5], ref[v + s]);
    }
    /* label switching: the same log-likelihood, reversed */
    ck_assert_int_eq((int)got[r * 6], 3);
    ck_assert_rel(got[(r + 1) * 6 + 5], got[r * 6 + 5], 1e-13);
    ck_assert_rel(got[r * 6 + 5], ref[v], 1e-12); /* the best fit is restart 0's */
    printf("chapter 8: the collapse against EM in numpy, largest relative difference %.2g (in "
           "sigma_2^2 = 1e-12, a sum of underflowing terms); the 100 restarts' final "
           "log-likelihoods against scikit-learn, %.2g\n", collapse, worst);
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
    size_t n = read_numbers_at(path_in(dir, "results.txt"), got, 6 * 256) / 6;
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

/* --- chapter 9: choosing K ---------------------------------------------- */

START_TEST(test_chapter_09_output_is_golden)
{
    expect_golden("09_choosing_k");
}
END_TEST

/* The rows of a table as printed by chapter 9 or emlab select, from the
 * line after `header`: K, log L, p, AIC, BIC as printed (strings), and
 * whether the row says degenerate. How many rows. */
static size_t printed_rows(const char *out, const char *header, char tok[][5][32],
                           int *degenerate, size_t max)
{
    const char *p = strstr(out, header);
    ck_assert_msg(p != NULL, "no table headed \"%s\"", header);
    p = strchr(p, '\n') + 1;
    size_t n = 0;
    while (n < max && *p == ' ') {
        ck_assert_int_eq(sscanf(p, "%31s %31s %31s %31s %31s", tok[n][0], tok[n][1], tok[n][2],
                                tok[n][3], tok[n][4]), 5);
        const char *end = strchr(p, '\n');
        degenerate[n] = strstr(p, "degenerate") != NULL && strstr(p, "degenerate") < end;
        n++;
        p = end + 1;
    }
    return n;
}

/* emlab select on the chapter's data, and on the data with the three
 * stuck copies, prints the chapter's numbers digit for digit. */
START_TEST(test_chapter_09_reproduces_emlab_select)
{
    int status;
    const char *dir;
    const char *out = run_chapter_in("09_choosing_k", "", &status, &dir);
    ck_assert_int_eq(status, 0);
    const char *stuck = strstr(out, "The same points and 3 copies");
    ck_assert_ptr_nonnull(stuck);
    static char want[8][5][32], got[8][5][32];
    int dw[8], dg[8];
    for (int set = 0; set < 2; set++) {
        if (set == 1) { /* the stuck sensor: three copies of (7, -2) */
            const char *more;
            ck_assert_int_eq(shell(&more, NULL, "printf '7 -2\n7 -2\n7 -2\n' >> '%s'",
                                   path_in(dir, "data.txt")), 0);
        }
        ran r = emlab("select %s --kmax 8 -f none -o %s/sel%d", path_in(dir, "data.txt"), dir, set);
        ck_assert_msg(r.rc == 0, "%s", r.err);
        ck_assert_uint_eq(printed_rows(set ? stuck : out, "  K   log-likelihood", want, dw, 8), 8);
        ck_assert_uint_eq(printed_rows(r.out, "  K   log-likelihood", got, dg, 8), 8);
        for (int k = 0; k < 8; k++) {
            for (int c = 0; c < 5; c++)
                ck_assert_msg(strcmp(got[k][c], want[k][c]) == 0, "set %d, K = %d, column %d: "
                              "emlab select %s, the chapter %s", set, k + 1, c, got[k][c],
                              want[k][c]);
            ck_assert_int_eq(dg[k], dw[k]);
        }
        ck_assert_int_eq(dw[4], set); /* K = 5 degenerate only with the stuck copies */
    }
}
END_TEST

/* BIC is scikit-learn's bic() at the same parameters: the chapter still
 * draws tests/data/chapters/09_data.txt and fits 09_fits.txt on it, and
 * its BIC and log-likelihood equal 09_sklearn_bic.txt's
 * (tests/sklearn/make_chapter09.py). And p is the closed form
 * (K - 1) + K d + K d(d + 1)/2, the library's count. */
START_TEST(test_chapter_09_bic_is_sklearns)
{
    int status;
    const char *dir;
    run_chapter_in("09_choosing_k", "", &status, &dir);
    ck_assert_int_eq(status, 0);
    static double fits[8 * 7 * 8], res[16 * 7], ref[8 * 3];
    draws_the_committed_data(dir, "chapters/09_data.txt", 800);
    size_t n_fit = read_numbers("chapters/09_fits.txt", fits, 8 * 7 * 8), at = 0;
    ck_assert_uint_eq(n_fit, 7 * 36);
    for (int K = 1; K <= 8; K++) {
        char file[32];
        double p[8 * 7];
        snprintf(file, sizeof file, "params_K%d.txt", K);
        ck_assert_uint_eq(read_numbers_at(path_in(dir, file), p, 56), (size_t)(7 * K));
        for (int v = 0; v < 7 * K; v++, at++)
            ck_assert_rel(p[v], fits[at], 1e-12);
    }
    ck_assert_uint_eq(read_numbers_at(path_in(dir, "results.txt"), res, 16 * 7), 16 * 7);
    ck_assert_uint_eq(read_numbers("chapters/09_sklearn_bic.txt", ref, 24), 24);
    double worst = 0.0;
    for (int K = 1; K <= 8; K++) {
        const double *r = res + (K - 1) * 7, *w = ref + (K - 1) * 3;
        ck_assert_int_eq((int)w[0], K);
        ck_assert_msg(rel_err(r[5], w[1]) <= 1e-12, "K = %d: BIC %.17g, scikit-learn %.17g", K,
                      r[5], w[1]);
        worst = fmax(worst, rel_err(r[5], w[1]));
        ck_assert_rel(r[2], w[2], 1e-12);
        ck_assert_int_eq((int)r[3], 6 * K - 1);
        for (size_t d = 1; d <= 5; d++)
            ck_assert_uint_eq(em_gmm_free_params(EM_COV_FULL, (size_t)K, d, 0),
                              (size_t)K - 1 + K * d + K * d * (d + 1) / 2);
        ck_assert_rel(r[4], 2.0 * r[3] - 2.0 * r[2], 1e-15);
    }
    printf("chapter 9: BIC for K = 1 .. 8 against scikit-learn's bic(), largest relative "
           "difference %.2g\n", worst);
}
END_TEST

/* --- chapter 10: covariance types ---------------------------------------- */

START_TEST(test_chapter_10_output_is_golden)
{
    expect_golden("10_covariance_types");
}
END_TEST

/* Each family's fit against scikit-learn's from the same start
 * (tests/sklearn/make_chapter10.py, on tests/data/chapters/10_data.txt,
 * which the chapter must still draw): p, the log-likelihood and BIC to
 * 1e-12, every weight, mean and covariance to 1e-12 of the data's scale
 * (200 iterations each). */
START_TEST(test_chapter_10_matches_sklearn)
{
    int status;
    const char *dir;
    run_chapter_in("10_covariance_types", "", &status, &dir);
    ck_assert_int_eq(status, 0);
    static double ref[4 * 24], res[16];
    draws_the_committed_data(dir, "chapters/10_data.txt", 900);
    ck_assert_uint_eq(read_numbers("chapters/10_reference.txt", ref, 4 * 24), 4 * 24);
    ck_assert_uint_eq(read_numbers_at(path_in(dir, "results.txt"), res, 16), 16);
    static const char *const type[4] = {"full", "tied", "diag", "spherical"};
    double worst = 0.0;
    for (int t = 0; t < 4; t++) {
        const double *w = ref + t * 24, *r = res + t * 4;
        ck_assert_int_eq((int)r[0], (int)w[0]);
        ck_assert_msg(rel_err(r[1], w[1]) <= 1e-12 && rel_err(r[2], w[2]) <= 1e-12,
                      "%s: log L %.17g, BIC %.17g; scikit-learn %.17g, %.17g", type[t], r[1], r[2],
                      w[1], w[2]);
        char file[32];
        double p[21];
        snprintf(file, sizeof file, "params_%s.txt", type[t]);
        ck_assert_uint_eq(read_numbers_at(path_in(dir, file), p, 21), 21);
        em_gmm m; /* a parameter file, in its family, that emlab fit --init reads */
        char why[256];
        ck_assert_msg(em_gmm_load(path_in(dir, file), &m, why, sizeof why) == EM_OK, "%s", why);
        em_cov_type family;
        ck_assert_int_eq(em_cov_parse(type[t], &family), EM_OK);
        ck_assert_int_eq(m.type, family);
        ck_assert(m.K == 3 && m.d == 2 && m.weight[0] == p[0] && m.cov[3] == p[6]);
        em_gmm_free(&m);
        for (int v = 0; v < 21; v++) {
            ck_assert_msg(fabs(p[v] - w[3 + v]) <= 1e-12 * fmax(1.0, fabs(w[3 + v])),
                          "%s, component %d, value %d: %.17g, scikit-learn %.17g", type[t], v / 7,
                          v % 7, p[v], w[3 + v]);
            worst = fmax(worst, fabs(p[v] - w[3 + v]) / fmax(1.0, fabs(w[3 + v])));
        }
        worst = fmax(worst, fmax(rel_err(r[1], w[1]), rel_err(r[2], w[2])));
    }
    printf("chapter 10: the four families against scikit-learn (200 iterations): largest "
           "difference %.2g\n", worst);
}
END_TEST

/* --- chapter 11: why EM works -------------------------------------------- */

START_TEST(test_chapter_11_output_is_golden)
{
    expect_golden("11_why_em_works");
}
END_TEST

/* At every iteration: ln p = L(q, theta) + KL(q || p(Z | X, theta)) to
 * 1e-12, KL >= 0, the bound touching at theta_old (L(q, old) = ln p(old)),
 * ln p(old) <= L(q, new) <= ln p(new), the search's maximum of the bound
 * at the M-step's closed form (to 1e-6, what a search by values can
 * resolve); and every number equal to numpy's (make_chapter11.py). */
START_TEST(test_chapter_11_bound_identity_and_numpy)
{
    int status;
    const char *dir;
    run_chapter_in("11_why_em_works", "", &status, &dir);
    ck_assert_int_eq(status, 0);
    double got[10 * 9], ref[10 * 8];
    ck_assert_uint_eq(read_numbers_at(path_in(dir, "results.txt"), got, 90), 90);
    ck_assert_uint_eq(read_numbers("chapters/11_reference.txt", ref, 80), 80);
    double gap = 0.0, worst = 0.0;
    for (int t = 0; t < 10; t++) {
        const double *g = got + t * 9, *w = ref + t * 8;
        double mu_old = g[1], mu_new = g[2], search = g[3], ll_old = g[4], L_old = g[5],
               L_new = g[6], ll_new = g[7], kl = g[8], scale = fabs(ll_new);
        ck_assert_msg(fabs(ll_new - L_new - kl) <= 1e-12 * scale, "iteration %d: ln p %.17g, "
                      "L + KL %.17g", t + 1, ll_new, L_new + kl);
        ck_assert(kl >= 0.0);
        ck_assert_msg(fabs(ll_old - L_old) <= 1e-12 * fabs(ll_old), "iteration %d: the bound "
                      "does not touch: %.17g vs %.17g", t + 1, L_old, ll_old);
        ck_assert(L_new >= ll_old && ll_new >= L_new);
        ck_assert_msg(fabs(search - mu_new) <= 1e-6, "iteration %d: search %.17g, M-step %.17g",
                      t + 1, search, mu_new);
        /* numpy: t mu_old mu_new lnp_old L_old L_new lnp_new KL */
        ck_assert_int_eq((int)w[0], t + 1);
        ck_assert_rel(mu_old, w[1], 1e-12);
        ck_assert_rel(mu_new, w[2], 1e-12);
        ck_assert_rel(ll_old, w[3], 1e-12);
        ck_assert_rel(L_old, w[4], 1e-12);
        ck_assert_rel(L_new, w[5], 1e-12);
        ck_assert_rel(ll_new, w[6], 1e-12);
        ck_assert_msg(fabs(kl - w[7]) <= 1e-12 * scale, "iteration %d: KL %.17g, numpy %.17g",
                      t + 1, kl, w[7]);
        gap = fmax(gap, fabs(ll_new - L_new - kl) / scale);
        for (int c = 1; c < 7; c++)
            worst = fmax(worst, rel_err(g[c == 3 ? 4 : c >= 4 ? c + 1 : c], w[c]));
    }
    printf("chapter 11: |ln p - L - KL| / |ln p| at most %.2g over 10 iterations; against numpy, "
           "largest relative difference %.2g\n", gap, worst);
}
END_TEST

/* At a seed where the spike start does not collapse (the neighbours hold
 * the variance up), chapter 8 says so, and does not claim the floor
 * (it said "Converged, with sigma_2^2 at the floor" at sigma_2^2 = 0.077). */
START_TEST(test_chapter_08_says_when_nothing_collapses)
{
    int status;
    const char *out = run_chapter("08_when_em_goes_wrong", "--seed 232", &status);
    ck_assert_int_eq(status, 0);
    ck_assert_ptr_nonnull(strstr(out, "No collapse at this seed"));
    ck_assert_ptr_null(strstr(out, "EM stopped after"));
    ck_assert_ptr_null(strstr(out, "at the floor"));
    ck_assert_ptr_nonnull(strstr(out, "fewer points than the 2 a variance needs (N_2 = 1.935)"));
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
    tcase_add_test(tc, test_chapter_08_says_when_nothing_collapses);
    tcase_add_test(tc, test_chapter_09_output_is_golden);
    tcase_add_test(tc, test_chapter_09_reproduces_emlab_select);
    tcase_add_test(tc, test_chapter_09_bic_is_sklearns);
    tcase_add_test(tc, test_chapter_10_output_is_golden);
    tcase_add_test(tc, test_chapter_10_matches_sklearn);
    tcase_add_test(tc, test_chapter_11_output_is_golden);
    tcase_add_test(tc, test_chapter_11_bound_identity_and_numpy);
    suite_add_tcase(s, tc);
    return s;
}
