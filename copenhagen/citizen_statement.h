// The Copenhagen statement of a package: who made the data, how citizens took
// part in each stage, what the data cover and what the NSO decided, in words.
// One module so that every carrier (a mapped attribute such as COMMENT_TS, the
// Open SDG metadata, annotations) says the same; names of levels, stages and
// types come from the codelist file, never from code.
#pragma once

#include <string>

#include "copenhagen/citizen_codelists.h"
#include "package/citizen_metadata.h"

namespace csdmx::mapping {

// When the NSO publishes a local sample as a national value (the mapping's
// coverage.national_proxy): the area code and the reason the mapping gives.
struct ProxyNote {
    std::string area_code;
    std::string reason;
    bool empty() const { return reason.empty(); }
};

// The full statement: citizen-data status, producer and type, initiative,
// participation per stage, method, coverage and the NSO's validation.
std::string citizen_statement(const package::CitizenMetadata& metadata, const CitizenCodelists& codelists,
                              const ProxyNote& proxy = {});

// One sentence for narrow carriers: producer, type, initiative, the stages
// assessed, area and period, and the NSO's validation.
std::string citizen_statement_short(const package::CitizenMetadata& metadata, const CitizenCodelists& codelists,
                                    const ProxyNote& proxy = {});

// The NSO's decision in words: "Validated, decided by NSO on 2026-01-02." or, while the
// result is PENDING without an author or date, only its name ("Validation pending.").
std::string validation_decision(const package::CitizenMetadata::Validation& validation,
                                const CitizenCodelists& codelists);

// The name of a code of `codelist`, or the code itself when it has none.
std::string code_name(const sdmx::Codelist& codelist, const std::string& id);

}  // namespace csdmx::mapping
