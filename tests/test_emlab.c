/* test_emlab.c — the emlab command: its options, its results against the
 * golden runs, and every bad input getting one line and its exit code. */
#include "emlab_test.h"
#include "figure_util.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The numbers of a parameter file written by --params-out. */
static size_t params_of(const char *path, double *v, size_t max)
{
    em_gmm m;
    char err[512];
    ck_assert_msg(em_gmm_load(path, &m, err, sizeof err) == EM_OK, "%s", err);
    size_t K = m.K, d = m.d, n = 0;
    for (size_t k = 0; k < K && n + 1 + d + d * d <= max; k++) {
        v[n++] = m.weight[k];
        for (size_t j = 0; j < d; j++)
            v[n++] = m.mean[k * d + j];
        for (size_t j = 0; j < d * d; j++)
            v[n++] = m.cov[k * d * d + j];
    }
    em_gmm_free(&m);
    return n;
}

START_TEST(test_fit_reproduces_notebook_001_1d)
{
    /* --init data --seed 42 is the notebook's start; 20 iterations, no floor */
    const char *dir = make_tmpdir(), *p = path_in(dir, "p.txt");
    ran r = emlab("fit " EMLAB_TEST_DATA "/notebook001_1d_data.txt -k 2 --init data --seed 42 "
                  "--reg 0 --tol 0 --iters 20 --format none --out %s --params-out %s", dir, p);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_ptr_nonnull(strstr(r.out, "iteration   20  log-likelihood -616.678800"));
    double g[160], v[6];
    read_numbers("notebook001_1d_trace.txt", g, 160);
    ck_assert_uint_eq(params_of(p, v, 6), 6);
    const double *last = g + 19 * 8; /* mu1 mu2 sigma1 sigma2 pi1 pi2 */
    ck_assert_rel(v[0], last[5], 1e-9);
    ck_assert_rel(v[1], last[1], 1e-9);
    ck_assert_rel(sqrt(v[2]), last[3], 1e-9);
    ck_assert_rel(v[3], last[6], 1e-9);
    ck_assert_rel(v[4], last[2], 1e-9);
    ck_assert_rel(sqrt(v[5]), last[4], 1e-9);
}
END_TEST

START_TEST(test_fit_reproduces_notebook_001_2d)
{
    const char *dir = make_tmpdir(), *p = path_in(dir, "p.txt");
    ran r = emlab("fit " EMLAB_TEST_DATA "/notebook001_2d_data.txt -k 2 --init dirichlet --seed 42 "
                  "--reg 0 --tol 0 --iters 40 -q --format none --out %s --params-out %s", dir, p);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    double g[41 * 16], v[14];
    read_numbers("notebook001_2d_trace.txt", g, 41 * 16);
    ck_assert_uint_eq(params_of(p, v, 14), 14);
    const double *last = g + 40 * 16; /* t pi1 pi2 mu1 mu2 cov1 cov2 l */
    double want[14] = {last[1], last[3], last[4], last[7], last[8], last[9], last[10],
                       last[2], last[5], last[6], last[11], last[12], last[13], last[14]};
    for (int i = 0; i < 14; i++)
        ck_assert_rel(v[i], want[i], 1e-9);
    ck_assert_ptr_nonnull(strstr(r.out, "stopped after 40 iterations"));
}
END_TEST

