"""Loads libcitizensdmx and declares the C interface (plugin/include/citizensdmx.h).

The library is looked up, in order: $CITIZEN_SDMX_LIBRARY (a path to the .so), the
build trees next to this source (build/ at the repository root, for a checkout), then
the system (the dynamic loader's search path, ctypes.util.find_library).
"""

import ctypes
import ctypes.util
import os
from pathlib import Path

_NAMES = ("libcitizensdmx.so.0", "libcitizensdmx.so")


class Diagnostic_(ctypes.Structure):
    _fields_ = [
        ("severity", ctypes.c_int),
        ("file", ctypes.c_char_p),
        ("line", ctypes.c_ulonglong),
        ("column", ctypes.c_ulonglong),
        ("path", ctypes.c_char_p),
        ("message", ctypes.c_char_p),
        ("kind", ctypes.c_char_p),
    ]


class FileReport_(ctypes.Structure):
    _fields_ = [
        ("file", ctypes.c_char_p),
        ("kind", ctypes.c_char_p),
        ("valid", ctypes.c_int),
        ("checks", ctypes.c_char_p),
    ]


PROGRESS_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t, ctypes.c_char_p,
                               ctypes.c_char_p)
LOG_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_char_p)


def _candidates():
    explicit = os.environ.get("CITIZEN_SDMX_LIBRARY")
    if explicit:
        yield explicit
        return
    # A source checkout: bindings/python/citizensdmx/_lib.py -> <repo>/build/
    here = Path(__file__).resolve().parent
    for name in _NAMES:
        path = here.parent.parent.parent / "build" / "plugin" / name
        if path.exists():
            yield str(path)
    yield from _NAMES
    found = ctypes.util.find_library("citizensdmx")
    if found:
        yield found


def _load():
    tried = []
    for candidate in _candidates():
        try:
            return ctypes.CDLL(candidate)
        except OSError as error:
            tried.append(f"{candidate}: {error}")
    raise ImportError("citizensdmx: libcitizensdmx not found; build the repository (cmake --build build) "
                      "or set CITIZEN_SDMX_LIBRARY to the library's path. Tried:\n  " + "\n  ".join(tried))


lib = _load()

_status = ctypes.c_int
_opts = ctypes.POINTER(ctypes.c_char_p)
_result_p = ctypes.c_void_p
_out_result = ctypes.POINTER(ctypes.c_void_p)


def _declare(name, restype, *argtypes):
    function = getattr(lib, name)
    function.restype = restype
    function.argtypes = list(argtypes)


_declare("csdmx_version", ctypes.c_char_p)
_declare("csdmx_last_error", ctypes.c_char_p)
_declare("csdmx_package_open", _status, ctypes.c_char_p, _opts, ctypes.POINTER(ctypes.c_void_p), _out_result)
_declare("csdmx_package_info", ctypes.c_char_p, ctypes.c_void_p, ctypes.c_char_p)
_declare("csdmx_package_qualifies", _status, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int))
_declare("csdmx_package_convert", _status, ctypes.c_void_p, ctypes.c_char_p, _opts, _out_result)
_declare("csdmx_package_free", None, ctypes.c_void_p)
_declare("csdmx_check_package", _status, ctypes.c_char_p, _opts, _out_result)
_declare("csdmx_validate_files", _status, _opts, ctypes.c_size_t, _opts, _out_result)
_declare("csdmx_result_diagnostic_count", ctypes.c_size_t, _result_p)
_declare("csdmx_result_diagnostic", _status, _result_p, ctypes.c_size_t, ctypes.POINTER(Diagnostic_))
_declare("csdmx_result_suppressed_errors", ctypes.c_size_t, _result_p)
_declare("csdmx_result_output_count", ctypes.c_size_t, _result_p)
_declare("csdmx_result_output", ctypes.c_char_p, _result_p, ctypes.c_size_t)
_declare("csdmx_result_file_count", ctypes.c_size_t, _result_p)
_declare("csdmx_result_file", _status, _result_p, ctypes.c_size_t, ctypes.POINTER(FileReport_))
_declare("csdmx_result_value", ctypes.c_char_p, _result_p, ctypes.c_char_p)
_declare("csdmx_batch_convert", _status, ctypes.c_char_p, ctypes.c_char_p, _opts, PROGRESS_FN, ctypes.c_void_p,
         _out_result)
_declare("csdmx_ledger_history", _status, ctypes.c_char_p, _opts, _out_result)
_declare("csdmx_push", _status, _opts, ctypes.c_char_p, _opts, LOG_FN, ctypes.c_void_p, _out_result)
_declare("csdmx_result_free", None, _result_p)


def text(raw):
    """A C string from the library as str (None stays None); bytes that are not UTF-8 are kept visible."""
    return None if raw is None else raw.decode("utf-8", errors="replace")


def path_bytes(path):
    return os.fsencode(os.fspath(path))


def string_array(items):
    """A NULL-terminated char* array; the returned object keeps the bytes alive."""
    encoded = [item if isinstance(item, bytes) else str(item).encode("utf-8") for item in items]
    array = (ctypes.c_char_p * (len(encoded) + 1))(*encoded, None)
    return array


def options_array(options):
    """GDAL-style KEY=VALUE options from (key, value) pairs; None when there are none."""
    if not options:
        return None
    return string_array([f"{key}={value}" for key, value in options])


def last_error():
    return text(lib.csdmx_last_error()) or ""
