/* lab_draw.c — what the page needs to draw, computed here so that the lab
 * and the figures agree to the pixel: the points' colours (em_fig_mix, the
 * figures' palette), the ellipses (em_ellipse) and the 1-D curves
 * (em_gmm_curves_1d). */
#include <string.h>
#include "figure.h"
#include "lab_state.h"

unsigned lab_colour(size_t k)
{
    return em_palette[k % EM_PALETTE_SIZE];
}

void lab_colours(const em_lab *lab, unsigned *rgb)
{
    size_t K = lab->theta.K;
    int have = K && lab->curve_len; /* gamma from some E-step of this model */
    for (size_t i = 0; i < lab->n; i++)
        rgb[i] = have ? em_fig_mix(lab->resp + i * K, K) : 0x555555;
}

em_status lab_ellipse(const em_lab *lab, size_t k, double c, size_t m, double *xy)
{
    if (lab->d != 2 || k >= lab->theta.K || m < 3)
        return EM_EINVAL;
    return em_ellipse(lab->theta.mean + 2 * k, lab->theta.cov + 4 * k, c, m, xy);
}

em_status lab_density_1d(const em_lab *lab, const double *x, size_t m, double *comp,
                         double *mix)
{
    if (lab->d != 1 || !lab->theta.K)
        return EM_EINVAL;
    return em_gmm_density_1d(&lab->theta, x, m, comp, mix);
}

em_status lab_curves_1d(const em_lab *lab, double lo, double hi, size_t npts, double *x,
                        double *comp, double *mix)
{
    if (lab->d != 1 || !lab->theta.K || !(hi > lo))
        return EM_EINVAL;
    return em_gmm_curves_1d(&lab->theta, lo, hi, npts, x, comp, mix);
}
