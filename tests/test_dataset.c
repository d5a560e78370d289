/* test_dataset.c — data files: the formats users bring, and every error. */
#include "emlab_test.h"
#include <stdlib.h>
#include <string.h>

/* Read TEXT as a data file; returns the status, message in err. */
static em_status read_text(const char *text, em_dataset *ds, char *err, size_t errlen,
                           const char **path_out)
{
    const char *dir = make_tmpdir();
    const char *path = write_file(dir, "data.txt", text);
    em_status st = em_dataset_read(path, ds, err, errlen);
    *path_out = path;
    return st;
}

START_TEST(test_reads_whitespace_commas_comments_header)
{
    em_dataset ds;
    char err[512];
    const char *path;
    const char *text = "# Old Faithful, a few rows\n"
                       "eruptions,waiting\n"
                       "\n"
                       "3.6, 79\n"
                       "1.8 54   # a short one\n"
                       "  3.333\t74\r\n";
    ck_assert_msg(read_text(text, &ds, err, sizeof err, &path) == EM_OK, "%s", err);
    ck_assert_uint_eq(ds.n, 3);
    ck_assert_uint_eq(ds.d, 2);
    ck_assert_str_eq(ds.names[0], "eruptions");
    ck_assert_str_eq(ds.names[1], "waiting");
    double want[6] = {3.6, 79, 1.8, 54, 3.333, 74};
    for (int v = 0; v < 6; v++)
        ck_assert_double_eq(ds.x[v], want[v]);
    em_dataset_free(&ds);
}
END_TEST

START_TEST(test_reads_one_column_without_header)
{
    em_dataset ds;
    char err[512];
    const char *path;
    ck_assert_int_eq(read_text("-3\n-2.5\n1e-3\n+4\n", &ds, err, sizeof err, &path), EM_OK);
    ck_assert_uint_eq(ds.n, 4);
    ck_assert_uint_eq(ds.d, 1);
    ck_assert_ptr_null(ds.names);
    ck_assert_double_eq(ds.x[2], 1e-3);
    em_dataset_free(&ds);
}
END_TEST

/* TEXT fails with status st and "PATH:LINE: want" (LINE 0: no line). */
static void expect_error(const char *text, em_status st, int line, const char *want)
{
    em_dataset ds;
    char err[512] = "", prefix[600];
    const char *path;
    ck_assert_int_eq(read_text(text, &ds, err, sizeof err, &path), st);
    if (line)
        snprintf(prefix, sizeof prefix, "%s:%d: %s", path, line, want);
    else
        snprintf(prefix, sizeof prefix, "%s: %s", path, want);
    ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0, "got '%s', expected '%s...'", err,
                  prefix);
    ck_assert_ptr_null(ds.x);
}

START_TEST(test_error_not_a_number)
{
    expect_error("1 2\n3 abc\n", EM_EPARSE, 2, "column 2: 'abc' is not a number");
    expect_error("x y\n1 2\n3 4;5\n", EM_EPARSE, 3, "column 2: '4;5' is not a number");
}
END_TEST

START_TEST(test_error_mixed_header_is_a_bad_number)
{
    expect_error("x 2\n1 2\n", EM_EPARSE, 1, "column 1: 'x' is not a number");
}
END_TEST

START_TEST(test_error_wrong_number_of_columns)
{
    expect_error("1 2\n3 4\n5\n", EM_EPARSE, 3, "1 column, expected 2 (as on line 1)");
    expect_error("# c\n1 2\n3 4 5\n", EM_EPARSE, 3, "3 columns, expected 2 (as on line 2)");
    expect_error("a b c\n1 2\n", EM_EPARSE, 2, "2 columns, but the header names 3");
}
END_TEST

START_TEST(test_error_nan_and_inf)
{
    expect_error("1 2\nnan 4\n", EM_ENONFINITE, 2, "column 1: 'nan' is not a finite number");
    expect_error("1 2\n3 -inf\n", EM_ENONFINITE, 2, "column 2: '-inf' is not a finite number");
    expect_error("1 2\n3 1e999\n", EM_ENONFINITE, 2, "column 2: '1e999' is not a finite number");
}
END_TEST

