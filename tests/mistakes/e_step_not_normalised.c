// blank: e_step
// expect: gamma is not normalised over components
for (size_t i = 0; i < N; i++)
    for (size_t k = 0; k < K; k++)
        gamma[i * K + k] = pi[k] * em_normal_pdf(x[i], mu[k], sigma[k]);
