"""Exceptions, one per csdmx_status of the C interface, each with the diagnostics attached."""


class CitizenSdmxError(Exception):
    """A call of libcitizensdmx did not succeed.

    status: the csdmx_status number; message: the library's text (csdmx_last_error);
    result: the Report/Result the call produced (diagnostics, values), or None;
    diagnostics: result.diagnostics, or [] when there is no result.
    """

    status = None

    def __init__(self, message, result=None):
        super().__init__(message)
        self.message = message
        self.result = result

    @property
    def diagnostics(self):
        return list(self.result.diagnostics) if self.result is not None else []

    def __str__(self):
        lines = [self.message or type(self).__name__]
        lines += [str(d) for d in self.diagnostics[:20]]
        if len(self.diagnostics) > 20:
            lines.append(f"... and {len(self.diagnostics) - 20} more")
        return "\n".join(lines)


class Invalid(CitizenSdmxError):
    """CSDMX_INVALID: checked, and problems were found (see diagnostics)."""

    status = 1


class BadInput(CitizenSdmxError):
    """CSDMX_BAD_INPUT: the input is unusable; nothing was written."""

    status = 2


class BadEnvironment(CitizenSdmxError):
    """CSDMX_ENVIRONMENT: something this machine lacks (schemas not found, disk full)."""

    status = 3


class BadArgument(CitizenSdmxError, ValueError):
    """CSDMX_BAD_ARGUMENT: a missing argument or an unknown option."""

    status = 4


class Internal(CitizenSdmxError):
    """CSDMX_INTERNAL: a defect in the library; please report it."""

    status = 5


class Unreachable(CitizenSdmxError, ConnectionError):
    """CSDMX_UNREACHABLE: a registry could not be reached (network, timeout, untrusted TLS)."""

    status = 6


BY_STATUS = {cls.status: cls for cls in (Invalid, BadInput, BadEnvironment, BadArgument, Internal, Unreachable)}


def error_for(status, message, result=None):
    cls = BY_STATUS.get(status, CitizenSdmxError)
    error = cls(message, result)
    if cls is CitizenSdmxError:
        error.status = status
    return error
