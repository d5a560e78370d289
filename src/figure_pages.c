/* figure_pages.c — drivers that draw several figures: a panel (multiplot)
 * or an animation (one GIF frame each), loading the figures' own drivers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figure.h"
#include "figure_util.h"

/* "emlab_frame = 0\nload 'a.gp'\nemlab_frame = 1\nload 'b.gp'\n..." for
 * the frames of a panel or animation, the last one `hold` more times. */
static char *load_lines(const char *const *figs, size_t n, size_t hold)
{
    size_t len = 1;
    for (size_t i = 0; i < n + hold; i++)
        len += strlen(figs[i < n ? i : n - 1]) + 48;
    char *s = malloc(len), *o = s;
    if (!s)
        return NULL;
    *o = '\0';
    for (size_t i = 0; i < n + hold; i++)
        o += sprintf(o, "emlab_frame = %zu\nload '%s.gp'\n", i, figs[i < n ? i : n - 1]);
    return s;
}

/* Write a driver that sets the output itself and then loads each figure's
 * driver as a frame; `setup` goes between the two. */
static em_status frames_driver(em_figdir *fd, const char *name, const char *fmt,
                               int width, int height, const char *setup,
                               const char *const *figs, size_t n, size_t hold, char *err,
                               size_t errlen)
{
    em_status taken = em_name_free(fd, name, err, errlen);
    if (taken)
        return taken;
    char *loads = load_lines(figs, n, n ? hold : 0);
    char *text = loads ? em_str_printf(
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
        "undefine emlab_nested emlab_panel emlab_frame\n",
        name, n, name, name, fmt, width, height, setup, loads) : NULL;
    char *file = em_str_printf("%s.gp", name);
    em_status st = text && file ? em_write_text(fd, file, text, err, errlen) : EM_ENOMEM;
    if (st == EM_OK)
        st = em_add_script(fd, name);
    free(loads);
    free(text);
    free(file);
    return st;
}

em_status em_fig_panel(em_figdir *fd, const char *name, const char *title,
                       size_t rows, size_t cols, const char *const *figs, size_t n,
                       int width, int height, char *err, size_t errlen)
{
    char *qt = em_gp_quote(title ? title : "");
    char *setup = qt ? em_str_printf("set multiplot layout %zu,%zu title %s font ',20' noenhanced offset 0,-0.6\n"
                                  "emlab_panel = 1  # templates may draw smaller, without tics\n",
                                  rows, cols, qt) : NULL;
    em_status st = setup ? frames_driver(fd, name, em_fig_format_name(fd->format), width,
                                         height, setup, figs, n, 0, err, errlen)
                         : EM_ENOMEM;
    free(qt);
    free(setup);
    return st;
}

em_status em_fig_animation(em_figdir *fd, const char *name, const char *const *figs,
                           size_t n, int delay_cs, int width, int height, char *err,
                           size_t errlen)
{
    char *setup = em_str_printf("# %d hundredths of a second a frame (set in terminal.gp)\n", delay_cs);
    char *fmt = em_str_printf("gif animate delay %d loop 0", delay_cs);
    size_t hold = delay_cs > 0 ? (size_t)((300 + delay_cs - 1) / delay_cs - 1) : 0;
    em_status st = setup && fmt ? frames_driver(fd, name, fmt, width, height, setup, figs, n, hold,
                                                err, errlen)
                                : EM_ENOMEM;
    free(setup);
    free(fmt);
    return st;
}

