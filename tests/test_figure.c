/* test_figure.c — data blocks, drivers, and real gnuplot runs. */
#include "emlab_test.h"
#include <dirent.h>
#include <math.h>
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

/* --- one palette, and the figures of EM ------------------------------- */

/* The colour of line style k in style.gp: "set style line k lc rgb X", X a
 * quoted '#rrggbb' or a variable set to one. */
static unsigned style_colour(const char *style, int k)
{
    char want[64], name[32], hex[8];
    snprintf(want, sizeof want, "set style line %d lc rgb ", k);
    const char *p = strstr(style, want);
    ck_assert_msg(p != NULL, "style.gp has no line style %d", k);
    p += strlen(want);
    if (*p != '\'') { /* a variable: find "NAME = '#...'" */
        ck_assert_int_eq(sscanf(p, "%31[a-z_]", name), 1);
        char def[48];
        snprintf(def, sizeof def, "\n%s", name);
        const char *q = strstr(style, def);
        while (q && !strchr(" =", q[strlen(def)]))
            q = strstr(q + 1, def);
        ck_assert_msg(q != NULL, "style.gp does not set %s", name);
        p = strchr(q, '\'');
    }
    ck_assert_int_eq(sscanf(p, "'#%6[0-9a-f]'", hex), 1);
    return (unsigned)strtoul(hex, NULL, 16);
}

START_TEST(test_palette_is_style_gp)
{
    const char *style = em_plot_source("style.gp");
    for (int k = 1; k <= EM_PALETTE_SIZE; k++)
        ck_assert_msg(style_colour(style, k) == em_palette[k - 1],
                      "line style %d of style.gp is #%06x, em_palette[%d] #%06x", k,
                      style_colour(style, k), k - 1, em_palette[k - 1]);
}
END_TEST

/* sRGB channel (0..255) to linear light. */
static double linear(unsigned c)
{
    double v = c / 255.0;
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

/* CIE L*a*b* (D65) of a colour as seen with colour vision deficiency M
 * (Machado, Oliveira and Fernandes 2009, severity 1, in linear RGB). */
static void lab_seen(unsigned rgb, const double M[3][3], double lab[3])
{
    double c[3] = {linear(rgb >> 16 & 255), linear(rgb >> 8 & 255), linear(rgb & 255)}, s[3];
    for (int i = 0; i < 3; i++) {
        s[i] = M[i][0] * c[0] + M[i][1] * c[1] + M[i][2] * c[2];
        s[i] = s[i] < 0 ? 0 : s[i] > 1 ? 1 : s[i];
    }
    static const double XYZ[3][3] = {
        {0.4124, 0.3576, 0.1805}, {0.2126, 0.7152, 0.0722}, {0.0193, 0.1192, 0.9505}};
    static const double white[3] = {0.95047, 1.0, 1.08883};
    double f[3];
    for (int i = 0; i < 3; i++) {
        double t = (XYZ[i][0] * s[0] + XYZ[i][1] * s[1] + XYZ[i][2] * s[2]) / white[i];
        f[i] = t > 216.0 / 24389 ? cbrt(t) : t * 841.0 / 108 + 4.0 / 29;
    }
    lab[0] = 116 * f[1] - 16;
    lab[1] = 500 * (f[0] - f[1]);
    lab[2] = 200 * (f[1] - f[2]);
}

START_TEST(test_palette_stays_distinct_for_colour_blind_readers)
{
    static const char *const names[4] = {"normal vision", "protanopia", "deuteranopia",
                                         "tritanopia"};
    static const double M[4][3][3] = {
        {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
        {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216},
         {-0.003882, -0.048116, 1.051998}},
        {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413},
         {-0.011820, 0.042940, 0.968881}},
        {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602},
         {0.004733, 0.691367, 0.303900}}};
    for (int v = 0; v < 4; v++)
        for (int a = 0; a < 6; a++)
            for (int b = a + 1; b < 6; b++) {
                double la[3], lb[3];
                lab_seen(em_palette[a], M[v], la);
                lab_seen(em_palette[b], M[v], lb);
                double dE = sqrt(pow(la[0] - lb[0], 2) + pow(la[1] - lb[1], 2) +
                                 pow(la[2] - lb[2], 2));
                double need = b < 5 ? 20.0 : 15.0; /* the first five; the sixth */
                ck_assert_msg(dE >= need, "with %s, components %d and %d differ by only %.1f",
                              names[v], a + 1, b + 1, dE);
            }
}
END_TEST

