# weave.awk: a chapter's source as a tutorial page, in Markdown.
#
#   awk -f docs/weave.awk -v checksum=N chapters/NN_name.c > NN_name.md
#
# A comment block that opens with "/*" alone at the start of a line is the
# chapter's prose: its lines lose their leading " * " and become Markdown.
# Everything else is code and goes into ```c blocks, in order. The page
# records the source's checksum (cksum) so `make docs-check` can tell when
# a chapter changed and its page did not.
BEGIN { prose = 0; ncode = 0; print "<!-- emlab-source: " FILENAME_HINT " cksum " checksum " -->" }
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
}
prose == 0 && /^\/\*$/ { flush_code(); prose = 1; next }
prose == 1 && /^ \*\/$/ { prose = 0; print ""; next }
prose == 1 {
    line = $0
    sub(/^ \* ?/, "", line)
    if (line == " *" || line == "*") line = ""
    print line
    next
}
{ code[++ncode] = $0 }
END { flush_code() }
