// SDMX-JSON 2.0 data messages (sdmx/specs/json/2.0.0), written as a stream with
// RapidJSON's Writer.
//
// The position-keyed layout ("0:3:1") needs each dimension value's index before
// the first observation is written. Indexes are given as values first appear, so
// no pass over the data is needed ahead; the "structures" part that lists the
// values in index order comes after "dataSets" (the field guide: "the ordering of
// fields in objects is undefined"). Memory holds the distinct codes and periods,
// never observations: coded attribute values are indexed likewise, free-text
// observation attributes are written in place.
#pragma once

#include <memory>

#include "core/byte_sink.h"
#include "sdmx/data_writer.h"

namespace csdmx::sdmx::json {

std::unique_ptr<DataWriter> make_json_data_writer(ByteSink& output);

// Where the SDMX-JSON 2.0 data message schema is published (meta.schema).
inline constexpr const char* kDataSchemaUrl =
    "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/v2.0.0/data-message/tools/schemas/2.0.0/"
    "sdmx-json-data-schema.json";

}  // namespace csdmx::sdmx::json
