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
    if (!em_cli_std_open("emlab"))
        return EXIT_RUNTIME;
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 || strcmp(sub, "help") == 0) {
        usage(stdout);
        return stdout_ok("help") ? EXIT_RUNTIME : EXIT_OK;
    }
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } commands[] = {{"fit", cmd_fit}, {"sample", cmd_sample}, {"resp", cmd_resp},
                    {"select", cmd_select}};
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
        if (strcmp(sub, commands[c].name) == 0) {
            int rc = commands[c].run(argc - 1, argv + 1);
            /* what was printed last (--help, say) must have arrived too */
            return rc == EXIT_OK && stdout_ok(sub) ? EXIT_RUNTIME : rc;
        }
    fprintf(stderr, "emlab: unknown command '%s' (fit, sample, resp or select)\n", sub);
    return EXIT_USAGE;
}
