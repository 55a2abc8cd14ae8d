#include "package/table_reader.h"

#include <algorithm>
#include <map>
#include <optional>

#include "package/cell_memo.h"
#include "package/cell_values.h"
#include "package/csv_reader.h"
#include "package/dialect_sniffer.h"
#include "package/header_rows.h"
#include "package/text_pattern.h"
#include "package/text_source.h"
#include "sdmx/ids.h"
#include "sdmx/series_sorter.h"
#include "sdmx/xml/xml_writer.h"

namespace csdmx::package {

namespace {

constexpr std::size_t kSniffBytes = 1 << 16;
// Half the series sorter's (the keys checked are shorter than observations): with
// it, memory stays flat however long the table (see sdmx/series_sorter.h).
constexpr std::size_t kUniquenessBudget = sdmx::SeriesSorter::kDefaultMemoryBudget / 2;

// Without the spaces and tabs around it; a view into `text`.
std::string_view trim(std::string_view text) {
    auto blank = [](char c) { return c == ' ' || c == '\t'; };
    while (!text.empty() && blank(text.front())) text.remove_prefix(1);
    while (!text.empty() && blank(text.back())) text.remove_suffix(1);
    return text;
}

bool is_total_marker(std::string_view value) {
    static constexpr std::string_view kMarkers[] = {"total", "totals", "grand total", "sum", "overall", "all"};
    const std::string_view text = trim(value);
    return std::any_of(std::begin(kMarkers), std::end(kMarkers), [&](std::string_view marker) {
        return text.size() == marker.size() && std::equal(text.begin(), text.end(), marker.begin(), [](char a, char b) {
                   return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) == b;
               });
    });
}

// A problem found in one row, reported once the row's fate is known.
struct RowProblem {
    std::uint64_t line, column;
    std::string message;
    std::string kind;
    bool structural;    // the row's shape (fields, a total row), which `keep` lets pass
    std::string about;  // the column it is about, "" for the whole row
};

// The same problem in the same column is listed this many times, then counted.
constexpr std::uint64_t kListedPerColumnAndKind = 5;

struct Uniqueness {
    std::vector<std::size_t> fields;  // schema field indexes making up the key
    std::string kind;                 // "primary-key" or "unique"
    std::unique_ptr<sdmx::SeriesSorter> sorter;
    sdmx::Observation values;  // the row's key, reused from row to row (its strings keep their storage)
};

struct ExcelSighting {
    std::uint64_t count = 0, line = 0, column = 0;
    std::string file, example;
};

}  // namespace

struct TableReader::Impl {
    const Resource& resource;
    TableReadOptions options;
    Diagnostics& diagnostics;
    std::string file;
    std::unique_ptr<TextSource> source;
    std::unique_ptr<CsvReader> reader;
    CsvDialect dialect;
    std::size_t part = 0;                   // which of resource.parts is being read
    std::vector<std::string> part_files;    // display name of each part
    std::vector<std::string> header_names;  // the first part's, which later parts repeat
    TableStatistics statistics;
    std::vector<Field> fields;
    std::vector<int> position;  // per schema field: position in the record, -1 when absent
    std::size_t expected_fields = 0;
    std::vector<std::optional<TextPattern>> patterns;
    std::vector<bool> in_primary_key;  // per schema field
    std::vector<std::string> missing_values;
    std::vector<std::size_t> total_check_fields;
    std::vector<Uniqueness> uniqueness;
    std::map<std::size_t, ExcelSighting> excel;
    std::map<std::size_t, std::uint64_t> padded;
    std::vector<CellMemo> memos;  // per schema field
    struct Repeated {
        std::uint64_t count = 0;
        bool as_error = true;
    };
    std::map<std::pair<std::string, std::string>, Repeated> repeated;  // (column, kind)
    CsvRecord record;
    std::optional<CsvRecord> lookahead;
    std::string scratch;
    bool usable = false;

    Impl(const Resource& r, const TableReadOptions& o, Diagnostics& d)
        : resource(r), options(o), diagnostics(d), file(r.path.string()) {
        for (const auto& p : r.parts) part_files.push_back(p.string());
        if (part_files.empty()) part_files.push_back(file);
    }

