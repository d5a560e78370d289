/* test_figure.c — data blocks, drivers, and real gnuplot runs. */
#include "emlab_test.h"
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A figure "loglik" of a short curve, written into fd. */
static void write_loglik(em_figdir *fd, const char *name, const char *title)
{
    char err[512];
    em_fig f;
    ck_assert_msg(em_fig_begin(&f, fd, name, "lines.gp", err, sizeof err) == EM_OK, "%s", err);
    FILE *out = em_fig_block(&f, "curve1");
    double l[5] = {-640.5, -630.25, -620.0, -617.0, -616.7};
    for (int t = 0; t < 5; t++)
        fprintf(out, "%d %.17g\n", t, l[t]);
    em_fig_set_str(&f, "title_text", title);
    em_fig_set_str(&f, "xlabel_text", "iteration");
    em_fig_set_str(&f, "ylabel_text", "log-likelihood");
    em_fig_set_num(&f, "fig_w", 800);
    em_fig_set_num(&f, "xtics_step", 1);
    ck_assert_msg(em_fig_end(&f, err, sizeof err) == EM_OK, "%s", err);
}

/* The file exists and begins with the given magic bytes. */
static void expect_magic(const char *dir, const char *file, const char *magic)
{
    const char *p = path_in(dir, file);
    char head[16] = {0};
    FILE *f = fopen(p, "rb");
    ck_assert_msg(f != NULL, "%s was not drawn", p);
    ck_assert_uint_gt(fread(head, 1, sizeof head - 1, f), 4);
    fclose(f);
    ck_assert_msg(memcmp(head, magic, strlen(magic)) == 0, "%s does not start with %s", p, magic);
}

START_TEST(test_format_names)
{
    em_fig_format f;
    const char *names[] = {"png", "svg", "pdf", "gif", "none"};
    for (int i = 0; i < 5; i++) {
        ck_assert_int_eq(em_fig_format_parse(names[i], &f), EM_OK);
        ck_assert_str_eq(em_fig_format_name(f), names[i]);
    }
    ck_assert_int_eq(em_fig_format_parse("jpeg", &f), EM_EINVAL);
    ck_assert_int_eq(em_fig_format_parse(NULL, &f), EM_EINVAL);
}
END_TEST

/* Move the run's files into the folder. */
static void commit(em_figdir *fd)
{
    char err[1024];
    ck_assert_msg(em_figdir_commit(fd, err, sizeof err) == EM_OK, "%s", err);
}

START_TEST(test_writes_data_driver_style_and_template)
{
    const char *dir = make_tmpdir();
    char err[512];
    em_figdir fd;
    ck_assert_int_eq(em_figdir_open(&fd, dir, EM_FIG_NONE, err, sizeof err), EM_OK);
    write_loglik(&fd, "loglik", "It's EM");
    ck_assert_int_eq(em_figdir_render(&fd, err, sizeof err), EM_OK); /* none: no gnuplot */
    ck_assert_int_eq(access(path_in(dir, "loglik.dat"), F_OK), -1); /* not before the commit */
    commit(&fd);
    const char *dat = slurp(path_in(dir, "loglik.dat"));
    const char *gp = slurp(path_in(dir, "loglik.gp"));
    const char *style = slurp(path_in(dir, "style.gp"));
    const char *tmpl = slurp(path_in(dir, "lines.gp"));
    ck_assert_ptr_nonnull(dat);
    ck_assert_ptr_nonnull(style);
    ck_assert_ptr_nonnull(tmpl);
    ck_assert_str_eq(tmpl, em_plot_source("lines.gp"));
    ck_assert(strncmp(dat, "# curve1\n0 -640.5\n", 18) == 0);
    ck_assert_ptr_nonnull(strstr(gp, "title_text = 'It''s EM'\n"));
    ck_assert_ptr_nonnull(strstr(gp, "fig_w = 800\n"));
    ck_assert_ptr_nonnull(strstr(gp, "load 'style.gp'\n"));
    ck_assert_ptr_nonnull(strstr(gp, "load 'lines.gp'\n"));
    ck_assert_int_eq(access(path_in(dir, "loglik.png"), F_OK), -1);
    em_figdir_close(&fd);
}
END_TEST

START_TEST(test_tex_labels_are_latex)
{
    /* --format tex: LaTeX sets the text, so labels go into math mode */
    const char *dir = make_tmpdir();
    char err[512];
    em_figdir fd;
    ck_assert_int_eq(em_figdir_open(&fd, dir, EM_FIG_TEX, err, sizeof err), EM_OK);
    em_fig f;
    ck_assert_int_eq(em_fig_begin(&f, &fd, "t", "lines.gp", err, sizeof err), EM_OK);
    fprintf(em_fig_block(&f, "curve1"), "0 1\n1 2\n");
    em_fig_set_str(&f, "ylabel_text", "π_k N(x | μ_k, σ_k^2)");
    em_fig_set_str(&f, "title_text", "50% of points & more_data");
    ck_assert_int_eq(em_fig_end(&f, err, sizeof err), EM_OK);
    ck_assert_msg(em_figdir_render(&fd, err, sizeof err) == EM_OK, "%s", err);
    commit(&fd);
    const char *gp = slurp(path_in(dir, "t.gp"));
    ck_assert_ptr_nonnull(strstr(gp, "ylabel_text = '$\\pi _k$ N(x $|$ $\\mu _k,$ $\\sigma _k^2)$'"));
    ck_assert_ptr_nonnull(strstr(gp, "title_text = '50\\% of points \\& $more_data$'"));
    ck_assert_int_eq(access(path_in(dir, "t.tex"), F_OK), 0);
    em_figdir_close(&fd);
}
END_TEST

