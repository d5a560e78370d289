# embed.awk — turn plots/*.gp into C strings for the library (see
# src/plot_sources.h). Usage: awk -f plots/embed.awk plots/*.gp > plot_sources.c
# Each file becomes an array of character codes (a string literal longer
# than 4095 characters is beyond what C guarantees), then the table.
BEGIN {
    print "/* Generated from the files of plots/ by plots/embed.awk: do not edit. */"
    print "#include <stddef.h>"
    print "#include \"plot_sources.h\""
    for (c = 1; c < 256; c++) code[sprintf("%c", c)] = c
    n = 0
}
function close_file() {
    if (n) printf "10, 0};\n"
}
FNR == 1 {
    close_file()
    name[++n] = FILENAME
    sub(/.*\//, "", name[n])
    printf "static const unsigned char file%d[] = {", n
    first = 1
}
{
    if (!first) printf "10,"
    first = 0
    for (i = 1; i <= length($0); i++) {
        if (i % 24 == 1) printf "\n   "
        printf " %d,", code[substr($0, i, 1)]
    }
    printf "\n   "
}
END {
    close_file()
    print "const em_plot_file em_plot_files[] = {"
    for (i = 1; i <= n; i++) printf "    {\"%s\", (const char *)file%d},\n", name[i], i
    print "    {NULL, NULL}"
    print "};"
}
