// CSV reader and dialect sniffer: the bytes are a data file of a package. They are
// read as `check` reads them (TableReader: encoding found, delimiter sniffed, header,
// cells typed against a small schema) and by the bare CsvReader with the sniffed dialect.
#include "package/csv_reader.h"
#include "package/dialect_sniffer.h"
#include "package/table_reader.h"
#include "tests/fuzz/fuzz_support.h"

using namespace csdmx;

namespace {

package::Field field(const char* name, const char* type) {
    package::Field f;
    f.name = name;
    f.type = type;
    f.json_path = std::string("fields.") + name;
    return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = fuzz::as_text(data, size);
    const auto path = fuzz::write_input("data.csv", text);
    const auto sniffed = package::sniff_delimiter(std::string(text.substr(0, std::size_t{1} << 16)), '"');
    try {
        package::TextSource source(path, "", "data.csv");
        package::CsvDialect dialect;
        dialect.delimiter = sniffed.delimiter;
        package::CsvReader reader(source, dialect, "data.csv");
        package::CsvRecord record;
        while (reader.next(record)) {
        }
    } catch (const InputError&) {
    }
    try {
        package::Resource resource;
        resource.path = path;
        resource.parts = {path};
        resource.relative_path = "data.csv";
        resource.schema.fields = {field("area", "string"), field("count", "integer"), field("share", "number"),
                                  field("day", "date")};
        resource.schema.fields[0].constraints.pattern = "[A-Za-z ]+";
        resource.schema.fields[1].constraints.unique = true;
        resource.schema.primary_key = {"area", "day"};
        Diagnostics diagnostics;
        package::TableReadOptions options;
        options.bad_rows = package::BadRowPolicy::keep;
        options.spill_directory = fuzz::scratch();
        package::TableReader table(resource, options, diagnostics);
        package::TableRow row;
        while (table.next(row)) {
        }
        table.finish();
    } catch (const InputError&) {
    }
    return 0;
}
