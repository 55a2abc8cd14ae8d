"""citizensdmx.sdg.InputCitizenDataPackage against our own SDMX output read back.

The input reads our SDMX-CSV; this test reads our SDMX-ML 2.1 structure-specific message
of the same conversion with the standard library's XML parser and builds the frame the
way sdg-build's InputSdmxMl_StructureSpecific does (open-sdg/sdg-build,
sdg/inputs/InputSdmxMl_StructureSpecific.py, InputSdmx.py, InputBase.py): a row per Obs
with "Year" from TIME_PERIOD, a column per attribute of its Series element named by the
concept's name and holding the code's name ("_T" -> None), "Value" from OBS_VALUE; then
all-empty and single-valued columns dropped, Year first and Value last. The indicator id
comes from the "Indicator" annotation of the SERIES code in the SDG DSD.
sdg-build itself is not needed.
"""

from pathlib import Path
from xml.etree import ElementTree

import numpy
import pandas
import pytest

import citizensdmx as cs
from citizensdmx.sdg import InputCitizenDataPackage
from conftest import SAMPLE

MAPPING = Path(__file__).parents[1] / "examples" / "disability-to-sdg.yaml"


def local(tag):
    return tag.rsplit("}", 1)[-1]


def names_from_dsd(dsd_path):
    """Concept names by id, code names by (codelist, code), and each component's codelist."""
    root = ElementTree.parse(dsd_path).getroot()
    concepts, codes, codelist_of = {}, {}, {}
    for element in root.iter():
        tag = local(element.tag)
        if tag == "Concept":
            name = next((c.text for c in element if local(c.tag) == "Name"), None)
            concepts.setdefault(element.get("id"), name)
        elif tag == "Codelist":
            for code in element:
                if local(code.tag) == "Code":
                    name = next((c.text for c in code if local(c.tag) == "Name"), None)
                    codes.setdefault((element.get("id"), code.get("id")), name)
        elif tag in ("Dimension", "Attribute"):
            enumeration = element.find(".//{*}Enumeration/Ref")
            if enumeration is not None:
                codelist_of[element.get("id")] = enumeration.get("id")
    return concepts, codes, codelist_of


def frame_from_structure_specific(data_path, dsd_path):
    concepts, codes, codelist_of = names_from_dsd(dsd_path)
    rows = []
    root = ElementTree.parse(data_path).getroot()
    for series in root.iter():
        if local(series.tag) != "Series":
            continue
        ids = dict(series.attrib)
        observations = [o for o in series if local(o.tag) == "Obs"]
        if "UNIT_MEASURE" not in ids and "UNIT_MEASURE" in observations[0].attrib:
            ids["UNIT_MEASURE"] = observations[0].attrib["UNIT_MEASURE"]
        disaggregations = {}
        for ident, code in ids.items():
            value = None if code == "_T" else codes.get((codelist_of.get(ident), code), code)
            disaggregations[concepts[ident]] = value
        for obs in observations:
            row = {"Year": obs.attrib["TIME_PERIOD"]}
            row.update(disaggregations)
            row["Value"] = obs.attrib["OBS_VALUE"]
            rows.append(row)
    frame = pandas.DataFrame(rows)
    others = [c for c in frame.columns if c not in ("Year", "Value")]
    frame = frame[["Year"] + others + ["Value"]].dropna(axis="columns", how="all")
    for column in list(frame.columns):
        if column not in ("Year", "Value") and len(frame[column].unique()) == 1:
            frame = frame.drop(columns=column)
    frame["Value"] = pandas.to_numeric(frame["Value"])
    return frame.replace([None, ""], numpy.nan)


def canonical(frame):
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


@pytest.fixture
def sdg_dsd(shared):
    return shared / "sdg" / "dsd" / "IAEG-SDGs_SDG-1.5_global-dsd.xml"


