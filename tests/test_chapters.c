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

#ifndef EMLAB_BUILD
#define EMLAB_BUILD "build"
#endif

/* Run build/NAME with args, writing into a fresh folder (*out_dir, if not
 * NULL); returns its standard output (kept). */
static const char *run_chapter_in(const char *name, const char *args, int *status,
                                  const char **out_dir)
{
    const char *dir = make_tmpdir();
    if (out_dir)
        *out_dir = dir;
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s/%s --format none --out '%s' %s 2>/dev/null", EMLAB_BUILD, name,
             dir, args);
    FILE *p = popen(cmd, "r");
    ck_assert_msg(p != NULL, "cannot run %s", cmd);
    size_t cap = 1 << 16, len = 0, got;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    while ((got = fread(out + len, 1, cap - len - 1, p)) > 0) {
        len += got;
        if (len + 1 == cap) {
            out = realloc(out, cap *= 2);
            ck_assert_ptr_nonnull(out);
        }
    }
    out[len] = '\0';
    int rc = pclose(p);
    *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return keep(out);
}

static const char *run_chapter(const char *name, const char *args, int *status)
{
    return run_chapter_in(name, args, status, NULL);
}

/* The chapter's output equals tests/golden/NAME.out; on a difference, say
 * where. */
static const char *expect_golden(const char *name)
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
    for (int it = 0; it < 20; it++) {
        const double *r = g + it * 8;
        used += (size_t)snprintf(want + used, cap - used, "Iteration %d\n  Means: %s\n", it + 1,
                                 em_numpy_array(r + 1, 2, 8, a, sizeof a));
        used += (size_t)snprintf(want + used, cap - used, "  Stddevs: %s\n",
                                 em_numpy_array(r + 3, 2, 8, a, sizeof a));
        used += (size_t)snprintf(want + used, cap - used, "  Mixing coefficients: %s\n",
                                 em_numpy_array(r + 5, 2, 8, a, sizeof a));
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

Suite *chapters_suite(void)
{
    Suite *s = suite_create("chapters");
    TCase *tc = tcase_create("golden output");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_chapter_02_output_is_golden);
    tcase_add_test(tc, test_chapter_02_prints_notebook_003_verbatim);
    tcase_add_test(tc, test_chapter_04_output_is_golden);
    tcase_add_test(tc, test_chapter_04_prints_the_golden_trace);
    tcase_add_test(tc, test_chapters_refuse_bad_arguments);
    tcase_add_test(tc, test_chapter_unwritable_out_fails_cleanly);
    suite_add_tcase(s, tc);
    return s;
}
