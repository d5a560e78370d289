/* figure_em.c — the figures of EM, at the level a chapter thinks in: a
 * mixture's density as an image, samples coloured by their component, a
 * 1-D mixture over its data, a 2-D snapshot of EM (points coloured by
 * their responsibilities, each component's mean and ellipses), and curves
 * with marked points. Each is one call that writes a whole figure with the
 * figure layer of figure.c; chapters and `emlab` draw with these, so one
 * palette and one look hold everywhere. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figure.h"
#include "gauss.h"
#include "histogram.h"

/* EM_EINVAL, with what is wrong in err (figure NAME: ...). */
static em_status refuse(const char *name, char *err, size_t len, const char *why)
{
    snprintf(err, len, "figure %s: %s", name, why);
    return EM_EINVAL;
}

/* Are all n values (stride apart) finite? */
static int all_finite(const double *v, size_t n, size_t stride)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i * stride]))
            return 0;
    return 1;
}

/* Is every parameter of m finite? */
static int model_finite(const em_gmm *m)
{
    return all_finite(m->weight, m->K, 1) && all_finite(m->mean, m->K * m->d, 1) &&
           all_finite(m->cov, m->K * m->d * m->d, 1);
}

/* What is wrong with data x (n x d) and model m for a figure, or NULL. */
static const char *unfit(const double *x, size_t n, size_t d, const em_gmm *m)
{
    if (n == 0)
        return "no points to draw";
    if (!all_finite(x, n * d, 1))
        return "a point has a coordinate that is not a finite number";
    if (!model_finite(m))
        return "the model has a parameter that is not a finite number";
    return NULL;
}

/* Finish f, or abort it when st already failed. */
static em_status finish(em_fig *f, em_status st, char *err, size_t len)
{
    if (st) {
        em_fig_abort(f);
        return st;
    }
    return em_fig_end(f, err, len);
}

/* --- a 2-D mixture: its density, and samples from it ------------------ */

enum { GRID2 = 200 };

/* Grid line a of GRID2 across [-half, half]. */
static double grid_at(size_t a, double half)
{
    return -half + 2.0 * half * (double)a / (GRID2 - 1);
}

/* p(x) on the grid over [-half, half]^2 as block 'grid' (x y p, a blank
 * line after each grid row); its largest value in *p_max. */
static em_status density_block(em_fig *f, const em_gmm *m, double half, double *p_max)
{
    double *xy = malloc(2 * GRID2 * GRID2 * sizeof *xy), *p = malloc(GRID2 * GRID2 * sizeof *p);
    em_status st = xy && p ? EM_OK : EM_ENOMEM;
    for (size_t g = 0; st == EM_OK && g < GRID2 * GRID2; g++) {
        xy[2 * g] = grid_at(g / GRID2, half);
        xy[2 * g + 1] = grid_at(g % GRID2, half);
    }
    if (st == EM_OK)
        st = em_gmm_log_density(m, xy, GRID2 * GRID2, p);
    if (st == EM_OK) {
        FILE *out = em_fig_block(f, "grid");
        *p_max = 0.0;
        for (size_t g = 0; g < GRID2 * GRID2; g++) {
            p[g] = exp(p[g]);
            *p_max = fmax(*p_max, p[g]);
            fprintf(out, "%.6g %.6g %.6g\n%s", xy[2 * g], xy[2 * g + 1], p[g],
                    g % GRID2 == GRID2 - 1 ? "\n" : "");
        }
    }
    free(xy);
    free(p);
    return st;
}

em_status em_fig_density_2d(em_figdir *fd, const char *name, const char *title,
                            const em_gmm *m, double half, char *err, size_t len)
{
    em_fig f;
    double p_max;
    if (!model_finite(m) || !(half > 0) || !isfinite(half))
        return refuse(name, err, len, "the model or the window is not finite");
    em_status st = em_fig_begin(&f, fd, name, "heatmap.gp", err, len);
    if (st)
        return st;
    st = density_block(&f, m, half, &p_max);
    em_fig_set_str(&f, "title_text", title);
    em_fig_set_num(&f, "fig_w", 900);
    em_fig_set_num(&f, "fig_h", 800);
    return finish(&f, st, err, len);
}

