#include "package/column_inference.h"

#include <algorithm>

#include "package/cell_values.h"
#include "package/date_parsing.h"
#include "sdmx/time_period.h"
#include "sdmx/values.h"

namespace csdmx::package {

namespace {

constexpr std::size_t kMaxDistinctForChoices = 200;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_integer_text(const std::string& text) {
    std::size_t start = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
    return text.size() > start && std::all_of(text.begin() + static_cast<std::ptrdiff_t>(start), text.end(), is_digit);
}

bool is_comma_decimal(const std::string& text) {
    auto comma = text.find(',');
    if (comma == std::string::npos || text.find(',', comma + 1) != std::string::npos ||
        text.find('.') != std::string::npos) {
        return false;
    }
    std::string dotted = text;
    dotted[comma] = '.';
    return sdmx::is_double_lexical(dotted) && comma > 0 && comma + 1 < text.size();
}

bool matches(const std::string& type, const std::string& format, const std::string& text) {
    if (type == "integer") return is_integer_text(text);
    if (type == "number") return sdmx::is_double_lexical(text) || is_comma_decimal(text);
    if (type == "boolean") {
        static const std::set<std::string> kBooleans = {"true", "false", "TRUE", "FALSE", "True", "False"};
        return kBooleans.count(text) > 0;
    }
    if (type == "yearmonth") {
        auto period = sdmx::parse_time_period(text);
        return period && period->frequency == 'M';
    }
    if (type == "date")
        return format == "default" ? parse_iso_date(text).has_value() : parse_with_format(text, format).has_value();
    if (type == "datetime") {
        return format == "default" ? parse_iso_datetime(text).has_value() : parse_with_format(text, format).has_value();
    }
    return true;
}

// Splits "Neighbour Sales agent" into other values of the column ("Neighbour",
// "Sales agent"), longest first; returns nothing when it cannot.
std::vector<std::string> split_into_labels(const std::string& value, const std::vector<std::string>& labels) {
    std::vector<std::string> parts;
    std::string_view rest = value;
    while (!rest.empty()) {
        bool matched = false;
        for (const auto& label : labels) {
            if (label == value || label.empty() || rest.substr(0, label.size()) != label) continue;
            if (rest.size() != label.size() && rest[label.size()] != ' ') continue;
            parts.push_back(label);
            rest.remove_prefix(label.size());
            while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
            matched = true;
            break;
        }
        if (!matched) return {};
    }
    return parts;
}

}  // namespace

const std::vector<std::string>& common_missing_markers() {
    static const std::vector<std::string> kMarkers = {
        "", "NA", "N/A", "n/a", "#N/A", "None", "null", "NULL", "-", "--", "NaN", "Not Applicable", "not applicable"};
    return kMarkers;
}

void ColumnInference::init_candidates() {
    candidates_ = {
        {"boolean", "default"},
        {"integer", "default"},
        {"number", "default"},
        {"yearmonth", "default"},
        {"date", "default"},
        {"date", "%d.%m.%Y"},
        {"date", "%m/%d/%Y"},
        {"date", "%d/%m/%Y"},
        {"date", "%Y/%m/%d"},
        {"date", "%d-%b-%y"},
        {"date", "%d-%b-%Y"},
        {"datetime", "default"},
        {"datetime", "%m/%d/%Y %I:%M:%S %p"},
        {"datetime", "%m/%d/%Y %H:%M:%S"},
        {"datetime", "%m/%d/%Y %H:%M"},
        {"datetime", "%d/%m/%Y %H:%M"},
        {"datetime", "%d.%m.%Y %H:%M"},
    };
}

void ColumnInference::observe(const std::string& raw) {
    if (candidates_.empty()) init_candidates();
    auto begin = raw.find_first_not_of(" \t");
    auto end = raw.find_last_not_of(" \t");
    std::string text = begin == std::string::npos ? std::string() : raw.substr(begin, end - begin + 1);
    if (text.size() != raw.size() && !text.empty()) ++padded_;
    const auto& markers = common_missing_markers();
    if (std::find(markers.begin(), markers.end(), text) != markers.end()) {
        markers_.insert(text);
        return;
    }
    ++values_;
    if (looks_like_excel_mangled_identifier(text)) {
        if (excel_identifiers_++ == 0) excel_example_ = text;
    }
    if (is_comma_decimal(text)) comma_decimal_seen_ = true;
    for (auto& candidate : candidates_) {
        if (matches(candidate.type, candidate.format, text)) continue;
        if (candidate.failures++ == 0) candidate.first_failure = text;
    }
    if (!too_many_distinct_) {
        ++distinct_[text];
        if (distinct_.size() > kMaxDistinctForChoices) {
            too_many_distinct_ = true;
            distinct_.clear();
        }
    }
}

ColumnInference::Result ColumnInference::result() const {
    Result result;
    result.missing_markers = markers_;
    result.values = values_;
    result.distinct = too_many_distinct_ ? 0 : distinct_.size();
    if (values_ == 0) {
        result.notes.push_back("no values at all; typed as string");
        return result;
    }
    std::vector<const Candidate*> alive;
    for (const auto& candidate : candidates_) {
        if (candidate.alive()) alive.push_back(&candidate);
    }
    // Nearly all of one type: the few others are likely rows shifted by a column.
    if (alive.empty() && values_ >= 20) {
        for (const auto& candidate : candidates_) {
            if (candidate.type == "boolean" || candidate.failures * 20 > values_) continue;
            result.notes.push_back("nearly all values are " + candidate.type +
                                   (candidate.format == "default" ? "" : " (" + candidate.format + ")") + ", but " +
                                   std::to_string(candidate.failures) + " are not, e.g. \"" + candidate.first_failure +
                                   "\"; typed as string: check those rows (shifted columns?) and set the type");
            break;
        }
    }
    if (excel_identifiers_ > 0) {
        result.notes.push_back(std::to_string(excel_identifiers_) + " value(s) such as " + excel_example_ +
                               " look like long identifiers a spreadsheet turned into numbers; their digits are lost");
        alive.clear();  // an identifier is text, whatever it now looks like
    }
    if (!alive.empty()) {
        const Candidate* chosen = alive.front();
        result.type = chosen->type;
        result.format = chosen->format;
        if (chosen->type == "number" && comma_decimal_seen_) result.decimal_char = ",";
        // Day-first and month-first both fit: say so rather than guess quietly.
        bool month_first = std::any_of(alive.begin(), alive.end(),
                                       [](const Candidate* c) { return c->format.rfind("%m/%d", 0) == 0; });
        bool day_first = std::any_of(alive.begin(), alive.end(),
                                     [](const Candidate* c) { return c->format.rfind("%d/%m", 0) == 0; });
        if (month_first && day_first) {
            result.notes.push_back("every date fits both month/day and day/month; " + result.format +
                                   " was chosen, check it");
        }
    }
    result.padded = padded_;
    // select_multiple: cells that are several other cell values joined by spaces.
    // The choices are the values that are no such join; every value must be one
    // choice or a join of choices.
    if (result.type == "string" && !too_many_distinct_ && distinct_.size() >= 2) {
        std::vector<std::string> values;
        for (const auto& [value, count] : distinct_) values.push_back(value);
        std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
        std::vector<std::string> choices;
        for (const auto& value : values) {
            if (split_into_labels(value, values).size() < 2) choices.push_back(value);
        }
        std::size_t combined = 0;
        bool all_fit = true;
        for (const auto& value : values) {
            auto parts = split_into_labels(value, choices);
            if (parts.size() >= 2) {
                ++combined;
            } else if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
                all_fit = false;
            }
        }
        // A "choice" that begins or ends with another choice is a join whose other part
        // was never chosen alone: the choices cannot be told apart, so say nothing.
        bool separable = std::none_of(choices.begin(), choices.end(), [&](const std::string& choice) {
            return std::any_of(choices.begin(), choices.end(), [&](const std::string& other) {
                if (other.size() + 1 >= choice.size()) return false;
                return choice.compare(0, other.size() + 1, other + " ") == 0 ||
                       choice.compare(choice.size() - other.size() - 1, other.size() + 1, " " + other) == 0;
            });
        });
        if (combined > 0 && all_fit && separable && choices.size() <= 30) {
            std::sort(choices.begin(), choices.end());
            result.select_multiple = true;
            result.choices = choices;
            result.notes.push_back("looks like a select_multiple question (" + std::to_string(combined) +
                                   " combinations of " + std::to_string(choices.size()) +
                                   " choices); it is split into one 0/1 column per choice, check the choices");
        }
    }
    return result;
}

}  // namespace csdmx::package
