/* test_chapters.c — each chapter prints what its notebook printed.
 *
 * Every chapter runs at its default settings (--format none, into a fresh
 * folder) and its standard output is compared, byte for byte, with
 * tests/golden/NN_name.out. The numbers in those files are themselves
 * checked against the notebooks and the golden runs, below. */
#include "emlab_test.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run build/NAME with args, writing into a fresh folder (*out_dir, if not
 * NULL); returns its standard output (kept). */
const char *run_chapter_in(const char *name, const char *args, int *status,
                                  const char **out_dir)
{
    const char *dir = make_tmpdir();
    if (out_dir)
        *out_dir = dir;
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s/%s --format none --out '%s' %s 2>/dev/null", EMLAB_BUILD, name,
             dir, args);
    return capture(cmd, status);
}

const char *run_chapter(const char *name, const char *args, int *status)
{
    return run_chapter_in(name, args, status, NULL);
}

/* The chapter's output equals tests/golden/NAME.out; on a difference, say
 * where. */
const char *expect_golden(const char *name)
{
    int status;
    const char *got = run_chapter(name, "", &status);
    ck_assert_int_eq(status, 0);
    char path[256];
    snprintf(path, sizeof path, "tests/golden/%s.out", name);
    const char *want = slurp(path);
    ck_assert_msg(want != NULL, "missing %s", path);
    size_t i = 0, line = 1;
    while (got[i] && got[i] == want[i])
        line += got[i++] == '\n';
    ck_assert_msg(got[i] == want[i], "%s differs from %s at line %zu", name, path, line);
    return got;
}

START_TEST(test_chapter_02_output_is_golden)
{
    expect_golden("02_responsibilities");
}
END_TEST

START_TEST(test_chapter_02_prints_notebook_003_verbatim)
{
    /* the notebook's printed output of its last responsibility cell */
    static const char notebook[] =
        "0.24197072451914337\n1.5092779429032093e-10\n4.01862412158526e-10\n"
        "0.12951759566589174\n1.4606420129620445e-07\n2.4109507201666824e-09\n"
        "0.0044318484119380075\n0.07322491280963242\n3.157722290068457e-07\n"
        "0.00013383022576488537\n0.8920620580763856\n5.3687720495468876e-06\n"
        "6.075882849823286e-09\n4.049955478044552e-05\n0.0005709295833517096\n"
        "5.052271083536893e-15\n3.789795640412959e-18\n0.01600408392170322\n"
        "1.0279773571668917e-18\n6.411947371150563e-28\n0.05139344326792309\n"
        "Responsibility Matrix (N x K):\n"
        "[[1.       0.       0.      ]\n"
        " [0.999999 0.000001 0.      ]\n"
        " [0.057069 0.942926 0.000004]\n"
        " [0.00015  0.999844 0.000006]\n"
        " [0.00001  0.066237 0.933753]\n"
        " [0.       0.       1.      ]\n"
        " [0.       0.       1.      ]]\n";
    int status;
    const char *out = run_chapter("02_responsibilities", "", &status);
    ck_assert_int_eq(status, 0);
    ck_assert_msg(strncmp(out, notebook, strlen(notebook)) == 0, "output:\n%s", out);
    /* and the pitfall cell's numbers, as the notebook printed them */
    ck_assert_ptr_nonnull(strstr(out, "q = 1.0525740966894856e-07"));
    ck_assert_ptr_nonnull(strstr(out, "0.0014772828039793357, 2.4778658578904965e-06, "
                                      "0.0004924276013264453, 0.0019721882711636715"));
    ck_assert_ptr_nonnull(strstr(out, "wrong gamma = q3 / qq = 0.24968589892074194"));
}
END_TEST

