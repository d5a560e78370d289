#!/bin/sh
# grade_bench.sh BUILD: make bench-grade. Fifty generated submissions, as a
# class might hand them in: 20 right, 10 untouched, 18 with a classic
# mistake each (the workbooks of tests/mistakes/, in turn), one endless
# loop and one with 20 forks; graded with make grade's script, all cores.
# Target: under 2 minutes on a 2-core machine.
set -eu
build=$1
here=$build/bench-grade
rm -rf "$here" && mkdir -p "$here/subs"
i=0
add() { i=$((i + 1)); cp -R "$1" "$here/subs/$(printf 'student_%02d' $i)"; }
right=$here/right; mkdir -p "$right" && cp -R chapters "$right/chapters"
for n in $(seq 20); do add "$right"; done
for n in $(seq 10); do add "$build/fresh/wb"; done
classic="choose_component_one_based responsibility_variance_as_sigma e_step_not_normalised \
m_step_mu_divided_by_N m_step_sigma_variance log_likelihood_sum_before_log covariance_old_mean \
e_step_crash e_step_exit0"
for n in 1 2; do for m in $classic; do add "$build/mistakes/$m/wb"; done; done
add "$build/mistakes/m_step_pi_endless/wb"
add "$build/mistakes/covariance_forks/wb"
jobs=$(nproc 2> /dev/null || echo 2)
start=$(date +%s.%N)
JOBS=$jobs sh tests/exercise/grade.sh --env "$build/grade" "$here/subs" "$here/grades" > "$here/log" 2>&1
end=$(date +%s.%N)
t=$(echo "$end $start" | awk '{ printf "%.1f", $1 - $2 }')
rows=$(($(wc -l < "$here/grades/grades.csv") - 1))
echo "bench-grade: $rows submissions graded in $t s with $jobs jobs ($(echo "$t $rows" | awk '{ printf "%.2f", $1 / $2 }') s each)"
echo "$t" | awk '{ exit !($1 < 120) }' && echo "  met:     under 2 minutes" || echo "  NOT met: under 2 minutes"
