/* figure.h — figures as data files plus thin gnuplot scripts.
 *
 * A figure NAME in an output folder is three things:
 *   NAME.dat   the numbers, in named blocks ("# points", "# curves", ...)
 *   NAME.gp    a thin driver: a few variables, then `load 'style.gp'` (the
 *              shared look) and `load 'TEMPLATE.gp'` (how this kind of
 *              figure is drawn; the templates live in plots/)
 *   NAME.png   (or .svg, .pdf, .gif) drawn by running gnuplot on NAME.gp
 * style.gp and the templates are copied beside them, so `gnuplot NAME.gp`
 * in that folder redraws the figure, and a lecturer can restyle by hand.
 *
 * Panels (several figures on one page) and animations (one GIF frame per
 * figure) are drivers too: they load the figures' own drivers in turn.
 *
 * This module knows nothing of EM: it writes columns and runs gnuplot.
 */
#ifndef EMLAB_FIGURE_H
#define EMLAB_FIGURE_H

#include <stddef.h>
#include <stdio.h>
#include "gmm.h"
#include "status.h"
#include "textio.h"

typedef enum em_fig_format {
    EM_FIG_PNG,  /* pngcairo: the default                */
    EM_FIG_SVG,  /* svg                                  */
    EM_FIG_PDF,  /* pdfcairo                             */
    EM_FIG_GIF,  /* gif; animations become animated GIFs */
    EM_FIG_TEX,  /* cairolatex: NAME.tex + NAME.pdf, for LaTeX slides */
    EM_FIG_NONE  /* data and scripts only, no gnuplot    */
} em_fig_format;

/* "png", "svg", "pdf", "gif", "tex" or "none". Returns EM_EINVAL for anything
 * else. */
em_status em_fig_format_parse(const char *s, em_fig_format *fmt);
const char *em_fig_format_name(em_fig_format fmt);

/* An output folder and the drivers written into it, in order.
 *
 * Nothing is written into the folder itself until the run commits: the
 * data, the drivers and gnuplot's figures are made in a scratch folder
 * inside it (.emlab-run-XXXXXX), under their final names, and
 * em_figdir_commit moves them all in at the end, with the run's other
 * outputs. Two runs never write into one folder at once: the first holds
 * a lock (.emlab.lock, flock) until it closes the folder. */
typedef struct em_figdir {
    char *dir;             /* the folder (owned)                     */
    char *stage;           /* the scratch folder inside it (owned)   */
    em_fig_format format;  /* what the drivers render to              */
    const char *gnuplot;   /* the program to run: "gnuplot" by default */
    char **scripts;        /* drivers written so far, to render      */
    size_t n_scripts, cap;
    em_commit run;         /* every file of the run, to commit together */
    char *manifest;        /* ".emlab-PROGRAM.files", or NULL         */
    int lock;              /* the lock file's descriptor, or -1      */
} em_figdir;

/* Create dir (and its parents) if needed, lock it, make the scratch
 * folder and write style.gp and the templates into it. Returns EM_EIO
 * ("DIR: cannot create: REASON" in err), EM_EBUSY (another run holds the
 * folder) or EM_ENOMEM. */
em_status em_figdir_open(em_figdir *fd, const char *dir, em_fig_format fmt,
                         char *err, size_t errlen);

/* Is another run holding dir's lock just now? (A glance, for refusing
 * early; em_figdir_open takes the lock itself.) */
int em_figdir_busy(const char *dir);

/* Say that the run is PROGRAM's (emlab fit, say), whose runs into a
 * folder replace one another: the commit then writes the list of the
 * folder's files it wrote (.emlab-PROGRAM.files) and removes those the
 * previous run of PROGRAM listed and this one did not write, so that a
 * short run never leaves a longer run's iter_033.png beside its own. No
 * other file is ever touched. Returns EM_ENOMEM or EM_OK. */
em_status em_figdir_owner(em_figdir *fd, const char *program);

/* Move every file of the run into the folder (and the run's other files
 * to their places), all or none, then (em_figdir_owner) remove the files
 * of the previous run that this one did not replace. Returns EM_EIO with a
 * message, or EM_OK. */
