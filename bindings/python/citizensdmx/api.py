"""The functions of the package over the C interface, in Python's habits.

Rule for errors: every function raises the exception of its csdmx_status when the
call did not succeed, with the Report/Result (and so the diagnostics) attached, except
check() and validate(), for which "problems found" (CSDMX_INVALID) is an answer: they
return the Report with .valid False.
"""

import ctypes
import json
import os
import threading

from . import _lib
from .errors import error_for
from .results import Result, Report, collect

CONVERT_VALUES = ("rows", "observations", "missing_values", "rows_left_out", "duplicates_left_out",
                  "records_tabulated", "cells", "min_cell_size", "suppressed_primary", "suppressed_secondary")
BATCH_VALUES = ("packages", "converted", "skipped", "failed", "ledger", "table", "json")
PUSH_VALUES = ("table", "json", "credentials")
INFO_KEYS = ("producer.id", "producer.name", "dataflow", "qualification", "qualification.explanation",
             "column_plan", "codelists")


def version():
    """The library's version, e.g. "0.1.0"."""
    return _lib.text(_lib.lib.csdmx_version())


def _finish(status, handle, keys=(), cls=Report, raise_on=lambda status: status != 0):
    """Copies the result out, frees it, and raises for a failed status."""
    message = _lib.last_error() if status != 0 else ""
    try:
        result = collect(handle.value if handle is not None else None, status, keys, cls)
    finally:
        if handle is not None:
            _lib.lib.csdmx_result_free(handle)
    if raise_on(status):
        raise error_for(status, message, result)
    return result


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, (str, bytes, os.PathLike)):
        return [value]
    return list(value)


def _open_options(codelists=None, agency=None, resource=None, bad_rows=None, missing_values=None, mapping=None,
                  dsd=None, code_ids=None):
    options = []
    if code_ids is not None:
        options.append(("CODE_IDS", code_ids))
    if codelists is not None:
        options.append(("CODELISTS", os.fspath(codelists)))
    if agency is not None:
        options.append(("AGENCY", agency))
    if resource is not None:
        options.append(("RESOURCE", resource))
    if bad_rows is not None:
        options.append(("BAD_ROWS", bad_rows))
    options += [("MISSING_VALUE", m) for m in _as_list(missing_values)]
    if mapping is not None:
        options.append(("MAPPING", os.fspath(mapping)))
    options += [("DSD", os.fspath(d)) for d in _as_list(dsd)]
    return options


class Package:
    """An opened citizen data package (see open_package)."""

    def __init__(self, path, options):
        self.path = os.fspath(path)
        self._options = options
        self._handle = ctypes.c_void_p()
        handle = ctypes.c_void_p()
        array = _lib.options_array(options)
        status = _lib.lib.csdmx_package_open(_lib.path_bytes(self.path), array, ctypes.byref(self._handle),
                                             ctypes.byref(handle))
        #: What opening found (warnings are kept here when it succeeded).
        self.report = _finish(status, handle)

    def close(self):
        if self._handle:
            _lib.lib.csdmx_package_free(self._handle)
            self._handle = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        # At interpreter exit the module's globals may already be gone.
        try:
            self.close()
        except Exception:  # noqa: BLE001 - nothing useful can be done in a finalizer
            pass

    def _live(self):
        if not self._handle:
            raise error_for(4, "the package is closed")
        return self._handle

    def info(self, key):
        """One fact about the package (see INFO_KEYS), or None for an unknown key."""
        return _lib.text(_lib.lib.csdmx_package_info(self._live(), key.encode("utf-8")))

    @property
    def metadata(self):
        """The facts the library knows about the package, as a dict."""
        return {key: self.info(key) for key in INFO_KEYS}

    @property
    def qualifies(self):
        """True when the dataset counts as citizen data under the Copenhagen Framework."""
        flag = ctypes.c_int(-1)
        status = _lib.lib.csdmx_package_qualifies(self._live(), ctypes.byref(flag))
        if status != 0:
            raise error_for(status, _lib.last_error())
        return bool(flag.value)

    @property
    def dataflow(self):
        return self.info("dataflow")

    def convert(self, out_dir, formats=None, dsd=None, mapping=None, on_error=None):
        """Writes the SDMX messages into out_dir and returns a Result (outputs, counts).

        formats: names such as "sdmx-ml-2.1-ss", "sdmx-csv-2.0" (default: the library's).
        dsd, mapping: write for an existing DSD (docs/mapping.md); the package is then
        reopened with them. on_error: "reject" or "skip" (with a mapping).
        Raises BadInput/Invalid with the diagnostics; on failure nothing is written.
        """
        if dsd is not None or mapping is not None:
            options = [o for o in self._options if o[0] not in ("DSD", "MAPPING")]
            options += _open_options(mapping=mapping, dsd=dsd)
            with Package(self.path, options) as mapped:
                return mapped.convert(out_dir, formats=formats, on_error=on_error)
        options = [("FORMAT", f) for f in _as_list(formats)]
        if on_error is not None:
            options.append(("ON_ERROR", on_error))
        handle = ctypes.c_void_p()
        array = _lib.options_array(options)
        status = _lib.lib.csdmx_package_convert(self._live(), _lib.path_bytes(out_dir), array, ctypes.byref(handle))
        return _finish(status, handle, CONVERT_VALUES, Result)


