/* test_torture.c — emlab attacked as a hostile user would (issue 10):
 * values of every size, full disks, odd files, concurrent runs and
 * interrupts. Each test failed before its fix. */
#include "emlab_test.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* A data file of n 1-D points, point i = scale * f(i), in dir. */
static const char *points_1d(const char *dir, const char *name, size_t n, double scale)
{
    size_t cap = n * 32 + 1, used = 0;
    char *text = keep(malloc(cap));
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(text + used, cap - used, "%.17g\n",
                                 scale * ((double)(i % 7) + (i % 2 ? 10.0 : 0.0)));
    return write_file(dir, name, text);
}

static size_t count(const char *s, const char *what)
{
    size_t c = 0;
    for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
        c++;
    return c;
}

/* --- 1. numbers of any size ----------------------------------------------- */

START_TEST(test_fit_prints_a_variance_of_1e40_whole)
{
    /* pyfmt's 40-byte slot overflowed: free(): invalid pointer, exit 134 */
    const char *dir = make_tmpdir();
    const char *data = write_file(dir, "t.txt", "1\n2\n3\n4\n10\n11\n12\n");
    ran r = emlab("fit %s -k 2 -q --reg 1e40 -f none -o %s/o", data, dir);
    ck_assert_msg(r.rc == 0, "exit %d: %s", r.rc, r.err);
    ck_assert_msg(strstr(r.out, "covariance [[1.e+40]]") != NULL, "%s", r.out);
}
END_TEST

START_TEST(test_fit_of_points_of_order_1e20)
{
    const char *dir = make_tmpdir();
    const char *data = points_1d(dir, "big.txt", 2000, 1e20);
    ran r = emlab("fit %s -k 2 -q -f none -o %s/o", data, dir);
    ck_assert_msg(r.rc == 0, "exit %d: %s", r.rc, r.err);
    ck_assert_msg(strstr(r.out, "e+20]") != NULL, "means not in scientific notation: %s",
                  r.out);
}
END_TEST