em_status em_figdir_commit(em_figdir *fd, char *err, size_t errlen);

/* Release the folder: an uncommitted run's files are removed, the lock
 * given up. Safe after a failed em_figdir_open. */
void em_figdir_close(em_figdir *fd);

/* A figure being written. */
typedef struct em_fig {
    em_figdir *fd;
    char *name;        /* NAME, without extension                */
    char *tmpl;        /* template file, e.g. "lines.gp"         */
    em_outfile dat;    /* NAME.dat, being written                */
    size_t n_blocks;
    char *vars;        /* "name = value\n" lines for the driver  */
    size_t vars_len;
    int failed;        /* an allocation failed along the way     */
} em_fig;

/* Start figure NAME drawn by template TMPL (a file of plots/, e.g.
 * "lines.gp"). Returns EM_EIO or EM_ENOMEM with a message in err. */
em_status em_fig_begin(em_fig *f, em_figdir *fd, const char *name, const char *tmpl,
                       char *err, size_t errlen);

/* Start the next data block, named for `index 'BLOCK'` in the template, and
 * return the stream to fprintf its rows to (one row a line, columns
 * separated by spaces). Block names must not be prefixes of one another. */
FILE *em_fig_block(em_fig *f, const char *block);

/* Write a block of n rows "x_g y_g" with y_g = y[g * stride], %.10g. */
void em_fig_xy(em_fig *f, const char *block, const double *x, const double *y, size_t n,
               size_t stride);

/* Write a block of n rows "x_g y_g", x_g = x0 + g and y_g = y[g * stride]
 * (%.17g): a quantity against the iteration, say. */
void em_fig_series(em_fig *f, const char *block, const double *y, size_t n, size_t stride,
                   double x0);

/* A whole figure NAME of one such series drawn by plots/lines.gp, with its
 * title and axis labels: the log-likelihood against the iteration, say.
 * Returns EM_EIO or EM_ENOMEM with a message in err. */
em_status em_fig_line(em_figdir *fd, const char *name, const char *title, const char *xlabel,
                      const char *ylabel, const double *y, size_t n, size_t stride, double x0,
                      char *err, size_t errlen);

/* Write a block of n rows of d columns each, from row-major xy (n x d),
 * %.10g: points, or the vertices of a curve. */
void em_fig_rows(em_fig *f, const char *block, const double *xy, size_t n, size_t d);

/* Write a histogram block of x[i*stride], i < n (np.histogram's bins over
 * [lo, hi]): rows "centre height width", height the count, or the count /
 * (n * width) when density is nonzero (plt.hist(density=True)).
 * Returns EM_EINVAL (bins < 1, not lo < hi) or EM_ENOMEM. */
em_status em_fig_histogram(em_fig *f, const char *block, const double *x, size_t n,
                           size_t stride, size_t bins, double lo, double hi, int density);

/* Driver variables: a string (quoted for gnuplot) or a number. The name
 * must be a gnuplot identifier. */
void em_fig_set_str(em_fig *f, const char *var, const char *value);
void em_fig_set_num(em_fig *f, const char *var, double value);

/* A string variable drawn exactly as written, whatever it holds: for text
 * that comes from the data (a column name such as petal_length), where
 * em_fig_set_str would read _ as a subscript (or, for tex, pass LaTeX
 * through). */
void em_fig_set_text(em_fig *f, const char *var, const char *value);

/* Finish: NAME.dat and NAME.gp appear complete (or not at all), and NAME
 * joins the folder's drivers to render. Returns EM_EIO or EM_ENOMEM with a
 * message in err. Releases f either way. */
em_status em_fig_end(em_fig *f, char *err, size_t errlen);

/* Release an unfinished figure, removing its partial files. */
void em_fig_abort(em_fig *f);

/* A page NAME of figures already written, rows x cols (multiplot), with an
 * overall title; page width and height in pixels at 100 dpi. The frames
 * are drawn smaller (emlab_panel), and only the first has a key
 * (emlab_frame counts them from 0). */
