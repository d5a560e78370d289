// blank: assignment
// expect: on a tie the lower k wins
double best = INFINITY;
for (size_t k = 0; k < K; k++) {
    double dist2 = 0.0;
    for (size_t j = 0; j < D; j++) {
        double t = x[i * D + j] - mu[k * D + j];
        dist2 += t * t;
    }
    if (dist2 <= best) {
        best = dist2;
        nearest = k;
    }
}
