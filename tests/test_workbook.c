/* test_workbook.c — the lecturer's checks of the workbook: the reference
 * passes every solution check, a fresh workbook fails every one with "not
 * filled in yet", every planted classic mistake gets the message naming it,
 * and the generator refuses broken markers. */
#include "emlab_test.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run a shell command; its standard output and error (kept), status in *rc. */
static const char *run(const char *cmd, int *rc)
{
    char full[2048];
    snprintf(full, sizeof full, "%s 2>&1", cmd);
    return capture(full, rc);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

START_TEST(test_reference_solution_passes_every_check)
{
    int rc;
    const char *out = run(EMLAB_BUILD "/reference/exercise --all", &rc);
    ck_assert_msg(rc == 0, "%s", out);
    ck_assert_uint_eq(count(out, "[done]"), 11);
    ck_assert_ptr_nonnull(strstr(out, "11/11 blanks done"));
}
END_TEST

START_TEST(test_fresh_workbook_fails_every_check_as_not_filled_in)
{
    int rc;
    const char *out = run(EMLAB_BUILD "/fresh/exercise --progress", &rc);
    ck_assert_uint_eq(count(out, "not filled in yet"), 11);
    ck_assert_uint_eq(count(out, "[done]"), 0);
    ck_assert_ptr_null(strstr(out, "crashed"));
    ck_assert_ptr_nonnull(strstr(out, "0/11 blanks done"));
    /* --all stops at the first, in course order, and says how far */
    out = run(EMLAB_BUILD "/fresh/exercise --all", &rc);
    ck_assert_int_eq(rc, 1);
    ck_assert_uint_eq(count(out, "[todo]"), 1);
    ck_assert_ptr_nonnull(strstr(out, "choose_component"));
}
END_TEST

START_TEST(test_fresh_workbook_compiles_and_runs)
{
    int rc;
    const char *dir = make_tmpdir();
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s/fresh/04_em_fill_in --format none --out %s", EMLAB_BUILD, dir);
    const char *out = run(cmd, &rc);
    ck_assert_int_eq(rc, EM_BLANK_EXIT);
    ck_assert_ptr_nonnull(strstr(out, "blank e_step is not filled in yet"));
}
END_TEST

/* Every tests/mistakes/NAME.c, planted in its own workbook, gets its message. */
START_TEST(test_classic_mistakes_are_named)
{
    int rc;
    const char *list = run("ls tests/mistakes/*.c", &rc);
    ck_assert_int_eq(rc, 0);
    size_t tried = 0;
    for (const char *p = list; *p;) {
        const char *nl = strchr(p, '\n');
        char path[256], name[128], blank[64] = "", expect[256] = "", line[512], cmd[512];
        int done = 0, any = 0, nosan = 0;
        snprintf(path, sizeof path, "%.*s", (int)(nl - p), p);
        p = nl + 1;
        sscanf(strrchr(path, '/') + 1, "%127[^.]", name);
        FILE *f = fopen(path, "r");
        ck_assert_ptr_nonnull(f);
        while (fgets(line, sizeof line, f)) {
            sscanf(line, "// blank: %63s", blank);
            if (strncmp(line, "// expect: ", 11) == 0)
                snprintf(expect, sizeof expect, "%.*s", (int)strcspn(line + 11, "\n"), line + 11);
            done |= strncmp(line, "// status: done", 15) == 0;
            any |= strncmp(line, "// status: any", 14) == 0;
            nosan |= strncmp(line, "// nosan:", 9) == 0;
        }
        fclose(f);
#if defined(__SANITIZE_ADDRESS__)
        if (nosan)
            continue;
#endif
        snprintf(cmd, sizeof cmd, "%s/mistakes/%s/exercise --blank %s", EMLAB_BUILD, name, blank);
        const char *out = run(cmd, &rc);
        if (any) { /* pass or fail: what counts is the message */
            ck_assert_msg(strstr(out, expect) != NULL, "%s: expected '%s' in:\n%s", name, expect,
                          out);
        } else if (done) { /* the checker survived what the blank did, and the answer is right */
            ck_assert_msg(rc == 0 && strstr(out, "[done]"), "%s: exit %d\n%s", name, rc, out);
        } else {
            ck_assert_msg(rc == 1, "%s: exit %d\n%s", name, rc, out);
            ck_assert_msg(strstr(out, expect) != NULL, "%s: expected '%s' in:\n%s", name, expect,
                          out);
            ck_assert_ptr_nonnull(strstr(out, "[FAIL]"));
        }
        /* and nothing it started is left running */
        snprintf(cmd, sizeof cmd, "pgrep -f 'mistakes/%s/[c]heck_' || true", name);
        const char *left = run(cmd, &rc);
        ck_assert_msg(*left == '\0', "%s left processes running: %s", name, left);
        tried++;
    }
    ck_assert_uint_ge(tried, 15);
}
END_TEST

/* The generator on a folder holding one chapter with TEXT. */
static const char *generate(const char *text, int *rc, const char **out_dir)
{
    const char *src = make_tmpdir(), *dst = make_tmpdir();
    write_file(src, "01_x.c", text);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s/workbook-tool make %s %s/wb", EMLAB_BUILD, src, dst);
    *out_dir = path_in(dst, "wb");
    return run(cmd, rc);
}

START_TEST(test_generator_refuses_broken_markers)
{
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"a\n/* BEGIN SOLUTION one */\n/* BEGIN SOLUTION two */\n/* END SOLUTION */\n",
         "01_x.c:3: BEGIN SOLUTION two inside the blank opened on line 2"},
        {"/* BEGIN SOLUTION one */\nx = 1;\n", "01_x.c:1: BEGIN SOLUTION one is never closed"},
        {"x = 1;\n/* END SOLUTION */\n", "01_x.c:2: END SOLUTION without a BEGIN SOLUTION"},
        {"/* BEGIN SOLUTION a */\n/* END SOLUTION */\n/* BEGIN SOLUTION a */\n/* END SOLUTION */\n",
         "01_x.c:3: a blank named a exists already"},
        {"y = 2; /* BEGIN SOLUTION b */\n", "01_x.c:1: a marker must stand alone on its line"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        int rc;
        const char *dir;
        const char *out = generate(cases[c].text, &rc, &dir);
        ck_assert_int_eq(rc, 1);
        ck_assert_msg(strstr(out, cases[c].want) != NULL, "expected '%s' in: %s", cases[c].want,
                      out);
        ck_assert_msg(access(dir, F_OK) != 0, "%s was written despite the error", dir);
    }
}
END_TEST

