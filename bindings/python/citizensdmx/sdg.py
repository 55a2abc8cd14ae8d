"""An sdg-build input for citizen data packages: `InputCitizenDataPackage`.

sdg-build (open-sdg/sdg-build) builds Open SDG sites from inputs that each hand it, per
indicator, a pandas DataFrame. Its SDMX inputs (InputSdmxMl_StructureSpecific and
friends) shape that frame like this, and so does this class:
  - one frame per indicator; a series belongs to the indicators that the
    "Indicator" annotations of its SERIES code name in the DSD (or to indicator_id);
  - columns "Year" (TIME_PERIOD as text), then one column per dimension and
    series-level attribute of the series, named by the concept's name in the DSD
    (or dimension_map, or "concept.<ID>" with import_translation_keys), holding the
    code's name (or dimension_map["ID|CODE"], or "<CODELIST>.<CODE>"), None for "_T";
    then "Value" (numeric);
  - all-empty columns dropped, single-valued ones too (drop_singleton_dimensions),
    and those listed in drop_dimensions.
The package is converted with a mapping onto the DSD (docs/mapping.md) into SDMX-CSV,
read row by row. With sdg-build installed the class is an sdg.inputs.InputBase and
sdg-build's own add_indicator is used; without it the class works on its own and keeps
the frames in .indicators (id -> object with .inid, .name, .data, .meta).
"""

import csv
import os
import tempfile
from xml.etree import ElementTree

from .api import open_package

try:  # sdg-build is optional: the class is duck-typed without it.
    from sdg.inputs import InputBase as _InputBase  # type: ignore
except ImportError:  # pragma: no cover - depends on the machine
    _InputBase = None


class StandaloneIndicator:
    """What sdg-build's Indicator holds that this input fills in, when sdg-build is absent."""

    def __init__(self, inid, name=None, data=None, meta=None):
        self.inid = inid
        self.name = name
        self.data = data
        self.meta = meta


class _StandaloneBase:
    """The part of sdg-build's InputBase that inputs rely on, for use without sdg-build."""

    def __init__(self, logging=None):
        self.logging = logging
        self.indicators = {}
        self.data_alterations = []
        self.meta_alterations = []
        self.last_executed_indicator_options = None

    def execute_once(self, indicator_options=None):
        if self.last_executed_indicator_options is not None and indicator_options == self.last_executed_indicator_options:
            return
        self.last_executed_indicator_options = indicator_options
        self.execute(indicator_options)

    def add_data_alteration(self, alteration):
        self.data_alterations.append(alteration)

    def add_meta_alteration(self, alteration):
        self.meta_alterations.append(alteration)

    def add_indicator(self, indicator_id, name=None, data=None, meta=None, options=None):
        import numpy
        for alteration in self.data_alterations:
            data = alteration(data)
        for alteration in self.meta_alterations:
            meta = alteration(meta)
        # As sdg-build does for every input: Year first, Value last, other columns as
        # text, and empty cells as NaN.
        data = _year_first_value_last(data)
        data = data.replace([None, "", "nan"], numpy.nan)
        self.indicators[indicator_id] = StandaloneIndicator(indicator_id, name=name, data=data, meta=meta)


def _year_first_value_last(frame):
    columns = [c for c in frame.columns if c not in ("Year", "Value")]
    for column in columns:
        frame[column] = frame[column].map(str, na_action="ignore")
    return frame[["Year"] + columns + ["Value"]]


def _local(tag):
    return tag.rsplit("}", 1)[-1]


