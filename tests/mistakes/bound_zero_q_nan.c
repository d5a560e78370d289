// blank: bound
// expect: 0 ln 0 is taken as 0
for (size_t i = 0; i < N; i++)
    for (size_t k = 0; k < K; k++) {
        double q_ik = q[i * K + k];
        L += q_ik * (log(PI[k]) + em_normal_logpdf(x[i], mu[k], SIGMA[k]) - log(q_ik));
    }