em_status em_fig_samples_2d(em_figdir *fd, const char *name, const char *title,
                            const em_gmm *m, const double *x, const size_t *z, size_t n,
                            double half, char *err, size_t len)
{
    double lim = half, p_max = 0.0; /* the window holds every sample */
    const char *why = unfit(x, n, 2, m);
    if (why || !(half > 0) || !isfinite(half))
        return refuse(name, err, len, why ? why : "the window is not finite");
    for (size_t v = 0; v < 2 * n; v++)
        lim = fmax(lim, 1.02 * fabs(x[v]));
    em_fig f;
    em_status st = em_fig_begin(&f, fd, name, "samples2d.gp", err, len);
    if (st)
        return st;
    st = density_block(&f, m, lim, &p_max);
    char block[32], levels[256] = "";
    for (size_t k = 0; st == EM_OK && k < m->K; k++) {
        snprintf(block, sizeof block, "comp%zu", k + 1);
        FILE *out = em_fig_block(&f, block);
        for (size_t i = 0; i < n; i++)
            if (z[i] == k)
                fprintf(out, "%.5g %.5g\n", x[2 * i], x[2 * i + 1]);
    }
    /* contours at p_max e^{-1}, ..., p_max e^{-7}: geometric steps, so that
     * faint components get lines too */
    for (int t = 7; t >= 1; t--)
        snprintf(levels + strlen(levels), sizeof levels - strlen(levels), "%s%.6g",
                 t == 7 ? "" : ",", p_max * exp(-t));
    em_fig_set_str(&f, "levels", levels);
    em_fig_set_num(&f, "lim", lim);
    em_fig_set_num(&f, "n_comp", (double)m->K);
    em_fig_set_str(&f, "title_text", title);
    em_fig_set_num(&f, "fig_w", 850);
    em_fig_set_num(&f, "fig_h", 900);
    return finish(&f, st, err, len);
}

/* --- a 1-D mixture over its data -------------------------------------- */

em_status em_fig_mixture_1d(em_figdir *fd, const char *name, const em_gmm *m,
                            const double *x, size_t n, const em_fig_1d *o, char *err,
                            size_t len)
{
    enum { CURVE = 600 };
    size_t K = m->K, bins = o->bins ? o->bins : 40;
    const char *why = unfit(x, n, 1, m);
    if (why)
        return refuse(name, err, len, why);
    double lo, hi, gx[CURVE], mix[CURVE], *comp = malloc(CURVE * K * sizeof *comp);
    if (!comp)
        return EM_ENOMEM;
    em_min_max(x, n, 1, &lo, &hi);
    double pad = 0.05 * (hi - lo);
    if (!(pad > 1e-9 * fmax(1.0, fmax(fabs(lo), fabs(hi))))) /* all the points alike */
        pad = fmax(0.5, 0.1 * fabs(hi));
    em_fig f;
    em_status st = em_gmm_curves_1d(m, lo - pad, hi + pad, CURVE, gx, comp, mix);
    if (st == EM_OK)
        st = em_fig_begin(&f, fd, name, "curves.gp", err, len);
    if (st) {
        free(comp);
        return st;
    }
    st = em_fig_histogram(&f, "bars", x, n, 1, bins, hi > lo ? lo : lo - pad / 2,
                          hi > lo ? hi + 1e-12 * (1 + fabs(hi)) : hi + pad / 2, 1);
    em_fig_xy(&f, "curve1", gx, mix, CURVE, 1);
    em_fig_set_str(&f, "key_1", o->mixture_key ? o->mixture_key : "p(x)");
    em_fig_set_num(&f, "style_1", 11);
    char var[32], key[96];
    for (size_t k = 0; k < K; k++) {
        snprintf(var, sizeof var, "curve%zu", k + 2);
        em_fig_xy(&f, var, gx, comp + k, CURVE, K);
        snprintf(var, sizeof var, "style_%zu", k + 2);
        em_fig_set_num(&f, var, (double)(k % EM_PALETTE_SIZE + 1));
        snprintf(var, sizeof var, "dash_%zu", k + 2);
        em_fig_set_num(&f, var, 2);
        if (o->weighted_keys)
            snprintf(key, sizeof key, "π_%zu N(x | μ_%zu, σ_%zu^2)", k + 1, k + 1, k + 1);
        else
            snprintf(key, sizeof key, "component %zu", k + 1);
        snprintf(var, sizeof var, "key_%zu", k + 2);
        em_fig_set_str(&f, var, key);
    }
    free(comp);
    em_fig_set_num(&f, "n_curves", (double)(K + 1));
    em_fig_set_num(&f, "has_bars", 1);
    em_fig_set_str(&f, "bars_key", o->data_key ? o->data_key : "data");
    em_fig_set_str(&f, "key_pos", "below center maxcols 3 samplen 2.5 width 1 nobox");
    em_fig_set_num(&f, "key_rows", (double)((K + 2 + 2) / 3));
    em_fig_set_str(&f, "title_text", o->title ? o->title : "");
    if (o->xlabel && o->literal_labels)
        em_fig_set_text(&f, "xlabel_text", o->xlabel);
    else if (o->xlabel)
        em_fig_set_str(&f, "xlabel_text", o->xlabel);
    em_fig_set_num(&f, "fig_w", o->fig_w ? o->fig_w : 1100);
    em_fig_set_num(&f, "fig_h", o->fig_h ? o->fig_h : 650);
    return finish(&f, st, err, len);
}