START_TEST(test_chapters_refuse_bad_arguments)
{
    int status;
    run_chapter("02_responsibilities", "--format jpeg", &status);
    ck_assert_int_eq(status, 2);
    run_chapter("02_responsibilities", "--seed -1", &status);
    ck_assert_int_eq(status, 2);
    run_chapter("02_responsibilities", "--bogus", &status);
    ck_assert_int_eq(status, 2);
    run_chapter("02_responsibilities", "--seed ' 5'", &status); /* strtoul's sign and space */
    ck_assert_int_eq(status, 2);
    run_chapter("02_responsibilities", "--seed +5", &status);
    ck_assert_int_eq(status, 2);
    const char *help = run_chapter("02_responsibilities", "--help", &status);
    ck_assert_int_eq(status, 0);
    ck_assert_ptr_nonnull(strstr(help, "usage: 02_responsibilities"));
}
END_TEST

START_TEST(test_chapter_unwritable_out_fails_cleanly)
{
    int status;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "%s/02_responsibilities --out /proc/nope >/dev/null 2>&1",
             EMLAB_BUILD);
    status = system(cmd);
    ck_assert_int_eq(WEXITSTATUS(status), 1);
}
END_TEST

/* An --out that cannot be a folder is refused before the chapter computes
 * or prints anything (it printed its whole table, then failed), and the
 * message names the folder and the reason in full, however long the path
 * (it was cut at 1024 bytes, the reason lost). */
