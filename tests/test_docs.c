/* test_docs.c — the tutorial's weaver, docs/weave.awk: the blanks shown as
 * the workbook shows them with the solution folded, output and figures
 * where the markers put them, and a refusal when something is not placed. */
#include "emlab_test.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A small chapter: prose, a blank, a fold, two output markers, a figure. */
static const char *const chapter =
    "/*\n"
    " * # Chapter 9: A test\n"
    " *\n"
    " * The weight $\\pi_k = N_k / n$.\n"
    " */\n"
    "#include \"emlab.h\"\n"
    "\n"
    "/*\n"
    " * ## Step 1\n"
    " */\n"
    "static double share(double N_k, double n)\n"
    "{\n"
    "    double pi_k = 0.0;\n"
    "    /* BEGIN SOLUTION share */\n"
    "    pi_k = N_k / n; /* the answer */\n"
    "    /* END SOLUTION */\n"
    "    return pi_k;\n"
    "}\n"
    "\n"
    "/*\n"
    " * It prints:\n"
    " *\n"
    " * @output\n"
    " *\n"
    " * @figure fit.png: The fit, with\n"
    " * $\\mu_k$ marked.\n"
    " *\n"
    " * @output 2\n"
    " *\n"
    " * ## How the figures are drawn\n"
    " */\n"
    "static void draw(void) {}\n"
    "/*\n"
    " * ## The program\n"
    " */\n"
    "int main(void) { return 0; }\n";

static const char *const printed = "first\nparagraph\n\nsecond\n\nthird\n";

/* Weave SOURCE (written as ch.c) with PRINTED and FIGURES; the page in
 * *page, the messages in *err; the exit code. */
static int weave(const char *source, const char *out, const char *figures, const char *more,
                 const char **page, const char **err)
{
    const char *dir = make_tmpdir();
    const char *src = write_file(dir, "ch.c", source);
    const char *txt = write_file(dir, "ch.out", out);
    return shell(page, err,
                 "awk -f docs/weave.awk -v checksum=1 -v source=ch.c -v printed='%s' "
                 "-v figdir=ch -v figures='%s' %s '%s'",
                 txt, figures, more, src);
}

START_TEST(test_blank_shown_solution_folded)
{
    const char *page, *err;
    ck_assert_int_eq(weave(chapter, printed, "fit.png", "", &page, &err), 0);
    /* the code shows the blank, word for word as the workbook writes it */
    ck_assert_ptr_nonnull(strstr(page, "    /* BLANK share: your code goes here (the comments "
                                       "above say what it\n"));
    ck_assert_ptr_nonnull(strstr(page, "    em_blank(\"share\");\n    /* END BLANK share */\n"
                                       "    return pi_k;\n"));
    /* the solution only inside the closed <details>, unindented */
    const char *details = strstr(page, "<details class=\"solution\">");
    ck_assert_ptr_nonnull(details);
    const char *answer = strstr(page, "pi_k = N_k / n; /* the answer */");
    ck_assert_ptr_nonnull(answer);
    ck_assert(answer > details);
    ck_assert_ptr_null(strstr(answer + 1, "pi_k = N_k / n;"));
    ck_assert_ptr_nonnull(strstr(page, "\npi_k = N_k / n; /* the answer */\n"));
    ck_assert_ptr_null(strstr(page, "SOLUTION"));
    ck_assert_ptr_nonnull(strstr(page, "make check-exercise\nB=share"));
}
END_TEST

START_TEST(test_lecturers_edition_opens_solutions)
{
    const char *page, *err;
    ck_assert_int_eq(weave(chapter, printed, "fit.png", "-v solutions=open", &page, &err), 0);
    ck_assert_ptr_nonnull(strstr(page, "<details class=\"solution\" open>"));
}
END_TEST

