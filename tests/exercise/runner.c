/* runner.c — the student's side of the workbook: check the blanks, show
 * progress, give hints.
 *
 *   exercise --all             every blank in course order, shown up to the first
 *                              not done, all of them counted
 *   exercise --blank NAME [--next]  one blank; after a pass, the next one open
 *   exercise --progress        every blank, a line each
 *   exercise --hint NAME [DIR] the next hint for NAME (the tier seen kept in DIR)
 *   exercise --list            the blanks in course order
 *   exercise --watch [--rebuild CMD]  the current blank, checked again at every save
 *   exercise --grade DIR       every blank; DIR/results.json (Gradescope) and
 *                              DIR/blanks.tsv for the class's grades
 *   --hints DIR                (with any) where the hints seen are kept
 *   --checks DIR, --chapters DIR  the check programs and the student's chapters,
 *                              if not where they were built
 *
 * Each check is its chapter's check program (one.c), run in a sandbox
 * (sandbox.c) under limits, so whatever is typed into a blank (a crash, an
 * endless loop, exit(), forks, kill(getppid())) is reported and the runner
 * goes on. A chapter that does not compile is reported under its own
 * blanks.
 */
#define _GNU_SOURCE /* strsignal */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "sandbox.h"

#ifndef WORKBOOK_DIR
#define WORKBOOK_DIR "workbook"
#endif
#ifndef CHECKS_DIR
#define CHECKS_DIR "build/workbook"
#endif
#ifndef CHAPTERS_DIR
#define CHAPTERS_DIR WORKBOOK_DIR "/chapters"
#endif

/* Where the check programs and the student's chapters are: as built, or
 * as --checks and --chapters say. */
static const char *checks_dir = CHECKS_DIR, *chapters_dir = CHAPTERS_DIR;

typedef struct {
    const char *name, *chapter;
    const char *hint[3]; /* a nudge, more, the formula */
} blank;