START_TEST(test_chapter_bad_out_refused_before_printing)
{
    const char *dir = make_tmpdir(), *out, *err;
    char deep[1400];
    int n = snprintf(deep, sizeof deep, "%s", write_file(dir, "plain", "x"));
    for (int i = 0; i < 11; i++)
        n += snprintf(deep + n, sizeof deep - (size_t)n, "/%s",
                      "a-folder-name-of-one-hundred-characters-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    int rc = shell(&out, &err, "%s/07_kmeans_and_em --format none --out '%s'", EMLAB_BUILD, deep);
    ck_assert_int_eq(rc, 1);
    ck_assert_str_eq(out, "");
    ck_assert_msg(strstr(err, "Not a directory") != NULL, "%s", err);
    rc = shell(&out, &err, "%s/08_when_em_goes_wrong --format none --out '%s/plain'", EMLAB_BUILD,
               dir);
    ck_assert_int_eq(rc, 1);
    ck_assert_str_eq(out, "");
}
END_TEST

/* With standard output closed, a chapter is refused at once: before, the
 * folder's lock file took descriptor 1, received the printout, and the
 * run reported success with its results lost. */
START_TEST(test_chapter_with_stdout_closed_fails)
{
    const char *dir = make_tmpdir(), *out, *err;
    int rc = shell(&out, &err, "%s/07_kmeans_and_em --format none --out '%s/o' >&-", EMLAB_BUILD,
                   dir);
    ck_assert_int_eq(rc, 1);
    ck_assert_ptr_nonnull(strstr(err, "standard output is closed"));
    ck_assert_int_eq(access(path_in(dir, "o/results.txt"), F_OK), -1);
    rc = shell(&out, &err, "%s/07_kmeans_and_em --format none --out '%s/o' <&-",
               EMLAB_BUILD, dir); /* no standard input: it runs (a closed stderr too, but
                                     valgrind, running it in make valgrind, does not) */
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(access(path_in(dir, "o/results.txt"), F_OK), 0);
}
END_TEST

/* A chapter's run into a folder replaces its previous run there: chapter
 * 7 draws a figure per k-means round, 9 rounds at seed 157 and 4 at seed
 * 7; the second run leaves no round_4 ... round_8 of the first beside its
 * own (nor PNGs when it draws SVGs), and leaves other files alone. */
START_TEST(test_chapter_rerun_removes_its_stale_files)
{
    const char *dir = make_tmpdir(), *out, *err;
    write_file(dir, "notes.txt", "mine");
    ck_assert_int_eq(shell(&out, &err, "%s/07_kmeans_and_em --seed 157 --format none --out '%s'",
                           EMLAB_BUILD, dir), 0);
    ck_assert_int_eq(access(path_in(dir, "round_8.dat"), F_OK), 0);
    ck_assert_int_eq(shell(&out, &err, "%s/07_kmeans_and_em --format none --out '%s'",
                           EMLAB_BUILD, dir), 0);
    ck_assert_int_eq(access(path_in(dir, "round_3.dat"), F_OK), 0);
    ck_assert_int_eq(access(path_in(dir, "round_4.dat"), F_OK), -1);
    ck_assert_int_eq(access(path_in(dir, "round_8.gp"), F_OK), -1);
    ck_assert_str_eq(slurp(path_in(dir, "notes.txt")), "mine");
}
END_TEST

START_TEST(test_chapter_04_output_is_golden)
{
    expect_golden("04_em_fill_in");
}
END_TEST

START_TEST(test_chapter_04_prints_the_golden_trace)
{
    /* the notebook's print() of each iteration, made from the golden run's
     * numbers: the chapter must print exactly this */
    double g[20 * 8];
    ck_assert_uint_eq(read_numbers("notebook001_1d_trace.txt", g, 160), 160);
    size_t cap = 1 << 14, used = 0;
    char *want = keep(malloc(cap)), a[128];
    const em_printopts numpy = {.precision = 8};
    for (int it = 0; it < 20; it++) {
        const double *r = g + it * 8;
        used += (size_t)snprintf(want + used, cap - used, "Iteration %d\n  Means: %s\n", it + 1,
                                 (char *)keep(em_numpy_format(r + 1, 1, 2, 0, numpy, 0)));
        used += (size_t)snprintf(want + used, cap - used, "  Stddevs: %s\n",
                                 (char *)keep(em_numpy_format(r + 3, 1, 2, 0, numpy, 0)));
        used += (size_t)snprintf(want + used, cap - used, "  Mixing coefficients: %s\n",
                                 (char *)keep(em_numpy_format(r + 5, 1, 2, 0, numpy, 0)));
        used += (size_t)snprintf(want + used, cap - used,
                                 "  Log-likelihood: %.2f\n----------------------------------------\n",
                                 r[7]);
    }
    int status;
    const char *dir;
    const char *out = run_chapter_in("04_em_fill_in", "", &status, &dir);
    ck_assert_int_eq(status, 0);
    ck_assert_str_eq(out, want);
    /* and every number to 1e-9, from the trace the chapter writes */
    double t[21 * 8];
    char path[512];
    snprintf(path, sizeof path, "%s/trace.txt", dir);
    em_dataset ds;
    ck_assert_int_eq(em_dataset_read(path, &ds, a, sizeof a), EM_OK);
    ck_assert_uint_eq(ds.n, 20);
    memcpy(t, ds.x, sizeof(double) * 160);
    em_dataset_free(&ds);
    for (int v = 0; v < 160; v++)
        ck_assert_msg(rel_err(t[v], g[v]) <= 1e-9, "iteration %d column %d: %.17g vs %.17g",
                      v / 8 + 1, v % 8, t[v], g[v]);
}
END_TEST

START_TEST(test_chapter_03_output_is_golden)
{
    expect_golden("03_em_1d");
}
END_TEST

START_TEST(test_chapter_03_matches_notebook_000_algorithm)
{
    /* notebook 000's own algorithm, written plainly here: with seed 1, the
     * 40 points, four rand() for the start, then E and M with equal weights */
    em_rng r;
    em_rng_seed(&r, 1);
    double x[40], mu[2], sd[2], e1[40];
    for (int i = 0; i < 40; i++)
        x[i] = i < 20 ? em_rng_normal(&r, 0, 2) : em_rng_normal(&r, 2, 1);
    mu[0] = em_rng_uniform(&r);
    mu[1] = em_rng_uniform(&r);
    sd[0] = em_rng_uniform(&r);
    sd[1] = em_rng_uniform(&r);
    int status;
    const char *out = run_chapter("03_em_1d", "", &status);
    ck_assert_int_eq(status, 0);
    const char *row = strstr(out, "log-likelihood\n");
    ck_assert_ptr_nonnull(row);
    row += strlen("log-likelihood\n");
    for (int t = 0; t <= 9; t++) {
        if (t > 0) {
            for (int i = 0; i < 40; i++) { /* E */
                double p1 = em_normal_pdf(x[i], mu[0], sd[0]), p2 = em_normal_pdf(x[i], mu[1], sd[1]);
                e1[i] = p1 / (p1 + p2);
            }
            for (int k = 0; k < 2; k++) { /* M: np.average, then the weighted sd */
                double w = 0, s1 = 0, s2 = 0;
                for (int i = 0; i < 40; i++) {
                    double g = k == 0 ? e1[i] : 1 - e1[i];
                    w += g;
                    s1 += g * x[i];
                }
                mu[k] = s1 / w;
                for (int i = 0; i < 40; i++) {
                    double g = k == 0 ? e1[i] : 1 - e1[i];
                    s2 += g * (x[i] - mu[k]) * (x[i] - mu[k]);
                }
                sd[k] = sqrt(s2 / w);
            }
        }
        double ll = 0;
        for (int i = 0; i < 40; i++)
            ll += log(0.5 * em_normal_pdf(x[i], mu[0], sd[0]) + 0.5 * em_normal_pdf(x[i], mu[1], sd[1]));
        double v[6];
        int n = sscanf(row, "%lf %lf %lf %lf %lf %lf", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]);
        ck_assert_int_eq(n, 6);
        ck_assert_int_eq((int)v[0], t);
        double want[5] = {mu[0], sd[0], mu[1], sd[1], ll};
        for (int c = 0; c < 5; c++)
            ck_assert_msg(fabs(v[c + 1] - want[c]) <= 5.1e-7, "iteration %d column %d: printed %.6f, notebook %.9f",
                          t, c + 1, v[c + 1], want[c]);
        row = strchr(row, '\n') + 1;
    }
}
END_TEST

