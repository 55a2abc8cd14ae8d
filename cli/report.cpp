#include "cli/report.h"

#include <string>

namespace csdmx::cli {

std::size_t print_diagnostics(const csdmx_result* result, std::FILE* stream, const char* file) {
    std::size_t errors = 0;
    std::fflush(stdout);  // keep the order of what is said on both streams
    const std::size_t count = csdmx_result_diagnostic_count(result);
    for (std::size_t i = 0; i < count; ++i) {
        csdmx_diagnostic d;
        if (csdmx_result_diagnostic(result, i, &d) != CSDMX_OK) continue;
        if (file != nullptr && std::string(d.file) != file) continue;
        std::string where;
        if (*d.file != '\0') {
            where = d.file;
            if (d.line > 0) {
                where += ":" + std::to_string(d.line);
                if (d.column > 0) where += ":" + std::to_string(d.column);
            }
            where += ": ";
        }
        const char* severity = d.severity == CSDMX_SEVERITY_ERROR     ? "error"
                               : d.severity == CSDMX_SEVERITY_WARNING ? "warning"
                                                                      : "note";
        if (d.severity == CSDMX_SEVERITY_ERROR) ++errors;
        std::fprintf(stream, "%s%s: %s%s%s\n", where.c_str(), severity, d.path, *d.path ? ": " : "", d.message);
    }
    if (file == nullptr) errors += print_suppressed(result, stream);
    return errors;
}

std::size_t print_suppressed(const csdmx_result* result, std::FILE* stream) {
    std::size_t more = csdmx_result_suppressed_errors(result);
    if (more > 0) std::fprintf(stream, "... and %zu more error(s) not shown\n", more);
    return more;
}

bool write_report_file(const std::string& path, const char* text) {
    std::FILE* file = std::fopen(path.c_str(), "w");
    bool written = file != nullptr && std::fputs(text, file) >= 0;
    if (file != nullptr && std::fclose(file) != 0) written = false;  // e.g. a full disk
    if (!written) std::fprintf(stderr, "citizen-sdmx: cannot write %s\n", path.c_str());
    return written;
}

int exit_code_for(csdmx_status status) {
    switch (status) {
        case CSDMX_OK:
            return kExitOk;
        case CSDMX_INVALID:
            return kExitProblems;
        case CSDMX_BAD_INPUT:
        case CSDMX_BAD_ARGUMENT:
            return kExitBadInput;
        case CSDMX_ENVIRONMENT:
            return kExitEnvironment;
        case CSDMX_UNREACHABLE:
            return kExitUnreachable;
        case CSDMX_INTERNAL:
            return kExitInternal;
    }
    return kExitInternal;
}

}  // namespace csdmx::cli
