#!/bin/sh
# run.sh BUILD: the measurements of `make bench`, against the targets.
set -eu
b=$1
dir=$(mktemp -d /tmp/emlab-bench-XXXXXX)
trap 'rm -rf "$dir"' EXIT
py=/usr/bin/python3
have_sklearn=no
"$py" -c 'import sklearn' 2>/dev/null && have_sklearn=yes
echo "emlab bench: d = 2, K = 5, full covariances, $(nproc) cores, OMP_NUM_THREADS=${OMP_NUM_THREADS:-all}"
printf '%10s %12s %14s %10s %14s %8s\n' n ms/iter points/s peak_MiB sklearn_ms ratio
ratio6=""
for n in 10000 100000 1000000; do
    iters=$((10000000 / n)); [ $iters -lt 10 ] && iters=10
    line=$("$b/bench" em $n $iters "$dir")
    ms=$(echo "$line" | awk '{print $4}')
    pps=$(echo "$line" | awk '{print $6}')
    mib=$(echo "$line" | awk '{print $8}')
    sk=-; ratio=-
    if [ $have_sklearn = yes ]; then
        sk=$("$py" "$(dirname "$0")/sklearn_bench.py" "$dir" 5 | awk '{print $2}')
        ratio=$(awk -v a="$sk" -v b="$ms" 'BEGIN { printf "%.1f", a / b }')
        [ $n = 1000000 ] && ratio6=$ratio
    fi
    printf '%10s %12s %14s %10s %14s %8s\n' $n "$ms" "$pps" "$mib" "$sk" "$ratio"
done
s=$("$b/bench" sample 10000000 | awk '{print $4}')
r=$("$b/bench" read 1000000 "$dir" | awk '{print $4}')
big=$("$b/bench" em 10000000 2)
peak=$(echo "$big" | awk '{print $8}')
need=$(echo "$big" | awk '{print $10}')
echo "sample 10^7 points: $s s    read a 10^6-line file: $r s"
echo "n = 10^7: peak $peak MiB for $need MiB of data and responsibilities"
echo
target() { # what, met (0/1)
    if [ "$2" = 1 ]; then echo "  met:     $1"; else echo "  NOT met: $1"; fi
}
echo "targets:"
if [ -n "$ratio6" ]; then
    target "an EM iteration at n = 10^6 takes at most 1/30 of scikit-learn's (ratio $ratio6)" \
        "$(awk -v r="$ratio6" 'BEGIN { print (r >= 30) }')"
else
    echo "  (scikit-learn is not installed: apt-get install python3-sklearn for the ratio)"
fi
target "sampling 10^7 points under 1 s ($s s)" "$(awk -v t="$s" 'BEGIN { print (t < 1) }')"
target "reading 10^6 lines under 0.5 s ($r s)" "$(awk -v t="$r" 'BEGIN { print (t < 0.5) }')"
target "peak memory at n = 10^7 within 1.3 x data + responsibilities ($peak / $need MiB)" \
    "$(awk -v p="$peak" -v q="$need" 'BEGIN { print (p <= 1.3 * q) }')"
