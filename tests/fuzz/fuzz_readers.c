/* fuzz_readers.c — libFuzzer target for the two text readers: data files
 * (em_dataset_read) and parameter files (em_gmm_load). The first byte
 * chooses the reader; the rest is the file. Built with AddressSanitizer and
 * UBSan by `make fuzz`: any crash, leak or undefined behaviour stops it. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dataset.h"
#include "gmm.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 1)
        return 0;
    char path[64];
    snprintf(path, sizeof path, "/tmp/emlab-fuzz-%d.txt", (int)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data + 1, 1, size - 1, f);
    fclose(f);
    char err[512];
    if (data[0] & 1) {
        em_gmm m;
        if (em_gmm_load(path, &m, err, sizeof err) == EM_OK) {
            em_gmm_validate(&m, NULL); /* a loaded mixture is always a valid one */
            em_gmm_free(&m);
        } else if (strstr(err, path) != err) {
            abort(); /* every message names the file */
        }
    } else {
        em_dataset ds;
        if (em_dataset_read(path, &ds, err, sizeof err) == EM_OK) {
            if (ds.n == 0 || ds.d == 0 || em_check_finite(ds.x, ds.n * ds.d, NULL))
                abort(); /* a dataset read is never empty and never has NaN */
            em_dataset_free(&ds);
        } else if (strstr(err, path) != err) {
            abort();
        }
    }
    remove(path);
    return 0;
}