START_TEST(test_mix_is_each_colour_by_its_share)
{
    const double one[2] = {1, 0}, two[2] = {0, 1}, half[2] = {0.5, 0.5};
    ck_assert_uint_eq(em_fig_mix(one, 2), em_palette[0]);
    ck_assert_uint_eq(em_fig_mix(two, 2), em_palette[1]);
    unsigned m = em_fig_mix(half, 2);
    for (int sh = 0; sh < 24; sh += 8) {
        double want = 0.5 * ((em_palette[0] >> sh & 255) + (em_palette[1] >> sh & 255));
        ck_assert(fabs((double)(m >> sh & 255) - want) <= 0.5);
    }
}
END_TEST

/* A two-component 2-D model and four points, two near each mean. */
static void small_2d(em_gmm *m, double *x, double *resp)
{
    ck_assert_int_eq(em_gmm_alloc(m, 2, 2), EM_OK);
    const double mean[4] = {0, 0, 4, 4}, cov[8] = {1, 0, 0, 1, 1, 0.5, 0.5, 1};
    memcpy(m->mean, mean, sizeof mean);
    memcpy(m->cov, cov, sizeof cov);
    m->weight[0] = m->weight[1] = 0.5;
    const double xy[8] = {-1, 0, 0.5, 1, 4, 3, 5, 5}, r[8] = {1, 0, 0.75, 0.25, 0, 1, 0, 1};
    memcpy(x, xy, sizeof xy);
    memcpy(resp, r, sizeof r);
}

START_TEST(test_snapshot_2d_writes_points_means_ellipses_frame)
{
    const char *dir = make_tmpdir();
    char err[512];
    em_figdir fd;
    em_gmm m;
    double x[8], resp[8];
    small_2d(&m, x, resp);
    ck_assert_int_eq(em_figdir_open(&fd, dir, EM_FIG_PNG, err, sizeof err), EM_OK);
    const em_fig_2d look = {.title = "Iteration 3", .a = 0, .b = 1};
    ck_assert_msg(em_fig_snapshot_2d(&fd, "snap", x, 4, &m, resp, &look, err, sizeof err) ==
                      EM_OK, "%s", err);
    ck_assert_msg(em_figdir_render(&fd, err, sizeof err) == EM_OK, "%s", err);
    commit(&fd);
    const char *dat = slurp(path_in(dir, "snap.dat")), *gp = slurp(path_in(dir, "snap.gp"));
    char row[64];
    snprintf(row, sizeof row, "\n-1 0 %u\n", em_palette[0]); /* gamma = (1, 0) */
    ck_assert_msg(strstr(dat, row) != NULL, "no point coloured as component 1: %s", dat);
    snprintf(row, sizeof row, "\n4 3 %u\n", em_palette[1]);
    ck_assert_ptr_nonnull(strstr(dat, row));
    ck_assert_ptr_nonnull(strstr(dat, "# mean_c2\n4 4\n"));
    ck_assert_ptr_nonnull(strstr(dat, "# sig2_c1\n"));
    /* the frame: the data's extent (-1..5 by 0..5) and 15% on each side */
    double lim[3];
    ck_assert_int_eq(sscanf(strstr(gp, "x_min = "), "x_min = %lf", &lim[0]), 1);
    ck_assert_int_eq(sscanf(strstr(gp, "x_max = "), "x_max = %lf", &lim[1]), 1);
    ck_assert_int_eq(sscanf(strstr(gp, "y_max = "), "y_max = %lf", &lim[2]), 1);
    ck_assert(fabs(lim[0] + 1.9) < 1e-12 && fabs(lim[1] - 5.9) < 1e-12);
    ck_assert(fabs(lim[2] - 5.75) < 1e-12);
    ck_assert_ptr_nonnull(strstr(gp, "style_2 = 2\n"));
    expect_magic(dir, "snap.png", "\x89PNG");
    em_figdir_close(&fd);
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_mixture_1d_and_curves_render)
{
    const char *dir = make_tmpdir();
    char err[512];
    em_figdir fd;
    em_gmm m;
    ck_assert_int_eq(em_gmm_alloc(&m, 2, 1), EM_OK);
    m.weight[0] = 0.7, m.weight[1] = 0.3, m.mean[1] = 5, m.cov[0] = m.cov[1] = 1;
    double x[50], l[6] = {-9, -7, -6, -5.5, -5.4, -5.4};
    for (int i = 0; i < 50; i++)
        x[i] = i < 35 ? -1 + i / 17.0 : 4 + (i - 35) / 7.0;
    ck_assert_int_eq(em_figdir_open(&fd, dir, EM_FIG_PNG, err, sizeof err), EM_OK);
    const em_fig_1d look = {.title = "fit", .weighted_keys = 1, .bins = 10};
    ck_assert_msg(em_fig_mixture_1d(&fd, "fit", &m, x, 50, &look, err, sizeof err) == EM_OK,
                  "%s", err);
    const em_fig_curve c = {.y = l, .n = 6, .key = "log L"};
    const em_fig_mark mark = {4, -5.4, 0.5, "stops"};
    const em_fig_axes axes = {.title = "loglik", .xlabel = "iteration", .xtics_step = 1};
    ck_assert_msg(em_fig_curves(&fd, "ll", &c, 1, &mark, 1, &axes, err, sizeof err) == EM_OK,
                  "%s", err);
    ck_assert_msg(em_figdir_render(&fd, err, sizeof err) == EM_OK, "%s", err);
    commit(&fd);
    const char *fit = slurp(path_in(dir, "fit.gp")), *ll = slurp(path_in(dir, "ll.dat"));
    ck_assert_ptr_nonnull(strstr(fit, "n_curves = 3\n"));
    ck_assert_ptr_nonnull(strstr(fit, "key_3 = 'π_2 N(x | μ_2, σ_2^2)'\n"));
    ck_assert_ptr_nonnull(strstr(ll, "# curve1\n0 -9\n1 -7\n"));
    ck_assert_ptr_nonnull(strstr(ll, "# marks\n4 -5.4000000000000004 \"stops\" 4 -4.9000000000000004\n"));
    expect_magic(dir, "fit.png", "\x89PNG");
    expect_magic(dir, "ll.png", "\x89PNG");
    em_figdir_close(&fd);
    em_gmm_free(&m);
}
END_TEST

