#include "package/cell_values.h"

#include <algorithm>

#include "sdmx/time_period.h"
#include "sdmx/values.h"

namespace csdmx::package {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_integer_lexical(std::string_view text) {
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
    return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

std::string strip_group_and_decimal(const Field& field, std::string_view text) {
    std::string result;
    result.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (!field.group_char.empty() && text.substr(i, field.group_char.size()) == field.group_char) {
            i += field.group_char.size();
            continue;
        }
        if (field.decimal_char != "." && !field.decimal_char.empty() &&
            text.substr(i, field.decimal_char.size()) == field.decimal_char) {
            result += '.';
            i += field.decimal_char.size();
            continue;
        }
        result += text[i++];
    }
    return result;
}

}  // namespace

std::string normalise_cell(const Field& field, std::string_view text, std::string& out) {
    const std::string& type = field.type;
    if (type == "number") {
        out = strip_group_and_decimal(field, text);
        if (out.size() > 1 && out.front() == '+') out.erase(0, 1);
        if (!sdmx::is_double_lexical(out)) {
            std::string expected = "expected a number";
            if (field.decimal_char != ".") expected += " with decimal mark '" + field.decimal_char + "'";
            return expected + " (field \"" + field.name + "\" has type number)";
        }
        return {};
    }
    if (type == "integer") {
        out = field.group_char.empty() ? std::string(text) : strip_group_and_decimal(field, text);
        if (out.size() > 1 && out.front() == '+') out.erase(0, 1);
        if (!is_integer_lexical(out)) {
            return "expected a whole number (field \"" + field.name + "\" has type integer)";
        }
        return {};
    }
    if (type == "boolean") {
        if (std::find(field.true_values.begin(), field.true_values.end(), text) != field.true_values.end()) {
            out = "true";
            return {};
        }
        if (std::find(field.false_values.begin(), field.false_values.end(), text) != field.false_values.end()) {
            out = "false";
            return {};
        }
        return "expected true or false (field \"" + field.name + "\" has type boolean)";
    }
    if (type == "year" || type == "yearmonth" || type == "date") {
        if (field.format != "default" && field.format != "any") {
            return "date format \"" + field.format + "\" of field \"" + field.name +
                   "\" is not supported yet; use ISO 8601 (YYYY-MM-DD)";
        }
        auto period = sdmx::parse_time_period(text);
        char wanted = type == "year" ? 'A' : type == "yearmonth" ? 'M' : 'D';
        if (!period || period->frequency != wanted) {
            const char* form = type == "year" ? "YYYY" : type == "yearmonth" ? "YYYY-MM" : "YYYY-MM-DD";
            return std::string("expected a ") + (type == "date" ? "calendar date" : type) + " as " + form +
                   " (field \"" + field.name + "\" has type " + type + ")";
        }
        out = period->value;
        return {};
    }
    out.assign(text.data(), text.size());
    return {};
}

std::string cell_time_period(const Field& field, std::string_view text, std::string& period, char& frequency) {
    auto parsed = sdmx::parse_time_period(text);
    if (!parsed) {
        return "expected an SDMX time period (YYYY, YYYY-Sn, YYYY-Qn, YYYY-MM, YYYY-Www or YYYY-MM-DD) "
               "in the time column \"" +
               field.name + "\"";
    }
    period = parsed->value;
    frequency = parsed->frequency;
    return {};
}

}  // namespace csdmx::package