    bool read_record(CsvRecord& out) {
        while (true) {
            if (lookahead) {
                out = std::move(*lookahead);
                lookahead.reset();
                return true;
            }
            if (reader->next(out)) return true;
            if (part + 1 >= part_files.size() || !open_next_part()) return false;
        }
    }

    // A resource in parts is read as one table: each part is opened in turn, with the
    // first part's dialect, and its header (files exported separately each have one)
    // is checked against the first part's and passed over. False when it differs.
    bool open_next_part() {
        ++part;
        file = part_files[part];
        reader.reset();
        source = std::make_unique<TextSource>(resource.parts[part], resource.encoding, file);
        if (!source->declared() && source->encoding() != statistics.encoding) {
            diagnostics.note(file, {},
                             "read as " + source->encoding() + " (" + source->how_chosen() +
                                 "), unlike the first part (" + statistics.encoding + ")",
                             "encoding");
        }
        reader = std::make_unique<CsvReader>(*source, dialect, file);
        const auto& rows = resource.dialect.header_rows;
        if (rows.empty()) return true;
        std::vector<CsvRecord> header_records;
        CsvRecord record_read;
        for (int n = 1; n <= rows.back(); ++n) {
            if (!reader->next(record_read)) return true;  // an empty part
            if (std::find(rows.begin(), rows.end(), n) != rows.end()) header_records.push_back(record_read);
        }
        std::vector<std::string> names = join_header_rows(header_records, resource.dialect.header_join);
        for (auto& name : names) name = trim_spaces(name);
        if (names == header_names) return true;
        const bool shares_a_name = std::any_of(names.begin(), names.end(), [&](const std::string& name) {
            return !name.empty() && std::find(header_names.begin(), header_names.end(), name) != header_names.end();
        });
        if (header_records.size() == 1 && !shares_a_name) {
            diagnostics.note(file, {}, "this part has no header line; its rows are read as the first part's columns",
                             "header");
            lookahead = std::move(header_records.front());
            return true;
        }
        std::size_t c = 0;
        while (c < names.size() && c < header_names.size() && names[c] == header_names[c]) ++c;
        const auto& shown = header_records.back();
        const std::string here = c < names.size() ? "\"" + names[c] + "\"" : "missing";
        const std::string there = c < header_names.size() ? "\"" + header_names[c] + "\"" : "absent";
        diagnostics.error_at(file, shown.line, c < shown.columns.size() ? shown.columns[c] : 1,
                             "this part's header differs from the first part's: column " + std::to_string(c + 1) +
                                 " is " + here + " here and " + there + " in " + part_files[0] +
                                 "; the parts of a resource must have the same columns",
                             "header");
        usable = false;
        return false;
    }

    void open() {
        source = std::make_unique<TextSource>(resource.path, resource.encoding, file);
        statistics.encoding = source->encoding();
        statistics.encoding_how = source->how_chosen();
        if (!source->declared() && source->encoding() != "UTF-8") {
            diagnostics.add({Severity::note,
                             file,
                             0,
                             0,
                             {},
                             "read as " + source->encoding() + " (" + source->how_chosen() +
                                 "); declare \"encoding\" in the resource to be explicit",
                             "encoding"});
        }
        dialect = resource.dialect;
        if (!resource.dialect_declared) {
            TextSource sample_source(resource.path, *source, file);
            std::string sample(kSniffBytes, '\0');
            std::size_t size = 0, count = 0;
            while (size < sample.size() &&
                   (count = sample_source.read(sample.data() + size, sample.size() - size)) > 0) {
                size += count;
            }
            sample.resize(size);
            SniffedDialect sniffed = sniff_delimiter(sample, dialect.quote_char);
            dialect.delimiter = sniffed.delimiter;
            statistics.delimiter_sniffed = true;
            if (sniffed.delimiter != ',') {
                std::string shown = sniffed.delimiter == '\t' ? "tab" : std::string("'") + sniffed.delimiter + "'";
                diagnostics.add({Severity::note,
                                 file,
                                 0,
                                 0,
                                 {},
                                 "delimiter " + shown + " sniffed (the resource declares no dialect)" +
                                     (sniffed.confident ? "" : "; the lines do not agree well, check it"),
                                 "dialect"});
            }
        }
        statistics.delimiter = dialect.delimiter;
        reader = std::make_unique<CsvReader>(*source, dialect, file);
    }

