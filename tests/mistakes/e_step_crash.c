// blank: e_step
// expect: crashed (segmentation fault): check your array indices
for (size_t i = 0; i < N; i++)
    for (size_t k = 0; k < K; k++)
        gamma[(i * K + k) << 36] = pi[k] * em_normal_pdf(x[i], mu[k], sigma[k]);
