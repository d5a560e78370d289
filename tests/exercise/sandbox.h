/* sandbox.h — run a student's check where it cannot hurt the checker.
 *
 * The command runs in its own process group under resource limits, with a
 * guard process between it and the caller (so that killing its parent
 * kills only the guard), its standard output and error captured up to a
 * limit, and a separate channel, file descriptor 3, on which the check
 * writes its verdict when, and only when, it ran to its end. Whatever the
 * command does (exit early, loop, fork, call setsid, touch gigabytes,
 * print without end, kill its parent), the caller gets a report and every
 * process it started is gone. Linux (prctl's child subreaper, /proc).
 */
#ifndef EMLAB_SANDBOX_H
#define EMLAB_SANDBOX_H

#include <stddef.h>

typedef struct {
    double wall_s;        /* wall-clock limit, seconds                      */
    unsigned cpu_s;       /* CPU time limit, seconds (RLIMIT_CPU)           */
    size_t mem_bytes;     /* address space (RLIMIT_AS); 0: none             */
    size_t file_bytes;    /* largest file it may write (RLIMIT_FSIZE)       */
    unsigned nproc;       /* processes (RLIMIT_NPROC; root is exempt)       */
    size_t out_max;       /* output kept; the rest is read and dropped      */
    int no_network;       /* 1: a network namespace of its own, if allowed  */
    const char *dir;      /* working directory, or NULL                     */
} sb_limits;

/* The limits of one check: 5 s, 1 GiB, 64 MiB files, 64 processes, 1 MB of
 * output, the network left alone. */
sb_limits sb_default_limits(void);

typedef enum {
    SB_EXITED,    /* it exited with status `code`                          */
    SB_SIGNALED,  /* a signal (`code`) ended it                            */
    SB_TIMEOUT,   /* the wall-clock or CPU limit: killed                   */
    SB_GUARD,     /* its guard died: it killed its parent                  */
    SB_NOSTART    /* it could not be started (`code`: errno)               */
} sb_end;

typedef struct {
    sb_end end;
    int code;
    char *out;            /* what it printed (stdout and stderr), NUL-ended */
    size_t out_len;
    int out_truncated;    /* 1 if it printed more than out_max              */
    char *verdict;        /* what it wrote on fd 3, NUL-ended ("" if none)  */
    int isolated;         /* 1 if it ran without network                    */
} sb_result;

/* Run argv[0] (a path) with argv under lim. Returns 0, or -1 if the
 * sandbox itself could not be set up (errno set). Free r with sb_free. */
int sb_run(char *const argv[], const sb_limits *lim, sb_result *r);
void sb_free(sb_result *r);

#endif
