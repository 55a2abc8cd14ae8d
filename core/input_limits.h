// Limits on untrusted input, in one place (docs/input.md lists them). Every later
// step may recurse over a JSON or YAML tree or copy a whole string, so input beyond
// these is refused with a located error before anything else looks at it.
#pragma once

#include <cstddef>

namespace csdmx::limits {

// Nesting of JSON arrays/objects and YAML collections. Real descriptors nest a
// tabulation about 8 deep; 100 leaves room while keeping every recursive walk
// (copy, dump, schema validation) far from the stack's end.
inline constexpr std::size_t kMaxNestingDepth = 100;
// One JSON or YAML string (a description may be long; 1 MiB is not a description).
inline constexpr std::size_t kMaxStringBytes = std::size_t{1} << 20;
// A JSON or YAML file read whole (datapackage.json, a Table Schema, a mapping).
inline constexpr std::size_t kMaxDocumentBytes = std::size_t{64} << 20;
// An SDMX identifier (agency, dataflow, concept, code): ids are short names; the
// longest in the SDG DSDs is under 40 characters.
inline constexpr std::size_t kMaxIdentifierLength = 255;
// One CSV cell, one CSV record (all its fields with delimiters and quotes), and the
// number of fields in a record.
inline constexpr std::size_t kMaxCellBytes = std::size_t{1} << 20;
inline constexpr std::size_t kMaxRecordBytes = std::size_t{8} << 20;
inline constexpr std::size_t kMaxFieldsPerRecord = 10000;

// Attributes of one XML start tag. libxml2 2.9 compares each attribute with every
// earlier one of its element, so one tag of 200,000 attributes parses for minutes;
// an SDMX element has a few dozen (an observation: one per DSD component).
inline constexpr std::size_t kMaxXmlAttributesPerElement = 1000;
// XML nesting: libxml2's own limit without XML_PARSE_HUGE (256) applies; SDMX
// messages nest about 10 deep.

}  // namespace csdmx::limits
