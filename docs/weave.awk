# weave.awk: a chapter's source as a tutorial page, in Markdown.
#
#   awk -f docs/weave.awk -v checksum=N -v source=chapters/NN_name.c \
#       -v printed=FILE -v figdir=NN_name -v figures="a.png b.gif" \
#       [-v solutions=open] chapters/NN_name.c > NN_name.md
#
# A comment block that opens with "/*" alone at the start of a line is the
# chapter's prose: its lines lose their leading " * " and become Markdown
# (TeX between $ signs becomes MathML). Everything else is code and goes
# into ```c blocks, in order. In the prose, three markers, each at the start
# of a line:
#
#   @output [N]            the next N paragraphs (1 if no N) of what the
#                          program printed (FILE), here
#   @figure NAME: caption  the figure figdir/NAME here, under its caption
#                          (the caption runs on to the next blank line)
#   ## How the figures are drawn
#                          a heading that folds what follows, up to the
#                          next ## heading, in a closed <details>
#
# A solution region (/* BEGIN SOLUTION name */ ... /* END SOLUTION */) is
# shown as the workbook shows it, a blank, followed by an exercise box with
# the solution folded in a closed <details> (open with solutions=open, the
# lecturer's edition). Every paragraph of the output and every figure in
# `figures` must be placed (but those in `frames`, which a panel or an
# animation shows), and every placed figure must exist: otherwise
# the page is not written (exit 1) and the message says what is missing.
# The page records the source's checksum (cksum) so `make docs-check` can
# tell when a chapter changed and its page did not.
BEGIN {
    prose = 0; ncode = 0; nsol = 0; folded = 0; caption = ""; failed = 0
    print "<!-- emlab-source: " source " cksum " checksum " -->"
    npar = 0; used = 0
    if (printed != "") {
        npar = 1; par[1] = ""
        while ((getline line < printed) > 0) {
            if (line == "") { if (par[npar] != "") par[++npar] = ""; continue }
            par[npar] = par[npar] line "\n"
        }
        if (par[npar] == "") npar--
    }
    nfig = split(figures, fig, " ")
    for (i = 1; i <= nfig; i++) wanted[fig[i]] = 1
    nframe = split(frames, frame_list, " ")
    for (i = 1; i <= nframe; i++) is_frame[frame_list[i]] = 1
}
function fail(msg) { print source ": " msg > "/dev/stderr"; failed = 1 }
# The blank as the workbook shows it (workbook.c's emit(), word for word).
function blank(indent, name) {
    code[++ncode] = indent "/* BLANK " name ": your code goes here (the comments above say what it"
    code[++ncode] = indent " * computes). Check it: make check-exercise B=" name
    code[++ncode] = indent " * Stuck? make hint B=" name " */"
    code[++ncode] = indent "em_blank(\"" name "\");"
    code[++ncode] = indent "/* END BLANK " name " */"
}
function exercise(s,   i) {
    print "<div class=\"exercise\">\n"
    print "**Exercise: `" solname[s] "`.** In your workbook (`make exercise`) this is a"
    print "blank: write the code that the formula above describes. `make check-exercise"
    print "B=" solname[s] "` checks it and names the first number that is wrong; `make hint"
    print "B=" solname[s] "` gives a hint, a bigger one each time you ask.\n"
    print "<details class=\"solution\"" (solutions == "open" ? " open" : "") ">"
    print "<summary>Show the solution</summary>\n"
    print "```c"
    printf "%s", sol[s]
    print "```\n"
    print "</details>\n</div>\n"
}
function flush_code(   i, first, last) {
    first = 1; last = ncode
    while (first <= last && code[first] ~ /^[ \t]*$/) first++
    while (last >= first && code[last] ~ /^[ \t]*$/) last--
    if (first <= last) {
        print "\n```c"
        for (i = first; i <= last; i++) print code[i]
        print "```\n"
    }
    ncode = 0
    for (i = 1; i <= nsol; i++) exercise(i)
    nsol = 0
}
function end_caption() {
    if (caption == "") return
    sub(/[ ]+$/, "", caption)
    # the image links to itself at full size; the caption under it
    print "::: figure\n[![" caption "](" figdir "/" capfig ")](" figdir "/" capfig ")\n"
    print "::: caption\n" caption "\n:::\n:::\n"
    caption = ""
}
function fold_close() { if (folded) { print "\n</details>\n"; folded = 0 } }
function output(n,   k) {
    if (n == "") n = 1
    if (used + n > npar) { fail("@output " n ": the program printed only " npar " paragraphs, " used " placed already"); return }
    print "\n```{.text .output}"
    lines = 0
    for (k = 1; k <= n; k++) { printf "%s", par[++used]; lines += gsub(/\n/, "&", par[used]) }
    print "```\n"
    if (lines > 25) print "<p class=\"scrollnote\">(" lines " lines: the box scrolls)</p>\n"
}
# --- prose --------------------------------------------------------------
prose == 0 && /^\/\*$/ { flush_code(); prose = 1; prose_line = NR; next }
prose == 1 && /^ \*\/$/ { end_caption(); prose = 0; print ""; next }
prose == 1 && /\*\// { fail(NR ": a prose comment ends with */ alone on its line, as ' */'"); prose = 0; next }
prose == 1 {
    line = $0
    sub(/^ \* ?/, "", line)
    if (line == " *" || line == "*") line = ""
    if (caption != "") {
        if (line == "" || line ~ /^[@#]/) end_caption()
        else { caption = caption " " line; next }
    }
    if (line ~ /^@output( [0-9]+)?$/) {
        n = line; sub(/^@output ?/, "", n)
        if (n != "" && n + 0 < 1) fail(NR ": @output 0 places nothing (@output N, N at least 1)")
        else output(n)
        next
    }
    if (line ~ /^@figure [^ :]+: /) {
        capfig = line; sub(/^@figure /, "", capfig); sub(/:.*/, "", capfig)
        caption = line; sub(/^@figure [^ :]+: /, "", caption)
        if (!(capfig in wanted)) fail("@figure " capfig ": the program drew no such figure")
        placed[capfig] = 1
        next
    }
    if (line ~ /^@/) { fail("unknown marker: " line); next }
    if (line ~ /^## /) {
        fold_close()
        if (line == "## How the figures are drawn") {
            print "<details class=\"fold\">\n<summary>How the figures are drawn</summary>\n"
            folded = 1
            next
        }
    }
    print line
    next
}
# --- code ---------------------------------------------------------------
# The markers as src/workbook.c reads them: alone on their line, the name
# (for END, optional) between the words and the comment's end.
/^[ \t]*\/\* BEGIN SOLUTION *[A-Za-z_0-9]+ *\*\/$/ {
    indent = $0; sub(/\/\*.*/, "", indent)
    name = $0; sub(/^[ \t]*\/\* BEGIN SOLUTION */, "", name); sub(/ *\*\/$/, "", name)
    nsol++; solname[nsol] = name; sol[nsol] = ""
    blank(indent, name)
    start = NR; closed = 0
    while ((getline line) > 0) {
        if (line ~ /^[ \t]*\/\* END SOLUTION *[A-Za-z_0-9]* *\*\/$/) { closed = 1; break }
        if (line ~ /(BEGIN|END) SOLUTION/) { fail(NR ": a SOLUTION marker inside the blank opened on line " start); break }
        if (substr(line, 1, length(indent)) == indent) line = substr(line, length(indent) + 1)
        sol[nsol] = sol[nsol] line "\n"
    }
    if (!closed && !failed) fail(start ": BEGIN SOLUTION " name " is never closed")
    next
}
/(BEGIN|END) SOLUTION/ { fail(FNR ": a SOLUTION marker must stand alone on its line: /* BEGIN SOLUTION name */ or /* END SOLUTION */") }
{ code[++ncode] = $0 }
END {
    if (prose) fail(prose_line ": the prose comment opened here is never closed")
    flush_code()
    fold_close()
    if (used < npar) fail("what it printed has " npar " paragraphs and only " used " are placed (add @output to the prose)")
    for (i = 1; i <= nfig; i++)
        if (!(fig[i] in placed) && !(fig[i] in is_frame)) fail("figure " fig[i] " is drawn but not placed (add @figure " fig[i] ": caption)")
    if (failed) exit 1
}
