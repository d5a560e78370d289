/* commit.h — a run's output files appear whole and together, or not at all.
 *
 * A program must never leave a file half written: not when the disk fills,
 * not when two runs write the same name, not when the user presses Ctrl-C.
 * So nothing is written under its final name. Each output is written first
 * to a temporary beside it, created exclusively under a fresh name
 * (mkstemp: no other run, and no symlink planted in advance, can share
 * it), and a run's temporaries are renamed into place together when the
 * run has succeeded (em_commit_all). A run that fails removes them
 * (em_commit_abort); an interrupted one removes them in its signal handler
 * (em_commit_remove, which only calls unlink, rmdir and kill).
 */
#ifndef EMLAB_COMMIT_H
#define EMLAB_COMMIT_H

#include <stddef.h>
#include <sys/types.h>
#include "status.h"

typedef struct em_commit {
    char **tmp;           /* temporaries, scratch folders and files in them,
                           * in the order they were made                  */
    char **path;          /* the final name of each, or NULL for what is
                           * only removed at the end (a scratch folder)    */
    size_t n, cap;
    volatile pid_t child; /* a helper process writing into a scratch
                           * folder (gnuplot), or 0: stopped if interrupted */
} em_commit;

/* Record that tmp becomes path at the commit (path NULL: tmp is removed
 * then). Both are copied. Signals are held off while the list changes, so
 * a handler never sees it half written. Returns EM_OK, EM_ENOMEM, or
 * EM_EINVAL when another output of the run already goes to path. */
em_status em_commit_add(em_commit *c, const char *tmp, const char *path);

/* Rename every temporary to its final name, in order, then remove the
 * rest (scratch folders, last made first), with signals held off. If a
 * rename fails, returns EM_EIO with "PATH: cannot write: REASON" in err and
 * removes the temporaries not yet renamed. Releases c either way. */
em_status em_commit_all(em_commit *c, char *err, size_t errlen);

/* Remove every temporary and scratch folder; release c. Safe on a zeroed
 * em_commit and after em_commit_all. */
void em_commit_abort(em_commit *c);

/* Remove every temporary and scratch folder, last made first, and stop the
 * child if any, without freeing anything: for a signal handler. */
void em_commit_remove(const em_commit *c);

/* Guard c against those signals: the handler removes c's
 * temporaries, then lets the signal end the program as it would have;
 * exit() while c is guarded removes them too.
 * em_interrupt_guard(NULL) lifts the guard. This is the one process-wide
 * state in libemlab, because a signal's disposition is process-wide: a
 * program guards one run at a time. */
void em_interrupt_guard(em_commit *c);

#endif
