/* test_covtype.c — the covariance families (src/covtype.c): names, counts,
 * the M-step's restriction in both forms of the M-step, parameter files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emlab_test.h"
#include "figure_util.h"
#include "estep.h"

/* scikit-learn's GaussianMixture._n_parameters for d = 4, K = 3: full 44,
 * diag 26, tied 24, spherical 17 (weights K - 1, means K d, and the
 * covariances' numbers). */
START_TEST(test_cov_parameter_counts_are_scikit_learns)
{
    ck_assert_uint_eq(em_gmm_free_params(EM_COV_FULL, 3, 4, 0), 44);
    ck_assert_uint_eq(em_gmm_free_params(EM_COV_DIAG, 3, 4, 0), 26);
    ck_assert_uint_eq(em_gmm_free_params(EM_COV_TIED, 3, 4, 0), 24);
    ck_assert_uint_eq(em_gmm_free_params(EM_COV_SPHERICAL, 3, 4, 0), 17);
    em_cov_type t;
    for (int k = 0; k < EM_COV_TYPES; k++) {
        ck_assert_int_eq(em_cov_parse(em_cov_name((em_cov_type)k), &t), EM_OK);
        ck_assert_int_eq(t, k);
    }
    ck_assert_int_eq(em_cov_parse("diagonal", &t), EM_EINVAL);
}
END_TEST

/* The restriction of PRML 9.25 to each family, on two scatters. */
START_TEST(test_cov_restrict_keeps_the_family)
{
    double w[2] = {0.5, 0.5}, mu[4] = {0}, S[8] = {4, 1, 1, 2, 1, -0.5, -0.5, 3};
    em_gmm m = {.K = 2, .d = 2, .weight = w, .mean = mu, .cov = S};
    double N[2] = {3, 1};
    double s[8];
    memcpy(s, S, sizeof s);
    m.type = EM_COV_DIAG;
    em_cov_restrict(&m, N);
    ck_assert(S[0] == 4 && S[1] == 0 && S[2] == 0 && S[3] == 2 && S[5] == 0 && S[7] == 3);
    memcpy(S, s, sizeof s);
    m.type = EM_COV_SPHERICAL;
    em_cov_restrict(&m, N);
    ck_assert(S[0] == 3 && S[3] == 3 && S[1] == 0 && S[4] == 2 && S[7] == 2);
    memcpy(S, s, sizeof s);
    m.type = EM_COV_TIED; /* (3 S_1 + 1 S_2) / 4 */
    em_cov_restrict(&m, N);
    ck_assert(S[0] == 3.25 && S[1] == 0.625 && S[3] == 2.25 && memcmp(S, S + 4, 4 * sizeof *S) == 0);
    ck_assert_int_eq(em_cov_check(&m, NULL), EM_OK);
    S[5] = 1; /* no longer tied */
    size_t bad = 9;
    ck_assert_int_eq(em_cov_check(&m, &bad), EM_EINVAL);
    ck_assert_uint_eq(bad, 1);
}
END_TEST

/* The textbook M-step (em_m_step) and the one-pass statistics' agree in
 * every family, as DESIGN.md asks of the library's two forms. */
START_TEST(test_cov_both_m_steps_agree_in_every_family)
{
    em_dataset ds;
    char err[256];
    ck_assert_int_eq(em_dataset_read(EMLAB_TEST_DATA "/iris.csv", &ds, err, sizeof err), EM_OK);
    for (int t = 0; t < EM_COV_TYPES; t++) {
        em_gmm a, b;
        ck_assert_int_eq(em_gmm_load(EMLAB_TEST_DATA "/init_iris_k3.txt", &a, err, sizeof err),
                         EM_OK);
        a.type = (em_cov_type)t;
        em_cov_restrict(&a, NULL);
        ck_assert_int_eq(em_gmm_alloc(&b, 3, 4), EM_OK);
        em_gmm_copy(&b, &a);
        double *resp = malloc(ds.n * 3 * sizeof *resp);
        em_stats st;
        ck_assert_int_eq(em_stats_alloc(&st, 3, 4), EM_OK);
        ck_assert_int_eq(em_estep(&a, ds.x, ds.n, resp, NULL, &st, NULL), EM_OK);
        em_options opt = em_default_options();
        ck_assert_int_eq(em_m_step(&a, ds.x, ds.n, resp, &opt, NULL), EM_OK);
        ck_assert_int_eq(em_mstep_from_stats(&b, &st, ds.n, opt.reg, 0), EM_OK);
        for (size_t v = 0; v < 3 * 16; v++)
            ck_assert_msg(fabs(a.cov[v] - b.cov[v]) <= 1e-12 * fabs(a.cov[v]) + 1e-15,
                          "%s: covariance value %zu: %.17g and %.17g", em_cov_name(a.type), v,
                          a.cov[v], b.cov[v]);
        ck_assert_int_eq(em_cov_check(&a, NULL), EM_OK);
        ck_assert_int_eq(em_cov_check(&b, NULL), EM_OK);
        ck_assert_int_eq(b.type, t);
        em_stats_free(&st);
        free(resp);
        em_gmm_free(&a);
        em_gmm_free(&b);
    }
    em_dataset_free(&ds);
}
END_TEST