static const blank blanks[] = {
    {"choose_component", "01_sampling",
     {"Walk through the components in order and stop at the first whose cumulative weight "
      "is above z.",
      "cum[k] = π₀ + … + π_k. Return the first k (counting from 0) with z < cum[k]; if "
      "there is none, keep index = K − 1.",
      "index = min { k : z < cum_k }   (for k = 0 … K−1: the first k with z < cum[k])"}},
    {"responsibility", "02_responsibilities",
     {"A responsibility is a share: component k's weighted density at x_i, out of all the "
      "components' weighted densities there.",
      "Compute π_j N(x_i | μ_j, σ_j²) for every j and add them up; divide component k's by "
      "that total. em_normal_pdf(x, mu, sigma) takes the standard deviation, "
      "σ = √variance.",
      "γ = π_k N(x_i | μ_k, σ_k²) / Σ_j π_j N(x_i | μ_j, σ_j²)"}},
    {"e_step", "04_em_fill_in",
     {"For each point, compute the numerator π_k N(x_i | μ_k, σ_k²) for every component, "
      "then make the point's row add up to 1.",
      "gamma[i*K + k] is point i, component k. Fill the row with the numerators "
      "(em_normal_pdf(x[i], mu[k], sigma[k])), sum them, divide each by the sum.",
      "γ_ik = π_k N(x_i | μ_k, σ_k²) / Σ_j π_j N(x_i | μ_j, σ_j²)"}},
    {"m_step_mu", "04_em_fill_in",
     {"The new mean is a weighted average of the points, each weighted by how much "
      "component k claims it.",
      "Sum γ_ik x_i over the points, then divide by N_k (not by N).",
      "μ_k = (1/N_k) Σ_i γ_ik x_i"}},
    {"m_step_sigma", "04_em_fill_in",
     {"A weighted standard deviation, around the new mean μ_k.",
      "Sum γ_ik (x_i − μ_k)², divide by N_k, and take the square root: the function "
      "returns σ, not the variance.",
      "σ_k = √( (1/N_k) Σ_i γ_ik (x_i − μ_k)² )"}},
    {"m_step_pi", "04_em_fill_in",
     {"What share of all the points does component k own?",
      "N_k counts component k's points (fractionally); N is the number of all points.",
      "π_k = N_k / N"}},
    {"log_likelihood", "04_em_fill_in",
     {"For each point: its probability under the whole mixture, then the log of it; then "
      "add up over the points.",
      "p(x_i) = Σ_k π_k N(x_i | μ_k, σ_k²). Add log p(x_i) over i: the log of a sum over "
      "components, inside a sum over points.",
      "log L = Σ_i log( Σ_k π_k N(x_i | μ_k, σ_k²) )"}},
    {"covariance", "05_em_2d",
     {"Like the 1D variance, but each point adds a 2 × 2 matrix: the outer product of its "
      "deviation with itself.",
      "For each point the deviation d = x_i − μ_k from the NEW mean μ_k (m->mean still "
      "holds the old one); add γ_ik d_j d_l to Sigma_k[j*D + l]; divide by N_k.",
      "Σ_k = (1/N_k) Σ_i γ_ik (x_i − μ_k)(x_i − μ_k)ᵀ"}},
    {"assignment", "07_kmeans_and_em",
     {"k-means' E-step with hard answers: each point joins the cluster of its nearest centre.",
      "For every k, add (x_ij − μ_kj)² over the coordinates j; keep the k with the smallest "
      "sum in nearest (start best at INFINITY, and change it only when a centre is strictly "
      "nearer, so that a tie goes to the lower k).",
      "c_i = argmin_k ‖x_i − μ_k‖² = argmin_k Σ_j (x_ij − μ_kj)²"}},
    {"centre_update", "07_kmeans_and_em",
     {"k-means' M-step: each centre moves to the mean of the points in its cluster.",
      "For each k: add up the points with c[i] == k and count them (n_k); divide the sum by "
      "n_k. A cluster with no points keeps its centre: divide only when n_k > 0.",
      "μ_k = (1/n_k) Σ_{i: c_i = k} x_i"}},
    {"bound", "11_why_em_works",
     {"The lower bound is the log of the joint π_k N(x_i | μ_k, σ_k²), minus ln q_ik, averaged "
      "with the weights q_ik, and added up over the points.",
      "For every point i and component k with q_ik > 0: add q_ik (ln π_k + "
      "em_normal_logpdf(x[i], mu[k], SIGMA[k]) − ln q_ik). A term with q_ik = 0 adds nothing "
      "(0 ln 0 = 0): skip it.",
      "L(q, θ) = Σ_i Σ_k q_ik ln( π_k N(x_i | μ_k, σ_k²) / q_ik )"}},
};
enum { N_BLANKS = sizeof blanks / sizeof blanks[0] };

/* --- the checks ------------------------------------------------------- */

typedef enum { DONE, TODO, FAILED } outcome;

/* The check program of a blank's chapter: CHECKS_DIR/check_NN. */
static void check_path(const blank *b, const char *ext, char *path, size_t size)
{
    snprintf(path, size, "%s/check_%.2s%s", checks_dir, b->chapter, ext);
}

/* Up to `most` lines of the compiler's log for the chapter that mention
 * `kind` ("error" or "warning") in the student's file, into msg. Returns
 * how many there were. */
static size_t compiler_lines(const blank *b, const char *kind, size_t most, char *msg,
                             size_t size)
{
    char path[1024], file[256], line[2048], tag[32];
    check_path(b, ".log", path, sizeof path);
    snprintf(file, sizeof file, "chapters/%s.c:", b->chapter); /* the chapter, wherever it is */
    snprintf(tag, sizeof tag, " %s: ", kind);
    FILE *f = fopen(path, "r");
    size_t n = 0, len = strlen(msg);
    while (f && fgets(line, sizeof line, f))
        if (strstr(line, file) && strstr(line, tag) && !strstr(line, "In file included")) {
            if (n++ < most && len + strlen(line) + 10 < size)
                len += (size_t)snprintf(msg + len, size - len, "         %s", line);
        }
    if (f)
        fclose(f);
    return n;
}

