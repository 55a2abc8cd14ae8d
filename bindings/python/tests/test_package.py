"""open_package, check and convert, checked against the sample's own files (read here
with json and csv) and against the official schemas through validate()."""

import csv
import json
import math
from pathlib import Path

import pytest

import citizensdmx as cs
from conftest import BAD_METADATA, SAMPLE

MEASURES = ("respondents", "reported_barrier", "share_reporting_barrier")


def sample_values():
    """The sample's measure cells that are not missing, computed here from its CSV."""
    with open(SAMPLE.parent / "health-access-barriers-2024.csv", newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    return [float(row[m]) for row in rows for m in MEASURES if row[m] not in ("", "NA")], len(rows)


def test_version():
    assert cs.version() == "0.1.0"


def test_open_package_gives_the_metadata_of_the_descriptor():
    descriptor = json.loads(SAMPLE.read_text(encoding="utf-8"))
    with cs.open_package(SAMPLE) as package:
        assert package.metadata["producer.id"] == descriptor["citizen_data"]["producer"]["id"]
        assert package.metadata["producer.name"] == descriptor["citizen_data"]["producer"]["name"]
        assert isinstance(package.qualifies, bool)
        assert package.qualifies == (package.info("qualification") == "QUALIFIES")
        assert package.info("no-such-key") is None
    # A folder stands for its datapackage.json.
    with cs.open_package(SAMPLE.parent) as package:
        assert package.dataflow


def test_bad_metadata_raises_bad_input_with_every_problem_located():
    with pytest.raises(cs.BadInput) as caught:
        cs.open_package(BAD_METADATA)
    paths = {d.path for d in caught.value.diagnostics}
    assert {"citizen_data.purpose", "citizen_data.producer.type"} <= paths
    assert all(isinstance(d, cs.Diagnostic) for d in caught.value.diagnostics)
    assert caught.value.status == 2
    assert "citizen_data.purpose" in str(caught.value)


@pytest.mark.parametrize("path", ["/nonexistent/datapackage.json", "", "\u00e9t\u00e9/datapackage.json"])
def test_missing_or_odd_paths_raise_never_crash(path):
    with pytest.raises(cs.CitizenSdmxError):
        cs.open_package(path)


def test_not_json_raises_bad_input_with_a_location(tmp_path):
    broken = tmp_path / "datapackage.json"
    broken.write_text('{"name": "x",\n  "resources": [\n', encoding="utf-8")
    with pytest.raises(cs.BadInput) as caught:
        cs.open_package(broken)
    located = [d for d in caught.value.diagnostics if d.line > 0]
    assert located, caught.value.diagnostics
    assert located[0].file.endswith("datapackage.json")


def test_an_unknown_option_value_is_refused(tmp_path):
    with pytest.raises(cs.CitizenSdmxError):
        cs.open_package(SAMPLE, bad_rows="sometimes")


def test_check_counts_the_rows_of_the_csv():
    values, rows = sample_values()
    report = cs.check(SAMPLE)
    assert report.valid, report.diagnostics
    assert report.values["resources"] == 1
    assert report.values["resource.0.rows"] == rows
    assert report.values["resource.0.name"] == "health-access-barriers"


def test_check_of_bad_metadata_returns_a_report_and_a_frame():
    report = cs.check(BAD_METADATA)
    assert not report.valid
    assert report.status == 1
    frame = report.to_frame()
    assert list(frame.columns) == ["severity", "message", "file", "line", "column", "path", "kind"]
    assert len(frame) == len(report.diagnostics)
    assert "citizen_data.purpose" in set(frame["path"])


def test_check_locates_a_bad_cell(sample_copy):
    data = sample_copy / "health-access-barriers-2024.csv"
    lines = data.read_text(encoding="utf-8").splitlines()
    fields = lines[3].split(",")
    fields[3] = "many"  # respondents is an integer
    lines[3] = ",".join(fields)
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = cs.check(sample_copy)
    assert not report.valid
    bad = [d for d in report.errors if d.line == 4]
    assert bad, report.diagnostics
    assert bad[0].file.endswith("health-access-barriers-2024.csv")
    assert bad[0].column == len(",".join(fields[:3])) + 2  # 1-based first character of the cell
    assert bad[0].kind


def test_convert_writes_every_observation(tmp_path):
    values, rows = sample_values()
    with cs.open_package(SAMPLE) as package:
        result = package.convert(tmp_path / "out", formats=["sdmx-ml-2.1-ss", "sdmx-csv-2.0"])
    assert result.ok
    assert result.values["rows"] == rows
    assert result.observations == len(values)
    assert all(Path(o).is_file() for o in result.outputs)
    csv_file = [o for o in result.outputs if o.endswith(".csv")][0]
    with open(csv_file, newline="", encoding="utf-8") as stream:
        written = [float(r["OBS_VALUE"]) for r in csv.DictReader(stream)]
    assert sorted(written) == sorted(values)
    assert math.isclose(sum(written), sum(values))


@pytest.mark.parametrize("code_ids, code", [(None, "LILONGWE"), ("upper", "LILONGWE"), ("keep", "Lilongwe")])
def test_code_ids_decide_whether_valid_lower_case_ids_stay(tmp_path, code_ids, code):
    with cs.open_package(SAMPLE, code_ids=code_ids) as package:
        result = package.convert(tmp_path / "out", formats=["sdmx-csv-2.0"])
    csv_file = [o for o in result.outputs if o.endswith(".csv")][0]
    with open(csv_file, newline="", encoding="utf-8") as stream:
        districts = {r["DISTRICT"] for r in csv.DictReader(stream)}
    assert code in districts
    assert ({"LILONGWE", "Lilongwe"} - {code}).isdisjoint(districts)


def test_convert_to_an_unknown_format_is_refused_and_writes_nothing(tmp_path):
    with cs.open_package(SAMPLE) as package:
        with pytest.raises(cs.CitizenSdmxError):
            package.convert(tmp_path / "out", formats=["sdmx-xlsx"])
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_convert_of_a_broken_package_writes_nothing(sample_copy, tmp_path):
    data = sample_copy / "health-access-barriers-2024.csv"
    data.write_text(data.read_text(encoding="utf-8").replace(",53,", ",fifty-three,"), encoding="utf-8")
    with cs.open_package(sample_copy) as package:
        with pytest.raises((cs.BadInput, cs.Invalid)) as caught:
            package.convert(tmp_path / "out")
    assert any(d.line == 2 for d in caught.value.diagnostics), caught.value.diagnostics
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_closed_package_is_refused():
    package = cs.open_package(SAMPLE)
    package.close()
    with pytest.raises(cs.BadArgument):
        package.convert("/tmp/never")


def test_validate_accepts_our_output_and_refuses_a_broken_message(tmp_path, shared):
    with cs.open_package(SAMPLE) as package:
        result = package.convert(tmp_path / "out", formats=["sdmx-ml-2.1-ss", "sdmx-ml-2.1-generic"])
    xml = [o for o in result.outputs if o.endswith(".xml")]
    report = cs.validate(xml, schemas=shared / "sdmx" / "schemas")
    assert report.valid, report.diagnostics
    assert len(report.files) == len(xml)
    generic = [o for o in xml if o.endswith("generic.xml")][0]
    broken = tmp_path / "broken.xml"
    broken.write_text(Path(generic).read_text(encoding="utf-8").replace("<generic:Obs>", "<generic:Ob>", 1),
                      encoding="utf-8")
    report = cs.validate([broken], schemas=shared / "sdmx" / "schemas")
    assert not report.valid
    assert report.status == 1
    assert any(d.line > 0 for d in report.diagnostics), report.diagnostics


def test_validate_without_schemas_raises_bad_environment(tmp_path):
    with cs.open_package(SAMPLE) as package:
        result = package.convert(tmp_path / "out")
    with pytest.raises(cs.BadEnvironment):
        cs.validate(result.outputs, schemas=tmp_path / "no-schemas")


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00{\x80", b"[]", b"null", b'{"resources": 7}',
                                     b"[" * 100000, b'{"resources": [{"path": "../../../../etc/passwd"}]}'],
                         ids=["empty", "binary", "array", "null", "number", "deep", "escape"])
