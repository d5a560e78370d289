# embed.awk — turn plots/*.gp into C strings for the library (see
# src/plot_sources.h). Usage: awk -f plots/embed.awk plots/*.gp > plot_sources.c
BEGIN {
    print "/* Generated from the files of plots/ by plots/embed.awk: do not edit. */"
    print "#include <stddef.h>"
    print "#include \"plot_sources.h\""
    print "const em_plot_file em_plot_files[] = {"
    open = 0
}
FNR == 1 {
    if (open) print "    },"
    name = FILENAME
    sub(/.*\//, "", name)
    printf "    {\"%s\",\n", name
    open = 1
}
{
    line = $0
    gsub(/\\/, "&&", line)
    gsub(/"/, "\\\"", line)
    printf "     \"%s\\n\"\n", line
}
END {
    if (open) print "    },"
    print "    {NULL, NULL}"
    print "};"
}