def test_the_input_builds_the_frame_our_structure_specific_output_gives(tmp_path, sdg_dsd):
    source = InputCitizenDataPackage(SAMPLE, mapping=MAPPING, dsd=sdg_dsd)
    frames = source.dataframes()
    assert list(frames) == ["3-8-1"]  # from the SERIES code's annotation in the DSD
    built = frames["3-8-1"]

    with cs.open_package(SAMPLE) as package:
        result = package.convert(tmp_path / "ss", formats=["sdmx-ml-2.1-ss"], mapping=MAPPING, dsd=sdg_dsd)
    data = [o for o in result.outputs if o.endswith("structurespecific.xml")][0]
    expected = frame_from_structure_specific(data, sdg_dsd)

    assert list(built.columns) == list(expected.columns)
    assert list(built.columns)[0] == "Year" and list(built.columns)[-1] == "Value"
    pandas.testing.assert_frame_equal(canonical(built), canonical(expected), check_dtype=False)
    # The sample's Lilongwe rows, by sex and disability status: four observations.
    assert len(built) == 4
    assert set(built["Sex"]) == {"Female", "Male"}
    assert source.indicators["3-8-1"].name


def test_options_as_in_sdg_build(sdg_dsd):
    source = InputCitizenDataPackage(SAMPLE, mapping=MAPPING, dsd=sdg_dsd, import_translation_keys=True,
                                     drop_singleton_dimensions=False, dimension_map={"SEX": "Gender"},
                                     drop_dimensions=["DISABILITY_STATUS"])
    frame = source.dataframes()["3-8-1"]
    assert "Gender" in frame.columns
    assert set(frame["Gender"]) == {"CL_SEX.F", "CL_SEX.M"}
    assert "concept.DISABILITY_STATUS" not in frame.columns
    assert "concept.SERIES" in frame.columns  # kept: singletons are not dropped


def test_an_explicit_indicator_without_a_mapping(tmp_path):
    source = InputCitizenDataPackage(SAMPLE, indicator_id="3-8-1", indicator_name="Barriers")
    frame = source.dataframes()["3-8-1"]
    assert list(frame.columns)[0] == "Year" and list(frame.columns)[-1] == "Value"
    assert frame["Value"].notna().all()


def test_a_broken_package_raises_with_diagnostics(sample_copy, sdg_dsd):
    (sample_copy / "datapackage.json").write_text("{", encoding="utf-8")
    with pytest.raises(cs.BadInput):
        InputCitizenDataPackage(sample_copy, mapping=MAPPING, dsd=sdg_dsd).dataframes()


def test_with_sdg_build_installed_the_input_is_an_sdg_input(monkeypatch):
    """sdg-build is not a Debian package, so a stand-in with InputBase's interface as
    sdg-build defines it (sdg/inputs/InputBase.py: __init__(logging, column_map, code_map),
    execute_once, add_indicator storing an Indicator with .data) takes its place."""
    import importlib
    import sys
    import types

    class Indicator:
        def __init__(self, inid, name=None, data=None, meta=None, options=None, logging=None):
            self.inid, self.name, self.data, self.meta = inid, name, data, meta

    class InputBase:
        def __init__(self, logging=None, column_map=None, code_map=None):
            self.logging = logging
            self.indicators = {}
            self.last_executed_indicator_options = None

        def execute_once(self, indicator_options):
            self.execute(indicator_options)

        def add_indicator(self, indicator_id, name=None, data=None, meta=None, options=None):
            self.indicators[indicator_id] = Indicator(indicator_id, name=name, data=data, meta=meta)

    sdg = types.ModuleType("sdg")
    inputs = types.ModuleType("sdg.inputs")
    inputs.InputBase = InputBase
    sdg.inputs = inputs
    monkeypatch.setitem(sys.modules, "sdg", sdg)
    monkeypatch.setitem(sys.modules, "sdg.inputs", inputs)
    import citizensdmx.sdg as module

    try:
        reloaded = importlib.reload(module)
        source = reloaded.InputCitizenDataPackage(SAMPLE, indicator_id="3-8-1")
        assert isinstance(source, InputBase)
        source.execute_once("options")
        assert list(source.indicators) == ["3-8-1"]
        assert list(source.indicators["3-8-1"].data.columns)[-1] == "Value"
    finally:
        monkeypatch.undo()
        importlib.reload(module)