    void expand_fields() {
        fields = expanded_fields(resource.schema);
        for (const auto& field : resource.schema.fields) {
            std::optional<TextPattern> pattern;
            if (field.constraints.pattern) {
                pattern.emplace(*field.constraints.pattern);
                if (!pattern->valid()) {
                    diagnostics.error(
                        resource.path.string(), field.json_path + ".constraints.pattern",
                        "not a usable regular expression (" + pattern->error() + "): " + *field.constraints.pattern,
                        "schema");
                    pattern.reset();
                }
            }
            patterns.push_back(std::move(pattern));
        }
        for (const auto& field : resource.schema.fields) {
            const auto& key = resource.schema.primary_key;
            in_primary_key.push_back(std::find(key.begin(), key.end(), field.name) != key.end());
        }
        missing_values = resource.schema.missing_values;
        missing_values.insert(missing_values.end(), options.extra_missing_values.begin(),
                              options.extra_missing_values.end());
    }

    bool is_missing(std::string_view text) const {
        return std::find(missing_values.begin(), missing_values.end(), text) != missing_values.end();
    }

    // Header rows joined into one name per column (merged upper cells filled from the left).
    bool read_header(std::vector<std::string>& names, CsvRecord& last_row) {
        const auto& rows = resource.dialect.header_rows;
        std::vector<CsvRecord> header_records;
        CsvRecord row;
        for (int n = 1; n <= rows.back(); ++n) {
            if (!read_record(row)) {
                diagnostics.error_at(file, row.line ? row.line : 1, 1,
                                     "the file ends before header row " + std::to_string(n), "header");
                return false;
            }
            if (std::find(rows.begin(), rows.end(), n) != rows.end()) header_records.push_back(row);
        }
        names = join_header_rows(header_records, resource.dialect.header_join);
        const std::size_t width = names.size();
        last_row = header_records.back();
        last_row.fields.resize(width);
        last_row.columns.resize(width, 0);
        return true;
    }

    void check_header_names(const std::vector<std::string>& names, const std::vector<std::string>& effective,
                            const std::vector<std::string>& repaired, const CsvRecord& header) {
        const bool as_error = options.bad_rows == BadRowPolicy::reject;
        std::size_t empty = 0;
        std::map<std::string, std::size_t> first_column;
        for (std::size_t c = 0; c < names.size(); ++c) {
            if (names[c].empty()) ++empty;
            if (effective[c] != names[c]) continue;  // the schema names it by its repaired name
            const std::string repair =
                "; to read it without editing the file, give its field the name \"" + repaired[c] + "\" in the schema";
            if (names[c].empty()) {
                diagnostics.problem_at(as_error, file, header.line, header.columns[c],
                                       "column " + std::to_string(c + 1) + " has no name" + repair, "header");
                continue;
            }
            auto [it, inserted] = first_column.emplace(names[c], c);
            if (!inserted) {
                diagnostics.problem_at(as_error, file, header.line, header.columns[c],
                                       "column name \"" + names[c] + "\" appears twice (columns " +
                                           std::to_string(it->second + 1) + " and " + std::to_string(c + 1) + ")" +
                                           repair,
                                       "header");
            }
        }
        // A header cell left empty over several columns, with a row of labels under it,
        // is the upper row of a two-row header (merged cells in a spreadsheet).
        if (resource.dialect.header_rows.size() == 1 && empty > 0) {
            CsvRecord next;
            if (reader->next(next)) {
                if (looks_like_upper_header_row(header, next)) {
                    diagnostics.warning_at(file, header.line, 1,
                                           "line " + std::to_string(header.line) +
                                               " looks like the upper row of a two-row header (names over several "
                                               "columns, labels under them on line " +
                                               std::to_string(next.line) +
                                               "); declare \"headerRows\": [1, 2] in the resource's dialect",
                                           "header");
                }
                lookahead = std::move(next);
            }
        }
    }