START_TEST(test_chapter_05_output_is_golden)
{
    expect_golden("05_em_2d");
}
END_TEST

START_TEST(test_chapter_05_matches_notebook_001_2d_trace)
{
    double g[41 * 16];
    ck_assert_uint_eq(read_numbers("notebook001_2d_trace.txt", g, 41 * 16), 41 * 16);
    int status;
    const char *dir;
    const char *out = run_chapter_in("05_em_2d", "", &status, &dir);
    ck_assert_int_eq(status, 0);
    /* the printed table, rounded to 6 decimals */
    const char *row = strstr(out, "log-likelihood\n");
    ck_assert_ptr_nonnull(row);
    row += strlen("log-likelihood\n");
    for (int t = 0; t <= 40; t++) {
        double v[8];
        int n = sscanf(row, "%lf %lf %lf (%lf, %lf) (%lf, %lf) %lf", &v[0], &v[1], &v[2], &v[3],
                       &v[4], &v[5], &v[6], &v[7]);
        ck_assert_int_eq(n, 8);
        const double *r = g + t * 16;
        double want[8] = {r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[15]};
        for (int c = 0; c < 8; c++)
            ck_assert_msg(fabs(v[c] - want[c]) <= 5.1e-7 * fmax(1.0, fabs(want[c]) / 100),
                          "iteration %d column %d: printed %.6f, golden %.17g", t, c, v[c], want[c]);
        row = strchr(row, '\n') + 1;
    }
    /* and to 1e-9 from the full-precision trace the chapter writes */
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/trace.txt", dir);
    em_dataset ds;
    ck_assert_int_eq(em_dataset_read(path, &ds, err, sizeof err), EM_OK);
    ck_assert_uint_eq(ds.n, 41);
    ck_assert_uint_eq(ds.d, 16);
    for (int v = 0; v < 41 * 16; v++)
        ck_assert_msg(rel_err(ds.x[v], g[v]) <= 1e-9, "iteration %d column %d: %.17g vs %.17g",
                      v / 16, v % 16, ds.x[v], g[v]);
    em_dataset_free(&ds);
}
END_TEST

START_TEST(test_chapter_06_output_is_golden)
{
    expect_golden("06_em_until_converged");
}
END_TEST

/* The text between two markers of a chapter's output. */
static const char *section(const char *out, const char *from, size_t *len)
{
    const char *a = strstr(out, from);
    ck_assert_msg(a != NULL, "no '%s' in the output", from);
    const char *b = strstr(a + 1, "\n== ");
    *len = b ? (size_t)(b - a) : strlen(a);
    return a;
}

