/* check_main.c — runs every suite; exit status 0 only if all pass. */
#include "emlab_test.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    char path[512], line[8192];
    snprintf(path, sizeof path, "%s/%s", EMLAB_TEST_DATA, file);
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

char *make_tmpdir(void)
{
    char *dir = strdup("/tmp/emlab-test-XXXXXX");
    ck_assert_ptr_nonnull(dir);
    ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp failed");
    return dir;
}

char *write_file(const char *dir, const char *name, const char *text)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    ck_assert_ptr_nonnull(path);
    snprintf(path, len, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
    return path;
}

char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) == (size_t)n)
        s[n] = '\0';
    else {
        free(s);
        s = NULL;
    }
    fclose(f);
    return s;
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
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    int run = srunner_ntests_run(sr);
    srunner_free(sr);
    printf("%d passed, %d failed\n", run - failed, failed);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
