/* .Call wrappers over libcitizensdmx's C interface (citizensdmx.h).
 *
 * Every wrapper returns list(status, message, diagnostics, files, outputs, values,
 * suppressed_errors); R/citizensdmx.R turns a failed status into an R condition. No R
 * error is ever raised while the library is running: R errors longjmp, and a longjmp
 * through the library's C++ frames is undefined behaviour. So R callbacks run inside
 * R_ToplevelExec, and only on the thread R runs on; the batch calls back from worker
 * threads too, whose events are queued and handed to R from the main thread. */
#include <R.h>
#include <R_ext/Rdynload.h>
#include <Rinternals.h>
#include <citizensdmx.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static SEXP utf8(const char* text) {
    return text == NULL ? NA_STRING : mkCharCE(text, CE_UTF8);
}

/* A NULL-terminated char* array of a character vector (NULL when it is empty). The
 * strings belong to R and live as long as the vector is protected by the caller. */
static const char** string_array(SEXP vector) {
    R_xlen_t n, i;
    const char** array;
    /* R's error() longjmps: fine here, before the library is called. */
    if (!isString(vector)) error("citizensdmx: expected a character vector");
    n = XLENGTH(vector);
    if (n == 0) return NULL;
    array = (const char**)R_alloc((size_t)n + 1, sizeof(char*));
    for (i = 0; i < n; ++i) {
        if (STRING_ELT(vector, i) == NA_STRING) error("citizensdmx: NA where a text is needed");
        array[i] = translateCharUTF8(STRING_ELT(vector, i));
    }
    array[n] = NULL;
    return array;
}

static const char* string_arg(SEXP value) {
    if (!isString(value) || XLENGTH(value) != 1 || STRING_ELT(value, 0) == NA_STRING) {
        error("citizensdmx: expected one text (a path or URL), not NA or a vector");
    }
    return translateCharUTF8(STRING_ELT(value, 0));
}

static SEXP named_list(const char** names, int n) {
    SEXP list = PROTECT(allocVector(VECSXP, n)), list_names = PROTECT(allocVector(STRSXP, n));
    int i;
    for (i = 0; i < n; ++i) SET_STRING_ELT(list_names, i, mkChar(names[i]));
    setAttrib(list, R_NamesSymbol, list_names);
    UNPROTECT(2);
    return list;
}

static SEXP diagnostics_of(const csdmx_result* result) {
    static const char* names[] = {"severity", "file", "line", "column", "path", "kind", "message"};
    static const char* severities[] = {"error", "warning", "note"};
    size_t n = result ? csdmx_result_diagnostic_count(result) : 0, i;
    SEXP columns = PROTECT(named_list(names, 7));
    SEXP severity = PROTECT(allocVector(STRSXP, (R_xlen_t)n)), file = PROTECT(allocVector(STRSXP, (R_xlen_t)n));
    SEXP line = PROTECT(allocVector(REALSXP, (R_xlen_t)n)), column = PROTECT(allocVector(REALSXP, (R_xlen_t)n));
    SEXP path = PROTECT(allocVector(STRSXP, (R_xlen_t)n)), kind = PROTECT(allocVector(STRSXP, (R_xlen_t)n));
    SEXP message = PROTECT(allocVector(STRSXP, (R_xlen_t)n));
    for (i = 0; i < n; ++i) {
        csdmx_diagnostic d = {0};
        if (csdmx_result_diagnostic(result, i, &d) != CSDMX_OK) continue;
        SET_STRING_ELT(severity, (R_xlen_t)i, mkChar(d.severity <= 2 ? severities[d.severity] : "error"));
        SET_STRING_ELT(file, (R_xlen_t)i, utf8(d.file));
        REAL(line)[i] = (double)d.line;
        REAL(column)[i] = (double)d.column;
        SET_STRING_ELT(path, (R_xlen_t)i, utf8(d.path));
        SET_STRING_ELT(kind, (R_xlen_t)i, utf8(d.kind));
        SET_STRING_ELT(message, (R_xlen_t)i, utf8(d.message));
    }
    SET_VECTOR_ELT(columns, 0, severity);
    SET_VECTOR_ELT(columns, 1, file);
    SET_VECTOR_ELT(columns, 2, line);
    SET_VECTOR_ELT(columns, 3, column);
    SET_VECTOR_ELT(columns, 4, path);
    SET_VECTOR_ELT(columns, 5, kind);
    SET_VECTOR_ELT(columns, 6, message);
    UNPROTECT(8);
    return columns;
}