/* A panel's frames start afresh: a log-scale frame leaves neither its
 * log_y nor its logarithmic axis to a frame of negative numbers after it
 * (which gnuplot then refused: "all points y value undefined"). */
START_TEST(test_panel_frames_forget_their_settings)
{
    const char *dir = make_tmpdir();
    char err[512];
    em_figdir fd;
    double v[3] = {1e-2, 1e-6, 1e-12}, l[3] = {-60, -45, -36};
    ck_assert_int_eq(em_figdir_open(&fd, dir, EM_FIG_PNG, err, sizeof err), EM_OK);
    const em_fig_curve cv = {.y = v, .n = 3}, cl = {.y = l, .n = 3};
    const em_fig_axes log_axes = {.title = "variance", .log_y = 1}, lin = {.title = "log L"};
    ck_assert_int_eq(em_fig_curves(&fd, "var", &cv, 1, NULL, 0, &log_axes, err, sizeof err), EM_OK);
    ck_assert_int_eq(em_fig_curves(&fd, "ll", &cl, 1, NULL, 0, &lin, err, sizeof err), EM_OK);
    const char *two[2] = {"var", "ll"};
    ck_assert_int_eq(em_fig_panel(&fd, "both", "both", 1, 2, two, 2, 900, 400, err, sizeof err),
                     EM_OK);
    ck_assert_msg(em_figdir_render(&fd, err, sizeof err) == EM_OK, "%s", err);
    commit(&fd);
    expect_magic(dir, "both.png", "\x89PNG");
    ck_assert_ptr_nonnull(strstr(slurp(path_in(dir, "var.gp")), " log_y }"));
    /* and a logarithmic axis takes no y at or below 0 */
    ck_assert_int_eq(em_fig_curves(&fd, "bad", &cl, 1, NULL, 0, &log_axes, err, sizeof err),
                     EM_EINVAL);
    em_figdir_close(&fd);
}
END_TEST

/* One name, one figure: a second figure, panel or animation of a name
 * already written in the run is refused (its driver replaced the first's,
 * and chapter 7's animation "kmeans" hid its figure "kmeans"). */
