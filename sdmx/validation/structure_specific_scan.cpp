#include "sdmx/validation/structure_specific_scan.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "core/utf8.h"
#include "sdmx/ml21/namespaces.h"
#include "sdmx/values.h"

namespace csdmx::sdmx {

namespace {

// ---- Planning: the component types exactly as write_dsd_schema types them ----

bool has_facets(const TextFormat& format) {
    return format.min_length || format.max_length || format.min_value || format.max_value || format.decimals ||
           format.pattern;
}

// The scan type of a text format without facets, or nullopt when the scan does not decide it.
std::optional<ScanComponent> typed(const std::string& text_type) {
    ScanComponent component;
    if (text_type == "String") {
        component.type = ScanValueType::any_string;
    } else if (text_type == "Double" || text_type == "Float") {
        component.type = ScanValueType::xs_double;
        component.single_precision = text_type == "Float";
    } else if (text_type == "Decimal" || text_type == "InclusiveValueRange" || text_type == "ExclusiveValueRange" ||
               text_type == "Incremental") {
        component.type = ScanValueType::xs_decimal;
    } else if (text_type == "BigInteger" || text_type == "Count") {
        component.type = ScanValueType::xs_integer;
    } else if (text_type == "Integer") {
        component.type = ScanValueType::xs_integer;
        component.min_integer = std::numeric_limits<std::int32_t>::min();
        component.max_integer = std::numeric_limits<std::int32_t>::max();
    } else if (text_type == "Long") {
        component.type = ScanValueType::xs_integer;
        component.min_integer = std::numeric_limits<std::int64_t>::min();
        component.max_integer = std::numeric_limits<std::int64_t>::max();
    } else if (text_type == "Short") {
        component.type = ScanValueType::xs_integer;
        component.min_integer = std::numeric_limits<std::int16_t>::min();
        component.max_integer = std::numeric_limits<std::int16_t>::max();
    } else if (text_type == "Boolean") {
        component.type = ScanValueType::xs_boolean;
    } else if (text_type == "ObservationalTimePeriod") {
        component.type = ScanValueType::time_period;
    } else {
        return std::nullopt;
    }
    return component;
}

std::optional<ScanComponent> component_of(const std::string& id, const ConceptRef& identity,
                                          const std::optional<Representation>& local, const StructureSet& structures) {
    auto representation = structures.representation_of(identity, local);
    std::optional<ScanComponent> component;
    if (representation && representation->enumeration) {
        const Codelist* codelist = structures.find_codelist(*representation->enumeration);
        // A missing codelist is an error the caller reports; the scan does not decide.
        if (codelist == nullptr || codelist != structures.codelist_of(identity, local)) return std::nullopt;
        component.emplace();
        component->type = ScanValueType::code;
        for (const auto& code : codelist->items) component->codes.insert(code.id);
    } else if (representation && representation->text_format) {
        if (has_facets(*representation->text_format)) return std::nullopt;
        component = typed(representation->text_format->text_type);
    } else {
        component.emplace();
        component->type = ScanValueType::any_string;
    }
    if (component) component->id = id;
    return component;
}

// ---- Values ----

bool all_digits(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

// -?digits(.digits)?([eE][+-]?digits)?, NaN, INF, -INF, finite in its precision: a
// subset of xs:double and xs:float that Xerces accepts (no whitespace, no "5." or ".5").
bool is_plain_double(std::string_view text, bool single_precision) {
    if (text == "NaN" || text == "INF" || text == "-INF") return true;
    std::string_view rest = text;
    if (!rest.empty() && rest.front() == '-') rest.remove_prefix(1);
    std::size_t i = 0;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
    if (i == 0) return false;
    if (i < rest.size() && rest[i] == '.') {
        std::size_t start = ++i;
        while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
        if (i == start) return false;
    }
    const bool exponent = i < rest.size() && (rest[i] == 'e' || rest[i] == 'E');
    if (exponent) {
        ++i;
        if (i < rest.size() && (rest[i] == '+' || rest[i] == '-')) ++i;
        std::size_t start = i;
        while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
        if (i == start) return false;
    }
    if (i != rest.size()) return false;
    if (!exponent && i <= 15 && !single_precision) return true;  // plainly in range
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return false;
    const double magnitude = std::fabs(value);
    if (single_precision) {
        return magnitude == 0 ||
               (magnitude <= std::numeric_limits<float>::max() && magnitude >= std::numeric_limits<float>::min());
    }
    return magnitude == 0 || magnitude >= std::numeric_limits<double>::min();
}

bool is_plain_decimal(std::string_view text) {
    if (!text.empty() && text.front() == '-') text.remove_prefix(1);
    auto dot = text.find('.');
    if (dot == std::string_view::npos) return all_digits(text);
    return all_digits(text.substr(0, dot)) && all_digits(text.substr(dot + 1));
}

bool is_plain_integer(std::string_view text, long long min, long long max) {
    std::string_view digits = text;
    if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
    if (!all_digits(digits)) return false;
    if (min == 0 && max == 0) return true;
    long long value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && value >= min && value <= max;
}

int two_digits(std::string_view text, std::size_t at) {
    return (text[at] - '0') * 10 + (text[at + 1] - '0');
}

bool digits_at(std::string_view text, std::size_t at, std::size_t count) {
    if (at + count > text.size()) return false;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
    }
    return true;
}

// The common forms of common:ObservationalTimePeriodType, without time zones:
// xs:gYear, xs:gYearMonth, xs:date (years 0001 to 9999, real days) and the
// reporting periods YYYY-A1, -Sn, -Tn, -Qn, -Mnn, -Wnn, -Dnnn. Anything else
// (time zones, date-times, ranges) is left to Xerces.
bool is_plain_time_period(std::string_view text) {
    if (!digits_at(text, 0, 4)) return false;
    const int year = two_digits(text, 0) * 100 + two_digits(text, 2);
    if (text.size() == 4) return year != 0;
    if (text[4] != '-' || text.size() < 6) return false;
    const char kind = text[5];
    if (kind >= '0' && kind <= '9') {
        if (year == 0 || !digits_at(text, 5, 2)) return false;
        const int month = two_digits(text, 5);
        if (month < 1 || month > 12) return false;
        if (text.size() == 7) return true;
        if (text.size() != 10 || text[7] != '-' || !digits_at(text, 8, 2)) return false;
        const int day = two_digits(text, 8);
        static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        if (month == 2 && day == 29) return leap;
        return day >= 1 && day <= kDays[month - 1];
    }
    std::string_view period = text.substr(6);
    switch (kind) {
        case 'A':
            return period == "1";
        case 'S':
            return period == "1" || period == "2";
        case 'T':
            return period.size() == 1 && period[0] >= '1' && period[0] <= '3';
        case 'Q':
            return period.size() == 1 && period[0] >= '1' && period[0] <= '4';
        case 'M': {
            if (period.size() != 2 || !digits_at(period, 0, 2)) return false;
            const int month = two_digits(period, 0);
            return month >= 1 && month <= 12;
        }
        case 'W': {
            if (period.size() != 2 || !digits_at(period, 0, 2)) return false;
            const int week = two_digits(period, 0);
            return week >= 1 && week <= 53;
        }
        case 'D': {
            if (period.size() != 3 || !digits_at(period, 0, 3)) return false;
            const int day = (period[0] - '0') * 100 + two_digits(period, 1);
            return day >= 1 && day <= 366;
        }
        default:
            return false;
    }
}

bool value_fits(const ScanComponent& component, std::string_view value) {
    bool fits = false;
    switch (component.type) {
        case ScanValueType::any_string:
            fits = true;
            break;
        case ScanValueType::code:
            fits = component.codes.find(value) != component.codes.end();
            break;
        case ScanValueType::xs_double:
            fits = is_plain_double(value, component.single_precision);
            break;
        case ScanValueType::xs_decimal:
            fits = is_plain_decimal(value);
            break;
        case ScanValueType::xs_integer:
            fits = is_plain_integer(value, component.min_integer, component.max_integer);
            break;
        case ScanValueType::xs_boolean:
            fits = value == "true" || value == "false" || value == "1" || value == "0";
            break;
        case ScanValueType::time_period:
            fits = is_plain_time_period(value);
            break;
    }
    // The DSD rule on a numeric primary measure (data_conformance.cpp).
    return fits && (!component.numeric_measure || is_double_lexical(value));
}

// ---- Reading: a buffered pull scanner over the file ----

constexpr std::size_t kChunk = 1 << 20;
constexpr std::size_t kLongestMarkup = std::size_t{16} << 20;  // a tag or comment longer than this: not decided

bool is_space(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

class Input {
public:
    explicit Input(const std::filesystem::path& file) : file_(std::fopen(file.c_str(), "rb")) {}
    ~Input() {
        if (file_) std::fclose(file_);
    }
    Input(const Input&) = delete;
    Input& operator=(const Input&) = delete;

    bool opened() const { return file_ != nullptr; }
    const char* begin() const { return buffer_.data() + position_; }
    const char* end() const { return buffer_.data() + buffer_.size(); }
    std::size_t available() const { return buffer_.size() - position_; }
    bool at_end() const { return eof_ && available() == 0; }
    void consume(std::size_t count) { position_ += count; }

    // Reads more, keeping the unconsumed bytes; false at the end of the file or past the bound.
    bool more() {
        if (eof_ || available() > kLongestMarkup) return false;
        buffer_.erase(0, position_);
        position_ = 0;
        const std::size_t kept = buffer_.size();
        buffer_.resize(kept + kChunk);
        const std::size_t got = std::fread(buffer_.data() + kept, 1, kChunk, file_);
        buffer_.resize(kept + got);
        if (got == 0) eof_ = true;
        return got > 0;
    }

private:
    std::FILE* file_;
    std::string buffer_;
    std::size_t position_ = 0;
    bool eof_ = false;
};

// One start tag's XML attributes: views into the input, valid until it moves.
struct RawAttribute {
    std::string_view name;
    std::string_view value;  // as written, between the quotes
    bool plain = true;       // no reference, no whitespace to normalise, ASCII only
};

struct StartTag {
    std::string_view name;
    std::vector<RawAttribute> attributes;
    bool empty = false;
    std::size_t length = 0;
};

enum class Parse { done, need_more, not_decided };

// Parses a start tag at `text` ("<name ...>"), strictly: ASCII names without
// prefixes in the bodies are all the scan accepts there.
Parse parse_start_tag(const char* text, const char* end, StartTag& tag) {
    const char* p = text + 1;
    const char* name = p;
    while (p < end && *p != '>' && *p != '/' && !is_space(*p)) ++p;
    if (p == end) return Parse::need_more;
    tag.name = std::string_view(name, static_cast<std::size_t>(p - name));
    tag.attributes.clear();
    for (;;) {
        const char* before_space = p;
        while (p < end && is_space(*p)) ++p;
        if (p == end) return Parse::need_more;
        if (*p == '>') {
            tag.empty = false;
            tag.length = static_cast<std::size_t>(p + 1 - text);
            return Parse::done;
        }
        if (*p == '/') {
            if (p + 1 == end) return Parse::need_more;
            if (p[1] != '>') return Parse::not_decided;
            tag.empty = true;
            tag.length = static_cast<std::size_t>(p + 2 - text);
            return Parse::done;
        }
        if (p == before_space) return Parse::not_decided;  // attributes need space before them
        RawAttribute attribute;
        const char* attribute_name = p;
        while (p < end && *p != '=' && !is_space(*p) && *p != '>' && *p != '/') ++p;
        if (p == end) return Parse::need_more;
        attribute.name = std::string_view(attribute_name, static_cast<std::size_t>(p - attribute_name));
        while (p < end && is_space(*p)) ++p;
        if (p == end) return Parse::need_more;
        if (*p != '=') return Parse::not_decided;
        ++p;
        while (p < end && is_space(*p)) ++p;
        if (p == end) return Parse::need_more;
        const char quote = *p;
        if (quote != '"' && quote != '\'') return Parse::not_decided;
        const char* value = ++p;
        const void* closing = std::memchr(p, quote, static_cast<std::size_t>(end - p));
        if (closing == nullptr) return Parse::need_more;
        p = static_cast<const char*>(closing);
        attribute.value = std::string_view(value, static_cast<std::size_t>(p - value));
        for (char c : attribute.value) {
            const auto byte = static_cast<unsigned char>(c);
            if (c == '<') return Parse::not_decided;
            if (byte < 0x20 || byte >= 0x80 || c == '&') attribute.plain = false;
        }
        ++p;
        tag.attributes.push_back(attribute);
    }
}

// An attribute value as the XML parser hands it to the schema: references replaced,
// whitespace normalised to spaces. False when it is not well-formed or not plain XML
// characters (then the scan does not decide).
bool normalised_value(std::string_view raw, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        const auto byte = static_cast<unsigned char>(c);
        if (c == '&') {
            const auto semicolon = raw.find(';', i);
            if (semicolon == std::string_view::npos) return false;
            const std::string_view entity = raw.substr(i + 1, semicolon - i - 1);
            i = semicolon;
            if (entity == "amp") {
                out += '&';
            } else if (entity == "lt") {
                out += '<';
            } else if (entity == "gt") {
                out += '>';
            } else if (entity == "quot") {
                out += '"';
            } else if (entity == "apos") {
                out += '\'';
            } else if (entity.size() > 1 && entity[0] == '#') {
                // Character references to printable ASCII only; others are left to Xerces.
                unsigned value = 0;
                const bool hex = entity[1] == 'x';
                const std::string_view digits = entity.substr(hex ? 2 : 1);
                auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value, hex ? 16 : 10);
                if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || value < 0x20 ||
                    value >= 0x7f) {
                    return false;
                }
                out += static_cast<char>(value);
            } else {
                return false;
            }
        } else if (c == '\t' || c == '\n') {
            out += ' ';
        } else if (c == '\r') {
            out += ' ';
            if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;  // CR LF is one line end
        } else if (byte < 0x20) {
            return false;
        } else {
            out += c;
        }
    }
    if (!is_valid_utf8(out)) return false;
    // U+FFFE and U+FFFF are not XML characters.
    return out.find("\xEF\xBF\xBE") == std::string::npos && out.find("\xEF\xBF\xBF") == std::string::npos;
}

