"""The compiler's exceptions: one root, each carrying where the problem is."""

from __future__ import annotations


class CompilerError(Exception):
    """Root of every error 13dc raises on purpose. ``str(err)`` is one line for the user."""

    def __init__(
        self,
        message: str,
        *,
        path: str = "<input>",
        line: int | None = None,
        column: int | None = None,
        source_line: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.source_line = source_line

    def located(self) -> str:
        """``path:line:col: error: message`` (line and column when known)."""
        where = self.path
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: error: {self.message}"

    def with_caret(self) -> str:
        """The located message, then the offending source line and a caret under the column."""
        text = self.located()
        if self.source_line is not None:
            text += f"\n    {self.source_line}\n    {' ' * max((self.column or 1) - 1, 0)}^"
        return text

    def __str__(self) -> str:
        return self.located()


class InputError(CompilerError):
    """The input is not something 13dc compiles: empty, binary, HTML, another form."""


class UnsupportedFormError(InputError):
    """A well-formed document of a form 13dc does not compile (neither Schedule 13D nor 13G)."""


class NotAFilingError(InputError):
    """A document with a Schedule 13D/13G title or type that holds none of a filing's parts
    (see :mod:`compiler.acceptance`)."""


class FilingSyntaxError(CompilerError):
    """The filing could not be parsed at all (the grammar's recovery gave up)."""


class TruncatedFilingError(FilingSyntaxError):
    """The filing ends in the middle of a cover page."""


class InternalError(CompilerError):
    """A bug in 13dc: a stage broke its own contract (a backend produced output that fails its
    post-check, a resource file is missing from the installation)."""
