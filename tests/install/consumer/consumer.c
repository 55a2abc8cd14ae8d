/* A program outside this project, as an NSO's would be: it includes the installed
 * header, links the installed library and converts a bundled sample, then checks
 * the result against the official SDMX-ML 2.1 schemas through the library.
 * Usage: consumer PACKAGE OUTPUT_DIR SCHEMAS_DIR. Exits 0 only when every check holds. */
#include <citizensdmx.h>
#include <stdio.h>
#include <string.h>

static int check(int condition, const char* what) {
    if (!condition) fprintf(stderr, "consumer: %s failed (%s)\n", what, csdmx_last_error());
    return condition ? 0 : 1;
}

int main(int argc, char** argv) {
    csdmx_package* package = NULL;
    csdmx_result* opened = NULL;
    csdmx_result* converted = NULL;
    csdmx_result* validated = NULL;
    char schemas_option[4200];
    const char* validate_options[2];
    const char* outputs[2] = {NULL, NULL};
    csdmx_status status;
    int qualifies = 0;
    int failures = 0;
    size_t i;

    if (argc != 4) {
        fprintf(stderr, "usage: %s PACKAGE OUTPUT_DIR SCHEMAS_DIR\n", argv[0]);
        return 2;
    }
    printf("libcitizensdmx %s\n", csdmx_version());
    failures += check(csdmx_package_open(argv[1], NULL, &package, &opened) == CSDMX_OK, "csdmx_package_open");
    failures += check(csdmx_package_qualifies(package, &qualifies) == CSDMX_OK && qualifies == 1,
                      "the sample qualifies as citizen data");
    failures += check(csdmx_package_convert(package, argv[2], NULL, &converted) == CSDMX_OK, "csdmx_package_convert");
    /* A structure message and one data message (the default format). */
    failures += check(csdmx_result_output_count(converted) == 2, "two outputs");

    snprintf(schemas_option, sizeof schemas_option, "SCHEMAS=%s", argv[3]);
    validate_options[0] = schemas_option;
    validate_options[1] = NULL;
    /* Both messages at once: the structure message gives the data message its DSD. */
    for (i = 0; i < csdmx_result_output_count(converted) && i < 2; ++i) outputs[i] = csdmx_result_output(converted, i);
    status = csdmx_validate_files(outputs, i, validate_options, &validated);
    failures += check(status == CSDMX_OK, "csdmx_validate_files against the official schemas");
    failures += check(csdmx_result_file_count(validated) == 2, "two files validated");
    for (i = 0; i < csdmx_result_file_count(validated); ++i) {
        csdmx_file_report report;
        if (csdmx_result_file(validated, i, &report) == CSDMX_OK) {
            printf("%s: %s\n", report.file, report.valid ? "valid" : "NOT VALID");
            failures += check(report.valid == 1, "a message is valid");
        }
    }
    csdmx_result_free(validated);
    printf("observations: %s\n", csdmx_result_value(converted, "observations"));

    csdmx_result_free(converted);
    csdmx_result_free(opened);
    csdmx_package_free(package);
    return failures == 0 ? 0 : 1;
}
