// SDMX identifiers: checking them and turning free text into them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/string_hash.h"

namespace csdmx::sdmx {

// common:IDType: [A-Za-z0-9_@$\-]+
bool is_sdmx_id(std::string_view text);
// common:NCNameIDType, used for agency ids: starts with a letter or _.
bool is_agency_id(std::string_view text);

// Upper-case ASCII id from free text: letters and digits kept, every other run of
// characters becomes one "_", e.g. "Lilongwe Urban" -> "LILONGWE_URBAN". Returns
// an empty string when nothing usable is left.
std::string to_sdmx_id(std::string_view text);

// Whether `text` is already written as a code: a valid SDMX id without lower-case
// letters ("_T", "F", "MW-BL", "10-19"). Such values pass unchanged; free text
// ("female", "Lilongwe Urban") is turned into an id by to_sdmx_id.
bool is_code_form(std::string_view text);

// How a value that is already a valid SDMX id but has lower-case letters ("female")
// becomes a code. SDMX allows lower-case ids, but by convention codes are upper case
// (FMR's "Code ID Conventions": "Lower case Codes are valid ... but care should be
// taken in their use to avoid confusion"), so `upper` is the default; `keep` passes
// every valid id unchanged, for an NSO whose own codelists use lower case.
enum class CodeIdCase { upper, keep };

// "upper" or "keep"; nullopt for anything else.
std::optional<CodeIdCase> parse_code_id_case(std::string_view text);

// Assigns a stable, unique code to each distinct value of a column, in order of
// first appearance. Memory grows with the number of distinct values only.
class CodeAssigner {
public:
    explicit CodeAssigner(CodeIdCase id_case = CodeIdCase::upper) : id_case_(id_case) {}
    // Codes given explicitly (e.g. from a field's "codes" hint) take precedence.
    void preset(const std::string& value, const std::string& code);
    // A code that no value may get (e.g. "_T" where totals are computed): a value
    // that would get it gets a suffixed one instead.
    void reserve(const std::string& code);
    // The code for `value`, assigning a new one on first sight.
    const std::string& code_for(const std::string& value);
    // Distinct values in order of first appearance, with their codes (several values
    // may share a preset code).
    const std::vector<std::pair<std::string, std::string>>& assigned() const { return order_; }

private:
    CodeIdCase id_case_;
    std::unordered_map<std::string, std::string> presets_;
    std::unordered_map<std::string, std::string, StringHash, StringEqual> by_value_;
    std::unordered_set<std::string> used_codes_;
    std::vector<std::pair<std::string, std::string>> order_;
};

}  // namespace csdmx::sdmx
