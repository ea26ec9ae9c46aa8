"""The lowering's lines: Line, a line of a part (one made of a line token holds the token's own
number, no int object of its own), and LineFlags, the set of a part's line indexes a transaction
table takes (a byte per line of the part, not a set's fifty): it behaves as a set of ints,
indexes outside the part's range included."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from compiler.frontend.lexer import tokenize
from compiler.lower.lines import Line, LineFlags, lines_of_tokens

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


def test_lines_of_tokens_are_the_lines_of_their_tokens() -> None:
    texts = [
        "Item 5.  Interest in Securities of the Issuer.",
        "",
        "     12/23/2003    66,000   $4.90",
    ]
    tokens = list(tokenize([" " * 300, *texts * 100]))
    lines = lines_of_tokens(tokens)
    assert lines == [Line(index, token.type, token) for index, token in enumerate(tokens)]
    assert [line.index for line in lines] == list(range(len(tokens)))
    assert lines[-1].kind == "TX_ROW" and lines[-1].text is tokens[-1]
    # The token's number is the line's: no int object of its own (past the small ints).
    assert all(line._number is token.line for line, token in zip(lines, tokens, strict=True))
    assert Line(3, "TEXT", "a") != Line(4, "TEXT", "a")
    assert repr(Line(3, "TEXT", "a")) == "Line(index=3, kind='TEXT', text='a')"
