"""Check stage: cross-field consistency of a compiled filing."""

from __future__ import annotations

from dataclasses import replace

from compiler.ir import Filing


def check(filing: Filing) -> Filing:
    return replace(filing, diagnostics=filing.diagnostics)