START_TEST(test_output_and_figure_where_the_markers_are)
{
    const char *page, *err;
    ck_assert_int_eq(weave(chapter, printed, "fit.png", "", &page, &err), 0);
    const char *first = strstr(page, "```{.text .output}\nfirst\nparagraph\n```");
    const char *fig = strstr(page, "[![The fit, with $\\mu_k$ marked.](ch/fit.png)](ch/fit.png)\n\n"
                                   "::: caption\nThe fit, with $\\mu_k$ marked.\n:::");
    const char *rest = strstr(page, "```{.text .output}\nsecond\nthird\n```");
    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_nonnull(fig);
    ck_assert_ptr_nonnull(rest);
    ck_assert(first < fig && fig < rest);
    ck_assert_ptr_null(strstr(page, "@output"));
    ck_assert_ptr_null(strstr(page, "@figure"));
}
END_TEST

START_TEST(test_figure_code_folded_until_the_next_heading)
{
    const char *page, *err;
    ck_assert_int_eq(weave(chapter, printed, "fit.png", "", &page, &err), 0);
    const char *open = strstr(page, "<details class=\"fold\">\n<summary>How the figures are "
                                    "drawn</summary>");
    ck_assert_ptr_nonnull(open);
    const char *draw = strstr(page, "static void draw(void) {}");
    const char *close = strstr(page, "</details>\n\n## The program");
    ck_assert_ptr_nonnull(draw);
    ck_assert_ptr_nonnull(close);
    ck_assert(open < draw && draw < close);
}
END_TEST

START_TEST(test_refuses_what_is_not_placed)
{
    const char *page, *err;
    /* a paragraph of output left over */
    ck_assert_int_eq(weave(chapter, "a\n\nb\n\nc\n\nd\n", "fit.png", "", &page, &err), 1);
    ck_assert_ptr_nonnull(strstr(err, "ch.c: what it printed has 4 paragraphs and only 3 are "
                                      "placed"));
    /* more asked for than printed */
    ck_assert_int_eq(weave(chapter, "a\n", "fit.png", "", &page, &err), 1);
    ck_assert_ptr_nonnull(strstr(err, "@output 2: the program printed only 1 paragraphs"));
    /* a figure drawn and not placed; one placed and not drawn */
    ck_assert_int_eq(weave(chapter, printed, "fit.png loglik.png", "", &page, &err), 1);
    ck_assert_ptr_nonnull(strstr(err, "figure loglik.png is drawn but not placed"));
    ck_assert_int_eq(weave(chapter, printed, "", "", &page, &err), 1);
    ck_assert_ptr_nonnull(strstr(err, "@figure fit.png: the program drew no such figure"));
}
END_TEST

/* Every chapter's blanks in the woven page are the workbook's own. */
START_TEST(test_chapter_blanks_match_the_workbook)
{
    const char *dir = make_tmpdir(), *out, *err;
    ck_assert_int_eq(shell(&out, &err, "%s/workbook-tool make chapters '%s/wb' > /dev/null",
                           EMLAB_BUILD, dir), 0);
    static const char *const chapters[] = {"01_sampling", "02_responsibilities",
                                           "04_em_fill_in", "05_em_2d", "07_kmeans_and_em",
                                           "11_why_em_works"};
    for (size_t c = 0; c < 6; c++) {
        char file[64];
        snprintf(file, sizeof file, "wb/chapters/%s.c", chapters[c]);
        const char *student = slurp(path_in(dir, file));
        ck_assert_ptr_nonnull(student);
        const char *page;
        int rc = shell(&page, &err, "awk -f docs/weave.awk -v source=x chapters/%s.c",
                       chapters[c]);
        (void)rc; /* no output or figures given: it complains of nothing placed */
        size_t blanks = 0;
        for (const char *b = strstr(student, "/* BLANK "); b; b = strstr(b + 1, "/* BLANK ")) {
            const char *line = b; /* from the line's start to END BLANK's line end */
            while (line > student && line[-1] != '\n')
                line--;
            const char *end = strchr(strstr(b, "/* END BLANK"), '\n');
            char *region = keep(strndup(line, (size_t)(end - line + 1)));
            ck_assert_msg(strstr(page, region) != NULL, "%s: the page's blank differs from "
                          "the workbook's:\n%s", chapters[c], region);
            blanks++;
        }
        ck_assert_uint_gt(blanks, 0);
    }
}
END_TEST

