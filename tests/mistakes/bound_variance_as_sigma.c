// blank: bound
// expect: you passed the variance SIGMA[k]^2 where em_normal_logpdf wants the standard
for (size_t i = 0; i < N; i++)
    for (size_t k = 0; k < K; k++) {
        double q_ik = q[i * K + k];
        if (q_ik > 0.0)
            L += q_ik * (log(PI[k]) + em_normal_logpdf(x[i], mu[k], SIGMA[k] * SIGMA[k]) - log(q_ik));
    }
