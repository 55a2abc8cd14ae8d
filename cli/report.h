// Printing results of the C interface for people: diagnostics as
// FILE:LINE:COLUMN: severity: message, the way compilers do, so editors can jump there.
#pragma once

#include <cstdio>
#include <string>

#include "citizensdmx.h"

namespace csdmx::cli {

// Prints every diagnostic of the result to `stream` (only those about `file`, when
// given); returns the number of errors printed.
std::size_t print_diagnostics(const csdmx_result* result, std::FILE* stream, const char* file = nullptr);
// Prints "... and N more error(s) not shown" when the library left some out.
std::size_t print_suppressed(const csdmx_result* result, std::FILE* stream);

// Exit codes shared by all commands.
enum ExitCode : int {
    kExitOk = 0,
    kExitProblems = 1,     // checked, problems found (e.g. an invalid message)
    kExitBadInput = 2,     // unusable input or usage; nothing written
    kExitEnvironment = 3,  // something missing on this machine (schemas, disk space)
    kExitUnreachable = 3,  // a registry could not be reached: like the above, outside the input
    kExitInternal = 70,    // a defect (EX_SOFTWARE)
};

int exit_code_for(csdmx_status status);

// Writes `text` to `path` (e.g. a --json report); false, having said why on
// stderr, when it cannot.
bool write_report_file(const std::string& path, const char* text);

}  // namespace csdmx::cli
