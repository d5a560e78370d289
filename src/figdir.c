/* figdir.c — the output folder of a run: its lock, its scratch folder,
 * the commit that moves the run's files in together, and the sweep of the
 * files an earlier run of the same program left (figure.h). */
#define _DEFAULT_SOURCE /* flock */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "figure.h"
#include "figure_util.h"
#include "plot_sources.h"
/* Hold DIR/.emlab.lock for as long as the folder is open; a second run
 * into the folder is refused at once rather than left to wait unseen. The
 * file goes when the run closes the folder, so a lock taken on a file
 * that was meanwhile removed (and perhaps made anew by a third run) is no
 * lock: it is taken again on the file that is there now. */
static em_status lock_folder(em_figdir *fd, char *err, size_t errlen)
{
    char *path = em_str_printf("%s/.emlab.lock", fd->dir);
    if (!path)
        return EM_ENOMEM;
    em_status st = EM_OK;
    for (;;) {
        struct stat held, there;
        fd->lock = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
        if (fd->lock < 0) {
            em_errorf(err, errlen, fd->dir, 0, "cannot write into the output folder: %s",
                      strerror(errno));
            st = EM_EIO;
            break;
        }
        if (flock(fd->lock, LOCK_EX | LOCK_NB) != 0) {
            em_errorf(err, errlen, fd->dir, 0, "another emlab run is writing into this "
                      "folder; wait for it to end, or choose another --out");
            st = EM_EBUSY;
            break;
        }
        if (fstat(fd->lock, &held) == 0 && stat(path, &there) == 0 &&
            held.st_dev == there.st_dev && held.st_ino == there.st_ino) {
            st = em_commit_add(&fd->run, path, NULL); /* gone with the run, however it ends */
            break; /* the lock on the file that is there: ours */
        }
        close(fd->lock);
    }
    if (st && fd->lock >= 0) {
        close(fd->lock);
        fd->lock = -1;
    }
    free(path);
    return st;
}

/* Scratch folders of runs that died without a word (SIGKILL, a crash):
 * with the lock held, no other run is using one. Removed with the files in
 * them; a .emlab-run-* that is a symlink, or anything in one that is not a
 * plain file, is left alone (never followed: it could lead anywhere). */
static void remove_stale_runs(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (strncmp(e->d_name, ".emlab-run-", 11) != 0)
            continue;
        int sfd = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        DIR *s = sfd >= 0 ? fdopendir(sfd) : NULL;
        struct dirent *f;
        struct stat sb;
        while (s && (f = readdir(s)))
            if (fstatat(sfd, f->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
                (S_ISREG(sb.st_mode) || S_ISLNK(sb.st_mode)))
                unlinkat(sfd, f->d_name, 0); /* a link itself, never its target */
        if (s)
            closedir(s);
        else if (sfd >= 0)
            close(sfd);
        if (sfd >= 0)
            unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR);
    }
    if (d)
        closedir(d);
}

int em_figdir_busy(const char *dir)
{
    char *path = em_str_printf("%s/.emlab.lock", dir);
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1, busy = 0;
    if (fd >= 0) {
        busy = flock(fd, LOCK_EX | LOCK_NB) != 0;
        close(fd);
    }
    free(path);
    return busy;
}

em_status em_figdir_open(em_figdir *fd, const char *dir, em_fig_format fmt,
                         char *err, size_t errlen)
{
    memset(fd, 0, sizeof *fd);
    fd->lock = -1;
    fd->format = fmt;
    fd->gnuplot = "gnuplot";
    struct stat before;
    int made = stat(dir, &before) != 0; /* the run makes the folder */
    if (em_make_dirs(dir) != 0) {
        em_errorf(err, errlen, dir, 0, "cannot create the output folder: %s", strerror(errno));
        return EM_EIO;
    }
    fd->dir = em_str_printf("%s", dir);
    fd->stage = em_str_printf("%s/.emlab-run-XXXXXX", dir);
    if (!fd->dir || !fd->stage) {
        em_figdir_close(fd);
        return EM_ENOMEM;
    }
    /* a folder the run made goes again if the run ends without a commit
     * (an error, Ctrl-C, a workbook blank's exit): removed last, and only
     * if empty (rmdir), so that it never takes another run's files along */
    em_status st = made ? em_commit_add(&fd->run, fd->dir, NULL) : EM_OK;
    if (st == EM_OK)
        st = lock_folder(fd, err, errlen);
    if (st == EM_OK)
        remove_stale_runs(fd->dir);
    if (st == EM_OK && !mkdtemp(fd->stage)) {
        em_errorf(err, errlen, dir, 0, "cannot write into the output folder: %s",
                  strerror(errno));
        st = EM_EIO;
    }
    if (st == EM_OK)
        st = em_commit_add(&fd->run, fd->stage, NULL);
    for (const em_plot_file *p = em_plot_files; p->name && st == EM_OK; p++)
        st = em_write_text(fd, p->name, p->text, err, errlen);
    if (st)
        em_figdir_close(fd);
    return st;
}