/* How a check that left no verdict ended, for a student. */
static outcome ended_early(const sb_result *r, char *msg, size_t size)
{
    switch (r->end) {
    case SB_EXITED:
        if (r->code == EM_BLANK_EXIT) {
            snprintf(msg, size, "not filled in yet");
            return TODO;
        }
        snprintf(msg, size, "your code called exit() (status %d): a blank must compute its "
                 "result and go on, not end the program", r->code);
        return FAILED;
    case SB_TIMEOUT:
        snprintf(msg, size, "timed out (%.0f s): is there a loop that never ends?",
                 sb_default_limits().wall_s);
        return FAILED;
    case SB_GUARD:
        snprintf(msg, size, "your code stopped or killed the process that ran it (kill(getppid(), ...)?)");
        return FAILED;
    case SB_NOSTART:
        snprintf(msg, size, "the check could not start: run make again");
        return FAILED;
    case SB_SIGNALED:
        break;
    }
    const char *what = r->code == SIGSEGV  ? "segmentation fault): check your array indices"
                       : r->code == SIGFPE ? "floating-point exception): an integer division by "
                                             "zero?"
                       : r->code == SIGABRT ? "aborted): an index out of bounds, a failed "
                                              "assertion, or out of memory (1 GiB)?"
                       : r->code == SIGBUS ? "bus error)"
                       : r->code == SIGKILL ? "killed): too much memory or too many processes?"
                       : r->code == SIGXFSZ ? "wrote a file over the size limit)"
                                            : NULL;
    if (what)
        snprintf(msg, size, "crashed (%s", what);
    else
        snprintf(msg, size, "crashed (signal %d: %s)", r->code, strsignal(r->code));
    return FAILED;
}

/* Up to 10 lines of what the blank printed, under the message. */
static void printed(const sb_result *r, char *msg, size_t size)
{
    size_t len = strlen(msg), lines = 0;
    const char *p = r->out;
    if (!*p)
        return;
    len += (size_t)snprintf(msg + len, size - len, "\n         It printed:");
    while (*p && lines < 10 && len + 12 < size) {
        const char *nl = strchr(p, '\n');
        int n = nl ? (int)(nl - p) : (int)strlen(p);
        len += (size_t)snprintf(msg + len, size - len, "\n           %.*s", n > 200 ? 200 : n, p);
        p += n + (nl ? 1 : 0);
        lines++;
    }
    if (*p || r->out_truncated)
        snprintf(msg + len, size - len, "\n           ... (more%s)",
                 r->out_truncated ? "; output is cut at 1 MB" : "");
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path); /* best effort: go on whatever is left */
    return 0;
}

/* Remove a folder and everything in it (not following links). */
static void remove_tree(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Scratch folders of runs that were killed before they removed them (a
 * check lasts seconds: ten minutes old is stale). */
static void sweep_stale_scratch(void)
{
    DIR *d = opendir("/tmp");
    struct dirent *e;
    char path[512];
    struct stat st;
    while (d && (e = readdir(d)))
        if (strncmp(e->d_name, "emlab-check.", 12) == 0) {
            snprintf(path, sizeof path, "/tmp/%s", e->d_name);
            if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid() &&
                time(NULL) - st.st_mtime > 600)
                remove_tree(path);
        }
    if (d)
        closedir(d);
}

/* Run the check of one blank in its sandbox; the message in msg, and in
 * *verdict (if not NULL) whether it is the check's own (a wrong value). */
