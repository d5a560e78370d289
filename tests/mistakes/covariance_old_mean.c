// blank: covariance
// expect: you took the deviations from the old mean m->mean
const double *old = m->mean + k * D;
for (size_t i = 0; i < N; i++)
    for (size_t j = 0; j < D; j++)
        for (size_t l = 0; l < D; l++)
            Sigma_k[j * D + l] += gamma[i * K + k] * (x[i * D + j] - old[j]) * (x[i * D + l] - old[l]);
for (size_t v = 0; v < D * D; v++)
    Sigma_k[v] /= N_k;