em_status em_figdir_owner(em_figdir *fd, const char *program)
{
    free(fd->manifest);
    fd->manifest = em_str_printf(".emlab-%s.files", program);
    return fd->manifest ? EM_OK : EM_ENOMEM;
}

/* The names of the folder's files this run writes, one a line: those
 * staged in its scratch folder (not --params-out and the like). */
static char *run_files(const em_figdir *fd)
{
    size_t sl = strlen(fd->stage), len = 0;
    for (size_t i = 0; i < fd->run.n; i++)
        if (fd->run.path[i])
            len += strlen(fd->run.path[i]) + 1;
    char *list = malloc(len + 1), *o = list;
    for (size_t i = 0; list && i < fd->run.n; i++) {
        const char *t = fd->run.tmp[i];
        if (fd->run.path[i] && t && strncmp(t, fd->stage, sl) == 0 && t[sl] == '/')
            o += sprintf(o, "%s\n", t + sl + 1);
    }
    if (list)
        *o = '\0';
    return list;
}

/* Is name a line of list? */
static int listed(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *l = list; l && *l; l = strchr(l, '\n') + 1)
        if (strncmp(l, name, n) == 0 && l[n] == '\n')
            return 1;
    return 0;
}

/* Remove what the previous run of the same program wrote (old, its
 * manifest) and this one did not (now): plain files and links only,
 * never followed, never anything outside the folder. */
static void sweep(const em_figdir *fd, const char *old, const char *now)
{
    for (const char *l = old; l && *l;) {
        size_t n = strcspn(l, "\n");
        char name[512];
        struct stat sb;
        if (n > 0 && n < sizeof name) {
            memcpy(name, l, n);
            name[n] = '\0';
            char *path = strchr(name, '/') || name[0] == '.' ? NULL
                                                             : em_str_printf("%s/%s", fd->dir, name);
            if (path && !listed(now, name) && lstat(path, &sb) == 0 &&
                (S_ISREG(sb.st_mode) || S_ISLNK(sb.st_mode)))
                unlink(path);
            free(path);
        }
        l += n + (l[n] == '\n');
    }
}

/* The file's text, or NULL (missing, unreadable, out of memory). */
static char *read_text(const char *path)
{
    FILE *f = fopen(path, "r");
    char *text = NULL;
    size_t len = 0, cap = 0, got;
    char buf[4096];
    while (f && (got = fread(buf, 1, sizeof buf, f)) > 0) {
        if (len + got + 1 > cap) {
            char *more = realloc(text, cap = 2 * (len + got + 1));
            if (!more)
                break;
            text = more;
        }
        memcpy(text + len, buf, got);
        len += got;
        text[len] = '\0';
    }
    if (f)
        fclose(f);
    return text;
}

em_status em_figdir_commit(em_figdir *fd, char *err, size_t errlen)
{
    if (!fd->manifest)
        return em_commit_all(&fd->run, err, errlen);
    char *old_path = em_str_printf("%s/%s", fd->dir, fd->manifest);
    char *old = old_path ? read_text(old_path) : NULL;
    char *now = run_files(fd);
    em_status st = old_path && now ? em_write_text(fd, fd->manifest, now, err, errlen)
                                   : EM_ENOMEM;
    if (st == EM_OK)
        st = em_commit_all(&fd->run, err, errlen);
    if (st == EM_OK) /* only once everything new is in place */
        sweep(fd, old, now);
    free(old_path);
    free(old);
    free(now);
    return st;
}

void em_figdir_close(em_figdir *fd)
{
    em_commit_abort(&fd->run); /* nothing left after a commit */
    for (size_t i = 0; i < fd->n_scripts; i++)
        free(fd->scripts[i]);
    free(fd->manifest);
    free(fd->scripts);
    if (fd->lock >= 0) /* its file went with the run's files, while still held */
        close(fd->lock);
    free(fd->dir);
    free(fd->stage);
    memset(fd, 0, sizeof *fd);
    fd->lock = -1;
}
