/* figure.c — data blocks, driver scripts, and gnuplot as a child process. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "figure.h"
#include "histogram.h"
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

/* printf into a fresh malloc'd string; NULL when out of memory. */
static char *str_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return s;
}

/* mkdir -p */
static int make_dirs(const char *dir)
{
    char *p = str_printf("%s", dir);
    if (!p)
        return -1;
    int rc = 0;
    for (char *s = p + 1; rc == 0; s++) {
        int last = (*s == '\0');
        if (*s == '/' || last) {
            *s = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST)
                rc = -1;
            *s = last ? '\0' : '/';
            if (last)
                break;
        }
    }
    struct stat sb;
    if (rc == 0 && (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
        errno = ENOTDIR;
        rc = -1;
    }
    free(p);
    return rc;
}

/* Write text to DIR/FILE, atomically. */
static em_status write_text(const em_figdir *fd, const char *file, const char *text,
                            char *err, size_t errlen)
{
    char *path = str_printf("%s/%s", fd->dir, file);
    if (!path)
        return EM_ENOMEM;
    em_outfile out;
    em_status st = em_out_open(&out, path, err, errlen);
    free(path);
    if (st)
        return st;
    fputs(text, out.f);
    return em_out_commit(&out, err, errlen);
}

em_status em_figdir_open(em_figdir *fd, const char *dir, em_fig_format fmt,
                         char *err, size_t errlen)
{
    memset(fd, 0, sizeof *fd);
    fd->format = fmt;
    fd->gnuplot = "gnuplot";
    if (make_dirs(dir) != 0) {
        em_errorf(err, errlen, dir, 0, "cannot create the output folder: %s", strerror(errno));
        return EM_EIO;
    }
    fd->dir = str_printf("%s", dir);
    if (!fd->dir)
        return EM_ENOMEM;
    em_status st = EM_OK;
    for (const em_plot_file *p = em_plot_files; p->name && st == EM_OK; p++)
        st = write_text(fd, p->name, p->text, err, errlen);
    if (st)
        em_figdir_close(fd);
    return st;
}

void em_figdir_close(em_figdir *fd)
{
    for (size_t i = 0; i < fd->n_scripts; i++)
        free(fd->scripts[i]);
    free(fd->scripts);
    free(fd->dir);
    memset(fd, 0, sizeof *fd);
}

/* Remember driver NAME.gp for em_figdir_render. */
static em_status add_script(em_figdir *fd, const char *name)
{
    if (fd->n_scripts == fd->cap) {
        size_t cap = fd->cap ? 2 * fd->cap : 16;
        char **s = realloc(fd->scripts, cap * sizeof *s);
        if (!s)
            return EM_ENOMEM;
        fd->scripts = s;
        fd->cap = cap;
    }
    char *file = str_printf("%s.gp", name);
    if (!file)
        return EM_ENOMEM;
    fd->scripts[fd->n_scripts++] = file;
    return EM_OK;
}

/* A gnuplot string literal: single quotes, with ' doubled. */
static char *gp_quote(const char *s)
{
    size_t n = 3;
    for (const char *c = s; *c; c++)
        n += (*c == '\'') ? 2 : 1;
    char *q = malloc(n), *o = q;
    if (!q)
        return NULL;
    *o++ = '\'';
    for (const char *c = s; *c; c++) {
        *o++ = *c;
        if (*c == '\'')
            *o++ = '\'';
    }
    *o++ = '\'';
    *o = '\0';
    return q;
}