START_TEST(test_a_name_is_drawn_once)
{
    const char *dir = make_tmpdir();
    char err[512];
    em_figdir fd;
    double l[2] = {1, 2};
    ck_assert_int_eq(em_figdir_open(&fd, dir, EM_FIG_NONE, err, sizeof err), EM_OK);
    const em_fig_curve c = {.y = l, .n = 2};
    const em_fig_axes axes = {.title = "t"};
    ck_assert_int_eq(em_fig_curves(&fd, "a", &c, 1, NULL, 0, &axes, err, sizeof err), EM_OK);
    ck_assert_int_eq(em_fig_curves(&fd, "a", &c, 1, NULL, 0, &axes, err, sizeof err), EM_EINVAL);
    ck_assert_str_eq(err, "a: a figure of that name is already written in this run");
    const char *one[1] = {"a"};
    ck_assert_int_eq(em_fig_animation(&fd, "a", one, 1, 50, 400, 300, err, sizeof err), EM_EINVAL);
    ck_assert_int_eq(em_fig_panel(&fd, "a", "", 1, 1, one, 1, 400, 300, err, sizeof err),
                     EM_EINVAL);
    ck_assert_int_eq(em_fig_panel(&fd, "ab", "", 1, 1, one, 1, 400, 300, err, sizeof err), EM_OK);
    em_figdir_close(&fd);
}
END_TEST

/* k-means' hard clusters: no ellipses, a key of clusters and centres, and
 * a figure small enough to draw (its key's rows once made its height
 * 2^64 pixels, and cairo refused). */
START_TEST(test_snapshot_of_hard_clusters_renders)
{
    const char *dir = make_tmpdir();
    char err[512];
    em_figdir fd;
    double x[8] = {0, 0, 1, 0, 5, 5, 6, 5}, r[8] = {1, 0, 1, 0, 0, 1, 0, 1};
    double w[2] = {0.5, 0.5}, mu[4] = {0.5, 0, 5.5, 5}, S[8] = {1, 0, 0, 1, 1, 0, 0, 1};
    em_gmm m = {.K = 2, .d = 2, .weight = w, .mean = mu, .cov = S};
    ck_assert_int_eq(em_figdir_open(&fd, dir, EM_FIG_PNG, err, sizeof err), EM_OK);
    const em_fig_2d look = {.title = "k-means", .a = 0, .b = 1, .hard = 1};
    ck_assert_msg(em_fig_snapshot_2d(&fd, "km", x, 4, &m, r, &look, err, sizeof err) == EM_OK, "%s", err);
    ck_assert_msg(em_figdir_render(&fd, err, sizeof err) == EM_OK, "%s", err);
    commit(&fd);
    expect_magic(dir, "km.png", "\x89PNG");
    const char *gp = slurp(path_in(dir, "km.gp"));
    ck_assert_ptr_nonnull(strstr(gp, "hard = 1\n"));
    ck_assert_ptr_nonnull(strstr(gp, "fig_h = 722\n"));
    em_figdir_close(&fd);
}
END_TEST

START_TEST(test_embedded_plots_are_the_files_byte_for_byte)
{
    /* every plots file inside the library whole, UTF-8 and all (an awk
     * that counts characters, not bytes, once cut them short) */
    static const char *const files[] = {"style.gp", "terminal.gp", "curves.gp", "lines.gp",
                                        "resp2d.gp", "samples2d.gp", "heatmap.gp", "stacked.gp"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[64];
        snprintf(path, sizeof path, "plots/%s", files[i]);
        const char *want = slurp(path), *got = em_plot_source(files[i]);
        ck_assert_msg(want && got && strcmp(want, got) == 0, "%s differs from the library's",
                      files[i]);
    }
}
END_TEST