/* A parameter file names its family, reads back as it was written, and is
 * refused, with file and line, when its matrices are not of that family. */
START_TEST(test_cov_parameter_files_carry_the_family)
{
    const char *dir = make_tmpdir();
    char err[256];
    em_gmm m;
    ck_assert_int_eq(em_gmm_load(EMLAB_TEST_DATA "/covtypes/iris_spherical_init.txt", &m, err,
                                 sizeof err), EM_OK);
    ck_assert_int_eq(m.type, EM_COV_SPHERICAL);
    const char *again = path_in(dir, "again.txt");
    ck_assert_int_eq(em_gmm_save(again, &m, err, sizeof err), EM_OK);
    ck_assert_ptr_nonnull(strstr(slurp(again), "# covariance: spherical\n"));
    em_gmm b;
    ck_assert_int_eq(em_gmm_load(again, &b, err, sizeof err), EM_OK);
    ck_assert_int_eq(b.type, EM_COV_SPHERICAL);
    ck_assert(memcmp(b.cov, m.cov, 3 * 16 * sizeof *m.cov) == 0);
    em_gmm_free(&b);
    em_gmm_free(&m);
    const char *bad = write_file(dir, "bad.txt", "# covariance: diag\n0.5 0 0 1 0 0 1\n0.5 1 1 1 0.5 0.5 1\n");
    ck_assert_int_eq(em_gmm_load(bad, &m, err, sizeof err), EM_EINVAL);
    ck_assert_msg(strstr(err, "bad.txt:3: component 2's covariance is not diagonal, as line 1's "
                              "'# covariance: diag' says") != NULL, "%s", err);
    const char *odd = write_file(dir, "odd.txt", "# covariance: diagonal\n0.5 0 1\n0.5 1 1\n");
    ck_assert_int_eq(em_gmm_load(odd, &m, err, sizeof err), EM_EPARSE);
    ck_assert_msg(strstr(err, "odd.txt:1: covariance type 'diagonal'") != NULL, "%s", err);
    ck_assert_int_eq(em_gmm_load(EMLAB_TEST_DATA "/init_iris_k3.txt", &m, err, sizeof err), EM_OK);
    ck_assert_int_eq(m.type, EM_COV_FULL); /* no line: full, as every file before */
    em_gmm_free(&m);
}
END_TEST

/* emlab fit --covariance: the family is checked against the start's. */
START_TEST(test_cov_fit_refuses_a_start_of_another_family)
{
    ran r = emlab("fit " EMLAB_TEST_DATA "/iris.csv -k 3 --covariance diag --init "
                  EMLAB_TEST_DATA "/init_iris_k3.txt -f none -q -o %s", make_tmpdir());
    expect_cli_error(r, 1, "holds a full mixture, but --covariance diag fits diag ones");
    r = emlab("fit " EMLAB_TEST_DATA "/iris.csv -k 3 --covariance round -f none");
    expect_cli_error(r, 2, "--covariance is full, diag, tied or spherical, not 'round'");
    const char *dir = make_tmpdir();
    r = emlab("fit " EMLAB_TEST_DATA "/iris.csv -k 3 --covariance spherical -f none -q -o %s "
              "--params-out %s", dir, path_in(dir, "p.txt"));
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_ptr_nonnull(strstr(r.out, "covariances spherical"));
    em_gmm m;
    char err[256];
    ck_assert_int_eq(em_gmm_load(path_in(dir, "p.txt"), &m, err, sizeof err), EM_OK);
    ck_assert_int_eq(m.type, EM_COV_SPHERICAL);
    em_gmm_free(&m);
}
END_TEST

