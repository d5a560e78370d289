/* palette.c — the components' colours, shared by every figure and the lab
 * (kept apart from the figure layer so that the WebAssembly lab has them
 * without gnuplot's plumbing). */
#include <math.h>
#include "figure.h"

/* Okabe and Ito's blue and vermillion, then colours chosen so that any two
 * of the first five differ by at least 20 (CIE L*a*b* distance) in
 * simulations of protanopia, deuteranopia and tritanopia as well as in
 * normal vision; tests/test_figure.c measures it. plots/style.gp holds
 * the same colours as line styles 1 to 8, and the lab draws with em_fig_mix
 * (tests compare them). */
const unsigned em_palette[EM_PALETTE_SIZE] = {0x0072b2, 0xd55e00, 0x882255, 0x332288,
                                              0xcc79a7, 0x009e73, 0x117733, 0x999933};

unsigned em_fig_mix(const double *gamma, size_t K)
{
    double rgb[3] = {0, 0, 0};
    for (size_t k = 0; k < K; k++)
        for (int c = 0; c < 3; c++)
            rgb[c] += gamma[k] * (double)((em_palette[k % EM_PALETTE_SIZE] >> (16 - 8 * c)) & 0xff);
    unsigned out = 0;
    for (int c = 0; c < 3; c++)
        out = out * 256 + (unsigned)lround(fmin(255.0, fmax(0.0, rgb[c])));
    return out;
}