START_TEST(test_chapter_06_prints_notebook_003_run)
{
    /* notebook 003's printed fit of the 7 points: its 23 visible lines, and
     * the final mean_arr, sigma_arr and phi it displayed */
    static const double printed[23] = {
        -17.322663, -17.201741, -17.070497, -16.856126, -16.612013, -16.435516, -16.345426,
        -16.299685, -16.265928, -16.228111, -16.179418, -16.118677, -16.053517, -15.999474,
        -15.961880, -15.930958, -15.894492, -15.835504, -15.714461, -15.466288, -15.278695,
        -15.261741, -15.253832};
    int status;
    const char *out = run_chapter("06_em_until_converged", "", &status);
    ck_assert_int_eq(status, 0);
    size_t len;
    const char *nb = section(out, "== 7 points, notebook's M-step", &len);
    for (int t = 0; t < 23; t++) {
        char line[64];
        snprintf(line, sizeof line, "Iteration %d: log-likelihood is %.6f\n", t + 1, printed[t]);
        const char *at = strstr(nb, line);
        ck_assert_msg(at && at < nb + len, "missing '%s'", line);
    }
    ck_assert_ptr_nonnull(strstr(nb, "[[ 4.505256]\n [ 0.282011]\n [-2.754311]]"));
    ck_assert_ptr_nonnull(strstr(nb, "[[0.250013]\n [1.86222 ]\n [0.062481]]"));
    ck_assert_ptr_nonnull(strstr(nb, "[0.282046 0.444496 0.273457]"));
}
END_TEST

/* em_fit with the notebook's rule (tol 1e-4 on the summed log-likelihood,
 * reg 0) from the given start: its iterations and log-likelihood. */
static void library_fit(const double *x, size_t n, const double *start, size_t *iters, double *ll)
{
    em_gmm m;
    ck_assert_int_eq(em_gmm_alloc(&m, 3, 1), EM_OK);
    for (int k = 0; k < 3; k++) {
        m.mean[k] = start[k];
        m.cov[k] = 1.0;
        m.weight[k] = 1.0 / 3;
    }
    em_options opt = em_default_options();
    opt.reg = 0.0;
    opt.tol = 1e-4;
    opt.max_iter = 1000;
    em_result res;
    ck_assert_int_eq(em_fit(&m, x, n, &opt, NULL, &res), EM_OK);
    *iters = res.iterations;
    *ll = res.loglik;
    em_result_free(&res);
    em_gmm_free(&m);
}

START_TEST(test_chapter_06_textbook_runs_match_em_fit)
{
    /* the chapter's own loop with the textbook M-step must stop where the
     * library's em_fit stops, at the same log-likelihood */
    int status;
    const char *out = run_chapter("06_em_until_converged", "", &status);
    ck_assert_int_eq(status, 0);
    double x7[7] = {-3, -2.5, -1, 0, 2, 4, 5}, start7[3] = {0.714865775240159,
                                                           0.592235344755599, 0.273056880371715};
    double x60[60], start60[3], mu[3] = {-4, 0, 8}, var[3] = {1, 0.2, 3};
    em_rng r;
    em_rng_seed(&r, 44);
    for (int i = 0; i < 60; i++)
        x60[i] = em_rng_normal(&r, mu[i / 20], sqrt(var[i / 20]));
    for (int k = 0; k < 3; k++)
        start60[k] = em_rng_uniform(&r);
    const double *xs[2] = {x7, x60}, *starts[2] = {start7, start60};
    size_t ns[2] = {7, 60};
    const char *heads[2] = {"== 7 points, textbook", "== 60 points, textbook"};
    for (int j = 0; j < 2; j++) {
        size_t iters, len;
        double ll;
        library_fit(xs[j], ns[j], starts[j], &iters, &ll);
        char want[96];
        snprintf(want, sizeof want, "Terminate at %zu-th iteration:log-likelihood is %.6f", iters,
                 ll);
        const char *sec = section(out, heads[j], &len);
        const char *at = strstr(sec, want);
        ck_assert_msg(at && at < sec + len, "%s: missing '%s'", heads[j], want);
    }
    ck_assert_ptr_nonnull(strstr(out, "notebook M-step: stopped after 60 iterations at -13.906168"));
    ck_assert_ptr_null(strstr(out, "largest fall")); /* neither M-step ever lowers l */
}
END_TEST