em_status em_fig_panel(em_figdir *fd, const char *name, const char *title,
                       size_t rows, size_t cols, const char *const *figs, size_t n,
                       int width, int height, char *err, size_t errlen);

/* An animation NAME.gif of figures already written, one frame each,
 * delay_cs hundredths of a second per frame (the last one held about three
 * seconds, so that the result can be seen), width x height pixels.
 * Rendered as an animated GIF whatever the folder's format (unless it is
 * "none"). */
em_status em_fig_animation(em_figdir *fd, const char *name, const char *const *figs,
                           size_t n, int delay_cs, int width, int height, char *err,
                           size_t errlen);

/* A table of numbers, n rows of d columns (%.17g, with a header line of
 * names if not NULL), written as FILE of the folder with the run's other
 * files: trace.txt, say. Returns EM_EIO or EM_ENOMEM with a message. */
em_status em_fig_table(em_figdir *fd, const char *file, const double *x, size_t n, size_t d,
                       char *const *names, char *err, size_t errlen);

/* A mixture's parameters as FILE of the folder, written with the run's
 * other files in emlab's parameter format (em_gmm_print: `emlab fit
 * --init FILE` reads them back, to the last bit), after header (comment
 * lines, each "# ...\n"; NULL: none). Returns EM_EIO or EM_ENOMEM with a
 * message. */
em_status em_fig_model(em_figdir *fd, const char *file, const em_gmm *m, const char *header,
                       char *err, size_t errlen);

/* The chapter's data and start, handed on to `emlab fit` and to the lab:
 * data.txt (the n x d points) and, if start is not NULL, start.txt (its
 * parameters, headed by `about` and by the command that goes on from
 * them: "emlab fit data.txt -k K --init start.txt OPTIONS"), both
 * exact (%.17g) and written with the run's other files. The lab opens a
 * chapter with these (make lab packs them). Returns EM_EIO or EM_ENOMEM
 * with a message. */
em_status em_fig_handoff(em_figdir *fd, const double *x, size_t n, size_t d,
                         const em_gmm *start, const char *about, const char *options,
                         char *err, size_t errlen);

/* --- the figures of EM, one call each (figure_em.c) ------------------------ */

/* The components' colours, component k (from 0) in em_palette[k % 8]: the
 * line styles 1 to 8 of plots/style.gp, chosen to stay distinct for
 * colour-blind readers. */
enum { EM_PALETTE_SIZE = 8 };
extern const unsigned em_palette[EM_PALETTE_SIZE];

/* A point's colour (0xRRGGBB): each component's colour in proportion to
 * its responsibility gamma[k], k < K. */
unsigned em_fig_mix(const double *gamma, size_t K);

/* The density p(x) of a 2-D mixture on a 200 x 200 grid over
 * [-half, half]^2, as an image with a colour box (plots/heatmap.gp). */
em_status em_fig_density_2d(em_figdir *fd, const char *name, const char *title,
                            const em_gmm *m, double half, char *err, size_t errlen);

/* n samples x (n x 2) of the 2-D mixture m, sample i coloured by its
 * component z[i], over contour lines of p(x) (plots/samples2d.gp); the
 * window is [-half, half]^2 or wider, to hold every sample. */
em_status em_fig_samples_2d(em_figdir *fd, const char *name, const char *title,
                            const em_gmm *m, const double *x, const size_t *z, size_t n,
                            double half, char *err, size_t errlen);

/* A 1-D mixture over its data: a density histogram of x, the mixture p(x)
 * (thick, black) and each weighted component pi_k N(x | mu_k, sigma_k^2)
 * (dashed, in its colour), the key below. */
