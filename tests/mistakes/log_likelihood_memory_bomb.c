// blank: log_likelihood
// expect: out of memory (1 GiB)
// nosan: AddressSanitizer needs the address space the limit takes away
for (;;) {
    char *p = malloc(1 << 20);
    if (!p)
        abort();
    memset(p, 1, 1 << 20);
}
