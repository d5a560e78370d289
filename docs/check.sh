#!/bin/sh
# check.sh OUT: the tutorial is whole and current. Fails (exit 1) when a
# chapter has no page, a page's code is not the chapter's current source
# (its recorded checksum differs: run make docs), an image or a link on
# any page does not resolve, or, measured in headless Chromium, a page is
# wider than a 390 px phone screen. Screenshots of every page at 390 and
# 1280 px go to OUT/shots/ for a reviewer.
set -u
out=$1
bad=0
say() { echo "docs-check: $*" >&2; bad=1; }
[ -f "$out/index.html" ] || { say "no $out/index.html: run make docs"; exit 1; }
for src in chapters/[0-9][0-9]_*.c; do
    name=$(basename "$src" .c)
    page="$out/$name.html"
    if [ ! -f "$page" ]; then say "$src has no page $page"; continue; fi
    want=$(cksum < "$src" | cut -d' ' -f1)
    got=$(sed -n 's/.*emlab-source: [^ ]* cksum \([0-9]*\).*/\1/p' "$out/$name.md" | head -1)
    [ "$want" = "$got" ] || say "$page shows an old $src (run make docs)"
done
for page in "$out"/*.html; do
    for ref in $(grep -o -E '(src|href)="[^"#]+' "$page" | sed 's/^[a-z]*="//' | sort -u); do
        case $ref in
            http://*|https://*|mailto:*) say "$page links outside: $ref (pages must work offline)" ;;
            *) [ -e "$out/$ref" ] || say "$page: $ref does not resolve" ;;
        esac
    done
done
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    say "no chromium to measure the pages in (make deps-docs installs it)"
else
    abs=$(cd "$out" && pwd)
    pages=$(cd "$out" && ls ./*.html | sed 's|^\./||' | tr '\n' ',' | sed 's/,$//')
    cp docs/narrow.html "$out/.narrow.html"
    result=$(timeout 180 "$browser" --headless --no-sandbox --disable-gpu \
        --allow-file-access-from-files --virtual-time-budget=30000 \
        --dump-dom "file://$abs/.narrow.html#$pages" 2>/dev/null |
        sed -n 's/.*data-result="\([^"]*\)".*/\1/p')
    rm -f "$out/.narrow.html"
    [ -n "$result" ] || say "chromium measured no page"
    for r in $(echo "$result" | tr ';' ' '); do
        case $r in
            *=wide:*) say "${r%%=*} is ${r##*:} px wide at 390 px: it scrolls sideways" ;;
        esac
    done
    mkdir -p "$out/shots"
    for page in "$out"/*.html; do
        name=$(basename "$page" .html)
        for w in 390 1280; do
            timeout 60 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
                --window-size=$w,2400 --screenshot="$abs/shots/$name-$w.png" \
                "file://$abs/$name.html" >/dev/null 2>&1
        done
    done
fi
[ $bad -eq 0 ] && echo "docs-check: $(ls "$out"/*.html | wc -l) pages, every chapter current, every link and figure resolves, none wider than a 390 px screen (screenshots in $out/shots/)"
exit $bad
