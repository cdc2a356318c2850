"""Each rule type on its own examples, through a real pack folder."""

from __future__ import annotations

import textwrap

import pytest

from copylint.config import Config
from copylint.engine import Linter
from copylint.errors import RuleError
from copylint.fixer import apply_edits, select_edits


def make_pack(tmp_path, files: dict[str, str], name: str = "t"):
    pack = tmp_path / name
    pack.mkdir()
    for fname, body in files.items():
        (pack / fname).write_text(textwrap.dedent(body), encoding="utf-8")
    return pack


def lint(tmp_path, rule: str, text: str, name: str = "R.yml", **cfg):
    pack = make_pack(tmp_path, {name: rule})
    linter = Linter(Config(packs=(str(pack),), **cfg))
    _, found = linter.check_text(textwrap.dedent(text), "draft.txt")
    return found


def test_existence_reports_each_match_with_position(tmp_path):
    found = lint(
        tmp_path,
        """
        extends: existence
        message: "Avoid '%s'."
        ignorecase: true
        tokens: [very, really]
        """,
        "It was very hot.\nReally, really hot.\n",
    )
    assert [(f.line, f.column, f.end_column, f.match) for f in found] == [
        (1, 8, 12, "very"),
        (2, 1, 7, "Really"),
        (2, 9, 15, "really"),
    ]
    assert found[0].message == "Avoid 'very'."
    assert found[0].rule == "t.R"


def test_existence_respects_word_boundaries_and_exceptions(tmp_path):
    found = lint(
        tmp_path,
        """
        extends: existence
        message: "%s"
        tokens: ['\\w+ly']
        exceptions: [only, early]
        """,
        "We only left early, quickly, as a family.\n",
    )
    assert [f.match for f in found] == ["quickly", "family"]


def test_existence_remove_action_gives_a_safe_fix(tmp_path):
    text = "It was very hot today.\n"
    found = lint(
        tmp_path,
        """
        extends: existence
        message: "%s"
        tokens: [very]
        action: {name: remove}
        """,
        text,
    )
    assert apply_edits(text, select_edits(found, unsafe=False)) == "It was hot today.\n"


def test_substitution_message_order_case_and_fix(tmp_path):
    text = "E-mail us or visit the web site.\n"
    found = lint(
        tmp_path,
        """
        extends: substitution
        message: "Use '%s' instead of '%s'."
        ignorecase: true
        swap:
          e-mail: email
          web site: website
          utilize: use|employ
        """,
        text,
    )
    assert [f.message for f in found] == [
        "Use 'Email' instead of 'E-mail'.",
        "Use 'website' instead of 'web site'.",
    ]
    assert (
        apply_edits(text, select_edits(found, unsafe=False)) == "Email us or visit the website.\n"
    )


def test_substitution_alternatives_suggest_without_fixing(tmp_path):
    found = lint(
        tmp_path,
        """
        extends: substitution
        message: "Use '%s' instead of '%s'."
        swap:
          utilize: use|employ
        """,
        "We utilize it.\n",
    )
    assert found[0].suggestions == ("use", "employ")
    assert found[0].fix is None
    assert found[0].message == "Use 'use' or 'employ' instead of 'utilize'."


def test_substitution_skips_the_preferred_form(tmp_path):
    found = lint(
        tmp_path,
        """
        extends: substitution
        message: "%s"
        ignorecase: true
        swap:
          'e-?mail': email
        """,
        "Send an email, not an e-mail.\n",
    )
    assert [f.match for f in found] == ["e-mail"]


#: (swap entry, text, the findings expected)
CAPTURE_CASES = [
    # a key's lookarounds see the text around the match when its groups fill the
    # replacement ($1 was printed as is when the key was matched alone against the
    # matched text: its lookahead saw nothing after it)
    (
        "'(?<=\\bwith )(him|her) and I(?= at\\b)': $1 and me",
        "She sat with him and I at the back; we sat with her and I left.\n",
        [("him and I", ("him and me",))],
    ),
    # $0 is the whole match (Go's expansion, which Vale uses); $2 past the key's
    # groups stays as written
    (
        "'teh (\\w+)': the $1 (not $0) $2",
        "We fed teh cat.\n",
        [("teh cat", ("the cat (not teh cat) $2",))],
    ),
]


@pytest.mark.parametrize("keys", [1, 4])
@pytest.mark.parametrize(("entry", "text", "expected"), CAPTURE_CASES)
def test_substitution_groups_fill_the_replacement(tmp_path, keys, entry, text, expected):
    """Alone and among other keys (searched key by key)."""
    others = "".join(f"          zz{i}q: yy\n" for i in range(keys - 1))
    spec = """
        extends: substitution
        message: "Use '%s' instead of '%s'."
        ignorecase: true
        swap:
"""
    found = lint(tmp_path, spec + f"          {entry}\n" + others, text)
    assert [(f.match, f.suggestions) for f in found] == expected


