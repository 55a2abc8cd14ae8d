/*
 * citizensdmx.h - the stable C interface of libcitizensdmx.
 *
 * Turns citizen data packages (Frictionless Data Package + citizen_data metadata
 * under the UN Copenhagen Framework on Citizen Data) into SDMX messages, and
 * validates SDMX-ML messages against the official schemas.
 *
 * Conventions
 *  - Every function that can fail returns a csdmx_status; on failure
 *    csdmx_last_error() gives a text for people (per thread, valid until the
 *    next call on that thread).
 *  - Problems found in user input (bad metadata, bad cells, invalid messages) are
 *    returned as diagnostics in a csdmx_result, each with file, line, column and a
 *    JSON path or component where it applies.
 *  - Options are GDAL-style: a NULL-terminated array of "KEY=VALUE" strings, or
 *    NULL. Unknown keys are refused with CSDMX_BAD_ARGUMENT.
 *  - Objects are freed with their _free function; freeing NULL is allowed.
 *  - No C++ exception ever crosses this interface.
 */
#ifndef CITIZENSDMX_H
#define CITIZENSDMX_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(CSDMX_BUILDING_LIBRARY)
#define CSDMX_API __attribute__((visibility("default")))
#else
#define CSDMX_API
#endif

/* This header is C: typedefs, not C++ aliases. */
/* NOLINTBEGIN(modernize-use-using) */
typedef enum csdmx_status {
    CSDMX_OK = 0,
    CSDMX_INVALID = 1,      /* checked, and problems were found (see the result's diagnostics) */
    CSDMX_BAD_INPUT = 2,    /* input unusable (bad metadata, bad rows, unreadable file): nothing written */
    CSDMX_ENVIRONMENT = 3,  /* something this machine lacks: schemas not found, disk full */
    CSDMX_BAD_ARGUMENT = 4, /* a NULL where an object is needed, an unknown option */
    CSDMX_INTERNAL = 5,     /* a defect in the library: please report it */
    CSDMX_UNREACHABLE = 6   /* a registry could not be reached (network, timeout, untrusted TLS) */
} csdmx_status;

typedef enum csdmx_severity {
    CSDMX_SEVERITY_ERROR = 0,
    CSDMX_SEVERITY_WARNING = 1,
    CSDMX_SEVERITY_NOTE = 2
} csdmx_severity;

/* One problem in one place. Strings are owned by the result. */
typedef struct csdmx_diagnostic {
    csdmx_severity severity;
    const char* file;          /* "" when unknown */
    unsigned long long line;   /* 1-based; 0 when unknown */
    unsigned long long column; /* 1-based, in characters; 0 when unknown */
    const char* path;          /* JSON path or SDMX component; "" when none */
    const char* message;
    const char* kind; /* "type", "field-count", "header", "encoding", "todo", ...; "" when none */
} csdmx_diagnostic;

/* What validation found for one file. Strings are owned by the result. */
typedef struct csdmx_file_report {
    const char* file;
    const char* kind;   /* "structure", "generic data", "structure-specific data", ... */
    int valid;          /* 1 only when every check ran and passed */
    const char* checks; /* what was checked, one per line */
} csdmx_file_report;

typedef struct csdmx_package csdmx_package;
typedef struct csdmx_result csdmx_result;
/* NOLINTEND(modernize-use-using) */

/* "0.1.0" */
CSDMX_API const char* csdmx_version(void);

/* Text of the last failure on this thread ("" when none). */
CSDMX_API const char* csdmx_last_error(void);

/*
 * Opens a citizen data package and checks everything that can be checked without
 * reading its rows: the descriptor, the citizen_data metadata and its codes, and
 * how the columns map to SDMX components. Every problem is listed in *result.
 * Options: CODELISTS=file (the citizen data codelists; default: the embedded ones,
 * or $CITIZEN_SDMX_CODELISTS), AGENCY=id, RESOURCE=name, BAD_ROWS=reject|skip|keep
 * (overrides the package's policy), MISSING_VALUE=text (repeatable; besides the
 * schema's missingValues); to write for an existing DSD (docs/mapping.md):
 * MAPPING=file (YAML) and DSD=file (repeatable; SDMX-ML 2.1 structure messages).
 * LINKS_OUTSIDE=refuse|allow: whether symbolic links in the package may lead outside
 * its folder (default refuse; allow only for a trusted local package).
 * CODE_IDS=upper|keep: how a generated dimension's values that are valid lower-case SDMX
 * ids ("female") become codes: upper-cased by convention (default) or kept unchanged.
 * Returns CSDMX_OK with *package set, or CSDMX_BAD_INPUT with *package NULL.
 * *result is always set when result is not NULL.
 */
