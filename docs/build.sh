#!/bin/sh
# build.sh BUILD OUT: the tutorial, woven from the chapters, as HTML in OUT.
# Each chapter page: the prose of its comments, its code between, what it
# printed and its figures (run now, so they are the current ones). Then the
# hand-written pages. Formulas are MathML: nothing is fetched when a page is
# opened.
set -eu
build=$1
out=$2
here=$(dirname "$0")
mkdir -p "$out"
cp "$here/style.css" "$out/style.css"

chapters=$(ls chapters/[0-9][0-9]_*.c | sort)
prev=""
set -- $chapters
render() { # markdown file, html file, title
    pandoc --standalone --mathml --from markdown+tex_math_dollars --to html5 \
        --css style.css --metadata pagetitle="$3 - emlab" "$1" -o "$2"
}
nav() { # prev next
    printf '[Course map](index.html)'
    [ -n "$1" ] && printf ' · [← %s](%s.html)' "$1" "$1"
    [ -n "$2" ] && printf ' · [%s →](%s.html)' "$2" "$2"
    printf '\n\n'
}
for src in $chapters; do
    name=$(basename "$src" .c)
    shift
    next=""
    [ $# -gt 0 ] && next=$(basename "$1" .c)
    rm -rf "$out/$name"
    "$build/$name" --out "$out/$name" > "$out/$name.out" 2> /dev/null
    sum=$(cksum < "$src" | cut -d' ' -f1)
    {
        nav "$prev" "$next"
        awk -f "$here/weave.awk" -v checksum="$sum" -v FILENAME_HINT="$src" "$src"
        printf '\n## What it prints\n\n`%s` prints:\n\n```text\n' "build/$name"
        cat "$out/$name.out"
        printf '```\n\n## Its figures\n\n'
        for fig in $(cd "$out/$name" && ls *.png *.gif 2> /dev/null | grep -v '^iter_' | sort); do
            printf '![%s](%s/%s)\n\n' "$fig" "$name" "$fig"
        done
        nav "$prev" "$next"
    } > "$out/$name.md"
    render "$out/$name.md" "$out/$name.html" "$name"
    prev=$name
done
for page in index math workbook emlab figures; do
    { cat "$here/$page.md"; printf '\n\n[Course map](index.html)\n'; } > "$out/$page.md"
    render "$out/$page.md" "$out/$page.html" "$page"
done
echo "docs: $(ls "$out"/*.html | wc -l) pages in $out/ (open $out/index.html)"
