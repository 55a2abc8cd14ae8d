#include "registry/file_checks.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "core/diagnostic.h"
#include "sdmx/xml/xml_reader.h"

namespace csdmx::registry {

namespace {

void check_xml(const std::filesystem::path& file) {
    auto reader = sdmx::XmlReader::open_file(file);
    while (reader.read()) {
    }
}

// RFC 4180 records: quoted fields may hold commas and line breaks; every record
// has as many fields as the header.
void check_csv(const std::filesystem::path& file) {
    std::ifstream input(file, std::ios::binary);
    if (!input) throw InputError(file.string(), 0, 0, "cannot be read");
    std::uint64_t line = 1;
    std::uint64_t column = 0;
    std::uint64_t record_line = 1;
    std::size_t fields = 1;
    std::size_t header_fields = 0;
    bool quoted = false;
    bool at_field_start = true;
    bool empty_record = true;
    std::uint64_t quote_line = 0;
    std::uint64_t quote_column = 0;
    const auto end_record = [&]() {
        if (empty_record) return;  // blank lines (and a final newline) are not records
        if (header_fields == 0) {
            header_fields = fields;
        } else if (fields != header_fields) {
            throw InputError(file.string(), record_line, 1,
                             "expected " + std::to_string(header_fields) + " fields as in the header, found " +
                                 std::to_string(fields) + ": the file is truncated or corrupt");
        }
    };
    // Read in blocks: a quote inside a quoted field is only known to close it (or
    // to be the first of an escaped pair) at the next character, which may be in
    // the next block, hence `closing`.
    bool closing = false;
    std::string block(std::size_t{1} << 16U, '\0');
    while (input) {
        input.read(block.data(), static_cast<std::streamsize>(block.size()));
        const auto count = static_cast<std::size_t>(input.gcount());
        for (std::size_t i = 0; i < count; ++i) {
            const char c = block[i];
            ++column;
            if (closing) {
                closing = false;
                if (c == '"') continue;  // an escaped quote: still quoted
                quoted = false;
            }
            if (quoted) {
                if (c == '"') {
                    closing = true;
                } else if (c == '\n') {
                    ++line;
                    column = 0;
                }
                continue;
            }
            if (c == '"' && at_field_start) {
                quoted = true;
                quote_line = line;
                quote_column = column;
                at_field_start = false;
                empty_record = false;
            } else if (c == ',') {
                ++fields;
                at_field_start = true;
                empty_record = false;
            } else if (c == '\n') {
                end_record();
                ++line;
                column = 0;
                record_line = line;
                fields = 1;
                at_field_start = true;
                empty_record = true;
            } else if (c != '\r') {
                at_field_start = false;
                empty_record = false;
            }
        }
    }
    if (closing) quoted = false;
    if (quoted) {
        throw InputError(file.string(), quote_line, quote_column,
                         "a quoted field opened here is never closed: the file is truncated or corrupt");
    }
    end_record();
    if (header_fields == 0) throw InputError(file.string(), 1, 1, "expected a header line: the file is empty");
}

void check_json(const std::filesystem::path& file) {
    std::ifstream input(file, std::ios::binary);
    if (!input) throw InputError(file.string(), 0, 0, "cannot be read");
    const std::string text((std::istreambuf_iterator<char>(input)), std::istreambuf_iterator<char>());
    if (nlohmann::json::accept(text)) return;
    try {
        const nlohmann::json parsed = nlohmann::json::parse(text);  // throws, with the fault's offset
        static_cast<void>(parsed);
    } catch (const nlohmann::json::parse_error& error) {
        const std::size_t at = std::min<std::size_t>(error.byte == 0 ? 0 : error.byte - 1, text.size());
        std::uint64_t line = 1;
        std::size_t line_start = 0;
        for (std::size_t i = 0; i < at; ++i) {
            if (text[i] == '\n') {
                ++line;
                line_start = i + 1;
            }
        }
        throw InputError(file.string(), line, at - line_start + 1,
                         "not well-formed JSON (the file is truncated or corrupt)");
    }
}

}  // namespace

void check_well_formed(const std::filesystem::path& file, FileSyntax syntax) {
    switch (syntax) {
        case FileSyntax::xml:
            check_xml(file);
            return;
        case FileSyntax::csv:
            check_csv(file);
            return;
        case FileSyntax::json:
            check_json(file);
            return;
    }
}

}  // namespace csdmx::registry
