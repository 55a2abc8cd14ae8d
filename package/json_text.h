// Checks JSON text for what the JSON parser accepts but later steps must not see:
// nesting deeper than limits::kMaxNestingDepth (every walk over the tree recurses),
// strings longer than limits::kMaxStringBytes, numbers outside the range of a double
// (1e400) and member names repeated in one object (RFC 8259 leaves their meaning open;
// the parser would silently keep the last). Each is reported at its line and column.
//
// One linear pass with an explicit stack: it never recurses, whatever the input.
// Syntax errors are not reported here; the parser reports them with their place.
#pragma once

#include <string>
#include <string_view>

#include "core/diagnostic.h"

namespace csdmx::package {

void check_json_text(std::string_view text, const std::string& file, Diagnostics& diagnostics);

}  // namespace csdmx::package