START_TEST(test_generator_keeps_indentation_and_compiles_blank)
{
    int rc;
    const char *dir;
    generate("void f(void)\n{\n        /* BEGIN SOLUTION deep */\n        g();\n"
             "        /* END SOLUTION */\n}\n", &rc, &dir);
    ck_assert_int_eq(rc, 0);
    const char *wb = slurp(path_in(dir, "chapters/01_x.c"));
    ck_assert_ptr_nonnull(wb);
    ck_assert_ptr_nonnull(strstr(wb, "\n        em_blank(\"deep\");\n"));
    ck_assert_ptr_nonnull(strstr(wb, "\n        /* END BLANK deep */\n"));
    ck_assert_ptr_null(strstr(wb, "g();"));
    ck_assert_str_eq(slurp(path_in(dir, ".pristine/chapters/01_x.c")), wb);
}
END_TEST

START_TEST(test_reset_restores_one_blank)
{
    int rc;
    const char *dir;
    generate("/* BEGIN SOLUTION a */\nA;\n/* END SOLUTION */\nmiddle\n"
             "/* BEGIN SOLUTION b */\nB;\n/* END SOLUTION */\n", &rc, &dir);
    ck_assert_int_eq(rc, 0);
    const char *file = path_in(dir, "chapters/01_x.c");
    char *text = strdup(slurp(file)), *at;
    /* the student writes both blanks */
    while ((at = strstr(text, "em_blank(\"")))
        memcpy(at, "my_blank(\"", 10);
    FILE *f = fopen(file, "w");
    fputs(text, f);
    fclose(f);
    free(text);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s/workbook-tool reset %s a < /dev/null", EMLAB_BUILD, dir);
    const char *out = run(cmd, &rc);
    ck_assert_int_ne(rc, 0); /* without a terminal it does not ask, and changes nothing */
    ck_assert_ptr_nonnull(strstr(out, "not asking without a terminal"));
    ck_assert_uint_eq(count(slurp(file), "my_blank("), 2);
    snprintf(cmd, sizeof cmd, "%s/workbook-tool reset %s a --yes", EMLAB_BUILD, dir);
    run(cmd, &rc);
    ck_assert_int_eq(rc, 0);
    const char *now = slurp(file);
    ck_assert_ptr_nonnull(strstr(now, "em_blank(\"a\")"));
    ck_assert_ptr_nonnull(strstr(now, "my_blank(\"b\")")); /* the other blank is kept */
    snprintf(cmd, sizeof cmd, "%s/workbook-tool reset %s nosuch --yes", EMLAB_BUILD, dir);
    out = run(cmd, &rc);
    ck_assert_int_eq(rc, 1);
    ck_assert_ptr_nonnull(strstr(out, "no blank named nosuch"));
}
END_TEST

