// blank: responsibility
// expect: you passed the variance where the standard deviation belongs
double total = 0.0;
for (size_t j = 0; j < n_comp; j++)
    total += pi[j] * em_normal_pdf(x_i, mu[j], var[j]);
gamma = pi[k] * em_normal_pdf(x_i, mu[k], var[k]) / total;
