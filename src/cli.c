/* cli.c — argument parsing and reporting for the chapters. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "commit.h"

static void usage(const em_cli *cli, FILE *f)
{
    fprintf(f,
            "usage: %s [--seed S] [--out DIR] [--format png|svg|pdf|gif|tex|none] [--help]\n"
            "  --seed S      seed of the random generator (np.random.seed), default %lu\n"
            "  --out DIR     where data, scripts and figures go, default %s\n"
            "  --format F    figure format: png (default), svg, pdf, gif (animations\n"
            "                are GIFs in every format), tex (cairolatex, for LaTeX\n"
            "                slides), none (data and scripts only)\n",
            cli->prog, (unsigned long)cli->seed, cli->default_out);
}

/* The value of option argv[*i] (--opt VALUE or --opt=VALUE), or NULL. */
static const char *option_value(int argc, char **argv, int *i, const char *name)
{
    size_t len = strlen(name);
    if (strncmp(argv[*i], name, len) != 0)
        return NULL;
    if (argv[*i][len] == '=')
        return argv[*i] + len + 1;
    if (argv[*i][len] != '\0')
        return NULL;
    if (*i + 1 >= argc)
        return "";
    return argv[++*i];
}

static int bad(const em_cli *cli, const char *what, const char *arg)
{
    fprintf(stderr, "%s: %s '%s' (try --help)\n", cli->prog, what, arg);
    return 2;
}

static int parse_seed(em_cli *cli, const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*s < '0' || *s > '9' || *end != '\0' || errno || v > 0xffffffffULL) /* no sign, no space */
        return bad(cli, "--seed needs a whole number from 0 to 4294967295, not", s);
    cli->seed = (uint32_t)v;
    cli->seed_given = 1;
    return -1;
}

int em_cli_std_open(const char *prog)
{
    int out_closed = fcntl(STDOUT_FILENO, F_GETFD) == -1;
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) == -1) {
            int null = open("/dev/null", O_RDWR); /* the lowest free: fd itself */
            if (null >= 0 && null != fd)
                close(null);
        }
    if (out_closed)
        fprintf(stderr, "%s: standard output is closed: what it prints would be lost\n", prog);
    return !out_closed;
}

/* Open cli's output folder into *fd, owned by the program and guarded;
 * on failure say why (the folder named in full) and return 1. */
static int open_folder(const em_cli *cli, em_figdir *fd)
{
    size_t len = strlen(cli->out) + 512;
    char *err = malloc(len);
    em_status st = err ? em_figdir_open(fd, cli->out, cli->format, err, len) : EM_ENOMEM;
    if (st == EM_OK && (st = em_figdir_owner(fd, cli->prog)) != EM_OK) {
        em_figdir_close(fd);
        snprintf(err, len, "%s", em_strerror(st));
    }
    if (st)
        fprintf(stderr, "%s: %s\n", cli->prog, err ? err : em_strerror(st));
    else
        em_interrupt_guard(&fd->run); /* Ctrl-C leaves no half-written file */
    free(err);
    return st ? 1 : 0;
}

int em_cli_parse(em_cli *cli, int argc, char **argv, const char *about)
{
    cli->have_fd = 0;
    const char *slash = strrchr(argv[0], '/');
    cli->prog = slash ? slash + 1 : argv[0];
    snprintf(cli->default_out, sizeof cli->default_out, "out/%s", cli->prog);
    cli->out = cli->default_out;
    cli->format = EM_FIG_PNG;
    cli->seed_given = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int rc = -1;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("%s\n\n", about);
            usage(cli, stdout);
            return em_cli_stdout_ok(cli->prog) ? 0 : 1;
        } else if ((v = option_value(argc, argv, &i, "--seed"))) {
            rc = parse_seed(cli, v);
        } else if ((v = option_value(argc, argv, &i, "--out"))) {
            if (*v == '\0')
                rc = bad(cli, "--out needs a folder, not", v);
            cli->out = v;
        } else if ((v = option_value(argc, argv, &i, "--format"))) {
            if (em_fig_format_parse(v, &cli->format))
                rc = bad(cli, "--format is png, svg, pdf, gif, tex or none, not", v);
        } else {
            rc = bad(cli, "unknown argument", argv[i]);
        }
        if (rc >= 0)
            return rc;
    }
    if (!em_cli_std_open(cli->prog))
        return 1;
    /* the folder now, not after the whole chapter has run and printed: a
     * second run into it, or an --out that cannot be a folder, is refused
     * before anything is computed */
    if (open_folder(cli, &cli->fd))
        return 1;
    cli->have_fd = 1;
    return -1;
}

int em_cli_open(em_cli *cli, em_figdir *fd)
{
    if (!cli->have_fd)
        return open_folder(cli, fd);
    *fd = cli->fd;
    cli->have_fd = 0;
    em_interrupt_guard(&fd->run);
    return 0;
}

int em_cli_stdout_ok(const char *prog)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return 1;
    fprintf(stderr, "%s: standard output: %s\n", prog,
            errno ? strerror(errno) : "a write failed");
    return 0;
}

int em_cli_finish(const em_cli *cli, em_figdir *fd, em_status st, const char *err)
{
    char msg[1024] = "";
    if (st) {
        fprintf(stderr, "%s: %s\n", cli->prog, err && *err ? err : em_strerror(st));
    } else {
        st = em_figdir_render(fd, msg, sizeof msg);
        /* without gnuplot the data and scripts are still worth having */
        em_status kept = st == EM_OK || st == EM_EGNUPLOT ? EM_OK : st;
        if (kept == EM_OK && !em_cli_stdout_ok(cli->prog))
            kept = st = EM_EIO;
        else if (kept == EM_OK && (kept = em_figdir_commit(fd, msg, sizeof msg)))
            st = kept;
        if (st && msg[0])
            fprintf(stderr, "%s: %s\n", cli->prog, msg);
        else if (st == EM_OK)
            fprintf(stderr, "%s: data, scripts%s in %s/\n", cli->prog,
                    cli->format == EM_FIG_NONE ? "" : " and figures", fd->dir);
    }
    em_interrupt_guard(NULL);
    em_figdir_close(fd);
    return st ? 1 : 0;
}

int em_cli_fail(em_cli *cli, const char *message)
{
    fprintf(stderr, "%s: %s\n", cli->prog, message);
    if (cli->have_fd) {
        em_interrupt_guard(NULL);
        em_figdir_close(&cli->fd);
        cli->have_fd = 0;
    }
    return 1;
}

void em_blank(const char *name)
{
    fprintf(stderr, "blank %s is not filled in yet: write it in the workbook, then run "
                    "make check-exercise B=%s\n", name, name);
    exit(EM_BLANK_EXIT);
}