def open_package(path, codelists=None, agency=None, resource=None, bad_rows=None, missing_values=None,
                 mapping=None, dsd=None, code_ids=None):
    """Opens a package (its datapackage.json, or the folder holding it) and checks its metadata.

    code_ids: "upper" (default) or "keep": whether values that are valid lower-case SDMX ids
    ("female") become upper-case codes or stay as they are (docs/formats.md).

    Raises BadInput with every problem as a diagnostic. Use as a context manager or
    call close() to free it early.
    """
    return Package(_descriptor(path),
                   _open_options(codelists, agency, resource, bad_rows, missing_values, mapping, dsd, code_ids))


def _descriptor(path):
    path = os.fspath(path)
    return os.path.join(path, "datapackage.json") if os.path.isdir(path) else path


def check(path, codelists=None, bad_rows=None, missing_values=None):
    """Checks a package without converting it: metadata, codes and every row.

    Returns a Report (report.valid False when errors were found); raises BadInput when
    the descriptor cannot be read at all.
    """
    options = _open_options(codelists=codelists, bad_rows=bad_rows, missing_values=missing_values)
    handle = ctypes.c_void_p()
    status = _lib.lib.csdmx_check_package(_lib.path_bytes(_descriptor(path)), _lib.options_array(options),
                                          ctypes.byref(handle))
    return _finish(status, handle, _resource_keys, raise_on=lambda s: s not in (0, 1))


def _resource_keys(lookup):
    """check()'s values: "resources", then the per-resource ones it announces."""
    count = lookup("resources")
    keys = ["resources"]
    for i in range(int(count) if count and count.isdigit() else 0):
        keys += [f"resource.{i}.{k}" for k in ("name", "rows", "delivered", "skipped", "empty_rows", "encoding",
                                                 "delimiter")]
    return keys


def validate(paths, structures=None, schemas=None):
    """Validates SDMX-ML 2.1/3.0 messages against the official schemas and their DSDs.

    structures: structure messages providing DSDs; schemas: the schema folder (default
    $CITIZEN_SDMX_SCHEMAS). Returns a Report with one FileReport per file; raises
    BadEnvironment when the schemas cannot be found.
    """
    files = [os.fspath(p) for p in _as_list(paths)]
    options = [("STRUCTURE", os.fspath(s)) for s in _as_list(structures)]
    if schemas is not None:
        options.append(("SCHEMAS", os.fspath(schemas)))
    array = _lib.string_array([os.fsencode(f) for f in files])
    handle = ctypes.c_void_p()
    status = _lib.lib.csdmx_validate_files(array, len(files), _lib.options_array(options), ctypes.byref(handle))
    return _finish(status, handle, raise_on=lambda s: s not in (0, 1))