START_TEST(test_fit_standardize_changes_nothing_but_the_units)
{
    /* EM is affine-equivariant: from the same start (a file) and with no
     * floor, fitting standardised data and mapping back gives the same fit */
    const char *dir = make_tmpdir(), *a = path_in(dir, "a.txt"), *b = path_in(dir, "b.txt");
    const char *start = write_file(dir, "start.txt",
                                   "0.5 -1 -1 1 0 0 1\n0.5 5 5 1 0 0 1\n");
    ran r1 = emlab("fit " EMLAB_TEST_DATA "/notebook001_2d_data.txt -k 2 --init %s --reg 0 "
                   "--tol 0 --iters 30 -q --format none --out %s --params-out %s", start, dir, a);
    ran r2 = emlab("fit " EMLAB_TEST_DATA "/notebook001_2d_data.txt -k 2 --init %s --reg 0 "
                   "--tol 0 --iters 30 -q --standardize --format none --out %s --params-out %s",
                   start, dir, b);
    ck_assert_msg(r1.rc == 0 && r2.rc == 0, "%s %s", r1.err, r2.err);
    double va[14], vb[14];
    params_of(a, va, 14);
    params_of(b, vb, 14);
    for (int i = 0; i < 14; i++)
        ck_assert_msg(fabs(va[i] - vb[i]) <= 1e-8 * fmax(1.0, fabs(va[i])), "value %d: %.12g vs %.12g",
                      i, va[i], vb[i]);
    /* the log-likelihood is reported in the data's units either way */
    const char *la = strstr(r1.out, "log-likelihood "), *lb = strstr(r2.out, "log-likelihood ");
    ck_assert(la && lb && strncmp(la, lb, 30) == 0);
}
END_TEST

START_TEST(test_fit_options_fixed_weights_restarts_resp_out)
{
    const char *dir = make_tmpdir(), *p = path_in(dir, "p.txt"), *g = path_in(dir, "g.txt");
    ran r = emlab("fit " EMLAB_TEST_DATA "/notebook001_2d_data.txt -k 2 --fixed-weights -R 3 -s 7 "
                  "-q -f none -o %s --params-out %s --resp-out %s", dir, p, g);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    double v[14];
    params_of(p, v, 14);
    ck_assert_double_eq(v[0], 0.5);
    ck_assert_double_eq(v[7], 0.5);
    em_dataset ds;
    char err[256];
    ck_assert_int_eq(em_dataset_read(g, &ds, err, sizeof err), EM_OK);
    ck_assert_uint_eq(ds.n, 300);
    ck_assert_uint_eq(ds.d, 2);
    ck_assert_str_eq(ds.names[0], "gamma_1");
    for (size_t i = 0; i < ds.n; i++)
        ck_assert_rel(ds.x[2 * i] + ds.x[2 * i + 1], 1.0, 1e-12);
    em_dataset_free(&ds);
    ck_assert_ptr_null(strstr(r.out, "iteration ")); /* --quiet */
    /* the notebook 003 start: means uniform in [0, 1), identity covariances */
    r = emlab("fit " EMLAB_TEST_DATA "/points_nb003.txt -k 3 --init random --seed 44 "
              "-q -f none -o %s --params-out %s", dir, p);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_ptr_nonnull(strstr(r.out, "converged after"));
}
END_TEST