def test_hostile_descriptors_raise_never_crash(tmp_path, content):
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_bytes(content)
    with pytest.raises(cs.CitizenSdmxError):
        cs.open_package(descriptor)
    # check() answers "invalid", or refuses the descriptor as unreadable: never a crash.
    try:
        assert not cs.check(descriptor).valid
    except cs.BadInput as error:
        assert error.diagnostics or error.message


def test_wrong_argument_types_are_python_errors():
    with pytest.raises(TypeError):
        cs.open_package(None)
    with pytest.raises(TypeError):
        cs.push(["x.xml"], registry=None, api="fmr")


def test_validate_takes_the_dsd_from_a_separate_structure_file(tmp_path, shared):
    with cs.open_package(SAMPLE) as package:
        result = package.convert(tmp_path / "out", formats=["sdmx-ml-2.1-ss"])
    data = [o for o in result.outputs if o.endswith("structurespecific.xml")]
    structure = [o for o in result.outputs if o.endswith("-structure.xml")]
    schemas = shared / "sdmx" / "schemas"
    report = cs.validate(data, structures=structure, schemas=schemas)
    assert report.valid, report.diagnostics
    assert [f.kind for f in report.files] == ["structure-specific data"]
    # Without its DSD, structure-specific data cannot be checked: not valid.
    assert not cs.validate(data, schemas=schemas).valid
