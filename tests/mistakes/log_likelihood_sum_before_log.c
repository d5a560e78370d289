// blank: log_likelihood
// expect: you summed over the points before taking the log
double total = 0.0;
for (size_t i = 0; i < N; i++)
    for (size_t k = 0; k < K; k++)
        total += pi[k] * em_normal_pdf(x[i], mu[k], sigma[k]);
ll = log(total);
