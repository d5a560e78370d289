/* snapshots.c — printing and drawing EM as it runs, for emlab fit. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "snapshots.h"

int snap_plan_parse(const char *sub, const char *spec, snap_plan *plan)
{
    memset(plan, 0, sizeof *plan);
    if (!spec)
        spec = "0,1,2,5,20";
    if (strncmp(spec, "every:", 6) == 0)
        return parse_count(sub, "--snapshots every:N", spec + 6, 1, &plan->every) ? EXIT_USAGE
                                                                                 : EXIT_OK;
    for (const char *p = spec; *p;) {
        char *end;
        errno = 0;
        if (*p < '0' || *p > '9' || (strtoull(p, &end, 10), errno) ||
            (*end != ',' && *end != '\0'))
            return fail(sub, EXIT_USAGE, "--snapshots is a list of iterations as 0,1,5,20 or "
                        "every:N, not '%s'", spec);
        p = *end ? end + 1 : end;
    }
    plan->list = spec; /* checked; read again by wanted() */
    return EXIT_OK;
}

static int wanted(const snap_plan *plan, size_t t)
{
    if (plan->every)
        return t % plan->every == 0;
    for (const char *p = plan->list; *p;) {
        char *end;
        if (strtoull(p, &end, 10) == t)
            return 1;
        p = *end ? end + 1 : end;
    }
    return 0;
}

em_status snap_init(snap_ctx *ctx, size_t K, size_t max_iter)
{
    ctx->n_snap = ctx->n_loglik = 0;
    ctx->names = NULL;
    ctx->last_drawn = (size_t)-1;
    ctx->st = EM_OK;
    ctx->err[0] = '\0';
    ctx->loglik = malloc((max_iter + 1) * sizeof *ctx->loglik);
    if (!ctx->loglik || em_gmm_alloc(&ctx->model, K, ctx->ds->d))
        return EM_ENOMEM;
    return EM_OK;
}

void snap_free(snap_ctx *ctx)
{
    free(ctx->names);
    free(ctx->loglik);
    em_gmm_free(&ctx->model);
}

/* The colours of the components, as in plots/style.gp's line styles. */
static const unsigned colour[8] = {0x2166ac, 0xb2182b, 0x1b9e77, 0xd95f02,
                                   0x7570b3, 0xe7298a, 0x66a61e, 0xe6ab02};

/* A point's colour: each component's colour in proportion to gamma_ik. */
static unsigned mixed_colour(const double *gamma, size_t K)
{
    double rgb[3] = {0, 0, 0};
    for (size_t k = 0; k < K; k++)
        for (int c = 0; c < 3; c++)
            rgb[c] += gamma[k] * (double)((colour[k % 8] >> (16 - 8 * c)) & 0xff);
    unsigned out = 0;
    for (int c = 0; c < 3; c++)
        out = out * 256 + (unsigned)lround(fmin(255.0, fmax(0.0, rgb[c])));
    return out;
}

/* Axis var names coordinate j: the data's own column name, drawn exactly
 * as written (petal_length, not petal with a subscript), or x_j. */
static void axis_label(em_fig *f, const char *var, const em_dataset *ds, size_t j)
{
    char label[32];
    snprintf(label, sizeof label, "x_%zu", j + 1);
    if (ds->names)
        em_fig_set_text(f, var, ds->names[j]);
    else
        em_fig_set_str(f, var, label);
}