    bool bind(const std::vector<std::string>& names, const CsvRecord& header) {
        const auto& schema_fields = resource.schema.fields;
        expected_fields = names.size();
        // Table Schema's rule: field i is column i, the names agreeing. Only when they
        // do not (a schema for some of the columns, or in another order) are fields
        // matched by name.
        bool in_order = names.size() == schema_fields.size();
        for (std::size_t f = 0; in_order && f < schema_fields.size(); ++f) in_order = names[f] == schema_fields[f].name;
        if (in_order) {
            position.resize(schema_fields.size());
            for (std::size_t f = 0; f < position.size(); ++f) position[f] = static_cast<int>(f);
            return true;
        }
        position.assign(schema_fields.size(), -1);
        bool ok = true;
        for (std::size_t f = 0; f < schema_fields.size(); ++f) {
            const auto& name = schema_fields[f].name;
            std::vector<std::size_t> matches;
            for (std::size_t c = 0; c < names.size(); ++c) {
                if (names[c] == name) matches.push_back(c);
            }
            if (matches.empty()) {
                diagnostics.error_at(
                    file, header.line, 1,
                    "the header has no column \"" + name + "\", which " + schema_fields[f].json_path + " describes",
                    "header");
                ok = false;
            } else if (matches.size() > 1) {
                diagnostics.error_at(file, header.line, header.columns[matches[1]],
                                     "the field \"" + name + "\" matches " + std::to_string(matches.size()) +
                                         " columns; column names must be unique",
                                     "header");
                ok = false;
            } else {
                position[f] = static_cast<int>(matches[0]);
            }
        }
        for (std::size_t c = 0; c < names.size(); ++c) {
            if (!names[c].empty() && resource.schema.find(names[c]) == nullptr) {
                diagnostics.warning_at(
                    file, header.line, header.columns[c],
                    "column \"" + names[c] + "\" is not described in the Table Schema and is left out", "header");
            }
        }
        expected_fields = names.size();
        return ok;
    }

    void set_up_checks() {
        const auto& schema = resource.schema;
        memos.resize(schema.fields.size());
        for (const auto& name : schema.primary_key) {
            for (std::size_t f = 0; f < schema.fields.size(); ++f) {
                if (schema.fields[f].name == name) total_check_fields.push_back(f);
            }
        }
        if (total_check_fields.empty() && !schema.fields.empty()) total_check_fields.push_back(0);
        auto spill = options.spill_directory.empty() ? std::filesystem::temp_directory_path() : options.spill_directory;
        if (options.check_primary_key && !schema.primary_key.empty()) {
            Uniqueness key;
            key.fields = total_check_fields;
            key.kind = "primary-key";
            key.sorter = std::make_unique<sdmx::SeriesSorter>(spill, kUniquenessBudget);
            uniqueness.push_back(std::move(key));
        }
        for (std::size_t f = 0; f < schema.fields.size() && options.check_unique; ++f) {
            if (!schema.fields[f].constraints.unique) continue;
            Uniqueness unique;
            unique.fields = {f};
            unique.kind = "unique";
            unique.sorter = std::make_unique<sdmx::SeriesSorter>(spill, kUniquenessBudget);
            uniqueness.push_back(std::move(unique));
        }
    }

    void start() {
        open();
        expand_fields();
        if (resource.dialect.header_rows.empty()) {
            position.resize(resource.schema.fields.size());
            for (std::size_t f = 0; f < position.size(); ++f) position[f] = static_cast<int>(f);
            expected_fields = position.size();
            usable = true;
        } else {
            std::vector<std::string> names;
            CsvRecord header;
            if (!read_header(names, header)) return;
            header_names = names;
            for (auto& name : header_names) name = trim_spaces(name);
            // An empty or repeated name the schema gives as "column_12" or "x__2" is
            // read under that name: the raw file need not be edited.
            const auto repaired = repaired_header_names(names);
            std::vector<std::string> effective = names;
            for (std::size_t c = 0; c < names.size(); ++c) {
                if (repaired[c] != names[c] && resource.schema.find(repaired[c]) != nullptr) effective[c] = repaired[c];
            }
            check_header_names(names, effective, repaired, header);
            usable = bind(effective, header);
        }
        if (usable) set_up_checks();
    }