static outcome run_check_v(const blank *b, char *msg, size_t size, int *verdict)
{
    int dummy;
    if (!verdict)
        verdict = &dummy;
    *verdict = 0;
    char path[1024], name[64];
    check_path(b, "", path, sizeof path);
    msg[0] = '\0';
    if (access(path, X_OK) != 0) { /* the chapter did not compile */
        snprintf(msg, size, "chapter %.2s does not compile:\n", b->chapter);
        if (compiler_lines(b, "error", 8, msg, size) == 0) { /* no line of the student's file */
            char log[1100], line[512];
            snprintf(log, sizeof log, "%s.log", path);
            FILE *f = fopen(log, "r");
            int shown = 0;
            while (f && shown < 3 && fgets(line, sizeof line, f))
                if (strstr(line, "error") || strstr(line, "memory") || strstr(line, "fatal")) {
                    snprintf(msg + strlen(msg), size - strlen(msg), "         %s", line);
                    shown++;
                }
            if (f)
                fclose(f);
            snprintf(msg + strlen(msg), size - strlen(msg), "         (all of it: %s)\n", log);
        }
        msg[strlen(msg) - 1] = '\0';
        return FAILED;
    }
    snprintf(name, sizeof name, "%s", b->name);
    char *argv[] = {path, "--run", name, NULL};
    sb_limits lim = sb_default_limits();
    sb_result r;
    /* a scratch folder of its own to run in, gone afterwards: what the
     * blank writes (by a relative name) lands there */
    char scratch[] = "/tmp/emlab-check.XXXXXX";
    lim.dir = mkdtemp(scratch);
    /* a token for this run: the check program takes it before the blank
     * runs, and a verdict counts only with it */
    char token[40], pass[64], fail[64];
    unsigned char raw[16] = {0};
    FILE *u = fopen("/dev/urandom", "r");
    if (!u || fread(raw, 1, sizeof raw, u) != sizeof raw)
        snprintf((char *)raw, sizeof raw, "%ld", (long)time(NULL) ^ (long)getpid());
    if (u)
        fclose(u);
    for (int i = 0; i < 16; i++)
        snprintf(token + 2 * i, 3, "%02x", raw[i]);
    snprintf(pass, sizeof pass, "pass %s\n", token);
    snprintf(fail, sizeof fail, "fail %s ", token);
    setenv("EMLAB_VERDICT_TOKEN", token, 1);
    int failed = sb_run(argv, &lim, &r) != 0;
    unsetenv("EMLAB_VERDICT_TOKEN");
    if (lim.dir)
        remove_tree(scratch);
    if (failed) {
        snprintf(msg, size, "the check could not be run: %s", strerror(errno));
        sb_free(&r);
        return FAILED;
    }
    outcome o;
    size_t fl = strlen(fail);
    if (strcmp(r.verdict, pass) == 0 && r.end == SB_EXITED && r.code == 0) {
        o = DONE;
    } else if (strncmp(r.verdict, fail, fl) == 0 && r.end == SB_EXITED) {
        o = FAILED;
        *verdict = 1;
        snprintf(msg, size, "%.*s", (int)strcspn(r.verdict + fl, "\n"), r.verdict + fl);
    } else {
        o = ended_early(&r, msg, size);
    }
    if (o == FAILED)
        printed(&r, msg, size);
    sb_free(&r);
    return o;
}

