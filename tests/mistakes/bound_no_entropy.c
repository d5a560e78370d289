// blank: bound
// expect: that is Q, the expected complete-data log-likelihood
for (size_t i = 0; i < N; i++)
    for (size_t k = 0; k < K; k++)
        L += q[i * K + k] * (log(PI[k]) + em_normal_logpdf(x[i], mu[k], SIGMA[k]));