START_TEST(test_hints_come_in_tiers)
{
    const char *dir = make_tmpdir();
    char cmd[512];
    int rc;
    snprintf(cmd, sizeof cmd, "%s/reference/exercise --hint m_step_pi %s", EMLAB_BUILD, dir);
    ck_assert_ptr_nonnull(strstr(run(cmd, &rc), "Hint 1 of 3"));
    ck_assert_ptr_nonnull(strstr(run(cmd, &rc), "Hint 2 of 3"));
    const char *third = run(cmd, &rc);
    ck_assert_ptr_nonnull(strstr(third, "Hint 3 of 3"));
    ck_assert_ptr_nonnull(strstr(third, "π_k = N_k / N")); /* the formula only now */
    const char *fourth = run(cmd, &rc);
    ck_assert_ptr_nonnull(strstr(fourth, "Hint 3 of 3"));
    ck_assert_ptr_nonnull(strstr(fourth, "that is the last hint")); /* says so */
    snprintf(cmd, sizeof cmd, "%s/reference/exercise --hint nosuch %s", EMLAB_BUILD, dir);
    run(cmd, &rc);
    ck_assert_int_eq(rc, 2);
}
END_TEST

/* A failed check shows the first hint, so make hint goes on from the second. */
START_TEST(test_first_hint_is_not_repeated)
{
    const char *dir = make_tmpdir();
    char cmd[512];
    int rc;
    snprintf(cmd, sizeof cmd, "%s/mistakes/m_step_sigma_variance/exercise --hints %s "
             "--blank m_step_sigma", EMLAB_BUILD, dir);
    ck_assert_ptr_nonnull(strstr(run(cmd, &rc), "Hint: A weighted standard deviation"));
    snprintf(cmd, sizeof cmd, "%s/mistakes/m_step_sigma_variance/exercise --hints %s "
             "--hint m_step_sigma", EMLAB_BUILD, dir);
    ck_assert_ptr_nonnull(strstr(run(cmd, &rc), "Hint 2 of 3"));
}
END_TEST

/* make exercise and make progress count alike; after a pass, the next. */
START_TEST(test_counts_agree_and_a_pass_names_the_next)
{
    int rc;
    const char *all = run(EMLAB_BUILD "/mistakes/m_step_mu_setsid/exercise --all", &rc);
    ck_assert_int_eq(rc, 1);
    ck_assert_ptr_nonnull(strstr(all, "1/11 blanks done. Work on choose_component (above)"));
    ck_assert_ptr_null(strstr(all, "[done] m_step_mu")); /* shown up to the first open */
    ck_assert_ptr_nonnull(strstr(run(EMLAB_BUILD "/mistakes/m_step_mu_setsid/exercise "
                                     "--progress", &rc), "1/11 blanks done."));
    const char *one = run(EMLAB_BUILD "/mistakes/m_step_mu_setsid/exercise --blank m_step_mu "
                          "--next", &rc);
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_nonnull(strstr(one, "Next: choose_component (chapter 01): make "
                                      "check-exercise B=choose_component"));
    one = run(EMLAB_BUILD "/reference/exercise --blank covariance --next", &rc);
    ck_assert_ptr_nonnull(strstr(one, "That was the last one: every blank is right."));
}
END_TEST

/* A chapter that does not compile stops only its own blanks. */
START_TEST(test_broken_chapter_blocks_only_its_blanks)
{
    int rc;
    const char *out = run(EMLAB_BUILD "/mistakes/choose_component_syntax_error/exercise "
                          "--progress", &rc);
    ck_assert_ptr_nonnull(strstr(out, "[FAIL] choose_component  (chapter 01): chapter 01 does "
                                      "not compile:"));
    ck_assert_ptr_nonnull(strstr(out, "/chapters/01_sampling.c:"));
    ck_assert_ptr_nonnull(strstr(out, "error: expected"));
    ck_assert_ptr_nonnull(strstr(out, "[todo] e_step            (chapter 04): not filled in"));
    ck_assert_ptr_nonnull(strstr(out, "[todo] responsibility    (chapter 02)"));
}
END_TEST