static outcome run_check(const blank *b, char *msg, size_t size)
{
    return run_check_v(b, msg, size, NULL);
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

/* The hint tier a student has seen of blank b (0: none), kept in the
 * hints folder (none given: nothing is kept). */
static int hint_seen(const char *hints, const blank *b)
{
    char path[1024];
    int tier = 0;
    if (!hints)
        return 0;
    snprintf(path, sizeof path, "%s/%s", hints, b->name);
    FILE *f = fopen(path, "r");
    if (f) {
        if (fscanf(f, "%d", &tier) != 1)
            tier = 0;
        fclose(f);
    }
    return tier < 0 ? 0 : tier > 3 ? 3 : tier;
}

static void hint_note(const char *hints, const blank *b, int tier)
{
    char path[1024];
    if (!hints)
        return;
    mkdir(hints, 0777);
    snprintf(path, sizeof path, "%s/%s", hints, b->name);
    FILE *f = fopen(path, "w");
    if (f) {
        fprintf(f, "%d\n", tier);
        fclose(f);
    }
}

/* Check blank b and say how it stands; a failure shows the first hint
 * (and notes it as seen, so that make hint goes on from the second). */
static void show(const blank *b, outcome o, const char *msg, const char *hints);

static outcome report(const blank *b, const char *hints)
{
    char msg[4096];
    outcome o = run_check(b, msg, sizeof msg);
    show(b, o, msg, hints);
    return o;
}

static int watching; /* in make watch: it checks again by itself */

static void show(const blank *b, outcome o, const char *msg, const char *hints)
{
    char warn[2048] = "";
    static const char *tag[3] = {"done", "todo", "FAIL"};
    int no_build = strstr(msg, "does not compile") != NULL;
    printf("  [%s] %-17s (chapter %.2s)%s%s\n", tag[o], b->name, b->chapter,
           o == DONE ? "" : ": ", msg);
    /* the compiler's warnings about the student's file, at every check
     * (not after an error: they are often its echo) */
    if (!no_build && compiler_lines(b, "warning", 5, warn, sizeof warn))
        printf("         The compiler warns about your code:\n%s", warn);
    if (o == TODO && !watching)
        printf("         write it in %s/chapters/%s.c, then: make check-exercise B=%s\n",
               WORKBOOK_DIR, b->chapter, b->name);
    if (o == FAILED && !no_build) { /* a hint is about the mathematics, not the syntax */
        int seen = hint_seen(hints, b);
        printf("         Hint: %s\n", b->hint[0]);
        if (seen < 3)
            printf("         (more: make hint B=%s)\n", b->name);
        if (seen < 1)
            hint_note(hints, b, 1);
    }
}

/* Every blank checked, in course order; shown up to the first that is not
 * done (stop_at_first) or all of them. The count is of all the blanks, so
 * make exercise and make progress agree. */
static int cmd_all(int stop_at_first, const char *hints)
{
    size_t done = 0, first_open = N_BLANKS;
    char msg[4096];
    for (size_t i = 0; i < N_BLANKS; i++) {
        outcome o;
        if (!stop_at_first || first_open == N_BLANKS)
            o = report(&blanks[i], hints);
        else
            o = run_check(&blanks[i], msg, sizeof msg); /* counted, not shown */
        done += o == DONE;
        if (o != DONE && first_open == N_BLANKS)
            first_open = i;
    }
    if (done == N_BLANKS)
        printf("%d/%d blanks done: every blank is right.\n", N_BLANKS, N_BLANKS);
    else if (stop_at_first)
        printf("%zu/%d blanks done. Work on %s (above), then run make exercise again.\n", done,
               N_BLANKS, blanks[first_open].name);
    else
        printf("%zu/%d blanks done.\n", done, N_BLANKS);
    return done == N_BLANKS ? 0 : 1;
}

/* One blank; after a pass, the next one still open (with --next). */
static int cmd_blank(const blank *b, const char *hints, int next)
{
    outcome o = report(b, hints);
    if (o != DONE || !next)
        return o == DONE ? 0 : 1;
    char msg[4096];
    for (size_t i = 0; i < N_BLANKS; i++)
        if (&blanks[i] != b && run_check(&blanks[i], msg, sizeof msg) != DONE) {
            printf("Next: %s (chapter %.2s): make check-exercise B=%s\n", blanks[i].name,
                   blanks[i].chapter, blanks[i].name);
            return 0;
        }
    printf("That was the last one: every blank is right. make exercise compares your chapters "
           "with the course's.\n");
    return 0;
}

/* The next hint for a blank: three tiers (a nudge, more, the formula);
 * asked again after the last, the last again, said to be the last. */
static int cmd_hint(const char *name, const char *hints)
{
    const blank *b = find(name);
    if (!b)
        return 2;
    int seen = hint_seen(hints, b), tier = seen < 3 ? seen : 2;
    printf("Hint %d of 3 for %s (chapter %.2s):\n  %s\n", tier + 1, name, b->chapter,
           b->hint[tier]);
    if (tier < 2)
        printf("(make hint B=%s again for the next one)\n", name);
    else
        printf("(that is the last hint: the formula itself. Write it in %s/chapters/%s.c)\n",
               WORKBOOK_DIR, b->chapter);
    hint_note(hints, b, tier + 1);
    return 0;
}

/* --- grading: one submission's results ---------------------------------- */

/* The classic mistake a failure message names, in a few words: after
 * "expected VALUE. ", up to the first ':', ';' or " ("; for a failure that
 * is not a wrong value (a crash, a timeout, exit()), its first words. */
static void mistake_of(const char *msg, int from_check, char *out, size_t size)
{
    if (from_check) { /* "... expected VALUE. the mistake: how to fix it" */
        const char *at = strstr(msg, "expected "), *p = at ? strstr(at, ". ") : NULL;
        if (!p) {
            out[0] = '\0'; /* a wrong value, no mistake named */
            return;
        }
        p += 2;
        size_t n = strcspn(p, ":;\n");
        const char *paren = strstr(p, " (");
        if (paren && (size_t)(paren - p) < n)
            n = (size_t)(paren - p);
        snprintf(out, size, "%.*s", (int)n, p);
        return;
    }
    size_t n = strcspn(msg, ":;\n"); /* a crash, a timeout, exit(), no build */
    if (strncmp(msg, "crashed (", 9) == 0 && strchr(msg, ')'))
        n = (size_t)(strchr(msg, ')') - msg) + 1;
    else if (strstr(msg, " (") && (size_t)(strstr(msg, " (") - msg) < n)
        n = (size_t)(strstr(msg, " (") - msg);
    snprintf(out, size, "%.*s", (int)n, msg);
}

/* The length of the valid UTF-8 character at s (1 to 4), or 0 if the
 * bytes there are not one (JSON readers refuse them). */
static int utf8_length(const unsigned char *s)
{
    unsigned char c = s[0], d = s[1];
    int n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n == 0 || (d & 0xc0) != 0x80 || (c == 0xe0 && d < 0xa0) || (c == 0xed && d > 0x9f) ||
        (c == 0xf0 && d < 0x90) || (c == 0xf4 && d > 0x8f))
        return 0;
    for (int i = 2; i < n; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    return n;
}

/* s as a JSON string's contents: escaped, and valid UTF-8 (a byte that is
 * not part of a character, as a line cut in the middle of one leaves,
 * becomes U+FFFD). */
static void json_text(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n;
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p++);
        else if (*p == '\n')
            fputs("\\n", f), p++;
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(f, "\\u%04x", *p++);
        else if (*p < 0x80)
            fputc(*p++, f);
        else if ((n = utf8_length(p)) > 0)
            fwrite(p, 1, (size_t)n, f), p += n;
        else
            fputs("\\ufffd", f), p++;
    }
}

