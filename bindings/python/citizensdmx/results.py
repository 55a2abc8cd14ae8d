"""What a call found, copied out of the C result so nothing points into freed memory."""

from dataclasses import dataclass, field, fields
from typing import Dict, List

from . import _lib

SEVERITIES = {0: "error", 1: "warning", 2: "note"}


@dataclass(frozen=True)
class Diagnostic:
    """One problem in one place. line and column are 1-based, 0 when unknown; file, path and kind '' when none."""

    severity: str
    message: str
    file: str = ""
    line: int = 0
    column: int = 0
    path: str = ""
    kind: str = ""

    def __str__(self):
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        parts = [p for p in (where, self.severity, self.path) if p]
        return ": ".join(parts + [self.message])


@dataclass(frozen=True)
class FileReport:
    """What validation found for one file."""

    file: str
    kind: str
    valid: bool
    checks: List[str]


@dataclass
class Report:
    """The outcome of a call: status (0 OK, 1 INVALID, ...), diagnostics, per-file reports,
    the files written (outputs) and named values (counts as int, the rest as str)."""

    status: int = 0
    diagnostics: List[Diagnostic] = field(default_factory=list)
    files: List[FileReport] = field(default_factory=list)
    outputs: List[str] = field(default_factory=list)
    values: Dict[str, object] = field(default_factory=dict)
    suppressed_errors: int = 0

    @property
    def ok(self):
        """True when the call succeeded (status CSDMX_OK)."""
        return self.status == 0

    @property
    def valid(self):
        """True when there is no error diagnostic and every validated file passed."""
        return self.ok and not self.errors and all(f.valid for f in self.files)

    @property
    def errors(self):
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self):
        return [d for d in self.diagnostics if d.severity == "warning"]

    def to_frame(self):
        """The diagnostics as a pandas DataFrame, one row each (needs pandas)."""
        try:
            import pandas
        except ImportError as error:
            raise ImportError("Report.to_frame() needs pandas (Debian: python3-pandas)") from error
        columns = [f.name for f in fields(Diagnostic)]
        return pandas.DataFrame([[getattr(d, c) for c in columns] for d in self.diagnostics], columns=columns)


class Result(Report):
    """The outcome of a conversion, batch or push: a Report whose values hold counts
    ("observations", "rows", ...) and whose outputs are the files written."""

    def __getattr__(self, name):
        values = self.__dict__.get("values", {})
        if name in values:
            return values[name]
        raise AttributeError(name)


def _value(raw):
    return int(raw) if raw.isdigit() else raw


def collect(handle, status, keys=(), cls=Report):
    """Copies everything out of a csdmx_result* (handle may be None). keys: the named values
    to read, or a function of lookup(key) giving them."""
    result = cls(status=status)
    if not handle:
        return result
    lib = _lib.lib
    for i in range(lib.csdmx_result_diagnostic_count(handle)):
        raw = _lib.Diagnostic_()
        if lib.csdmx_result_diagnostic(handle, i, raw) != 0:
            continue
        result.diagnostics.append(
            Diagnostic(severity=SEVERITIES.get(raw.severity, str(raw.severity)), message=_lib.text(raw.message) or "",
                       file=_lib.text(raw.file) or "", line=int(raw.line), column=int(raw.column),
                       path=_lib.text(raw.path) or "", kind=_lib.text(raw.kind) or ""))
    for i in range(lib.csdmx_result_file_count(handle)):
        raw = _lib.FileReport_()
        if lib.csdmx_result_file(handle, i, raw) != 0:
            continue
        checks = [line for line in (_lib.text(raw.checks) or "").splitlines() if line]
        result.files.append(FileReport(file=_lib.text(raw.file) or "", kind=_lib.text(raw.kind) or "",
                                       valid=bool(raw.valid), checks=checks))
    result.outputs = [_lib.text(lib.csdmx_result_output(handle, i)) for i in range(lib.csdmx_result_output_count(handle))]
    result.suppressed_errors = int(lib.csdmx_result_suppressed_errors(handle))
    def lookup(key):
        return _lib.text(lib.csdmx_result_value(handle, key.encode("utf-8")))

    for key in keys(lookup) if callable(keys) else keys:
        raw = lookup(key)
        if raw is not None:
            result.values[key] = _value(raw)
    return result
