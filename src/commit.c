/* commit.c — outputs renamed into place together, or removed. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "commit.h"
#include "signals.h"
#include "textio.h"

/* The signals that end a run before its time: Ctrl-C, kill, a closed
 * terminal, Ctrl-\\, a reader that went away (| head), a file-size limit. */
static const int ending[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXFSZ};
enum { N_ENDING = sizeof ending / sizeof ending[0] };

void em_signals_hold(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < N_ENDING; i++)
        sigaddset(&set, ending[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

void em_signals_release(const sigset_t *old)
{
    sigprocmask(SIG_SETMASK, old, NULL);
}

void em_signals_default(void)
{
    for (int i = 0; i < N_ENDING; i++) {
        struct sigaction sa;
        if (sigaction(ending[i], NULL, &sa) == 0 && sa.sa_handler != SIG_IGN)
            signal(ending[i], SIG_DFL);
    }
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
    for (size_t i = 0; path && i < c->n; i++)
        if (c->path[i] && strcmp(c->path[i], path) == 0)
            return EM_EINVAL; /* two outputs of one run in one file: one would be lost */
    char *t = copy(tmp), *p = path ? copy(path) : NULL;
    if (!t || (path && !p)) {
        free(t);
        free(p);
        return EM_ENOMEM;
    }
    sigset_t old;
    em_signals_hold(&old);
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
    em_signals_release(&old);
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

/* Keep the plain file at path, if any, under the name kept (a second
 * link to it), so that it can be put back; *have says if it was. */
static void keep_old(const char *path, const char *kept, int *have)
{
    struct stat sb;
    *have = lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && link(path, kept) == 0;
}

/* Undo renames 0 .. i-1: each file's old version back, or the new one
 * removed where there was none. */
static void roll_back(em_commit *c, size_t i, char *const *kept, const int *have)
{
    while (i-- > 0) {
        if (!c->path[i])
            continue;
        if (have[i])
            rename(kept[i], c->path[i]);
        else
            unlink(c->path[i]);
    }
}

em_status em_commit_all(em_commit *c, char *err, size_t errlen)
{
    char **kept = calloc(c->n + 1, sizeof *kept);
    int *have = calloc(c->n + 1, sizeof *have);
    for (size_t i = 0; kept && have && i < c->n; i++)
        if (c->path[i] && !(kept[i] = malloc(strlen(c->tmp[i]) + 6)))
            break;
        else if (c->path[i])
            sprintf(kept[i], "%s.prev", c->tmp[i]);
    em_status st = kept && have ? EM_OK : EM_ENOMEM;
    for (size_t i = 0; st == EM_OK && i < c->n; i++)
        if (c->path[i] && !kept[i])
            st = EM_ENOMEM;
    if (st)
        snprintf(err, errlen, "out of memory");
    sigset_t old;
    em_signals_hold(&old);
    size_t i = 0;
    for (; i < c->n && st == EM_OK; i++) {
        if (!c->path[i])
            continue;
        keep_old(c->path[i], kept[i], &have[i]);
        if (rename(c->tmp[i], c->path[i]) != 0) {
            em_errorf(err, errlen, c->path[i], 0, "cannot write: %s", strerror(errno));
            st = EM_EIO;
            if (have[i])
                unlink(kept[i]);
            have[i] = 0;
            roll_back(c, i, kept, have); /* all or none */
            break;
        }
    }
    for (size_t j = 0; j < c->n; j++) {
        if (c->path[j] && (st == EM_OK || j < i)) { /* renamed: nothing left to remove */
            free(c->tmp[j]);
            c->tmp[j] = NULL;
        }
        if (have && have[j] && st == EM_OK)
            unlink(kept[j]); /* the old version, now replaced */
        if (kept)
            free(kept[j]);
    }
    em_commit_remove(c);
    em_signals_release(&old);
    free(kept);
    free(have);
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
    static volatile sig_atomic_t at_exit;
    if (c && !at_exit)
        at_exit = atexit(on_exit_guarded) == 0;
    guarded = c;
    for (int i = 0; i < N_ENDING; i++) {
        struct sigaction sa, old;
        if (sigaction(ending[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue; /* ignored (nohup): leave it so */
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = c ? on_signal : SIG_DFL;
        sigemptyset(&sa.sa_mask);
        sigaction(ending[i], &sa, NULL);
    }
}
