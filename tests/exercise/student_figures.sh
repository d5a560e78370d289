#!/bin/sh
# student_figures.sh BUILD WB_BUILD OUT [compare]: the chapters with blanks
# (01, 02, 04, 05, 07, 11), built with the student's code in WB_BUILD, draw into
# OUT/NN_name/. With "compare", the same chapters built from the reference
# solutions run into BUILD/reference-figures/ too, and the two are
# compared file by file (what
# each printed, and every figure's data), so a student who has filled every
# blank learns whether their EM draws exactly what the course's does.
set -u
build=$1
wbuild=$2
out=$3
mode=${4:-}
chapters="01_sampling 02_responsibilities 04_em_fill_in 05_em_2d 07_kmeans_and_em 11_why_em_works"
status=0
for c in $chapters; do
    if [ "$mode" != compare ]; then echo "== $c, with your code"; fi
    if ! "$wbuild/$c" --out "$out/$c" > "$out/$c.out" 2> "$out/$c.err"; then
        echo "$c with your code failed:"; cat "$out/$c.err"; status=1; continue
    fi
    [ "$mode" = compare ] || cat "$out/$c.out"
done
[ "$mode" = compare ] || { echo "Your figures are in $out/."; exit $status; }
[ $status -eq 0 ] || exit 1
differ=""
for c in $chapters; do
    ref="$build/reference-figures/$c"
    rm -rf "$ref" && mkdir -p "$ref"
    "$build/$c" --format none --out "$ref" > "$ref.out" 2> /dev/null || { differ="$differ $c"; continue; }
    cmp -s "$ref.out" "$out/$c.out" || differ="$differ $c(printout)"
    for dat in "$ref"/*.dat "$ref"/*.txt; do
        [ -e "$dat" ] || continue
        cmp -s "$dat" "$out/$c/$(basename "$dat")" || differ="$differ $c/$(basename "$dat")"
    done
done
if [ -z "$differ" ]; then
    echo "Your chapters 01, 02, 04, 05, 07 and 11 print and draw exactly what the course's do,"
    echo "to the last digit: see your figures in $out/ (make figures STUDENT=1 redraws them)."
else
    echo "Your figures are in $out/. They differ from the course's in:$differ"
    echo "(right to the checks' tolerance, but not to the last digit: a different order of sums?)"
fi
