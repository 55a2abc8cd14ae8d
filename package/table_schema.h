// The Frictionless Table Schema of one tabular resource, plus our "sdmx" hints.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace csdmx::package {

struct FieldConstraints {
    bool required = false;
    bool unique = false;
    std::vector<std::string> enum_values;
    std::optional<std::string> minimum, maximum, pattern;
    std::optional<std::size_t> min_length, max_length;
};

// Optional per-field hints telling the converter what SDMX component a column is.
// Written as "sdmx": {...} inside a Table Schema field (Table Schema allows extra
// properties). See docs/citizen-data.md.
struct SdmxFieldHints {
    std::string role;                          // dimension | time | measure | attribute | ignore; empty = infer
    std::string concept_id;                    // component id, e.g. REF_AREA; empty = from the field name
    std::map<std::string, std::string> codes;  // value -> code
    std::string unit_code;                     // for measures: UNIT_MEASURE code
    std::string unit_name;
    char frequency = 0;  // for a date or datetime time column: derive periods at A, S, Q, M, W or D
};

// A select_multiple question (KoboToolbox, ODK): one cell holds several choices,
// e.g. "Neighbour Sales agent". The reader splits it into one 0/1 column per choice.
struct SelectMultiple {
    std::vector<std::string> choices;  // labels as they appear in cells
    std::string separator = " ";
};

struct Field {
    std::string name;
    std::string type = "string";  // Table Schema type
    std::string format = "default";
    std::string title;
    std::string description;
    std::string decimal_char = ".";
    std::string group_char;
    bool bare_number = true;  // false: "95%", "EUR 100" are read as 95, 100
    std::vector<std::string> true_values{"true", "True", "TRUE", "1"};
    std::vector<std::string> false_values{"false", "False", "FALSE", "0"};
    FieldConstraints constraints;
    std::optional<SelectMultiple> select_multiple;
    // Personal data (a name, a phone number, exact coordinates, free text): the kind,
    // or "personal" when the schema says only true. Such a column is not published
    // (as a dimension, attribute or measure) unless the package allows it.
    std::string personal;
    SdmxFieldHints sdmx;
    std::string json_path;  // where the field is declared, for error messages
};

struct TableSchema {
    std::vector<Field> fields;
    std::vector<std::string> primary_key;
    std::vector<std::string> missing_values{""};

    const Field* find(const std::string& name) const;
    bool is_missing(const std::string& value) const;
};

// The schema's fields, then one 0/1 integer field per choice of each
// select_multiple field, named "<field>/<CHOICE_ID>" and titled with the choice.
std::vector<Field> expanded_fields(const TableSchema& schema);

}  // namespace csdmx::package