/* Every blank checked, the results written into DIR: results.json in
 * Gradescope's autograder format (a test per blank, 1 point each, its
 * message as output) and blanks.tsv (blank, score, state, mistake,
 * message), for the class's grades. Exit 0 if every blank was checked. */
static int cmd_grade(const char *dir)
{
    char path[1024], msg[4096], why[256];
    snprintf(path, sizeof path, "%s/results.json", dir);
    FILE *json = fopen(path, "w");
    snprintf(path, sizeof path, "%s/blanks.tsv", dir);
    FILE *tsv = fopen(path, "w");
    if (!json || !tsv) {
        fprintf(stderr, "exercise: cannot write the results into %s: %s\n", dir, strerror(errno));
        return 2;
    }
    static const char *state[3] = {"done", "todo", "fail"};
    size_t score = 0;
    fprintf(json, "{\n  \"tests\": [\n");
    for (size_t i = 0; i < N_BLANKS; i++) {
        const blank *b = &blanks[i];
        int verdict;
        outcome o = run_check_v(b, msg, sizeof msg, &verdict);
        score += o == DONE;
        why[0] = '\0';
        if (o == FAILED)
            mistake_of(msg, verdict, why, sizeof why);
        for (char *c = msg; *c; c++) /* one line in the table */
            if (*c == '\t' || *c == '\n')
                *c = ' ';
        fprintf(tsv, "%s\t%d\t%s\t%s\t%s\n", b->name, o == DONE, state[o], why, msg);
        fprintf(json, "    {\"name\": \"%s (chapter %.2s)\", \"score\": %d, \"max_score\": 1, "
                "\"output\": \"", b->name, b->chapter, o == DONE);
        json_text(json, o == DONE ? "right" : msg);
        fprintf(json, "\"}%s\n", i + 1 < N_BLANKS ? "," : "");
    }
    fprintf(json, "  ],\n  \"score\": %zu\n}\n", score);
    int bad = ferror(json) | ferror(tsv);
    bad |= fclose(json) != 0;
    bad |= fclose(tsv) != 0;
    return bad ? 2 : 0;
}

