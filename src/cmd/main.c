/* main.c — the emlab command: EM on your own data.
 *
 *   emlab fit DATA -k K [options]     fit a mixture, draw it
 *   emlab sample [options]            draw points from a mixture
 *   emlab resp DATA --params FILE     the responsibility table
 *   emlab select DATA [options]       compare K by log-likelihood, AIC and BIC
 */
#include <stdio.h>
#include <string.h>
#include "cmd.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: emlab COMMAND [options]   (emlab COMMAND --help for each)\n"
               "  fit DATA -k K        fit a K-component Gaussian mixture by EM, and draw it\n"
               "  sample               draw points from a mixture (a parameter file or a\n"
               "                       random one)\n"
               "  resp DATA --params F the responsibility of each component for each point\n"
               "  select DATA          fit K = 1..8 and compare them by AIC and BIC\n");
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage(stderr), EXIT_USAGE;
    const char *sub = argv[1];
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 || strcmp(sub, "help") == 0)
        return usage(stdout), EXIT_OK;
    if (strcmp(sub, "fit") == 0)
        return cmd_fit(argc - 1, argv + 1);
    if (strcmp(sub, "sample") == 0)
        return cmd_sample(argc - 1, argv + 1);
    if (strcmp(sub, "resp") == 0)
        return cmd_resp(argc - 1, argv + 1);
    if (strcmp(sub, "select") == 0)
        return cmd_select(argc - 1, argv + 1);
    fprintf(stderr, "emlab: unknown command '%s' (fit, sample, resp or select)\n", sub);
    return EXIT_USAGE;
}
