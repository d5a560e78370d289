/* trace.c DATA K INIT SEED ITERS — the lab stepped natively, as trace.js
 * steps its WebAssembly build: for the tests of the lab built with a
 * student's blanks (make lab STUDENT=1), which this program is compiled
 * with (tests/test_lab.c). Prints, for t = 0..ITERS,
 *
 *   t l pi_1..pi_K mu (K x d) Sigma (K x d x d)
 *
 * with %.17g, then "fell F" (how many points of the curve are marked as a
 * fall) and "whose" lines (lab_whose). A step that fails: "error:
 * MESSAGE" after the lines so far, exit 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lab.h"

static void print_line(const em_lab *lab)
{
    size_t K = lab_K(lab), d = lab_d(lab);
    printf("%zu %.17g", lab_t(lab), lab_loglik(lab));
    for (size_t k = 0; k < K; k++)
        printf(" %.17g", lab_weight(lab)[k]);
    for (size_t v = 0; v < K * d; v++)
        printf(" %.17g", lab_mean(lab)[v]);
    for (size_t v = 0; v < K * d * d; v++)
        printf(" %.17g", lab_cov(lab)[v]);
    printf("\n");
}

int main(int argc, char **argv)
{
    em_init_kind how;
    if (argc != 6 || em_init_parse(argv[3], &how)) {
        fprintf(stderr, "usage: trace DATA K INIT SEED ITERS\n");
        return 2;
    }
    em_lab *lab = lab_new();
    int rc = 0;
    if (!lab || lab_load_data(lab, argv[1]) ||
        lab_start(lab, strtoul(argv[2], NULL, 10), how, (uint32_t)strtoul(argv[4], NULL, 10), 0)) {
        rc = 1;
    } else {
        print_line(lab);
        for (long t = strtol(argv[5], NULL, 10); t > 0 && !rc; t--)
            if (lab_iterate(lab))
                rc = 1;
            else
                print_line(lab);
    }
    if (lab) {
        size_t fell = 0;
        for (size_t c = 0; c < lab_curve_len(lab); c++)
            fell += (lab_curve_mark(lab, c) & LAB_FELL) != 0;
        printf("fell %zu\n", fell);
        printf("whose %s\n", lab_whose());
        if (rc)
            printf("error: %s\n", lab_error(lab));
    }
    lab_free(lab);
    return rc;
}
