"""LineFlags, the set of a part's line indexes a transaction table takes (a byte per line of the
part, not a set's fifty): it behaves as a set of ints, indexes outside the part's range included."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from compiler.lower.lines import Line, LineFlags

_OPERATIONS = st.lists(st.tuples(st.sampled_from(["add", "discard"]), st.integers(-20, 60)))


@given(first=st.integers(0, 30), size=st.integers(0, 20), operations=_OPERATIONS)
def test_line_flags_behave_as_a_set(
    first: int, size: int, operations: list[tuple[str, int]]
) -> None:
    lines = [Line(index, "TEXT", "") for index in range(first, first + size)]
    flags, expected = LineFlags(lines), set[int]()
    for operation, index in operations:
        getattr(flags, operation)(index)
        getattr(expected, operation)(index)
    assert sorted(flags) == sorted(expected)
    assert len(flags) == len(expected)
    assert all((index in flags) == (index in expected) for index in range(-25, 65))
    assert "3" not in flags


def test_line_flags_take_a_set_in() -> None:
    flags = LineFlags([Line(10, "TEXT", ""), Line(12, "TEXT", "")])
    flags.update([10, 11])
    flags |= {12, 40}
    assert sorted(flags) == [10, 11, 12, 40]
