#!/bin/sh
# check.sh OUT: the tutorial is whole and current. Fails (exit 1) when a
# chapter has no page, a page's code is not the chapter's current source
# (its recorded checksum differs: run make docs), an image or a link on
# any page does not resolve, or, looked at in headless Chromium (see
# narrow.html): a page is wider than a 390 px phone screen, an image does
# not load, a chapter page has no typeset formula, a folded solution can be
# read without opening it, or the prose has mathematics in ASCII.
# Screenshots of every page at 390 and 1280 px go to OUT/shots/ for a
# reviewer.
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
    got=$(sed -n 's/.*emlab-source: [^ ]* cksum \([0-9]*\).*/\1/p' "$page" | head -1)
    [ "$want" = "$got" ] || say "$page shows an old $src (run make docs)"
done
for page in "$out"/*.html; do
    for ref in $(grep -o -E 'href="[^"#]*#[^"]+' "$page" | sed 's/^href="//' | sort -u); do
        target=${ref%%#*}
        [ -n "$target" ] || target=$(basename "$page")
        if [ "$target" = lab.html ]; then # the lab's #NAME opens its preset NAME
            grep -q "\"id\":\"${ref#*#}\"" "$out/lab-presets.js" 2>/dev/null ||
                say "$page: $ref: the lab has no preset ${ref#*#}"
            continue
        fi
        [ -f "$out/$target" ] && ! grep -q "id=\"${ref#*#}\"" "$out/$target" &&
            say "$page: $ref: $target has no section ${ref#*#}"
    done
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
    # each chapter's giveaways: the lines of its solutions its code shows
    # nowhere else (narrow.html looks for them on every page)
    for src in chapters/[0-9][0-9]_*.c; do
        awk -v name="$(basename "$src" .c)" '
            function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
            /^[ \t]*\/\* BEGIN SOLUTION/ { inside = 1; next }
            /^[ \t]*\/\* END SOLUTION/ { inside = 0; next }
            { l = trim($0); if (l == "") next
              if (inside) { if (!(l in sol)) order[++n] = l; sol[l] = 1 } else shown[l] = 1 }
            END {
                printf "giveaways[\"%s\"] = [", name
                for (i = 1; i <= n; i++) {
                    l = order[i]
                    if (l in shown || l ~ /^[{}();]*$/) continue
                    gsub(/\\/, "\\\\", l); gsub(/"/, "\\\"", l)
                    printf "%s\"%s\"", (k++ ? ", " : ""), l
                }
                print "];"
            }' "$src"
    done > "$out/.solutions.body"
    { echo "var giveaways = {};"; cat "$out/.solutions.body"; } > "$out/.solutions.js"
    rm -f "$out/.solutions.body"
    result=$(timeout 180 "$browser" --headless --no-sandbox --disable-gpu \
        --allow-file-access-from-files --virtual-time-budget=30000 \
        --dump-dom "file://$abs/.narrow.html#$pages" 2>/dev/null |
        sed -n 's/.*data-result="\([^"]*\)".*/\1/p')
    rm -f "$out/.narrow.html" "$out/.solutions.js"
    [ -n "$result" ] || say "chromium measured no page"
    # one page a line: NAME=ok, or NAME=problem|problem... (narrow.html)
    echo "$result" | tr ';' '\n' | sed 's/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' > "$out/.inspected"
    while IFS= read -r r; do
        page=${r%%=*}
        echo "${r#*=}" | tr '|' '\n' | while IFS= read -r p; do
            case $p in
                ok) ;;
                wide:*) echo "docs-check: $page is ${p#wide:} px wide at 390 px: it scrolls sideways" ;;
                img:*) echo "docs-check: $page: the image ${p#img:} does not load" ;;
                scrollbar:*) echo "docs-check: $page: the image ${p#scrollbar:} is wider than its paragraph (a scrollbar under it)" ;;
                nomath) echo "docs-check: $page has no typeset formula (TeX between \$ signs in the chapter's comments)" ;;
                open:*) echo "docs-check: note: $page is the lecturer's edition: ${p#open:} solutions open" >&2 ;;
                solution:marker) echo "docs-check: $page shows a BEGIN/END SOLUTION marker" ;;
                solution:*) echo "docs-check: $page shows solution code outside its folded <details>: ${p#solution:}" ;;
                ascii:*) echo "docs-check: $page has mathematics in ASCII in its prose (typeset it as TeX): ${p#ascii:}" ;;
                *) echo "docs-check: $page: $p" ;;
            esac
        done
    done < "$out/.inspected" > "$out/.problems"
    rm -f "$out/.inspected"
    if [ -s "$out/.problems" ]; then cat "$out/.problems" >&2; bad=1; fi
    rm -f "$out/.problems"
    mkdir -p "$out/shots"
    for page in "$out"/*.html; do
        name=$(basename "$page" .html)
        for w in 390 1280; do
            timeout 60 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
                --window-size=$w,8000 --screenshot="$abs/shots/$name-$w.png" \
                "file://$abs/$name.html" >/dev/null 2>&1
        done
    done
fi
if [ $bad -eq 0 ]; then
    case ${result:-} in
        *open:*) showing="the solutions OPEN: this is the lecturer's edition (make docs without SOLUTIONS=open for students)" ;;
        *) showing="no solution showing" ;;
    esac
    echo "docs-check: $(ls "$out"/*.html | wc -l) pages, every chapter current, every link and figure resolves and loads, none wider than a 390 px screen, every chapter typeset, $showing (screenshots in $out/shots/)"
fi
exit $bad