CSDMX_API csdmx_status csdmx_package_open(const char* descriptor_path, const char* const* options,
                                          csdmx_package** package, csdmx_result** result);

/* Facts about an opened package, or NULL for an unknown key. Keys: "producer.id",
 * "producer.name", "dataflow", "qualification" ("QUALIFIES"/"DOES_NOT_QUALIFY"),
 * "qualification.explanation", "column_plan", "codelists". */
CSDMX_API const char* csdmx_package_info(const csdmx_package* package, const char* key);

/* 1 when the dataset counts as citizen data under the Copenhagen Framework, else 0. */
CSDMX_API csdmx_status csdmx_package_qualifies(const csdmx_package* package, int* qualifies);

/*
 * Converts the package into SDMX messages in output_directory (created if needed):
 * an SDMX-ML 2.1 structure message and one data message per format, all written
 * in one pass over the rows. Outputs appear only when complete; on any problem
 * none is written. Options: FORMAT=name (repeatable, or names separated by
 * commas) with name one of sdmx-ml-2.1-ss (the default), sdmx-ml-2.1-generic,
 * sdmx-ml-3.0-ss, sdmx-csv-1.0, sdmx-csv-2.0, sdmx-json-2.0; with a MAPPING,
 * ON_ERROR=reject (default: a row breaking a rule of the DSD is an error) or skip
 * (such rows are left out and listed in <base>-skipped-rows.csv); with a MAPPING,
 * OPEN_SDG=1 also writes Open SDG's input files (<base>-open-sdg/data/indicator_<id>.csv
 * and meta/<id>.md, docs/mapping.md); PROFILE=standard (default) or sdmx1 (no
 * Annotations or DataProvider inside data sets, moved to the structure message; docs/formats.md).
 * Values in *result: "rows", "observations" (written),
 * "missing_values", "rows_left_out" (by the bad-row policy), "duplicates_left_out"
 * (identical observations written once); when the resource has a "tabulation":
 * "records_tabulated", "cells", "min_cell_size", "suppressed_primary" and
 * "suppressed_secondary". Outputs: the files written.
 */
CSDMX_API csdmx_status csdmx_package_convert(const csdmx_package* package, const char* output_directory,
                                             const char* const* options, csdmx_result** result);

CSDMX_API void csdmx_package_free(csdmx_package* package);

/*
 * Checks a package without converting it: the descriptor, the citizen_data
 * metadata and its codes, and every row of every resource against its Table Schema.
 * Every problem is a diagnostic with a kind. Options: CODELISTS, BAD_ROWS,
 * MISSING_VALUE, LINKS_OUTSIDE, CODE_IDS as for csdmx_package_open.
 * Values in *result: "resources", and for each resource i: "resource.<i>.name",
 * ".rows", ".delivered", ".skipped", ".empty_rows", ".encoding", ".delimiter".
 * Returns CSDMX_OK when there is no error (warnings allowed), CSDMX_INVALID when
 * there are errors, CSDMX_BAD_INPUT when the descriptor cannot be read at all.
 */
CSDMX_API csdmx_status csdmx_check_package(const char* descriptor_path, const char* const* options,
                                           csdmx_result** result);

/*
 * Writes a datapackage.json for data files as they are: encoding, dialect, header
 * rows, field types and formats, missing-value markers and select_multiple
 * questions are inferred; the citizen_data metadata is left as TODO markers that
 * csdmx_check_package refuses until filled. The files must be inside the folder of
 * descriptor_path. Options: FORCE=1 to replace an existing descriptor.
 * Notes about what was inferred come back as diagnostics; the output is the descriptor.
 */
CSDMX_API csdmx_status csdmx_init_package(const char* const* data_paths, size_t count, const char* descriptor_path,
                                          const char* const* options, csdmx_result** result);

