/* The C interface, used from C as a client would: open, inspect, convert,
 * validate, and the error paths. Exits non-zero on the first failed check. */
#include <citizensdmx.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(condition)                                                                                  \
    do {                                                                                                  \
        if (!(condition)) {                                                                               \
            fprintf(stderr, "%s:%d: check failed: %s (last error: %s)\n", __FILE__, __LINE__, #condition, \
                    csdmx_last_error());                                                                  \
            ++failures;                                                                                   \
        }                                                                                                 \
    } while (0)

static int has_diagnostic_about(const csdmx_result* result, const char* path) {
    size_t i;
    for (i = 0; i < csdmx_result_diagnostic_count(result); ++i) {
        csdmx_diagnostic d;
        if (csdmx_result_diagnostic(result, i, &d) == CSDMX_OK && strcmp(d.path, path) == 0) return 1;
    }
    return 0;
}

static void count_progress(void* user_data, size_t done, size_t total, const char* package, const char* result) {
    int* calls = (int*)user_data;
    (void)done;
    (void)total;
    if (package != NULL && result != NULL) ++*calls;
}

static void count_lines(void* user_data, const char* line) {
    if (line != NULL && line[0] != '\0') ++*(int*)user_data;
}

int main(int argc, char** argv) {
    char structure_path[4096] = "";
    const char* sample;
    const char* output;
    const char* schemas;
    csdmx_package* package = NULL;
    csdmx_result* result = NULL;
    int qualifies = -1;
    size_t i;

    if (argc != 6) {
        fprintf(stderr, "usage: %s SAMPLE_PACKAGE OUTPUT_DIR SCHEMAS_DIR BAD_PACKAGE RECORDS_PACKAGE\n", argv[0]);
        return 2;
    }
    sample = argv[1];
    output = argv[2];
    schemas = argv[3];

    CHECK(strcmp(csdmx_version(), "0.1.0") == 0);

    /* Wrong calls are refused with a status and a text, never a crash. */
    CHECK(csdmx_package_open(NULL, NULL, &package, &result) == CSDMX_BAD_ARGUMENT);
    CHECK(strlen(csdmx_last_error()) > 0);
    CHECK(csdmx_package_convert(NULL, output, NULL, NULL) == CSDMX_BAD_ARGUMENT);
    {
        const char* bad_options[] = {"NOT_AN_OPTION=1", NULL};
        CHECK(csdmx_package_open(sample, bad_options, &package, &result) == CSDMX_BAD_ARGUMENT);
        CHECK(package == NULL);
        CHECK(strstr(csdmx_last_error(), "NOT_AN_OPTION") != NULL);
        csdmx_result_free(result);
        result = NULL;
    }

    /* A package with bad metadata: every problem comes back as a diagnostic. */
    CHECK(csdmx_package_open(argv[4], NULL, &package, &result) == CSDMX_BAD_INPUT);
    CHECK(package == NULL);
    CHECK(csdmx_result_diagnostic_count(result) >= 2);
    CHECK(has_diagnostic_about(result, "citizen_data.purpose"));
    CHECK(has_diagnostic_about(result, "citizen_data.producer.type"));
    csdmx_result_free(result);
    result = NULL;

    /* The good sample. */
    CHECK(csdmx_package_open(sample, NULL, &package, &result) == CSDMX_OK);
    csdmx_result_free(result);
    result = NULL;
    if (package == NULL) return 1;
    CHECK(csdmx_package_qualifies(package, &qualifies) == CSDMX_OK);
    CHECK(qualifies == 1);
    CHECK(strcmp(csdmx_package_info(package, "producer.id"), "DISABILITY_ACCESS_FORUM") == 0);
    CHECK(csdmx_package_info(package, "no such key") == NULL);

    {
        /* An unknown format is refused, saying which ones there are. */
        const char* bad_format[] = {"FORMAT=sdmx-ml-2.1-ss,sdmx-xls", NULL};
        CHECK(csdmx_package_convert(package, output, bad_format, &result) == CSDMX_BAD_ARGUMENT);
        CHECK(strstr(csdmx_last_error(), "sdmx-json-2.0") != NULL);
        csdmx_result_free(result);
        result = NULL;
    }
    {
        /* Both SDMX-ML 2.1 data messages in one pass, and the structure message. */
        const char* formats[] = {"FORMAT=sdmx-ml-2.1-ss", "FORMAT=sdmx-ml-2.1-generic", NULL};
        CHECK(csdmx_package_convert(package, output, formats, &result) == CSDMX_OK);
    }
    CHECK(strcmp(csdmx_result_value(result, "observations"), "72") == 0);
    CHECK(csdmx_result_output_count(result) == 3);
    {
        char schema_option[4096];
        const char* options[2];
        const char* paths[3];
        csdmx_result* validation = NULL;
        snprintf(schema_option, sizeof schema_option, "SCHEMAS=%s", schemas);
        options[0] = schema_option;
        options[1] = NULL;
        for (i = 0; i < 3 && i < csdmx_result_output_count(result); ++i) paths[i] = csdmx_result_output(result, i);
        CHECK(csdmx_validate_files(paths, 3, options, &validation) == CSDMX_OK);
        CHECK(csdmx_result_file_count(validation) == 3);
        for (i = 0; i < csdmx_result_file_count(validation); ++i) {
            csdmx_file_report report;
            CHECK(csdmx_result_file(validation, i, &report) == CSDMX_OK);
            CHECK(report.valid == 1);
        }
        csdmx_result_free(validation);

        /* A single file that is not SDMX: CSDMX_INVALID, with a diagnostic. */
        CHECK(csdmx_validate_file(sample, options, &validation) != CSDMX_OK);
        CHECK(csdmx_result_diagnostic_count(validation) >= 1);
        csdmx_result_free(validation);
    }
    csdmx_result_free(result);
    csdmx_package_free(package);

    /* Records tabulated: what disclosure control did comes back as values. The
       sample has 411 household records (lines of its CSV) in 5 districts x 2 sexes,
       with totals: 6 x 3 cells; one district has fewer than 10 male-headed households. */
    CHECK(csdmx_package_open(argv[5], NULL, &package, &result) == CSDMX_OK);
    csdmx_result_free(result);
    result = NULL;
    if (package == NULL) return 1;
    CHECK(csdmx_package_convert(package, output, NULL, &result) == CSDMX_OK);
    CHECK(strcmp(csdmx_result_value(result, "records_tabulated"), "411") == 0);
    CHECK(strcmp(csdmx_result_value(result, "cells"), "18") == 0);
    CHECK(strcmp(csdmx_result_value(result, "min_cell_size"), "10") == 0);
    CHECK(strcmp(csdmx_result_value(result, "suppressed_primary"), "1") == 0);
    CHECK(atoi(csdmx_result_value(result, "suppressed_secondary")) >= 1);
    for (i = 0; i < csdmx_result_output_count(result); ++i) {
        if (strstr(csdmx_result_output(result, i), "-structure.xml") != NULL) {
            snprintf(structure_path, sizeof structure_path, "%s", csdmx_result_output(result, i));
        }
    }
    csdmx_result_free(result);
    csdmx_package_free(package);
    csdmx_package_free(NULL);
    csdmx_result_free(NULL);

    {
        /* Batch over the bundled samples' folder (two levels above the sample's
           descriptor), then again: the second run skips everything. */
        char samples[4096];
        char batch_output[4096];
        char ledger[4096];
        char* slash;
        int calls = 0;
        const char* batch_options[] = {"JOBS=2", "FORCE=1", NULL}; /* FORCE: the folder may hold an earlier run */
        const char* rerun_options[] = {"JOBS=2", NULL};
        snprintf(samples, sizeof samples, "%s", sample);
        for (i = 0; i < 2; ++i) {
            slash = strrchr(samples, '/');
            if (slash != NULL) *slash = '\0';
        }
        snprintf(batch_output, sizeof batch_output, "%s/batch", output);
        CHECK(csdmx_batch_convert(samples, batch_output, batch_options, count_progress, &calls, &result) == CSDMX_OK);
        CHECK(strcmp(csdmx_result_value(result, "failed"), "0") == 0);
        CHECK(atoi(csdmx_result_value(result, "converted")) >= 4);
        CHECK(calls == atoi(csdmx_result_value(result, "packages")));
        snprintf(ledger, sizeof ledger, "%s", csdmx_result_value(result, "ledger"));
        csdmx_result_free(result);
        CHECK(csdmx_batch_convert(samples, batch_output, rerun_options, NULL, NULL, &result) == CSDMX_OK);
        CHECK(strcmp(csdmx_result_value(result, "converted"), "0") == 0);
        csdmx_result_free(result);
        CHECK(csdmx_ledger_history(ledger, NULL, &result) == CSDMX_OK);
        CHECK(strstr(csdmx_result_value(result, "text"), "skipped") != NULL);
        csdmx_result_free(result);
        CHECK(csdmx_batch_convert(NULL, batch_output, NULL, NULL, NULL, &result) == CSDMX_BAD_ARGUMENT);
        csdmx_result_free(result);
    }

    {
        /* Push, from C: a dry run sends nothing and lists the artefacts; a closed
           port is unreachable (CSDMX_UNREACHABLE), never success; bad options refused. */
        const char* files[] = {structure_path, NULL};
        const char* dry_run[] = {"API=sdmx-rest-v2", "DRY_RUN=1", NULL};
        const char* closed_port[] = {"API=sdmx-rest-v2", "RETRIES=0", "TIMEOUT_MS=2000", NULL};
        const char* no_api[] = {"DRY_RUN=1", NULL};
        const char* password_option[] = {"API=fmr", "PASSWORD=secret", NULL};
        int log_lines = 0;
        CHECK(structure_path[0] != '\0');
        CHECK(csdmx_push(files, "https://registry.example.org/sdmx/v2", dry_run, NULL, NULL, &result) == CSDMX_OK);
        CHECK(strstr(csdmx_result_value(result, "table"), "not-sent") != NULL);
        CHECK(strstr(csdmx_result_value(result, "table"), "DataStructure") != NULL);
        csdmx_result_free(result);
        CHECK(csdmx_push(files, "http://127.0.0.1:9", closed_port, count_lines, &log_lines, &result) ==
              CSDMX_UNREACHABLE);
        CHECK(strstr(csdmx_result_value(result, "table"), "unreachable") != NULL);
        CHECK(log_lines == 0); /* no retry asked for, none logged */
        csdmx_result_free(result);
        CHECK(csdmx_push(files, "http://127.0.0.1:9", no_api, NULL, NULL, &result) == CSDMX_BAD_ARGUMENT);
        csdmx_result_free(result);
        CHECK(csdmx_push(files, "http://127.0.0.1:9", password_option, NULL, NULL, &result) == CSDMX_BAD_ARGUMENT);
        csdmx_result_free(result);
        CHECK(csdmx_push(NULL, "http://127.0.0.1:9", dry_run, NULL, NULL, &result) == CSDMX_BAD_ARGUMENT);
        csdmx_result_free(result);
    }

    if (failures > 0) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures == 0 ? 0 : 1;
}
