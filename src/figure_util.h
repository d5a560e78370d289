/* figure_util.h — internal helpers shared by figure.c and figure_pages.c. */
#ifndef EMLAB_FIGURE_UTIL_H
#define EMLAB_FIGURE_UTIL_H

#include "figure.h"

/* printf into a fresh malloc'd string; NULL when out of memory. */
char *em_str_printf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* mkdir -p; 0 on success, -1 with errno set. */
int em_make_dirs(const char *dir);

/* Record FILE of the folder in the run: written in the scratch folder
 * (its path in *staged, malloc'd, if staged is not NULL), renamed into the
 * folder at the commit. Recording a file twice records it once. */
em_status em_stage_file(em_figdir *fd, const char *file, char **staged);

/* Open FILE of the folder for writing, in the scratch folder, recorded in
 * the run; em_out_commit checks and closes it. EM_EIO or EM_ENOMEM. */
em_status em_stage_open(em_figdir *fd, const char *file, em_outfile *out, char *err,
                        size_t errlen);

/* Write text to FILE of the folder, staged for the commit. */
em_status em_write_text(em_figdir *fd, const char *file, const char *text, char *err,
                        size_t errlen);

/* EM_EINVAL (with a message) if a figure NAME is already written in this
 * run, else EM_OK. */
em_status em_name_free(const em_figdir *fd, const char *name, char *err, size_t errlen);

/* Remember driver NAME.gp for em_figdir_render. Returns EM_ENOMEM or EM_OK. */
em_status em_add_script(em_figdir *fd, const char *name);

/* A gnuplot string literal: single quotes, with ' doubled (malloc'd). */
char *em_gp_quote(const char *s);

/* s with gnuplot's enhanced-text marks (^ _ @ & ~ { } \) escaped, so that
 * it is drawn as written (malloc'd). */
char *em_gp_literal(const char *s);

/* s as LaTeX text, every special character escaped (malloc'd). */
char *em_latex_text(const char *s);

/* A label for --format tex, as LaTeX (malloc'd). */
char *em_latex_label(const char *s);

#endif