class _Structures:
    """What the input needs from SDMX-ML 2.1 structure messages: for each component of
    the DSD, its concept name, codelist and attachment; code names; and per SERIES code
    the indicators its annotations name."""

    def __init__(self, paths):
        self.concept_names = {}
        self.codes = {}  # codelist id -> {code id: (name, annotations)}
        self.dimensions = []  # non-time dimension ids in order
        self.time_dimension = "TIME_PERIOD"
        self.series_attributes = set()
        self.codelist_of = {}
        for path in paths:
            self._read(ElementTree.parse(path).getroot())

    def _read(self, root):
        for element in root.iter():
            tag = _local(element.tag)
            if tag == "Concept" and element.get("id") not in self.concept_names:
                self.concept_names[element.get("id")] = _first_name(element)
            elif tag == "Codelist":
                codes = self.codes.setdefault(element.get("id"), {})
                for code in element:
                    if _local(code.tag) == "Code":
                        codes.setdefault(code.get("id"), (_first_name(code), _annotations(code)))
            elif tag == "DataStructure" and not self.dimensions:
                self._read_dsd(element)

    def _read_dsd(self, dsd):
        for component in dsd.iter():
            tag = _local(component.tag)
            if tag not in ("Dimension", "TimeDimension", "Attribute") or component.get("id") is None:
                continue
            ident = component.get("id")
            for ref in component.iter():
                if _local(ref.tag) == "Enumeration":
                    refs = [r for r in ref if _local(r.tag) == "Ref"]
                    if refs:
                        self.codelist_of[ident] = refs[0].get("id")
            if tag == "Dimension":
                self.dimensions.append(ident)
            elif tag == "TimeDimension":
                self.time_dimension = ident
            else:
                relationship = [c for c in component if _local(c.tag) == "AttributeRelationship"]
                kinds = {_local(c.tag) for c in relationship[0]} if relationship else set()
                # Attached to dimensions or a group: written on the Series (SDMX 2.1).
                if kinds & {"Dimension", "Group", "AttachmentGroup"}:
                    self.series_attributes.add(ident)


def _first_name(element):
    for child in element:
        if _local(child.tag) == "Name":
            return child.text
    return None


def _annotations(element):
    found = []
    for child in element:
        if _local(child.tag) != "Annotations":
            continue
        for annotation in child:
            title = text = None
            for part in annotation:
                if _local(part.tag) == "AnnotationTitle":
                    title = part.text
                elif _local(part.tag) == "AnnotationText" and text is None:
                    text = part.text
            found.append((title, text))
    return found


def _normalize_indicator_id(raw):
    # sdg-build's rule: first word, dots to dashes, no dashes at the ends.
    return raw.split(" ")[0].replace(".", "-").strip("-")


def _normalize_indicator_name(name, indicator_id):
    name = name.replace(indicator_id.replace(".", "-"), "").replace(indicator_id.replace("-", "."), "")
    return name.strip()


