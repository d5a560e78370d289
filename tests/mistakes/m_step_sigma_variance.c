// blank: m_step_sigma
// expect: that is sigma^2, the variance
double s = 0.0;
for (size_t i = 0; i < N; i++)
    s += gamma[i * K + k] * (x[i] - mu_k) * (x[i] - mu_k);
sigma_k = s / N_k;
