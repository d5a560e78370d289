/* check_main.c — runs every suite; exit status 0 only if all pass. */
#include "emlab_test.h"
#include <ftw.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

double rel_err(double got, double want)
{
    if (got == want)
        return 0.0;
    if (want == 0.0)
        return fabs(got);
    return fabs(got - want) / fabs(want);
}

double ulps(double a, double b)
{
    int64_t ia, ib;
    memcpy(&ia, &a, sizeof a);
    memcpy(&ib, &b, sizeof b);
    if ((ia < 0) != (ib < 0))
        return a == b ? 0.0 : INFINITY;
    return fabs((double)(ia - ib));
}

size_t read_numbers(const char *file, double *out, size_t max)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", EMLAB_TEST_DATA, file);
    return read_numbers_at(path, out, max);
}

size_t read_numbers_at(const char *path, double *out, size_t max)
{
    char line[8192];
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s (run the tests from the top folder)", path);
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
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

size_t read_rng_block(const char *header, double *out, size_t max)
{
    char path[512], line[512];
    snprintf(path, sizeof path, "%s/numpy_legacy_rng.txt", EMLAB_TEST_DATA);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    size_t n = 0, hl = strlen(header);
    int inside = 0;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "## ", 3) == 0) {
            inside = strncmp(line + 3, header, hl) == 0;
            continue;
        }
        if (inside && line[0] != '#' && line[0] != '\n' && n < max)
            out[n++] = strtod(line, NULL);
    }
    fclose(f);
    ck_assert_msg(n > 0, "no block '%s' in numpy_legacy_rng.txt", header);
    return n;
}

/* What the helpers hand out lives until the test process exits: the
 * folders (removed) and the strings (freed), so tests never free them. */
static char *tmpdirs[4096]; /* CK_FORK=no (valgrind) runs every test in one process */
static size_t n_tmpdirs;
static void **kept;
static size_t n_kept, cap_kept;

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

static void release_all(void)
{
    for (size_t i = 0; i < n_tmpdirs; i++)
        nftw(tmpdirs[i], remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    n_tmpdirs = 0;
    for (size_t i = 0; i < n_kept; i++)
        free(kept[i]);
    free(kept);
    kept = NULL;
    n_kept = cap_kept = 0;
}

void *keep(void *p)
{
    ck_assert_ptr_nonnull(p);
    if (n_kept == 0 && cap_kept == 0)
        atexit(release_all);
    if (n_kept == cap_kept) {
        cap_kept = cap_kept ? 2 * cap_kept : 64;
        kept = realloc(kept, cap_kept * sizeof *kept);
        ck_assert_ptr_nonnull(kept);
    }
    kept[n_kept++] = p;
    return p;
}

const char *make_tmpdir(void)
{
    char *dir = keep(strdup("/tmp/emlab-test-XXXXXX"));
    ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp failed");
    ck_assert_uint_lt(n_tmpdirs, sizeof tmpdirs / sizeof tmpdirs[0]);
    tmpdirs[n_tmpdirs++] = dir;
    return dir;
}

const char *path_in(const char *dir, const char *name)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = keep(malloc(len));
    snprintf(path, len, "%s/%s", dir, name);
    return path;
}

const char *write_file(const char *dir, const char *name, const char *text)
{
    const char *path = path_in(dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
    return path;
}

const char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = keep(malloc((size_t)n + 1));
    size_t got = fread(s, 1, (size_t)n, f);
    s[got] = '\0';
    fclose(f);
    return s;
}

const char *capture(const char *cmd, int *status)
{
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

/* `sh -c SCRIPT` (a printf format), its exit code; stdout and stderr in
 * *out, *err (kept). */
int shell(const char **out, const char **err, const char *fmt, ...)
{
    const char *dir = make_tmpdir();
    char script[4096], cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(script, sizeof script, fmt, ap);
    va_end(ap);
    write_file(dir, "script.sh", script);
    snprintf(cmd, sizeof cmd, "sh %s/script.sh > %s/out 2> %s/err", dir, dir, dir);
    int st = system(cmd);
    if (out)
        *out = slurp(path_in(dir, "out"));
    if (err)
        *err = slurp(path_in(dir, "err"));
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

ran emlab(const char *fmt, ...)
{
    char args[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    ran r;
    r.rc = shell(&r.out, &r.err, "%s/emlab %s", EMLAB_BUILD, args);
    return r;
}

/* One line on stderr, containing want, and the exit code. */
void expect_cli_error(ran r, int code, const char *want)
{
    ck_assert_msg(r.rc == code, "exit %d, expected %d; stderr: %s", r.rc, code, r.err);
    ck_assert_msg(strstr(r.err, want) != NULL, "stderr '%s' lacks '%s'", r.err, want);
    const char *nl = strchr(r.err, '\n');
    ck_assert_msg(nl && nl[1] == '\0', "more than one line on stderr: %s", r.err);
}

int main(void)
{
    SRunner *sr = srunner_create(rng_suite());
    srunner_add_suite(sr, linalg_suite());
    srunner_add_suite(sr, gauss_suite());
    srunner_add_suite(sr, gmm_suite());
    srunner_add_suite(sr, em_suite());
    srunner_add_suite(sr, init_suite());
    srunner_add_suite(sr, dataset_suite());
    srunner_add_suite(sr, figure_suite());
    srunner_add_suite(sr, chapters_suite());
    srunner_add_suite(sr, workbook_suite());
    srunner_add_suite(sr, emlab_suite());
    srunner_add_suite(sr, pyfmt_suite());
    srunner_add_suite(sr, torture_suite());
    srunner_add_suite(sr, docs_suite());
    srunner_add_suite(sr, lab_suite());
    srunner_add_suite(sr, covtype_suite());
    srunner_add_suite(sr, kmeans_suite());
    srunner_add_suite(sr, lecture_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    int run = srunner_ntests_run(sr);
    srunner_free(sr);
    printf("%d passed, %d failed\n", run - failed, failed);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
