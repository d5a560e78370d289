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

/* One snapshot figure, iter_TTT, of the model in data units: for d = 1 the
 * fitted density and the weighted components over a histogram, for d >= 2
 * the points coloured by responsibility, the means and the 1- and 2-sigma
 * ellipses, in coordinates dim_i and dim_j, every snapshot in one frame.
 * Axes are named by the data's columns, drawn as written, or x_j. */
static em_status draw(snap_ctx *c, size_t t, const double *resp)
{
    char (*more)[24] = realloc(c->names, (c->n_snap + 1) * sizeof *c->names);
    if (!more)
        return EM_ENOMEM;
    c->names = more;
    const em_dataset *ds = c->ds;
    char *name = c->names[c->n_snap], title[64], x_j[2][32];
    snprintf(name, sizeof c->names[0], "iter_%03zu", t);
    snprintf(title, sizeof title, "Iteration %zu", t);
    size_t dim[2] = {c->dim_i, ds->d > 1 ? c->dim_j : 0};
    const char *label[2];
    for (int q = 0; q < 2; q++) {
        snprintf(x_j[q], sizeof x_j[q], "x_%zu", dim[q] + 1);
        label[q] = ds->names ? ds->names[dim[q]] : x_j[q];
    }
    em_status st;
    if (ds->d == 1) {
        const em_fig_1d look = {.title = title, .mixture_key = "fitted p(x)",
                                .xlabel = ds->names ? label[0] : NULL,
                                .literal_labels = ds->names != NULL};
        st = em_fig_mixture_1d(c->fd, name, &c->model, ds->x, ds->n, &look, c->err,
                               sizeof c->err);
    } else {
        const em_fig_2d look = {.title = title, .xlabel = label[0], .ylabel = label[1],
                                .literal_labels = ds->names != NULL, .a = dim[0], .b = dim[1],
                                .max_points = SNAP_PLOT_POINTS};
        st = em_fig_snapshot_2d(c->fd, name, ds->x, ds->n, &c->model, resp, &look, c->err,
                                sizeof c->err);
    }
    if (st == EM_OK) {
        c->n_snap++;
        c->last_drawn = t;
    } else if (!c->err[0]) {
        snprintf(c->err, sizeof c->err, "%s", em_strerror(st));
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
 * Old Faithful: all of them when they are at most c->panel, else that many
 * spread evenly from the first to the last; 2 x 2 for four, in rows of up
 * to three otherwise. */
static em_status draw_panel(snap_ctx *c)
{
    const char *names[9];
    size_t most = c->panel ? c->panel : 4, n = c->n_snap < most ? c->n_snap : most;
    for (size_t s = 0; s < n; s++) /* evenly spread, first and last kept */
        names[s] = c->names[n < 2 ? 0 : s * (c->n_snap - 1) / (n - 1)];
    size_t cols = n <= 2 ? n : n == 4 ? 2 : 3, rows = (n + cols - 1) / cols;
    int w = c->ds->d == 1 ? 1100 : 800, h = c->ds->d == 1 ? 650 : 750;
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
        int w = c->ds->d == 1 ? 1100 : 800, h = c->ds->d == 1 ? 650 : 750;
        st = names ? em_fig_animation(c->fd, "em", names, c->n_snap, 60, w, h, c->err,
                                      sizeof c->err)
                   : EM_ENOMEM;
        free(names);
    }
    return st;
}
