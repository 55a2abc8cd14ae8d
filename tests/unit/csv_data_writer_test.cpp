// SDMX-CSV rows: the series key's fields are joined once per series and reused down
// it, so a row must still carry its own series' key, quoted as RFC 4180 and the
// spreadsheet rule say, whether the producer numbered the series or not. The
// expected text is written out by hand from the observations.
#include "sdmx/csv/csv_data_writer.h"

#include <gtest/gtest.h>

#include <string>

#include "core/byte_sink.h"

namespace csdmx::sdmx::csv {
namespace {

DataSetDescription two_dimensions_and_time() {
    DataSetDescription dataset;
    dataset.structure = {"TEST", "DSD", "1.0"};
    dataset.dataflow = {"TEST", "DF", "1.0"};
    dataset.layout.key_ids = {"AREA", "SEX", "TIME_PERIOD"};
    dataset.layout.attribute_ids = {"UNIT"};
    dataset.attributes = {{"SOURCE", "a, b"}};
    return dataset;
}

Observation observation(std::string area, std::string sex, std::string time, std::string value, std::uint64_t series) {
    Observation result;
    result.key = {std::move(area), std::move(sex), std::move(time)};
    result.value = std::move(value);
    result.attributes = {"PT"};
    result.series = series;
    return result;
}

std::string write_rows(bool numbered) {
    std::string text;
    StringSink sink(text);
    auto writer = make_csv_data_writer(sink, CsvVersion::v1_0);
    writer->begin(MessageHeader{"ID", false, "2026-12-02T00:00:00Z", "TEST", {}}, two_dimensions_and_time());
    // Series 1 and 2 differ in the second field only; series 4 has series 1's key
    // again after another one.
    auto number = [&](std::uint64_t series) { return numbered ? series : 0; };
    writer->write(observation("Site \"A\", north", "F", "2020", "1", number(1)));
    writer->write(observation("Site \"A\", north", "F", "2021", "2", number(1)));
    writer->write(observation("Site \"A\", north", "M", "2020", "3", number(2)));
    writer->write(observation("=B1", "M", "2021", "-4", number(3)));
    writer->write(observation("Site \"A\", north", "F", "2022", "5", number(4)));
    writer->finish(StructureSet{});
    return text;
}

// Quoted: a comma and double quotes in the first series' area, a formula-like area
// ("=B1") in the third; "-4" is a number and stays bare.
const char* const kExpectedRows =
    "DATAFLOW,AREA,SEX,TIME_PERIOD,OBS_VALUE,UNIT,SOURCE\r\n"
    "TEST:DF(1.0),\"Site \"\"A\"\", north\",F,2020,1,PT,\"a, b\"\r\n"
    "TEST:DF(1.0),\"Site \"\"A\"\", north\",F,2021,2,PT,\"a, b\"\r\n"
    "TEST:DF(1.0),\"Site \"\"A\"\", north\",M,2020,3,PT,\"a, b\"\r\n"
    "TEST:DF(1.0),\"=B1\",M,2021,-4,PT,\"a, b\"\r\n"
    "TEST:DF(1.0),\"Site \"\"A\"\", north\",F,2022,5,PT,\"a, b\"\r\n";

TEST(CsvDataWriter, EveryRowCarriesItsOwnSeriesKeyQuotedAsNeeded) {
    EXPECT_EQ(write_rows(/*numbered=*/false), kExpectedRows);
}

TEST(CsvDataWriter, RowsAreTheSameWhenTheProducerNumberedTheSeries) {
    EXPECT_EQ(write_rows(/*numbered=*/true), kExpectedRows);
}

}  // namespace
}  // namespace csdmx::sdmx::csv