START_TEST(test_small_values_are_not_printed_as_zero)
{
    const char *dir = make_tmpdir();
    /* 2-D data in units of 1e-5: the covariance is of order 1e-10 */
    char text[4096];
    size_t used = 0;
    for (int i = 0; i < 60; i++)
        used += (size_t)snprintf(text + used, sizeof text - used, "%.17g %.17g\n",
                                 1e-5 * (i % 5 + 0.1 * (i % 3)), 1e-5 * ((i * 7) % 11));
    ran r = emlab("fit %s -k 1 -q --reg 0 -f none -o %s/o", write_file(dir, "s.txt", text), dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_msg(strstr(r.out, "[[ 0. -0.]") == NULL && strstr(r.out, "e-") != NULL, "%s",
                  r.out);
    /* 1-D data of order 1e-150: its mean is not [0.] */
    r = emlab("fit %s -k 1 -q -f none -o %s/o2", points_1d(dir, "t.txt", 50, 1e-150), dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_msg(strstr(r.out, "mean       [0.]") == NULL && strstr(r.out, "e-150]") != NULL,
                  "%s", r.out);
}
END_TEST

START_TEST(test_a_50_dimensional_covariance_prints_every_row)
{
    const char *dir = make_tmpdir();
    size_t n = 200, d = 50, cap = n * d * 24, used = 0;
    char *text = keep(malloc(cap));
    em_rng rng;
    em_rng_seed(&rng, 5);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < d; j++)
            used += (size_t)snprintf(text + used, cap - used, "%.6f%c", em_rng_gauss(&rng),
                                     j + 1 < d ? ' ' : '\n');
    ran r = emlab("fit %s -k 1 -q -f none -o %s/o", write_file(dir, "d50.txt", text), dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    const char *cov = strstr(r.out, "covariance [[");
    ck_assert_ptr_nonnull(cov);
    /* 50 rows, each opened by '[' and closed by ']', the last by "]]" */
    ck_assert_uint_eq(count(cov, "["), 51);
    ck_assert_uint_eq(count(cov, "]"), 51);
    ck_assert_msg(strstr(cov, "]]\n") != NULL, "no closing bracket");
    /* every line within numpy's 75 columns */
    for (const char *line = cov; *line;) {
        size_t len = strcspn(line, "\n");
        ck_assert_msg(len <= 75, "a line of %zu characters", len);
        line += len + (line[len] != '\0');
    }
}
END_TEST

/* A double with random bits: any sign, any exponent, subnormals too. */
static double any_double(em_rng *r)
{
    for (;;) {
        uint64_t u = ((uint64_t)em_rng_u32(r) << 32) | em_rng_u32(r);
        double v;
        memcpy(&v, &u, sizeof v);
        if (isfinite(v))
            return v;
    }
}

START_TEST(test_params_out_reads_back_bit_for_bit)
{
    const char *dir = make_tmpdir();
    const char *path = path_in(dir, "p.txt");
    em_rng r;
    em_rng_seed(&r, 10);
    char err[512];
    for (int trial = 0; trial < 300; trial++) {
        em_gmm m, back;
        size_t K = 2, d = 3;
        ck_assert_int_eq(em_gmm_alloc(&m, K, d), EM_OK);
        m.weight[0] = fabs(any_double(&r));
        while (!(m.weight[0] < 1.0))
            m.weight[0] = fabs(any_double(&r));
        m.weight[1] = 1.0 - m.weight[0];
        for (size_t v = 0; v < K * d; v++)
            m.mean[v] = any_double(&r);
        for (size_t k = 0; k < K; k++)
            for (size_t j = 0; j < d; j++) /* diagonal: positive definite at any scale */
                m.cov[(k * d + j) * d + j] = fabs(any_double(&r));
        ck_assert_int_eq(em_gmm_save(path, &m, err, sizeof err), EM_OK);
        ck_assert_msg(em_gmm_load(path, &back, err, sizeof err) == EM_OK, "%s", err);
        ck_assert_int_eq(memcmp(m.weight, back.weight, K * sizeof *m.weight), 0);
        ck_assert_int_eq(memcmp(m.mean, back.mean, K * d * sizeof *m.mean), 0);
        ck_assert_int_eq(memcmp(m.cov, back.cov, K * d * d * sizeof *m.cov), 0);
        em_gmm_free(&m);
        em_gmm_free(&back);
    }
}
END_TEST

/* --- 2. every output whole, or an error ----------------------------------- */

/* The names in dir that are emlab's temporaries or scratch folders. */
/* The run's temporaries left in dir ("" if none, or if dir is gone: a
 * folder the run made goes with it). */
static const char *leftovers(const char *dir)
{
    char cmd[1024];
    int st;
    snprintf(cmd, sizeof cmd, "ls -A '%s' 2>/dev/null | grep -E '^\\.(emlab-run-|.*\\.[A-Za-z0-9]{6}$)' "
             "| grep -v '^\\.emlab\\.lock$'", dir);
    return capture(cmd, &st);
}

START_TEST(test_a_full_standard_output_is_an_error)
{
    const char *dir = make_tmpdir();
    const char *data = write_file(dir, "t.txt", "1\n2\n3\n4\n10\n11\n12\n");
    write_file(dir, "p.txt", "1 0 1\n");
    const char *runs[][2] = {
        {"sample", "sample -k 2 -d 2 -n 100000"},
        {"fit", "fit DATA -k 2 -f none -o DIR/o"},
        {"resp", "resp DATA --params DIR/p.txt"},
        {"select", "select DATA --kmax 2 -f none -o DIR/s"},
        {"fit", "fit --help"}, {"help", "--help"}};
    for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
        char args[512] = "";
        for (const char *p = runs[r][1]; *p;) { /* DATA and DIR filled in */
            size_t used = strlen(args);
            if (strncmp(p, "DATA", 4) == 0) {
                snprintf(args + used, sizeof args - used, "%s", data);
                p += 4;
            } else if (strncmp(p, "DIR", 3) == 0) {
                snprintf(args + used, sizeof args - used, "%s", dir);
                p += 3;
            } else {
                args[used] = *p++;
                args[used + 1] = '\0';
            }
        }
        const char *err;
        int rc = shell(NULL, &err, "%s/emlab %s > /dev/full", EMLAB_BUILD, args);
        ck_assert_msg(rc == 1, "emlab %s > /dev/full: exit %d (%s)", args, rc, err);
        char want[128];
        snprintf(want, sizeof want, "emlab %s: standard output: No space left on device\n",
                 runs[r][0]);
        ck_assert_str_eq(err, want);
        /* closed, not full: refused at once (a lock file took descriptor 1,
         * swallowed the printout, and the run said it had succeeded) */
        rc = shell(NULL, &err, "%s/emlab %s >&-", EMLAB_BUILD, args);
        ck_assert_msg(rc == 1, "emlab %s >&-: exit %d (%s)", args, rc, err);
        ck_assert_str_eq(err, "emlab: standard output is closed: what it prints would be lost\n");
    }
    const char *err;
    int rc = shell(NULL, &err, "%s/02_responsibilities --format none --out %s/c > /dev/full",
                   EMLAB_BUILD, dir);
    ck_assert_int_eq(rc, 1);
    ck_assert_str_eq(err, "02_responsibilities: standard output: No space left on device\n");
    ck_assert_int_eq(access(path_in(dir, "c/resp.dat"), F_OK), -1); /* nothing half done */
    rc = shell(NULL, &err, "%s/03_em_1d --help > /dev/full", EMLAB_BUILD);
    ck_assert_int_eq(rc, 1);
    ck_assert_str_eq(err, "03_em_1d: standard output: No space left on device\n");
}
END_TEST

START_TEST(test_a_full_disk_leaves_no_file)
{
    /* a file-size limit stands in for a full disk: writes past it fail */
    const char *dir = make_tmpdir(), *err;
    int rc = shell(NULL, &err, "trap '' XFSZ; ulimit -f 64; %s/emlab sample -k 2 -d 2 -n 100000 "
                   "-o %s/s.txt",
                   EMLAB_BUILD, dir);
    ck_assert_int_eq(rc, 1);
    ck_assert_msg(strstr(err, "s.txt: cannot write: File too large") && count(err, "\n") == 1,
                  "%s", err);
    ck_assert_int_eq(access(path_in(dir, "s.txt"), F_OK), -1);
    ck_assert_str_eq(leftovers(dir), "");
    /* figures: gnuplot's PNGs cut short are caught, and nothing is moved in */
    const char *data = points_1d(dir, "t.txt", 300, 1.0);
    rc = shell(NULL, &err, "trap '' XFSZ; ulimit -f 8; %s/emlab fit %s -k 2 -q -o %s/o",
               EMLAB_BUILD, data, dir);
    ck_assert_msg(rc == 1 && count(err, "\n") == 1, "exit %d: %s", rc, err);
    ck_assert_msg(strstr(err, "could not write it whole") || strstr(err, "cannot write"), "%s",
                  err);
    ck_assert_int_eq(access(path_in(dir, "o/iter_000.png"), F_OK), -1);
    ck_assert_int_eq(access(path_in(dir, "o/iter_000.dat"), F_OK), -1);
    ck_assert_str_eq(leftovers(path_in(dir, "o")), "");
}
END_TEST

START_TEST(test_a_planted_symlink_is_not_followed)
{
    const char *dir = make_tmpdir();
    const char *victim = write_file(dir, "victim", "precious\n");
    const char *data = points_1d(dir, "t.txt", 50, 1.0);
    ck_assert_int_eq(symlink(victim, path_in(dir, "r.txt.tmp")), 0);
    ck_assert_int_eq(symlink(victim, path_in(dir, "p.txt.tmp")), 0);
    ran r = emlab("fit %s -k 2 -q -f none -o %s/o --resp-out %s/r.txt --params-out %s/p.txt",
                  data, dir, dir, dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_str_eq(slurp(victim), "precious\n");
    ck_assert_ptr_nonnull(strstr(slurp(path_in(dir, "r.txt")), "gamma_1 gamma_2\n"));
}
END_TEST

START_TEST(test_two_runs_into_one_resp_file_never_mix)
{
    const char *dir = make_tmpdir(), *out;
    const char *data = points_1d(dir, "t.txt", 20000, 1.0);
    /* each alone first */
    for (int k = 2; k <= 3; k++) {
        ran r = emlab("fit %s -k %d -q -f none -o %s/solo%d --resp-out %s/solo%d.txt", data, k,
                      dir, k, dir, k);
        ck_assert_msg(r.rc == 0, "%s", r.err);
    }
    const char *two = slurp(path_in(dir, "solo2.txt")), *three = slurp(path_in(dir, "solo3.txt"));
    for (int trial = 0; trial < 6; trial++) {
        int rc = shell(&out, NULL,
                       "%s/emlab fit %s -k 2 -q -f none -o %s/a --resp-out %s/r.txt >/dev/null & "
                       "%s/emlab fit %s -k 3 -q -f none -o %s/b --resp-out %s/r.txt >/dev/null; "
                       "a=$?; wait $!; echo \"$a $?\"", EMLAB_BUILD, data, dir, dir,
                       EMLAB_BUILD, data, dir, dir);
        ck_assert_int_eq(rc, 0);
        ck_assert_str_eq(out, "0 0\n");
        const char *got = slurp(path_in(dir, "r.txt"));
        ck_assert_msg(strcmp(got, two) == 0 || strcmp(got, three) == 0,
                      "trial %d: r.txt is neither run's output", trial);
        ck_assert_str_eq(leftovers(dir), "");
    }
}
END_TEST

START_TEST(test_a_second_run_into_a_busy_folder_is_refused)
{
    const char *dir = make_tmpdir(), *err;
    const char *data = points_1d(dir, "t.txt", 200, 1.0);
    /* hold the folder's lock as a running emlab would */
    int rc = shell(NULL, &err, "mkdir -p %s/o && exec 9>%s/o/.emlab.lock && flock 9 && "
                   "%s/emlab fit %s -k 2 -q -f none -o %s/o", dir, dir, EMLAB_BUILD, data, dir);
    ck_assert_msg(rc == 1, "exit %d: %s", rc, err);
    ck_assert_msg(strstr(err, "another emlab run is writing into this folder") &&
                      count(err, "\n") == 1, "%s", err);
    rc = shell(NULL, &err, "exec 9>%s/o/.emlab.lock && flock 9 && %s/03_em_1d --out %s/o",
               dir, EMLAB_BUILD, dir);
    ck_assert_int_eq(rc, 1);
    ck_assert_msg(strstr(err, "another emlab run"), "%s", err);
    ck_assert_int_eq(access(path_in(dir, "o/iter_0.dat"), F_OK), -1);
}
END_TEST

/* Start emlab ARGV (with the signals' default actions, as from a
 * terminal), send it sig after a second, and return how it ended. */
static int interrupted(char *const argv[], int sig)
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        /* (under make valgrind, a process ended by a signal has its
         * in-flight buffers reported as lost: not for the log) */
        if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
            _exit(126);
        execv(argv[0], argv);
        _exit(127);
    }
    sleep(1);
    kill(pid, sig);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    return status;
}

