#include "package/package_inference.h"

#include <algorithm>
#include <optional>
#include <set>

#include "package/column_inference.h"
#include "package/csv_reader.h"
#include "package/dialect_sniffer.h"
#include "package/header_rows.h"
#include "package/personal_fields.h"
#include "package/text_source.h"
#include "sdmx/ids.h"

namespace csdmx::package {

namespace {

using json = nlohmann::ordered_json;

constexpr std::size_t kSampleBytes = 1 << 16;

// Columns survey tools add to every export, which are not observations.
bool is_survey_meta_column(const std::string& name) {
    static const std::set<std::string> kMeta = {"__version__",
                                                "_id",
                                                "_uuid",
                                                "_index",
                                                "_submission_time",
                                                "_validation_status",
                                                "_notes",
                                                "_status",
                                                "_submitted_by",
                                                "_tags",
                                                "_attachments",
                                                "_geolocation",
                                                "meta-instanceID",
                                                "meta/instanceID",
                                                "KEY",
                                                "SubmissionDate",
                                                "SubmitterID",
                                                "SubmitterName",
                                                "AttachmentsPresent",
                                                "AttachmentsExpected",
                                                "Status",
                                                "ReviewState",
                                                "DeviceID",
                                                "Edits",
                                                "instanceID",
                                                "deviceid",
                                                "subscriberid",
                                                "simserial",
                                                "phonenumber",
                                                "username",
                                                "audit"};
    return kMeta.count(name) > 0;
}

std::string lower_name(const std::filesystem::path& file) {
    std::string name = file.stem().string();
    std::string result;
    bool dash = false;
    for (char c : name) {
        bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
            keep = true;
        }
        if (!keep) {
            dash = !result.empty();
            continue;
        }
        if (dash) result += '-';
        dash = false;
        result += c;
    }
    return result.empty() ? "data" : result;
}

std::string sample_of(const std::filesystem::path& file, const std::string& encoding) {
    TextSource source(file, encoding, file.string());
    std::string sample(kSampleBytes, '\0');
    std::size_t size = 0, count = 0;
    while (size < sample.size() && (count = source.read(sample.data() + size, sample.size() - size)) > 0) size += count;
    sample.resize(size);
    return sample;
}

// Record tables (one row per response or reading) need a tabulation. The signs:
// survey-tool meta columns, a date-time column (a timestamp per row), many text
// columns. The skeleton counts records by up to two category columns (2 to 12
// values), per year of the first date column: a start the person edits.
struct RecordSkeleton {
    json tabulation;
    std::string reasons;  // why the table looks like records
    std::string summary;  // what the skeleton computes, in words
};

constexpr std::size_t kManyTextColumns = 8;
constexpr std::size_t kMaxCategoryCodes = 12;

std::optional<RecordSkeleton> record_table_skeleton(const json& fields, const std::vector<ColumnInference>& columns,
                                                    std::uint64_t rows, bool survey_export) {
    if (rows == 0) return std::nullopt;
    std::vector<std::string> reasons;
    if (survey_export) reasons.push_back("survey tool meta columns");
    std::string datetime_column, date_column;
    std::size_t text_columns = 0;
    std::vector<std::string> categories;
    for (std::size_t c = 0; c < fields.size() && c < columns.size(); ++c) {
        const auto& field = fields[c];
        const std::string name = field["name"];
        const std::string type = field["type"];
        const bool ignored = field.contains("sdmx");
        if (type == "datetime" && datetime_column.empty()) datetime_column = name;
        if ((type == "date" || type == "datetime") && date_column.empty() && !ignored) date_column = name;
        if (type != "string" || ignored) continue;
        ++text_columns;
        const auto result = columns[c].result();
        if (!field.contains("personal") && !field.contains("selectMultiple") && result.distinct >= 2 &&
            result.distinct <= kMaxCategoryCodes && result.values * 2 >= rows && categories.size() < 2) {
            categories.push_back(name);
        }
    }
    if (!datetime_column.empty()) reasons.push_back("a date-time column, " + datetime_column);
    if (text_columns >= kManyTextColumns) reasons.push_back(std::to_string(text_columns) + " text columns");
    if (reasons.empty()) return std::nullopt;

    RecordSkeleton skeleton;
    for (const auto& reason : reasons) skeleton.reasons += (skeleton.reasons.empty() ? "" : ", ") + reason;
    json group_by = json::array();
    for (const auto& name : categories) group_by.push_back({{"column", name}, {"totals", true}});
    skeleton.tabulation["group_by"] = group_by;
    if (!date_column.empty()) skeleton.tabulation["period"] = {{"column", date_column}, {"frequency", "A"}};
    skeleton.tabulation["statistics"] = json::array({{{"id", "RECORDS"}, {"name", "Records"}, {"function", "count"}}});
    skeleton.summary = "counts records";
    for (std::size_t i = 0; i < categories.size(); ++i) {
        skeleton.summary += (i == 0 ? " by " : " and ") + categories[i];
    }
    skeleton.summary += date_column.empty() ? " over the coverage period" : " per year of " + date_column;
    return skeleton;
}

json infer_resource(const std::filesystem::path& file, const std::string& relative, Diagnostics& diagnostics) {
    const std::string display = file.string();
    std::string how;
    const std::string encoding = detect_encoding(file, how);
    json resource = {{"name", lower_name(file)}, {"path", relative}, {"format", "csv"}};
    std::string encoding_label = encoding;
    std::transform(encoding_label.begin(), encoding_label.end(), encoding_label.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    resource["encoding"] = encoding_label;
    if (encoding != "UTF-8" || how == "byte order mark") {
        diagnostics.note(display, {}, "encoding " + encoding + " (" + how + ")", "encoding");
    }

    CsvDialect dialect;
    const std::string sample = sample_of(file, encoding);
    SniffedDialect sniffed = sniff_delimiter(sample);
    dialect.delimiter = sniffed.delimiter;
    if (!sniffed.confident) {
        diagnostics.warning(display, {}, "the delimiter is uncertain; check dialect.delimiter", "dialect");
    }

    TextSource source(file, encoding, display);
    CsvReader reader(source, dialect, display);
    CsvRecord first, second;
    if (!reader.next(first)) {
        diagnostics.error(display, {}, "the file has no rows", "header");
        return resource;
    }
    std::vector<CsvRecord> header_rows{first};
    bool has_second = reader.next(second);
    std::vector<int> header_row_numbers{1};
    if (has_second && looks_like_upper_header_row(first, second)) {
        header_rows.push_back(second);
        header_row_numbers.push_back(2);
        has_second = false;
        diagnostics.note(display, {}, "two header rows (names spanning several columns over labels): headerRows [1, 2]",
                         "header");
    }
    const std::vector<std::string> raw_names = join_header_rows(header_rows, " ");
    // Empty and repeated names get names the reader accepts (column_12, x__2).
    const std::vector<std::string> names = repaired_header_names(raw_names);

    std::vector<ColumnInference> columns(names.size());
    std::uint64_t rows = 0, misfits = 0, first_misfit = 0;
    auto observe = [&](const CsvRecord& record) {
        if (std::all_of(record.fields.begin(), record.fields.end(),
                        [](const auto& f) { return trim_spaces(f).empty(); })) {
            return;
        }
        ++rows;
        if (record.fields.size() != names.size()) {
            if (misfits++ == 0) first_misfit = record.line;
        }
        for (std::size_t c = 0; c < names.size() && c < record.fields.size(); ++c) columns[c].observe(record.fields[c]);
    };
    if (has_second) observe(second);
    CsvRecord record;
    while (reader.next(record)) observe(record);

    json dialect_json = {{"delimiter", std::string(1, dialect.delimiter)}, {"header", true}};
    if (header_row_numbers.size() > 1) dialect_json["headerRows"] = header_row_numbers;
    resource["dialect"] = dialect_json;

    json fields = json::array();
    std::set<std::string> missing;
    bool survey_export = false;
    std::string padded_columns, personal_columns;
    for (std::size_t c = 0; c < names.size(); ++c) {
        const std::string& name = names[c];
        auto inferred = columns[c].result();
        json field = {{"name", name}, {"type", inferred.type}};
        if (inferred.format != "default") field["format"] = inferred.format;
        if (inferred.decimal_char != ".") field["decimalChar"] = inferred.decimal_char;
        if (auto slash = name.rfind('/'); slash != std::string::npos && slash + 1 < name.size()) {
            field["title"] = name.substr(slash + 1);  // group/question paths of KoboToolbox and ODK
            field["description"] = "question " + name.substr(slash + 1) + " in group " + name.substr(0, slash);
        }
        if (inferred.select_multiple) field["selectMultiple"] = {{"choices", inferred.choices}, {"separator", " "}};
        if (is_survey_meta_column(name)) {
            field["sdmx"] = {{"role", "ignore"}};
            survey_export = true;
        }
        if (auto kind = personal_kind_of(name); !kind.empty()) {
            field["personal"] = kind;
            personal_columns += (personal_columns.empty() ? "" : ", ") + name + " (" + kind + ")";
        }
        if (inferred.padded > 0) {
            padded_columns +=
                (padded_columns.empty() ? "" : ", ") + name + " (" + std::to_string(inferred.padded) + ")";
        }
        for (const auto& note : inferred.notes) {
            diagnostics.note(display, "column \"" + name + "\"", note, "inference");
        }
        if (raw_names[c].empty()) {
            diagnostics.note(display, {},
                             "column " + std::to_string(c + 1) + " has no name; it is named \"" + name +
                                 "\" by its position, under which it is read (the file need not change)",
                             "header");
        } else if (raw_names[c] != name) {
            diagnostics.warning(display, {},
                                "column name \"" + raw_names[c] + "\" appears more than once; column " +
                                    std::to_string(c + 1) + " is named \"" + name +
                                    "\", under which it is read: check which is which, and give it a better name "
                                    "in the schema's \"title\"",
                                "header");
        }
        if (columns[c].values() == 0 && !field.contains("sdmx")) {
            field["sdmx"] = {{"role", "ignore"}};  // an empty column (";;;" at the end of lines) carries nothing
        }
        missing.insert(inferred.missing_markers.begin(), inferred.missing_markers.end());
        fields.push_back(std::move(field));
    }
    missing.insert("");
    resource["schema"] = {{"fields", fields},
                          {"missingValues", json(std::vector<std::string>(missing.begin(), missing.end()))}};
    if (!padded_columns.empty()) {
        diagnostics.note(display, {},
                         "values with spaces before or after them (removed when read) in: " + padded_columns,
                         "padding");
    }
    if (!personal_columns.empty()) {
        diagnostics.note(display, {},
                         "marked \"personal\" by their names, so never published unless the package allows them: " +
                             personal_columns + "; remove the mark where the guess is wrong",
                         "personal");
    }
    if (survey_export) {
        diagnostics.note(display, {}, "a survey tool export (KoboToolbox/ODK meta columns found); they are ignored",
                         "inference");
    }
    if (misfits > 0) {
        diagnostics.warning_at(display, first_misfit, 1,
                               std::to_string(misfits) + " row(s) have a different number of fields than the header " +
                                   "(first here); `check` lists them",
                               "field-count");
    }
    if (auto skeleton = record_table_skeleton(resource["schema"]["fields"], columns, rows, survey_export)) {
        resource["tabulation"] = skeleton->tabulation;
        diagnostics.note(display, {},
                         std::to_string(rows) + " rows, " + std::to_string(names.size()) +
                             " columns, one row per record (" + skeleton->reasons +
                             "): records are tabulated, not published row by row, so init wrote a starting "
                             "\"tabulation\" that " +
                             skeleton->summary +
                             ". Edit it: which columns disaggregate (group_by), what to compute (statistics), "
                             "the period; see docs/tabulation.md. No primaryKey is needed",
                         "records");
        return resource;
    }
    diagnostics.note(display, {},
                     std::to_string(rows) + " rows, " + std::to_string(names.size()) +
                         " columns; no primaryKey was guessed: declare the columns that identify a row "
                         "(if each row is one response or reading instead, add a \"tabulation\": "
                         "docs/tabulation.md)",
                     "inference");
    return resource;
}

void collect_todos(const nlohmann::json& value, const std::string& path, std::vector<std::string>& out) {
    if (value.is_string()) {
        if (value.get<std::string>().rfind("TODO", 0) == 0) out.push_back(path);
    } else if (value.is_object()) {
        for (const auto& [key, member] : value.items()) collect_todos(member, path + "." + key, out);
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            collect_todos(value[i], path + "[" + std::to_string(i) + "]", out);
    }
}

// The parts of a file name between separators: "LAD_all_2020-1.csv" -> LAD, all, 2020, 1.
std::vector<std::string> name_tokens(const std::string& path) {
    std::vector<std::string> tokens(1);
    for (char c : std::filesystem::path(path).stem().string()) {
        if (c == '_' || c == '-' || c == '.' || c == ' ') {
            if (!tokens.back().empty()) tokens.emplace_back();
        } else {
            tokens.back() += c;
        }
    }
    return tokens;
}

bool is_year(const std::string& token) {
    return token.size() == 4 && (token.rfind("19", 0) == 0 || token.rfind("20", 0) == 0) &&
           std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "..._2019.csv" and "..._2020-1.csv": the file names differ by a period the rows do
// not hold, so each file is its own resource, converted with its own period.
bool names_differ_by_period(const std::string& a, const std::string& b) {
    const auto left = name_tokens(a), right = name_tokens(b);
    for (std::size_t i = 0; i < std::max(left.size(), right.size()); ++i) {
        const std::string x = i < left.size() ? left[i] : "", y = i < right.size() ? right[i] : "";
        if (x == y) continue;
        // A year, or the month after one ("2020-1" and "2020-2")
        const bool after_year = i > 0 && i - 1 < left.size() && is_year(left[i - 1]) &&
                                i - 1 < right.size() && left[i - 1] == right[i - 1];
        if (is_year(x) || is_year(y) || after_year) return true;
    }
    return false;
}

// Files exported in pieces (a month each, a district each) have one header: they
// are one resource whose "path" lists them. Types that differ are widened (integer
// and number to number, anything else to string). Returns false when the files
// differ in columns, dialect or encoding.
bool merge_same_header(json& resource, const json& next) {
    const json& first_path = resource["path"].is_array() ? resource["path"][0] : resource["path"];
    if (names_differ_by_period(first_path.get<std::string>(), next["path"].get<std::string>())) return false;
    const json& fields = resource["schema"]["fields"];
    const json& next_fields = next["schema"]["fields"];
    if (fields.size() != next_fields.size() || resource.value("dialect", json()) != next.value("dialect", json()) ||
        resource.value("encoding", json()) != next.value("encoding", json())) {
        return false;
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i]["name"] != next_fields[i]["name"]) return false;
    }
    json& merged_fields = resource["schema"]["fields"];
    for (std::size_t i = 0; i < merged_fields.size(); ++i) {
        json& field = merged_fields[i];
        const json& other = next_fields[i];
        const bool same = field["type"] == other["type"] && field.value("format", json()) == other.value("format", json()) &&
                          field.value("decimalChar", json()) == other.value("decimalChar", json());
        if (same) continue;
        const std::string a = field["type"], b = other["type"];
        const bool numbers = (a == "integer" || a == "number") && (b == "integer" || b == "number") &&
                             field.value("decimalChar", json()) == other.value("decimalChar", json());
        // A column with no values in one file says nothing about its type.
        const json ignore = {{"role", "ignore"}};
        if (other.value("sdmx", json()) == ignore && !field.contains("sdmx")) continue;
        if (field.value("sdmx", json()) == ignore && !other.contains("sdmx")) {
            field = other;
            continue;
        }
        field["type"] = numbers ? "number" : "string";
        if (!numbers) {
            field.erase("format");
            field.erase("decimalChar");
        }
    }
    std::set<std::string> missing;
    for (const auto& marker : resource["schema"]["missingValues"]) missing.insert(marker.get<std::string>());
    for (const auto& marker : next["schema"]["missingValues"]) missing.insert(marker.get<std::string>());
    resource["schema"]["missingValues"] = json(std::vector<std::string>(missing.begin(), missing.end()));
    if (!resource["path"].is_array()) resource["path"] = json::array({resource["path"]});
    resource["path"].push_back(next["path"]);
    return true;
}

// Notes said for one file are not said again for the next (its file name aside).
void append_unless_repeated(Diagnostics& into, const Diagnostics& from, std::set<std::string>& seen_notes) {
    for (const auto& item : from.items()) {
        if (item.severity == Severity::note && !seen_notes.insert(item.path + "|" + item.message).second) continue;
        into.add(item);
    }
    into.add_suppressed_errors(from.suppressed_errors());
}

}  // namespace