START_TEST(test_chapter_01_output_is_golden)
{
    expect_golden("01_sampling");
}
END_TEST

START_TEST(test_chapter_01_follows_the_recipe)
{
    /* the notebook's recipe, written plainly: with seed 1195, means
     * 20 (U - 1/2), covariances A^T A, weights U / sum U, in that order */
    em_rng r;
    em_rng_seed(&r, 1195);
    double mu[10], cov[20], w[5], total = 0.0;
    for (int v = 0; v < 10; v++)
        mu[v] = 20.0 * (em_rng_uniform(&r) - 0.5);
    for (int k = 0; k < 5; k++) {
        double A[4];
        for (int v = 0; v < 4; v++)
            A[v] = em_rng_gauss(&r);
        cov[4 * k + 0] = A[0] * A[0] + A[2] * A[2];
        cov[4 * k + 1] = cov[4 * k + 2] = A[0] * A[1] + A[2] * A[3];
        cov[4 * k + 3] = A[1] * A[1] + A[3] * A[3];
    }
    for (int k = 0; k < 5; k++)
        total += w[k] = em_rng_uniform(&r);
    int status;
    const char *out = run_chapter("01_sampling", "", &status);
    ck_assert_int_eq(status, 0);
    const char *at = out;
    for (int k = 0; k < 5; k++) {
        char head[32];
        double p, m[2], S[4];
        snprintf(head, sizeof head, "component %d: pi = ", k + 1);
        at = strstr(at, head);
        ck_assert_ptr_nonnull(at);
        ck_assert_int_eq(sscanf(at + strlen(head), "%lf mu = [%lf %lf ] Sigma = [%lf %lf %lf %lf ]", &p,
                                &m[0], &m[1], &S[0], &S[1], &S[2], &S[3]), 7);
        ck_assert(fabs(p - w[k] / total) <= 5e-7);
        for (int j = 0; j < 2; j++)
            ck_assert(fabs(m[j] - mu[2 * k + j]) <= 5e-7);
        for (int j = 0; j < 4; j++)
            ck_assert(fabs(S[j] - cov[4 * k + j]) <= 5e-7);
    }
    /* each share of 100 000 samples lies within 4.5 standard deviations of pi */
    const char *table = strstr(out, "share\n");
    ck_assert_ptr_nonnull(table);
    table += strlen("share\n");
    for (int k = 0; k < 5; k++) {
        int idx;
        double p, share;
        ck_assert_int_eq(sscanf(table, "%d %lf %lf", &idx, &p, &share), 3);
        ck_assert(fabs(share - p) <= 4.5 * sqrt(p * (1 - p) / 100000));
        table = strchr(table, '\n') + 1;
    }
}
END_TEST

START_TEST(test_chapters_draw_in_every_format)
{
    /* the panel of palette-coloured frames is the hardest case for gnuplot's
     * GIF terminal (libgd); each format must give real files */
    static const char *formats[4] = {"png", "svg", "pdf", "gif"};
    static const char *magic[4] = {"\x89PNG", "<?xml", "%PDF", "GIF8"};
    for (int f = 0; f < 4; f++) {
        const char *dir = make_tmpdir();
        char cmd[512], path[600], head[8] = {0};
        snprintf(cmd, sizeof cmd, "%s/03_em_1d --format %s --out '%s' >/dev/null 2>&1", EMLAB_BUILD,
                 formats[f], dir);
        ck_assert_msg(system(cmd) == 0, "03_em_1d --format %s failed", formats[f]);
        snprintf(path, sizeof path, "%s/panel.%s", dir, formats[f]);
        FILE *in = fopen(path, "rb");
        ck_assert_msg(in != NULL, "no %s", path);
        ck_assert_uint_gt(fread(head, 1, 5, in), 3);
        fclose(in);
        ck_assert_msg(memcmp(head, magic[f], strlen(magic[f])) == 0, "%s is not a %s", path,
                      formats[f]);
        snprintf(path, sizeof path, "%s/em_1d.gif", dir);
        ck_assert_msg(access(path, F_OK) == 0, "no animation in format %s", formats[f]);
    }
}
END_TEST