/*
 * Validates SDMX-ML 2.1 and 3.0 messages: structure and generic data messages
 * against the official schemas of their version, structure-specific data against
 * the DSD-specific schema made from its DSD, and data against the DSD's rules.
 * Structure messages (2.1 or 3.0) among the files also provide DSDs. Options: SCHEMAS=dir (default:
 * $CITIZEN_SDMX_SCHEMAS, else those of csdmx_schemas_install), STRUCTURE=file (repeatable),
 * REFERENCE_SCHEMA_CHECK=1 (validate SDMX-ML 2.1 structure-specific data bodies with Xerces too,
 * instead of the streaming check). Returns CSDMX_OK when every file is valid, CSDMX_INVALID when
 * any is not, CSDMX_ENVIRONMENT when the schemas cannot be found or loaded.
 */
CSDMX_API csdmx_status csdmx_validate_files(const char* const* paths, size_t count, const char* const* options,
                                            csdmx_result** result);
/* One file: the same as csdmx_validate_files with count 1. */
CSDMX_API csdmx_status csdmx_validate_file(const char* path, const char* const* options, csdmx_result** result);

CSDMX_API size_t csdmx_result_diagnostic_count(const csdmx_result* result);
CSDMX_API csdmx_status csdmx_result_diagnostic(const csdmx_result* result, size_t index, csdmx_diagnostic* out);
/* Errors left out because of the per-run limit (they were counted, not listed). */
CSDMX_API size_t csdmx_result_suppressed_errors(const csdmx_result* result);
CSDMX_API size_t csdmx_result_output_count(const csdmx_result* result);
CSDMX_API const char* csdmx_result_output(const csdmx_result* result, size_t index);
CSDMX_API size_t csdmx_result_file_count(const csdmx_result* result);
CSDMX_API csdmx_status csdmx_result_file(const csdmx_result* result, size_t index, csdmx_file_report* out);
/* A named value ("observations", ...), or NULL when absent. */
CSDMX_API const char* csdmx_result_value(const csdmx_result* result, const char* key);

/*
 * Batch: converts every package (datapackage.json) under input_dir into
 * output_dir/<its folder>, `JOBS` at a time, recording each run and package in an
 * SQLite ledger (default output_dir/ledger.sqlite): the SHA-256 of its inputs and
 * outputs, the result and the errors. A package whose inputs, options and outputs
 * are unchanged since it was last converted is skipped (FORCE=1 converts it
 * anyway), so a rerun is idempotent and an interrupted batch resumes.
 * Options: JOBS=n, FORCE=1, LEDGER=file, and those of csdmx_package_open and
 * csdmx_package_convert (FORMAT, ON_ERROR, DSD, MAPPING, CODELISTS, ...).
 * `progress`, when not NULL, is called after each package, from the converting
 * thread but never two at once. Values: "packages", "converted", "skipped",
 * "failed", "ledger", "table" (for people), "json" (also written as
 * output_dir/batch-summary.json). Outputs: every file written or kept.
 * Returns CSDMX_OK when no package failed, CSDMX_INVALID when one did.
 * A package's failure of any kind (an internal error, a ledger error) is that
 * package's; the batch goes on. LEDGER_WAIT=seconds (default 10): how long to wait
 * for a ledger locked by another process. Another batch converting into the same
 * output_dir: CSDMX_ENVIRONMENT at once, nothing converted.
 */
/* NOLINTNEXTLINE(modernize-use-using): this header is C */
typedef void (*csdmx_progress_fn)(void* user_data, size_t done, size_t total, const char* package, const char* result);
CSDMX_API csdmx_status csdmx_batch_convert(const char* input_dir, const char* output_dir, const char* const* options,
                                           csdmx_progress_fn progress, void* user_data, csdmx_result** result);

/*
 * Describe: the data structures (DSDs) in structure messages — files, or registry
 * URLs .../datastructure/AGENCY/ID/VERSION fetched and cached as for DSD — with
 * each component's codelist, and a search of codes. Options: FIND=term
 * (repeatable; matched without case in code ids and names, "PM2.5" finding
 * EN_ATM_PM25), CODELIST=id (every code of a codelist, or of the component with
 * that id), FORMAT=text (default) | json, CA_FILE. Values "text" (in FORMAT),
 * "json", "matches" (with FIND). CSDMX_INVALID when CODELIST names nothing.
 */