START_TEST(test_same_input_same_bytes)
{
    const char *a = make_tmpdir(), *b = make_tmpdir();
    char err[512];
    em_figdir fa, fb;
    ck_assert_int_eq(em_figdir_open(&fa, a, EM_FIG_PNG, err, sizeof err), EM_OK);
    ck_assert_int_eq(em_figdir_open(&fb, b, EM_FIG_PNG, err, sizeof err), EM_OK);
    write_loglik(&fa, "loglik", "EM");
    write_loglik(&fb, "loglik", "EM");
    commit(&fa);
    commit(&fb);
    ck_assert_str_eq(slurp(path_in(a, "loglik.dat")), slurp(path_in(b, "loglik.dat")));
    ck_assert_str_eq(slurp(path_in(a, "loglik.gp")), slurp(path_in(b, "loglik.gp")));
    em_figdir_close(&fa);
    em_figdir_close(&fb);
}
END_TEST

/* Draw one figure in format fmt and check the file's magic bytes. */
static void render_one(em_fig_format fmt, const char *file, const char *magic)
{
    const char *dir = make_tmpdir();
    char err[1024];
    em_figdir fd;
    ck_assert_int_eq(em_figdir_open(&fd, dir, fmt, err, sizeof err), EM_OK);
    write_loglik(&fd, "loglik", "Log-likelihood");
    ck_assert_msg(em_figdir_render(&fd, err, sizeof err) == EM_OK, "%s", err);
    commit(&fd);
    expect_magic(dir, file, magic);
    em_figdir_close(&fd);
}

START_TEST(test_renders_png) { render_one(EM_FIG_PNG, "loglik.png", "\x89PNG"); }
END_TEST
START_TEST(test_renders_svg) { render_one(EM_FIG_SVG, "loglik.svg", "<?xml"); }
END_TEST
START_TEST(test_renders_pdf) { render_one(EM_FIG_PDF, "loglik.pdf", "%PDF"); }
END_TEST
START_TEST(test_renders_gif) { render_one(EM_FIG_GIF, "loglik.gif", "GIF8"); }
END_TEST

START_TEST(test_panel_and_animation)
{
    const char *dir = make_tmpdir();
    char err[1024];
    em_figdir fd;
    ck_assert_int_eq(em_figdir_open(&fd, dir, EM_FIG_PNG, err, sizeof err), EM_OK);
    const char *names[4] = {"a", "b", "c", "d"};
    for (int i = 0; i < 4; i++)
        write_loglik(&fd, names[i], names[i]);
    ck_assert_int_eq(em_fig_panel(&fd, "panel", "Four views", 2, 2, names, 4, 1200, 900, err,
                                  sizeof err), EM_OK);
    ck_assert_int_eq(em_fig_animation(&fd, "anim", names, 4, 50, 800, 600, err, sizeof err), EM_OK);
    write_loglik(&fd, "after", "drawn after the animation, in the same gnuplot");
    ck_assert_msg(em_figdir_render(&fd, err, sizeof err) == EM_OK, "%s", err);
    commit(&fd);
    expect_magic(dir, "after.png", "\x89PNG");
    expect_magic(dir, "a.png", "\x89PNG");
    expect_magic(dir, "panel.png", "\x89PNG");
    expect_magic(dir, "anim.gif", "GIF89a");
    /* an animated GIF has one image descriptor per frame: count ',' after a
     * graphic control block (0x21 0xF9) */
    const char *p = path_in(dir, "anim.gif");
    FILE *f = fopen(p, "rb");
    unsigned char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f), frames = 0;
    fclose(f);
    for (size_t i = 0; i + 1 < n; i++)
        if (buf[i] == 0x21 && buf[i + 1] == 0xF9)
            frames++;
    ck_assert_uint_ge(frames, 4);
    em_figdir_close(&fd);
}
END_TEST

START_TEST(test_driver_redraws_with_plain_gnuplot)
{
    const char *dir = make_tmpdir();
    char err[1024], cmd[1024];
    em_figdir fd;
    ck_assert_int_eq(em_figdir_open(&fd, dir, EM_FIG_PNG, err, sizeof err), EM_OK);
    write_loglik(&fd, "loglik", "By hand");
    commit(&fd);
    em_figdir_close(&fd);
    snprintf(cmd, sizeof cmd, "cd '%s' && gnuplot loglik.gp 2>&1", dir);
    ck_assert_int_eq(system(cmd), 0);
    expect_magic(dir, "loglik.png", "\x89PNG");
}
END_TEST

