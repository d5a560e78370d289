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

# --- the covariance families, against scikit-learn's same family and VLFeat ---
echo
vl=no
[ -x "$b/vlfeat_bench" ] && vl=yes
echo "covariance families: ms per EM iteration (best of 3), the same data and start"
printf '%-9s %9s %4s %4s %10s %12s %7s %10s %7s\n' family n d K emlab sklearn ratio vlfeat vl_ratio
fams=""
for spec in "full 1000000 2 5" "diag 1000000 2 5" "tied 1000000 2 5" "spherical 1000000 2 5" \
            "full 100000 10 20" "diag 100000 10 20" "full 100000 50 10" "diag 100000 50 10"; do
    set -- $spec
    it=10; [ $3 -gt 2 ] && it=5
    ms=$("$b/bench" em $2 $it "$dir" $1 $3 $4 | awk '{print $4}')
    sk=-; ratio=-; vms=-; vratio=-
    if [ $have_sklearn = yes ]; then
        sk=$("$py" "$(dirname "$0")/sklearn_bench.py" "$dir" $it | awk '{print $2}')
        ratio=$(awk -v a="$sk" -v b="$ms" 'BEGIN { printf "%.1f", a / b }')
    fi
    if [ $1 = diag ] && [ $vl = yes ]; then
        vms=$("$b/vlfeat_bench" "$dir" 5 | awk '{print $2}')
        vratio=$(awk -v a="$vms" -v b="$ms" 'BEGIN { printf "%.1f", a / b }')
    fi
    printf '%-9s %9s %4s %4s %10s %12s %7s %10s %7s\n' $1 $2 $3 $4 "$ms" "$sk" "$ratio" "$vms" "$vratio"
    [ $3 = 2 ] && fams="$fams $1:$ms:$ratio:$vratio"
done
echo
echo "targets (n = 10^6, d = 2, K = 5):"
full_ms=""
for f in $fams; do
    name=${f%%:*}; rest=${f#*:}; ms=${rest%%:*}; rest=${rest#*:}; ratio=${rest%%:*}; vratio=${rest#*:}
    [ $name = full ] && full_ms=$ms
    [ "$ratio" != - ] && target "$name: at least 30 x scikit-learn's $name (ratio $ratio)" \
        "$(awk -v r="$ratio" 'BEGIN { print (r >= 30) }')"
    [ "$vratio" != - ] && target "diag: at least 5 x VLFeat's vl_gmm (ratio $vratio)" \
        "$(awk -v r="$vratio" 'BEGIN { print (r >= 5) }')"
    case $name in diag|spherical)
        target "$name faster than emlab's full ($ms < $full_ms ms)" \
            "$(awk -v a="$ms" -v b="$full_ms" 'BEGIN { print (a < b) }')" ;;
    esac
done
[ $vl = yes ] || echo "  (VLFeat is not installed: apt-get install libvlfeat-dev for its column)"