/* emlab select --covariance all: a row per K and family, each with its
 * family's parameter count, one best BIC over them all; the figure has a
 * curve per family. */
START_TEST(test_cov_select_compares_the_families)
{
    const char *dir = make_tmpdir();
    ran r = emlab("select " EMLAB_TEST_DATA "/old_faithful.csv --covariance all --kmax 3 -R 2 "
                  "-f none -o %s", dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    size_t rows = 0, best = 0;
    for (const char *line = r.out; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        char name[16];
        size_t K, p;
        double l;
        if (sscanf(line, "%15s %zu %lf %zu", name, &K, &l, &p) != 4)
            continue;
        em_cov_type t;
        ck_assert_int_eq(em_cov_parse(name, &t), EM_OK);
        ck_assert_uint_eq(p, em_gmm_free_params(t, K, 2, 0));
        rows++;
        const char *mark = strstr(line, "<- best BIC"), *end = strchr(line, '\n');
        best += mark && (!end || mark < end); /* on this line */
    }
    ck_assert_uint_eq(rows, 12);
    ck_assert_uint_eq(best, 1);
    const char *gp = slurp(path_in(dir, "select.dat"));
    ck_assert_ptr_nonnull(gp);
    r = emlab("select " EMLAB_TEST_DATA "/old_faithful.csv --covariance round -f none");
    expect_cli_error(r, 2, "--covariance is full, diag, tied, spherical or all, not 'round'");
}
END_TEST

/* emlab sample --covariance: a random mixture in the family. */
START_TEST(test_cov_sample_draws_from_the_family)
{
    const char *dir = make_tmpdir();
    ran r = emlab("sample -k 3 -d 2 -n 2000 --covariance diag --seed 4 -o %s",
                  path_in(dir, "x.txt"));
    ck_assert_msg(r.rc == 0, "%s", r.err);
    r = emlab("fit %s -k 1 -f none -q -o %s --params-out %s", path_in(dir, "x.txt"),
              path_in(dir, "fit"), path_in(dir, "p.txt"));
    ck_assert_msg(r.rc == 0, "%s", r.err);
    r = emlab("sample -p %s --covariance diag -n 3", path_in(dir, "p.txt"));
    expect_cli_error(r, 1, "holds a full mixture, not a diag one");
    r = emlab("resp %s -p %s --covariance tied", path_in(dir, "x.txt"), path_in(dir, "p.txt"));
    expect_cli_error(r, 1, "holds a full mixture, not a tied one");
    r = emlab("resp " EMLAB_TEST_DATA "/iris.csv -p " EMLAB_TEST_DATA
              "/covtypes/iris_tied_init.txt -c tied");
    ck_assert_msg(r.rc == 0, "%s", r.err);
}
END_TEST

/* What the hostile review found in the family line, each held here: it is
 * read from the same stream as the numbers (standard input too), on lines
 * of any length, strictly (no empty name, no trailing words, not twice);
 * a tied file's matrices are compared on their scale and made one. */
START_TEST(test_cov_family_lines_are_read_strictly)
{
    const char *dir = make_tmpdir(), *out, *err;
    int rc = shell(&out, &err, "cat %s | %s/emlab fit %s -k 2 -i - -q -f none -o %s",
                   EMLAB_TEST_DATA "/covtypes/faithful_tied_init.txt", EMLAB_BUILD,
                   EMLAB_TEST_DATA "/old_faithful.csv", path_in(dir, "o"));
    ck_assert_msg(rc == 0, "%s", err);
    ck_assert_ptr_nonnull(strstr(out, "covariances tied"));
    char err2[256];
    em_gmm m;
    char longline[700];
    memset(longline, 'x', sizeof longline);
    memcpy(longline, "# ", 2);
    longline[sizeof longline - 1] = '\0';
    const char *hidden = write_file(dir, "long.txt", keep(em_str_printf(
        "%s# covariance: diag\n0.5 2 55 0.5 0.2 0.2 50\n0.5 4.5 80 0.5 0.2 0.2 50\n", longline)));
    ck_assert_int_eq(em_gmm_load(hidden, &m, err2, sizeof err2), EM_OK);
    ck_assert_int_eq(m.type, EM_COV_FULL); /* inside a comment: not a family line */
    em_gmm_free(&m);
    static const char *const bad[][2] = {
        {"# covariance:\n0.5 0 1\n0.5 1 1\n", ":1: covariance type ''"},
        {"# covariance: diag extra\n0.5 0 1\n0.5 1 1\n", ":1: covariance type 'diag extra'"},
        {"# covariance: diag\n# covariance: tied\n0.5 0 1\n0.5 1 1\n",
         ":2: a second '# covariance:' line (line 1 named"},
        {"# covariance: DIAG\n0.5 0 1\n0.5 1 1\n", ":1: covariance type 'DIAG'"}};
    for (size_t b = 0; b < 4; b++) {
        const char *f = write_file(dir, "bad.txt", bad[b][0]);
        ck_assert_int_ne(em_gmm_load(f, &m, err2, sizeof err2), EM_OK);
        ck_assert_msg(strstr(err2, bad[b][1]) != NULL, "%s: %s", bad[b][0], err2);
    }
    const char *indented = write_file(dir, "ind.txt", "   # Covariance: tied\n0.5 0 1\n0.5 1 1\n");
    ck_assert_int_eq(em_gmm_load(indented, &m, err2, sizeof err2), EM_OK);
    ck_assert_int_eq(m.type, EM_COV_TIED);
    em_gmm_free(&m);
    /* tied: rounding noise off the diagonal, on the matrix's scale, is one matrix */
    const char *noisy = write_file(dir, "noisy.txt", "# covariance: tied\n"
                                   "0.5 2 55 0.5 2.7e-17 2.7e-17 50\n0.5 4.5 80 0.5 -1.3e-17 -1.3e-17 50\n");
    ck_assert_int_eq(em_gmm_load(noisy, &m, err2, sizeof err2), EM_OK);
    ck_assert(memcmp(m.cov, m.cov + 4, 4 * sizeof *m.cov) == 0);
    em_gmm_free(&m);
}
END_TEST

/* A spherical or diagonal start needs spread only where its family keeps
 * it: a constant column is no obstacle to a spherical fit with --reg 0. */
START_TEST(test_cov_spherical_start_with_a_constant_column)
{
    const char *dir = make_tmpdir();
    const char *data = write_file(dir, "c.txt", "3.6 79 7\n1.8 54 7\n3.3 74 7\n2.3 62 7\n"
                                  "4.5 85 7\n2.9 55 7\n4.7 88 7\n3.6 85 7\n");
    ran r = emlab("fit %s -k 1 -c spherical -r 0 -f none -q -o %s", data, path_in(dir, "o"));
    ck_assert_msg(r.rc == 0, "%s", r.err);
    r = emlab("fit %s -k 1 -c diag -r 0 -f none -q -o %s", data, path_in(dir, "o2"));
    expect_cli_error(r, 1, "no spread in some direction");
}
END_TEST

Suite *covtype_suite(void)
{
    Suite *s = suite_create("covtype");
    TCase *tc = tcase_create("families");
    tcase_add_test(tc, test_cov_parameter_counts_are_scikit_learns);
    tcase_add_test(tc, test_cov_restrict_keeps_the_family);
    tcase_add_test(tc, test_cov_both_m_steps_agree_in_every_family);
    tcase_add_test(tc, test_cov_parameter_files_carry_the_family);
    tcase_add_test(tc, test_cov_fit_refuses_a_start_of_another_family);
    tcase_add_test(tc, test_cov_select_compares_the_families);
    tcase_add_test(tc, test_cov_sample_draws_from_the_family);
    tcase_add_test(tc, test_cov_family_lines_are_read_strictly);
    tcase_add_test(tc, test_cov_spherical_start_with_a_constant_column);
    suite_add_tcase(s, tc);
    return s;
}
