// blank: m_step_sigma
// expect: wrote a file over the size limit
// a 100 MB file where it runs: the 64 MiB file-size limit stops it
FILE *big = fopen("big.bin", "w");
static char block[1 << 20];
for (int j = 0; big && j < 100; j++)
    fwrite(block, 1, sizeof block, big);
