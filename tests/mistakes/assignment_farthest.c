// blank: assignment
// expect: every point went to its FARTHEST centre
double worst = -1.0;
for (size_t k = 0; k < K; k++) {
    double dist2 = 0.0;
    for (size_t j = 0; j < D; j++) {
        double t = x[i * D + j] - mu[k * D + j];
        dist2 += t * t;
    }
    if (dist2 > worst) {
        worst = dist2;
        nearest = k;
    }
}