class _CitizenDataPackageInput:
    """See the module's documentation. Parameters:

    source: the package (datapackage.json or its folder); mapping: the mapping file;
    dsd: the structure file(s) the mapping targets; indicator_id / indicator_name: put
    every series in this indicator instead of looking the SERIES code up; the rest as
    for sdg-build's InputSdmx. work_dir: where the SDMX messages are written (default: a
    temporary folder, removed afterwards); convert_options: more options of
    Package.convert (e.g. on_error="skip").
    """

    def __init__(self, source, mapping=None, dsd=None, indicator_id=None, indicator_name=None, drop_dimensions=None,
                 drop_singleton_dimensions=True, dimension_map=None, import_names=True, import_translation_keys=False,
                 work_dir=None, convert_options=None, logging=None):
        self._base_init(logging)
        self.source = os.fspath(source)
        self.mapping = mapping
        self.dsd = [dsd] if isinstance(dsd, (str, os.PathLike)) else list(dsd or [])
        self.indicator_id = indicator_id
        self.indicator_name = indicator_name
        self.drop_dimensions = list(drop_dimensions or [])
        self.drop_singleton_dimensions = drop_singleton_dimensions
        self.dimension_map = dict(dimension_map or {})
        self.import_names = import_names
        self.import_translation_keys = import_translation_keys
        self.work_dir = work_dir
        self.convert_options = dict(convert_options or {})
        #: the citizensdmx Result of the last conversion (counts, warnings)
        self.conversion = None

    # -- names, as sdg-build's InputSdmx gives them
    def _dimension_name(self, structures, ident):
        if ident in self.dimension_map:
            return self.dimension_map[ident]
        if self.import_translation_keys:
            return "concept." + ident
        return structures.concept_names.get(ident) or ident

    def _value_name(self, structures, ident, code):
        key = ident + "|" + code
        if key in self.dimension_map:
            return self.dimension_map[key]
        if code == "_T":
            return None
        codelist = structures.codelist_of.get(ident)
        if codelist:
            if self.import_translation_keys:
                return codelist + "." + code
            entry = structures.codes.get(codelist, {}).get(code)
            if entry is not None and entry[0] is not None:
                return entry[0]
        return code

    def _indicators_of(self, structures, series_code):
        """{indicator id: name} for a SERIES code, from its annotations in the DSD."""
        if self.indicator_id is not None:
            return {self.indicator_id: self.indicator_name}
        codelist = structures.codelist_of.get("SERIES")
        entry = structures.codes.get(codelist, {}).get(series_code) if codelist else None
        if entry is None:
            return {}
        annotations = entry[1]
        ids = [_normalize_indicator_id(text) for title, text in annotations if title == "Indicator" and text]
        names = [text for title, text in annotations if title == "IndicatorTitle" and text]
        if not names:
            names = [entry[0] or series_code]
        names = (names + [names[0]] * len(ids))[: len(ids)]
        return {i: _normalize_indicator_name(n, i) for i, n in zip(ids, names)}

    def _convert(self, out_dir):
        with open_package(self.source) as package:
            self.conversion = package.convert(out_dir, formats=["sdmx-csv-1.0"], mapping=self.mapping,
                                              dsd=self.dsd or None, **self.convert_options)
        data = [o for o in self.conversion.outputs if o.endswith(".csv") and "skipped-rows" not in o]
        structure = [o for o in self.conversion.outputs if o.endswith("-structure.xml")]
        return data[0], structure

    def read_rows(self):
        """Converts the package and returns ({indicator id: [row dicts]}, {indicator id: name})."""
        with tempfile.TemporaryDirectory(prefix="citizensdmx-sdg-") as scratch:
            out_dir = self.work_dir or scratch
            data_file, structure_files = self._convert(out_dir)
            structures = _Structures(self.dsd + structure_files)
            return self._rows_by_indicator(data_file, structures)

    def _rows_by_indicator(self, data_file, structures):
        rows, names = {}, {}
        with open(data_file, newline="", encoding="utf-8") as stream:
            reader = csv.DictReader(stream)
            columns = reader.fieldnames or []
            series_ids = [d for d in structures.dimensions if d in columns]
            series_attributes = [a for a in columns if a in structures.series_attributes]
            current_key, disaggregations, indicators = None, None, {}
            for record in reader:
                key = tuple(record[d] for d in series_ids)
                if key != current_key:
                    # A new series: its dimensions and, from its first observation,
                    # its series-level attributes (as the Series element carries them).
                    current_key = key
                    ids = {d: record[d] for d in series_ids}
                    ids.update({a: record[a] for a in series_attributes if record[a] != ""})
                    if "UNIT_MEASURE" not in ids and record.get("UNIT_MEASURE"):
                        ids["UNIT_MEASURE"] = record["UNIT_MEASURE"]
                    disaggregations = {
                        self._dimension_name(structures, ident): self._value_name(structures, ident, code)
                        for ident, code in ids.items() if ident not in self.drop_dimensions
                    }
                    indicators = self._indicators_of(structures, ids.get("SERIES", ""))
                    for inid, name in indicators.items():
                        rows.setdefault(inid, [])
                        names.setdefault(inid, name)
                row = {"Year": record[structures.time_dimension]}
                row.update(disaggregations)
                row["Value"] = record.get("OBS_VALUE", "")
                for inid in indicators:
                    rows[inid].append(row)
        return rows, names

    def dataframe(self, rows):
        """The frame sdg-build's SDMX inputs make of these rows (before add_indicator)."""
        import pandas

        frame = pandas.DataFrame(rows)
        frame = _year_first_value_last(frame)
        frame = frame.dropna(axis="columns", how="all")
        if self.drop_singleton_dimensions:
            for column in list(frame.columns):
                if column not in ("Year", "Value") and len(frame[column].unique()) == 1:
                    frame = frame.drop(columns=column)
        frame["Value"] = pandas.to_numeric(frame["Value"], errors="coerce")
        return frame

    def execute(self, indicator_options=None):
        """sdg-build's entry point: converts the package and adds one indicator per SDG indicator."""
        rows, names = self.read_rows()
        for inid, indicator_rows in rows.items():
            if not indicator_rows:
                continue
            name = names.get(inid) if self.import_names else None
            self.add_indicator(inid, data=self.dataframe(indicator_rows), name=name, options=indicator_options)

    def dataframes(self):
        """{indicator id: DataFrame} as sdg-build receives them (runs execute once)."""
        if not self.indicators:
            self.execute_once(None)
        return {inid: indicator.data for inid, indicator in self.indicators.items()}


if _InputBase is not None:  # pragma: no cover - depends on the machine

    class InputCitizenDataPackage(_CitizenDataPackageInput, _InputBase):
        __doc__ = _CitizenDataPackageInput.__doc__

        def _base_init(self, logging):
            _InputBase.__init__(self, logging=logging)

else:

    class InputCitizenDataPackage(_CitizenDataPackageInput, _StandaloneBase):
        __doc__ = _CitizenDataPackageInput.__doc__

        def _base_init(self, logging):
            _StandaloneBase.__init__(self, logging=logging)