/* The notebook class's loglikelihood(): sum_i log sum_k N(x_i) phi_k. */
static double nb_loglik(const double *x, const double *mu, const double *var, const double *phi)
{
    double ll = 0.0;
    for (int i = 0; i < 60; i++) {
        double p = 0.0;
        for (int k = 0; k < 3; k++)
            p += em_normal_pdf(x[i], mu[k], sqrt(var[k])) * phi[k];
        ll += log(p);
    }
    return ll;
}

START_TEST(test_chapter_06_notebook_m_step_matches_the_notebook_class)
{
    /* notebook 003's GMM class, written plainly (direct densities, the
     * covariance around the old mean, the while-loop), on the 60 points of
     * seed 44 from the same start: every printed line must agree */
    double x[60], mu[3], var[3] = {1, 1, 1}, phi[3] = {1.0 / 3, 1.0 / 3, 1.0 / 3}, w[180];
    double tm[3] = {-4, 0, 8}, tv[3] = {1, 0.2, 3};
    em_rng r;
    em_rng_seed(&r, 44);
    for (int i = 0; i < 60; i++)
        x[i] = em_rng_normal(&r, tm[i / 20], sqrt(tv[i / 20]));
    for (int k = 0; k < 3; k++)
        mu[k] = em_rng_uniform(&r);
    int status;
    const char *out = run_chapter("06_em_until_converged", "", &status);
    ck_assert_int_eq(status, 0);
    size_t len;
    const char *sec = section(out, "== 60 points, notebook's M-step", &len);
    double ll = 1.0, prev = 0.0;
    int t = 0;
    while (ll - prev > 1e-4) {
        prev = nb_loglik(x, mu, var, phi);
        for (int i = 0; i < 60; i++) { /* e_step */
            double den = 0.0;
            for (int k = 0; k < 3; k++)
                den += w[i * 3 + k] = em_normal_pdf(x[i], mu[k], sqrt(var[k])) * phi[k];
            for (int k = 0; k < 3; k++)
                w[i * 3 + k] /= den;
        }
        for (int k = 0; k < 3; k++) { /* m_step, with the notebook's bug */
            double c = 0.0, m1 = 0.0, s2 = 0.0;
            for (int i = 0; i < 60; i++) {
                c += w[i * 3 + k];
                m1 += x[i] * w[i * 3 + k];
                s2 += w[i * 3 + k] * (x[i] - mu[k]) * (x[i] - mu[k]);
            }
            phi[k] = c / 60;
            mu[k] = m1 / c;
            var[k] = s2 / c;
        }
        t++;
        ll = nb_loglik(x, mu, var, phi);
        char line[96];
        snprintf(line, sizeof line, "Iteration %d: log-likelihood is %.6f\n", t, ll);
        const char *at = strstr(sec, line);
        ck_assert_msg(at && at < sec + len, "missing '%s'", line);
    }
    char last[96];
    snprintf(last, sizeof last, "Terminate at %d-th iteration:log-likelihood is %.6f", t, ll);
    const char *at = strstr(sec, last);
    ck_assert_msg(at && at < sec + len, "missing '%s'", last);
}
END_TEST

/* A (t, l) file of the figure layer: "# curve1", then a pair a line.
 * Returns how many pairs, at most max. */
static size_t read_curve(const char *path, double *t, double *l, size_t max)
{
    const char *text = slurp(path);
    ck_assert_msg(text != NULL, "%s is missing", path);
    size_t c = 0;
    for (const char *p = strchr(text, '\n'); p && c < max; p = strchr(p + 1, '\n'))
        if (sscanf(p + 1, "%lf %lf", &t[c], &l[c]) == 2)
            c++;
    return c;
}

/* What a chapter hands on (data.txt, start.txt) takes `emlab fit`, run as
 * start.txt's header says, through the chapter's own log-likelihoods:
 * the lab opens a chapter with these files. */
