/* one.c — the main of one chapter's check program (check_NN): it runs one
 * blank's check in this very process and, only if the check ran to its
 * end, writes the verdict on file descriptor 3:
 *
 *   check_NN --run NAME   "pass TOKEN", or "fail TOKEN MESSAGE" (one line;
 *                         TOKEN: the runner's, see take_token)
 *
 * A blank that ends the program (exit, abort, a crash, em_blank's "not
 * filled in") therefore leaves no verdict, and the runner, which started
 * this program in its sandbox, says what happened instead. Built with
 * -DCHAPTER_CHECKS=checks_NN, against the workbook's chapter or the
 * reference one. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "exercise.h"

#ifndef CHAPTER_CHECKS
#error "build with -DCHAPTER_CHECKS=checks_NN"
#endif

/* Under AddressSanitizer, let a crash be a crash: the runner names it. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "handle_segv=0:handle_abort=0:detect_leaks=0";
}

void add_blank_check(Suite *s, const char *name, const TTest *test)
{
    TCase *tc = tcase_create(name);
    _tcase_add_test(tc, test, 0, 0, 0, 1);
    suite_add_tcase(s, tc);
}

size_t first_difference(const double *got, const double *want, size_t n, double tol)
{
    for (size_t v = 0; v < n; v++) {
        double scale = fabs(want[v]) > 1.0 ? fabs(want[v]) : 1.0;
        if (!(fabs(got[v] - want[v]) <= tol * scale))
            return v;
    }
    return n;
}

int looks_like(const double *got, const double *wrong, size_t n)
{
    return first_difference(got, wrong, n, 1e-9) == n;
}

/* The run's token (from the runner, in EMLAB_VERDICT_TOKEN), kept here and
 * wiped from the environment before any blank runs: a verdict without it
 * does not count, so writing "pass" somewhere fakes nothing. */
static char token[80];

static void take_token(void)
{
    char *t = getenv("EMLAB_VERDICT_TOKEN");
    if (t) {
        snprintf(token, sizeof token, "%s", t);
        memset(t, 0, strlen(t)); /* gone from /proc/self/environ too */
    }
    unsetenv("EMLAB_VERDICT_TOKEN");
}

/* The verdict, on its own channel, as one line: the word, the token, the
 * message. */
static int verdict(int fd, const char *word, const char *msg)
{
    char line[4096];
    int n = snprintf(line, sizeof line, "%s %s%s%s", word, token, msg ? " " : "", msg ? msg : "");
    for (char *c = line; *c; c++)
        if (*c == '\n')
            *c = ' ';
    if (n >= (int)sizeof line)
        n = (int)sizeof line - 1;
    line[n] = '\n';
    return write(fd, line, (size_t)n + 1) == n + 1 ? 0 : 2;
}

int main(int argc, char **argv)
{
    Suite *s = suite_create("workbook");
    CHAPTER_CHECKS(s);
    if (argc != 3 || strcmp(argv[1], "--run") != 0) {
        fprintf(stderr, "usage: %s --run NAME\n", argv[0]);
        return 2;
    }
    take_token();
    /* the verdict's channel, moved out of the way of the blank's code */
    int fd = fcntl(3, F_DUPFD_CLOEXEC, 100);
    close(3);
    if (fd < 0)
        return 2;
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run(sr, "workbook", argv[2], CK_SILENT);
    int rc;
    if (srunner_ntests_run(sr) != 1) {
        rc = verdict(fd, "fail", "no check of that name");
    } else {
        TestResult **all = srunner_results(sr);
        rc = tr_rtype(all[0]) == CK_PASS ? verdict(fd, "pass", NULL)
                                         : verdict(fd, "fail", tr_msg(all[0]));
        free(all);
    }
    srunner_free(sr);
    close(fd);
    return rc;
}