typedef struct {
    const char *title;
    const char *data_key;    /* the histogram's key; NULL: "data"        */
    const char *mixture_key; /* p(x)'s key; NULL: "p(x)"                 */
    const char *xlabel;      /* NULL: x                                  */
    int literal_labels;      /* 1: labels as written (column names)      */
    int weighted_keys;       /* 1: keys "π_k N(x | μ_k, σ_k^2)", 0: "component k" */
    size_t bins;             /* 0: 40                                    */
    int fig_w, fig_h;        /* pixels; 0: 1100 x 650                    */
} em_fig_1d;
em_status em_fig_mixture_1d(em_figdir *fd, const char *name, const em_gmm *m,
                            const double *x, size_t n, const em_fig_1d *opt, char *err,
                            size_t errlen);

/* A 2-D snapshot of EM, as Bishop's Figure 9.8 draws one: the points,
 * each coloured by its responsibilities resp (n x K, em_fig_mix; NULL:
 * grey), each component's mean (a cross) and its 1- and 2-sigma ellipses,
 * a key below (plots/resp2d.gp). x is n x d, in the model's units;
 * coordinates a and b are drawn, on equal scales when the frame's two
 * spans are within a factor 2 of each other. */
typedef struct {
    const char *title;
    const char *panel_title; /* in a panel, this instead of the title    */
    const char *xlabel, *ylabel; /* NULL: x_1, x_2                      */
    int literal_labels;      /* 1: labels as written (column names)      */
    size_t a, b;             /* the coordinates drawn (0 and 1 in 2-D)   */
    const double *frame;     /* {x_min, x_max, y_min, y_max}, or NULL:
                                em_fig_frame_2d's                        */
    size_t max_points;       /* draw every m-th point to keep at most this
                                many; 0: all                             */
    int bare_in_panel;       /* 1: in a panel, no tics or axis labels    */
    int hard;                /* 1: k-means' clusters: resp is 0 or 1, no
                                ellipses, the key says cluster and centre */
    int fig_w, fig_h;        /* pixels; 0: 800 x 750                     */
} em_fig_2d;
em_status em_fig_snapshot_2d(em_figdir *fd, const char *name, const double *x, size_t n,
                             const em_gmm *m, const double *resp, const em_fig_2d *opt,
                             char *err, size_t errlen);

/* The frame em_fig_snapshot_2d draws by default: the extent of
 * coordinates a and b of x (n x d) and 15% more on every side. Give every
 * snapshot of a run the same one, and they line up. */
void em_fig_frame_2d(const double *x, size_t n, size_t d, size_t a, size_t b,
                     double frame[4]);

/* Curves y against x with marked points (a ring, and a label
 * label_dy above it, or below when negative), drawn by plots/lines.gp: a
 * log-likelihood against the iteration, a criterion against K. */
typedef struct {
    const double *x;         /* NULL: x = x0, x0 + 1, ...                 */
    const double *y;
    size_t n;
    double x0;
    const char *key;
    int style;               /* line style of plots/style.gp; 0: its index */
} em_fig_curve;
typedef struct {
    double x, y, label_dy;
    const char *text;        /* no double quotes                          */
} em_fig_mark;
typedef struct {
    const char *title, *xlabel, *ylabel;
    const char *key_pos;     /* gnuplot's words; NULL: bottom right       */
    double xtics_step;       /* 1 for iterations or K; 0: gnuplot's       */
    int log_y;               /* 1: a logarithmic y axis (every y > 0)     */
    int smooth;              /* 1: lines only, no points (a fine grid)    */
    double headroom;         /* room above the curves for the key, as a
                                fraction of the plot's height; 0: none   */
} em_fig_axes;
em_status em_fig_curves(em_figdir *fd, const char *name, const em_fig_curve *curves,
                        size_t n_curves, const em_fig_mark *marks, size_t n_marks,
                        const em_fig_axes *axes, char *err, size_t errlen);

/* Run gnuplot once on every driver written so far, in the folder. Does
 * nothing for format "none". Returns EM_EGNUPLOT if gnuplot is missing or
 * fails, with what failed and how to render later in err; the data and
 * scripts stay. */
em_status em_figdir_render(em_figdir *fd, char *err, size_t errlen);

/* The text of a file of plots/ built into the library ("style.gp",
 * "lines.gp", ...), or NULL. */
const char *em_plot_source(const char *file);

#endif
