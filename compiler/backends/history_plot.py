"""``13dc history --plot FILE``: percent of class over time, one line per holder.

Each filing is a marked point (a circle for a 13D, a square for a 13G; a hollow marker where
the filing did not report a percent, drawn at the last known value so the date still shows); the
line holds each percent until the next filing. Below, one ribbon per holder shades its 13G
(passive) and 13D (active) periods, from one filing to the next (the last period ends at the
last date of the plot): shading the lines' own background would mix the holders' periods.

matplotlib is an optional dependency (``pip install '13dc[plot]'``), imported only here and only
when a plot is asked for; the non-interactive Agg backend is chosen so that no display is needed.
The format follows the file's extension (``.svg`` or ``.png``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from itertools import groupby
from types import ModuleType

from compiler.batch.history import Position
from compiler.errors import CompilerError

PLOT_EXTRA_HINT = "pip install '13dc[plot]'"
FORMATS = (".svg", ".png")
_SHADE = {"13G": "#4c72b0", "13D": "#dd8452"}  # passive blue, active orange
_MARKER = {"13G": "s", "13D": "o"}


class PlotError(CompilerError):
    """The plot cannot be drawn: matplotlib missing, a bad file name or nothing to draw."""


def require_matplotlib() -> ModuleType:
    try:
        import matplotlib
    except ImportError as exc:
        raise PlotError(
            f"--plot needs the matplotlib package, which is not installed: {PLOT_EXTRA_HINT}",
            path="13dc",
        ) from exc
    matplotlib.use("Agg")
    return matplotlib


def check_target(path: str) -> None:
    """Refuse a file whose extension is neither .svg nor .png before any work is done."""
    if os.path.splitext(path)[1].lower() not in FORMATS:
        raise PlotError("--plot writes .svg or .png (by the file's extension)", path=path)


def _periods(chain: Sequence[Position], end: dt.date) -> list[tuple[dt.date, dt.date, str]]:
    """(start, end, schedule) of each run of filings of one schedule."""
    dated = [p for p in chain if p.date is not None and p.schedule is not None]
    out: list[tuple[dt.date, dt.date, str]] = []
    for index, position in enumerate(dated):
        assert position.date is not None and position.schedule is not None
        stop = dated[index + 1].date if index + 1 < len(dated) else end
        assert stop is not None
        if out and out[-1][2] == position.schedule:
            out[-1] = (out[-1][0], stop, position.schedule)
        else:
            out.append((position.date, stop, position.schedule))
    return out


def plot_positions(positions: Sequence[Position], path: str) -> int:
    """Draw the chains into ``path``; the number of holders drawn (0: nothing dated to draw)."""
    check_target(path)
    require_matplotlib()
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    def x(day: dt.date) -> float:
        return float(mdates.date2num(day))  # type: ignore[no-untyped-call]  # (untyped in 3.11)

    chains = [list(group) for _, group in groupby(positions, key=lambda p: p.chain_key)]
    chains = [c for c in chains if any(p.date is not None for p in c)]
    if not chains:
        return 0
    dates = [p.date for c in chains for p in c if p.date is not None]
    end = max(dates)
    # The percent lines above; below, one ribbon per holder with its 13G and 13D periods.
    figure, (axes, ribbon) = plt.subplots(
        2, 1, sharex=True, figsize=(9, 4.2 + 0.35 * len(chains)), dpi=100,
        gridspec_kw={"height_ratios": [4, 0.5 + 0.35 * len(chains)]},
    )  # fmt: skip
    for index, chain in enumerate(chains):
        color = f"C{index % 10}"
        row = len(chains) - 1 - index  # the first holder on top, as in the legend
        for start, stop, schedule in _periods(chain, end):
            ribbon.broken_barh(
                [(x(start), max(x(stop) - x(start), 1.0))], (row - 0.4, 0.8),
                facecolors=_SHADE[schedule], alpha=0.6, edgecolor="white",
            )  # fmt: skip
        xs = [x(p.date) for p in chain if p.date is not None and p.percent is not None]
        ys = [float(p.percent) for p in chain if p.date is not None and p.percent is not None]
        name = chain[-1].holder_name or "(no name)"
        axes.plot(xs, ys, color=color, linewidth=1.5, label=name, drawstyle="steps-post")
        last: float | None = None
        for position in chain:
            if position.date is None:
                continue
            marker = _MARKER.get(position.schedule or "", "D")
            if position.percent is None:  # not reported: a hollow marker at the last value
                axes.plot(
                    [x(position.date)], [last or 0.0], marker=marker, markersize=7,
                    markerfacecolor="white", markeredgecolor=color, linestyle="none",
                )  # fmt: skip
                continue
            last = float(position.percent)
            axes.plot([x(position.date)], [last], marker=marker, markersize=6, color=color)
    names = [(c[-1].holder_name or "(no name)")[:28] for c in chains]
    ribbon.set_yticks(range(len(chains)), names[::-1], fontsize="small")
    ribbon.set_ylim(-0.6, len(chains) - 0.4)
    ribbon.legend(
        handles=[Patch(color=_SHADE[s], alpha=0.6, label=f"{s} period") for s in ("13G", "13D")],
        loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small", frameon=False,
    )  # fmt: skip
    issuers = sorted({p.issuer_name or p.cusip or "?" for c in chains for p in c})
    ribbon.xaxis_date()
    axes.set_title("Percent of class over time: " + "; ".join(issuers[:3]))
    axes.set_ylabel("percent of class")
    axes.set_ylim(bottom=0)
    axes.grid(True, axis="y", alpha=0.3)
    axes.legend(loc="best", fontsize="small")
    figure.autofmt_xdate()
    figure.tight_layout()
    try:
        # No date and a fixed salt for the SVG's element ids: the same chains, the same bytes.
        with plt.rc_context({"svg.hashsalt": "13dc"}):
            svg = path.lower().endswith(".svg")
            figure.savefig(path, metadata={"Date": None} if svg else None)
    except OSError as exc:
        raise PlotError(f"cannot write the plot: {exc.strerror or exc}", path=path) from exc
    finally:
        plt.close(figure)
    return len(chains)


__all__ = ["FORMATS", "PLOT_EXTRA_HINT", "PlotError", "check_target", "plot_positions"]