/* d >= 2: points coloured by responsibility, means, 1- and 2-sigma ellipses. */
static em_status draw_2d(snap_ctx *c, em_fig *f, const double *resp)
{
    const em_dataset *ds = c->ds;
    size_t d = ds->d, K = c->model.K, a = c->dim_i, b = c->dim_j;
    size_t step = ds->n > SNAP_PLOT_POINTS ? (ds->n + SNAP_PLOT_POINTS - 1) / SNAP_PLOT_POINTS : 1;
    FILE *out = em_fig_block(f, "points");
    for (size_t i = 0; i < ds->n; i += step)
        fprintf(out, "%.10g %.10g %u\n", ds->x[i * d + a], ds->x[i * d + b],
                mixed_colour(resp + i * K, K));
    double xy[2 * 120], lo[2], hi[2];
    em_status st = EM_OK;
    for (size_t k = 0; k < K && st == EM_OK; k++) {
        const double *mu = c->model.mean + k * d, *S = c->model.cov + k * d * d;
        double mu2[2] = {mu[a], mu[b]};
        double S2[4] = {S[a * d + a], S[a * d + b], S[b * d + a], S[b * d + b]};
        char name[32];
        for (int s = 1; s <= 2 && st == EM_OK; s++) {
            snprintf(name, sizeof name, "sig%d_c%zu", s, k + 1);
            st = em_ellipse(mu2, S2, (double)s, 120, xy);
            em_fig_rows(f, name, xy, 120, 2);
        }
        snprintf(name, sizeof name, "mean_c%zu", k + 1);
        fprintf(em_fig_block(f, name), "%.10g %.10g\n", mu2[0], mu2[1]);
        snprintf(name, sizeof name, "style_%zu", k + 1);
        em_fig_set_num(f, name, (double)(k % 8 + 1));
    }
    em_min_max(ds->x + a, ds->n, d, &lo[0], &hi[0]);
    em_min_max(ds->x + b, ds->n, d, &lo[1], &hi[1]);
    static const char *const lim[2][2] = {{"x_min", "x_max"}, {"y_min", "y_max"}};
    for (int q = 0; q < 2; q++) {
        /* one frame for every snapshot (they line up on slides and in the
         * panel), with room around the data for a fitted component's
         * 2-sigma ellipse; a start's broad ellipse may run off it */
        double pad = 0.15 * (hi[q] - lo[q]) + 1e-9;
        em_fig_set_num(f, lim[q][0], lo[q] - pad);
        em_fig_set_num(f, lim[q][1], hi[q] + pad);
    }
    double ratio = (hi[0] - lo[0]) / (hi[1] - lo[1] + 1e-300);
    em_fig_set_num(f, "equal_aspect", ratio < 3.0 && ratio > 1.0 / 3.0);
    axis_label(f, "xlabel_text", ds, a);
    axis_label(f, "ylabel_text", ds, b);
    em_fig_set_num(f, "n_comp", (double)K);
    return st;
}

/* d = 1: the fitted density and the weighted components over a histogram. */
static em_status draw_1d(snap_ctx *c, em_fig *f)
{
    enum { GRID = 400 };
    const em_dataset *ds = c->ds;
    size_t K = c->model.K;
    double lo, hi, pad, gx[GRID], *comp = malloc(GRID * K * sizeof *comp), mix[GRID];
    if (!comp)
        return EM_ENOMEM;
    em_min_max(ds->x, ds->n, 1, &lo, &hi);
    pad = 0.05 * (hi - lo) + 1e-9;
    em_status st = em_fig_histogram(f, "bars", ds->x, ds->n, 1, 40, lo, hi + 1e-12, 1);
    if (st == EM_OK)
        st = em_gmm_curves_1d(&c->model, lo - pad, hi + pad, GRID, gx, comp, mix);
    if (st == EM_OK) {
        char name[32];
        em_fig_xy(f, "curve1", gx, mix, GRID, 1);
        em_fig_set_str(f, "key_1", "fitted p(x)");
        em_fig_set_num(f, "style_1", 11);
        for (size_t k = 0; k < K; k++) {
            snprintf(name, sizeof name, "curve%zu", k + 2);
            em_fig_xy(f, name, gx, comp + k, GRID, K);
            snprintf(name, sizeof name, "style_%zu", k + 2);
            em_fig_set_num(f, name, (double)(k % 8 + 1));
            snprintf(name, sizeof name, "dash_%zu", k + 2);
            em_fig_set_num(f, name, 2);
            char key[64];
            snprintf(key, sizeof key, "component %zu", k + 1);
            snprintf(name, sizeof name, "key_%zu", k + 2);
            em_fig_set_str(f, name, key);
        }
        em_fig_set_num(f, "n_curves", (double)(K + 1));
        em_fig_set_num(f, "has_bars", 1);
        em_fig_set_str(f, "bars_key", "data");
        em_fig_set_str(f, "key_pos", "outside right top");
        axis_label(f, "xlabel_text", ds, 0);
    }
    free(comp);
    return st;
}

