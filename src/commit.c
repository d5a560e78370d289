/* commit.c — outputs renamed into place together, or removed. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "commit.h"
#include "textio.h"

/* Hold SIGINT, SIGTERM and SIGHUP off while the list changes or the run
 * commits; `old` gets the mask to restore. */
static void hold_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, old);
}

static void release_signals(const sigset_t *old)
{
    sigprocmask(SIG_SETMASK, old, NULL);
}

static char *copy(const char *s)
{
    char *t = s ? malloc(strlen(s) + 1) : NULL;
    if (t)
        strcpy(t, s);
    return t;
}

em_status em_commit_add(em_commit *c, const char *tmp, const char *path)
{
    char *t = copy(tmp), *p = path ? copy(path) : NULL;
    if (!t || (path && !p)) {
        free(t);
        free(p);
        return EM_ENOMEM;
    }
    sigset_t old;
    hold_signals(&old);
    em_status st = EM_OK;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        char **tt = realloc(c->tmp, cap * sizeof *tt);
        if (tt)
            c->tmp = tt;
        char **pp = tt ? realloc(c->path, cap * sizeof *pp) : NULL;
        if (pp) {
            c->path = pp;
            c->cap = cap;
        } else {
            st = EM_ENOMEM;
        }
    }
    if (st == EM_OK) {
        c->tmp[c->n] = t;
        c->path[c->n] = p;
        c->n++;
    }
    release_signals(&old);
    if (st) {
        free(t);
        free(p);
    }
    return st;
}

void em_commit_remove(const em_commit *c)
{
    if (c->child > 0)
        kill(c->child, SIGTERM);
    for (size_t i = c->n; i-- > 0;)
        if (c->tmp[i] && unlink(c->tmp[i]) != 0)
            rmdir(c->tmp[i]); /* a scratch folder, empty by now */
}

static void release(em_commit *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->tmp[i]);
        free(c->path[i]);
    }
    free(c->tmp);
    free(c->path);
    memset(c, 0, sizeof *c);
}

em_status em_commit_all(em_commit *c, char *err, size_t errlen)
{
    sigset_t old;
    hold_signals(&old);
    em_status st = EM_OK;
    for (size_t i = 0; i < c->n && st == EM_OK; i++) {
        if (!c->path[i])
            continue;
        if (rename(c->tmp[i], c->path[i]) != 0) {
            em_errorf(err, errlen, c->path[i], 0, "cannot write: %s", strerror(errno));
            st = EM_EIO;
        } else {
            free(c->tmp[i]);
            c->tmp[i] = NULL; /* renamed: nothing left to remove */
        }
    }
    em_commit_remove(c);
    release_signals(&old);
    release(c);
    return st;
}

void em_commit_abort(em_commit *c)
{
    if (c->tmp)
        em_commit_remove(c);
    release(c);
}

/* --- interrupts ----------------------------------------------------------- */

static em_commit *volatile guarded; /* the run the handler cleans up */

static void on_signal(int sig)
{
    em_commit *c = guarded;
    if (c)
        em_commit_remove(c);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* exit() while a run is guarded (a workbook blank not filled in): the same. */
static void on_exit_guarded(void)
{
    em_commit *c = guarded;
    if (c)
        em_commit_remove(c);
}

void em_interrupt_guard(em_commit *c)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    static volatile sig_atomic_t at_exit;
    if (c && !at_exit)
        at_exit = atexit(on_exit_guarded) == 0;
    guarded = c;
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa, old;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue; /* ignored (nohup): leave it so */
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = c ? on_signal : SIG_DFL;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}
