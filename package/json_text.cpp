#include "package/json_text.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <unordered_map>
#include <vector>

#include "core/input_limits.h"

namespace csdmx::package {

namespace {

struct Place {
    std::uint64_t line = 1, column = 1;
};

struct Frame {
    bool object = false;
    bool expect_key = false;
    std::unordered_map<std::string, Place> names;  // objects only: first place of each member name
};

void append_utf8(std::string& out, std::uint32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

class Scanner {
public:
    Scanner(std::string_view text, const std::string& file, Diagnostics& diagnostics)
        : text_(text), file_(file), diagnostics_(diagnostics) {}

    void run() {
        while (at_ < text_.size()) {
            const char c = text_[at_];
            if (c == '{' || c == '[') {
                if (stack_.size() >= limits::kMaxNestingDepth) {
                    diagnostics_.error_at(file_, place_.line, place_.column,
                                          "JSON nested deeper than " + std::to_string(limits::kMaxNestingDepth) +
                                              " levels; expected a flatter structure",
                                          "limit");
                    return;  // the rest cannot be checked meaningfully
                }
                stack_.push_back({c == '{', c == '{', {}});
                step();
            } else if (c == '}' || c == ']') {
                if (!stack_.empty()) stack_.pop_back();
                step();
            } else if (c == ',') {
                if (!stack_.empty() && stack_.back().object) stack_.back().expect_key = true;
                step();
            } else if (c == '"') {
                if (!string()) return;  // unterminated: the parser says where
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                number();
            } else {
                step();
            }
        }
    }

private:
    void step() {
        const auto byte = static_cast<unsigned char>(text_[at_++]);
        if (byte == '\n') {
            ++place_.line;
            place_.column = 1;
        } else if ((byte & 0xC0) != 0x80) {
            ++place_.column;
        }
    }

    // Reads a string from its opening quote; false when it never ends.
    bool string() {
        const Place start = place_;
        const bool is_key = !stack_.empty() && stack_.back().object && stack_.back().expect_key;
        std::string decoded;
        std::size_t length = 0;
        step();
        while (at_ < text_.size() && text_[at_] != '"') {
            if (text_[at_] == '\\' && at_ + 1 < text_.size()) {
                step();
                const char escape = text_[at_];
                if (escape == 'u' && at_ + 4 < text_.size()) {
                    std::uint32_t code = 0;
                    bool valid = true;
                    for (std::size_t k = 1; k <= 4; ++k) {
                        const int digit = hex_value(text_[at_ + k]);
                        valid = valid && digit >= 0;
                        code = code * 16 + static_cast<std::uint32_t>(digit < 0 ? 0 : digit);
                    }
                    if (is_key && valid) pending_surrogate(decoded, code);
                    for (int k = 0; k < 5; ++k) step();
                } else {
                    if (is_key) decoded += unescape(escape);
                    step();
                }
                ++length;
                continue;
            }
            if (is_key && decoded.size() <= limits::kMaxStringBytes) decoded += text_[at_];
            ++length;
            step();
        }
        if (at_ >= text_.size()) return false;
        step();  // the closing quote
        if (is_key) flush_surrogate(decoded);
        if (length > limits::kMaxStringBytes) {
            diagnostics_.error_at(file_, start.line, start.column,
                                  "a JSON string of " + std::to_string(length) + " bytes; at most " +
                                      std::to_string(limits::kMaxStringBytes) + " are accepted",
                                  "limit");
        }
        if (is_key) {
            Frame& frame = stack_.back();
            frame.expect_key = false;
            auto [first, inserted] = frame.names.emplace(decoded, start);
            if (!inserted) {
                diagnostics_.error_at(file_, start.line, start.column,
                                      "the member \"" + decoded + "\" appears twice in this object (first on line " +
                                          std::to_string(first->second.line) +
                                          "); expected each name once, as only one value can be kept",
                                      "json");
            }
        }
        return true;
    }

    static char unescape(char escape) {
        switch (escape) {
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            default:
                return escape;  // " \ /
        }
    }

    // \uD83D\uDE00 is one character: a high surrogate waits for its low half.
    void pending_surrogate(std::string& out, std::uint32_t code) {
        if (high_surrogate_ != 0 && code >= 0xDC00 && code <= 0xDFFF) {
            append_utf8(out, 0x10000 + ((high_surrogate_ - 0xD800) << 10) + (code - 0xDC00));
            high_surrogate_ = 0;
            return;
        }
        flush_surrogate(out);
        if (code >= 0xD800 && code <= 0xDBFF) {
            high_surrogate_ = code;
        } else {
            append_utf8(out, code);
        }
    }
    void flush_surrogate(std::string& out) {
        if (high_surrogate_ != 0) append_utf8(out, high_surrogate_);
        high_surrogate_ = 0;
    }

    void number() {
        const Place start = place_;
        const std::size_t begin = at_;
        bool exact_integer = true;
        while (at_ < text_.size()) {
            const char c = text_[at_];
            if (c == '.' || c == 'e' || c == 'E') {
                exact_integer = false;
            } else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) {
                break;
            }
            step();
        }
        const std::string token(text_.substr(begin, at_ - begin));
        // Short integers always fit; anything else is read as the parser would read it.
        if (exact_integer && token.size() < 19) return;
        const double value = std::strtod(token.c_str(), nullptr);
        if (std::isinf(value)) {
            diagnostics_.error_at(file_, start.line, start.column,
                                  "the number " + (token.size() > 40 ? token.substr(0, 37) + "..." : token) +
                                      " is out of range; expected a number within ±1.8e308",
                                  "limit");
        }
    }

    std::string_view text_;
    const std::string& file_;
    Diagnostics& diagnostics_;
    std::size_t at_ = 0;
    Place place_;
    std::vector<Frame> stack_;
    std::uint32_t high_surrogate_ = 0;
};

}  // namespace

void check_json_text(std::string_view text, const std::string& file, Diagnostics& diagnostics) {
    Scanner(text, file, diagnostics).run();
}

}  // namespace csdmx::package