/* One snapshot figure, iter_TTT, of the model in data units. */
static em_status draw(snap_ctx *c, size_t t, const double *resp)
{
    char (*more)[24] = realloc(c->names, (c->n_snap + 1) * sizeof *c->names);
    if (!more)
        return EM_ENOMEM;
    c->names = more;
    em_fig f;
    char *name = c->names[c->n_snap], title[64];
    snprintf(name, sizeof c->names[0], "iter_%03zu", t);
    em_status st = em_fig_begin(&f, c->fd, name, c->ds->d == 1 ? "curves.gp" : "resp2d.gp",
                                c->err, sizeof c->err);
    if (st)
        return st;
    st = c->ds->d == 1 ? draw_1d(c, &f) : draw_2d(c, &f, resp);
    snprintf(title, sizeof title, "Iteration %zu", t);
    em_fig_set_str(&f, "title_text", title);
    em_fig_set_num(&f, "fig_w", c->ds->d > 1 ? 800 : 1100);
    em_fig_set_num(&f, "fig_h", c->ds->d > 1 ? 750 : 600);
    if (st) {
        em_fig_abort(&f);
        snprintf(c->err, sizeof c->err, "%s", em_strerror(st));
        return st;
    }
    st = em_fig_end(&f, c->err, sizeof c->err);
    if (st == EM_OK) {
        c->n_snap++;
        c->last_drawn = t;
    }
    return st;
}

/* The model in data units, in c->model. */
static void to_data_units(snap_ctx *c, const em_gmm *m)
{
    em_gmm_copy(&c->model, m);
    if (c->shift)
        em_gmm_unstandardize(&c->model, c->shift, c->scale);
}

int snap_observer(size_t t, const em_gmm *m, const double *resp, double loglik, void *ctx)
{
    snap_ctx *c = ctx;
    double l = loglik + c->ll_offset;
    c->loglik[c->n_loglik++] = l;
    if (!c->quiet)
        printf("iteration %4zu  log-likelihood %.6f  per point %.6f\n", t, l,
               l / (double)c->ds->n);
    if (c->st == EM_OK && wanted(&c->plan, t)) {
        to_data_units(c, m);
        c->st = draw(c, t, resp);
    }
    return 0;
}

/* `panel`: the snapshots on one page, as Bishop's Figure 9.8 shows EM on
 * Old Faithful: all of them when 4 or 6 or fewer, else 6 spread from the
 * first to the last. */
static em_status draw_panel(snap_ctx *c)
{
    enum { MOST = 6 };
    const char *names[MOST];
    size_t n = c->n_snap < MOST ? c->n_snap : MOST;
    for (size_t s = 0; s < n; s++) /* evenly spread, first and last kept */
        names[s] = c->names[n < 2 ? 0 : s * (c->n_snap - 1) / (n - 1)];
    size_t cols = n <= 4 ? 2 : 3, rows = (n + cols - 1) / cols;
    int w = c->ds->d == 1 ? 1100 : 800, h = c->ds->d == 1 ? 600 : 750;
    return em_fig_panel(c->fd, "panel", "EM, snapshot by snapshot", rows, cols, names, n,
                        (int)cols * w * 3 / 4, (int)rows * h * 3 / 4, c->err, sizeof c->err);
}

em_status snap_finish(snap_ctx *c, size_t last, const em_gmm *m, const double *resp)
{
    if (c->st)
        return c->st;
    em_status st = EM_OK;
    if (c->last_drawn != last) {
        to_data_units(c, m);
        st = draw(c, last, resp);
    }
    if (st == EM_OK)
        st = em_fig_line(c->fd, "loglik", "Log-likelihood", "iteration", "log-likelihood",
                         c->loglik, c->n_loglik, 1, 0.0, c->err, sizeof c->err);
    if (st == EM_OK && c->n_snap > 1)
        st = draw_panel(c);
    if (st == EM_OK && c->fd->format == EM_FIG_GIF && c->n_snap > 1) {
        const char **names = malloc(c->n_snap * sizeof *names);
        for (size_t s = 0; names && s < c->n_snap; s++)
            names[s] = c->names[s];
        int w = c->ds->d == 1 ? 1100 : 800, h = c->ds->d == 1 ? 600 : 750;
        st = names ? em_fig_animation(c->fd, "em", names, c->n_snap, 60, w, h, c->err,
                                      sizeof c->err)
                   : EM_ENOMEM;
        free(names);
    }
    return st;
}