def test_occurrence_max_per_sentence(tmp_path):
    found = lint(
        tmp_path,
        """
        extends: occurrence
        message: "Sentence has %s words."
        scope: sentence
        token: '\\b\\w+\\b'
        max: 5
        """,
        "One two three four five. One two three four five six seven.\n",
    )
    assert len(found) == 1
    assert found[0].message == "Sentence has 7 words."
    assert found[0].column == 26


def test_repetition_flags_doubles_and_fixes(tmp_path):
    text = "She said the the plan was was fine. Had had is fine.\n"
    found = lint(
        tmp_path,
        """
        extends: repetition
        message: "'%s' is repeated."
        alpha: true
        ignorecase: true
        tokens: ['[^\\s.,;:!?]+']
        exceptions: [had had]
        """,
        text,
    )
    assert [f.match for f in found] == ["the the", "was was"]
    assert apply_edits(text, select_edits(found, unsafe=False)) == (
        "She said the plan was fine. Had had is fine.\n"
    )


def test_repetition_not_across_paragraphs(tmp_path):
    found = lint(
        tmp_path,
        """
        extends: repetition
        message: "'%s' is repeated."
        tokens: ['[^\\s]+']
        """,
        "It ends with the\n\nthe next one starts.\n",
    )
    assert found == []


@pytest.mark.parametrize("tokens", ["'[^\\s.,;:!?]+'", "'([^\\s.,;:!?]+)'"])
@pytest.mark.parametrize("ignorecase", ["true", "false"])
def test_repetition_finds_repeats_in_any_case_and_skips_regions_without_one(
    tmp_path, tokens, ignorecase
):
    # the first paragraph has no repeat (the quick pre-check skips it); the second
    # has one in mixed case, found only when the rule ignores case; a token
    # pattern with a group is walked match by match as before
    text = "A plain paragraph with no doubles at all.\n\nThen The the end came.\n"
    found = lint(
        tmp_path,
        f"""
        extends: repetition
        message: "'%s' is repeated."
        ignorecase: {ignorecase}
        tokens: [{tokens}]
        """,
        text,
    )
    expected = ["The the"] if ignorecase == "true" else []
    assert [f.match for f in found] == expected


def test_consistency_flags_the_minority_form(tmp_path):
    found = lint(
        tmp_path,
        """
        extends: consistency
        message: "'%s' here, but '%s' elsewhere."
        either:
          toward: towards
        """,
        "Walk toward it. Then toward the sea. Later towards home.\n",
    )
    assert [f.match for f in found] == ["towards"]
    assert found[0].message == "'towards' here, but 'toward' elsewhere."


def test_conditional_acronym_defined_first(tmp_path):
    rule = """
        extends: conditional
        message: "Define '%s' before using it."
        first: '\\b([A-Z]{2,5})\\b'
        second: '\\b[A-Z][a-z]+(?: [A-Z][a-z]+)+ \\(([A-Z]{2,5})\\)'
        exceptions: [US, UK]
        """
    found = lint(
        tmp_path, rule, "The World Health Organization (WHO) met. WHO said so. NATO too.\n"
    )
    assert [f.match for f in found] == ["NATO"]


def test_capitalization_title_and_sentence(tmp_path):
    rule = """
        extends: capitalization
        message: "Headline should be in sentence case: '%s'."
        match: $sentence
        """
    pack = make_pack(tmp_path, {"Head.yml": rule})
    linter = Linter(Config(packs=(str(pack),)))
    _, found = linter.check_text("# Mayor Opens The New Town Library Today\n\nBody.\n", "a.md")
    assert [f.rule for f in found] == ["t.Head"]
    _, found = linter.check_text("# Mayor opens the new town library\n\nBody.\n", "b.md")
    assert found == []


def test_metric_formula(tmp_path):
    found = lint(
        tmp_path,
        """
        extends: metric
        message: "Average sentence length is %s words."
        scope: paragraph
        formula: words / sentences
        condition: "> 6"
        """,
        "Short one. Another one.\n\nThis paragraph has one rather long sentence in it today.\n",
    )
    assert len(found) == 1
    assert found[0].line == 3


@pytest.mark.parametrize(
    "body, line, fragment",
    [
        ("extends: nonsense\nmessage: x\n", 1, "unknown rule type 'nonsense'"),
        ("message: x\ntokens: [a]\n", 1, "missing required key 'extends'"),
        ("extends: existence\nmessage: x\ntokens: ['(unclosed']\n", 3, "bad regular expression"),
        ("extends: existence\nmessage: x\nlevel: loud\ntokens: [a]\n", 3, "unknown level"),
        ("extends: existence\nmessage: x\ntokens: [a]\nbogus: 1\n", 4, "unknown key 'bogus'"),
        ("extends: existence\nmessage: [x\n", 3, "bad YAML"),
        ("extends: substitution\nmessage: x\n", 1, "needs the key 'swap'"),
    ],
)
def test_bad_rule_files_name_file_and_line(tmp_path, body, line, fragment):
    pack = tmp_path / "bad"
    pack.mkdir()
    (pack / "Broken.yml").write_text(body, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        Linter(Config(packs=(str(pack),)))
    msg = str(info.value)
    assert msg.startswith(f"{pack / 'Broken.yml'}:{line}: "), msg
    assert fragment in msg