static SEXP files_of(const csdmx_result* result) {
    static const char* names[] = {"file", "kind", "valid", "checks"};
    size_t n = result ? csdmx_result_file_count(result) : 0, i;
    SEXP columns = PROTECT(named_list(names, 4));
    SEXP file = PROTECT(allocVector(STRSXP, (R_xlen_t)n)), kind = PROTECT(allocVector(STRSXP, (R_xlen_t)n));
    SEXP valid = PROTECT(allocVector(LGLSXP, (R_xlen_t)n)), checks = PROTECT(allocVector(STRSXP, (R_xlen_t)n));
    for (i = 0; i < n; ++i) {
        csdmx_file_report f = {0};
        if (csdmx_result_file(result, i, &f) != CSDMX_OK) continue;
        SET_STRING_ELT(file, (R_xlen_t)i, utf8(f.file));
        SET_STRING_ELT(kind, (R_xlen_t)i, utf8(f.kind));
        LOGICAL(valid)[i] = f.valid ? TRUE : FALSE;
        SET_STRING_ELT(checks, (R_xlen_t)i, utf8(f.checks));
    }
    SET_VECTOR_ELT(columns, 0, file);
    SET_VECTOR_ELT(columns, 1, kind);
    SET_VECTOR_ELT(columns, 2, valid);
    SET_VECTOR_ELT(columns, 3, checks);
    UNPROTECT(5);
    return columns;
}

/* The named values asked for in `keys` that the result has; "resources" also brings
 * the per-resource values csdmx_check_package announces. */
static SEXP values_of(const csdmx_result* result, SEXP keys) {
    static const char* per_resource[] = {"name", "rows", "delivered", "skipped", "empty_rows", "encoding", "delimiter"};
    R_xlen_t n = XLENGTH(keys), i, count = 0, resources = 0, capacity;
    const char* announced;
    SEXP values, names;
    char key[96];
    if (result != NULL && (announced = csdmx_result_value(result, "resources")) != NULL) resources = atol(announced);
    if (resources < 0 || resources > 10000) resources = 0;
    capacity = n + resources * 7;
    values = PROTECT(allocVector(STRSXP, capacity));
    names = PROTECT(allocVector(STRSXP, capacity));
    for (i = 0; i < capacity && result != NULL; ++i) {
        const char* value;
        if (i < n) {
            /* Bounded by sizeof key (Annex K functions are not in glibc). */
            /* NOLINTNEXTLINE(clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling) */
            snprintf(key, sizeof key, "%s", translateCharUTF8(STRING_ELT(keys, i)));
        } else {
            R_xlen_t r = (i - n) / 7;
            /* NOLINTNEXTLINE(clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling) */
            snprintf(key, sizeof key, "resource.%ld.%s", (long)r, per_resource[(i - n) % 7]);
        }
        value = csdmx_result_value(result, key);
        if (value == NULL) continue;
        SET_STRING_ELT(values, count, utf8(value));
        SET_STRING_ELT(names, count, mkChar(key));
        ++count;
    }
    values = PROTECT(xlengthgets(values, count));
    names = PROTECT(xlengthgets(names, count));
    setAttrib(values, R_NamesSymbol, names);
    UNPROTECT(4);
    return values;
}

/* Copies everything out of the result and frees it. */
static SEXP outcome(csdmx_status status, csdmx_result* result, SEXP keys) {
    static const char* names[] = {"status",  "message", "diagnostics",      "files",
                                  "outputs", "values",  "suppressed_errors"};
    SEXP list = PROTECT(named_list(names, 7)), outputs;
    size_t n = result ? csdmx_result_output_count(result) : 0, i;
    SET_VECTOR_ELT(list, 0, ScalarInteger((int)status));
    SET_VECTOR_ELT(list, 1, ScalarString(utf8(status == CSDMX_OK ? "" : csdmx_last_error())));
    SET_VECTOR_ELT(list, 2, diagnostics_of(result));
    SET_VECTOR_ELT(list, 3, files_of(result));
    outputs = allocVector(STRSXP, (R_xlen_t)n);
    SET_VECTOR_ELT(list, 4, outputs);
    for (i = 0; i < n; ++i) SET_STRING_ELT(outputs, (R_xlen_t)i, utf8(csdmx_result_output(result, i)));
    SET_VECTOR_ELT(list, 5, values_of(result, keys));
    SET_VECTOR_ELT(list, 6, ScalarReal(result ? (double)csdmx_result_suppressed_errors(result) : 0.0));
    csdmx_result_free(result);
    UNPROTECT(1);
    return list;
}

