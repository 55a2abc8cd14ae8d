#include "sdmx/csv/csv_data_writer.h"

#include "sdmx/values.h"

namespace csdmx::sdmx::csv {

namespace {

// Rows are gathered and handed to the sink in blocks: one sink call per row
// would cost more than the row itself.
constexpr std::size_t kFlushBytes = 1 << 16;

class CsvDataWriter final : public DataWriter {
public:
    CsvDataWriter(ByteSink& output, CsvVersion version) : output_(output), version_(version) {}

    void begin(const MessageHeader& /*header*/, const DataSetDescription& dataset) override {
        layout_ = dataset.layout;
        // What every row starts with, and what it ends with: both the same for all rows.
        const bool by_dataflow = !dataset.dataflow.empty();
        const std::string structure = (by_dataflow ? dataset.dataflow : dataset.structure).to_string();
        if (version_ == CsvVersion::v1_0) {
            buffer_ = "DATAFLOW";
            append_csv_field(row_start_, structure);
        } else {
            buffer_ = "STRUCTURE,STRUCTURE_ID,ACTION";
            row_start_ = by_dataflow ? "dataflow," : "datastructure,";
            append_csv_field(row_start_, structure);
            row_start_ += ',';
            row_start_ += csv_action_code(dataset.action);
        }
        for (const auto& id : layout_.key_ids) buffer_ += "," + id;
        buffer_ += "," + layout_.measure_id;
        for (const auto& id : layout_.attribute_ids) buffer_ += "," + id;
        for (const auto& [id, value] : dataset.attributes) {
            buffer_ += "," + id;
            row_end_ += ',';
            append_csv_field(row_end_, value);
        }
        buffer_ += "\r\n";  // RFC 4180 line ends
    }

    void write(const Observation& observation) override {
        buffer_ += row_start_;
        for (const auto& value : observation.key) {
            buffer_ += ',';
            append_csv_field(buffer_, value);
        }
        buffer_ += ',';
        append_csv_field(buffer_, observation.value);
        for (const auto& value : observation.attributes) {
            buffer_ += ',';
            append_csv_field(buffer_, value);
        }
        buffer_ += row_end_;
        buffer_ += "\r\n";
        if (buffer_.size() >= kFlushBytes) flush();
    }

    void finish(const StructureSet& /*structures*/) override { flush(); }

private:
    void flush() {
        output_.write(buffer_);
        buffer_.clear();
    }

    ByteSink& output_;
    CsvVersion version_;
    ObservationLayout layout_;
    std::string row_start_;
    std::string row_end_;
    std::string buffer_;
};

}  // namespace

bool starts_like_formula(std::string_view field) {
    if (field.empty() || std::string_view("=+-@").find(field.front()) == std::string_view::npos) return false;
    return !is_double_lexical(field);  // "-3.5" is a number, "=SUM(A1)" or "-x" is not
}

void append_csv_field(std::string& line, std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos && !starts_like_formula(field)) {
        line += field;
        return;
    }
    line += '"';
    for (char c : field) {
        if (c == '"') line += '"';
        line += c;
    }
    line += '"';
}

std::string_view csv_action_code(std::string_view action) {
    if (action == "Append") return "A";
    if (action == "Replace") return "R";
    if (action == "Delete") return "D";
    return "I";  // Information, the default
}

std::unique_ptr<DataWriter> make_csv_data_writer(ByteSink& output, CsvVersion version) {
    return std::make_unique<CsvDataWriter>(output, version);
}

}  // namespace csdmx::sdmx::csv
