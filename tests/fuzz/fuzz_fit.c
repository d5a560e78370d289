/* fuzz_fit.c — libFuzzer target for the whole of `emlab fit`: read, start,
 * EM, print, write. The input is turned into a data file and options, and
 * cmd_fit runs on them as the command would, writing --params-out and
 * --resp-out into a fresh folder:
 *
 *   byte 0   K = 1 + b % 4              byte 1   the start (data, dirichlet,
 *   byte 2   flags: the floor (default,          random, kmeans++)
 *            0, 1e-300, 1e300),         byte 3   d = 1 + b % 64
 *            --standardize, 2 restarts, byte 4   even: the rest is a data file
 *            --tol 0                             as written; odd: the rest is
 *                                                numbers, two bytes each,
 *                                                m * 10^e with e in -300..300
 *
 * So the fuzzer meets extreme magnitudes (1e-300 ... 1e300), repeated
 * points and up to 64 dimensions on purpose. Any crash, leak, undefined
 * behaviour, exit code other than 0, 1 or 2, or a parameter file that
 * does not read back stops it. Built with ASan and UBSan by `make fuzz-fit`. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmd.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char dir[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    snprintf(dir, sizeof dir, "/tmp/emlab-fuzz-fit-%d", (int)getpid());
    return 0; /* emlab's own output: -close_fd_mask=3 (make fuzz-fit) */
}

/* Bytes as numbers: two a number, sign and mantissa from the first, the
 * exponent from the second; d to a line. */
static void write_numbers(FILE *f, const unsigned char *b, size_t size, size_t d)
{
    for (size_t i = 0, col = 0; i + 1 < size; i += 2) {
        double m = ((b[i] & 0x7f) + 1) / 16.0 * (b[i] & 0x80 ? -1.0 : 1.0);
        int e = (int)(b[i + 1] * 601 / 256) - 300;
        fprintf(f, "%.17g%c", m * pow(10.0, e), ++col % d ? ' ' : '\n');
    }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 5)
        return 0;
    static const char *const inits[] = {"data", "dirichlet", "random", "kmeans++"};
    static const char *const regs[] = {NULL, "0", "1e-300", "1e300"};
    char path[128], k[8], params[128], resp[128], out[128];
    snprintf(path, sizeof path, "%s.txt", dir);
    snprintf(params, sizeof params, "%s.params", dir);
    snprintf(resp, sizeof resp, "%s.resp", dir);
    snprintf(out, sizeof out, "%s", dir);
    snprintf(k, sizeof k, "%d", 1 + data[0] % 4);
    size_t d = 1 + data[3] % 64;
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    if (data[4] & 1)
        write_numbers(f, data + 5, size - 5, d);
    else
        fwrite(data + 5, 1, size - 5, f);
    fclose(f);
    char *argv[32];
    int argc = 0;
    argv[argc++] = "fit";
    argv[argc++] = path;
    argv[argc++] = "-k";
    argv[argc++] = k;
    argv[argc++] = "--init";
    argv[argc++] = (char *)inits[data[1] % 4];
    argv[argc++] = "--iters";
    argv[argc++] = "20";
    if (regs[data[2] % 4]) {
        argv[argc++] = "--reg";
        argv[argc++] = (char *)regs[data[2] % 4];
    }
    if (data[2] & 4)
        argv[argc++] = "--standardize";
    if (data[2] & 8) {
        argv[argc++] = "--restarts";
        argv[argc++] = "2";
    }
    if (data[2] & 16) {
        argv[argc++] = "--tol";
        argv[argc++] = "0";
    }
    argv[argc++] = "-q";
    argv[argc++] = "-f";
    argv[argc++] = "none";
    argv[argc++] = "-o";
    argv[argc++] = out;
    argv[argc++] = "--params-out";
    argv[argc++] = params;
    argv[argc++] = "--resp-out";
    argv[argc++] = resp;
    argv[argc] = NULL;
    remove(params);
    int rc = cmd_fit(argc, argv);
    if (rc != 0 && rc != 1 && rc != 2)
        abort();
    if (rc == 0) { /* what was written reads back */
        em_gmm m;
        char err[512];
        if (em_gmm_load(params, &m, err, sizeof err) != EM_OK)
            abort();
        em_gmm_free(&m);
    }
    remove(path);
    return 0;
}
