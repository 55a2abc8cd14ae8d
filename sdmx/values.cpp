#include "sdmx/values.h"

namespace csdmx::sdmx {

namespace {
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
}  // namespace

bool is_double_lexical(std::string_view text) {
    if (text == "NaN" || text == "INF" || text == "-INF") return true;
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    std::size_t digits_before = 0, digits_after = 0;
    while (i < text.size() && is_digit(text[i])) ++i, ++digits_before;
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && is_digit(text[i])) ++i, ++digits_after;
    }
    if (digits_before + digits_after == 0) return false;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        std::size_t exponent_digits = 0;
        while (i < text.size() && is_digit(text[i])) ++i, ++exponent_digits;
        if (exponent_digits == 0) return false;
    }
    return i == text.size();
}

}  // namespace csdmx::sdmx