/* --- a 2-D snapshot of EM --------------------------------------------- */

/* The frame around points (coordinates a and b of x, n x d): the data's
 * extent and 15% of it on every side, room for a fitted component's
 * 2-sigma ellipse. */
void em_fig_frame_2d(const double *x, size_t n, size_t d, size_t a, size_t b, double frame[4])
{
    double lo = 0.0, hi = 0.0;
    for (int q = 0; q < 2; q++) {
        if (n)
            em_min_max(x + (q ? b : a), n, d, &lo, &hi);
        double pad = 0.15 * (hi - lo); /* all alike: half their size, or 1 */
        if (!(pad > 1e-9 * fmax(1.0, fmax(fabs(lo), fabs(hi)))))
            pad = fmax(1.0, 0.5 * fmax(fabs(lo), fabs(hi)));
        frame[2 * q] = lo - pad;
        frame[2 * q + 1] = hi + pad;
    }
}

static void set_label(em_fig *f, const char *var, const char *text, int literal)
{
    if (text && literal)
        em_fig_set_text(f, var, text);
    else if (text)
        em_fig_set_str(f, var, text);
}

/* Each component's mean and its 1- and 2-sigma ellipses, in coordinates a
 * and b. */
static em_status components_2d(em_fig *f, const em_gmm *m, size_t a, size_t b)
{
    enum { ELLIPSE = 120 };
    size_t d = m->d;
    double xy[2 * ELLIPSE];
    char name[32];
    em_status st = EM_OK;
    for (size_t k = 0; k < m->K && st == EM_OK; k++) {
        const double *mu = m->mean + k * d, *S = m->cov + k * d * d;
        double mu2[2] = {mu[a], mu[b]};
        double S2[4] = {S[a * d + a], S[a * d + b], S[b * d + a], S[b * d + b]};
        for (int c = 1; c <= 2 && st == EM_OK; c++) {
            snprintf(name, sizeof name, "sig%d_c%zu", c, k + 1);
            if (em_ellipse(mu2, S2, (double)c, ELLIPSE, xy) == EM_OK)
                em_fig_rows(f, name, xy, ELLIPSE, 2);
            else /* a covariance with no spread here: no ellipse to draw */
                fprintf(em_fig_block(f, name), "NaN NaN\n");
        }
        snprintf(name, sizeof name, "mean_c%zu", k + 1);
        fprintf(em_fig_block(f, name), "%.10g %.10g\n", mu2[0], mu2[1]);
        snprintf(name, sizeof name, "style_%zu", k + 1);
        em_fig_set_num(f, name, (double)(k % EM_PALETTE_SIZE + 1));
    }
    em_fig_set_num(f, "n_comp", (double)m->K);
    return st;
}

em_status em_fig_snapshot_2d(em_figdir *fd, const char *name, const double *x, size_t n,
                             const em_gmm *m, const double *resp, const em_fig_2d *o,
                             char *err, size_t len)
{
    size_t d = m->d, a = o->a, b = o->b, K = m->K;
    size_t step = o->max_points && n > o->max_points ? (n + o->max_points - 1) / o->max_points
                                                      : 1;
    const char *why = unfit(x, n, d, m);
    if (!why && (a >= d || b >= d || a == b))
        why = "the coordinates drawn are not two of the data's";
    if (!why && o->frame && !all_finite(o->frame, 4, 1))
        why = "the frame is not finite";
    if (why)
        return refuse(name, err, len, why);
    em_fig f;
    em_status st = em_fig_begin(&f, fd, name, "resp2d.gp", err, len);
    if (st)
        return st;
    FILE *out = em_fig_block(&f, "points");
    for (size_t i = 0; i < n; i += step) /* no responsibilities: grey */
        fprintf(out, "%.10g %.10g %u\n", x[i * d + a], x[i * d + b],
                resp ? em_fig_mix(resp + i * K, K) : 0x7f7f7fu);
    st = components_2d(&f, m, a, b);
    double frame[4];
    if (o->frame)
        memcpy(frame, o->frame, sizeof frame);
    else
        em_fig_frame_2d(x, n, d, a, b, frame);
    static const char *const lim[4] = {"x_min", "x_max", "y_min", "y_max"};
    for (int q = 0; q < 4; q++)
        em_fig_set_num(&f, lim[q], frame[q]);
    double ratio = (frame[1] - frame[0]) / (frame[3] - frame[2] + 1e-300);
    em_fig_set_num(&f, "equal_aspect", ratio < 2.0 && ratio > 0.5); /* a circle looks round */
    set_label(&f, "xlabel_text", o->xlabel, o->literal_labels);
    set_label(&f, "ylabel_text", o->ylabel, o->literal_labels);
    em_fig_set_str(&f, "title_text", o->title ? o->title : "");
    if (o->panel_title)
        em_fig_set_str(&f, "panel_title", o->panel_title);
    if (o->bare_in_panel)
        em_fig_set_num(&f, "bare_in_panel", 1);
    if (o->hard)
        em_fig_set_num(&f, "hard", 1);
    /* the key below: each component, the mean, the two ellipses and the
     * mixed colour (or each cluster and the centre), in two columns; the
     * figure grows to hold it */
    size_t key_rows = o->hard ? (K + 1 + 1) / 2 : (K + 4 + 1) / 2;
    em_fig_set_num(&f, "key_rows", (double)key_rows);
    em_fig_set_num(&f, "fig_w", o->fig_w ? o->fig_w : 800);
    em_fig_set_num(&f, "fig_h", (o->fig_h ? o->fig_h : 750) + 28.0 * ((double)key_rows - 3.0));
    return finish(&f, st, err, len);
}

