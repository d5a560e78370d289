# student.awk -v out=DIR FILE... — the student's blanks for the lab
# (make lab STUDENT=1). For each blank of the workbook's chapters in FILEs,
# DIR/NAME.inc holds what the student wrote between "/* BLANK NAME:" and
# "/* END BLANK NAME */", under a #line naming their file and line (so the
# compiler's messages point there), and DIR/filled.h says which blanks are
# filled: FILLED_NAME is 1 unless the blank still calls em_blank("NAME").
# A blank whose END line is gone stops the build with a message. On the
# course's own chapters (BEGIN SOLUTION markers) it gives the solutions,
# which is how the tests hold the student's lab to the library's.
function finish(    f) {
    if (name == "")
        return
    printf "#define FILLED_%s %d\n", name, !untouched >> (out "/filled.h.tmp")
    close(out "/" name ".inc")
    seen[name] = 1
    name = ""
}
BEGIN { printf "/* made by web/build/student.awk from the workbook: do not edit */\n" > (out "/filled.h.tmp") }
FNR == 1 && name != "" {
    printf "%s: the blank %s has lost its END BLANK line (make reset B=%s YES=1 restores it)\n", \
        prev_file, name, name > "/dev/stderr"
    bad = 1
    exit 1
}
/^[ \t]*\/\* END (BLANK [a-z_0-9]+|SOLUTION) \*\// {
    if (name == "") next
    finish()
    next
}
/^[ \t]*\/\* (BLANK [a-z_0-9]+:|BEGIN SOLUTION [a-z_0-9]+ \*\/)/ {
    finish()
    name = $0
    sub(/^[ \t]*\/\* (BLANK|BEGIN SOLUTION) /, "", name)
    sub(/[: ].*/, "", name)
    untouched = 0
    printf "#line %d \"%s\"\n", FNR, FILENAME > (out "/" name ".inc")
}
name != "" {
    if (index($0, "em_blank(\"" name "\")"))
        untouched = 1
    print > (out "/" name ".inc")
    prev_file = FILENAME
}
END {
    if (bad)
        exit 1
    if (name != "") {
        printf "%s: the blank %s has lost its END BLANK line (make reset B=%s YES=1 restores it)\n", \
            prev_file, name, name > "/dev/stderr"
        exit 1
    }
    n = split("e_step m_step_mu m_step_sigma m_step_pi covariance", want, " ")
    for (i = 1; i <= n; i++)
        if (!(want[i] in seen)) {
            printf "#define FILLED_%s 0\n", want[i] >> (out "/filled.h.tmp")
            printf "" > (out "/" want[i] ".inc")
        }
    close(out "/filled.h.tmp")
    system("mv '" out "/filled.h.tmp' '" out "/filled.h'")
}