/* --- watch mode ----------------------------------------------------------- */

static volatile sig_atomic_t stop_watching;
static void on_stop(int sig)
{
    (void)sig;
    stop_watching = 1;
}

/* On a terminal, Ctrl-C and q are read as keys (the terminal sends no
 * SIGINT, so make, which started us, is not interrupted and prints no
 * error); the terminal is put back as it was when we leave. */
static struct termios saved_tty;
static int raw_tty;
static void restore_tty(void)
{
    if (raw_tty)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
    raw_tty = 0;
}
static void keys_raw(void)
{
    struct termios t;
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_tty) != 0)
        return;
    t = saved_tty;
    t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG);
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 0;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0) {
        raw_tty = 1;
        atexit(restore_tty);
    }
}
/* Has the student pressed Ctrl-C or q? */
static int key_stop(void)
{
    char c;
    while (raw_tty && read(STDIN_FILENO, &c, 1) == 1)
        if (c == 3 || c == 'q' || c == 4)
            stop_watching = 1;
    return stop_watching;
}

static struct timespec modified(const char *path)
{
    struct stat st;
    struct timespec none = {0, 0};
    return stat(path, &st) == 0 ? st.st_mtim : none;
}

/* The line of blank b in its chapter file (its em_blank call, where the
 * code goes, or else its BLANK comment), or 0. */
static int blank_line(const blank *b, const char *file)
{
    char line[1024], want[96], call[96];
    int n = 0, comment = 0;
    snprintf(want, sizeof want, "BLANK %s:", b->name);
    snprintf(call, sizeof call, "em_blank(\"%s\")", b->name);
    FILE *f = fopen(file, "r");
    while (f && fgets(line, sizeof line, f)) {
        n++;
        if (strstr(line, call)) {
            fclose(f);
            return n;
        }
        if (!comment && strstr(line, want))
            comment = n;
    }
    if (f)
        fclose(f);
    return comment;
}

/* The first blank not done yet, its state in *o and msg; N_BLANKS if none. */
static size_t first_open(outcome *o, char *msg, size_t size)
{
    for (size_t i = 0; i < N_BLANKS; i++)
        if ((*o = run_check(&blanks[i], msg, size)) != DONE)
            return i;
    return N_BLANKS;
}

/* make watch: the current blank, what to write and its formula; checked
 * again at every save of its file (after `rebuild`), the next one when it
 * passes, until all are done or the student stops. */