START_TEST(test_an_interrupt_leaves_the_old_files_and_no_temporary)
{
    const char *dir = make_tmpdir();
    const char *data = points_1d(dir, "t.txt", 300000, 1.0);
    write_file(dir, "r.txt", "old r\n");
    write_file(dir, "p.txt", "old p\n");
    char prog[512], r_txt[512], p_txt[512], o[512];
    snprintf(prog, sizeof prog, "%s/emlab", EMLAB_BUILD);
    snprintf(r_txt, sizeof r_txt, "%s", path_in(dir, "r.txt"));
    snprintf(p_txt, sizeof p_txt, "%s", path_in(dir, "p.txt"));
    snprintf(o, sizeof o, "%s", path_in(dir, "o"));
    char *argv[] = {prog, "fit", (char *)data, "-k", "4", "--tol", "0", "--iters", "100000",
                    "-q", "-f", "none", "-o", o, "--resp-out", r_txt, "--params-out", p_txt,
                    NULL};
    const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (int s = 0; s < 3; s++) {
        int status = interrupted(argv, sigs[s]);
        ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == sigs[s],
                      "signal %d: status %#x", sigs[s], status);
        ck_assert_str_eq(slurp(r_txt), "old r\n");
        ck_assert_str_eq(slurp(p_txt), "old p\n");
        ck_assert_str_eq(leftovers(dir), "");
        ck_assert_str_eq(leftovers(o), "");
    }
}
END_TEST

/* A run that ends without its commit takes away the output folder it
 * made (chapters open theirs before computing, so an unfilled workbook
 * blank's exit, or Ctrl-C, left an empty new folder), but never a folder
 * that was there before. */
START_TEST(test_a_run_that_ends_early_leaves_no_new_folder)
{
    const char *dir = make_tmpdir(), *out, *err;
    int rc = shell(&out, &err, "%s/fresh/04_em_fill_in --format none --out '%s/new'",
                   EMLAB_BUILD, dir);
    ck_assert_int_eq(rc, EM_BLANK_EXIT);
    ck_assert_int_eq(access(path_in(dir, "new"), F_OK), -1);
    ck_assert_int_eq(mkdir(path_in(dir, "old"), 0755), 0);
    rc = shell(&out, &err, "%s/fresh/04_em_fill_in --format none --out '%s/old'", EMLAB_BUILD,
               dir);
    ck_assert_int_eq(rc, EM_BLANK_EXIT);
    ck_assert_int_eq(access(path_in(dir, "old"), F_OK), 0);
    ck_assert_str_eq(leftovers(path_in(dir, "old")), "");
    const char *data = points_1d(dir, "t.txt", 300000, 1.0);
    char prog[512], o[512];
    snprintf(prog, sizeof prog, "%s/emlab", EMLAB_BUILD);
    snprintf(o, sizeof o, "%s", path_in(dir, "o"));
    char *argv[] = {prog, "fit", (char *)data, "-k", "4", "--tol", "0", "--iters", "100000",
                    "-q", "-f", "none", "-o", o, NULL};
    int status = interrupted(argv, SIGINT);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT);
    ck_assert_int_eq(access(o, F_OK), -1);
}
END_TEST

