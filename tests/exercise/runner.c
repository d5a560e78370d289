/* runner.c — the student's side of the workbook: check the blanks, show
 * progress, give hints.
 *
 *   exercise --all             every blank in course order, stop at the first not done
 *   exercise --blank NAME      one blank
 *   exercise --progress        every blank, a line each
 *   exercise --hint NAME DIR   the next hint for NAME (the tier is kept in DIR)
 *   exercise --list            the blanks in course order
 *
 * Each check runs in a child process (Check's fork mode) with a time limit,
 * so whatever is typed into a blank, a crash or an endless loop is reported
 * and the runner goes on.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "exercise.h"

#ifndef WORKBOOK_DIR
#define WORKBOOK_DIR "workbook"
#endif

/* Under AddressSanitizer, let a segmentation fault be one (see crashed()). */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "handle_segv=0:handle_abort=0:detect_leaks=0";
}

typedef struct {
    const char *name, *chapter;
    const char *hint[3]; /* a nudge, more, the formula */
} blank;

static const blank blanks[] = {
    {"choose_component", "01_sampling",
     {"Walk through the components in order and stop at the first whose cumulative weight "
      "is above z.",
      "cum[k] = pi_0 + ... + pi_k. Return the first k (counting from 0) with z < cum[k]; if "
      "there is none, keep index = K - 1.",
      "index = min { k : z < cum_k }   (for k = 0 .. K-1: if z < cum[k], that is it)"}},
    {"responsibility", "02_responsibilities",
     {"A responsibility is a share: component k's weighted density at x_i, out of all the "
      "components' weighted densities there.",
      "Compute pi_j N(x_i | mu_j, sigma_j^2) for every j and add them up; divide component "
      "k's by that total. em_normal_pdf(x, mu, sigma) takes the standard deviation, "
      "sigma = sqrt(variance).",
      "gamma = pi_k N(x_i | mu_k, sigma_k^2) / sum_j pi_j N(x_i | mu_j, sigma_j^2)"}},
    {"e_step", "04_em_fill_in",
     {"For each point, compute the numerator pi_k N(x_i | mu_k, sigma_k^2) for every "
      "component, then make the point's row add up to 1.",
      "gamma[i*K + k] is point i, component k. Fill the row with the numerators "
      "(em_normal_pdf(x[i], mu[k], sigma[k])), sum them, divide each by the sum.",
      "gamma_ik = pi_k N(x_i | mu_k, sigma_k^2) / sum_j pi_j N(x_i | mu_j, sigma_j^2)"}},
    {"m_step_mu", "04_em_fill_in",
     {"The new mean is a weighted average of the points, each weighted by how much "
      "component k claims it.",
      "Sum gamma_ik x_i over the points, then divide by N_k (not by N).",
      "mu_k = (1 / N_k) sum_i gamma_ik x_i"}},
    {"m_step_sigma", "04_em_fill_in",
     {"A weighted standard deviation, around the new mean mu_k.",
      "Sum gamma_ik (x_i - mu_k)^2, divide by N_k, and take the square root: the function "
      "returns sigma, not the variance.",
      "sigma_k = sqrt( (1 / N_k) sum_i gamma_ik (x_i - mu_k)^2 )"}},
    {"m_step_pi", "04_em_fill_in",
     {"What share of all the points does component k own?",
      "N_k counts component k's points (fractionally); N is the number of all points.",
      "pi_k = N_k / N"}},
    {"log_likelihood", "04_em_fill_in",
     {"For each point: its probability under the whole mixture, then the log of it; then "
      "add up over the points.",
      "p(x_i) = sum_k pi_k N(x_i | mu_k, sigma_k^2). Add log p(x_i) over i: the log of a sum "
      "over components, inside a sum over points.",
      "log L = sum_i log( sum_k pi_k N(x_i | mu_k, sigma_k^2) )"}},
    {"covariance", "05_em_2d",
     {"Like the 1D variance, but each point adds a 2 x 2 matrix: the outer product of its "
      "deviation with itself.",
      "For each point the deviation d = x_i - mu_k from the NEW mean mu_k (m->mean still "
      "holds the old one); add gamma_ik d_j d_l to Sigma_k[j*D + l]; divide by N_k.",
      "Sigma_k = (1 / N_k) sum_i gamma_ik (x_i - mu_k)(x_i - mu_k)^T"}},
};
enum { N_BLANKS = sizeof blanks / sizeof blanks[0] };

/* --- the checks ------------------------------------------------------- */

/* In the child that runs a check: a blank's own messages (em_blank's) would
 * only repeat what the runner says. */
static void quiet_child(void)
{
    if (!freopen("/dev/null", "w", stderr))
        return;
}

