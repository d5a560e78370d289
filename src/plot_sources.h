/* plot_sources.h — the files of plots/, built into the library.
 *
 * The Makefile turns every plots/NAME.gp into a string (plots/embed.awk), so
 * an installed emlab draws without finding its source tree. Internal. */
#ifndef EMLAB_PLOT_SOURCES_H
#define EMLAB_PLOT_SOURCES_H

typedef struct em_plot_file {
    const char *name; /* "style.gp" */
    const char *text; /* its contents */
} em_plot_file;

/* Every file of plots/, ended by {NULL, NULL}. */
extern const em_plot_file em_plot_files[];

#endif
