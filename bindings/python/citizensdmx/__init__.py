"""citizensdmx: citizen data packages to SDMX, over libcitizensdmx's C interface.

    import citizensdmx as cs
    package = cs.open_package("samples/disability-access-survey")
    result = package.convert("out", formats=["sdmx-ml-2.1-ss", "sdmx-csv-2.0"])

See docs/python.md in the repository.
"""

from .api import Package, batch, check, ledger, open_package, push, validate, version
from .errors import BadArgument, BadEnvironment, BadInput, CitizenSdmxError, Internal, Invalid, Unreachable
from .results import Diagnostic, FileReport, Report, Result

__version__ = "0.1.0"

__all__ = [
    "BadArgument", "BadEnvironment", "BadInput", "CitizenSdmxError", "Diagnostic", "FileReport", "Internal",
    "Invalid", "Package", "Report", "Result", "Unreachable", "batch", "check", "ledger", "open_package", "push",
    "validate", "version",
]
