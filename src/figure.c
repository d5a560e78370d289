/* figure.c — a figure's data blocks and its driver script (the folder they
 * go into: figdir.c; gnuplot: render.c). */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include "dataset.h"
#include "figure.h"
#include "histogram.h"
#include "figure_util.h"
#include "plot_sources.h"

static const char *const format_names[] = {"png", "svg", "pdf", "gif", "tex", "none"};

em_status em_fig_format_parse(const char *s, em_fig_format *fmt)
{
    for (int f = EM_FIG_PNG; f <= EM_FIG_NONE; f++)
        if (s && strcmp(s, format_names[f]) == 0) {
            *fmt = (em_fig_format)f;
            return EM_OK;
        }
    return EM_EINVAL;
}

const char *em_fig_format_name(em_fig_format fmt)
{
    return fmt <= EM_FIG_NONE ? format_names[fmt] : "?";
}

const char *em_plot_source(const char *file)
{
    for (const em_plot_file *p = em_plot_files; p->name; p++)
        if (strcmp(p->name, file) == 0)
            return p->text;
    return NULL;
}

/* Append one "var = value" line to the driver's variables. */
static void add_var_line(em_fig *f, const char *var, const char *value)
{
    char *line = value ? em_str_printf("%s = %s\n", var, value) : NULL;
    size_t n = line ? strlen(line) : 0;
    char *v = line ? realloc(f->vars, f->vars_len + n + 1) : NULL;
    if (!v) {
        f->failed = 1;
        free(line);
        return;
    }
    memcpy(v + f->vars_len, line, n + 1);
    f->vars = v;
    f->vars_len += n;
    free(line);
}

void em_fig_set_str(em_fig *f, const char *var, const char *value)
{
    char *tex = f->fd->format == EM_FIG_TEX ? em_latex_label(value) : NULL;
    char *q = em_gp_quote(tex ? tex : value);
    add_var_line(f, var, q);
    free(q);
    free(tex);
}

void em_fig_set_text(em_fig *f, const char *var, const char *value)
{
    char *lit = f->fd->format == EM_FIG_TEX ? em_latex_text(value) : em_gp_literal(value);
    char *q = lit ? em_gp_quote(lit) : NULL;
    add_var_line(f, var, q);
    free(q);
    free(lit);
}

em_status em_fig_table(em_figdir *fd, const char *file, const double *x, size_t n, size_t d,
                       char *const *names, char *err, size_t errlen)
{
    em_outfile out;
    em_status st = em_stage_open(fd, file, &out, err, errlen);
    if (st)
        return st;
    em_dataset_print(out.f, x, n, d, names);
    return em_out_commit(&out, err, errlen);
}

em_status em_fig_handoff(em_figdir *fd, const double *x, size_t n, size_t d,
                         const em_gmm *start, const char *about, const char *options,
                         char *err, size_t errlen)
{
    em_status st = em_fig_table(fd, "data.txt", x, n, d, NULL, err, errlen);
    if (st || !start)
        return st;
    char *header = em_str_printf("# %s\n# go on from here: emlab fit data.txt -k %zu --init "
                                 "start.txt%s%s\n", about, start->K, *options ? " " : "",
                                 options);
    st = header ? em_fig_model(fd, "start.txt", start, header, err, errlen) : EM_ENOMEM;
    free(header);
    return st;
}

em_status em_fig_model(em_figdir *fd, const char *file, const em_gmm *m, const char *header,
                       char *err, size_t errlen)
{
    em_outfile out;
    em_status st = em_stage_open(fd, file, &out, err, errlen);
    if (st)
        return st;
    fputs(header ? header : "", out.f);
    em_gmm_print(out.f, m);
    return em_out_commit(&out, err, errlen);
}

void em_fig_set_num(em_fig *f, const char *var, double value)
{
    char num[32];
    snprintf(num, sizeof num, "%.17g", value);
    add_var_line(f, var, num);
}

em_status em_fig_begin(em_fig *f, em_figdir *fd, const char *name, const char *tmpl,
                       char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    em_status taken = em_name_free(fd, name, err, errlen);
    if (taken)
        return taken;
    f->fd = fd;
    f->name = em_str_printf("%s", name);
    f->tmpl = em_str_printf("%s", tmpl);
    char *file = em_str_printf("%s.dat", name);
    em_status st = f->name && f->tmpl && file ? EM_OK : EM_ENOMEM;
    if (st == EM_OK)
        st = em_stage_open(fd, file, &f->dat, err, errlen);
    free(file);
    if (st) {
        free(f->name);
        free(f->tmpl);
        memset(f, 0, sizeof *f);
    }
    return st;
}

FILE *em_fig_block(em_fig *f, const char *block)
{
    /* blocks are separated by two blank lines; "# NAME" names the next one */
    fprintf(f->dat.f, "%s# %s\n", f->n_blocks ? "\n\n" : "", block);
    f->n_blocks++;
    return f->dat.f;
}

void em_fig_xy(em_fig *f, const char *block, const double *x, const double *y, size_t n,
               size_t stride)
{
    FILE *out = em_fig_block(f, block);
    for (size_t g = 0; g < n; g++)
        fprintf(out, "%.10g %.10g\n", x[g], y[g * stride]);
}