SEXP cs_version_c(void) {
    return ScalarString(utf8(csdmx_version()));
}

SEXP cs_check_c(SEXP path, SEXP options, SEXP keys) {
    csdmx_result* result = NULL;
    csdmx_status status = csdmx_check_package(string_arg(path), string_array(options), &result);
    return outcome(status, result, keys);
}

/* Opens a package: list(outcome, info (named by keys), qualifies). The package is freed. */
SEXP cs_package_c(SEXP path, SEXP options, SEXP keys) {
    csdmx_package* package = NULL;
    csdmx_result* result = NULL;
    csdmx_status status = csdmx_package_open(string_arg(path), string_array(options), &package, &result);
    SEXP answer = PROTECT(allocVector(VECSXP, 3));
    SEXP info = PROTECT(allocVector(STRSXP, XLENGTH(keys)));
    R_xlen_t i;
    int qualifies = -1;
    SET_VECTOR_ELT(answer, 0, outcome(status, result, PROTECT(allocVector(STRSXP, 0))));
    if (package != NULL) {
        for (i = 0; i < XLENGTH(keys); ++i) {
            SET_STRING_ELT(info, i, utf8(csdmx_package_info(package, translateCharUTF8(STRING_ELT(keys, i)))));
        }
        if (csdmx_package_qualifies(package, &qualifies) != CSDMX_OK) qualifies = -1;
        csdmx_package_free(package);
    }
    setAttrib(info, R_NamesSymbol, keys);
    SET_VECTOR_ELT(answer, 1, info);
    SET_VECTOR_ELT(answer, 2, ScalarLogical(qualifies < 0 ? NA_LOGICAL : qualifies));
    UNPROTECT(3);
    return answer;
}

SEXP cs_convert_c(SEXP path, SEXP open_options, SEXP convert_options, SEXP out_dir, SEXP keys) {
    csdmx_package* package = NULL;
    csdmx_result* result = NULL;
    /* Every argument checked before the library is called (R errors longjmp). */
    const char* descriptor = string_arg(path);
    const char* const* opening = string_array(open_options);
    const char* output = string_arg(out_dir);
    const char* const* converting = string_array(convert_options);
    csdmx_status status = csdmx_package_open(descriptor, opening, &package, &result);
    if (status == CSDMX_OK) {
        csdmx_result_free(result);
        result = NULL;
        status = csdmx_package_convert(package, output, converting, &result);
    }
    /* outcome() reads csdmx_last_error(), so free the package after it. */
    {
        SEXP answer = PROTECT(outcome(status, result, keys));
        csdmx_package_free(package);
        UNPROTECT(1);
        return answer;
    }
}

SEXP cs_validate_c(SEXP paths, SEXP options, SEXP keys) {
    csdmx_result* result = NULL;
    csdmx_status status =
        csdmx_validate_files(string_array(paths), (size_t)XLENGTH(paths), string_array(options), &result);
    return outcome(status, result, keys);
}

SEXP cs_ledger_c(SEXP path, SEXP options, SEXP keys) {
    csdmx_result* result = NULL;
    csdmx_status status = csdmx_ledger_history(string_arg(path), string_array(options), &result);
    return outcome(status, result, keys);
}

/* ---- callbacks into R, from the library ---- */

typedef struct event {
    double done, total;
    char* package;
    char* result; /* for log lines: the line; package NULL */
    struct event* next;
} event;

typedef struct callback_state {
    SEXP function; /* an R function, or R_NilValue */
    pthread_t r_thread;
    pthread_mutex_t lock;
    event* head;
    event* tail;
    int failed; /* the R function raised an error: stop calling it */
} callback_state;

typedef struct call_data {
    SEXP function;
    event* e;
} call_data;

static void call_r(void* data) {
    call_data* c = (call_data*)data;
    SEXP call;
    if (c->e->package != NULL) {
        call = PROTECT(lang5(c->function, ScalarReal(c->e->done), ScalarReal(c->e->total),
                             ScalarString(utf8(c->e->package)), ScalarString(utf8(c->e->result))));
    } else {
        call = PROTECT(lang2(c->function, ScalarString(utf8(c->e->result))));
    }
    eval(call, R_GlobalEnv);
    UNPROTECT(1);
}

