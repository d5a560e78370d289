// blank: responsibility
// expect: It printed
// debugging output in UTF-8, each line cut by the runner at 200 bytes,
// in the middle of a character: the grader's results.json stays valid
for (int j = 0; j < 3; j++) {
    printf("x");
    for (int c = 0; c < 150; c++)
        printf("γ");
    printf("\n");
}
gamma = 0.5;