/* make watch: the current blank; a save that makes it pass moves on; an
 * interrupt stops it cleanly. The "rebuild" here swaps in the reference
 * check of chapter 01, as if the student had just written it. */
START_TEST(test_watch_follows_the_student)
{
    const char *d = make_tmpdir(), *out, *err;
    int rc = shell(&out, &err,
        "set -e; b=$(pwd)/%s; cd '%s'; mkdir checks ch; cp $b/fresh/check_* checks/; "
        "cp $b/fresh/wb/chapters/*.c ch/; "
        "$b/fresh/exercise --checks checks --chapters ch --watch "
        "  --rebuild \"cp $b/reference/check_01 checks/check_01\" > watch.txt 2>&1 < /dev/null & "
        "pid=$!; sleep 1.5; touch ch/01_sampling.c; sleep 2; kill -INT $pid; wait $pid; echo rc=$?",
        EMLAB_BUILD, d);
    ck_assert_msg(rc == 0, "%s", err);
    ck_assert_ptr_nonnull(strstr(out, "rc=0"));
    const char *w = slurp(path_in(d, "watch.txt"));
    const char *one = strstr(w, "Blank 1 of 11: choose_component, in workbook/chapters/"
                                "01_sampling.c:");
    const char *formula = strstr(w, "The formula:   index = min { k : z < cum_k }");
    const char *passed = strstr(w, "choose_component is right.");
    const char *two = strstr(w, "Blank 2 of 11: responsibility");
    const char *stopped = strstr(w, "Stopped watching.");
    ck_assert_msg(one && formula && passed && two && stopped, "watch printed:\n%s", w);
    ck_assert(one < passed && passed < two && two < stopped);
}
END_TEST

/* make grade on a planted class: every submission gets its row, whatever
 * it does, and the run finishes. The class: the reference solutions, a
 * fresh workbook, and every workbook of tests/mistakes/ (each classic
 * mistake, a syntax error, exit(0), an endless loop, a memory bomb, 20
 * forks, 110 MB of output, writes outside its folder, kill(getppid()),
 * setsid), one of them as a .tar.gz and one as a .zip, and a broken zip. */
