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
#   students/NAME/results.json  Gradescope's autograder format
#   students/NAME/blanks.tsv    blank, score, state, mistake, message
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
    # --one OUT "NAME<tab>ENTRY": grade one submission (run by xargs, JOBS at
    # a time) into OUT/students/NAME, emptied first
    out=$2
    name=$(printf '%s' "$3" | cut -f1) entry=$(printf '%s' "$3" | cut -f2-)
    dest=$out/students/$name
    work=$(mktemp -d "${TMPDIR:-/tmp}/emlab-grade.XXXXXX") || exit 1
    trap 'rm -rf "$work"' EXIT
    rm -rf "$dest" && mkdir -p "$work/sub" "$work/checks" "$dest"
    note() { printf '%s\n' "$*" | tr '\n\r\t' '   ' | cut -c1-300 > "$dest/note.txt"; }
    # archives unpacked with a size limit per file (64 MiB) and in all (256 MiB)
    case $entry in
        *.tar.gz|*.tgz) (ulimit -f 131072; timeout 60 tar -xzf "$entry" -C "$work/sub" --no-same-owner \
                            --no-same-permissions) 2> "$work/unpack.log" || note "could not unpack: $(head -c 200 "$work/unpack.log")" ;;
        *.zip) if command -v unzip > /dev/null; then
                   (ulimit -f 131072; timeout 60 unzip -q -o "$entry" -d "$work/sub") > "$work/unpack.log" 2>&1 ||
                       note "could not unpack: $(head -c 200 "$work/unpack.log")"
               else note "a .zip, and unzip is not installed (apt-get install unzip)"; fi ;;
        *) if [ -d "$entry" ]; then cp -R -P "$entry/." "$work/sub/" 2> /dev/null
           else note "not a folder, a .tar.gz or a .zip"; fi ;;
    esac
    # the workbook's own chapters, not its pristine copy (or any hidden folder)
    if [ "$(du -sk "$work/sub" | cut -f1)" -gt 262144 ]; then
        note "too big: more than 256 MiB unpacked"
        rm -rf "$work/sub" && mkdir "$work/sub"
    fi
    ch=$(find "$work/sub" -maxdepth 4 -type f -name 01_sampling.c -path '*/chapters/*' \
             ! -path '*/.*' 2> /dev/null | sort | head -1)
    ch=${ch%/01_sampling.c}
    if [ -z "$ch" ]; then
        [ -s "$dest/note.txt" ] || note "no workbook in it: no chapters/01_sampling.c"
        exit 0
    fi
    # only the chapters with blanks are the student's; headers are the
    # course's (a chapters/check.h or emlab.h of theirs is not used)
    mkdir -p "$work/ch"
    for f in 01_sampling.c 02_responsibilities.c 04_em_fill_in.c 05_em_2d.c 07_kmeans_and_em.c 11_why_em_works.c; do
        [ -f "$ch/$f" ] && [ ! -L "$ch/$f" ] && cp "$ch/$f" "$work/ch/$f"
    done
    cp chapters/*.h "$work/ch/" 2> /dev/null
    ch=$work/ch
    for nn in 01 02 04 05 07 11; do # each compile: a time limit and 2 GiB of memory
        (ulimit -v 2097152; timeout "${CC_LIMIT:-120}" $CC $ALLFLAGS $WBFLAGS $CHECKFLAGS -iquote "$ch" -Itests/exercise \
            -DCHAPTER_CHECKS=checks_$nn tests/exercise/check_$nn.c tests/exercise/one.c \
            $LIB $LIBS -o "$work/checks/check_$nn") > "$work/checks/check_$nn.log" 2>&1
        rc=$?
        if [ $rc -ne 0 ]; then
            rm -f "$work/checks/check_$nn"
            [ $rc -ne 124 ] || echo "$(ls "$ch"/${nn}_*.c):1: error: the compiler was stopped after ${CC_LIMIT:-120} s" \
                >> "$work/checks/check_$nn.log"
        fi
    done
    # no network for the checks, where the kernel lets us have a namespace;
    # graded as root, the checks run as nobody, who can change nothing of
    # the grader's, the course's or the other students'
    isolate="" user=""
    if unshare -n true 2> /dev/null; then isolate="unshare -n"
    elif unshare -rn true 2> /dev/null; then isolate="unshare -rn"; fi
    mkdir -p "$work/res"
    if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null && id nobody > /dev/null 2>&1; then
        chmod 755 "$work" "$work/checks" "$work/ch" && chmod 644 "$work"/ch/* && chown nobody "$work/res" &&
            user="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups --"
    fi
    (cd "$work" && timeout 600 $isolate $user "$RUNNER" --checks "$work/checks" --chapters "$ch" \
        --grade "$work/res") > "$work/run.log" 2>&1 ||
        note "the grading run failed: $(tail -c 300 "$work/run.log")"
    cp "$work/res/results.json" "$work/res/blanks.tsv" "$dest/" 2> /dev/null
    [ -n "$isolate" ] || touch "$dest/network"
    [ -n "$user" ] || touch "$dest/same-user"
    exit 0
fi

subs=$1
out=$2
jobs=${JOBS:-2}
blanks=$("$RUNNER" --list | tr '\n' ' ')
[ -d "$subs" ] || { echo "grade: $subs is not a folder of submissions" >&2; exit 2; }
mkdir -p "$out/students" || exit 2
start=$(date +%s)
# the class: "NAME<tab>PATH" a line, a name for each entry (its file name
# without .tar.gz, .tgz or .zip; made unique: dup and dup (tar.gz))
list=$out/.class
: > "$list"
skipped=""
find "$subs" -mindepth 1 -maxdepth 1 \( -type d -o -xtype d -o -name '*.tar.gz' -o -name '*.tgz' -o -name '*.zip' \) |
    sort > "$out/.found"
while IFS= read -r path; do
    [ -e "$path" ] || { skipped="$skipped x"; continue; } # a name with a line break in it
    base=$(basename "$path"); name=$base; ext=""
    case $base in
        *.tar.gz) name=${base%.tar.gz}; ext=tar.gz ;;
        *.tgz) name=${base%.tgz}; ext=tgz ;;
        *.zip) name=${base%.zip}; ext=zip ;;
    esac
    name=$(printf '%s' "$name" | tr '\t' ' ')
    if cut -f1 "$list" | grep -qxF -- "$name"; then name="$name ($ext)"; fi
    printf '%s\t%s\n' "$name" "$path" >> "$list"
done < "$out/.found"
rm -f "$out/.found"
xargs -d '\n' -r -n 1 -P "$jobs" sh "$0" --env "$GRADE_ENV" --one "$out" < "$list"
csv() { printf '"%s"' "$(printf '%s' "$1" | tr '\n\r' '  ' | sed 's/"/""/g')"; }
# the class's table: a row for every entry, graded or not
{
    printf 'student'; for b in $blanks; do printf ',%s' "$b"; done; printf ',total,mistakes\n'
    while IFS= read -r line; do
        name=$(printf '%s' "$line" | cut -f1)
        d=$out/students/$name
        csv "$name"
        total=0; why=""
        for b in $blanks; do
            s=$(awk -F'\t' -v b="$b" '$1 == b { print $2 }' "$d/blanks.tsv" 2> /dev/null)
            s=${s:-0}; total=$((total + s)); printf ',%s' "$s"
            m=$(awk -F'\t' -v b="$b" '$1 == b && $4 != "" { print $4 }' "$d/blanks.tsv" 2> /dev/null)
            [ -n "$m" ] && why="$why${why:+; }$b: $m"
        done
        [ -f "$d/note.txt" ] && why="$why${why:+; }$(cat "$d/note.txt")"
        [ -f "$d/blanks.tsv" ] || [ -f "$d/note.txt" ] || why="${why:+$why; }not graded: the grading of this submission was stopped"
        printf ',%s,' "$total"; csv "$why"; printf '\n'
    done < "$list"
} > "$out/grades.csv"
n=$(wc -l < "$list")
# the report: per blank, passes and the mistakes counted
{
    echo "# Grades: $n submissions"
    echo
    echo "Graded in $(( $(date +%s) - start )) s, $jobs at a time. Each blank is worth 1 point."
    if ls "$out"/students/*/network > /dev/null 2>&1; then
        echo "The network could not be cut off here (unshare -n is not allowed): the checks ran with it."
    else
        echo "The checks ran without network."
    fi
    if ls "$out"/students/*/same-user > /dev/null 2>&1; then
        echo "The checks ran as you: a hostile submission could change your files. Grade a class you do not trust as root (the checks then run as nobody) or in a container."
    else
        echo "The checks ran as the user nobody."
    fi
    [ -z "$skipped" ] || echo "Skipped: $(printf '%s' "$skipped" | wc -w) entries whose names hold a line break."
    echo
    echo "| blank | passed | the mistakes recognised |"
    echo "| --- | --- | --- |"
    for b in $blanks; do
        pass=$(cat "$out"/students/*/blanks.tsv 2> /dev/null | awk -F'\t' -v b="$b" '$1 == b && $2 == 1' | wc -l)
        ms=$(cat "$out"/students/*/blanks.tsv 2> /dev/null | awk -F'\t' -v b="$b" '$1 == b && $4 != "" { print $4 }' |
             sort | uniq -c | sort -rn | awk -v n="$n" '{ c = $1; $1 = ""; printf "%s%d of %d:%s", (NR > 1 ? "; " : ""), c, n, $0 }' |
             sed 's/|/\\|/g')
        echo "| $b | $pass of $n | ${ms:-none} |"
        printf '%s %s\n' "$b" "$pass" >> "$out/.passes"
    done
    echo
    echo "![Passes per blank](report.png)"
    echo
    echo "The table per student is grades.csv; each student's results.json (Gradescope's format) is in students/NAME/."
} > "$out/report.md"
if command -v gnuplot > /dev/null; then
    gnuplot -e "set terminal pngcairo size 900,500 font 'Sans,12' noenhanced; set output '$out/report.png';
        set style fill solid 0.8 border rgb '#333333'; set boxwidth 0.7; set yrange [0:$n];
        set title 'Submissions that pass each blank ($n in all)'; set ylabel 'passed';
        set xtics rotate by -30; set grid ytics; unset key;
        plot '$out/.passes' using 0:2:xtic(1) with boxes lc rgb '#0072b2'" 2> /dev/null ||
        echo "grade: gnuplot could not draw report.png" >&2
fi
rm -f "$out/.passes" "$list"
echo "grade: $n submissions in $(( $(date +%s) - start )) s: $out/grades.csv, $out/report.md"
