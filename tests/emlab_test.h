/* emlab_test.h — what every Check suite of emlab shares. */
#ifndef EMLAB_TEST_H
#define EMLAB_TEST_H

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* mkdtemp, strdup, nftw */
#endif
#include <check.h>
#include <math.h>
#include <stddef.h>
#include "emlab.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#ifndef EMLAB_TEST_DATA
#define EMLAB_TEST_DATA "tests/data"
#endif

Suite *rng_suite(void);
Suite *linalg_suite(void);
Suite *gauss_suite(void);
Suite *gmm_suite(void);
Suite *em_suite(void);
Suite *init_suite(void);
Suite *dataset_suite(void);
Suite *figure_suite(void);
Suite *chapters_suite(void);
Suite *workbook_suite(void);
Suite *emlab_suite(void);
Suite *pyfmt_suite(void);
Suite *torture_suite(void);
Suite *docs_suite(void);
Suite *lab_suite(void);
Suite *covtype_suite(void);
Suite *kmeans_suite(void);
Suite *lecture_suite(void);

/* Run build/NAME --format none with args into a fresh folder (*out_dir, if
 * not NULL); its standard output (kept). test_chapters.c. */
const char *run_chapter_in(const char *name, const char *args, int *status,
                           const char **out_dir);
const char *run_chapter(const char *name, const char *args, int *status);
/* The chapter's output equals tests/golden/NAME.out byte for byte. */
const char *expect_golden(const char *name);

/* |got - want| / |want| (absolute when want is 0). */
double rel_err(double got, double want);

/* got equals want to within tol relative, with a message naming both. */
#define ck_assert_rel(got, want, tol)                                                    \
    do {                                                                                 \
        double g_ = (got), w_ = (want);                                                  \
        ck_assert_msg(rel_err(g_, w_) <= (tol), "%s = %.17g, expected %.17g (rel. err. %.3g > %g)", \
                      #got, g_, w_, rel_err(g_, w_), (double)(tol));                     \
    } while (0)

/* Distance in units in the last place (0 = bit for bit). */
double ulps(double a, double b);

/* The numbers of a reference file in tests/data, skipping '#' lines, in
 * order. Returns how many (at most max); fails the test if unreadable. */
size_t read_numbers(const char *file, double *out, size_t max);
/* The same for a file at path (a chapter's table: its header line has no
 * number and is passed over). */
size_t read_numbers_at(const char *path, double *out, size_t max);

/* The values of one block "## HEADER..." of numpy_legacy_rng.txt (the
 * header matched as a prefix). Returns how many. */
size_t read_rng_block(const char *header, double *out, size_t max);

/* Helpers for files. What they return lives until the test process
 * exits (folders are then removed): never free it. */
void *keep(void *p);                     /* free p at exit; returns p */
const char *make_tmpdir(void);           /* a fresh empty folder under /tmp */
const char *path_in(const char *dir, const char *name);              /* DIR/NAME */
const char *write_file(const char *dir, const char *name, const char *text);
const char *slurp(const char *path);     /* the contents, or NULL if missing */

/* Where the programs under test were built (the Makefile passes it). */
#ifndef EMLAB_BUILD
#define EMLAB_BUILD "build"
#endif

/* Run a shell command line; its standard output (kept), exit status in
 * *status (-1 if it did not exit). */
const char *capture(const char *cmd, int *status);

/* Run SCRIPT (a printf format) with sh; its exit code (128 + N if killed
 * by signal N), its standard output and error in *out and *err (kept; NULL
 * to leave out). */
int shell(const char **out, const char **err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* What `emlab ARGS` did: exit code, standard output, standard error. */
typedef struct {
    int rc;
    const char *out, *err;
} ran;

/* Run `emlab ARGS` (a printf format) from build/, capturing both streams. */
ran emlab(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* One line on stderr, containing want, and the exit code. */
void expect_cli_error(ran r, int code, const char *want);

#endif
