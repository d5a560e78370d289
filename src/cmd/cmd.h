/* cmd.h — the emlab command: what its subcommands share.
 *
 * Conventions (as a Unix user expects): --help on every subcommand, long
 * and short options, one line on stderr for each error ("emlab fit: ..."),
 * exit 0 on success, 1 on a runtime or data error, 2 on a usage error.
 */
#ifndef EMLAB_CMD_H
#define EMLAB_CMD_H

#include <stddef.h>
#include <stdint.h>
#include "emlab.h"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

int cmd_fit(int argc, char **argv);
int cmd_sample(int argc, char **argv);
int cmd_resp(int argc, char **argv);
int cmd_select(int argc, char **argv);

/* "emlab SUB: MESSAGE" on stderr; returns code. */
int fail(const char *sub, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Strict number parsing for option OPT; on a bad value print a usage error
 * and return -1. */
int parse_count(const char *sub, const char *opt, const char *s, size_t min, size_t *out);
int parse_real(const char *sub, const char *opt, const char *s, double min, double *out);
int parse_seed(const char *sub, const char *s, uint32_t *out);
/* --covariance TYPE: a family's name; -1 after a usage error. */
int parse_cov_type(const char *sub, const char *s, em_cov_type *out);

/* Read a data file or a parameter file; on failure print the file:line
 * message and return -1. */
int load_data(const char *sub, const char *path, em_dataset *ds);
int load_params(const char *sub, const char *path, em_gmm *m);

/* Data a covariance can be computed from: every |x| below 1e150 (or their
 * squares overflow) and the largest at least 1e-150 (or they underflow).
 * Otherwise prints "PATH: the values are ...: rescale" and returns -1. */
int check_magnitude(const char *sub, const char *path, const em_dataset *ds);

/* How EM is to be run, the options every fitting subcommand shares. */
typedef struct {
    size_t K;
    em_options em;          /* max_iter, tol, reg, fixed_weights         */
    em_init_kind init;
    em_cov_type cov_type;   /* --covariance: the family of the fit        */
    const em_gmm *init_model; /* --init FILE: start from these parameters, or NULL */
    uint32_t seed;
    size_t restarts;
    int quiet;              /* fit_best prints nothing on a failure    */
} fit_spec;

/* N_k as text with the fewest digits (3 or more) that do not round it up
 * to d + 1: "3.99999", not "4". */
void count_text(double N, size_t d, char *buf, size_t size);

/* What can be said to a user whose fit hit a singular covariance under
 * the floor reg: raise it, or (reg 0) leave the default on. */
void floor_advice(double reg, char *buf, size_t size);

/* Fit `restarts` times from successive starts of one random stream seeded
 * with spec->seed (or once from spec->init_model), keep the best
 * log-likelihood among the fits without a degenerate component (among all,
 * if every one has one) in *best (allocated here) and its start in *start (if
 * not NULL, allocated here). A single run keeps spec's observer and fills
 * resp (if not NULL) with its responsibilities; with restarts neither is
 * used. Prints one line and returns EXIT_RUNTIME on a failure, naming the
 * component or point at fault. */
int fit_best(const char *sub, const em_dataset *ds, const fit_spec *spec, em_gmm *best,
             em_result *res, em_gmm *start, double *resp);

/* The end of a run that wrote into fd: draw the figures, check that
 * standard output took everything printed, and move the run's files into
 * place together. Without gnuplot the data and scripts are still moved
 * (and the message says how to draw them). Returns EXIT_OK, or
 * EXIT_RUNTIME with one line printed and no file of the run left. */
int finish_outputs(const char *sub, em_figdir *fd);

/* Standard output flushed: 0, or -1 after "emlab SUB: standard output:
 * REASON". */
int stdout_ok(const char *sub);

/* The weights, means and covariances, a component a block, numpy's way.
 * Returns -1 when out of memory (write errors are left to the caller's
 * check of stdout). */
int print_model(const em_gmm *m);

#endif
