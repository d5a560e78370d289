/* textio.c — lines, fields and numbers, with file:line: messages. */
#define _XOPEN_SOURCE 700 /* realpath, strdup */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "textio.h"

void em_errorf(char *err, size_t errlen, const char *path, size_t line,
               const char *fmt, ...)
{
    if (!err || errlen == 0)
        return;
    int used = line ? snprintf(err, errlen, "%s:%zu: ", path, line)
                    : snprintf(err, errlen, "%s: ", path);
    if (used < 0 || (size_t)used >= errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + used, errlen - (size_t)used, fmt, ap);
    va_end(ap);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

const char *em_next_field(const char **cursor, size_t *len)
{
    const char *p = *cursor;
    while (is_space(*p))
        p++;
    if (*p == '\0')
        return NULL;
    const char *start = p;
    while (*p && *p != ',' && !is_space(*p))
        p++;
    *len = (size_t)(p - start);
    while (is_space(*p))
        p++;
    if (*p == ',')
        p++; /* one comma ends the field; a second one makes an empty field */
    *cursor = p;
    return start;
}

em_status em_parse_number(const char *field, size_t len, double *value)
{
    if (len == 0)
        return EM_EPARSE;
    /* The field ends at a separator (em_next_field's contract), where
     * strtod stops too: it must have read exactly the field. strtod also
     * takes "nan", "inf" and hex floats; the first two are refused below
     * by name, so that the message can say what is wrong. */
    char *end;
    errno = 0;
    double v = strtod(field, &end);
    if (end != field + len)
        return EM_EPARSE;
    if (!isfinite(v))
        return EM_ENONFINITE;
    if (errno == ERANGE && fabs(v) > 1.0)
        return EM_ENONFINITE; /* overflow: 1e999 */
    *value = v;
    return EM_OK;
}

/* dir/.base.XXXXXX for path dir/base: beside it, on the same file system
 * (so that rename is atomic), hidden from ls. */
static char *temp_template(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = path + dir_len;
    char *t = malloc(strlen(path) + 9);
    if (t)
        sprintf(t, "%.*s.%s.XXXXXX", (int)dir_len, path, base);
    return t;
}

static void out_release(em_outfile *out)
{
    free(out->path);
    free(out->tmp);
    memset(out, 0, sizeof *out);
}

/* The permissions a plain fopen would give: 0666 less the umask, but
 * always readable and writable by its owner (WebAssembly's file system,
 * for one, reports a umask of 0777). */
static mode_t plain_mode(void)
{
    mode_t mask = umask(022);
    umask(mask);
    return (0666 & ~mask) | S_IRUSR | S_IWUSR;
}

/* Where writing path really goes: path, or the file a symlink at path
 * leads to (written through, as cp would), in *dest (malloc'd), with the
 * mode the new file is to have (the old file's, or a plain fopen's). A
 * device, a pipe or a folder is refused: replacing /dev/null or a FIFO by
 * a file is never what was meant. */
static em_status destination(const char *path, char **dest, mode_t *mode, char *err,
                             size_t errlen)
{
    struct stat sb;
    *mode = plain_mode();
    *dest = NULL;
    if (lstat(path, &sb) != 0) {
        *dest = strdup(path); /* a new file */
        return *dest ? EM_OK : EM_ENOMEM;
    }
    if (S_ISLNK(sb.st_mode) && (!(*dest = realpath(path, NULL)) || stat(*dest, &sb) != 0)) {
        em_errorf(err, errlen, path, 0, "cannot write: a symbolic link to nothing");
        free(*dest);
        *dest = NULL;
        return EM_EIO;
    }
    if (!S_ISREG(sb.st_mode)) {
        em_errorf(err, errlen, path, 0, "cannot write: not a plain file (%s)",
                  S_ISDIR(sb.st_mode) ? "a folder" : S_ISFIFO(sb.st_mode) ? "a pipe"
                                                                           : "a device");
        free(*dest);
        *dest = NULL;
        return EM_EIO;
    }
    *mode = sb.st_mode & 07777; /* a private file stays private */
    if (!*dest)
        *dest = strdup(path);
    return *dest ? EM_OK : EM_ENOMEM;
}

em_status em_out_open_in(em_outfile *out, em_commit *run, const char *path, char *err,
                         size_t errlen)
{
    memset(out, 0, sizeof *out);
    mode_t mode;
    em_status dst = destination(path, &out->path, &mode, err, errlen);
    if (dst)
        return dst;
    out->tmp = temp_template(out->path);
    if (!out->tmp) {
        out_release(out);
        return EM_ENOMEM;
    }
    int fd = mkstemp(out->tmp); /* O_CREAT | O_EXCL: never an existing file or link */
    if (fd < 0) {
        em_errorf(err, errlen, path, 0, "cannot write: %s", strerror(errno));
        out_release(out);
        return EM_EIO;
    }
    fchmod(fd, mode);
    out->f = fdopen(fd, "w");
    em_status st = out->f ? EM_OK : EM_ENOMEM;
    if (st == EM_OK && run)
        st = em_commit_add(run, out->tmp, out->path);
    if (st == EM_EINVAL) {
        em_errorf(err, errlen, path, 0, "cannot write: another output of this run goes there");
        st = EM_EIO;
    }
    if (st) {
        if (out->f)
            fclose(out->f);
        else
            close(fd);
        unlink(out->tmp);
        out_release(out);
        return st;
    }
    out->run = run;
    return EM_OK;
}

em_status em_out_open(em_outfile *out, const char *path, char *err, size_t errlen)
{
    return em_out_open_in(out, NULL, path, err, errlen);
}

em_status em_out_commit(em_outfile *out, char *err, size_t errlen)
{
    errno = 0;
    int failed = fflush(out->f) != 0 || ferror(out->f);
    int saved = errno;
    if (fclose(out->f) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    out->f = NULL;
    if (!failed && !out->run && rename(out->tmp, out->path) != 0) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        em_errorf(err, errlen, out->path, 0, "cannot write: %s",
                  saved ? strerror(saved) : "a write failed");
        unlink(out->tmp);
    }
    out_release(out);
    return failed ? EM_EIO : EM_OK;
}

void em_out_abort(em_outfile *out)
{
    if (out->f) {
        fclose(out->f);
        unlink(out->tmp);
    }
    out_release(out);
}