START_TEST(test_grading_a_planted_class)
{
    const char *d = make_tmpdir(), *out, *err;
#if defined(__SANITIZE_ADDRESS__)
    const char *skip = "log_likelihood_memory_bomb"; /* no address-space limit under ASan */
#else
    const char *skip = "none";
#endif
    int rc = shell(&out, &err,
        "set -e; b=%s; s='%s/subs'; mkdir \"$s\" \"$s/correct\"; cp -R chapters \"$s/correct/chapters\"; "
        "cp -R $b/fresh/wb \"$s/empty\"; "
        "for m in $b/mistakes/*/; do n=$(basename $m); [ $n = %s ] || cp -R $m/wb \"$s/$n\"; done; "
        "(cd \"$s\" && tar czf e_step_exit0.tar.gz e_step_exit0 && rm -rf e_step_exit0 && "
        " zip -qr m_step_pi_kill_parent.zip m_step_pi_kill_parent && rm -rf m_step_pi_kill_parent); "
        "echo junk > \"$s/broken.zip\"; "
        "JOBS=2 sh tests/exercise/grade.sh --env $b/grade \"$s\" '%s/grades'",
        EMLAB_BUILD, d, skip, d);
    ck_assert_msg(rc == 0, "%s%s", out, err);
    const char *csv = slurp(path_in(d, "grades/grades.csv"));
    ck_assert_ptr_nonnull(csv);
    static const char *const rows[] = {
        "\n\"correct\",1,1,1,1,1,1,1,1,1,1,1,11,\"\"\n",
        "\n\"empty\",0,0,0,0,0,0,0,0,0,0,0,0,\"\"\n",
        "\n\"m_step_mu_divided_by_N\",0,0,0,0,0,0,0,0,0,0,0,0,\"m_step_mu: you divided by N, the number of "
        "all points\"\n",
        "\n\"covariance_old_mean\",0,0,0,0,0,0,0,0,0,0,0,0,\"covariance: you took the deviations from the "
        "old mean m->mean\"\n",
        "\n\"e_step_exit0\",0,0,0,0,0,0,0,0,0,0,0,0,\"e_step: your code called exit()\"\n",
        "\n\"m_step_pi_endless\",0,0,0,0,0,0,0,0,0,0,0,0,\"m_step_pi: timed out\"\n",
        "\n\"m_step_pi_kill_parent\",0,0,0,0,0,",
        "\n\"choose_component_syntax_error\",0,0,0,0,0,0,0,0,0,0,0,0,\"choose_component: chapter 01 does not "
        "compile\"\n",
        "\n\"covariance_forks\",0,0,0,0,0,0,0,1,0,0,0,1,\"\"\n",
        "\n\"m_step_mu_setsid\",0,0,0,1,0,0,0,0,0,0,0,1,\"\"\n",
        "\n\"log_likelihood_writes_outside\",0,0,0,0,0,0,1,0,0,0,0,1,\"\"\n",
        "\n\"responsibility_output\",0,0,0,0,0,0,0,0,0,0,0,0,\"\"\n",
        "\n\"broken\",0,0,0,0,0,0,0,0,0,0,0,0,\"could not unpack:"};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        ck_assert_msg(strstr(csv, rows[i]) != NULL, "no row %s in\n%s", rows[i], csv);
#if !defined(__SANITIZE_ADDRESS__)
    ck_assert_ptr_nonnull(strstr(csv, "\n\"log_likelihood_memory_bomb\",0,0,0,0,0,0,0,0,0,0,0,0,"
                                      "\"log_likelihood: crashed (aborted)\""));
#endif
    const char *report = slurp(path_in(d, "grades/report.md"));
    ck_assert_ptr_nonnull(strstr(report, "| m_step_mu | 3 of ")); /* setsid, kill(-1), reference */
    ck_assert_ptr_nonnull(strstr(report, ": you divided by N, the number of all points"));
    const char *json = slurp(path_in(d, "grades/students/correct/results.json"));
    ck_assert_ptr_nonnull(strstr(json, "\"score\": 11\n"));
    ck_assert_ptr_nonnull(strstr(json, "{\"name\": \"e_step (chapter 04)\", \"score\": 1, "
                                       "\"max_score\": 1, \"output\": \"right\"}"));
    ck_assert_int_eq(access(path_in(d, "grades/report.png"), F_OK), 0);
}
END_TEST

/* Gradescope's run_autograder, tried in a folder laid out as Gradescope's:
 * the student's workbook gets its results.json; an upload without one
 * gets 0 points and says what to upload. */
START_TEST(test_gradescope_autograder)
{
    const char *d = make_tmpdir(), *out, *err;
    int rc = shell(&out, &err,
        "set -e; ln -s \"$(pwd)\" '%s/source'; mkdir '%s/submission'; "
        "cp -R chapters '%s/submission/chapters'; "
        "AUTOGRADER='%s' BUILD=%s sh tests/exercise/gradescope/run_autograder",
        d, d, d, d, EMLAB_BUILD);
    ck_assert_msg(rc == 0, "%s%s", out, err);
    const char *json = slurp(path_in(d, "results/results.json"));
    ck_assert_ptr_nonnull(json);
    ck_assert_ptr_nonnull(strstr(json, "\"score\": 11\n"));
    rc = shell(&out, &err, "rm -rf '%s/submission/chapters' && echo x > '%s/submission/x.c' && "
               "AUTOGRADER='%s' BUILD=%s sh tests/exercise/gradescope/run_autograder",
               d, d, d, EMLAB_BUILD);
    ck_assert_int_eq(rc, 0);
    json = slurp(path_in(d, "results/results.json"));
    ck_assert_ptr_nonnull(strstr(json, "{\"score\": 0, \"output\": \"no workbook in it"));
}
END_TEST

/* Remove the build folder make made for a workbook at wb (WB_BUILD). */
static void forget_build(const char *wb)
{
    char mangled[512], *c;
    snprintf(mangled, sizeof mangled, "%s", wb[0] == '/' ? wb + 1 : wb);
    for (c = mangled; *c; c++)
        if (*c == '/')
            *c = '_';
    const char *out, *err;
    shell(&out, &err, "rm -rf '%s/%s'", EMLAB_BUILD, mangled);
}