/* --- curves with marked points ----------------------------------------- */

em_status em_fig_curves(em_figdir *fd, const char *name, const em_fig_curve *curves,
                        size_t n_curves, const em_fig_mark *marks, size_t n_marks,
                        const em_fig_axes *o, char *err, size_t len)
{
    if (n_curves == 0)
        return refuse(name, err, len, "no curves to draw");
    for (size_t c = 0; c < n_curves; c++) {
        if (curves[c].n == 0 || !all_finite(curves[c].y, curves[c].n, 1) ||
            (curves[c].x && !all_finite(curves[c].x, curves[c].n, 1)))
            return refuse(name, err, len, "a curve has no points, or one that is not finite");
        for (size_t g = 0; o->log_y && g < curves[c].n; g++)
            if (!(curves[c].y[g] > 0.0))
                return refuse(name, err, len, "a logarithmic axis needs every y above 0");
    }
    for (size_t j = 0; j < n_marks; j++)
        if (!isfinite(marks[j].x) || !isfinite(marks[j].y + marks[j].label_dy) ||
            strchr(marks[j].text, '"'))
            return refuse(name, err, len, "a mark is not finite or its text has a '\"'");
    em_fig f;
    em_status st = em_fig_begin(&f, fd, name, "lines.gp", err, len);
    if (st)
        return st;
    char var[32];
    for (size_t c = 0; c < n_curves; c++) {
        snprintf(var, sizeof var, "curve%zu", c + 1);
        FILE *out = em_fig_block(&f, var);
        for (size_t g = 0; g < curves[c].n; g++)
            fprintf(out, "%.17g %.17g\n", curves[c].x ? curves[c].x[g] : curves[c].x0 + (double)g,
                    curves[c].y[g]);
        snprintf(var, sizeof var, "key_%zu", c + 1);
        em_fig_set_str(&f, var, curves[c].key ? curves[c].key : "");
        snprintf(var, sizeof var, "style_%zu", c + 1);
        em_fig_set_num(&f, var, curves[c].style ? curves[c].style : (int)(c + 1));
    }
    if (n_marks) {
        FILE *out = em_fig_block(&f, "marks");
        for (size_t j = 0; j < n_marks; j++) /* the label above or below its ring */
            fprintf(out, "%.17g %.17g \"%s\" %.17g %.17g\n", marks[j].x, marks[j].y,
                    marks[j].text, marks[j].x, marks[j].y + marks[j].label_dy);
        em_fig_set_num(&f, "has_marks", 1);
    }
    em_fig_set_num(&f, "n_curves", (double)n_curves);
    em_fig_set_str(&f, "title_text", o->title ? o->title : "");
    em_fig_set_str(&f, "xlabel_text", o->xlabel ? o->xlabel : "");
    em_fig_set_str(&f, "ylabel_text", o->ylabel ? o->ylabel : "");
    if (o->key_pos)
        em_fig_set_str(&f, "key_pos", o->key_pos);
    if (o->xtics_step > 0)
        em_fig_set_num(&f, "xtics_step", o->xtics_step);
    if (o->log_y)
        em_fig_set_num(&f, "log_y", 1);
    if (o->smooth)
        em_fig_set_num(&f, "smooth", 1);
    if (o->headroom > 0)
        em_fig_set_num(&f, "headroom", o->headroom);
    return em_fig_end(&f, err, len);
}
