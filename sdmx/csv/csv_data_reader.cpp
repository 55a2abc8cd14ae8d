#include "sdmx/csv/csv_data_reader.h"

#include "core/diagnostic.h"
#include "package/csv_reader.h"
#include "package/text_source.h"

namespace csdmx::sdmx::csv {

namespace {

enum class ColumnKind {
    structure_kind,
    structure_id,
    action,
    dimension,
    measure,
    attribute,
    data_set_attribute,
    other
};

struct Column {
    ColumnKind kind = ColumnKind::other;
    std::string id;
};

// "DIM_1: Dimension 1" (labels=both) and "ATTR[]" (multi-valued) name DIM_1 and ATTR.
std::string component_id(const std::string& header) {
    std::string id = header.substr(0, header.find(": "));
    if (const auto bracket = id.find('['); bracket != std::string::npos) id.resize(bracket);
    return id;
}

}  // namespace

struct CsvDataReader::Impl {
    Impl(const std::filesystem::path& file, const DataStructure& dsd)
        : display(file.string()), source(file, "UTF-8", display), reader(source, package::CsvDialect{}, display) {
        package::CsvRecord header;
        if (!reader.next(header)) throw InputError(display, 1, 1, "empty file: expected an SDMX-CSV header row");
        const std::string first = component_id(header.fields[0]);
        if (first == "DATAFLOW") {
            version = CsvVersion::v1_0;
        } else if (first == "STRUCTURE") {
            version = CsvVersion::v2_0;
        } else {
            throw InputError(display, header.lines[0], header.columns[0],
                             "expected DATAFLOW (SDMX-CSV 1.0) or STRUCTURE (SDMX-CSV 2.0) as the first column, "
                             "found \"" +
                                 header.fields[0] + "\"");
        }
        for (std::size_t i = 0; i < header.fields.size(); ++i) {
            const std::string id = component_id(header.fields[i]);
            Column column{ColumnKind::other, id};
            if (i == 0) {
                column.kind = version == CsvVersion::v1_0 ? ColumnKind::structure_id : ColumnKind::structure_kind;
            } else if (version == CsvVersion::v2_0 && id == "STRUCTURE_ID") {
                column.kind = ColumnKind::structure_id;
            } else if (version == CsvVersion::v2_0 && id == "ACTION") {
                column.kind = ColumnKind::action;
            } else if (dsd.find_dimension(id) || (dsd.time_dimension && dsd.time_dimension->id == id)) {
                column.kind = ColumnKind::dimension;
            } else if (dsd.primary_measure.id == id) {
                column.kind = ColumnKind::measure;
            } else if (const auto* attribute = dsd.find_attribute(id)) {
                column.kind = attribute->relationship.level == AttachmentLevel::DataSet ? ColumnKind::data_set_attribute
                                                                                        : ColumnKind::attribute;
            }
            columns.push_back(std::move(column));
        }
        if (version == CsvVersion::v2_0 && (columns.size() < 2 || columns[1].kind != ColumnKind::structure_id)) {
            throw InputError(display, header.line, 1, "SDMX-CSV 2.0: expected STRUCTURE_ID as the second column");
        }
        // Columns follow the DSD's dimension order, whatever their order in the file.
        for (const auto& id : dsd.key_ids()) {
            for (std::size_t i = 0; i < columns.size(); ++i) {
                if (columns[i].kind == ColumnKind::dimension && columns[i].id == id) key_columns.push_back(i);
            }
        }
    }

    std::string display;
    package::TextSource source;
    package::CsvReader reader;
    CsvVersion version = CsvVersion::v1_0;
    std::vector<Column> columns;
    std::vector<std::size_t> key_columns;
    package::CsvRecord record;
    std::string structure, structure_kind, action = "I";
    ComponentValues data_set_attributes;
};

CsvDataReader::CsvDataReader(const std::filesystem::path& file, const DataStructure& dsd)
    : impl_(std::make_unique<Impl>(file, dsd)) {}

CsvDataReader::~CsvDataReader() = default;

CsvVersion CsvDataReader::version() const {
    return impl_->version;
}

bool CsvDataReader::next(ReadObservation& observation) {
    auto& impl = *impl_;
    auto& record = impl.record;
    if (!impl.reader.next(record)) return false;
    if (record.fields.size() != impl.columns.size()) {
        throw InputError(impl.display, record.line, 1,
                         "expected " + std::to_string(impl.columns.size()) + " fields as in the header, found " +
                             std::to_string(record.fields.size()));
    }
    observation = ReadObservation{};
    observation.line = record.line;
    impl.data_set_attributes.clear();
    for (const std::size_t i : impl.key_columns) observation.key.emplace_back(impl.columns[i].id, record.fields[i]);
    for (std::size_t i = 0; i < impl.columns.size(); ++i) {
        const auto& column = impl.columns[i];
        const std::string& field = record.fields[i];
        switch (column.kind) {
            case ColumnKind::structure_kind:
                impl.structure_kind = field;
                break;
            case ColumnKind::structure_id:
                impl.structure = field;
                break;
            case ColumnKind::action:
                impl.action = field;
                break;
            case ColumnKind::dimension:
                break;  // in key order above
            case ColumnKind::measure:
                if (!field.empty()) observation.value = field;
                break;
            case ColumnKind::attribute:
                if (!field.empty()) observation.attributes.emplace_back(column.id, field);
                break;
            case ColumnKind::data_set_attribute:
                if (!field.empty()) impl.data_set_attributes.emplace_back(column.id, field);
                break;
            case ColumnKind::other:
                if (!field.empty()) observation.unknown.emplace_back(column.id, field);
                break;
        }
    }
    return true;
}

const std::string& CsvDataReader::structure() const {
    return impl_->structure;
}
const std::string& CsvDataReader::structure_kind() const {
    return impl_->structure_kind;
}
const std::string& CsvDataReader::action() const {
    return impl_->action;
}
const ComponentValues& CsvDataReader::data_set_attributes() const {
    return impl_->data_set_attributes;
}

}  // namespace csdmx::sdmx::csv