static int cmd_watch(const char *hints, const char *rebuild)
{
    signal(SIGINT, on_stop);
    signal(SIGTERM, on_stop);
    signal(SIGHUP, on_stop);
    keys_raw();
    watching = 1;
    int tty = isatty(STDOUT_FILENO);
    const blank *previous = NULL;
    char msg[4096], file[1024];
    while (!key_stop()) {
        outcome o;
        size_t i = first_open(&o, msg, sizeof msg);
        if (key_stop())
            break;
        if (tty)
            printf("\033[2J\033[H");
        if (previous && (i == N_BLANKS || &blanks[i] != previous))
            printf("%s is right. Well done.\n\n", previous->name);
        if (i == N_BLANKS) {
            printf("%d/%d: every blank is right. make exercise compares your chapters with the "
                   "course's.\n", N_BLANKS, N_BLANKS);
            return 0;
        }
        const blank *b = previous = &blanks[i];
        snprintf(file, sizeof file, "%s/%s.c", chapters_dir, b->chapter);
        printf("Blank %zu of %d: %s, in %s/chapters/%s.c:%d\n\n", i + 1, N_BLANKS, b->name,
               WORKBOOK_DIR, b->chapter, blank_line(b, file));
        printf("  What to write: %s\n  The formula:   %s\n\n", b->hint[0], b->hint[2]);
        show(b, o, msg, hints);
        printf("\nWatching %s/chapters/%s.c: save it and it is checked again. %s\n",
               WORKBOOK_DIR, b->chapter, raw_tty ? "Ctrl-C or q stops." : "Ctrl-C stops.");
        fflush(stdout);
        struct timespec was = modified(file), now;
        do {
            struct timespec pause = {0, 250000000};
            nanosleep(&pause, NULL);
            now = modified(file);
        } while (!key_stop() && now.tv_sec == was.tv_sec && now.tv_nsec == was.tv_nsec);
        if (!stop_watching && rebuild && system(rebuild) != 0)
            printf("(the rebuild failed: see above)\n");
    }
    restore_tty();
    printf("\nStopped watching. make watch goes on where you left off.\n");
    return 0;
}

int main(int argc, char **argv)
{
    const char *hints = NULL; /* --hints DIR: where the hints seen are kept */
    const char *rebuild = NULL; /* --rebuild CMD: run before each check in watch mode */
    int next = 0, n = 0, watch = 0;
    char *arg[8];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--hints") == 0 && i + 1 < argc)
            hints = argv[++i];
        else if (strcmp(argv[i], "--checks") == 0 && i + 1 < argc)
            checks_dir = argv[++i];
        else if (strcmp(argv[i], "--chapters") == 0 && i + 1 < argc)
            chapters_dir = argv[++i];
        else if (strcmp(argv[i], "--rebuild") == 0 && i + 1 < argc)
            rebuild = argv[++i];
        else if (strcmp(argv[i], "--watch") == 0)
            watch = 1;
        else if (strcmp(argv[i], "--next") == 0)
            next = 1;
        else if (n < 8)
            arg[n++] = argv[i];
    }
    sweep_stale_scratch();
    /* the check programs by absolute path: each runs in a scratch folder */
    static char checks_abs[4096];
    if (realpath(checks_dir, checks_abs))
        checks_dir = checks_abs;
    if (watch && n == 0)
        return cmd_watch(hints, rebuild);
    if (n == 2 && strcmp(arg[0], "--grade") == 0)
        return cmd_grade(arg[1]);
    if (n == 1 && strcmp(arg[0], "--all") == 0)
        return cmd_all(1, hints);
    if (n == 1 && strcmp(arg[0], "--progress") == 0) {
        cmd_all(0, hints);
        return 0;
    }
    if (n == 2 && strcmp(arg[0], "--blank") == 0) {
        const blank *b = find(arg[1]);
        return b ? cmd_blank(b, hints, next) : 2;
    }
    if (n == 3 && strcmp(arg[0], "--hint") == 0) /* --hint NAME DIR, as before */
        return cmd_hint(arg[1], arg[2]);
    if (n == 2 && strcmp(arg[0], "--hint") == 0)
        return cmd_hint(arg[1], hints);
    if (n == 1 && strcmp(arg[0], "--list") == 0) {
        for (size_t i = 0; i < N_BLANKS; i++)
            printf("%s\n", blanks[i].name);
        return 0;
    }
    fprintf(stderr, "usage: exercise [--hints DIR] [--checks DIR] [--chapters DIR] --all | "
                    "--progress | --blank NAME [--next] | --hint NAME [DIR] | --list | "
                    "--watch [--rebuild CMD] | --grade DIR\n");
    return 2;
}
