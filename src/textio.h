/* textio.h — reading the line-oriented text files of emlab.
 *
 * Data files and parameter files share one syntax: one record per line,
 * fields separated by whitespace and/or a comma, `#` starting a comment that
 * runs to the end of the line, blank lines ignored. This module splits a
 * line into fields and turns fields into numbers (table.c reads the files),
 * writes files atomically, and builds the "file:line: problem" messages
 * every reader reports.
 */
#ifndef EMLAB_TEXTIO_H
#define EMLAB_TEXTIO_H

#include <stddef.h>
#include <stdio.h>
#include "commit.h"
#include "status.h"

/* Split off the next field of a line: skips leading whitespace, returns the
 * field's start and sets *len, and moves *cursor past the field and one
 * separating comma. Returns NULL when the line has no more fields. A field
 * is empty (*len == 0) only between two commas or after a trailing comma. */
const char *em_next_field(const char **cursor, size_t *len);

/* Parse one field, as em_next_field returns it (followed by a separator or
 * the end of the line), as a decimal number. Returns EM_OK, EM_EPARSE (not
 * a number) or EM_ENONFINITE (a NaN or infinity, or an overflow to one). */
em_status em_parse_number(const char *field, size_t len, double *value);

/* An output file that appears complete or not at all: written to a fresh
 * temporary beside PATH (".NAME.XXXXXX", created exclusively), then
 * renamed to PATH, by em_out_commit itself or, for a file that belongs to
 * a run (em_out_open_in), with the run's other outputs by em_commit_all. */
typedef struct em_outfile {
    FILE *f;        /* write here                                  */
    char *path;     /* the final name (owned)                      */
    char *tmp;      /* the temporary (owned)                       */
    em_commit *run; /* the run it belongs to, or NULL              */
} em_outfile;

/* Create the temporary for PATH. Returns EM_EIO ("PATH: cannot write:
 * REASON" in err) or EM_ENOMEM. */
em_status em_out_open(em_outfile *out, const char *path, char *err, size_t errlen);

/* The same, for a file of run: the temporary is recorded in run (so that
 * an interrupt removes it) and renamed when the run commits. */
em_status em_out_open_in(em_outfile *out, em_commit *run, const char *path, char *err,
                         size_t errlen);

/* Flush and close, checking every write: on an error returns EM_EIO with
 * "PATH: cannot write: REASON" and removes the temporary. Otherwise renames
 * it into place now (a file of no run), or leaves that to the run. Always
 * releases out. */
em_status em_out_commit(em_outfile *out, char *err, size_t errlen);

/* Close and remove the temporary; safe on a zeroed em_outfile. */
void em_out_abort(em_outfile *out);

/* err = "PATH:LINE: " + printf(fmt, ...), truncated to errlen; LINE is
 * left out when line == 0. */
void em_errorf(char *err, size_t errlen, const char *path, size_t line,
               const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#endif
