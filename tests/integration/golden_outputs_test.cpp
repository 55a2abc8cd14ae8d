// Every sample, converted to all six data formats, gives byte for byte the files in
// tests/fixtures/golden-outputs/<sample>/: what the writers produced before the
// buffered XML writer and the compact sorter (issue 15), so a speed-up that changes
// one byte of output fails here. Only the conversion time (message ID suffix and
// Prepared) is masked, on both sides.
//
// When an output changes on purpose, regenerate the folder and review its diff:
//   for s in samples/*/; do citizen-sdmx convert $s/datapackage.json --out tests/fixtures/golden-outputs/$(basename $s)
//   \
//     --format sdmx-ml-2.1-ss,sdmx-ml-2.1-generic,sdmx-ml-3.0-ss,sdmx-csv-1.0,sdmx-csv-2.0,sdmx-json-2.0; done
//   then mask as mask_conversion_time() does (sed -E 's/[0-9]{8}T[0-9]{6}/YYYYMMDDTHHMMSS/g;
//   s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/PREPARED/g').
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "tests/integration/conversion_fixture.h"
#include "tests/test_support.h"

namespace csdmx {

namespace {

std::string mask_conversion_time(const std::string& text) {
    static const std::regex compact("[0-9]{8}T[0-9]{6}");
    static const std::regex stamp("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
    return std::regex_replace(std::regex_replace(text, compact, "YYYYMMDDTHHMMSS"), stamp, "PREPARED");
}

mapping::ConvertOptions all_six_formats() {
    mapping::ConvertOptions options;
    options.formats = {sdmx::DataFormat::ml21_structure_specific,
                       sdmx::DataFormat::ml21_generic,
                       sdmx::DataFormat::ml30_structure_specific,
                       sdmx::DataFormat::csv10,
                       sdmx::DataFormat::csv20,
                       sdmx::DataFormat::json20};
    return options;
}

}  // namespace

TEST(GoldenOutputs, EverySampleInAllSixFormatsIsByteForByteAsBefore) {
    const std::filesystem::path source = CSDMX_TEST_SOURCE_DIR;
    const auto golden_root = source / "tests/fixtures/golden-outputs";
    std::size_t compared = 0;
    for (const auto& sample : test::list_directory(golden_root)) {
        SCOPED_TRACE(sample);
        test::ScratchDirectory scratch;
        auto conversion =
            test::convert(source / "samples" / sample / "datapackage.json", scratch.path(), {}, all_six_formats());
        ASSERT_TRUE(conversion.ok) << conversion.listing();
        auto written = test::list_directory(scratch.path());
        auto expected = test::list_directory(golden_root / sample);
        std::sort(written.begin(), written.end());
        std::sort(expected.begin(), expected.end());
        ASSERT_EQ(written, expected);
        for (const auto& name : expected) {
            const auto want = test::read_file(golden_root / sample / name);
            const auto got = mask_conversion_time(test::read_file(scratch.path() / name));
            EXPECT_TRUE(want == got) << name << " differs from the golden output (first difference at byte "
                                     << (std::mismatch(want.begin(), want.end(), got.begin(), got.end()).first -
                                         want.begin())
                                     << ")";
            ++compared;
        }
    }
    EXPECT_EQ(compared, 32u);  // four samples, six data messages and two structure messages each
}

}  // namespace csdmx
