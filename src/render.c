/* render.c — run gnuplot on the drivers of a figure folder.
 *
 * One gnuplot process draws every driver written so far (`gnuplot a.gp
 * b.gp ...` in the folder): starting gnuplot once instead of once per
 * figure is what keeps a chapter with forty snapshots fast.
 */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "figure.h"
#include "figure_util.h"
#include "signals.h"
#include "textio.h"

enum { EXIT_NOT_FOUND = 127, EXIT_SETUP = 126 };

/* In the child: stdout to /dev/null, stderr to the pipe, run gnuplot.
 * Only async-signal-safe calls between fork and exec: argv is made before. */
static void run_child(const char *dir, char **argv, int err_fd)
{
    int null_fd = open("/dev/null", O_WRONLY);
    if (null_fd >= 0)
        dup2(null_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    if (chdir(dir) != 0)
        _exit(EXIT_SETUP);
    execvp(argv[0], argv);
    _exit(EXIT_NOT_FOUND);
}

/* Read everything the child writes to stderr; keep the last line that has
 * text in it (gnuplot's error message) in last[size]. */
static void drain(int fd, char *last, size_t size)
{
    char buf[4096], line[512];
    size_t len = 0;
    ssize_t got;
    last[0] = '\0';
    while ((got = read(fd, buf, sizeof buf)) > 0 || (got < 0 && errno == EINTR)) {
        for (ssize_t i = 0; i < got; i++) {
            if (buf[i] != '\n' && len + 1 < sizeof line) {
                line[len++] = buf[i];
                continue;
            }
            if (buf[i] != '\n')
                continue; /* an overlong line: keep its start */
            line[len] = '\0';
            if (strspn(line, " \t^") < len)
                snprintf(last, size, "%s", line + strspn(line, " \t"));
            len = 0;
        }
    }
}

/* "a.gp b.gp ..." (the first few) for the how-to-redraw hint. */
static void script_list(const em_figdir *fd, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < fd->n_scripts && used + 1 < size; i++) {
        int w = i < 3 ? snprintf(out + used, size - used, "%s%s", i ? " " : "", fd->scripts[i])
                      : snprintf(out + used, size - used, " ... (%zu scripts)", fd->n_scripts);
        if (w < 0)
            break;
        used += (size_t)w;
        if (i >= 3)
            break;
    }
}

/* The files a driver NAME.gp may draw: NAME.png, ... (tex: .tex and .pdf). */
static const char *const drawn_ext[] = {"png", "svg", "pdf", "gif", "tex"};
enum { N_DRAWN = sizeof drawn_ext / sizeof drawn_ext[0] };

/* Does the file end as a whole file of its kind does? A figure cut off by
 * a full disk is non-empty but lacks its ending. */
