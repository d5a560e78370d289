/* table.h — a text file of numbers, read as a table of rows.
 *
 * Data files and parameter files are both tables: one row per line, the
 * same number of columns on every line (textio.h gives the syntax). This is
 * the one reader behind both; each adds its own meaning on top.
 */
#ifndef EMLAB_TABLE_H
#define EMLAB_TABLE_H

#include <stddef.h>
#include "status.h"

/* A comment line "# KEY: VALUE", KEY one word (EM_TABLE_KEYS only). */
typedef struct em_table_key {
    char *key, *value;  /* without the spaces around them */
    size_t line;        /* its line in the file          */
} em_table_key;

typedef struct em_table {
    size_t rows, cols;
    double *v;      /* rows x cols, row-major                          */
    char **names;   /* cols column names from a header line, or NULL   */
    size_t *line;   /* the file line of each row (EM_TABLE_LINES only) */
    em_table_key *keys; /* the "# KEY: VALUE" comments, in order        */
    size_t n_keys;
} em_table;

enum {
    EM_TABLE_HEADER = 1, /* the first line may be column names (no field a number) */
    EM_TABLE_LINES = 2,  /* remember each row's line number, for messages */
    EM_TABLE_KEYS = 4    /* keep the "# KEY: VALUE" comment lines (keys)  */
};

/* Read path into t. Returns EM_OK (possibly with 0 rows), or EM_EIO,
 * EM_EPARSE (a field that is not a number, an empty field, ragged rows),
 * EM_ENONFINITE (NaN, Inf, overflow) or EM_ENOMEM, with "path:line:
 * problem" in err; t is then empty. */
em_status em_table_read(const char *path, unsigned flags, em_table *t, char *err, size_t errlen);

/* Release; safe on an empty table. */
void em_table_free(em_table *t);

#endif
