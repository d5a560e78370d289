/* sandbox.c — run a student's check where it cannot hurt the checker (see
 * sandbox.h).
 *
 * Three processes: the caller, a guard G, and the check T. Where the kernel
 * allows it (as root, or with unprivileged user namespaces), G runs the
 * check in a PID namespace of its own, as that namespace's first process:
 * T can signal nothing outside it, and everything T started dies with G.
 * Otherwise G is a child subreaper: every process T starts, however it
 * detaches (setsid, double fork), is reparented to G when its parent dies,
 * and G kills it. T runs
 * in its own process group, which G kills whole when T ends or its time is
 * up. G tells the caller, on a status pipe, T's pid and how T ended; if G
 * is killed (T's kill(getppid(), ...)) no such line comes, and the caller,
 * a subreaper too, cleans up after it.
 */
#define _GNU_SOURCE
#include "sandbox.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

sb_limits sb_default_limits(void)
{
    sb_limits l = {.wall_s = 5.0, .cpu_s = 5, .mem_bytes = (size_t)1 << 30,
                   .file_bytes = (size_t)64 << 20, .nproc = 64, .out_max = 1000000};
#if defined(__SANITIZE_ADDRESS__)
    l.mem_bytes = 0; /* AddressSanitizer reserves terabytes of address space */
#endif
    return l;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void limit(int what, rlim_t soft, rlim_t hard)
{
    struct rlimit r = {soft, hard};
    setrlimit(what, &r);
}

/* Kill every child of this process (found in /proc) and reap them, until
 * none is left or `seconds` have passed. Orphans of the killed reach us
 * (we are a subreaper) and go the same way. */
static void kill_children(double seconds)
{
    double end = now() + seconds;
    pid_t self = getpid();
    for (;;) {
        while (waitpid(-1, NULL, WNOHANG) > 0)
            ;
        int found = 0;
        DIR *d = opendir("/proc");
        struct dirent *e;
        while (d && (e = readdir(d))) {
            char path[300], buf[512];
            if (e->d_name[0] < '1' || e->d_name[0] > '9')
                continue;
            snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
            FILE *f = fopen(path, "r");
            if (!f)
                continue;
            size_t n = fread(buf, 1, sizeof buf - 1, f);
            fclose(f);
            buf[n] = '\0';
            char *p = strrchr(buf, ')'), state;
            int ppid;
            if (p && sscanf(p + 1, " %c %d", &state, &ppid) == 2 && ppid == self) {
                kill((pid_t)atoi(e->d_name), SIGKILL);
                found = 1;
            }
        }
        if (d)
            closedir(d);
        if (!found && waitpid(-1, NULL, WNOHANG) < 0)
            return; /* no children at all */
        if (now() > end)
            return;
        struct timespec t = {0, 2000000};
        nanosleep(&t, NULL);
    }
}

/* T: limits, its own group, its channels; then the command. */
static void become_check(char *const argv[], const sb_limits *lim, int out, int ver)
{
    setpgid(0, 0);
    limit(RLIMIT_CPU, lim->cpu_s, lim->cpu_s + 1);
    if (lim->mem_bytes)
        limit(RLIMIT_AS, lim->mem_bytes, lim->mem_bytes);
    limit(RLIMIT_FSIZE, lim->file_bytes, lim->file_bytes);
    limit(RLIMIT_NPROC, lim->nproc, lim->nproc);
    limit(RLIMIT_CORE, 0, 0);
    int null = open("/dev/null", O_RDONLY);
    if (null >= 0)
        dup2(null, 0);
    dup2(out, 1);
    dup2(out, 2);
    dup2(ver, 3);
    if (lim->dir && chdir(lim->dir) != 0)
        _exit(126);
    execv(argv[0], argv);
    _exit(127);
}

/* G: start T, wait for it within the time limit, kill what is left, and
 * say how T ended on `status`. In a PID namespace of its own (pidns), G is
 * its first process: nothing T does can signal it (the kernel ignores a
 * namespace's signals to its first process) or reach outside it (kill(-1,
 * ...) included), and when G ends the kernel ends every process in it; T's
 * pid means nothing outside, so 0 is said instead. */
static void watch_check(char *const argv[], const sb_limits *lim, int out, int ver, int status,
                        int isolated, int pidns)
{
    if (!pidns)
        prctl(PR_SET_CHILD_SUBREAPER, 1);
    pid_t t = fork();
    if (t == 0)
        become_check(argv, lim, out, ver);
    if (t < 0)
        _exit(1);
    setpgid(t, t);
    close(out);
    close(ver);
    dprintf(status, "pid %d net %d\n", pidns ? 0 : (int)t, isolated);
    double end = now() + lim->wall_s;
    int st = 0, timed_out = 0;
    while (waitpid(t, &st, WNOHANG) == 0) {
        if (now() > end) {
            kill(-t, SIGKILL);
            waitpid(t, &st, 0);
            timed_out = 1;
            break;
        }
        struct timespec pause = {0, 2000000};
        nanosleep(&pause, NULL);
    }
    kill(-t, SIGKILL); /* whatever it left in its group */
    if (!pidns)        /* (in a namespace, its end ends them all) */
        kill_children(2.0);
    if (timed_out)
        dprintf(status, "timeout\n");
    else if (WIFEXITED(st))
        dprintf(status, "exit %d\n", WEXITSTATUS(st));
    else
        dprintf(status, "signal %d\n", WTERMSIG(st));
    _exit(0);
}

static void guard(char *const argv[], const sb_limits *lim, int out, int ver, int status)
{
    signal(SIGPIPE, SIG_IGN);
    /* no network: a namespace of its own (as root, or unprivileged where
     * the kernel allows user namespaces); T inherits it */
    int isolated = lim->no_network &&
                   (unshare(CLONE_NEWNET) == 0 || unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0);
    /* a PID namespace, where the kernel allows one: its first process is
     * the next one forked */
    int pidns = unshare(CLONE_NEWPID) == 0 || unshare(CLONE_NEWUSER | CLONE_NEWPID) == 0;
    if (!pidns)
        watch_check(argv, lim, out, ver, status, isolated, 0);
    pid_t first = fork();
    if (first == 0)
        watch_check(argv, lim, out, ver, status, isolated, 1);
    if (first < 0)
        _exit(1);
    close(out);
    close(ver);
    close(status);
    int st;
    waitpid(first, &st, 0);
    _exit(0);
}

/* Append what fd has to *buf (up to max kept, the rest dropped); 0 at EOF. */
static int drain(int fd, char **buf, size_t *len, size_t max, int *truncated)
{
    char chunk[65536];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0)
        return errno == EINTR || errno == EAGAIN ? 1 : 0;
    if (n == 0)
        return 0;
    size_t keep = *len >= max ? 0 : (size_t)n < max - *len ? (size_t)n : max - *len;
    if ((size_t)n > keep)
        *truncated = 1;
    if (keep) {
        char *more = realloc(*buf, *len + keep + 1);
        if (!more)
            return 0;
        *buf = more;
        memcpy(*buf + *len, chunk, keep);
        *len += keep;
        (*buf)[*len] = '\0';
    }
    return 1;
}

