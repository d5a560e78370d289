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

/* Write text to DIR/FILE of the folder, atomically. */
em_status em_write_text(const em_figdir *fd, const char *file, const char *text, char *err,
                        size_t errlen);

/* Remember driver NAME.gp for em_figdir_render. Returns EM_ENOMEM or EM_OK. */
em_status em_add_script(em_figdir *fd, const char *name);

/* A gnuplot string literal: single quotes, with ' doubled (malloc'd). */
char *em_gp_quote(const char *s);

/* A label for --format tex, as LaTeX (malloc'd). */
char *em_latex_label(const char *s);

#endif