def batch(in_dir, out_dir, jobs=None, force=False, ledger=None, progress=None, formats=None, on_error=None,
          mapping=None, dsd=None, codelists=None):
    """Converts every package under in_dir into out_dir/<its folder>, recording each in a ledger.

    progress(done, total, package, result) is called after each package (never two at
    once). An exception raised by it is re-raised when the batch ends. Returns a Result
    (values "packages", "converted", "skipped", "failed", "ledger", "table", "json");
    raises Invalid (with that Result attached) when a package failed.
    """
    options = []
    if jobs is not None:
        options.append(("JOBS", int(jobs)))
    if force:
        options.append(("FORCE", 1))
    if ledger is not None:
        options.append(("LEDGER", os.fspath(ledger)))
    options += [("FORMAT", f) for f in _as_list(formats)]
    if on_error is not None:
        options.append(("ON_ERROR", on_error))
    options += _open_options(codelists=codelists, mapping=mapping, dsd=dsd)
    raised = []
    lock = threading.Lock()

    def call_back(_user, done, total, package, result):
        # Called from the library's converting thread; ctypes takes the GIL for us.
        # An exception must not unwind into C: keep the first and re-raise it later.
        with lock:
            if raised:
                return
            try:
                progress(int(done), int(total), _lib.text(package), _lib.text(result))
            except BaseException as error:  # noqa: BLE001 - re-raised after the batch
                raised.append(error)

    callback = _lib.PROGRESS_FN(call_back) if progress is not None else _lib.PROGRESS_FN()
    handle = ctypes.c_void_p()
    status = _lib.lib.csdmx_batch_convert(_lib.path_bytes(in_dir), _lib.path_bytes(out_dir),
                                          _lib.options_array(options), callback, None, ctypes.byref(handle))
    result = _finish(status, handle, BATCH_VALUES, Result)
    if raised:
        raise raised[0]
    return result


def ledger(path):
    """The ledger's history, oldest first, as a list of dicts (the library's JSON form)."""
    handle = ctypes.c_void_p()
    status = _lib.lib.csdmx_ledger_history(_lib.path_bytes(path), _lib.options_array([("FORMAT", "json")]),
                                           ctypes.byref(handle))
    result = _finish(status, handle, ("text",), Result)
    return json.loads(result.values.get("text") or "[]")


def push(files, registry, api, action=None, dry_run=False, timeout_ms=None, retries=None, transfer=None,
         dataspace=None, ca_file=None, log=None):
    """Submits SDMX messages to a registry (structure first, then data).

    api: "sdmx-rest-v2", "fmr" or "dotstat". Credentials come only from the environment
    or a netrc file (docs/push.md). log(line) receives progress lines. Returns a Result
    (values "table", "json", "credentials"); raises Invalid when the registry rejected a
    file and Unreachable when it could not be reached.
    """
    if not isinstance(registry, str) or not isinstance(api, str):
        raise TypeError("push: registry and api must be texts")
    paths = [os.fspath(f) for f in _as_list(files)]
    options = [("API", api)]
    if action is not None:
        options.append(("ACTION", action))
    if dry_run:
        options.append(("DRY_RUN", 1))
    if timeout_ms is not None:
        options.append(("TIMEOUT_MS", int(timeout_ms)))
    if retries is not None:
        options.append(("RETRIES", int(retries)))
    if transfer is not None:
        options.append(("TRANSFER", transfer))
    if dataspace is not None:
        options.append(("DATASPACE", dataspace))
    if ca_file is not None:
        options.append(("CA_FILE", os.fspath(ca_file)))
    raised = []

    def call_back(_user, line):
        if raised:
            return
        try:
            log(_lib.text(line))
        except BaseException as error:  # noqa: BLE001 - re-raised after the push
            raised.append(error)

    callback = _lib.LOG_FN(call_back) if log is not None else _lib.LOG_FN()
    handle = ctypes.c_void_p()
    array = _lib.string_array([os.fsencode(p) for p in paths])
    status = _lib.lib.csdmx_push(array, registry.encode("utf-8"), _lib.options_array(options), callback, None,
                                 ctypes.byref(handle))
    result = _finish(status, handle, PUSH_VALUES, Result)
    if raised:
        raise raised[0]
    return result
