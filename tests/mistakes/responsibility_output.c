// blank: responsibility
// expect: output is cut at 1 MB
for (long j = 0; j < 2000000; j++)
    printf("debugging line %ld\n", j);
gamma = 0.5;