/* The status text has T's pid but no end line: the guard was killed (by
 * T), so kill T's group and whatever it started, as the guard would. */
static void reap_if_guard_died(const char *st_text)
{
    int t = 0;
    const char *nl = strchr(st_text, '\n');
    if (nl && nl[1] != '\0')
        return; /* the guard said how T ended */
    if (sscanf(st_text, "pid %d", &t) == 1 && t > 0) /* 0: in a namespace of its own */
        kill(-t, SIGKILL);
    kill_children(2.0);
}

int sb_run(char *const argv[], const sb_limits *lim, sb_result *r)
{
    memset(r, 0, sizeof *r);
    r->out = calloc(1, 1);
    r->verdict = calloc(1, 1);
    int out[2], ver[2], status[2];
    if (!r->out || !r->verdict || pipe2(out, O_CLOEXEC) || pipe2(ver, O_CLOEXEC) ||
        pipe2(status, O_CLOEXEC))
        return -1;
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    fflush(NULL);
    pid_t g = fork();
    if (g == 0) {
        close(out[0]);
        close(ver[0]);
        close(status[0]);
        guard(argv, lim, out[1], ver[1], status[1]);
    }
    close(out[1]);
    close(ver[1]);
    close(status[1]);
    if (g < 0) {
        close(out[0]);
        close(ver[0]);
        close(status[0]);
        return -1;
    }
    /* read all three until they close, or the time is up with some grace */
    char *st_text = calloc(1, 1);
    size_t ver_len = 0, st_len = 0;
    int dummy = 0, open_fds = 3;
    struct pollfd p[3] = {{out[0], POLLIN, 0}, {ver[0], POLLIN, 0}, {status[0], POLLIN, 0}};
    double end = now() + lim->wall_s + 4.0;
    while (open_fds > 0 && now() < end) {
        if (poll(p, 3, 50) <= 0)
            continue;
        for (int i = 0; i < 3; i++) {
            if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            int more = i == 0   ? drain(p[0].fd, &r->out, &r->out_len, lim->out_max,
                                        &r->out_truncated)
                       : i == 1 ? drain(p[1].fd, &r->verdict, &ver_len, 4096, &dummy)
                                : drain(p[2].fd, &st_text, &st_len, 4096, &dummy);
            if (!more) {
                close(p[i].fd);
                p[i].fd = -1;
                open_fds--;
                if (i == 2) /* the guard is done, or dead: clean up after a dead one */
                    reap_if_guard_died(st_text);
            }
        }
    }
    for (int i = 0; i < 3; i++)
        if (p[i].fd >= 0)
            close(p[i].fd);
    int t = 0, code = 0, isolated = 0;
    sscanf(st_text ? st_text : "", "pid %d net %d", &t, &isolated);
    const char *how = st_text ? strchr(st_text, '\n') : NULL;
    if (!how || how[1] == '\0') { /* no word from the guard: stopped or killed by the check */
        kill(g, SIGKILL); /* a stopped guard too: SIGKILL needs no waking */
        how = NULL;
    }
    waitpid(g, NULL, 0);
    if (how && sscanf(how + 1, "exit %d", &code) == 1) {
        r->end = code == 127 ? SB_NOSTART : SB_EXITED;
    } else if (how && sscanf(how + 1, "signal %d", &code) == 1) {
        r->end = code == SIGXCPU ? SB_TIMEOUT : SB_SIGNALED;
    } else if (how && strncmp(how + 1, "timeout", 7) == 0) {
        r->end = SB_TIMEOUT;
    } else { /* the guard is gone: the check killed it */
        r->end = SB_GUARD;
        if (t > 0)
            kill(-t, SIGKILL);
        kill_children(2.0);
    }
    (void)t;
    r->code = code;
    r->isolated = isolated;
    free(st_text);
    return 0;
}

void sb_free(sb_result *r)
{
    free(r->out);
    free(r->verdict);
    r->out = r->verdict = NULL;
}
