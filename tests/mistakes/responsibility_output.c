// blank: responsibility
// expect: output is cut at 1 MB
for (long j = 0; j < 5000000; j++) // about 110 MB
    printf("debugging line %ld\n", j);
gamma = 0.5;
