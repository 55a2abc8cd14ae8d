// Infers a Table Schema field from the values of one column, in one pass and
// constant memory: its type (and date format), its missing-value markers, and
// what looks wrong (Excel-mangled identifiers, padded values, dates that read
// both day-first and month-first).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace csdmx::package {

// Cell values taken as "no value" when they stand alone in a cell.
const std::vector<std::string>& common_missing_markers();

class ColumnInference {
public:
    void observe(const std::string& raw);

    struct Result {
        std::string type = "string";
        std::string format = "default";
        std::string decimal_char = ".";
        std::vector<std::string> notes;         // for the person running init
        std::uint64_t padded = 0;               // values with spaces around them
        std::set<std::string> missing_markers;  // found in this column
        bool select_multiple = false;
        std::vector<std::string> choices;
        // Distinct values seen (not counting missing ones); 0 when there were more than
        // kept (a few hundred): for telling categories from identifiers.
        std::size_t distinct = 0;
        std::uint64_t values = 0;  // cells with a value
    };
    Result result() const;

    std::uint64_t values() const { return values_; }

private:
    struct Candidate {
        Candidate(std::string t, std::string f) : type(std::move(t)), format(std::move(f)) {}
        std::string type;
        std::string format;
        std::uint64_t failures = 0;
        std::string first_failure;
        bool alive() const { return failures == 0; }
    };
    void init_candidates();

    std::vector<Candidate> candidates_;
    std::uint64_t values_ = 0;
    std::uint64_t padded_ = 0;
    std::uint64_t excel_identifiers_ = 0;
    std::string excel_example_;
    bool comma_decimal_seen_ = false;
    std::set<std::string> markers_;
    // For select_multiple detection: values seen alone and cells holding several.
    std::map<std::string, std::uint64_t> distinct_;
    bool too_many_distinct_ = false;
};

}  // namespace csdmx::package