START_TEST(test_chapter_handoff_continues_in_emlab_fit)
{
    static const struct { const char *name; size_t iters; double tol; } ch[] = {
        {"04_em_fill_in", 20, 1e-12}, {"05_em_2d", 40, 1e-12}, {"06_em_until_converged", 0, 0}};
    for (size_t c = 0; c < 3; c++) {
        const char *dir;
        int status;
        run_chapter_in(ch[c].name, "", &status, &dir);
        ck_assert_int_eq(status, 0);
        const char *start = slurp(path_in(dir, "start.txt"));
        ck_assert_ptr_nonnull(start);
        ck_assert_ptr_nonnull(slurp(path_in(dir, "data.txt")));
        const char *go = strstr(start, "# go on from here: emlab fit data.txt ");
        ck_assert_msg(go != NULL, "%s/start.txt does not say how to go on", ch[c].name);
        char args[256];
        sscanf(go + strlen("# go on from here: emlab fit data.txt "), "%255[^\n]", args);
        if (!ch[c].iters)
            continue;
        char *init = strstr(args, "--init start.txt"); /* relative to the chapter's folder */
        ck_assert_ptr_nonnull(init);
        char *rest = init + strlen("--init start.txt");
        ran r = emlab("fit %s/data.txt %.*s--init %s/start.txt%s --tol 0 -n %zu -f none -q "
                      "--out %s/fit", dir, (int)(init - args), args, dir, rest, ch[c].iters, dir);
        ck_assert_msg(r.rc == 0, "%s: %s", ch[c].name, r.err);
        double t1[64], l1[64], t2[64], l2[64];
        size_t n1 = read_curve(path_in(dir, "loglik.dat"), t1, l1, 64);
        size_t n2 = read_curve(path_in(dir, "fit/loglik.dat"), t2, l2, 64);
        ck_assert_uint_eq(n2, ch[c].iters + 1);
        for (size_t a = 0; a < n1; a++) {
            size_t t = (size_t)t1[a];
            ck_assert_msg(rel_err(l2[t], l1[a]) <= ch[c].tol, "%s, iteration %zu: emlab fit "
                          "%.17g, the chapter %.17g", ch[c].name, t, l2[t], l1[a]);
        }
    }
}
END_TEST

Suite *chapters_suite(void)
{
    Suite *s = suite_create("chapters");
    TCase *tc = tcase_create("golden output");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_chapter_01_output_is_golden);
    tcase_add_test(tc, test_chapter_01_follows_the_recipe);
    tcase_add_test(tc, test_chapter_02_output_is_golden);
    tcase_add_test(tc, test_chapter_02_prints_notebook_003_verbatim);
    tcase_add_test(tc, test_chapter_03_output_is_golden);
    tcase_add_test(tc, test_chapter_03_matches_notebook_000_algorithm);
    tcase_add_test(tc, test_chapter_04_output_is_golden);
    tcase_add_test(tc, test_chapter_04_prints_the_golden_trace);
    tcase_add_test(tc, test_chapter_05_output_is_golden);
    tcase_add_test(tc, test_chapter_05_matches_notebook_001_2d_trace);
    tcase_add_test(tc, test_chapter_06_output_is_golden);
    tcase_add_test(tc, test_chapter_06_prints_notebook_003_run);
    tcase_add_test(tc, test_chapter_06_textbook_runs_match_em_fit);
    tcase_add_test(tc, test_chapter_06_notebook_m_step_matches_the_notebook_class);
    tcase_add_test(tc, test_chapters_draw_in_every_format);
    tcase_add_test(tc, test_chapters_refuse_bad_arguments);
    tcase_add_test(tc, test_chapter_unwritable_out_fails_cleanly);
    tcase_add_test(tc, test_chapter_bad_out_refused_before_printing);
    tcase_add_test(tc, test_chapter_with_stdout_closed_fails);
    tcase_add_test(tc, test_chapter_rerun_removes_its_stale_files);
    tcase_add_test(tc, test_chapter_handoff_continues_in_emlab_fit);
    suite_add_tcase(s, tc);
    return s;
}