START_TEST(test_fit_draws_snapshots_in_every_format)
{
    static const char *formats[4] = {"png", "svg", "gif", "tex"};
    static const char *files[4] = {"iter_003.png", "iter_003.svg", "em.gif", "iter_003.tex"};
    for (int f = 0; f < 4; f++) {
        const char *dir = make_tmpdir();
        ran r = emlab("fit " EMLAB_TEST_DATA "/notebook001_2d_data.txt -k 2 -q --iters 6 --tol 0 "
                      "--snapshots 0,3 --format %s --out %s", formats[f], dir);
        ck_assert_msg(r.rc == 0, "%s: %s", formats[f], r.err);
        ck_assert_msg(access(path_in(dir, files[f]), F_OK) == 0, "no %s", files[f]);
        ck_assert_int_eq(access(path_in(dir, "iter_006.dat"), F_OK), 0); /* the last, always */
        ck_assert_int_eq(access(path_in(dir, "iter_001.dat"), F_OK), -1);
        ck_assert_int_eq(access(path_in(dir, "loglik.gp"), F_OK), 0);
    }
    const char *dir = make_tmpdir();
    ran r = emlab("fit " EMLAB_TEST_DATA "/notebook001_1d_data.txt -k 2 -q --iters 4 --tol 0 "
                  "--snapshots every:2 --out %s", dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_int_eq(access(path_in(dir, "iter_002.png"), F_OK), 0);
    ck_assert_int_eq(access(path_in(dir, "iter_004.png"), F_OK), 0);
}
END_TEST

START_TEST(test_fit_panel_is_two_by_two_by_default)
{
    /* the default snapshots 0, 1, 2, 5 and the last: four of them, 2 x 2,
     * the first and the last kept (Bishop's Figure 9.8 in one file) */
    const char *dir = make_tmpdir();
    ran r = emlab("fit " EMLAB_TEST_DATA "/notebook001_2d_data.txt -k 2 -q --iters 9 --tol 0 "
                  "--format none --out %s", dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    const char *gp = slurp(path_in(dir, "panel.gp"));
    ck_assert_ptr_nonnull(strstr(gp, "set multiplot layout 2,2 "));
    ck_assert_ptr_nonnull(strstr(gp, "load 'iter_000.gp'\nemlab_frame = 1\nload 'iter_001.gp'\n"
                                     "emlab_frame = 2\nload 'iter_002.gp'\n"
                                     "emlab_frame = 3\nload 'iter_009.gp'\n"));
    r = emlab("fit " EMLAB_TEST_DATA "/notebook001_2d_data.txt -k 2 -q --iters 9 --tol 0 "
              "--panel 6 --snapshots every:1 --format none --out %s", dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_ptr_nonnull(strstr(slurp(path_in(dir, "panel.gp")), "set multiplot layout 2,3 "));
    expect_cli_error(emlab("fit x -k 2 --panel 0"), 2, "--panel needs a whole number from 1");
    expect_cli_error(emlab("fit x -k 2 --panel 10"), 2, "--panel is 1 to 9 snapshots, not 10");
}
END_TEST

START_TEST(test_fit_dims_of_higher_dimensional_data)
{
    const char *dir = make_tmpdir(), *data = path_in(dir, "x4.txt");
    ran s = emlab("sample -k 3 -d 4 -n 300 -s 2 -o %s", data);
    ck_assert_msg(s.rc == 0, "%s", s.err);
    ran r = emlab("fit %s -k 3 -q --dims 2,4 --snapshots 0 --format none --out %s", data, dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    const char *gp = slurp(path_in(dir, "iter_000.gp"));
    ck_assert_ptr_nonnull(strstr(gp, "xlabel_text = 'x_2'"));
    ck_assert_ptr_nonnull(strstr(gp, "ylabel_text = 'x_4'"));
    expect_cli_error(emlab("fit %s -k 3 --dims 2,7 --out %s", data, dir), 2, "only 4 coordinates");
    expect_cli_error(emlab("fit %s -k 3 --dims 2,2 --out %s", data, dir), 2,
                 "--dims needs two different coordinates");
}
END_TEST

START_TEST(test_sample_is_reproducible_and_follows_params)
{
    const char *dir = make_tmpdir(), *params = write_file(dir, "p.txt",
                                                         "0.25 -3 1\n0.75 4 0.25\n");
    ran a = emlab("sample -p %s -n 2000 -s 9 --labels", params);
    ran b = emlab("sample -p %s -n 2000 -s 9 --labels", params);
    ck_assert_int_eq(a.rc, 0);
    ck_assert_str_eq(a.out, b.out);
    size_t n = 0, ones = 0;
    double sum2 = 0.0;
    for (const char *p = a.out; *p; p = strchr(p, '\n') + 1) {
        double x;
        int label;
        ck_assert_int_eq(sscanf(p, "%lf %d", &x, &label), 2);
        n++;
        ones += label == 1;
        if (label == 2)
            sum2 += x;
    }
    ck_assert_uint_eq(n, 2000);
    ck_assert(fabs(ones / 2000.0 - 0.25) < 0.04);
    ck_assert(fabs(sum2 / (double)(n - ones) - 4.0) < 0.05);
    ran c = emlab("sample -k 3 -d 2 -n 10 -s 1");
    ck_assert_int_eq(c.rc, 0);
    ck_assert_ptr_nonnull(c.out);
}
END_TEST

START_TEST(test_resp_prints_the_chapter_02_table)
{
    ran r = emlab("resp " EMLAB_TEST_DATA "/points_nb003.txt --params "
                  EMLAB_TEST_DATA "/params_nb003.txt");
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_str_eq(r.out, "Responsibility Matrix (N x K):\n"
                            "[[1.       0.       0.      ]\n"
                            " [0.999999 0.000001 0.      ]\n"
                            " [0.057069 0.942926 0.000004]\n"
                            " [0.00015  0.999844 0.000006]\n"
                            " [0.00001  0.066237 0.933753]\n"
                            " [0.       0.       1.      ]\n"
                            " [0.       0.       1.      ]]\n");
}
END_TEST

START_TEST(test_select_finds_two_components)
{
    const char *dir = make_tmpdir();
    ran r = emlab("select " EMLAB_TEST_DATA "/notebook001_2d_data.txt --kmax 4 -R 3 --out %s", dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    const char *two = strstr(r.out, "\n  2 ");
    ck_assert_ptr_nonnull(two);
    ck_assert_ptr_nonnull(strstr(two, "<- best BIC"));
    ck_assert(strstr(two, "<- best BIC") < strstr(two + 1, "\n  3 "));
    /* p = (K - 1) + K d + K d (d + 1) / 2 = 1 + 4 + 6 = 11 for K = 2, d = 2 */
    double l, aic, bic;
    size_t K, p;
    ck_assert_int_eq(sscanf(two + 1, "%zu %lf %zu %lf %lf", &K, &l, &p, &aic, &bic), 5);
    ck_assert_uint_eq(p, 11);
    ck_assert(fabs(aic - (22.0 - 2.0 * l)) < 1e-3);
    ck_assert(fabs(bic - (11.0 * log(300.0) - 2.0 * l)) < 1e-3);
    ck_assert_int_eq(access(path_in(dir, "select.png"), F_OK), 0);
}
END_TEST

START_TEST(test_every_bad_input_gets_one_line)
{
    const char *dir = make_tmpdir(), *d2 = EMLAB_TEST_DATA "/notebook001_2d_data.txt";
    const char *nan_file = write_file(dir, "nan.txt", "1 2\nnan 3\n");
    const char *word = write_file(dir, "word.txt", "1 2\n3 x\n");
    const char *ragged = write_file(dir, "ragged.txt", "1 2\n3\n");
    const char *empty = write_file(dir, "empty.txt", "");
    const char *p1 = write_file(dir, "p1.txt", "1 0 1\n");
    const char *notpd = write_file(dir, "notpd.txt", "1 0 0 1 2 2 1\n");
    expect_cli_error(emlab("fit"), 2, "which data file?");
    expect_cli_error(emlab("fit %s", d2), 2, "how many components?");
    expect_cli_error(emlab("fit %s -k 0", d2), 2, "-k needs a whole number from 1 to");
    expect_cli_error(emlab("fit %s -k 1000000000000", d2), 2, "from 1 to 100000000000, not");
    expect_cli_error(emlab("fit %s -k", d2), 2, "needs a value");
    expect_cli_error(emlab("fit %s -k 2 --frobnicate", d2), 2, "unknown option '--frobnicate'");
    expect_cli_error(emlab("fit %s -k 2 --format jpeg", d2), 2, "--format is png, svg, pdf, gif, tex");
    expect_cli_error(emlab("fit %s -k 2 --tol -1", d2), 2, "--tol needs a number of at least 0");
    expect_cli_error(emlab("fit %s -k 1 --params-out -", d2), 2, "--params-out needs a file name");
    ran dash = emlab("sample -k 1 -d 1 -n 3 -o -");
    size_t lines = 0;
    for (const char *p = dash.out; *p; p++)
        lines += *p == '\n';
    ck_assert_msg(dash.rc == 0 && lines == 3, "%zu lines: %s", lines, dash.err);
    ran tiny = emlab("fit %s -k 1 --reg 1e-320 -q -f none -o %s/tiny", d2, dir);
    ck_assert_msg(tiny.rc == 0, "--reg 1e-320 is a number: %s", tiny.err);
    expect_cli_error(emlab("fit %s -k 2 --snapshots 1,x", d2), 2, "--snapshots is a list");
    expect_cli_error(emlab("fit %s -k 2 --seed 5000000000", d2), 2, "--seed is at most");
    expect_cli_error(emlab("fit %s %s -k 2", d2, d2), 2, "one data file only");
    expect_cli_error(emlab("fit %s/missing.txt -k 2", dir), 1, "missing.txt: cannot open");
    expect_cli_error(emlab("fit %s -k 2", word), 1, "word.txt:2: column 2: 'x' is not a number");
    expect_cli_error(emlab("fit %s -k 2", ragged), 1, "ragged.txt:2: 1 column, expected 2");
    expect_cli_error(emlab("fit %s -k 2", nan_file), 1, "nan.txt:2: column 1: 'nan' is not a finite");
    expect_cli_error(emlab("fit %s -k 2", empty), 1, "empty.txt: no data points");
    expect_cli_error(emlab("fit %s -k 301 -o %s", d2, dir), 1, "300 points, too few for K = 301");
    expect_cli_error(emlab("fit %s -k 2 --init %s -o %s", d2, p1, dir), 1,
                 "the parameters have K = 1, d = 1; the data need K = 2, d = 2");
    expect_cli_error(emlab("fit %s -k 1 --init %s -o %s", d2, notpd, dir), 1,
                 "notpd.txt:1: the covariance of component 1 is not symmetric positive definite");
    expect_cli_error(emlab("fit %s -k 2 -o /proc/emlab", d2), 1, "/proc/emlab: cannot create");
    expect_cli_error(emlab("fit %s -k 2 -q -f none -o %s --params-out /proc/x/p.txt", d2, dir), 1,
                 "/proc/x/p.txt: cannot write");
    expect_cli_error(emlab("sample"), 2, "which mixture?");
    expect_cli_error(emlab("sample -p %s -k 2 -d 2", p1), 2, "not both");
    expect_cli_error(emlab("sample -k 2 -d 2 -o /proc/x/y"), 1, "/proc/x/y: cannot write");
    expect_cli_error(emlab("resp %s", d2), 2, "which mixture?");
    expect_cli_error(emlab("resp %s --params %s", d2, p1), 1, "has d = 2, but");
    expect_cli_error(emlab("select %s --kmin 3 --kmax 2", d2), 2, "--kmin 3 is above --kmax 2");
    expect_cli_error(emlab("frobnicate"), 2, "unknown command");
    ran h = emlab("fit --help");
    ck_assert_int_eq(h.rc, 0);
    ck_assert_ptr_nonnull(strstr(h.out, "usage: emlab fit DATA -k K"));
    for (const char *sub = "sample\0resp\0select\0"; *sub; sub += strlen(sub) + 1) {
        h = emlab("%s --help", sub);
        ck_assert_int_eq(h.rc, 0);
        ck_assert_ptr_nonnull(strstr(h.out, "usage: emlab"));
    }
}
END_TEST

START_TEST(test_collapse_and_empty_are_reported)
{
    /* all the points on two spots: with no floor a component collapses */
    const char *dir = make_tmpdir();
    const char *two = write_file(dir, "two.txt", "0\n0\n0\n0\n1\n1\n1\n1\n");
    expect_cli_error(emlab("fit %s -k 2 --init data --seed 1 --reg 0 --tol 0 -q -f none -o %s", two,
                       dir), 1, "is not positive definite");
    ran r = emlab("fit %s -k 2 --init data --seed 1 --tol 0 -q -f none -o %s", two, dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_ptr_nonnull(strstr(r.err, "warning: component"));
    ck_assert_ptr_nonnull(strstr(r.err, "is at the floor"));
}
END_TEST

/* emlab fit against scikit-learn's GaussianMixture, run from the same start
 * with reg_covar = 0 (tests/sklearn/compare.py made the reference files;
 * `make compare-sklearn` runs it live). */
static void expect_sklearn(const char *data, const char *init, size_t K, const char *ref)
{
    const char *dir = make_tmpdir(), *mine = path_in(dir, "p.txt");
    ran r = emlab("fit " EMLAB_TEST_DATA "/%s -k %zu --init " EMLAB_TEST_DATA "/%s --reg 0 --tol 0 "
                  "--iters 50 -q -f none -o %s --params-out %s", data, K, init, dir, mine);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    double a[3 * 21], b[3 * 21];
    char path[512];
    snprintf(path, sizeof path, "%s/%s", EMLAB_TEST_DATA, ref);
    size_t n = params_of(mine, a, 63);
    ck_assert_uint_eq(params_of(path, b, 63), n);
    double scale = 0.0;
    for (size_t i = 0; i < n; i++)
        scale = fmax(scale, fabs(b[i]));
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(fabs(a[i] - b[i]) <= 1e-6 * fmax(fabs(b[i]), 1e-3 * scale),
                      "%s value %zu: emlab %.12g, scikit-learn %.12g", data, i, a[i], b[i]);
    /* and the log-likelihood, in the reference file's comment */
    const char *text = slurp(path), *at = strstr(text, "# log-likelihood ");
    ck_assert_ptr_nonnull(at);
    double want = strtod(at + 17, NULL), got;
    at = strstr(r.out, "log-likelihood ");
    ck_assert_ptr_nonnull(at);
    got = strtod(at + 15, NULL);
    ck_assert(fabs(got - want) <= 1e-6 * fabs(want));
}

/* The four covariance families against a reference program's fits
 * (tests/data/covtypes/REF), run from the same starts within each family
 * with the floor REG, after 1, 10 and 100 iterations: every weight, mean,
 * covariance and the log-likelihood to 1e-12 relative (a value's scale at
 * least 1e-3 of the largest). Prints the largest difference per family. */
static void families_against(const char *ref_file, const char *reg, const char *who)
{
    const char *ref = slurp(keep(em_str_printf(EMLAB_TEST_DATA "/covtypes/%s", ref_file)));
    const char *dir = make_tmpdir();
    ck_assert_ptr_nonnull(ref);
    double worst[2][EM_COV_TYPES] = {{0}};
    size_t blocks = 0;
    for (const char *at = strstr(ref, "## "); at; at = strstr(at + 1, "## ")) {
        char name[16], type[16];
        int iters;
        ck_assert_int_eq(sscanf(at, "## %15s %15s %d", name, type, &iters), 3);
        int iris = strcmp(name, "iris") == 0;
        size_t K = iris ? 3 : 2, d = iris ? 4 : 2, per = 1 + d + d * d;
        em_cov_type t;
        ck_assert_int_eq(em_cov_parse(type, &t), EM_OK);
        const char *mine = path_in(dir, "p.txt");
        ran r = emlab("fit " EMLAB_TEST_DATA "/%s -k %zu --covariance %s --init " EMLAB_TEST_DATA
                      "/covtypes/%s_%s_init.txt --reg %s --tol 0 -n %d -q -f none -o %s "
                      "--params-out %s", iris ? "iris.csv" : "old_faithful.csv", K, type, name,
                      type, reg, iters, dir, mine);
        ck_assert_msg(r.rc == 0, "%s", r.err);
        double want[1 + 3 * 21], got[3 * 21], scale = 0.0, l;
        const char *p = strchr(at, '\n') + 1;
        for (size_t v = 0; v < 1 + K * per; v++) {
            char *end;
            want[v] = strtod(p, &end);
            ck_assert_msg(end != p, "%s %s %d: the reference is short", name, type, iters);
            p = end;
        }
        ck_assert_uint_eq(params_of(mine, got, 63), K * per);
        for (size_t v = 0; v < K * per; v++)
            scale = fmax(scale, fabs(want[1 + v]));
        double w = 0.0;
        for (size_t v = 0; v < K * per; v++)
            w = fmax(w, fabs(got[v] - want[1 + v]) / fmax(fabs(want[1 + v]), 1e-3 * scale));
        em_gmm m;
        char err[256];
        em_dataset ds;
        ck_assert_int_eq(em_gmm_load(mine, &m, err, sizeof err), EM_OK);
        ck_assert_int_eq(em_dataset_read(iris ? EMLAB_TEST_DATA "/iris.csv"
                                              : EMLAB_TEST_DATA "/old_faithful.csv", &ds, err,
                                         sizeof err), EM_OK);
        ck_assert_int_eq(em_log_likelihood(&m, ds.x, ds.n, &l, NULL), EM_OK);
        w = fmax(w, fabs(l - want[0]) / fabs(want[0]));
        ck_assert_msg(m.type == t, "%s %s: the parameter file says %s", name, type,
                      em_cov_name(m.type));
        em_gmm_free(&m);
        em_dataset_free(&ds);
        ck_assert_msg(w <= 1e-12, "%s: %s, %s, %d iterations: largest relative difference %.3g",
                      who, name, type, iters, w);
        worst[iris][t] = fmax(worst[iris][t], w);
        blocks++;
    }
    ck_assert_uint_eq(blocks, 2 * EM_COV_TYPES * 3);
    for (int s = 0; s < 2; s++)
        for (int t = 0; t < EM_COV_TYPES; t++)
            printf("covariance %-9s on %-8s against %s: largest relative difference %.2g "
                   "(1, 10, 100 iterations, or fewer where its own rule stops)\n",
                   em_cov_name((em_cov_type)t), s ? "iris" : "faithful", who, worst[s][t]);
}

/* scikit-learn 1.2.1's GaussianMixture(covariance_type=...), reg_covar =
 * --reg = 1e-6 (tests/sklearn/make_covtypes.py). */
START_TEST(test_fit_covariance_families_agree_with_scikit_learn)
{
    families_against("sklearn_covtypes.txt", "1e-6", "scikit-learn");
}
END_TEST

/* R's mclust 6.0.0, VVV, VVI, EEE and VII, with no prior: --reg 0
 * (tests/mclust/make_mclust.R). */
START_TEST(test_fit_covariance_families_agree_with_mclust)
{
    families_against("mclust_covtypes.txt", "0", "mclust");
}
END_TEST

START_TEST(test_fit_agrees_with_scikit_learn_on_old_faithful)
{
    expect_sklearn("old_faithful.csv", "init_faithful_k2.txt", 2, "sklearn_faithful_k2.txt");
}
END_TEST

START_TEST(test_fit_agrees_with_scikit_learn_on_iris)
{
    expect_sklearn("iris.csv", "init_iris_k3.txt", 3, "sklearn_iris_k3.txt");
}
END_TEST

Suite *emlab_suite(void)
{
    Suite *s = suite_create("emlab");
    TCase *tc = tcase_create("command");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_fit_reproduces_notebook_001_1d);
    tcase_add_test(tc, test_fit_reproduces_notebook_001_2d);
    tcase_add_test(tc, test_fit_standardize_changes_nothing_but_the_units);
    tcase_add_test(tc, test_fit_options_fixed_weights_restarts_resp_out);
    tcase_add_test(tc, test_fit_draws_snapshots_in_every_format);
    tcase_add_test(tc, test_fit_panel_is_two_by_two_by_default);
    tcase_add_test(tc, test_fit_dims_of_higher_dimensional_data);
    tcase_add_test(tc, test_sample_is_reproducible_and_follows_params);
    tcase_add_test(tc, test_resp_prints_the_chapter_02_table);
    tcase_add_test(tc, test_select_finds_two_components);
    tcase_add_test(tc, test_every_bad_input_gets_one_line);
    tcase_add_test(tc, test_collapse_and_empty_are_reported);
    tcase_add_test(tc, test_fit_agrees_with_scikit_learn_on_old_faithful);
    tcase_add_test(tc, test_fit_agrees_with_scikit_learn_on_iris);
    tcase_add_test(tc, test_fit_covariance_families_agree_with_scikit_learn);
    tcase_add_test(tc, test_fit_covariance_families_agree_with_mclust);
    suite_add_tcase(s, tc);
    return s;
}