static char* copy(const char* text) {
    size_t n = strlen(text ? text : "") + 1;
    char* out = (char*)malloc(n);
    /* NOLINTNEXTLINE(clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling): n is the copy's size */
    if (out) memcpy(out, text ? text : "", n);
    return out;
}

/* Hands the queued events to R; only on R's thread. */
static void drain(callback_state* state) {
    for (;;) {
        event* e;
        pthread_mutex_lock(&state->lock);
        e = state->head;
        if (e) {
            state->head = e->next;
            if (!state->head) state->tail = NULL;
        }
        pthread_mutex_unlock(&state->lock);
        if (!e) return;
        if (!state->failed) {
            call_data c = {state->function, e};
            if (!R_ToplevelExec(call_r, &c)) state->failed = 1;
        }
        free(e->package);
        free(e->result);
        free(e);
    }
}

static void enqueue(callback_state* state, double done, double total, const char* package, const char* text) {
    event* e = (event*)calloc(1, sizeof(event));
    if (!e) return;
    e->done = done;
    e->total = total;
    e->package = package ? copy(package) : NULL;
    e->result = copy(text);
    pthread_mutex_lock(&state->lock);
    if (state->tail)
        state->tail->next = e;
    else
        state->head = e;
    state->tail = e;
    pthread_mutex_unlock(&state->lock);
    if (pthread_equal(pthread_self(), state->r_thread)) drain(state);
}

static void on_progress(void* user_data, size_t done, size_t total, const char* package, const char* result) {
    enqueue((callback_state*)user_data, (double)done, (double)total, package ? package : "", result ? result : "");
}

static void on_log(void* user_data, const char* line) {
    enqueue((callback_state*)user_data, 0, 0, NULL, line);
}

static void state_init(callback_state* state, SEXP function) {
    const callback_state empty = {0};
    *state = empty;
    state->function = function;
    state->r_thread = pthread_self();
    pthread_mutex_init(&state->lock, NULL);
}

static void state_finish(callback_state* state) {
    drain(state);
    pthread_mutex_destroy(&state->lock);
}

SEXP cs_batch_c(SEXP in_dir, SEXP out_dir, SEXP options, SEXP progress, SEXP keys) {
    csdmx_result* result = NULL;
    callback_state state;
    csdmx_status status;
    SEXP answer;
    if (!isNull(progress) && !isFunction(progress)) error("citizensdmx: progress must be a function or NULL");
    state_init(&state, progress);
    status = csdmx_batch_convert(string_arg(in_dir), string_arg(out_dir), string_array(options),
                                 isNull(progress) ? NULL : on_progress, &state, &result);
    answer = PROTECT(outcome(status, result, keys));
    state_finish(&state);
    setAttrib(answer, install("callback_failed"), ScalarLogical(state.failed));
    UNPROTECT(1);
    return answer;
}

SEXP cs_push_c(SEXP files, SEXP registry, SEXP options, SEXP log, SEXP keys) {
    csdmx_result* result = NULL;
    callback_state state;
    csdmx_status status;
    SEXP answer;
    if (!isNull(log) && !isFunction(log)) error("citizensdmx: log must be a function or NULL");
    state_init(&state, log);
    status = csdmx_push(string_array(files), string_arg(registry), string_array(options), isNull(log) ? NULL : on_log,
                        &state, &result);
    answer = PROTECT(outcome(status, result, keys));
    state_finish(&state);
    setAttrib(answer, install("callback_failed"), ScalarLogical(state.failed));
    UNPROTECT(1);
    return answer;
}

static const R_CallMethodDef calls[] = {{"cs_version_c", (DL_FUNC)&cs_version_c, 0},
                                        {"cs_check_c", (DL_FUNC)&cs_check_c, 3},
                                        {"cs_package_c", (DL_FUNC)&cs_package_c, 3},
                                        {"cs_convert_c", (DL_FUNC)&cs_convert_c, 5},
                                        {"cs_validate_c", (DL_FUNC)&cs_validate_c, 3},
                                        {"cs_ledger_c", (DL_FUNC)&cs_ledger_c, 3},
                                        {"cs_batch_c", (DL_FUNC)&cs_batch_c, 5},
                                        {"cs_push_c", (DL_FUNC)&cs_push_c, 5},
                                        {NULL, NULL, 0}};

void R_init_citizensdmx(DllInfo* info) {
    R_registerRoutines(info, NULL, calls, NULL, NULL);
    R_useDynamicSymbols(info, FALSE);
}