static int whole(const char *path, const char *ext)
{
    FILE *f = fopen(path, "rb");
    unsigned char tail[32] = {0};
    long size = -1;
    size_t got = 0;
    if (f && fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > 0) {
        long from = size > (long)sizeof tail ? size - (long)sizeof tail : 0;
        if (fseek(f, from, SEEK_SET) == 0)
            got = fread(tail, 1, sizeof tail, f);
    }
    if (f)
        fclose(f);
    if (size <= 0 || got == 0)
        return 0;
    static const unsigned char iend[8] = {'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
    const char *t = (const char *)tail;
    if (strcmp(ext, "png") == 0)
        return got >= 8 && memcmp(tail + got - 8, iend, 8) == 0;
    if (strcmp(ext, "gif") == 0)
        return tail[got - 1] == 0x3b; /* the trailer */
    if (strcmp(ext, "pdf") == 0)
        return memmem(t, got, "%%EOF", 5) != NULL;
    if (strcmp(ext, "svg") == 0)
        return memmem(t, got, "</svg>", 6) != NULL;
    return 1;
}

/* Before gnuplot runs: whatever it may draw is removed if the run is
 * interrupted. */
static em_status expect_drawings(em_figdir *fd)
{
    em_status st = EM_OK;
    for (size_t i = 0; i < fd->n_scripts && st == EM_OK; i++)
        for (size_t e = 0; e < N_DRAWN && st == EM_OK; e++) {
            size_t stem = strlen(fd->scripts[i]) - 3; /* less ".gp" */
            char *p = malloc(strlen(fd->stage) + stem + 8);
            if (!p)
                return EM_ENOMEM;
            sprintf(p, "%s/%.*s.%s", fd->stage, (int)stem, fd->scripts[i], drawn_ext[e]);
            st = em_commit_add(&fd->run, p, NULL);
            free(p);
        }
    return st;
}

/* After gnuplot: every driver drew something, whole; each drawing joins
 * the run's files. */
static em_status check_drawings(em_figdir *fd, char *err, size_t errlen)
{
    em_status st = EM_OK;
    for (size_t i = 0; i < fd->n_scripts && st == EM_OK; i++) {
        size_t stem = strlen(fd->scripts[i]) - 3, found = 0;
        for (size_t e = 0; e < N_DRAWN && st == EM_OK; e++) {
            char file[512], *staged = NULL;
            snprintf(file, sizeof file, "%.*s.%s", (int)stem, fd->scripts[i], drawn_ext[e]);
            struct stat sb;
            char *p = malloc(strlen(fd->stage) + strlen(file) + 2);
            if (!p)
                return EM_ENOMEM;
            sprintf(p, "%s/%s", fd->stage, file);
            int exists = stat(p, &sb) == 0;
            if (exists && !whole(p, drawn_ext[e])) {
                em_errorf(err, errlen, fd->dir, 0, "%s: gnuplot could not write it whole (is "
                          "the disk full?)", file);
                st = EM_EIO;
            } else if (exists) {
                st = em_stage_file(fd, file, &staged);
                free(staged);
                found++;
            }
            free(p);
        }
        if (st == EM_OK && found == 0) {
            em_errorf(err, errlen, fd->dir, 0, "gnuplot drew nothing for %s", fd->scripts[i]);
            st = EM_EIO;
        }
    }
    return st;
}

em_status em_figdir_render(em_figdir *fd, char *err, size_t errlen)
{
    if (fd->format == EM_FIG_NONE || fd->n_scripts == 0)
        return EM_OK;
    char scripts[256], last[512];
    script_list(fd, scripts, sizeof scripts);
    /* argv: gnuplot a.gp b.gp ... */
    char **argv = malloc((fd->n_scripts + 2) * sizeof *argv);
    if (!argv || expect_drawings(fd)) {
        free(argv);
        return EM_ENOMEM;
    }
    argv[0] = (char *)fd->gnuplot;
    for (size_t i = 0; i < fd->n_scripts; i++)
        argv[i + 1] = fd->scripts[i];
    argv[fd->n_scripts + 1] = NULL;
    int pipe_fd[2];
    if (pipe(pipe_fd) != 0) {
        free(argv);
        em_errorf(err, errlen, fd->dir, 0, "cannot start gnuplot: %s", strerror(errno));
        return EM_EGNUPLOT;
    }
    /* signals held across the fork: the child must never run our handler
     * (it would remove the parent's files), and the parent must know the
     * child's pid before a handler can run */
    sigset_t old;
    em_signals_hold(&old);
    pid_t pid = fork();
    if (pid == 0) {
        em_signals_default();
        em_signals_release(&old);
        close(pipe_fd[0]);
        run_child(fd->stage, argv, pipe_fd[1]);
    }
    if (pid > 0)
        fd->run.child = pid; /* stopped if we are interrupted */
    em_signals_release(&old);
    free(argv);
    close(pipe_fd[1]);
    if (pid < 0) {
        close(pipe_fd[0]);
        em_errorf(err, errlen, fd->dir, 0, "cannot start gnuplot: %s", strerror(errno));
        return EM_EGNUPLOT;
    }
    drain(pipe_fd[0], last, sizeof last);
    close(pipe_fd[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    fd->run.child = 0;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 0) {
        em_status st = check_drawings(fd, err, errlen);
        for (size_t i = 0; i < fd->n_scripts; i++)
            free(fd->scripts[i]);
        fd->n_scripts = 0;
        return st;
    }
    if (code == EXIT_NOT_FOUND)
        em_errorf(err, errlen, fd->dir, 0,
                  "figures not drawn: '%s' was not found (install it: sudo apt-get install "
                  "gnuplot-nox). The data and scripts are written; draw them later with: "
                  "cd %s && gnuplot %s", fd->gnuplot, fd->dir, scripts);
    else
        em_errorf(err, errlen, fd->dir, 0,
                  "gnuplot failed: %s. The data and scripts are written; after fixing, "
                  "draw them with: cd %s && gnuplot %s",
                  last[0] ? last : "(no message)", fd->dir, scripts);
    return EM_EGNUPLOT;
}
