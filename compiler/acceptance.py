"""What counts as a Schedule 13D or 13G filing.

A document is compiled only when (1) a form title or an EDGAR type says it is a Schedule 13D or
13G -- checked by the source stage, :func:`compiler.frontend.source.read_source` -- and (2) it
holds at least one of a filing's parts: a title page that names the issuer, a cover page, or an
Item. An amendment that restates only some Items (no cover page) is still a filing. Anything else
(a README that talks about Schedule 13D, a JSON file of answers, a lone "Name of Issuer:" line) is
refused with one line, rather than compiled into a filing of zero persons.
"""

from __future__ import annotations

from compiler.errors import NotAFilingError
from compiler.ir import Filing

NOT_A_FILING = "not a Schedule 13D or 13G filing"


def accept(filing: Filing) -> Filing:
    """``filing`` itself when it holds a filing's part; else raise :class:`NotAFilingError`."""
    if filing.issuer.name or filing.reporting_persons or filing.items:
        return filing
    raise NotAFilingError(
        f"{NOT_A_FILING} (no issuer on a title page, no cover page, no Item)",
        path=filing.source.path,
    )


__all__ = ["NOT_A_FILING", "accept"]