    // Reads one cell as its field; adds problems; returns false when the value is unusable.
    void read_cell(const CsvRecord& input, std::size_t f, TableCell& cell, std::vector<RowProblem>& problems) {
        const Field& field = resource.schema.fields[f];
        const int at = position[f];
        cell.value.clear();
        cell.missing = true;
        cell.line = input.line;
        cell.column = 0;
        if (at < 0 || static_cast<std::size_t>(at) >= input.fields.size()) {
            if (field.constraints.required) {
                problems.push_back({input.line, 0, "column \"" + field.name + "\": a value is required", "required",
                                    true, field.name});
            }
            return;
        }
        const std::string& raw = input.fields[static_cast<std::size_t>(at)];
        cell.line = input.lines[static_cast<std::size_t>(at)];
        cell.column = input.columns[static_cast<std::size_t>(at)];
        if (const MemoisedCell* seen = memos[f].find(raw)) {
            // Read before, and fine: counted as that reading was (the first Excel sighting is recorded).
            if (seen->padded) ++padded[f];
            if (seen->excel_like) ++excel[f].count;
            cell.value.assign(seen->value);
            cell.missing = false;
            return;
        }
        // Spreadsheet exports pad values (" Dowa", "No cost "); the spaces carry no meaning.
        const std::string_view text = trim(raw);
        const bool padded_text = text.size() != raw.size() && !text.empty();
        if (padded_text) ++padded[f];
        const bool in_key = in_primary_key[f];
        if (is_missing(text)) {
            if (field.constraints.required || in_key) {
                problems.push_back({cell.line, cell.column,
                                    "column \"" + field.name + "\": a value is required (" +
                                        (in_key ? "primaryKey" : "constraints.required") + ")",
                                    "required", false, field.name});
            }
            return;
        }
        std::string problem = normalise_cell(field, text, cell.value);
        std::size_t bad_byte = 0;
        if (problem.empty() && !sdmx::is_xml_text(cell.value, &bad_byte)) {
            problem = "a control character (byte " + std::to_string(bad_byte + 1) +
                      " of the value) cannot be carried by SDMX-ML; remove it";
        }
        if (problem.empty()) {
            problem = check_constraints(field, text, cell.value, patterns[f] ? &*patterns[f] : nullptr);
            if (!problem.empty()) {
                problems.push_back(
                    {cell.line, cell.column,
                     "column \"" + field.name + "\": " + problem + "; found \"" + std::string(text) + "\"",
                     "constraint", false, field.name});
                return;
            }
        } else {
            problems.push_back({cell.line, cell.column,
                                "column \"" + field.name + "\": " + problem + "; found \"" + std::string(text) + "\"",
                                "type", false, field.name});
            return;
        }
        const bool excel_like = std::string_view(field.type) == "string" && looks_like_excel_mangled_identifier(text);
        if (excel_like) {
            auto& seen = excel[f];
            if (seen.count++ == 0) {
                seen.file = file;
                seen.line = cell.line;
                seen.column = cell.column;
                seen.example = std::string(text);
            }
        }
        cell.missing = false;
        memos[f].keep(raw, cell.value, padded_text, excel_like);
    }