// The namespace a prefix ("" for the default) is bound to by these attributes, if they bind it.
std::optional<std::string_view> binding(const std::vector<RawAttribute>& attributes, std::string_view prefix) {
    for (const auto& attribute : attributes) {
        if (prefix.empty() ? attribute.name == "xmlns"
                           : attribute.name.size() == prefix.size() + 6 &&
                                 attribute.name.substr(0, 6) == "xmlns:" && attribute.name.substr(6) == prefix) {
            return attribute.value;
        }
    }
    return std::nullopt;
}

std::string_view prefix_of(std::string_view name) {
    auto colon = name.find(':');
    return colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
}

std::string_view local_of(std::string_view name) {
    auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

class Scanner {
public:
    Scanner(const StructureSpecificScan& plan, bool flat, const std::vector<std::string>& mandatory_dataset,
            std::uint64_t mandatory_mask, Input& input, std::string& skeleton, std::string& reason)
        : plan_(plan),
          flat_(flat),
          mandatory_dataset_(mandatory_dataset),
          mandatory_mask_(mandatory_mask),
          in_(input),
          skeleton_(skeleton),
          reason_(reason) {}

    bool run() {
        if (!prolog()) return false;
        for (;;) {
            if (in_.available() == 0 && !in_.more()) break;
            const char* p = in_.begin();
            if (*p != '<') {
                const void* lt = std::memchr(p, '<', in_.available());
                const std::size_t length = lt ? static_cast<std::size_t>(static_cast<const char*>(lt) - p) : in_.available();
                skeleton_.append(p, length);
                in_.consume(length);
                continue;
            }
            if (in_.available() < 2 && !in_.more()) return fail("the message ends inside markup");
            p = in_.begin();
            if (p[1] == '!' || p[1] == '?') {
                if (!other_markup()) return false;
                continue;
            }
            if (p[1] == '/') {
                if (!copy_through('>')) return false;
                --depth_;
                if (depth_ == 1) in_dataset_ = false;
                continue;
            }
            StartTag tag;
            if (!read_start_tag(tag)) return false;
            if (depth_ == 1 && !in_dataset_ && !dataset_start(tag)) return false;
            if (depth_ == 2 && in_dataset_ && prefix_of(tag.name).empty() &&
                (tag.name == "Series" || tag.name == "Obs")) {
                // The data body: up to the DataSet's end tag, which stays in the skeleton.
                if (!body()) return false;
                continue;
            }
            if (depth_ == 0) root_ = tag_copy(tag);
            skeleton_.append(in_.begin(), tag.length);
            in_.consume(tag.length);
            if (!tag.empty) ++depth_;
        }
        if (depth_ != 0) return fail("the message ends before its root element does");
        return true;
    }

private:
    struct Bindings {
        std::optional<std::string> default_namespace;
        std::vector<std::pair<std::string, std::string>> prefixes;
    };

    static Bindings tag_copy(const StartTag& tag) {
        Bindings bindings;
        for (const auto& attribute : tag.attributes) {
            if (attribute.name == "xmlns") bindings.default_namespace = std::string(attribute.value);
            if (attribute.name.substr(0, 6) == "xmlns:") {
                bindings.prefixes.emplace_back(std::string(attribute.name.substr(6)), std::string(attribute.value));
            }
        }
        return bindings;
    }

    bool fail(const std::string& why) {
        reason_ = why;
        return false;
    }

    // Up to the root element: an XML declaration in UTF-8 (or without encoding), no DOCTYPE.
    bool prolog() {
        if (!in_.opened()) return fail("cannot be opened");
        in_.more();
        const std::string_view start(in_.begin(), std::min<std::size_t>(in_.available(), 4));
        if (start.size() >= 2 && (start.substr(0, 2) == "\xFE\xFF" || start.substr(0, 2) == "\xFF\xFE")) {
            return fail("UTF-16 is left to Xerces");
        }
        if (start.size() >= 3 && start.substr(0, 3) == "\xEF\xBB\xBF") {
            skeleton_.append(in_.begin(), 3);
            in_.consume(3);
        }
        return true;
    }

    bool other_markup() {
        for (;;) {
            const std::string_view text(in_.begin(), in_.available());
            std::string_view terminator;
            if (text.substr(0, 4) == "<!--") {
                terminator = "-->";
            } else if (text.substr(0, 9) == "<![CDATA[") {
                terminator = "]]>";
            } else if (text.substr(0, 2) == "<?") {
                terminator = "?>";
            } else if (text.size() < 9) {
                if (!in_.more()) return fail("the message ends inside markup");
                continue;
            } else {
                return fail("a DOCTYPE or declaration is left to Xerces");
            }
            const auto at = text.find(terminator, 2);
            if (at == std::string_view::npos) {
                if (!in_.more()) return fail("the message ends inside markup");
                continue;
            }
            const std::string_view markup = text.substr(0, at + terminator.size());
            if (markup.substr(0, 5) == "<?xml" && markup.size() > 5 && is_space(markup[5])) {
                // The encoding declared, if any, must be UTF-8.
                auto encoding = markup.find("encoding");
                if (encoding != std::string_view::npos) {
                    auto quote = markup.find_first_of("\"'", encoding);
                    if (quote == std::string_view::npos) return fail("a malformed XML declaration");
                    std::string name(markup.substr(quote + 1, 5));
                    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                    if (name != "utf-8" || markup[quote + 6] != markup[quote]) {
                        return fail("encodings other than UTF-8 are left to Xerces");
                    }
                }
            }
            skeleton_.append(markup);
            in_.consume(markup.size());
            return true;
        }
    }

    bool copy_through(char last) {
        for (;;) {
            const void* at = std::memchr(in_.begin(), last, in_.available());
            if (at != nullptr) {
                const auto length = static_cast<std::size_t>(static_cast<const char*>(at) - in_.begin()) + 1;
                skeleton_.append(in_.begin(), length);
                in_.consume(length);
                return true;
            }
            if (!in_.more()) return fail("the message ends inside markup");
        }
    }

    bool read_start_tag(StartTag& tag) {
        for (;;) {
            switch (parse_start_tag(in_.begin(), in_.end(), tag)) {
                case Parse::done:
                    return true;
                case Parse::not_decided:
                    return fail("a start tag the scan does not read");
                case Parse::need_more:
                    if (!in_.more()) return fail("the message ends inside a start tag");
                    break;
            }
        }
    }

    // A child of the root: a DataSet of the message namespace opens a data set.
    bool dataset_start(const StartTag& tag) {
        if (local_of(tag.name) != "DataSet") return true;
        const std::string_view prefix = prefix_of(tag.name);
        std::optional<std::string> ns;
        if (auto own = binding(tag.attributes, prefix)) {
            ns = std::string(*own);
        } else if (prefix.empty()) {
            ns = root_.default_namespace;
        } else {
            for (const auto& [declared, uri] : root_.prefixes) {
                if (declared == prefix) ns = uri;
            }
        }
        if (!ns || *ns != ml21::kMessageNs) return true;
        // Unprefixed Series and Obs must be in no namespace.
        const auto default_namespace = binding(tag.attributes, "");
        if ((default_namespace && !default_namespace->empty()) ||
            (!default_namespace && root_.default_namespace && !root_.default_namespace->empty())) {
            return fail("a default namespace over the data set is left to Xerces");
        }
        // The DSD rule: mandatory data-set-level attributes on the DataSet (empty or not).
        for (const auto& id : mandatory_dataset_) {
            bool present = false;
            for (const auto& attribute : tag.attributes) present = present || attribute.name == id;
            if (!present) return fail("mandatory data-set-level attribute " + id + " is missing");
        }
        in_dataset_ = !tag.empty;
        return true;
    }

    // Checks one Series or Obs start tag; sets the bits of the mandatory attributes it has.
    bool check_element(const StartTag& tag, const std::vector<ScanComponent>& components, std::uint64_t& present) {
        std::uint64_t seen = 0;  // components given, by index (a plan has at most 64)
        for (const auto& attribute : tag.attributes) {
            std::size_t index = 0;
            while (index < components.size() && components[index].id != attribute.name) ++index;
            if (index == components.size()) return fail("XML attribute " + std::string(attribute.name) + " on " +
                                                        std::string(tag.name) + " is not the DSD's");
            const std::uint64_t bit = std::uint64_t{1} << index;
            if (seen & bit) return fail("a repeated XML attribute");
            seen |= bit;
            const auto& component = components[index];
            std::string_view value = attribute.value;
            if (!attribute.plain) {
                if (!normalised_value(attribute.value, scratch_)) return fail("a value the scan does not read");
                value = scratch_;
            }
            if (!value_fits(component, value)) {
                return fail(component.id + ": value \"" + std::string(value) + "\" not decided valid");
            }
            if (component.mandatory_bit >= 0) present |= std::uint64_t{1} << component.mandatory_bit;
        }
        const std::uint64_t& required = &components == &plan_.series_components() ? series_required_ : obs_required_;
        if ((seen & required) != required) return fail("a required XML attribute is missing");
        return true;
    }

    // Series and Obs elements up to the DataSet's end tag (left in the input).
    bool body() {
        if (series_required_ == 0 && obs_required_ == 0) compute_required();
        int level = 0;  // open elements within the body: 0, Series (time series) or Obs
        bool obs_open = false;
        std::uint64_t series_present = 0;
        StartTag tag;
        for (;;) {
            if (in_.available() < 2 && !in_.more()) return fail("the message ends inside a data set");
            const char* p = in_.begin();
            if (*p != '<') {
                const char* q = p;
                const char* end = in_.end();
                while (q < end && is_space(*q)) ++q;
                if (q < end && *q != '<') return fail("text between observations");
                in_.consume(static_cast<std::size_t>(q - p));
                continue;
            }
            if (p[1] == '/') {
                if (level == 0) return true;  // the DataSet's end tag
                const void* gt = std::memchr(p, '>', in_.available());
                if (gt == nullptr) {
                    if (!in_.more()) return fail("the message ends inside an end tag");
                    continue;
                }
                std::string_view name(p + 2, static_cast<std::size_t>(static_cast<const char*>(gt) - p - 2));
                while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
                const bool closes_obs = obs_open;
                if (name != (closes_obs ? "Obs" : "Series")) return fail("an end tag that does not match");
                in_.consume(static_cast<std::size_t>(static_cast<const char*>(gt) - p) + 1);
                if (closes_obs) {
                    obs_open = false;
                } else {
                    series_present = 0;
                }
                --level;
                continue;
            }
            if (p[1] == '!' || p[1] == '?') return fail("comments and instructions in a data body are left to Xerces");
            if (!read_start_tag(tag)) return false;
            if (obs_open) return fail("an element inside an observation");
            if (tag.name == "Obs" && (flat_ ? level == 0 : level == 1)) {
                std::uint64_t present = series_present;
                if (!check_element(tag, plan_.observation_components(), present)) return false;
                if ((present & mandatory_mask_) != mandatory_mask_) return fail("a mandatory attribute is missing");
                ++observations_;
                if (!tag.empty) {
                    obs_open = true;
                    ++level;
                }
            } else if (!flat_ && tag.name == "Series" && level == 0) {
                series_present = 0;
                if (!check_element(tag, plan_.series_components(), series_present)) return false;
                if (!tag.empty) ++level;
            } else {
                return fail("element " + std::string(tag.name) + " where the scan expects " +
                            (flat_ || level == 1 ? "Obs" : "Series"));
            }
            in_.consume(tag.length);
        }
    }

    void compute_required() {
        for (std::size_t i = 0; i < plan_.series_components().size(); ++i) {
            if (plan_.series_components()[i].required) series_required_ |= std::uint64_t{1} << i;
        }
        for (std::size_t i = 0; i < plan_.observation_components().size(); ++i) {
            if (plan_.observation_components()[i].required) obs_required_ |= std::uint64_t{1} << i;
        }
    }

    const StructureSpecificScan& plan_;
    bool flat_;
    const std::vector<std::string>& mandatory_dataset_;
    std::uint64_t mandatory_mask_;
    Input& in_;
    std::string& skeleton_;
    std::string& reason_;
    Bindings root_;
    int depth_ = 0;
    bool in_dataset_ = false;
    std::uint64_t series_required_ = 0, obs_required_ = 0;
    std::uint64_t observations_ = 0;
    std::string scratch_;
};

}  // namespace

