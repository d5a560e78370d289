/* render.c — run gnuplot on the drivers of a figure folder.
 *
 * One gnuplot process draws every driver written so far (`gnuplot a.gp
 * b.gp ...` in the folder): starting gnuplot once instead of once per
 * figure is what keeps a chapter with forty snapshots fast.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "figure.h"
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

em_status em_figdir_render(em_figdir *fd, char *err, size_t errlen)
{
    if (fd->format == EM_FIG_NONE || fd->n_scripts == 0)
        return EM_OK;
    char scripts[256], last[512];
    script_list(fd, scripts, sizeof scripts);
    /* argv: gnuplot a.gp b.gp ... */
    char **argv = malloc((fd->n_scripts + 2) * sizeof *argv);
    if (!argv)
        return EM_ENOMEM;
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
    pid_t pid = fork();
    if (pid == 0) {
        close(pipe_fd[0]);
        run_child(fd->dir, argv, pipe_fd[1]);
    }
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
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 0) {
        for (size_t i = 0; i < fd->n_scripts; i++)
            free(fd->scripts[i]);
        fd->n_scripts = 0;
        return EM_OK;
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