START_TEST(test_error_empty_file_and_empty_field)
{
    expect_error("", EM_EPARSE, 0, "no data points");
    expect_error("# only a comment\n\n", EM_EPARSE, 0, "no data points");
    expect_error("x,y\n", EM_EPARSE, 0, "no data points");
    expect_error("1,,2\n", EM_EPARSE, 1, "column 2 is empty");
}
END_TEST

START_TEST(test_error_missing_file)
{
    em_dataset ds;
    char err[512];
    ck_assert_int_eq(em_dataset_read("/nonexistent/points.csv", &ds, err, sizeof err), EM_EIO);
    ck_assert_str_eq(err, "/nonexistent/points.csv: cannot open: No such file or directory");
}
END_TEST

START_TEST(test_error_binary_file)
{
    const char *dir = make_tmpdir();
    char path[600], err[512];
    snprintf(path, sizeof path, "%s/bin.dat", dir);
    FILE *f = fopen(path, "wb");
    fwrite("1 2\n3\0 4\n", 1, 9, f);
    fclose(f);
    em_dataset ds;
    ck_assert_int_eq(em_dataset_read(path, &ds, err, sizeof err), EM_EIO);
    ck_assert_ptr_nonnull(strstr(err, ":2: contains a NUL byte"));
}
END_TEST

START_TEST(test_write_then_read_is_exact)
{
    const char *dir = make_tmpdir();
    char path[600], err[512];
    snprintf(path, sizeof path, "%s/points.txt", dir);
    double x[6] = {0.1, -1.0 / 3, 1e-300, 12345.678901234567, -0.0, 2.0 / 7};
    char *names[2] = {"a", "b"};
    ck_assert_int_eq(em_dataset_write(path, x, 3, 2, names, err, sizeof err), EM_OK);
    em_dataset ds;
    ck_assert_int_eq(em_dataset_read(path, &ds, err, sizeof err), EM_OK);
    ck_assert_uint_eq(ds.n, 3);
    ck_assert_str_eq(ds.names[1], "b");
    ck_assert_mem_eq(ds.x, x, sizeof x);
    em_dataset_free(&ds);
    /* an unwritable place: an error, and no file */
    ck_assert_int_eq(em_dataset_write("/nonexistent/dir/p.txt", x, 3, 2, NULL, err, sizeof err),
                     EM_EIO);
    ck_assert_ptr_nonnull(strstr(err, "cannot write"));
}
END_TEST

START_TEST(test_check_finite_finds_the_first)
{
    double x[4] = {1, 2, INFINITY, NAN};
    size_t where = 99;
    ck_assert_int_eq(em_check_finite(x, 2, &where), EM_OK);
    ck_assert_int_eq(em_check_finite(x, 4, &where), EM_ENONFINITE);
    ck_assert_uint_eq(where, 2);
}
END_TEST

Suite *dataset_suite(void)
{
    Suite *s = suite_create("dataset");
    TCase *tc = tcase_create("files");
    tcase_add_test(tc, test_reads_whitespace_commas_comments_header);
    tcase_add_test(tc, test_reads_one_column_without_header);
    tcase_add_test(tc, test_error_not_a_number);
    tcase_add_test(tc, test_error_mixed_header_is_a_bad_number);
    tcase_add_test(tc, test_error_wrong_number_of_columns);
    tcase_add_test(tc, test_error_nan_and_inf);
    tcase_add_test(tc, test_error_empty_file_and_empty_field);
    tcase_add_test(tc, test_error_missing_file);
    tcase_add_test(tc, test_error_binary_file);
    tcase_add_test(tc, test_write_then_read_is_exact);
    tcase_add_test(tc, test_check_finite_finds_the_first);
    suite_add_tcase(s, tc);
    return s;
}
