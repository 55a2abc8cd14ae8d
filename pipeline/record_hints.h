// Hints that a table is one row per record (a survey response, a sensor reading)
// rather than a table of observations: such a file needs a tabulation
// (docs/tabulation.md), and converting it row by row gives meaningless SDMX —
// thousands of key errors, or a "dimension" with a code per row.
#pragma once

#include <cstdint>
#include <string>

#include "core/diagnostic.h"
#include "mappings/generated_components.h"

namespace csdmx::mapping {

// Key errors (missing dimension values, differing duplicate keys, missing periods)
// beyond this many are not listed one by one.
inline constexpr std::size_t kKeyFloodThreshold = 50;

// Appends `from` to `into`; when its key errors flood, lists the first few and
// then says once what they mean instead of listing thousands.
void append_condensing_key_floods(Diagnostics& into, const Diagnostics& from, const std::string& file);

// Warnings for dimensions that look like record identifiers: as many codes as
// rows, or codes that are timestamps or web addresses.
void warn_record_like_dimensions(const GeneratedComponents& components, std::uint64_t rows, const std::string& file,
                                 Diagnostics& diagnostics);

// "2024-03-05T10:15", "2024-03-05 10:15:00", or an http(s) address.
bool looks_like_timestamp(const std::string& text);
bool looks_like_url(const std::string& text);

}  // namespace csdmx::mapping