START_TEST(test_missing_gnuplot_keeps_data_and_says_how)
{
    const char *dir = make_tmpdir();
    char err[1024];
    em_figdir fd;
    ck_assert_int_eq(em_figdir_open(&fd, dir, EM_FIG_PNG, err, sizeof err), EM_OK);
    fd.gnuplot = "/nonexistent/gnuplot";
    write_loglik(&fd, "loglik", "x");
    ck_assert_int_eq(em_figdir_render(&fd, err, sizeof err), EM_EGNUPLOT);
    ck_assert_msg(strstr(err, "was not found") && strstr(err, "apt-get install gnuplot-nox") &&
                      strstr(err, "gnuplot loglik.gp"),
                  "%s", err);
    commit(&fd);
    ck_assert_int_eq(access(path_in(dir, "loglik.dat"), F_OK), 0);
    ck_assert_int_eq(access(path_in(dir, "loglik.gp"), F_OK), 0);
    em_figdir_close(&fd);
}
END_TEST

START_TEST(test_gnuplot_error_is_reported)
{
    const char *dir = make_tmpdir();
    char err[1024];
    em_figdir fd;
    ck_assert_int_eq(em_figdir_open(&fd, dir, EM_FIG_PNG, err, sizeof err), EM_OK);
    em_fig f;
    ck_assert_int_eq(em_fig_begin(&f, &fd, "broken", "lines.gp", err, sizeof err), EM_OK);
    fprintf(em_fig_block(&f, "other"), "1 2\n"); /* no block 'curve1' */
    ck_assert_int_eq(em_fig_end(&f, err, sizeof err), EM_OK);
    ck_assert_int_eq(em_figdir_render(&fd, err, sizeof err), EM_EGNUPLOT);
    ck_assert_msg(strstr(err, "gnuplot failed:") && strstr(err, "gnuplot broken.gp"), "%s", err);
    em_figdir_close(&fd);
}
END_TEST

START_TEST(test_unwritable_folder)
{
    char err[512];
    em_figdir fd;
    ck_assert_int_eq(em_figdir_open(&fd, "/proc/emlab/out", EM_FIG_PNG, err, sizeof err), EM_EIO);
    ck_assert_ptr_nonnull(strstr(err, "/proc/emlab/out: cannot create the output folder"));
    const char *dir = make_tmpdir();
    const char *file = write_file(dir, "plain", "x");
    ck_assert_int_eq(em_figdir_open(&fd, file, EM_FIG_PNG, err, sizeof err), EM_EIO);
}
END_TEST

START_TEST(test_abort_leaves_nothing)
{
    const char *dir = make_tmpdir();
    char err[512];
    em_figdir fd;
    ck_assert_int_eq(em_figdir_open(&fd, dir, EM_FIG_PNG, err, sizeof err), EM_OK);
    em_fig f;
    ck_assert_int_eq(em_fig_begin(&f, &fd, "half", "lines.gp", err, sizeof err), EM_OK);
    fprintf(em_fig_block(&f, "curve"), "1 2\n");
    em_fig_abort(&f);
    ck_assert_int_eq(access(path_in(dir, "half.dat"), F_OK), -1);
    ck_assert_int_eq(access(path_in(dir, "half.dat.tmp"), F_OK), -1);
    ck_assert_uint_eq(fd.n_scripts, 0);
    em_figdir_close(&fd);
    /* nothing of the run is left: only the folder's lock file */
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d)))
        ck_assert_msg(strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
                          strcmp(e->d_name, ".emlab.lock") == 0,
                      "%s left behind", e->d_name);
    closedir(d);
}
END_TEST

Suite *figure_suite(void)
{
    Suite *s = suite_create("figure");
    TCase *tc = tcase_create("writer");
    tcase_add_test(tc, test_format_names);
    tcase_add_test(tc, test_writes_data_driver_style_and_template);
    tcase_add_test(tc, test_same_input_same_bytes);
    tcase_add_test(tc, test_tex_labels_are_latex);
    tcase_add_test(tc, test_unwritable_folder);
    tcase_add_test(tc, test_abort_leaves_nothing);
    suite_add_tcase(s, tc);
    TCase *gp = tcase_create("gnuplot");
    tcase_set_timeout(gp, 30);
    tcase_add_test(gp, test_renders_png);
    tcase_add_test(gp, test_renders_svg);
    tcase_add_test(gp, test_renders_pdf);
    tcase_add_test(gp, test_renders_gif);
    tcase_add_test(gp, test_panel_and_animation);
    tcase_add_test(gp, test_driver_redraws_with_plain_gnuplot);
    tcase_add_test(gp, test_missing_gnuplot_keeps_data_and_says_how);
    tcase_add_test(gp, test_gnuplot_error_is_reported);
    suite_add_tcase(s, gp);
    return s;
}