/* The student's make commands, on a workbook of their own: they end with
 * the checker's words, never make's "Error"; reset takes YES=1; at 8/8
 * make exercise compares the student's chapters with the course's; make
 * figures STUDENT=1 draws the four chapters with blanks. */
START_TEST(test_student_make_commands)
{
    const char *d = make_tmpdir(), *out, *err;
    const char *san = strcmp(EMLAB_BUILD, "build/san") == 0 ? "SANITIZE=1" : "";
    char make[512];
    snprintf(make, sizeof make, "make -s --no-print-directory %s WB='%s/wb' STUDENT_OUT='%s/out'",
             san, d, d);
    int rc = shell(&out, &err, "%s progress 2>&1", make);
    ck_assert_msg(rc == 0, "%s%s", out, err);
    ck_assert_ptr_nonnull(strstr(out, "0/11 blanks done."));
    ck_assert_ptr_null(strstr(out, "make: ***"));
    rc = shell(&out, &err, "%s check-exercise B=e_step 2>&1", make);
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_nonnull(strstr(out, "[todo] e_step"));
    ck_assert_ptr_null(strstr(out, "make: ***"));
    rc = shell(&out, &err, "%s reset B=e_step YES=1 2>&1 < /dev/null", make);
    ck_assert_ptr_nonnull(strstr(out, "blank e_step restored"));
    rc = shell(&out, &err, "for c in 01_sampling 02_responsibilities 04_em_fill_in 05_em_2d 07_kmeans_and_em 11_why_em_works; do "
               "cp chapters/$c.c '%s/wb/chapters/'; done; %s exercise 2>&1", d, make);
    ck_assert_msg(rc == 0, "%s%s", out, err);
    ck_assert_ptr_nonnull(strstr(out, "11/11 blanks done: every blank is right."));
    ck_assert_ptr_nonnull(strstr(out, "print and draw exactly what the course's do"));
    rc = shell(&out, &err, "%s figures STUDENT=1 2>&1", make);
    ck_assert_msg(rc == 0, "%s%s", out, err);
    static const char *const drawn[] = {"01_sampling/samples.png", "02_responsibilities/pitfall.png",
                                        "04_em_fill_in/fit.png", "05_em_2d/grid.png"};
    for (int i = 0; i < 4; i++) {
        char file[128];
        snprintf(file, sizeof file, "out/%s", drawn[i]);
        ck_assert_msg(access(path_in(d, file), F_OK) == 0, "no %s", drawn[i]);
    }
    forget_build(path_in(d, "wb"));
}
END_TEST

/* A chapter whose compile never ends (#include "/dev/zero") is stopped,
 * and said so under its blanks. */