json citizen_data_template() {
    return json::parse(R"({
  "profile_version": "1.0",
  "producer": {
    "id": "TODO: a short id for the producer (letters, digits, _ -), e.g. MW_DISABILITY_FORUM",
    "name": "TODO: the producer's full name",
    "type": "TODO: one of CSO, COMMUNITY, CITIZEN_SCIENTISTS, ACADEMIA, OTHER"
  },
  "initiative_type": "TODO: one of CITIZEN_LED, CO_PRODUCED, PUBLIC_LED",
  "participation": {
    "DESIGN": "TODO: 1 Information, 2 Consultation, 3 Limited participation, 4 Collaboration, 5 Citizen-led, or _U not assessed",
    "COLLECT": "TODO: a participation level",
    "PROCESS": "TODO: a participation level",
    "ANALYSE": "TODO: a participation level",
    "DISSEMINATE": "TODO: a participation level",
    "USE": "TODO: a participation level"
  },
  "purpose": "TODO: why the data were collected",
  "target_indicators": ["TODO: the indicators the data inform, e.g. 6.1.1"],
  "method": {"description": "TODO: how the data were collected"},
  "sample": {"description": "TODO: the sampling design, or census, or convenience sample"},
  "coverage": {
    "population": "TODO: the population covered",
    "area": "TODO: the area covered",
    "period": {"start": "TODO: YYYY-MM-DD", "end": "TODO: YYYY-MM-DD"}
  },
  "consent": {
    "basis": "TODO: informed_consent, other_legal_basis or no_personal_data",
    "description": "TODO: how consent was obtained, or why none was needed"
  },
  "licence": {"name": "TODO: the licence, e.g. CC-BY-4.0"},
  "disclosure_threshold": "TODO: the smallest number of respondents a published cell may rest on, e.g. 10",
  "validation": {"result": "PENDING"}
})");
}

