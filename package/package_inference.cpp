#include "package/package_inference.h"

#include <algorithm>
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
                                                "instanceID"};
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
    std::vector<std::string> names = join_header_rows(header_rows, " ");

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
    std::set<std::string> seen_names;
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
        if (name.empty()) {
            diagnostics.warning(display, {}, "column " + std::to_string(c + 1) + " has no name; name it in the file",
                                "header");
        } else if (!seen_names.insert(name).second) {
            diagnostics.warning(display, {}, "column name \"" + name + "\" appears more than once", "header");
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
    diagnostics.note(display, {},
                     std::to_string(rows) + " rows, " + std::to_string(names.size()) +
                         " columns; no primaryKey was guessed: declare the columns that identify a row",
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
  "validation": {
    "by": "TODO: the NSO and unit that decided",
    "date": "TODO: YYYY-MM-DD",
    "result": "TODO: VALIDATED, VALIDATED_WITH_CAVEATS, PENDING or NOT_VALIDATED"
  }
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
            json resource = infer_resource(file, relative.string(), diagnostics);
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