std::optional<StructureSpecificScan> StructureSpecificScan::plan(const DataStructure& dsd,
                                                                 const StructureSet& structures,
                                                                 ml21::ObservationLevel level) {
    StructureSpecificScan scan;
    scan.flat_ = level == ml21::ObservationLevel::all_dimensions;
    // Names the base types give a meaning of their own stay with Xerces.
    auto reserved = [](const std::string& id) {
        return id == "type" || id == "REPORTING_YEAR_START_DAY" || id == "TIME_PERIOD" || id == "OBS_VALUE";
    };
    if (!dsd.time_dimension || dsd.time_dimension->id != "TIME_PERIOD") return std::nullopt;
    if (dsd.primary_measure.id != "OBS_VALUE") return std::nullopt;
    auto& keyed = scan.flat_ ? scan.observation_ : scan.series_;
    for (const auto& dimension : dsd.dimensions) {
        if (reserved(dimension.id)) return std::nullopt;
        auto component =
            component_of(dimension.id, dimension.concept_identity, dimension.local_representation, structures);
        if (!component) return std::nullopt;
        component->required = true;
        keyed.push_back(std::move(*component));
    }
    // Typed directly as ObservationalTimePeriodType by the schema, whatever the DSD says.
    ScanComponent time;
    time.id = "TIME_PERIOD";
    time.type = ScanValueType::time_period;
    time.required = true;
    scan.observation_.push_back(std::move(time));
    auto measure = component_of(dsd.primary_measure.id, dsd.primary_measure.concept_identity,
                                dsd.primary_measure.local_representation, structures);
    if (!measure) return std::nullopt;
    auto measure_representation =
        structures.representation_of(dsd.primary_measure.concept_identity, dsd.primary_measure.local_representation);
    measure->numeric_measure =
        measure_representation && measure_representation->text_format &&
        (measure_representation->text_format->text_type == "Double" ||
         measure_representation->text_format->text_type == "Float" ||
         measure_representation->text_format->text_type == "Decimal");
    scan.observation_.push_back(std::move(*measure));
    int mandatory_bits = 0;
    for (const auto& attribute : dsd.attributes) {
        if (reserved(attribute.id)) return std::nullopt;
        if (attribute.relationship.level == AttachmentLevel::DataSet) {
            if (attribute.mandatory) scan.mandatory_dataset_attributes_.push_back(attribute.id);
            continue;
        }
        auto component =
            component_of(attribute.id, attribute.concept_identity, attribute.local_representation, structures);
        if (!component) return std::nullopt;
        if (attribute.mandatory) {
            if (mandatory_bits == 64) return std::nullopt;
            component->mandatory_bit = mandatory_bits;
            scan.mandatory_mask_ |= std::uint64_t{1} << mandatory_bits++;
        }
        const bool on_observation = scan.flat_ || attribute.relationship.level == AttachmentLevel::Observation;
        (on_observation ? scan.observation_ : scan.series_).push_back(std::move(*component));
    }
    // One id on one element once (else the schema has a clash Xerces decides), at most 64 per element.
    for (const auto* components : {&scan.series_, &scan.observation_}) {
        if (components->size() > 64) return std::nullopt;
        for (std::size_t i = 0; i < components->size(); ++i) {
            for (std::size_t j = i + 1; j < components->size(); ++j) {
                if ((*components)[i].id == (*components)[j].id) return std::nullopt;
            }
        }
    }
    return scan;
}

bool StructureSpecificScan::scan(const std::filesystem::path& file, std::string& skeleton,
                                 std::string& reason) const {
    skeleton.clear();
    Input input(file);
    Scanner scanner(*this, flat_, mandatory_dataset_attributes_, mandatory_mask_, input, skeleton, reason);
    return scanner.run();
}

}  // namespace csdmx::sdmx