CSDMX_API csdmx_status csdmx_describe_structures(const char* const* sources, size_t count, const char* const* options,
                                                 csdmx_result** result);

/* The ledger's history, oldest first. Options: FORMAT=table (default) | json.
 * Value "text". */
CSDMX_API csdmx_status csdmx_ledger_history(const char* ledger_path, const char* const* options, csdmx_result** result);
/*
 * Push: submits SDMX messages to a registry at registry_url, structure messages
 * first, then data (SDMX-ML, SDMX-CSV or SDMX-JSON), stopping at the first file
 * the registry does not accept. `files` is a NULL-terminated array of paths.
 * Options: API=sdmx-rest-v2 | fmr | dotstat (required); ACTION (sdmx-rest-v2:
 * append, replace, delete; fmr: APPEND, REPLACE, MERGE, FULLREPLACE, DELETE);
 * DRY_RUN=1 (say what would be sent, send nothing); TRANSFER=url and
 * DATASPACE=name (.Stat Suite data); CA_FILE=pem (trust this CA); TIMEOUT_MS,
 * RETRIES, BACKOFF_MS, POLL_INTERVAL_MS, POLL_TIMEOUT_MS.
 * Credentials are read only from the environment (CSDMX_REGISTRY_USER and
 * CSDMX_REGISTRY_PASSWORD, or CSDMX_REGISTRY_TOKEN) or a netrc file ($NETRC or
 * ~/.netrc); never from options, and never written to a result or a log line.
 * `log`, when not NULL, receives progress lines (retries, polls).
 * Values: "table" (per file and per artefact, for people), "json", "credentials"
 * (where they were found: "environment", "netrc <file>" or "none").
 * Returns CSDMX_OK when every file was accepted (or on a dry run), CSDMX_INVALID
 * when the registry rejected a file or accepted it only in part, and
 * CSDMX_UNREACHABLE when it could not be reached (and rejected nothing).
 */
/* NOLINTNEXTLINE(modernize-use-using): this header is C */
typedef void (*csdmx_log_fn)(void* user_data, const char* line);
CSDMX_API csdmx_status csdmx_push(const char* const* files, const char* registry_url, const char* const* options,
                                  csdmx_log_fn log, void* user_data, csdmx_result** result);

CSDMX_API void csdmx_result_free(csdmx_result* result);

/* Opt-in for programs that own their signals (the citizen-sdmx command): on
 * SIGINT or SIGTERM, remove the hidden temporaries of outputs not yet complete,
 * then let the signal act as it did before (by default: end the process). An
 * output set being renamed into place finishes (or rolls back) first. */
CSDMX_API void csdmx_remove_temporaries_on_signal(void);

/*
 * Schemas: installs the official SDMX-ML XML Schemas and SDMX-JSON schemas of the
 * SDMX Technical Working Group where csdmx_validate_files finds them by default
 * (DIR, else $XDG_DATA_HOME/citizen-sdmx/schemas, else
 * ~/.local/share/citizen-sdmx/schemas). Every file is checked against a SHA-256
 * pinned in the library; on any mismatch, missing file, unsafe archive entry or
 * failed download nothing is installed. Options: VERSION=2.1|3.0|all (default
 * all), DIR=folder, FROM=url (a mirror of https://github.com/sdmx-twg/ with the
 * same paths), CA_FILE=pem, TIMEOUT_MS, RETRIES. `log` receives progress lines.
 * Values: "directory", "table" (for people), "json". Outputs: the folders installed.
 * Returns CSDMX_OK, CSDMX_INVALID (an archive does not hold the pinned files; one
 * diagnostic per problem), or CSDMX_UNREACHABLE (a download failed).
 */
CSDMX_API csdmx_status csdmx_schemas_install(const char* const* options, csdmx_log_fn log, void* user_data,
                                             csdmx_result** result);
/* What is installed in DIR (option; default as above), each file checked against
 * its pinned digest. Values: "directory", "table", "json". */
CSDMX_API csdmx_status csdmx_schemas_list(const char* const* options, csdmx_result** result);

#ifdef __cplusplus
}
#endif

#endif /* CITIZENSDMX_H */