/* chapter with `from` replaced by `to` (the first time). */
static const char *edited(const char *from, const char *to)
{
    const char *at = strstr(chapter, from);
    ck_assert_ptr_nonnull(at);
    size_t n = strlen(chapter) - strlen(from) + strlen(to) + 1;
    char *s = keep(malloc(n));
    snprintf(s, n, "%.*s%s%s", (int)(at - chapter), chapter, to, at + strlen(from));
    return s;
}

START_TEST(test_markers_read_as_the_workbook_reads_them)
{
    const char *page, *err;
    /* END SOLUTION with a name, as workbook.c accepts it */
    ck_assert_int_eq(weave(edited("/* END SOLUTION */", "/* END SOLUTION share */"), printed,
                           "fit.png", "", &page, &err), 0);
    ck_assert_ptr_nonnull(strstr(page, "    return pi_k;\n"));
    /* an unclosed region is an error, not the rest of the chapter folded */
    ck_assert_int_eq(weave(edited("    /* END SOLUTION */\n", ""), printed, "fit.png", "", &page,
                           &err), 1);
    ck_assert_ptr_nonnull(strstr(err, "ch.c: 14: BEGIN SOLUTION share is never closed"));
    /* a prose comment whose last line is not the comment's end alone */
    ck_assert_int_eq(weave(edited(" * ## Step 1\n */\n", " * ## Step 1 */\n"), printed,
                           "fit.png", "", &page, &err), 1);
    ck_assert_ptr_nonnull(strstr(err, "a prose comment ends with */ alone on its line"));
    /* @output 0 */
    ck_assert_int_eq(weave(edited(" * @output 2\n", " * @output 0\n"), printed, "fit.png", "",
                           &page, &err), 1);
    ck_assert_ptr_nonnull(strstr(err, "@output 0 places nothing"));
}
END_TEST

START_TEST(test_caption_ends_at_a_heading)
{
    const char *page, *err;
    const char *src = edited(" * $\\mu_k$ marked.\n *\n * @output 2\n *\n",
                             " * $\\mu_k$ marked.\n * @output 2\n");
    ck_assert_int_eq(weave(edited(" * @output 2\n *\n * ## How the figures", " * @output 2\n * ## How the figures"),
                           printed, "fit.png", "", &page, &err), 0);
    ck_assert_ptr_nonnull(strstr(page, "<summary>How the figures are drawn</summary>"));
    ck_assert_int_eq(weave(src, printed, "fit.png", "", &page, &err), 0);
    ck_assert_ptr_nonnull(strstr(page, "[![The fit, with $\\mu_k$ marked.](ch/fit.png)]"));
}
END_TEST

START_TEST(test_build_refuses_a_misspelt_edition)
{
    const char *out, *err;
    ck_assert_int_eq(shell(&out, &err, "sh docs/build.sh build '%s' yes", make_tmpdir()), 2);
    ck_assert_ptr_nonnull(strstr(err, "SOLUTIONS=yes: it is SOLUTIONS=open"));
}
END_TEST

Suite *docs_suite(void)
{
    Suite *s = suite_create("docs");
    TCase *tc = tcase_create("weave");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_blank_shown_solution_folded);
    tcase_add_test(tc, test_lecturers_edition_opens_solutions);
    tcase_add_test(tc, test_output_and_figure_where_the_markers_are);
    tcase_add_test(tc, test_figure_code_folded_until_the_next_heading);
    tcase_add_test(tc, test_refuses_what_is_not_placed);
    tcase_add_test(tc, test_chapter_blanks_match_the_workbook);
    tcase_add_test(tc, test_markers_read_as_the_workbook_reads_them);
    tcase_add_test(tc, test_caption_ends_at_a_heading);
    tcase_add_test(tc, test_build_refuses_a_misspelt_edition);
    suite_add_tcase(s, tc);
    return s;
}
