/* cli.h — the command line every chapter shares.
 *
 *   NN_name [--seed S] [--out DIR] [--format png|svg|pdf|gif|tex|none] [--help]
 *
 * This is the one module that prints: it serves programs' main(), turning
 * bad arguments and failed figures into one clear line on stderr and an
 * exit code (0 success, 1 runtime or data error, 2 usage error).
 */
#ifndef EMLAB_CLI_H
#define EMLAB_CLI_H

#include <stdint.h>
#include "figure.h"

typedef struct em_cli {
    const char *prog;      /* program name, for messages            */
    uint32_t seed;         /* --seed (the chapter's default if not given) */
    int seed_given;
    const char *out;       /* --out, default out/<prog>/             */
    em_fig_format format;  /* --format, default png                   */
    char default_out[256];
    em_figdir fd;          /* the output folder, opened (and locked) by
                              em_cli_parse, handed over by em_cli_open */
    int have_fd;
} em_cli;

/* Parse argv into cli, whose seed the caller set to its default. `about`
 * is the one-paragraph description --help prints. Then, before the chapter
 * computes or prints anything, open its output folder: locked against a
 * second run, its files staged until the end, Ctrl-C guarded, and owned
 * by the program (a run removes the files of its previous run in that
 * folder that it did not write again: em_figdir_owner). Returns -1 to go
 * on, or the exit code to return at once: 0 after --help, 2 after a usage
 * error, 1 when standard output is closed or the folder cannot be had
 * (message printed). */
int em_cli_parse(em_cli *cli, int argc, char **argv, const char *about);

/* Hand the output folder em_cli_parse opened over to *fd (or open it now,
 * if it was not); on failure print the message and return 1, else 0. */
int em_cli_open(em_cli *cli, em_figdir *fd);

/* End a chapter: if st (writing the figures) failed, print err (or the
 * status's sentence when err is empty) and return 1, leaving no file;
 * otherwise draw every figure written to fd, check that standard output
 * took everything printed, move the files into the folder together and
 * report where they are on stderr. Closes fd. Returns the exit code: 0,
 * or 1 with the message printed. */
int em_cli_finish(const em_cli *cli, em_figdir *fd, em_status st, const char *err);

/* Descriptors 0, 1 and 2 open (a closed one reopened on /dev/null), so
 * that no file the run opens (a folder's lock) takes the place of standard
 * output and receives the printout. A closed standard output is refused:
 * "PROG: standard output is closed: ..." on stderr and 0; 1 if the run may
 * go on. em_cli_parse calls it; so does emlab. */
int em_cli_std_open(const char *prog);

/* Flush standard output: 1 if everything printed reached it, else 0 after
 * "PROG: standard output: REASON" on stderr (a full disk, a closed pipe). */
int em_cli_stdout_ok(const char *prog);

/* Print "PROG: MESSAGE" on stderr (for a status the chapter met), and
 * give up the output folder if it is still cli's (nothing is written);
 * returns 1. */
int em_cli_fail(em_cli *cli, const char *message);

/* The workbook's mark of a blank not filled in yet: say so on stderr and end
 * the program with status EM_BLANK_EXIT, which the solution checks
 * recognise. The one function of emlab that ends the program; only the
 * workbook's blanks call it. */
#define EM_BLANK_EXIT 86
_Noreturn void em_blank(const char *name);

#endif