START_TEST(test_figures_of_em_refuse_what_they_cannot_draw)
{
    const char *dir = make_tmpdir();
    char err[512];
    em_figdir fd;
    em_gmm m;
    double x[8], resp[8];
    small_2d(&m, x, resp);
    ck_assert_int_eq(em_figdir_open(&fd, dir, EM_FIG_NONE, err, sizeof err), EM_OK);
    const em_fig_2d look = {.a = 0, .b = 1};
    /* no points; a point not finite; a model not finite: refused, said */
    ck_assert_int_eq(em_fig_snapshot_2d(&fd, "s0", x, 0, &m, resp, &look, err, sizeof err),
                     EM_EINVAL);
    ck_assert_str_eq(err, "figure s0: no points to draw");
    x[3] = NAN;
    ck_assert_int_eq(em_fig_snapshot_2d(&fd, "s1", x, 4, &m, resp, &look, err, sizeof err),
                     EM_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "not a finite number"));
    x[3] = 1;
    m.mean[0] = INFINITY;
    ck_assert_int_eq(em_fig_snapshot_2d(&fd, "s2", x, 4, &m, resp, &look, err, sizeof err),
                     EM_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "the model has a parameter"));
    m.mean[0] = 0;
    /* no responsibilities: grey points; a singular covariance: no ellipse */
    m.cov[4] = m.cov[5] = m.cov[6] = m.cov[7] = 1;
    ck_assert_msg(em_fig_snapshot_2d(&fd, "s3", x, 4, &m, NULL, &look, err, sizeof err) ==
                      EM_OK, "%s", err);
    const em_fig_1d one = {.title = "t"};
    ck_assert_int_eq(em_fig_mixture_1d(&fd, "m0", &m, x, 0, &one, err, sizeof err), EM_EINVAL);
    const double y[1] = {NAN};
    const em_fig_curve c = {.y = y, .n = 1}, none = {.y = y, .n = 0};
    const em_fig_axes axes = {.title = "t"};
    ck_assert_int_eq(em_fig_curves(&fd, "c0", &c, 0, NULL, 0, &axes, err, sizeof err),
                     EM_EINVAL);
    ck_assert_int_eq(em_fig_curves(&fd, "c1", &none, 1, NULL, 0, &axes, err, sizeof err),
                     EM_EINVAL);
    ck_assert_int_eq(em_fig_curves(&fd, "c2", &c, 1, NULL, 0, &axes, err, sizeof err),
                     EM_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "figure c2: a curve has no points"));
    commit(&fd);
    const char *dat = slurp(path_in(dir, "s3.dat"));
    ck_assert_ptr_nonnull(strstr(dat, "-1 0 8355711\n")); /* 0x7f7f7f */
    ck_assert_ptr_nonnull(strstr(dat, "# sig1_c2\nNaN NaN\n"));
    ck_assert_int_eq(access(path_in(dir, "s0.dat"), F_OK), -1);
    em_figdir_close(&fd);
    em_gmm_free(&m);
}
END_TEST

START_TEST(test_frame_of_points_all_alike)
{
    /* a relative margin: 1e8 everywhere gets a frame, not an empty range */
    double x[6] = {1e8, 3, 1e8, 3, 1e8, 3}, f[4];
    em_fig_frame_2d(x, 3, 2, 0, 1, f);
    ck_assert(f[0] < 1e8 && f[1] > 1e8 && f[1] - f[0] >= 1e7);
    ck_assert(f[2] < 3 && f[3] > 3 && f[3] - f[2] >= 2);
    const double y[4] = {0, 0, 2, 4};
    em_fig_frame_2d(y, 2, 2, 0, 1, f);
    ck_assert(fabs(f[0] + 0.3) < 1e-12 && fabs(f[1] - 2.3) < 1e-12);
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
    tcase_add_test(gp, test_snapshot_2d_writes_points_means_ellipses_frame);
    tcase_add_test(gp, test_mixture_1d_and_curves_render);
    suite_add_tcase(s, gp);
    TCase *pal = tcase_create("palette");
    tcase_add_test(pal, test_palette_is_style_gp);
    tcase_add_test(pal, test_palette_stays_distinct_for_colour_blind_readers);
    tcase_add_test(pal, test_mix_is_each_colour_by_its_share);
    tcase_add_test(pal, test_embedded_plots_are_the_files_byte_for_byte);
    tcase_add_test(pal, test_figures_of_em_refuse_what_they_cannot_draw);
    tcase_add_test(pal, test_frame_of_points_all_alike);
    tcase_add_test(pal, test_panel_frames_forget_their_settings);
    tcase_add_test(pal, test_a_name_is_drawn_once);
    tcase_add_test(pal, test_snapshot_of_hard_clusters_renders);
    suite_add_tcase(s, pal);
    return s;
}