/* Append one "var = value" line to the driver's variables. */
static void add_var_line(em_fig *f, const char *var, const char *value)
{
    char *line = value ? str_printf("%s = %s\n", var, value) : NULL;
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

/* The Greek letters the figures use, as UTF-8 and as LaTeX. */
static const char *const greek[][2] = {
    {"α", "\\alpha"}, {"γ", "\\gamma"}, {"μ", "\\mu"}, {"π", "\\pi"},
    {"σ", "\\sigma"}, {"Σ", "\\Sigma"}, {"θ", "\\theta"}, {"ℓ", "\\ell"}};

/* A label for --format tex, where LaTeX sets the text: each word holding a
 * subscript, superscript, Greek letter or bar goes into math mode (its
 * Greek as \mu ...), and the other words have LaTeX's special characters
 * escaped. "π_k N(x | μ_k)" becomes "$\pi_k$ N(x $|$ $\mu_k)$". Returns a
 * new string, or NULL when out of memory. */
static char *latex_label(const char *s)
{
    size_t cap = 8 * strlen(s) + 16, n = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    while (*s) {
        size_t len = strcspn(s, " ");
        int math = 0;
        for (size_t i = 0; i < len; i++)
            math |= s[i] == '_' || s[i] == '^' || s[i] == '|' || (s[i] & 0x80);
        if (math)
            out[n++] = '$';
        for (size_t i = 0; i < len;) {
            size_t g;
            for (g = 0; g < sizeof greek / sizeof greek[0]; g++)
                if (strncmp(s + i, greek[g][0], strlen(greek[g][0])) == 0)
                    break;
            if (g < sizeof greek / sizeof greek[0]) {
                n += (size_t)sprintf(out + n, "%s ", greek[g][1]);
                i += strlen(greek[g][0]);
            } else if (!math && strchr("#$%&_{}~^\\", s[i])) {
                n += (size_t)sprintf(out + n, "\\%c", s[i++]);
            } else {
                out[n++] = s[i++];
            }
        }
        if (math)
            out[n++] = '$';
        s += len;
        while (*s == ' ')
            out[n++] = *s++;
    }
    out[n] = '\0';
    return out;
}

void em_fig_set_str(em_fig *f, const char *var, const char *value)
{
    char *tex = f->fd->format == EM_FIG_TEX ? latex_label(value) : NULL;
    char *q = gp_quote(tex ? tex : value);
    add_var_line(f, var, q);
    free(q);
    free(tex);
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
    f->fd = fd;
    f->name = str_printf("%s", name);
    f->tmpl = str_printf("%s", tmpl);
    char *path = str_printf("%s/%s.dat", fd->dir, name);
    em_status st = f->name && f->tmpl && path ? EM_OK : EM_ENOMEM;
    if (st == EM_OK)
        st = em_out_open(&f->dat, path, err, errlen);
    free(path);
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

/* The driver of one figure. Alone it owns the output (terminal.gp); as a
 * frame of a panel or an animation (emlab_nested defined) it only draws. */
static char *figure_driver(const em_fig *f)
{
    return str_printf(
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
        "if (!exists(\"emlab_nested\")) { unset output }\n",
        f->name, f->name, f->name, f->tmpl, f->name, f->name,
        em_fig_format_name(f->fd->format), f->vars ? f->vars : "", f->tmpl);
}

em_status em_fig_end(em_fig *f, char *err, size_t errlen)
{
    if (f->failed) {
        em_fig_abort(f);
        return EM_ENOMEM;
    }
    em_status st = em_out_commit(&f->dat, err, errlen);
    char *driver = st ? NULL : figure_driver(f);
    char *file = st ? NULL : str_printf("%s.gp", f->name);
    if (st == EM_OK && (!driver || !file))
        st = EM_ENOMEM;
    if (st == EM_OK)
        st = write_text(f->fd, file, driver, err, errlen);
    if (st == EM_OK)
        st = add_script(f->fd, f->name);
    free(driver);
    free(file);
    fig_release(f);
    return st;
}

/* "load 'a.gp'\nload 'b.gp'\n..." for the frames of a panel or animation. */
static char *load_lines(const char *const *figs, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(figs[i]) + 12;
    char *s = malloc(len), *o = s;
    if (!s)
        return NULL;
    *o = '\0';
    for (size_t i = 0; i < n; i++)
        o += sprintf(o, "load '%s.gp'\n", figs[i]);
    return s;
}

/* Write a driver that sets the output itself and then loads each figure's
 * driver as a frame; `setup` goes between the two. */
static em_status frames_driver(em_figdir *fd, const char *name, const char *fmt,
                               int width, int height, const char *setup,
                               const char *const *figs, size_t n, char *err, size_t errlen)
{
    char *loads = load_lines(figs, n);
    char *text = loads ? str_printf(
        "# %s.gp: drawn by emlab from %zu figures. Redraw it with: gnuplot %s.gp\n"
        "reset session\n"
        "name = '%s'\n"
        "fmt = '%s'\n"
        "fig_w = %d\n"
        "fig_h = %d\n"
        "load 'terminal.gp'\n"
        "%s"
        "emlab_nested = 1\n"
        "%s"
        "unset multiplot\n"
        "unset output\n"
        "undefine emlab_nested emlab_panel\n",
        name, n, name, name, fmt, width, height, setup, loads) : NULL;
    char *file = str_printf("%s.gp", name);
    em_status st = text && file ? write_text(fd, file, text, err, errlen) : EM_ENOMEM;
    if (st == EM_OK)
        st = add_script(fd, name);
    free(loads);
    free(text);
    free(file);
    return st;
}

em_status em_fig_panel(em_figdir *fd, const char *name, const char *title,
                       size_t rows, size_t cols, const char *const *figs, size_t n,
                       int width, int height, char *err, size_t errlen)
{
    char *qt = gp_quote(title ? title : "");
    char *setup = qt ? str_printf("set multiplot layout %zu,%zu title %s font ',20' noenhanced offset 0,-0.6\n"
                                  "emlab_panel = 1  # templates may draw smaller, without tics\n",
                                  rows, cols, qt) : NULL;
    em_status st = setup ? frames_driver(fd, name, em_fig_format_name(fd->format), width,
                                         height, setup, figs, n, err, errlen)
                         : EM_ENOMEM;
    free(qt);
    free(setup);
    return st;
}

em_status em_fig_animation(em_figdir *fd, const char *name, const char *const *figs,
                           size_t n, int delay_cs, int width, int height, char *err,
                           size_t errlen)
{
    char *setup = str_printf("# %d hundredths of a second a frame (set in terminal.gp)\n", delay_cs);
    char *fmt = str_printf("gif animate delay %d loop 0", delay_cs);
    em_status st = setup && fmt ? frames_driver(fd, name, fmt, width, height, setup, figs, n, err, errlen)
                                : EM_ENOMEM;
    free(setup);
    free(fmt);
    return st;
}
