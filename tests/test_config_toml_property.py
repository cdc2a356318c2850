"""``config.read_simple_toml`` against ``tomllib``: for any text, either the simple
reader declines (None) or it gives exactly what ``tomllib.loads`` gives (values and
types); it never accepts a text ``tomllib`` refuses, and never raises. The texts are
built from the corners a hand-written reader gets wrong: escapes, quotes and ``#`` in
strings, comments after values, dotted and quoted keys, keys and tables given twice,
inline tables, numbers such as 1_000, +1, 0x10, 1e3, inf, huge whole numbers,
multi-line arrays, trailing commas, CR LF, tabs and form feeds, non-ASCII keys."""

from __future__ import annotations

import subprocess
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PYTHON, subprocess_env
from copylint.config import read_simple_toml

# What the simple reader takes (PLAIN_*) and the rest (ODD_*): each document draws how
# often it picks from the odd ones, so that many are plain and many nearly so.
PLAIN_KEYS = ["a", "b", "a-b", "k_1", "1", "-"]
ODD_KEYS = ["é", '"a"', "'b'", "a.b", "a . b", '"a.b"', "", "a b"]
PLAIN_SCALARS = [
    '"x"', "'x'", '""', "''", '"a # b"', "'a # b'", "\"it's\"", "'say \"so\"'",
    "'C:\\dir'", '"tab\there"', '"\u2028 é"', "0", "-0", "+0", "+1", "-17", "42",
    "true", "false",
]  # fmt: skip
ODD_SCALARS = [
    '"\\"q\\""', '"\\t"', '"C:\\dir"', '"\x7f"', '"\x01"', '"""x"""', "'''x'''",
    '"unclosed', "'a' 'b'", "01", "00", "1_000", "1__0", "0x10", "0o7", "0b1", "1e3",
    "1.5", "1.", "inf", "-nan", "++1", "+", "1979-05-27", "1979-13-40", "12abc",
    "True", "truefalse", "null",
    "1" + "9" * 5000,  # more digits than int() takes from a string
]  # fmt: skip
PLAIN_TABLES = ["a", "b", "a.b", "a . b", "b.a", "a.b.a", "tool.copylint"]
ODD_TABLES = ['"a"', "a.", "", "[a]", "a..b", "é"]
PLAIN_SPACE = ["", " ", "  ", "\t"]
ODD_SPACE = ["\x0c", "\u00a0"]
PLAIN_COMMENTS = ["", "", "#", "# note", "# 'quoted' \"x\" # [t] = 1", "#\x85", "#\t"]
ODD_COMMENTS = ["#\x7f", "#\x01"]
ODD_LINES = ["=", "k =", "= 1", "k = 1 = 2", "[a]]", "k", "\ufeffk = 1", "[[a]]", "a = {}"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    odd_rate = draw(st.sampled_from([0, 0, 2, 5, 30]))  # in a hundred picks

    def pick(plain: list[str], odd: list[str]) -> str:
        if odd and draw(st.integers(0, 99)) < odd_rate:
            return draw(st.sampled_from(odd))
        return draw(st.sampled_from(plain))

    def space() -> str:
        return pick(PLAIN_SPACE, ODD_SPACE)

    def comment() -> str:
        return pick(PLAIN_COMMENTS, ODD_COMMENTS)

    def value(depth: int = 0) -> str:
        kind = pick(["scalar"] * 3 + ["array"], ["array", "inline"] if depth < 2 else [])
        if kind == "scalar":
            return pick(PLAIN_SCALARS, ODD_SCALARS)
        items = [value(depth + 1) for _ in range(draw(st.integers(0, 3)))]
        if kind == "inline":
            return "{" + ", ".join(f"{pick(PLAIN_KEYS, ODD_KEYS)} = {v}" for v in items) + "}"
        sep = pick([", ", ",", " , ", ",\t"], [",\n  ", " "])
        tail = pick(["", ",", ", "], [",,", ",\n"]) if items else ""
        return "[" + space() + sep.join(items) + tail + space() + "]"

    def line() -> str:
        kind = draw(st.sampled_from(["pair", "pair", "pair", "table", "blank", "odd"]))
        if kind == "pair":
            key = pick(PLAIN_KEYS, ODD_KEYS)
            return f"{space()}{key}{space()}={space()}{value()}{space()}{comment()}"
        if kind == "table":
            name = pick(PLAIN_TABLES, ODD_TABLES)
            return f"{space()}[{space()}{name}{space()}]{space()}{comment()}"
        if kind == "blank":
            return f"{space()}{comment()}"
        return pick(["", "# odd"], ODD_LINES)

    end = pick(["\n"], ["\r\n", "\r"])
    text = end.join(line() for _ in range(draw(st.integers(0, 7))))
    return text + draw(st.sampled_from(["", end]))


def tomllib_reads(text: str) -> tuple[str, object]:
    try:
        return "ok", tomllib.loads(text)
    except Exception as exc:  # TOMLDecodeError, and ValueError for huge numbers
        return "error", type(exc).__name__


@settings(max_examples=400)
@given(documents())
def test_the_simple_reader_declines_or_reads_exactly_as_tomllib(text):
    mine = read_simple_toml(text)  # never raises
    if mine is None:
        return
    outcome, expected = tomllib_reads(text)
    assert outcome == "ok", f"tomllib refuses ({expected}) what the simple reader took: {text!r}"
    assert mine == expected and repr(mine) == repr(expected), text


def test_a_whole_number_with_more_digits_than_int_takes_is_declined():
    """(found by the test above) ``int()`` refuses a string of more than 4,300 digits,
    so tomllib raises ValueError there: the simple reader leaves such a file to it."""
    text = "[levels]\nk = 1" + "9" * 5000 + "\n"
    assert tomllib_reads(text) == ("error", "ValueError")
    assert read_simple_toml(text) is None


def check_in(folder):
    return subprocess.run(
        [PYTHON, "-m", "copylint", "check", "a.md"],
        cwd=folder,
        env=subprocess_env(),
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("plain", [True, False])
def test_a_config_with_a_huge_whole_number_is_an_error_naming_the_file_and_line(tmp_path, plain):
    """Exit 2 and a message naming the file and the line, no traceback, whichever
    reader reads the file (plain lines, or a float on a line before that sends it to
    tomllib); a pyproject.toml of such a number is no config, not a crash."""
    head = "" if plain else "max_file_mb = 2.5\n"
    (tmp_path / "copylint.toml").write_text(f"{head}[levels]\nhouse = 1{'9' * 5000}\n")
    (tmp_path / "a.md").write_text("A fine sentence.\n")
    r = check_in(tmp_path)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    line = 2 if plain else 3
    assert f"copylint.toml:{line}:" in r.stderr and "digits" in r.stderr
    (tmp_path / "copylint.toml").unlink()
    (tmp_path / "pyproject.toml").write_text(f"[tool.other]\nn = 1{'9' * 5000}\n")
    r = check_in(tmp_path)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
