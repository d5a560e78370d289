#!/usr/bin/Rscript
# make_mclust.R OUTDIR: R's mclust fits in the four covariance families, for
# emlab's tests.
#
# mclust's names for scikit-learn's families: VVV = full, VVI = diag,
# EEE = tied, VII = spherical. For Old Faithful (K = 2) and iris (K = 3),
# from the starts tests/data/covtypes/DATA_TYPE_init.txt (made by
# tests/sklearn/make_covtypes.py), mclust's me() runs 1, 10 and 100
# iterations (an iteration: the M-step, then the E-step, as emlab's) from
# the responsibilities of the start, with no prior (emlab's --reg 0) and
# tol = 0. mclust's stopping rule still stops early where the
# log-likelihood no longer moves in double precision, while the parameters
# may still move by 1e-12: each block says how many iterations mclust really
# ran, and emlab runs as many.
# Writes OUTDIR/mclust_covtypes.txt: blocks "## DATA TYPE RAN", then the
# log-likelihood and a line per component: weight, mean, covariance (full
# d x d, row-major), each with 17 significant digits.
# Needs Debian's r-cran-mclust.
suppressMessages(library(mclust))
out <- commandArgs(trailingOnly = TRUE)[1]
sets <- list(faithful = c("tests/data/old_faithful.csv", 2), iris = c("tests/data/iris.csv", 3))
models <- c(full = "VVV", diag = "VVI", tied = "EEE", spherical = "VII")

read_points <- function(path) {
  lines <- grep("^[[:space:]]*(#|$)", readLines(path), value = TRUE, invert = TRUE)
  rows <- strsplit(trimws(gsub(",", " ", lines)), "[[:space:]]+")
  rows <- rows[!is.na(suppressWarnings(as.numeric(sapply(rows, `[`, 1))))]  # the header
  do.call(rbind, lapply(rows, as.numeric))
}

# pi_k N(x_i | mu_k, Sigma_k), normalised over k: the start's responsibilities
start_z <- function(X, P, K, d) {
  a <- sapply(seq_len(K), function(k) {
    L <- chol(matrix(P[k, (2 + d):(1 + d + d * d)], d, d, byrow = TRUE))
    z <- backsolve(L, t(X) - P[k, 2:(1 + d)], transpose = TRUE)
    log(P[k, 1]) - colSums(z^2) / 2 - sum(log(diag(L))) - d / 2 * log(2 * pi)
  })
  a <- exp(a - apply(a, 1, max))
  a / rowSums(a)
}

blocks <- sprintf("# R %s, mclust %s: me() from the starts' responsibilities, no prior, tol = 0\n",
                  getRversion(), packageVersion("mclust"))
for (name in names(sets)) {
  X <- read_points(sets[[name]][1])
  K <- as.integer(sets[[name]][2])
  d <- ncol(X)
  for (type in names(models)) {
    P <- read_points(sprintf("tests/data/covtypes/%s_%s_init.txt", name, type))
    z <- start_z(X, P, K, d)
    for (iters in c(1, 10, 100)) {
      fit <- me(data = X, modelName = models[[type]], z = z,
                control = emControl(itmax = iters, tol = c(0, 0)))
      p <- fit$parameters
      ran <- abs(attr(fit, "info")[["iterations"]])  # negative: itmax reached
      lines <- c(sprintf("## %s %s %d", name, type, ran), sprintf("%.17g", fit$loglik))
      for (k in seq_len(K))
        lines <- c(lines, paste(sprintf("%.17g", c(p$pro[k], p$mean[, k],
                                                    t(p$variance$sigma[, , k]))), collapse = " "))
      blocks <- c(blocks, paste0(paste(lines, collapse = "\n"), "\n"))
    }
  }
}
writeLines(paste(blocks, collapse = ""), file.path(out, "mclust_covtypes.txt"), sep = "")
