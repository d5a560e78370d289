/* figure_util.c — the small text and file chores of the figure writer:
 * strings for gnuplot and for LaTeX, folders, atomic writes (internal). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "figure_util.h"
#include "textio.h"

/* printf into a fresh malloc'd string; NULL when out of memory. */
char *em_str_printf(const char *fmt, ...)
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
int em_make_dirs(const char *dir)
{
    char *p = em_str_printf("%s", dir);
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

/* Is tmp already recorded in the run, to be renamed? */
static int recorded(const em_commit *run, const char *tmp)
{
    for (size_t i = 0; i < run->n; i++)
        if (run->tmp[i] && run->path[i] && strcmp(run->tmp[i], tmp) == 0)
            return 1;
    return 0;
}

em_status em_stage_file(em_figdir *fd, const char *file, char **staged)
{
    char *tmp = em_str_printf("%s/%s", fd->stage, file);
    char *path = em_str_printf("%s/%s", fd->dir, file);
    em_status st = tmp && path ? EM_OK : EM_ENOMEM;
    if (st == EM_OK && !recorded(&fd->run, tmp))
        st = em_commit_add(&fd->run, tmp, path);
    free(path);
    if (st == EM_OK && staged)
        *staged = tmp;
    else
        free(tmp);
    return st;
}

em_status em_stage_open(em_figdir *fd, const char *file, em_outfile *out, char *err,
                        size_t errlen)
{
    memset(out, 0, sizeof *out);
    em_status st = em_stage_file(fd, file, &out->tmp);
    out->path = st ? NULL : em_str_printf("%s/%s", fd->dir, file);
    if (st == EM_OK && !out->path)
        st = EM_ENOMEM;
    if (st == EM_OK && !(out->f = fopen(out->tmp, "w"))) {
        em_errorf(err, errlen, out->path, 0, "cannot write: %s", strerror(errno));
        st = EM_EIO;
    }
    if (st) {
        free(out->tmp);
        free(out->path);
        memset(out, 0, sizeof *out);
        return st;
    }
    out->run = &fd->run; /* renamed into the folder when the run commits */
    return EM_OK;
}

/* Write text to FILE of the folder, staged for the commit. */
em_status em_write_text(em_figdir *fd, const char *file, const char *text, char *err,
                        size_t errlen)
{
    em_outfile out;
    em_status st = em_stage_open(fd, file, &out, err, errlen);
    if (st)
        return st;
    fputs(text, out.f);
    return em_out_commit(&out, err, errlen);
}

/* Is NAME a figure already written in this run? Then EM_EINVAL, with a
 * message: its second driver would replace the first. */
em_status em_name_free(const em_figdir *fd, const char *name, char *err, size_t errlen)
{
    size_t len = strlen(name);
    for (size_t i = 0; i < fd->n_scripts; i++)
        if (strncmp(fd->scripts[i], name, len) == 0 && strcmp(fd->scripts[i] + len, ".gp") == 0) {
            snprintf(err, errlen, "%s: a figure of that name is already written in this run",
                     name);
            return EM_EINVAL;
        }
    return EM_OK;
}

/* Remember driver NAME.gp for em_figdir_render. */
em_status em_add_script(em_figdir *fd, const char *name)
{
    if (fd->n_scripts == fd->cap) {
        size_t cap = fd->cap ? 2 * fd->cap : 16;
        char **s = realloc(fd->scripts, cap * sizeof *s);
        if (!s)
            return EM_ENOMEM;
        fd->scripts = s;
        fd->cap = cap;
    }
    char *file = em_str_printf("%s.gp", name);
    if (!file)
        return EM_ENOMEM;
    fd->scripts[fd->n_scripts++] = file;
    return EM_OK;
}

/* A gnuplot string literal: single quotes, with ' doubled. */
char *em_gp_quote(const char *s)
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

char *em_gp_literal(const char *s)
{
    char *out = malloc(2 * strlen(s) + 1), *o = out;
    for (; out && *s; s++) {
        if (strchr("^_@&~{}\\", *s))
            *o++ = '\\';
        *o++ = *s;
    }
    if (out)
        *o = '\0';
    return out;
}

char *em_latex_text(const char *s)
{
    char *out = malloc(17 * strlen(s) + 1), *o = out;
    for (; out && *s; s++) {
        if (*s == '\\')
            o += sprintf(o, "\\textbackslash{}");
        else if (*s == '~')
            o += sprintf(o, "\\textasciitilde{}");
        else if (*s == '^')
            o += sprintf(o, "\\textasciicircum{}");
        else if (strchr("#$%&_{}", *s))
            o += sprintf(o, "\\%c", *s);
        else
            *o++ = *s;
    }
    if (out)
        *o = '\0';
    return out;
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
char *em_latex_label(const char *s)
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