    // Splits a select_multiple cell into its choices, longest label first.
    void split_choices(const Field& field, const TableCell& cell, std::size_t first_indicator, TableRow& row,
                       std::vector<RowProblem>& problems) {
        const auto& multiple = *field.select_multiple;
        for (std::size_t k = 0; k < multiple.choices.size(); ++k) {
            auto& indicator = row.cells[first_indicator + k];
            indicator.missing = cell.missing;
            indicator.value = cell.missing ? "" : "0";
            indicator.line = cell.line;
            indicator.column = cell.column;
        }
        if (cell.missing) return;
        std::vector<std::size_t> order(multiple.choices.size());
        for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return multiple.choices[a].size() > multiple.choices[b].size();
        });
        std::string_view rest = cell.value;
        while (!rest.empty()) {
            while (rest.substr(0, multiple.separator.size()) == multiple.separator)
                rest.remove_prefix(multiple.separator.size());
            if (rest.empty()) break;
            bool matched = false;
            for (std::size_t k : order) {
                const auto& label = multiple.choices[k];
                if (rest.substr(0, label.size()) == label &&
                    (rest.size() == label.size() ||
                     rest.substr(label.size(), multiple.separator.size()) == multiple.separator)) {
                    row.cells[first_indicator + k].value = "1";
                    rest.remove_prefix(label.size());
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                std::string choices;
                for (const auto& label : multiple.choices) choices += (choices.empty() ? "" : ", ") + label;
                problems.push_back({cell.line, cell.column,
                                    "column \"" + field.name + "\": \"" + std::string(rest) +
                                        "\" is not one of the choices of this select_multiple question (" + choices +
                                        ")",
                                    "select-multiple", false, field.name});
                return;
            }
        }
    }

    bool next(TableRow& row) {
        const auto& schema_fields = resource.schema.fields;
        std::vector<RowProblem> problems;
        while (usable && read_record(record)) {
            ++statistics.rows_read;
            problems.clear();
            if (std::all_of(record.fields.begin(), record.fields.end(),
                            [](const auto& f) { return trim(f).empty(); })) {
                ++statistics.empty_rows;
                continue;
            }
            if (record.fields.size() != expected_fields) {
                problems.push_back({record.line, 1,
                                    "expected " + std::to_string(expected_fields) +
                                        " fields, as in the header; found " + std::to_string(record.fields.size()),
                                    "field-count", true, ""});
            }
            row.line = record.line;
            row.part = part;
            row.file = part_files[part];
            row.cells.resize(fields.size());
            for (std::size_t f = 0; f < schema_fields.size(); ++f) read_cell(record, f, row.cells[f], problems);
            std::size_t indicator = schema_fields.size();
            for (std::size_t f = 0; f < schema_fields.size(); ++f) {
                if (!schema_fields[f].select_multiple) continue;
                split_choices(schema_fields[f], row.cells[f], indicator, row, problems);
                indicator += schema_fields[f].select_multiple->choices.size();
            }
            for (std::size_t f : total_check_fields) {
                const auto& cell = row.cells[f];
                if (!cell.missing && is_total_marker(cell.value)) {
                    problems.push_back({cell.line, cell.column,
                                        "this looks like a total row (\"" + cell.value + "\" in column \"" +
                                            schema_fields[f].name +
                                            "\"), not an observation; remove it, or set the bad-row policy",
                                        "total-row", true, ""});
                    break;
                }
            }
            if (deliver_despite(problems)) {
                for (auto& key : uniqueness) add_key(key, row);
                ++statistics.rows_delivered;
                return true;
            }
            ++statistics.rows_skipped;
        }
        return false;
    }

    // Reports the row's problems as the policy says; true when the row is to be used.
    bool deliver_despite(const std::vector<RowProblem>& problems) {
        if (problems.empty()) return true;
        const auto policy = options.bad_rows;
        bool keepable = policy == BadRowPolicy::keep &&
                        std::all_of(problems.begin(), problems.end(), [](const auto& p) { return p.structural; });
        for (const auto& p : problems) {
            bool as_error = policy == BadRowPolicy::reject || (policy == BadRowPolicy::keep && !p.structural);
            auto& seen = repeated[{p.about, p.kind}];
            seen.as_error = seen.as_error && as_error;
            if (++seen.count > kListedPerColumnAndKind) continue;  // summed up in finish()
            std::string message = p.message;
            if (policy == BadRowPolicy::skip) message += " (row skipped)";
            if (keepable) message += " (row kept)";
            diagnostics.problem_at(as_error, file, p.line, p.column, message, p.kind);
        }
        return keepable;
    }

    void add_key(Uniqueness& key, const TableRow& row) {
        auto& values = key.values.key;
        values.resize(key.fields.size());
        for (std::size_t i = 0; i < key.fields.size(); ++i) {
            const auto& cell = row.cells[key.fields[i]];
            if (cell.missing) return;  // missing values are not compared
            values[i] = cell.value;
        }
        key.sorter->add(key.values, row.position());
    }

    std::string describe(std::uint64_t position) const {
        std::string text = "line " + std::to_string(line_of_position(position));
        if (part_files.size() > 1) text += " of " + part_files[part_of_position(position)];
        return text;
    }

    void finish() {
        const auto& schema_fields = resource.schema.fields;
        // Summaries are about the whole resource, named by its first part.
        file = part_files.front();
        for (auto& key : uniqueness) {
            key.sorter->replay(
                [](const sdmx::Observation&) {},
                [&](const sdmx::Observation&, std::uint64_t first, const sdmx::Observation& values,
                    std::uint64_t line) {
                    std::string shown;
                    for (std::size_t i = 0; i < key.fields.size(); ++i) {
                        shown += (i ? ", " : "") + schema_fields[key.fields[i]].name + "=" + values.key[i];
                    }
                    diagnostics.error_at(part_files[part_of_position(line)], line_of_position(line), 0,
                                         std::string(key.kind == "unique" ? "a unique value" : "the primary key") +
                                             " repeats the row on " + describe(first) + " (" + shown + ")",
                                         key.kind);
                });
        }
        for (const auto& [f, seen] : excel) {
            diagnostics.warning_at(seen.file, seen.line, seen.column,
                                   "column \"" + schema_fields[f].name + "\": \"" + seen.example +
                                       "\" looks like a long identifier that a spreadsheet turned into a number in "
                                       "scientific notation; its digits are lost (" +
                                       std::to_string(seen.count) + " such value(s) in the column)",
                                   "excel-number");
        }
        for (const auto& [key, seen] : repeated) {
            if (seen.count <= kListedPerColumnAndKind) continue;
            const auto more = seen.count - kListedPerColumnAndKind;
            std::string where = key.first.empty() ? "rows" : "column \"" + key.first + "\"";
            diagnostics.problem_at(seen.as_error, file, 0, 0,
                                   where + ": " + std::to_string(more) + " more problem(s) like the " +
                                       std::to_string(kListedPerColumnAndKind) + " above (" + key.second +
                                       "), not listed one by one",
                                   key.second);
            if (seen.as_error && more > 1) diagnostics.add_suppressed_errors(more - 1);
        }
        if (!padded.empty()) {
            std::string columns;
            for (const auto& [f, count] : padded) {
                columns += (columns.empty() ? "" : ", ") + schema_fields[f].name + " (" + std::to_string(count) + ")";
            }
            diagnostics.note(file, {}, "values with spaces before or after them, which were removed, in: " + columns,
                             "padding");
        }
        if (statistics.empty_rows > 0) {
            diagnostics.note(file, {}, std::to_string(statistics.empty_rows) + " row(s) of empty cells left out",
                             "empty-rows");
        }
    }
};

TableReader::TableReader(const Resource& resource, const TableReadOptions& options, Diagnostics& diagnostics)
    : impl_(std::make_unique<Impl>(resource, options, diagnostics)) {
    impl_->start();
}

TableReader::~TableReader() = default;

bool TableReader::usable() const {
    return impl_->usable;
}
const std::vector<Field>& TableReader::fields() const {
    return impl_->fields;
}
bool TableReader::next(TableRow& row) {
    return impl_->next(row);
}
void TableReader::finish() {
    impl_->finish();
}
const TableStatistics& TableReader::statistics() const {
    return impl_->statistics;
}
const std::string& TableReader::file_of(std::uint64_t position) const {
    return impl_->part_files[std::min(part_of_position(position), impl_->part_files.size() - 1)];
}
std::string TableReader::describe(std::uint64_t position) const {
    return impl_->describe(position);
}

}  // namespace csdmx::package
