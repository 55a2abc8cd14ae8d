// XML Schema validation with Xerces-C, against grammars preloaded into a pool.
// Xerces lives in a module loaded by the first XsdValidator of a process
// (sdmx/validation/xsd_engine_api.h says why); without the module, the constructor
// throws EnvironmentError saying where it looked.
//
// Following what was learnt preparing the official schemas: grammars are preloaded
// and schemaLocation hints in documents are ignored; full-constraint checking stays
// off (the official schemas fail it); any error while loading a grammar is fatal,
// because Xerces would otherwise keep a partial grammar and pass documents wrongly.
// Documents are untrusted: DOCTYPEs are refused, no entity is resolved, no network.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace csdmx::sdmx {

struct InMemorySchema {
    std::string system_id;  // a name for messages, e.g. "generated:AG:DSD(1.0)"
    std::string content;
};

class XsdValidator {
public:
    // Throws EnvironmentError naming the schema and the first error if a grammar
    // cannot be loaded completely.
    XsdValidator(const std::vector<std::filesystem::path>& schema_files,
                 const std::vector<InMemorySchema>& in_memory_schemas = {});
    ~XsdValidator();
    XsdValidator(const XsdValidator&) = delete;
    XsdValidator& operator=(const XsdValidator&) = delete;

    // Streams the document through a validating SAX parser; memory stays flat.
    // Returns the validation errors (at most `max_errors`, then a count).
    Diagnostics validate(const std::filesystem::path& document, std::size_t max_errors = 100) const;
    // The same for a document in memory; `name` stands for it in the diagnostics.
    Diagnostics validate_text(const std::string& document, const std::string& name, std::size_t max_errors = 100) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace csdmx::sdmx
