#!/bin/sh
# grade.sh SUBMISSIONS OUT: grade a class's workbooks, as nbgrader's
# autograder does, without Jupyter (make grade SUBMISSIONS=DIR runs it).
#
# SUBMISSIONS holds one entry per student: a workbook folder, or a .tar.gz
# (.tgz) or .zip of one; the student is the entry's name. Each is graded in
# a fresh temporary copy: its chapters are built against the solution
# checks (each chapter on its own, under a time limit), and every blank is
# checked by the runner in its sandbox (limits, own process group, no
# network where the kernel allows). One broken or hostile submission never
# stops the others. Into OUT:
#   grades.csv               a row per student: a column per blank (1/0),
#                            the total, the mistakes recognised
#   NAME/results.json        Gradescope's autograder format
#   NAME/blanks.tsv          blank, score, state, mistake, message
#   report.md, report.png    per blank, how many passed, and which classic
#                            mistakes were made how often
#
# The compiler, its flags and the runner come from BUILD/grade/env.sh,
# which the Makefile writes beside the grading runner: CC, ALLFLAGS (the
# library's), WBFLAGS, CHECKFLAGS, LIB, LIBS, RUNNER. JOBS: how many
# submissions at once (default 2). Run from emlab's top folder.
set -u
if [ "${1:-}" = --env ]; then # --env BUILD_GRADE_DIR ...: the build's settings first
    . "$2/env.sh"
    shift 2
fi
if [ "${1:-}" = --one ]; then
    # --one OUT ENTRY: grade one submission (run by xargs, JOBS at a time)
    out=$2 entry=$3
    name=$(basename "$entry"); name=${name%.tar.gz}; name=${name%.tgz}; name=${name%.zip}
    work=$(mktemp -d "${TMPDIR:-/tmp}/emlab-grade.XXXXXX") || exit 1
    trap 'rm -rf "$work"' EXIT
    mkdir -p "$work/sub" "$work/checks" "$out/$name"
    note() { printf '%s\n' "$*" | tr '\n\r\t' '   ' > "$out/$name/note.txt"; }
    case $entry in
        *.tar.gz|*.tgz) timeout 60 tar -xzf "$entry" -C "$work/sub" --no-same-owner \
                            --no-same-permissions 2> "$work/unpack.log" || note "could not unpack: $(head -c 200 "$work/unpack.log")" ;;
        *.zip) if command -v unzip > /dev/null; then
                   timeout 60 unzip -q -o "$entry" -d "$work/sub" > "$work/unpack.log" 2>&1 ||
                       note "could not unpack: $(head -c 200 "$work/unpack.log")"
               else note "a .zip, and unzip is not installed (apt-get install unzip)"; fi ;;
        *) if [ -d "$entry" ]; then cp -R -P "$entry/." "$work/sub/" 2> /dev/null
           else note "not a folder, a .tar.gz or a .zip"; fi ;;
    esac
    # the workbook's own chapters, not its pristine copy (or any hidden folder)
    ch=$(find "$work/sub" -maxdepth 4 -type f -name 01_sampling.c -path '*/chapters/*' \
             ! -path '*/.*' 2> /dev/null | sort | head -1)
    ch=${ch%/01_sampling.c}
    if [ -z "$ch" ]; then
        [ -s "$out/$name/note.txt" ] || note "no workbook in it: no chapters/01_sampling.c"
        printf '%s\n' "$name" > "$out/$name/missing"
        exit 0
    fi
    for nn in 01 02 04 05; do
        timeout "${CC_LIMIT:-120}" $CC $ALLFLAGS $WBFLAGS $CHECKFLAGS -I"$ch" -Itests/exercise \
            -DCHAPTER_CHECKS=checks_$nn tests/exercise/check_$nn.c tests/exercise/one.c \
            $LIB $LIBS -o "$work/checks/check_$nn" > "$work/checks/check_$nn.log" 2>&1
        rc=$?
        if [ $rc -ne 0 ]; then
            rm -f "$work/checks/check_$nn"
            [ $rc -ne 124 ] || echo "$(ls "$ch"/${nn}_*.c):1: error: the compiler was stopped after ${CC_LIMIT:-120} s" \
                >> "$work/checks/check_$nn.log"
        fi
    done
    # no network for the checks, where the kernel lets us have a namespace
    isolate=""
    if unshare -n true 2> /dev/null; then isolate="unshare -n"
    elif unshare -rn true 2> /dev/null; then isolate="unshare -rn"; fi
    (cd "$work" && timeout 600 $isolate "$RUNNER" --checks "$work/checks" --chapters "$ch" \
        --grade "$out/$name") > "$work/run.log" 2>&1 ||
        note "the grading run failed: $(tail -c 300 "$work/run.log")"
    [ -n "$isolate" ] || touch "$out/$name/network"
    exit 0
