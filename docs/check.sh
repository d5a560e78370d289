#!/bin/sh
# check.sh OUT: the tutorial is whole and current. Fails (exit 1) when a
# chapter has no page, a page's code is not the chapter's current source
# (its recorded checksum differs: run make docs), or an image or a link on
# any page does not resolve.
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
[ $bad -eq 0 ] && echo "docs-check: $(ls "$out"/*.html | wc -l) pages, every chapter current, every link and figure resolves"
exit $bad