void em_fig_series(em_fig *f, const char *block, const double *y, size_t n, size_t stride,
                   double x0)
{
    FILE *out = em_fig_block(f, block);
    for (size_t g = 0; g < n; g++)
        fprintf(out, "%.17g %.17g\n", x0 + (double)g, y[g * stride]);
}

em_status em_fig_line(em_figdir *fd, const char *name, const char *title, const char *xlabel,
                      const char *ylabel, const double *y, size_t n, size_t stride, double x0,
                      char *err, size_t errlen)
{
    em_fig f;
    em_status st = em_fig_begin(&f, fd, name, "lines.gp", err, errlen);
    if (st)
        return st;
    em_fig_series(&f, "curve1", y, n, stride, x0);
    em_fig_set_str(&f, "title_text", title);
    em_fig_set_str(&f, "xlabel_text", xlabel);
    em_fig_set_str(&f, "ylabel_text", ylabel);
    return em_fig_end(&f, err, errlen);
}

void em_fig_rows(em_fig *f, const char *block, const double *xy, size_t n, size_t d)
{
    FILE *out = em_fig_block(f, block);
    for (size_t g = 0; g < n; g++)
        for (size_t j = 0; j < d; j++)
            fprintf(out, "%.10g%c", xy[g * d + j], j + 1 < d ? ' ' : '\n');
}

em_status em_fig_histogram(em_fig *f, const char *block, const double *x, size_t n,
                           size_t stride, size_t bins, double lo, double hi, int density)
{
    double *count = bins ? malloc(bins * sizeof *count) : NULL;
    if (bins && !count)
        return EM_ENOMEM;
    em_status st = em_histogram(x, n, stride, bins, lo, hi, count);
    if (st == EM_OK) {
        FILE *out = em_fig_block(f, block);
        for (size_t b = 0; b < bins; b++) {
            double left = em_bin_edge(b, bins, lo, hi), right = em_bin_edge(b + 1, bins, lo, hi);
            double h = density ? count[b] / ((double)n * (right - left)) : count[b];
            fprintf(out, "%.10g %.10g %.10g\n", 0.5 * (left + right), h, right - left);
        }
    }
    free(count);
    return st;
}

static void fig_release(em_fig *f)
{
    free(f->name);
    free(f->tmpl);
    free(f->vars);
    memset(f, 0, sizeof *f);
}

void em_fig_abort(em_fig *f)
{
    em_out_abort(&f->dat);
    fig_release(f);
}

/* "undefine NAME ..." for the variables of vars ("NAME = VALUE" lines),
 * so that a frame of a panel leaves none of its own to the next; "" when
 * there are none. */
static char *undefine_line(const char *vars)
{
    size_t len = 0;
    char *out = malloc((vars ? strlen(vars) : 0) + 16); /* the names, a space each, fit */
    for (const char *p = vars; out && p && *p;) {
        size_t name = strcspn(p, " =\n");
        len += (size_t)sprintf(out + len, "%s%.*s", len ? " " : "undefine ", (int)name, p);
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    if (out)
        out[len] = '\0';
    return out;
}

/* The driver of one figure. Alone it owns the output (terminal.gp); as a
 * frame of a panel or an animation (emlab_nested defined) it only draws,
 * and then forgets its variables. */
static char *figure_driver(const em_fig *f)
{
    char *forget = undefine_line(f->vars);
    if (!forget)
        return NULL;
    char *text = em_str_printf(
        "# %s.gp: drawn by emlab. Redraw it with: gnuplot %s.gp\n"
        "# The numbers are in %s.dat, the look in style.gp, the drawing in %s.\n"
        "if (!exists(\"emlab_nested\")) { reset session }\n"
        "name = '%s'\n"
        "data = '%s.dat'\n"
        "fmt = '%s'\n"
        "%s"
        "if (!exists(\"emlab_nested\")) { load 'terminal.gp' }\n"
        "load 'style.gp'\n"
        "load '%s'\n"
        "if (!exists(\"emlab_nested\")) { unset output }%s%s%s\n",
        f->name, f->name, f->name, f->tmpl, f->name, f->name,
        em_fig_format_name(f->fd->format), f->vars ? f->vars : "", f->tmpl,
        *forget ? " else { " : "", forget, *forget ? " }" : "");
    free(forget);
    return text;
}

em_status em_fig_end(em_fig *f, char *err, size_t errlen)
{
    if (f->failed) {
        em_fig_abort(f);
        return EM_ENOMEM;
    }
    em_status st = em_out_commit(&f->dat, err, errlen);
    char *driver = st ? NULL : figure_driver(f);
    char *file = st ? NULL : em_str_printf("%s.gp", f->name);
    if (st == EM_OK && (!driver || !file))
        st = EM_ENOMEM;
    if (st == EM_OK)
        st = em_write_text(f->fd, file, driver, err, errlen);
    if (st == EM_OK)
        st = em_add_script(f->fd, f->name);
    free(driver);
    free(file);
    fig_release(f);
    return st;
}