START_TEST(test_a_shorter_run_removes_its_stale_snapshots)
{
    const char *dir = make_tmpdir();
    const char *data = points_1d(dir, "t.txt", 100, 1.0);
    ran r = emlab("fit %s -k 2 -q --tol 0 --iters 33 --snapshots every:1 -f none -o %s/o", data,
                  dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_int_eq(access(path_in(dir, "o/iter_033.gp"), F_OK), 0);
    write_file(path_in(dir, "o"), "iter_notes.txt", "mine\n");
    write_file(path_in(dir, "o"), "iter_5.png.bak", "mine\n");
    r = emlab("fit %s -k 2 -q --tol 0 --iters 3 --snapshots every:1 -f none -o %s/o", data, dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_int_eq(access(path_in(dir, "o/iter_003.dat"), F_OK), 0);
    ck_assert_int_eq(access(path_in(dir, "o/iter_004.dat"), F_OK), -1);
    ck_assert_int_eq(access(path_in(dir, "o/iter_033.gp"), F_OK), -1);
    ck_assert_int_eq(access(path_in(dir, "o/iter_notes.txt"), F_OK), 0);
    ck_assert_int_eq(access(path_in(dir, "o/iter_5.png.bak"), F_OK), 0);
}
END_TEST

START_TEST(test_a_killed_runs_scratch_folder_is_cleared_by_the_next)
{
    /* SIGKILL cannot be caught: the next run into the folder, holding its
     * lock, clears what the dead one left */
    const char *dir = make_tmpdir();
    const char *o = path_in(dir, "o");
    ck_assert_int_eq(mkdir(o, 0777), 0);
    const char *stale = path_in(o, ".emlab-run-AbC123");
    ck_assert_int_eq(mkdir(stale, 0700), 0);
    write_file(stale, "iter_000.dat", "half\n");
    ran r = emlab("fit %s -k 1 -q -f none -o %s", points_1d(dir, "t.txt", 20, 1.0), o);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_int_eq(access(stale, F_OK), -1);
    ck_assert_str_eq(leftovers(o), "");
}
END_TEST

START_TEST(test_a_planted_scratch_link_deletes_nothing)
{
    /* the cleanup of a dead run's scratch folder followed a symlink named
     * .emlab-run-x and emptied the folder it led to */
    const char *dir = make_tmpdir();
    const char *victim = path_in(dir, "victim");
    ck_assert_int_eq(mkdir(victim, 0777), 0);
    write_file(victim, "precious.txt", "mine\n");
    const char *o = path_in(dir, "o");
    ck_assert_int_eq(mkdir(o, 0777), 0);
    ck_assert_int_eq(symlink(victim, path_in(o, ".emlab-run-x")), 0);
    ck_assert_int_eq(symlink("..", path_in(o, ".emlab-run-y")), 0);
    const char *data = points_1d(dir, "t.txt", 20, 1.0);
    ran r = emlab("fit %s -k 1 -q -f none -o %s", data, o);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_str_eq(slurp(path_in(victim, "precious.txt")), "mine\n");
    ck_assert_ptr_nonnull(slurp(data));
}
END_TEST

START_TEST(test_outputs_never_replace_devices_pipes_or_links)
{
    const char *dir = make_tmpdir();
    const char *data = points_1d(dir, "t.txt", 40, 1.0);
    /* before: --params-out /dev/null made /dev/null a plain file (as root) */
    expect_cli_error(emlab("fit %s -k 1 -q -f none -o %s/o --params-out /dev/null", data, dir),
                     1, "/dev/null: cannot write: not a plain file (a device)");
    struct stat sb;
    ck_assert_int_eq(stat("/dev/null", &sb), 0);
    ck_assert(S_ISCHR(sb.st_mode));
    char fifo[512];
    snprintf(fifo, sizeof fifo, "%s", path_in(dir, "ff"));
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    expect_cli_error(emlab("sample -k 1 -d 1 -n 5 -o %s", fifo), 1, "not a plain file (a pipe)");
    /* a link is written through, as cp would; a private file stays private */
    const char *target = write_file(dir, "private.txt", "old\n");
    ck_assert_int_eq(chmod(target, 0600), 0);
    ck_assert_int_eq(symlink("private.txt", path_in(dir, "link.txt")), 0);
    ran r = emlab("sample -k 1 -d 1 -n 5 -o %s/link.txt", dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_int_eq(lstat(path_in(dir, "link.txt"), &sb), 0);
    ck_assert(S_ISLNK(sb.st_mode));
    ck_assert_int_eq(stat(target, &sb), 0);
    ck_assert_int_eq(sb.st_mode & 0777, 0600);
    ck_assert_uint_eq(count(slurp(target), "\n"), 5);
}
END_TEST

START_TEST(test_an_output_never_overwrites_the_data_or_another_output)
{
    const char *dir = make_tmpdir();
    const char *data = points_1d(dir, "t.txt", 40, 1.0);
    const char *before = slurp(data);
    expect_cli_error(emlab("fit %s -k 1 -q -f none -o %s/o --params-out %s", data, dir, data), 2,
                     "would overwrite the data file");
    expect_cli_error(emlab("fit %s -k 1 -q -f none -o %s/o --params-out %s/x --resp-out %s/x",
                           data, dir, dir, dir), 2, "name the same file");
    expect_cli_error(emlab("fit %s -k 1 -q -f none -o %s/o --resp-out %s/o/loglik.dat", data,
                           dir, dir), 1, "another output of this run goes there");
    ck_assert_str_eq(slurp(data), before);
}
END_TEST

START_TEST(test_a_failed_rename_puts_every_file_back)
{
    /* a folder named like one of the run's figures: its rename fails, and
     * the files already moved in must go back to the earlier run's */
    const char *dir = make_tmpdir();
    const char *data = points_1d(dir, "t.txt", 40, 1.0);
    ran r = emlab("fit %s -k 1 -q -f none --tol 0 --iters 8 --snapshots every:1 -o %s/o", data,
                  dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    const char *old_iter0 = slurp(path_in(dir, "o/iter_000.dat"));
    ck_assert_int_eq(unlink(path_in(dir, "o/loglik.dat")), 0);
    ck_assert_int_eq(mkdir(path_in(dir, "o/loglik.dat"), 0777), 0);
    write_file(path_in(dir, "o/loglik.dat"), "x", "a folder in the way\n");
    r = emlab("fit %s -k 2 -q -f none --tol 0 --iters 3 --snapshots every:1 -o %s/o", data, dir);
    ck_assert_int_eq(r.rc, 1);
    ck_assert_msg(strstr(r.err, "loglik.dat: cannot write") && count(r.err, "\n") == 1, "%s",
                  r.err);
    ck_assert_str_eq(slurp(path_in(dir, "o/iter_000.dat")), old_iter0); /* put back */
    ck_assert_int_eq(access(path_in(dir, "o/iter_008.dat"), F_OK), 0); /* not swept */
    ck_assert_str_eq(leftovers(path_in(dir, "o")), "");
}
END_TEST

START_TEST(test_the_sweep_touches_only_what_the_last_fit_wrote)
{
    const char *dir = make_tmpdir();
    const char *data = points_1d(dir, "t.txt", 40, 1.0);
    const char *o = path_in(dir, "o");
    ck_assert_int_eq(mkdir(o, 0777), 0);
    write_file(o, "iter_1.dat", "mine\n"); /* named like a snapshot, but the user's */
    write_file(o, "iter_2024.tex", "mine\n");
    ran r = emlab("fit %s -k 1 -q -f none --tol 0 --iters 6 --snapshots every:1 -o %s", data, o);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    r = emlab("fit %s -k 1 -q -f none --tol 0 --iters 2 --snapshots every:1 -o %s", data, o);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_int_eq(access(path_in(o, "iter_006.dat"), F_OK), -1);
    ck_assert_str_eq(slurp(path_in(o, "iter_1.dat")), "mine\n");
    ck_assert_str_eq(slurp(path_in(o, "iter_2024.tex")), "mine\n");
}
END_TEST

START_TEST(test_a_closed_pipe_leaves_no_temporary)
{
    /* SIGPIPE (| true) and SIGXFSZ used to leave .p.txt.XXXXXX behind */
    const char *dir = make_tmpdir(), *out;
    const char *data = points_1d(dir, "t.txt", 60000, 1.0);
    int rc = shell(&out, NULL, "%s/emlab fit %s -k 3 -o %s/o --params-out %s/p.txt "
                   "--resp-out %s/r.txt | true; echo $?", EMLAB_BUILD, data, dir, dir, dir);
    ck_assert_int_eq(rc, 0);
    ck_assert_str_eq(leftovers(dir), "");
    ck_assert_str_eq(leftovers(path_in(dir, "o")), "");
    ck_assert_int_eq(access(path_in(dir, "o/.emlab.lock"), F_OK), -1);
}
END_TEST

START_TEST(test_every_snapshot_is_drawn_past_256)
{
    const char *dir = make_tmpdir();
    const char *data = points_1d(dir, "t.txt", 100, 1.0);
    ran r = emlab("fit %s -k 2 -q --tol 0 --iters 300 --snapshots every:1 -f none -o %s/o",
                  data, dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_int_eq(access(path_in(dir, "o/iter_300.gp"), F_OK), 0);
    ck_assert_int_eq(access(path_in(dir, "o/iter_256.gp"), F_OK), 0);
}
END_TEST

/* --- 3. inputs that are not files ------------------------------------------ */

START_TEST(test_dash_reads_standard_input)
{
    const char *dir = make_tmpdir(), *out, *err;
    const char *data = points_1d(dir, "t.txt", 60, 1.0);
    int rc = shell(&out, &err, "%s/emlab fit - -k 2 -q -f none -o %s/o < %s", EMLAB_BUILD, dir,
                   data);
    ck_assert_msg(rc == 0, "%s", err);
    ran r = emlab("fit %s -k 2 -q -f none -o %s/o2", data, dir);
    ck_assert_str_eq(out, r.out); /* the same fit as from the file */
    ck_assert_msg(strstr(r.err, "emlab fit: data, scripts in ") && strstr(r.err, "/o2/\n"),
                  "where the files went: %s", r.err);
    /* the snapshots on one page too, as Bishop's Figure 9.8 */
    ck_assert_ptr_nonnull(strstr(slurp(path_in(dir, "o2/panel.gp")), "load 'iter_000.gp'"));
    rc = shell(NULL, &err, "printf '1\\n2\\nx\\n' | %s/emlab fit - -k 1 -f none -o %s/o3",
               EMLAB_BUILD, dir);
    ck_assert_int_eq(rc, 1);
    ck_assert_str_eq(err, "emlab fit: standard input:3: column 1: 'x' is not a number\n");
    r = emlab("fit --help");
    ck_assert_ptr_nonnull(strstr(r.out, "- reads standard"));
}
END_TEST

START_TEST(test_devices_folders_and_fifos_are_refused_at_once)
{
    const char *dir = make_tmpdir(), *err;
    char fifo[512];
    snprintf(fifo, sizeof fifo, "%s", path_in(dir, "fifo"));
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    const char *inputs[][2] = {{"/dev/zero", "a device"}, {dir, "a folder"}, {fifo, "a pipe"}};
    for (int i = 0; i < 3; i++) {
        /* timeout: before, /dev/zero ate all memory and a FIFO blocked forever */
        int rc = shell(NULL, &err, "timeout 10 %s/emlab fit %s -k 1 -f none -o %s/o",
                       EMLAB_BUILD, inputs[i][0], dir);
        ck_assert_msg(rc == 1, "%s: exit %d", inputs[i][0], rc);
        ck_assert_msg(strstr(err, "not a regular file") && strstr(err, inputs[i][1]) &&
                          count(err, "\n") == 1, "%s", err);
    }
    int rc = shell(NULL, &err, "timeout 10 %s/emlab fit - -k 1 -f none -o %s/o < /dev/zero",
                   EMLAB_BUILD, dir);
    ck_assert_int_eq(rc, 1);
    ck_assert_str_eq(err, "emlab fit: standard input:1: contains a NUL byte: is this a text file?\n");
}
END_TEST

START_TEST(test_a_utf8_byte_order_mark_is_skipped)
{
    const char *dir = make_tmpdir();
    const char *plain = write_file(dir, "plain.csv", "a,b\n-10.65,2\n3,4\n5,7\n");
    const char *bom = write_file(dir, "bom.csv", "\xef\xbb\xbf" "a,b\n-10.65,2\n3,4\n5,7\n");
    const char *nohead = write_file(dir, "bom2.csv", "\xef\xbb\xbf-10.65,2\n3,4\n5,7\n");
    ran a = emlab("fit %s -k 1 -q -f none -o %s/a", plain, dir);
    ran b = emlab("fit %s -k 1 -q -f none -o %s/b", bom, dir);
    ran c = emlab("fit %s -k 1 -q -f none -o %s/c", nohead, dir);
    ck_assert_msg(a.rc == 0 && b.rc == 0 && c.rc == 0, "%s%s", b.err, c.err);
    ck_assert_str_eq(a.out, b.out);
    ck_assert_str_eq(a.out, c.out);
}
END_TEST

START_TEST(test_column_names_are_drawn_as_written)
{
    const char *dir = make_tmpdir();
    const char *data = write_file(dir, "h.csv", "petal_length,a_b\\input{x}\n1,2\n2,1\n3,5\n"
                                                "4,4\n5,6\n6,5\n");
    ran r = emlab("fit %s -k 1 -q -f none -o %s/o", data, dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    const char *gp = slurp(path_in(dir, "o/iter_000.gp"));
    ck_assert_msg(strstr(gp, "xlabel_text = 'petal\\_length'") &&
                      strstr(gp, "ylabel_text = 'a\\_b\\\\input\\{x\\}'"), "%s", gp);
    r = emlab("fit %s -k 1 -q -f none -o %s/t --format tex", data, dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    gp = slurp(path_in(dir, "t/iter_000.gp"));
    ck_assert_msg(strstr(gp, "xlabel_text = 'petal\\_length'") &&
                      strstr(gp, "ylabel_text = 'a\\_b\\textbackslash{}input\\{x\\}'"), "%s", gp);
}
END_TEST

/* --- 4. the truth about a fit --------------------------------------------- */

/* 31 points in 3 dimensions: two clusters, too few for 8 components. */
static const char *thirty_one_points(const char *dir)
{
    em_gmm m;
    ck_assert_int_eq(em_gmm_alloc(&m, 2, 3), EM_OK);
    for (size_t k = 0; k < 2; k++) {
        m.weight[k] = 0.5;
        for (size_t j = 0; j < 3; j++) {
            m.mean[k * 3 + j] = k ? 6.0 : -2.0 + (double)j;
            m.cov[(k * 3 + j) * 3 + j] = 1.0;
        }
    }
    double x[31 * 3];
    em_rng r;
    em_rng_seed(&r, 3);
    ck_assert_int_eq(em_gmm_sample(&m, &r, 31, x, NULL), EM_OK);
    em_gmm_free(&m);
    char err[256];
    const char *path = path_in(dir, "d31.txt");
    ck_assert_int_eq(em_dataset_write(path, x, 31, 3, NULL, err, sizeof err), EM_OK);
    return path;
}

START_TEST(test_select_never_picks_a_degenerate_fit)
{
    const char *dir = make_tmpdir();
    ran r = emlab("select %s -f none -o %s/s", thirty_one_points(dir), dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    /* K = 8 has 79 parameters for 31 points: marked, never best */
    const char *k8 = strstr(r.out, "\n  8 ");
    ck_assert_ptr_nonnull(k8);
    char line8[256];
    snprintf(line8, sizeof line8, "%.*s", (int)strcspn(k8 + 1, "\n"), k8 + 1);
    ck_assert_msg(strstr(line8, "degenerate, not chosen: component") != NULL, "%s", r.out);
    const char *best = strstr(r.out, "<- best BIC");
    ck_assert_ptr_nonnull(best);
    const char *line = best;
    while (line > r.out && line[-1] != '\n')
        line--;
    ck_assert_msg(atoi(line) <= 3, "best BIC at K = %d:\n%s", atoi(line), r.out);
    ck_assert_msg(count(r.out, "degenerate") >= 3, "%s", r.out);
}
END_TEST

START_TEST(test_fit_names_each_degenerate_component)
{
    const char *dir = make_tmpdir();
    ran r = emlab("fit %s -k 8 -q -f none -o %s/f", thirty_one_points(dir), dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_msg(strstr(r.err, "emlab fit: warning: component ") &&
                      strstr(r.err, "is degenerate: it holds N_") &&
                      strstr(r.err, "fewer than d + 1 = 4"), "%s", r.err);
    /* and a fit the data support says nothing of the kind */
    r = emlab("fit %s -k 2 -q -f none -o %s/g", path_in(dir, "d31.txt"), dir);
    ck_assert_msg(r.rc == 0 && strstr(r.err, "degenerate") == NULL, "%s", r.err);
    /* with restarts, a degenerate fit does not win by its log-likelihood:
     * on iris at K = 6, one start finds a sound fit (l = -131.8) and the
     * second a degenerate one (l = -27.6), which used to be kept */
    r = emlab("fit %s/iris.csv -k 6 -R 5 -q -f none -o %s/h", EMLAB_TEST_DATA, dir);
    ck_assert_msg(r.rc == 0 && strstr(r.err, "degenerate") == NULL, "%s", r.err);
    ck_assert_msg(strstr(r.out, "log-likelihood -131.82"), "%s", r.out);
}
END_TEST

/* The numbers of a parameter file. */
static size_t params(const char *path, double *v, size_t max)
{
    em_gmm m;
    char err[512];
    ck_assert_msg(em_gmm_load(path, &m, err, sizeof err) == EM_OK, "%s", err);
    size_t n = 0, d = m.d;
    for (size_t k = 0; k < m.K; k++) {
        for (size_t j = 0; j < d && n < max; j++)
            v[n++] = m.mean[k * d + j];
        for (size_t j = 0; j < d * d && n < max; j++)
            v[n++] = m.cov[k * d * d + j];
    }
    em_gmm_free(&m);
    return n;
}

START_TEST(test_the_default_floor_scales_with_the_data)
{
    const char *dir = make_tmpdir();
    double unit[300 * 2], small[300 * 2];
    em_rng r;
    em_rng_seed(&r, 8);
    for (size_t i = 0; i < 300; i++)
        for (size_t j = 0; j < 2; j++) {
            unit[i * 2 + j] = (i % 2 ? 4.0 : 0.0) + (j ? 0.5 : 1.0) * em_rng_gauss(&r);
            small[i * 2 + j] = 1e-5 * unit[i * 2 + j];
        }
    char err[256];
    ck_assert_int_eq(em_dataset_write(path_in(dir, "u.txt"), unit, 300, 2, NULL, err,
                                      sizeof err), EM_OK);
    ck_assert_int_eq(em_dataset_write(path_in(dir, "s.txt"), small, 300, 2, NULL, err,
                                      sizeof err), EM_OK);
    ran a = emlab("fit %s/u.txt -k 2 -q -f none -o %s/a --params-out %s/pu.txt", dir, dir, dir);
    ran b = emlab("fit %s/s.txt -k 2 -q -f none -o %s/b --params-out %s/ps.txt", dir, dir, dir);
    ck_assert_msg(a.rc == 0 && b.rc == 0, "%s%s", a.err, b.err);
    /* before: the absolute 1e-6 swamped variances of 1e-10, "collapsed" */
    ck_assert_msg(strstr(b.err, "warning") == NULL, "%s", b.err);
    double pu[12], ps[12];
    ck_assert_uint_eq(params(path_in(dir, "pu.txt"), pu, 12), 12);
    ck_assert_uint_eq(params(path_in(dir, "ps.txt"), ps, 12), 12);
    for (int k = 0; k < 2; k++) {
        for (int j = 0; j < 2; j++) /* means scale by 1e-5 */
            ck_assert_rel(ps[k * 6 + j], 1e-5 * pu[k * 6 + j], 1e-9);
        for (int j = 2; j < 6; j++) /* covariances by 1e-10 */
            ck_assert_rel(ps[k * 6 + j], 1e-10 * pu[k * 6 + j], 1e-9);
    }
    ck_assert_ptr_nonnull(strstr(emlab("fit --help").out, "1e-6 x the smallest column variance"));
}
END_TEST

START_TEST(test_a_model_that_cannot_be_written_back_is_an_error)
{
    /* found by make fuzz-fit: standardised, the fit is fine; scaled back to
     * columns 300 decades apart its covariance is no longer positive
     * definite in doubles. Before: "log-likelihood 0.000000" and a
     * parameter file that could not be read, exit 0. */
    const char *dir = make_tmpdir();
    char data[512];
    snprintf(data, sizeof data, "%s/scales_apart.txt", EMLAB_TEST_DATA);
    ran r = emlab("fit %s -k 1 --init dirichlet --iters 20 --reg 0 --standardize -q -f none "
                  "-o %s/o --params-out %s/p.txt", data, dir, dir);
    expect_cli_error(r, 1, "the columns' scales are too far apart");
    ck_assert_ptr_null(strstr(r.out, "log-likelihood 0.000000"));
    ck_assert_int_eq(access(path_in(dir, "p.txt"), F_OK), -1);
}
END_TEST

START_TEST(test_values_whose_squares_overflow_are_refused_with_a_remedy)
{
    /* before: "the data have no spread in some direction", and for tiny
     * values with --standardize "column 1 is constant" */
    const char *dir = make_tmpdir();
    const char *huge = points_1d(dir, "huge.txt", 50, 1e158);
    const char *tiny = points_1d(dir, "tiny.txt", 50, 1e-168);
    expect_cli_error(emlab("fit %s -k 2 -f none -o %s/a", huge, dir), 1,
                     "their squares, which variances are made of, overflow a double; rescale "
                     "the data (divide by 1e159, say)");
    expect_cli_error(emlab("fit %s -k 2 --standardize -f none -o %s/b", tiny, dir), 1,
                     "underflow a double; rescale the data (multiply by 1e167, say)");
    expect_cli_error(emlab("select %s -f none -o %s/c", huge, dir), 1, "overflow a double");
    ck_assert_int_eq(access(path_in(dir, "a"), F_OK), -1); /* nothing written */
}
END_TEST

START_TEST(test_the_default_floor_spares_a_column_in_small_units)
{
    /* income (~1e4) beside age (~40): a floor of 1e-6 x the *average*
     * variance (384) swamped the age variance, and every fit was degenerate */
    const char *dir = make_tmpdir();
    double x[400 * 2];
    em_rng r;
    em_rng_seed(&r, 12);
    for (size_t i = 0; i < 400; i++) {
        int young = i % 2;
        x[2 * i] = young ? 30000.0 + 5000.0 * em_rng_gauss(&r) : 80000.0 + 10000.0 * em_rng_gauss(&r);
        x[2 * i + 1] = young ? 30.0 + 5.0 * em_rng_gauss(&r) : 50.0 + 8.0 * em_rng_gauss(&r);
    }
    char err[256];
    const char *path = path_in(dir, "inc.txt");
    ck_assert_int_eq(em_dataset_write(path, x, 400, 2, NULL, err, sizeof err), EM_OK);
    ran a = emlab("fit %s -k 2 -q -f none -o %s/a", path, dir);
    ran b = emlab("fit %s -k 2 -q -f none -o %s/b --standardize", path, dir);
    ck_assert_msg(a.rc == 0 && b.rc == 0, "%s%s", a.err, b.err);
    ck_assert_msg(strstr(a.err, "degenerate") == NULL, "%s", a.err);
    double la = atof(strstr(a.out, "log-likelihood ") + 15);
    double lb = atof(strstr(b.out, "log-likelihood ") + 15);
    ck_assert_msg(fabs(la - lb) < 0.01, "%g vs %g with --standardize", la, lb);
    ran s = emlab("select %s --kmax 3 -f none -o %s/s", path, dir);
    ck_assert_msg(s.rc == 0 && strstr(s.out, "<- best BIC"), "%s%s", s.out, s.err);
}
END_TEST

START_TEST(test_select_says_once_what_failed_and_what_works)
{
    const char *dir = make_tmpdir();
    const char *rep = write_file(dir, "rep.txt", "0\n0\n0\n1\n1\n1\n5\n5\n5\n9\n9\n9\n");
    ran r = emlab("select %s --reg 0 -f none -o %s/s", rep, dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    ck_assert_uint_eq(count(r.err, "every restart failed"), 1); /* before: a line for each K */
    ck_assert_uint_eq(count(r.err, "\n"), 2); /* and where the figure went */
    ck_assert_msg(strstr(r.err, "K = 3, 4, 5, 6, 7, 8: every restart failed") &&
                      strstr(r.err, "leave out --reg 0"), "%s", r.err);
    /* with a floor, the advice is a larger one, not the floor in force */
    r = emlab("fit %s -k 4 --reg 1e-9 --init data -q -f none -o %s/f", rep, dir);
    if (r.rc != 0)
        ck_assert_msg(strstr(r.err, "--reg 1e-06") && !strstr(r.err, "--reg 1e-9"), "%s", r.err);
    /* identical points: the floor lets the start begin, and the fit says
     * what it is worth; without a floor, the message says what helps */
    const char *same = write_file(dir, "same.txt", "1 2\n1 2\n1 2\n1 2\n1 2\n");
    r = emlab("fit %s -k 2 -q -f none -o %s/h", same, dir);
    ck_assert_msg(r.rc == 0 && strstr(r.err, "is degenerate"), "%s", r.err);
    expect_cli_error(emlab("fit %s -k 2 --reg 0 -f none -o %s/g", same, dir), 1,
                     "no covariance to begin with; leave out --reg 0");
    /* a constant column: the fit starts (it used to say "no covariance to
     * start from" whatever --reg), select names the column */
    const char *flat = write_file(dir, "flat.txt", "1 7\n2 7\n3 7\n8 7\n9 7\n10 7\n");
    r = emlab("fit %s -k 2 --reg 1 -q -f none -o %s/i", flat, dir);
    ck_assert_msg(r.rc == 0, "%s", r.err);
    expect_cli_error(emlab("select %s --kmax 2 -f none -o %s/j", flat, dir), 1,
                     "column 2 is constant, so no component can have a variance along it");
}
END_TEST

Suite *torture_suite(void)
{
    Suite *s = suite_create("torture");
    TCase *tc = tcase_create("numbers");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_fit_prints_a_variance_of_1e40_whole);
    tcase_add_test(tc, test_fit_of_points_of_order_1e20);
    tcase_add_test(tc, test_small_values_are_not_printed_as_zero);
    tcase_add_test(tc, test_a_50_dimensional_covariance_prints_every_row);
    tcase_add_test(tc, test_params_out_reads_back_bit_for_bit);
    suite_add_tcase(s, tc);
    tc = tcase_create("writing");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_a_full_standard_output_is_an_error);
    tcase_add_test(tc, test_a_full_disk_leaves_no_file);
    tcase_add_test(tc, test_a_planted_symlink_is_not_followed);
    tcase_add_test(tc, test_two_runs_into_one_resp_file_never_mix);
    tcase_add_test(tc, test_a_second_run_into_a_busy_folder_is_refused);
    tcase_add_test(tc, test_an_interrupt_leaves_the_old_files_and_no_temporary);
    tcase_add_test(tc, test_a_shorter_run_removes_its_stale_snapshots);
    tcase_add_test(tc, test_every_snapshot_is_drawn_past_256);
    tcase_add_test(tc, test_a_killed_runs_scratch_folder_is_cleared_by_the_next);
    tcase_add_test(tc, test_a_planted_scratch_link_deletes_nothing);
    tcase_add_test(tc, test_outputs_never_replace_devices_pipes_or_links);
    tcase_add_test(tc, test_an_output_never_overwrites_the_data_or_another_output);
    tcase_add_test(tc, test_a_failed_rename_puts_every_file_back);
    tcase_add_test(tc, test_the_sweep_touches_only_what_the_last_fit_wrote);
    tcase_add_test(tc, test_a_closed_pipe_leaves_no_temporary);
    suite_add_tcase(s, tc);
    tc = tcase_create("inputs");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_dash_reads_standard_input);
    tcase_add_test(tc, test_devices_folders_and_fifos_are_refused_at_once);
    tcase_add_test(tc, test_a_utf8_byte_order_mark_is_skipped);
    tcase_add_test(tc, test_column_names_are_drawn_as_written);
    suite_add_tcase(s, tc);
    tc = tcase_create("truth");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_select_never_picks_a_degenerate_fit);
    tcase_add_test(tc, test_fit_names_each_degenerate_component);
    tcase_add_test(tc, test_the_default_floor_scales_with_the_data);
    tcase_add_test(tc, test_select_says_once_what_failed_and_what_works);
    tcase_add_test(tc, test_the_default_floor_spares_a_column_in_small_units);
    tcase_add_test(tc, test_values_whose_squares_overflow_are_refused_with_a_remedy);
    tcase_add_test(tc, test_a_model_that_cannot_be_written_back_is_an_error);
    tcase_add_test(tc, test_a_run_that_ends_early_leaves_no_new_folder);
    suite_add_tcase(s, tc);
    return s;
}