std::vector<std::string> todo_paths(const nlohmann::json& citizen_data) {
    std::vector<std::string> paths;
    collect_todos(citizen_data, "citizen_data", paths);
    return paths;
}

json infer_package(const std::vector<std::filesystem::path>& files, const std::filesystem::path& descriptor,
                   Diagnostics& diagnostics) {
    const auto folder = std::filesystem::absolute(descriptor).parent_path().lexically_normal();
    json package = {{"profile", "tabular-data-package"}, {"name", lower_name(folder)}, {"resources", json::array()}};
    std::set<std::string> resource_names;
    std::set<std::string> seen_notes;
    for (const auto& file : files) {
        auto absolute = std::filesystem::absolute(file).lexically_normal();
        auto relative = absolute.lexically_relative(folder);
        if (relative.empty() || *relative.begin() == "..") {
            diagnostics.error(file.string(), {},
                              "the data file is outside the package folder " + folder.string() +
                                  "; put the files and datapackage.json in one folder",
                              "package");
            continue;
        }
        try {
            Diagnostics found;
            json resource = infer_resource(file, relative.string(), found);
            if (!package["resources"].empty() && merge_same_header(package["resources"].back(), resource)) {
                // The same notes for every file of a series would bury the ones that differ;
                // what the first file's note said of the whole resource is not said again.
                Diagnostics kept;
                for (const auto& item : found.items()) {
                    const bool about_resource =
                        item.kind == "records" ||
                        (item.kind == "inference" && item.message.find(" columns; no primaryKey") != std::string::npos);
                    if (item.severity != Severity::note || !about_resource) kept.add(item);
                }
                append_unless_repeated(diagnostics, kept, seen_notes);
                diagnostics.note(file.string(), {},
                                 "the same columns as " + package["resources"].back()["path"][0].get<std::string>() +
                                     ": read as another part of resource \"" +
                                     package["resources"].back()["name"].get<std::string>() + "\" (a list \"path\")",
                                 "inference");
                continue;
            }
            append_unless_repeated(diagnostics, found, seen_notes);
            std::string name = resource["name"];
            for (int n = 2; !resource_names.insert(resource["name"].get<std::string>()).second; ++n) {
                resource["name"] = name + "-" + std::to_string(n);
            }
            package["resources"].push_back(std::move(resource));
        } catch (const InputError& error) {
            diagnostics.append(error.diagnostics());
        }
    }
    package["citizen_data"] = citizen_data_template();
    return package;
}

}  // namespace csdmx::package