void add_blank_check(Suite *s, const char *name, const TTest *test)
{
    TCase *tc = tcase_create(name);
    tcase_set_timeout(tc, 3);
    tcase_add_checked_fixture(tc, quiet_child, NULL);
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

typedef enum { DONE, TODO, FAILED } outcome;

/* What a check's error message means to a student. */
static const char *explain_error(const char *msg, char *buf, size_t size)
{
    int code;
    if (sscanf(msg, "Early exit with return value %d", &code) == 1) {
        if (code == EM_BLANK_EXIT)
            return "not filled in yet";
        snprintf(buf, size, "stopped the program (exit status %d): no exit() in a blank", code);
        return buf;
    }
    if (strstr(msg, "timeout"))
        return "timed out: is there a loop that never ends?";
    if (strstr(msg, "signal 11") || strstr(msg, "Segmentation"))
        return "crashed (segmentation fault): check your array indices";
    if (strstr(msg, "signal 8") || strstr(msg, "Floating"))
        return "crashed (floating-point exception): an integer division by zero?";
    if (strstr(msg, "signal 6") || strstr(msg, "Aborted"))
        return "crashed (aborted): an index out of bounds, or a failed assertion?";
    snprintf(buf, size, "crashed (%s)", msg);
    return buf;
}

/* Run the check of one blank; message in msg. */
static outcome run_check(const blank *b, char *msg, size_t size)
{
    Suite *s = suite_create("workbook");
    checks_01(s);
    checks_02(s);
    checks_04(s);
    checks_05(s);
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_FORK);
    srunner_run(sr, "workbook", b->name, CK_SILENT);
    outcome o = FAILED;
    if (srunner_ntests_run(sr) != 1) {
        snprintf(msg, size, "no check named %s", b->name);
    } else {
        TestResult **all = srunner_results(sr); /* the array is ours to free */
        TestResult *tr = all[0];
        char buf[256];
        if (tr_rtype(tr) == CK_PASS) {
            o = DONE;
            msg[0] = '\0';
        } else if (tr_rtype(tr) == CK_ERROR) {
            const char *e = explain_error(tr_msg(tr), buf, sizeof buf);
            o = strcmp(e, "not filled in yet") == 0 ? TODO : FAILED;
            snprintf(msg, size, "%s", e);
        } else {
            snprintf(msg, size, "%s", tr_msg(tr));
        }
        free(all);
    }
    srunner_free(sr);
    return o;
}

/* --- what the student sees ------------------------------------------------ */

static const blank *find(const char *name)
{
    for (size_t i = 0; i < N_BLANKS; i++)
        if (strcmp(blanks[i].name, name) == 0)
            return &blanks[i];
    fprintf(stderr, "exercise: no blank named '%s'; the blanks are:", name);
    for (size_t i = 0; i < N_BLANKS; i++)
        fprintf(stderr, " %s", blanks[i].name);
    fprintf(stderr, "\n");
    return NULL;
}

static outcome report(const blank *b)
{
    char msg[2048];
    outcome o = run_check(b, msg, sizeof msg);
    static const char *tag[3] = {"done", "todo", "FAIL"};
    printf("  [%s] %-17s (chapter %.2s)%s%s\n", tag[o], b->name, b->chapter,
           o == DONE ? "" : ": ", msg);
    if (o == TODO)
        printf("         write it in %s/chapters/%s.c, then: make check-exercise B=%s\n",
               WORKBOOK_DIR, b->chapter, b->name);
    if (o == FAILED)
        printf("         Hint: %s\n         (more: make hint B=%s)\n", b->hint[0], b->name);
    return o;
}

static int cmd_all(int stop_at_first)
{
    size_t done = 0;
    int stopped = 0;
    for (size_t i = 0; i < N_BLANKS && !stopped; i++) {
        outcome o = report(&blanks[i]);
        done += o == DONE;
        stopped = stop_at_first && o != DONE;
    }
    if (stopped)
        printf("%zu/%d blanks done. Fix the one above, then run make exercise again.\n", done,
               N_BLANKS);
    else if (!stop_at_first) {
        /* progress: count all */
        printf("%zu/%d blanks done.\n", done, N_BLANKS);
    } else
        printf("%d/%d blanks done: every blank is right. make figures STUDENT=1 draws chapters "
               "04 and 05 with your code.\n", N_BLANKS, N_BLANKS);
    return done == N_BLANKS ? 0 : 1;
}

static int cmd_hint(const char *name, const char *dir)
{
    const blank *b = find(name);
    if (!b)
        return 2;
    char path[1024];
    mkdir(dir, 0777);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int tier = 0;
    FILE *f = fopen(path, "r");
    if (f) {
        if (fscanf(f, "%d", &tier) != 1)
            tier = 0;
        fclose(f);
    }
    if (tier < 0 || tier > 2)
        tier = tier < 0 ? 0 : 2;
    printf("Hint %d of 3 for %s (chapter %.2s):\n  %s\n", tier + 1, name, b->chapter,
           b->hint[tier]);
    if (tier < 2)
        printf("(make hint B=%s again for the next one)\n", name);
    f = fopen(path, "w");
    if (f) {
        fprintf(f, "%d\n", tier < 2 ? tier + 1 : 2);
        fclose(f);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--all") == 0)
        return cmd_all(1);
    if (argc == 2 && strcmp(argv[1], "--progress") == 0) {
        cmd_all(0);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--blank") == 0) {
        const blank *b = find(argv[2]);
        return b ? (report(b) == DONE ? 0 : 1) : 2;
    }
    if (argc == 4 && strcmp(argv[1], "--hint") == 0)
        return cmd_hint(argv[2], argv[3]);
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (size_t i = 0; i < N_BLANKS; i++)
            printf("%s\n", blanks[i].name);
        return 0;
    }
    fprintf(stderr, "usage: exercise --all | --progress | --blank NAME | --hint NAME DIR | "
                    "--list\n");
    return 2;
}
