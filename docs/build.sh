#!/bin/sh
# build.sh BUILD OUT [open]: the tutorial, woven from the chapters, as HTML
# in OUT. Each chapter page: the prose of its comments, its code between,
# and what it printed and drew (run now, so they are the current ones),
# each piece after the step that makes it (weave.awk's markers). Then the
# hand-written pages. Every page links the previous and the next one in
# course order, by title. Formulas are MathML: nothing is fetched when a
# page is opened. With "open" as the third argument the exercises'
# solutions are shown unfolded (the lecturer's edition).
set -eu
build=$1
out=$2
solutions=${3:-}
case $solutions in
    ''|open) ;;
    *) echo "docs: SOLUTIONS=$solutions: it is SOLUTIONS=open (the lecturer's edition) or nothing" >&2
       exit 2 ;;
esac
here=$(dirname "$0")
mkdir -p "$out"
cp "$here/style.css" "$out/style.css"

# The course, in order: the chapters, then the pages that follow them.
course="$(ls chapters/[0-9][0-9]_*.c | sort | sed 's|.*/||; s|\.c$||') math workbook emlab figures"
title() { # page name: its title, from its first heading
    case $1 in
        [0-9][0-9]_*) sed -n 's/^ \* # //p' "chapters/$1.c" | head -1 ;;
        *) sed -n 's/^# //p' "$here/$1.md" | head -1 ;;
    esac
}
render() { # markdown file, html file, title: the page appears whole or not at all
    pandoc --standalone --mathml --from markdown+tex_math_dollars --to html5 \
        --css style.css --metadata pagetitle="$3 - emlab" "$1" -o "$2.tmp"
    mv "$2.tmp" "$2"
}
nav() { # prev next [this page]: a chapter's page also opens it in the lab
    printf '<nav class="course">\n[Course map](index.html)'
    [ -n "$1" ] && printf ' · [← %s](%s.html)' "$(title "$1")" "$1"
    [ -n "$2" ] && printf ' · [%s →](%s.html)' "$(title "$2")" "$2"
    case ${3:-} in
        [0-9][0-9]_*) printf ' · [▶&nbsp;Try this in the lab](lab.html#%s "its data and its start, to step by hand")' "$3" ;;
    esac
    printf '\n</nav>\n\n'
}
chapter() { # name: the page's Markdown on stdout
    src=chapters/$1.c
    rm -rf "$out/$1"
    if ! "$build/$1" --out "$out/$1" > "$out/$1.out" 2> "$out/$1.err"; then
        echo "docs: $build/$1 failed:" >&2
        cat "$out/$1.err" >&2
        return 1
    fi
    # every figure but the frames of a panel or an animation (the drivers
    # that load them show them) must be placed
    frames=$(cd "$out/$1" && sed -n "s/^emlab_frame = .*//; s/^load '\(.*\)\.gp'$/\1.png/p" *.gp 2> /dev/null | sort -u)
    figures=$(cd "$out/$1" && ls *.png *.gif 2> /dev/null | grep -v '^iter_' | sort | tr '\n' ' ')
    awk -f "$here/weave.awk" -v checksum="$(cksum < "$src" | cut -d' ' -f1)" -v source="$src" \
        -v printed="$out/$1.out" -v figdir="$1" -v figures="$figures" \
        -v frames="$(echo $frames)" \
        -v solutions="$solutions" "$src"
}
prev=""
set -- $course
for name in $course; do
    shift
    next=${1:-}
    rm -f "$out/$name.html" # a page that fails to build must not stay behind, old
    {
        nav "$prev" "$next" "$name"
        case $name in
            [0-9][0-9]_*) chapter "$name" ;;
            *) cat "$here/$name.md" ;;
        esac
        printf '\n'
        nav "$prev" "$next" "$name"
    } > "$out/$name.md.tmp"
    mv "$out/$name.md.tmp" "$out/$name.md"
    render "$out/$name.md" "$out/$name.html" "$(title "$name")"
    prev=$name
done
{ cat "$here/index.md"; printf '\n'; nav "" "$(echo $course | cut -d' ' -f1)"; } > "$out/index.md.tmp"
mv "$out/index.md.tmp" "$out/index.md"
render "$out/index.md" "$out/index.html" "$(title index)"
echo "docs: $(ls "$out"/*.html | wc -l) pages in $out/ (open $out/index.html)"
