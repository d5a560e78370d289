// blank: centre_update
// expect: 0 / 0 is not a number; divide only when n_k > 0
for (size_t k = 0; k < K; k++) {
    double sum[D] = {0.0, 0.0}, n_k = 0.0;
    for (size_t i = 0; i < N; i++)
        if (c[i] == k) {
            n_k += 1.0;
            for (size_t j = 0; j < D; j++)
                sum[j] += x[i * D + j];
        }
    for (size_t j = 0; j < D; j++)
        mu[k * D + j] = sum[j] / n_k;
}