START_TEST(test_endless_compile_is_stopped)
{
    const char *d = make_tmpdir(), *out, *err;
    const char *san = strcmp(EMLAB_BUILD, "build/san") == 0 ? "SANITIZE=1" : "";
    write_file(d, "fill.c", "// blank: choose_component\n#include \"/dev/zero\"\n");
    int rc = shell(&out, &err, "%s/workbook-tool make chapters '%s/wb' --fill '%s/fill.c' "
                   "> /dev/null && make -s --no-print-directory %s WB='%s/wb' CC_LIMIT=2 "
                   "progress 2>&1", EMLAB_BUILD, d, d, san, d);
    ck_assert_msg(rc == 0, "%s%s", out, err);
    ck_assert_ptr_nonnull(strstr(out, "chapter 01 does not compile:"));
    /* stopped by the time limit, or by the memory limit first */
    ck_assert_msg(strstr(out, "the compiler was stopped after 2 s") || strstr(out, "out of memory"),
                  "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "[todo] e_step"));
    forget_build(path_in(d, "wb"));
}
END_TEST

/* Odd names, name clashes and a regrade into the same folder: a row for
 * each entry present now, valid CSV, no stale results; every results.json
 * is valid JSON (UTF-8 cut in the middle of a character included). */
START_TEST(test_grading_names_and_regrades)
{
    const char *d = make_tmpdir(), *out, *err;
    int rc = shell(&out, &err,
        "set -e; b=%s; s='%s/subs'; mkdir \"$s\"; mkdir \"$s/right\"; "
        "cp -R chapters \"$s/right/chapters\"; cp -R \"$s/right\" \"$s/a,b\"; "
        "cp -R \"$s/right\" \"$s/q\\\"uote\"; cp -R $b/fresh/wb \"$s/report.md\"; "
        "cp -R $b/mistakes/responsibility_prints_unicode/wb \"$s/dup\"; "
        "(cd \"$s\" && tar czf dup.tar.gz right); "
        "JOBS=2 sh tests/exercise/grade.sh --env $b/grade \"$s\" '%s/g' > /dev/null; "
        "for j in '%s'/g/students/*/results.json; do "
        "  python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding=\"utf-8\"))' \"$j\"; done; "
        "rm -rf \"$s/right\" \"$s/a,b\"; "
        "JOBS=2 sh tests/exercise/grade.sh --env $b/grade \"$s\" '%s/g' > /dev/null",
        EMLAB_BUILD, d, d, d, d);
    ck_assert_msg(rc == 0, "%s%s", out, err);
    const char *csv = slurp(path_in(d, "g/grades.csv"));
    ck_assert_ptr_nonnull(strstr(csv, "\n\"dup\",0,"));
    ck_assert_ptr_nonnull(strstr(csv, "\n\"dup (tar.gz)\",1,1,1,1,1,1,1,1,1,1,1,11,"));
    ck_assert_ptr_nonnull(strstr(csv, "\n\"q\"\"uote\",1,1,1,1,1,1,1,1,1,1,1,11,"));
    ck_assert_ptr_nonnull(strstr(csv, "\n\"report.md\",0,"));
    ck_assert_ptr_null(strstr(csv, "\n\"right\""));   /* gone since the first grading */
    ck_assert_ptr_null(strstr(csv, "\n\"a,b\""));
    size_t rows = 0;
    for (const char *c = csv; *c; c++)
        rows += *c == '\n';
    ck_assert_uint_eq(rows, 5); /* the header and four students */
    ck_assert_ptr_nonnull(strstr(slurp(path_in(d, "g/report.md")), "# Grades: 4 submissions"));
}
END_TEST

/* A scratch folder left by a runner killed mid-check is swept by the next
 * run once it is stale; a fresh one (another run's, now) is left alone. */
START_TEST(test_stale_scratch_is_swept)
{
    const char *out, *err;
    int rc = shell(&out, &err,
        "mkdir -p /tmp/emlab-check.stale1 /tmp/emlab-check.fresh1 && "
        "touch /tmp/emlab-check.stale1/x && touch -d '1 hour ago' /tmp/emlab-check.stale1 && "
        "%s/reference/exercise --blank m_step_pi > /dev/null; "
        "test ! -e /tmp/emlab-check.stale1 && test -d /tmp/emlab-check.fresh1; r=$?; "
        "rm -rf /tmp/emlab-check.fresh1; exit $r", EMLAB_BUILD);
    ck_assert_msg(rc == 0, "%s%s", out, err);
}
END_TEST

Suite *workbook_suite(void)
{
    Suite *s = suite_create("workbook");
    TCase *tc = tcase_create("lecturer");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_reference_solution_passes_every_check);
    tcase_add_test(tc, test_first_hint_is_not_repeated);
    tcase_add_test(tc, test_counts_agree_and_a_pass_names_the_next);
    tcase_add_test(tc, test_broken_chapter_blocks_only_its_blanks);
    tcase_add_test(tc, test_watch_follows_the_student);
    tcase_add_test(tc, test_grading_a_planted_class);
    tcase_add_test(tc, test_gradescope_autograder);
    tcase_add_test(tc, test_student_make_commands);
    tcase_add_test(tc, test_endless_compile_is_stopped);
    tcase_add_test(tc, test_grading_names_and_regrades);
    tcase_add_test(tc, test_stale_scratch_is_swept);
    tcase_add_test(tc, test_fresh_workbook_fails_every_check_as_not_filled_in);
    tcase_add_test(tc, test_fresh_workbook_compiles_and_runs);
    tcase_add_test(tc, test_classic_mistakes_are_named);
    tcase_add_test(tc, test_generator_refuses_broken_markers);
    tcase_add_test(tc, test_generator_keeps_indentation_and_compiles_blank);
    tcase_add_test(tc, test_reset_restores_one_blank);
    tcase_add_test(tc, test_hints_come_in_tiers);
    suite_add_tcase(s, tc);
    return s;
}