fi

subs=$1
out=$2
jobs=${JOBS:-2}
blanks=$("$RUNNER" --list | tr '\n' ' ')
[ -d "$subs" ] || { echo "grade: $subs is not a folder of submissions" >&2; exit 2; }
mkdir -p "$out" || exit 2
start=$(date +%s)
find "$subs" -mindepth 1 -maxdepth 1 \( -type d -o -xtype d -o -name '*.tar.gz' -o -name '*.tgz' -o -name '*.zip' \) \
    -print0 | sort -z | xargs -0 -r -n 1 -P "$jobs" sh "$0" --env "$GRADE_ENV" --one "$out"
# the class's table
{
    printf 'student'; for b in $blanks; do printf ',%s' "$b"; done; printf ',total,mistakes\n'
    for d in "$out"/*/; do
        name=$(basename "$d")
        [ -f "$d/blanks.tsv" ] || [ -f "$d/missing" ] || [ -f "$d/note.txt" ] || continue
        printf '%s' "$name"
        total=0; why=""
        for b in $blanks; do
            s=$(awk -F'\t' -v b="$b" '$1 == b { print $2 }' "$d/blanks.tsv" 2> /dev/null)
            s=${s:-0}; total=$((total + s)); printf ',%s' "$s"
            m=$(awk -F'\t' -v b="$b" '$1 == b && $4 != "" { print $4 }' "$d/blanks.tsv" 2> /dev/null)
            [ -n "$m" ] && why="$why${why:+; }$b: $m"
        done
        [ -f "$d/note.txt" ] && why="$why${why:+; }$(cat "$d/note.txt")"
        printf ',%s,"%s"\n' "$total" "$(printf '%s' "$why" | sed 's/"/""/g')"
    done
} > "$out/grades.csv"
n=$(($(wc -l < "$out/grades.csv") - 1))
# the report: per blank, passes and the mistakes counted
{
    echo "# Grades: $n submissions"
    echo
    echo "Graded in $(( $(date +%s) - start )) s, $jobs at a time. Each blank is worth 1 point."
    if ls "$out"/*/network > /dev/null 2>&1; then
        echo "The network could not be cut off here (unshare -n is not allowed): the checks ran with it."
    else
        echo "The checks ran without network."
    fi
    echo
    echo "| blank | passed | the mistakes recognised |"
    echo "| --- | --- | --- |"
    for b in $blanks; do
        pass=$(cat "$out"/*/blanks.tsv 2> /dev/null | awk -F'\t' -v b="$b" '$1 == b && $2 == 1' | wc -l)
        ms=$(cat "$out"/*/blanks.tsv 2> /dev/null | awk -F'\t' -v b="$b" '$1 == b && $4 != "" { print $4 }' |
             sort | uniq -c | sort -rn | awk -v n="$n" '{ c = $1; $1 = ""; printf "%s%d of %d:%s", (NR > 1 ? "; " : ""), c, n, $0 }')
        echo "| $b | $pass of $n | ${ms:-none} |"
        printf '%s %s\n' "$b" "$pass" >> "$out/.passes"
    done
    echo
    echo "![Passes per blank](report.png)"
    echo
    echo "The table per student is grades.csv; each student's results.json is in Gradescope's format."
} > "$out/report.md"
if command -v gnuplot > /dev/null; then
    gnuplot -e "set terminal pngcairo size 900,500 font 'Sans,12' noenhanced; set output '$out/report.png';
        set style fill solid 0.8 border rgb '#333333'; set boxwidth 0.7; set yrange [0:$n];
        set title 'Submissions that pass each blank ($n in all)'; set ylabel 'passed';
        set xtics rotate by -30; set grid ytics; unset key;
        plot '$out/.passes' using 0:2:xtic(1) with boxes lc rgb '#0072b2'" 2> /dev/null ||
        echo "grade: gnuplot could not draw report.png" >&2
fi
rm -f "$out/.passes"
echo "grade: $n submissions in $(( $(date +%s) - start )) s: $out/grades.csv, $out/report.md"
