"""Output formats: real Findings over real Documents, checked format by format."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from copylint.findings import Edit, Finding, Severity
from copylint.formatters import FORMATTERS, Summary, get_formatter
from copylint.formatters.github import MAX_PER_JOB, MAX_PER_LEVEL, escape_data, escape_property
from copylint.formatters.text import MAX_SPAN, underline
from copylint.parsers import parse
from copylint.rules.model import RuleMeta

DRAFT = (
    "The mayor said the plan was redy.\n"
    "\tThe café opened teh doors at noon.\n"
    "Councillors will vote on Tuesday.\n"
    "Sign up to our newsletter today!\n"
    "Get every story first.\n"
    "Follow us for more.\n"
    "Share this with a friend.\n"
    "Tell everyone you know.\n"
    "Thanks for reading.\n"
    "Like us online.\n"
    "The end of the story.\n"
)

RULES = [
    RuleMeta(
        id="spelling.Typos",
        type="spelling",
        path="rules/spelling/Typos.yml",
        message="Did you mean '%s'?",
        level=Severity.ERROR,
        description="Common typing slips.",
        link="https://example.org/rules/typos",
    ),
    RuleMeta(
        id="house.Numbers",
        type="existence",
        path="rules/house/Numbers.yml",
        message="Spell out '%s'.",
        level=Severity.SUGGESTION,
    ),
    RuleMeta(
        id="promo.Newsletter",
        type="promo",
        path="rules/promo/Newsletter.yml",
        message="Remove the newsletter promotion.",
        level=Severity.WARNING,
        description="Promotional blocks pasted into copy.",
    ),
]


def make(doc, rule, severity, message, start, end, path="news/draft.txt", **kw) -> Finding:
    line, col = doc.lines.position(start)
    end_line, end_col = doc.lines.position(end)
    return Finding(
        rule=rule,
        severity=severity,
        message=message,
        start=start,
        end=end,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        path=path,
        match=doc.source[start:end],
        **kw,
    )


@pytest.fixture
def doc():
    return parse(DRAFT, "news/draft.txt")


@pytest.fixture
def findings(doc):
    redy = DRAFT.index("redy")
    teh = DRAFT.index("teh")
    promo = DRAFT.index("Sign up")
    promo_end = DRAFT.index("The end")
    return [
        make(doc, "spelling.Typos", Severity.ERROR, "'redy' looks like a typo.", redy, redy + 4,
             suggestions=("ready",), link="https://example.org/rules/typos"),
        make(doc, "spelling.Typos", Severity.ERROR, "Did you mean 'the'?", teh, teh + 3,
             suggestions=("the",), fix=Edit(teh, teh + 3, "the")),
        make(doc, "promo.Newsletter", Severity.WARNING, "Remove the newsletter promotion.",
             promo, promo_end, fix=Edit(promo, promo_end, "", safe=False)),
    ]  # fmt: skip


SUMMARY = Summary(files=2, counts={"error": 2, "warning": 1, "suggestion": 0},
                  skipped=[("news/old.txt", "not valid UTF-8")])  # fmt: skip


def render(name, findings, doc, summary=SUMMARY, **kw) -> str:
    out = io.StringIO()
    fmt = get_formatter(name)(out, rules=RULES, version="9.9.9", **kw)
    fmt.start()
    fmt.handle("news/draft.txt", findings, doc)
    fmt.handle("news/clean.txt", [], parse("All good here.\n", "news/clean.txt"))
    fmt.finish(summary)
    return out.getvalue()


def test_registry_lists_every_format_and_rejects_unknown():
    assert set(FORMATTERS) == {"text", "json", "sarif", "github", "rdjson", "junit", "vale-json"}
    for name, cls in FORMATTERS.items():
        assert cls.name == name and get_formatter(name.upper()) is cls
    with pytest.raises(ValueError, match="choose from text, json"):
        get_formatter("yaml")


# --------------------------------------------------------------------------- text


def test_text_line_hint_and_caret_after_tab_and_accent(doc, findings):
    out = render("text", findings, doc)
    lines = out.splitlines()
    assert "news/draft.txt:1:29: error spelling.Typos 'redy' looks like a typo. " \
        'did you mean "ready"?' in lines  # fmt: skip
    head = "news/draft.txt:2:18: error spelling.Typos Did you mean 'the'? (fixable)"
    assert head in lines
    # the source line follows, tab expanded; the caret sits under "teh" exactly
    i = lines.index(head)
    src, marks = lines[i + 1], lines[i + 2]
    assert src.endswith("    The café opened teh doors at noon.")
    assert marks.index("^") == src.index("teh")
    assert marks.rstrip().endswith("^~~")
    assert "\x1b[" not in out


def test_text_underline_columns():
    line = "\tCafé teh x"
    mark = underline(line, 7, 10)  # "teh" is characters 7..9
    expanded = line.expandtabs(4)
    assert mark.index("^") == expanded.index("teh")
    assert mark.strip() == "^~~"
    assert underline("abc", 4, 4) == "   ^"  # an insertion at the end of the line


def test_text_multiline_block_is_capped(doc, findings):
    out = render("text", findings, doc)
    lines = out.splitlines()
    head = next(i for i, x in enumerate(lines) if "promo.Newsletter" in x)
    assert lines[head].startswith("news/draft.txt:4:1: warning promo.Newsletter")
    assert "(unsafe fix: remove)" in lines[head]
    block = lines[head + 1 : head + 7]
    assert "Sign up to our newsletter today!" in block[0]
    assert "Get every story first." in block[1]
    assert "Tell everyone you know." in block[4]
    assert block[5].endswith("… (2 more lines, to line 10)")  # 7 lines: 5 shown + a note
    assert not any("The end of the story." in x for x in block)


def test_text_summary_and_clean_run(doc, findings):
    out = render("text", findings, doc, summary=Summary(2, {"error": 2, "warning": 1}, [], 3))
    assert out.splitlines()[-1] == (
        "2 files checked, 2 errors, 1 warning, 0 suggestions, 3 fixes applied"
    )
    clean = render("text", [], doc, summary=Summary(2, {}, [("a.txt", "binary file")]))
    assert "binary file" not in clean  # the CLI names skipped files on stderr
    assert clean.splitlines()[-1] == "2 files checked, no problems found, 1 file skipped"


def test_text_color_only_when_asked(doc, findings):
    assert "\x1b[31m" in render("text", findings, doc, color=True)
    assert "\x1b[" not in render("text", findings, doc, color=False)


# --------------------------------------------------------------------------- json


def test_json_contract(doc, findings):
    data = json.loads(render("json", findings, doc))
    assert list(data) == ["version", "findings", "summary"]
    assert data["version"] == 1
    assert len(data["findings"]) == 3
    keys = ["path", "line", "column", "end_line", "end_column", "rule", "severity", "message",
            "match", "suggestions", "fix", "link"]  # fmt: skip
    types = dict(path=str, line=int, column=int, end_line=int, end_column=int, rule=str,
                 severity=str, message=str, match=str, suggestions=list, link=str)  # fmt: skip
    for item in data["findings"]:
        assert list(item) == keys
        for key, typ in types.items():
            assert isinstance(item[key], typ), key
        assert item["fix"] is None or set(item["fix"]) == {"kind", "start", "end", "text", "safe"}
    first, second = data["findings"][:2]
    assert (first["line"], first["column"], first["end_column"]) == (1, 29, 33)
    assert first["suggestions"] == ["ready"] and first["fix"] is None
    assert second["fix"]["text"] == "the" and second["fix"]["kind"] == "replace"
    assert data["summary"] == {
        "files": 2,
        "counts": {"error": 2, "warning": 1, "suggestion": 0},
        "skipped": [{"path": "news/old.txt", "reason": "not valid UTF-8"}],
        "fixed": 0,
    }


# --------------------------------------------------------------------------- sarif

# The parts of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) that copylint
# emits, with their field names, required keys and enums; unknown keys are refused.
_MSG = {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"],
        "additionalProperties": False}  # fmt: skip
_LOCATION = {
    "type": "object",
    "required": ["uri"],
    "properties": {"uri": {"type": "string"}},
    "additionalProperties": False,
}
_REGION = {
    "type": "object",
    "properties": {
        "startLine": {"type": "integer", "minimum": 1},
        "startColumn": {"type": "integer", "minimum": 1},
        "endLine": {"type": "integer", "minimum": 1},
        "endColumn": {"type": "integer", "minimum": 1},
        "charOffset": {"type": "integer", "minimum": -1},
        "charLength": {"type": "integer", "minimum": 0},
        "snippet": _MSG,
    },
    "additionalProperties": False,
}
_LEVEL = {"enum": ["none", "note", "warning", "error"]}
SARIF_SUBSET = {
    "type": "object",
    "required": ["version", "runs"],
    "additionalProperties": False,
    "properties": {
        "$schema": {"type": "string"},
        "version": {"enum": ["2.1.0"]},
        "runs": {"type": "array", "minItems": 1, "items": {
            "type": "object",
            "required": ["tool"],
            "additionalProperties": False,
            "properties": {
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                "invocations": {"type": "array", "items": {
                    "type": "object",
                    "required": ["executionSuccessful"],
                    "properties": {
                        "executionSuccessful": {"type": "boolean"},
                        "toolExecutionNotifications": {"type": "array", "items": {
                            "type": "object",
                            "required": ["message"],
                        }},
                    },
                    "additionalProperties": False,
                }},
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object",
                    "required": ["name"],
                    "additionalProperties": False,
                    "properties": {
                        "name": {"type": "string"},
                        "version": {"type": "string"},
                        "informationUri": {"type": "string"},
                        "rules": {"type": "array", "items": {
                            "type": "object",
                            "required": ["id"],
                            "additionalProperties": False,
                            "properties": {
                                "id": {"type": "string"},
                                "name": {"type": "string"},
                                "shortDescription": _MSG,
                                "fullDescription": _MSG,
                                "helpUri": {"type": "string"},
                                "defaultConfiguration": {
                                    "type": "object",
                                    "properties": {"level": _LEVEL, "enabled": {"type": "boolean"}},
                                    "additionalProperties": False,
                                },
                                "properties": {"type": "object"},
                            },
                        }},
                    },
                }}},
                "results": {"type": "array", "items": {
                    "type": "object",
                    "required": ["message"],
                    "additionalProperties": False,
                    "properties": {
                        "ruleId": {"type": "string"},
                        "ruleIndex": {"type": "integer", "minimum": -1},
                        "level": _LEVEL,
                        "message": _MSG,
                        "locations": {"type": "array", "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "properties": {"physicalLocation": {
                                "type": "object",
                                "additionalProperties": False,
                                "properties": {"artifactLocation": _LOCATION, "region": _REGION},
                            }},
                        }},
                        "fixes": {"type": "array", "items": {
                            "type": "object",
                            "required": ["artifactChanges"],
                            "additionalProperties": False,
                            "properties": {
                                "description": _MSG,
                                "artifactChanges": {"type": "array", "minItems": 1, "items": {
                                    "type": "object",
                                    "required": ["artifactLocation", "replacements"],
                                    "additionalProperties": False,
                                    "properties": {
                                        "artifactLocation": _LOCATION,
                                        "replacements": {"type": "array", "minItems": 1, "items": {
                                            "type": "object",
                                            "required": ["deletedRegion"],
                                            "additionalProperties": False,
                                            "properties": {
                                                "deletedRegion": _REGION,
                                                "insertedContent": _MSG,
                                            },
                                        }},
                                    },
                                }},
                            },
                        }},
                    },
                }},
            },
        }},
    },
}  # fmt: skip


def test_sarif_structure_rules_and_results(doc, findings):
    log = json.loads(render("sarif", findings, doc))
    jsonschema.validate(log, SARIF_SUBSET)
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "copylint" and driver["version"] == "9.9.9"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(m.id for m in RULES)  # stable: sorted ids, whatever the load order
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels == {"house.Numbers": "note", "promo.Newsletter": "warning",
                      "spelling.Typos": "error"}  # fmt: skip
    typos = driver["rules"][ids.index("spelling.Typos")]
    assert typos["helpUri"] == "https://example.org/rules/typos"
    assert typos["fullDescription"]["text"] == "Common typing slips."
    results = run["results"]
    assert len(results) == 3
    for res, f in zip(results, findings, strict=True):
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"] == f.rule
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == "news/draft.txt"
        region = loc["region"]
        assert (region["startLine"], region["startColumn"]) == (f.line, f.column)
        assert (region["endLine"], region["endColumn"]) == (f.end_line, f.end_column)
    assert [r["level"] for r in results] == ["error", "error", "warning"]
    # the non-ASCII line: columns are code points, as columnKind says
    assert results[1]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 18
    assert "fixes" not in results[0]
    change = results[1]["fixes"][0]["artifactChanges"][0]
    rep = change["replacements"][0]
    assert rep["insertedContent"]["text"] == "the"
    assert rep["deletedRegion"] == {"startLine": 2, "startColumn": 18, "endLine": 2,
                                    "endColumn": 21}  # fmt: skip
    removal = results[2]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert "insertedContent" not in removal
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["message"]["text"] == "skipped: not valid UTF-8"
    assert notes[0]["level"] == "error"
    # a skipped file makes the run exit 2: SARIF says the run did not succeed
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_run_without_skipped_files_is_successful(doc, findings):
    out = io.StringIO()
    fmt = get_formatter("sarif")(out, rules=list(RULES))
    fmt.start()
    fmt.handle("news/draft.txt", findings, doc)
    fmt.finish(Summary(files=1, counts={"error": 2, "warning": 1, "suggestion": 0}))
    invocation = json.loads(out.getvalue())["runs"][0]["invocations"][0]
    assert invocation == {"executionSuccessful": True}


def test_sarif_rule_indexes_stable_when_rules_come_in_another_order(doc, findings):
    out = io.StringIO()
    fmt = get_formatter("sarif")(out, rules=list(reversed(RULES)))
    fmt.start()
    fmt.handle("news/draft.txt", findings, doc)
    fmt.finish(SUMMARY)
    other = json.loads(out.getvalue())["runs"][0]
    base = json.loads(render("sarif", findings, doc))["runs"][0]
    assert other["tool"]["driver"]["rules"] == base["tool"]["driver"]["rules"]
    assert [r["ruleIndex"] for r in other["results"]] == [r["ruleIndex"] for r in base["results"]]


def test_sarif_unknown_rule_and_path_uri(doc):
    f = make(doc, "local.Thing", Severity.WARNING, "Odd.", 0, 3, path="my drafts/a:b.txt")
    run = json.loads(render("sarif", [f], doc))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    res = run["results"][0]
    assert rules[res["ruleIndex"]]["id"] == "local.Thing"
    uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "my%20drafts/a%3Ab.txt"


# --------------------------------------------------------------------------- rdjson


def test_rdjson_fields_and_byte_columns(doc, findings):
    data = json.loads(render("rdjson", findings, doc))
    assert data["source"]["name"] == "copylint" and data["source"]["url"].startswith("https://")
    assert data["severity"] == "ERROR"
    diags = data["diagnostics"]
    assert [d["severity"] for d in diags] == ["ERROR", "ERROR", "WARNING"]
    first = diags[0]
    assert first["message"] == "'redy' looks like a typo."
    assert first["code"] == {"value": "spelling.Typos", "url": "https://example.org/rules/typos"}
    assert first["location"]["path"] == "news/draft.txt"
    assert first["location"]["range"] == {"start": {"line": 1, "column": 29},
                                          "end": {"line": 1, "column": 33}}  # fmt: skip
    # spelling suggestion replaces the match
    assert first["suggestions"] == [{"range": first["location"]["range"], "text": "ready"}]
    # line 2 has a tab and "é" (2 bytes in UTF-8) before "teh": char column 18, byte column 19
    second = diags[1]
    assert second["location"]["range"]["start"] == {"line": 2, "column": 19}
    assert second["location"]["range"]["end"] == {"line": 2, "column": 22}
    assert second["suggestions"] == [{"range": second["location"]["range"], "text": "the"}]
    assert "url" not in second["code"]
    assert diags[2]["suggestions"][0]["text"] == ""


# --------------------------------------------------------------------------- github


def test_github_escaping():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    text = "Odd: 50%, really,\nnew line"
    doc = parse(text, "x.txt")
    f = make(doc, "house.Odd", Severity.WARNING, "Avoid '50%', and\n::error::x", 5, 8,
             path="dir,with:odd\npath.txt")  # fmt: skip
    out = render("github", [f], doc)
    first = out.splitlines()[0]
    assert first == (
        "::warning file=dir%2Cwith%3Aodd%0Apath.txt,line=1,col=6,endLine=1,endColumn=9,"
        "title=copylint house.Odd::Avoid '50%25', and%0A::error::x"
    )
    assert not any(line.startswith("::error") for line in out.splitlines())


def test_github_levels_and_multiline(doc, findings):
    out = render("github", findings, doc).splitlines()
    assert out[0].startswith("::error file=news/draft.txt,line=1,col=29,endLine=1,endColumn=33,")
    assert out[0].endswith("::'redy' looks like a typo. did you mean \"ready\"?")
    assert out[2].startswith("::warning file=news/draft.txt,line=4,endLine=10,title=")
    assert (
        out[-1] == "copylint: 2 files checked, 2 errors, 1 warning, 0 suggestions, 1 file skipped"
    )
    assert not any(line.startswith("::notice") for line in out)  # nothing over the limit


def test_github_annotation_limits_never_drop_findings():
    text = "".join(f"Line {i} has a slip.\n" for i in range(1, 26))
    doc = parse(text, "d.txt")
    findings = []
    for i in range(25):
        start = doc.lines.line_bounds(i + 1)[0]
        findings.append(make(doc, "house.Slip", Severity.WARNING, f"Slip {i + 1}.", start,
                             start + 4, path="d.txt"))  # fmt: skip
    notes = []
    for i in range(25):
        start = doc.lines.line_bounds(i + 1)[0] + 5
        notes.append(make(doc, "house.Note", Severity.SUGGESTION, f"Note {i + 1}.", start,
                          start + 2, path="d.txt"))  # fmt: skip
    out = render("github", findings + notes, doc, summary=Summary(1, {"warning": 25,
                 "suggestion": 25})).splitlines()  # fmt: skip
    warnings = [x for x in out if x.startswith("::warning ")]
    notices = [x for x in out if x.startswith("::notice ")]
    plain = [x for x in out if x.startswith("d.txt:")]
    assert len(warnings) == MAX_PER_LEVEL
    assert len(notices) == MAX_PER_LEVEL  # 9 findings + the summary notice
    assert len(warnings) + len(notices) <= MAX_PER_JOB
    # every finding appears exactly once, annotated or as a plain log line
    for i in range(1, 26):
        assert sum(f"::Slip {i}." in x or x.endswith(f" Slip {i}.") for x in out) == 1
        assert sum(f"::Note {i}." in x or x.endswith(f" Note {i}.") for x in out) == 1
    assert len(plain) == 50 - 10 - 9
    assert "d.txt:11:1: warning house.Slip Slip 11." in plain
    summary = notices[-1]
    assert summary.startswith("::notice title=copylint::31 of 50 findings were not annotated")
    assert "job log" in summary


# --------------------------------------------------------------------------- junit


def test_junit_parses_and_escapes(doc, findings):
    weird = make(doc, "house.Odd", Severity.SUGGESTION, 'Use "<b>" & not \x0c here', 0, 3)
    root = ET.fromstring(render("junit", [*findings, weird], doc))
    assert root.tag == "testsuites"
    assert root.get("tests") == "6" and root.get("failures") == "4"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"news/draft.txt", "news/clean.txt", "news/old.txt"}
    draft = suites["news/draft.txt"]
    assert draft.get("failures") == "4"
    failures = draft.findall("testcase/failure")
    assert failures[0].get("type") == "error"
    assert failures[0].text.startswith("news/draft.txt:1:29: error spelling.Typos")
    assert failures[3].get("message") == 'Use "<b>" & not \ufffd here'
    assert suites["news/clean.txt"].find("testcase/failure") is None
    assert suites["news/old.txt"].find("testcase/skipped").get("message") == "not valid UTF-8"


# --------------------------------------------------------------------------- all formats


@pytest.mark.parametrize("name", sorted(FORMATTERS))
def test_every_format_handles_missing_document_and_no_findings(name, doc, findings):
    out = io.StringIO()
    fmt = get_formatter(name)(out)
    fmt.start()
    fmt.handle("news/draft.txt", findings, None)  # no document: no snippet, no crash
    fmt.finish(Summary(1, {"error": 2, "warning": 1}))
    text = out.getvalue()
    assert "spelling.Typos" in text and "promo.Newsletter" in text
    empty = io.StringIO()
    fmt = get_formatter(name)(empty)
    fmt.start()
    fmt.finish(Summary(0, {}))
    assert empty.getvalue().strip()


def test_text_long_line_is_cut_around_the_match():
    words = " ".join(f"word{i}" for i in range(60))
    text = f"{words} teh {words}\n"
    doc = parse(text, "long.txt")
    start = text.index(" teh ") + 1
    f = make(doc, "spelling.Typos", Severity.ERROR, "Typo.", start, start + 3, path="long.txt")
    lines = render("text", [f], doc).splitlines()
    src, marks = lines[1], lines[2]
    assert src.startswith("  1 | …") and src.endswith("…")
    assert len(src) < 120
    assert src[marks.index("^") : marks.index("^") + 3] == "teh"
    assert marks.rstrip().endswith("^~~")


def test_text_long_span_shows_a_window_and_its_length():
    """A 300-character match is underlined for its start only, with its length."""
    sentence = "The council, " + "which met for a long time in the old hall, " * 7 + "voted no."
    text = f"Earlier that day the mayor spoke. {sentence} It rained.\n"
    doc = parse(text, "long.txt")
    start = text.index("The council")
    end = start + len(sentence)
    assert len(sentence) > 300
    f = make(doc, "house.Numbers", Severity.SUGGESTION, "Long.", start, end, path="long.txt")
    lines = render("text", [f], doc).splitlines()
    src, marks = lines[1], lines[2]
    assert src.startswith("  1 | Earlier that day the mayor spoke. The council,")
    assert src.endswith("…") and len(src) < 120
    assert marks.endswith(f"~ {len(sentence)} characters")
    caret = marks.index("^")
    assert src[caret:].startswith("The council")
    assert marks.count("^") == 1 and len(marks.split()[1]) == MAX_SPAN + 1  # the span, then …
    assert src[caret + MAX_SPAN] == "…"


def test_text_long_span_late_in_a_long_line_is_cut_on_both_sides():
    head = " ".join(f"word{i}" for i in range(40))
    span = "x" * 150
    text = f"{head} {span} tail.\n"
    doc = parse(text, "long.txt")
    start = text.index(span)
    f = make(doc, "house.Numbers", Severity.SUGGESTION, "Long.", start, start + 150)
    src, marks = render("text", [f], doc).splitlines()[1:3]
    assert src.startswith("  1 | …") and src.endswith("x…")
    assert src[marks.index("^") - 1] == " " and marks.endswith("~ 150 characters")


def test_text_span_within_the_limit_is_underlined_whole():
    text = "The plan was " + "y" * MAX_SPAN + " done.\n"
    doc = parse(text, "s.txt")
    start = text.index("y")
    f = make(doc, "house.Numbers", Severity.SUGGESTION, "Long.", start, start + MAX_SPAN)
    marks = render("text", [f], doc).splitlines()[2]
    assert marks.rstrip().endswith("^" + "~" * (MAX_SPAN - 1)) and "characters" not in marks


def test_text_long_sentence_from_the_real_cli(run, write):
    clause = "which met for many hours on Monday night in the old library hall, "
    write("draft.txt", "The council, " + clause * 6 + "voted to raise the fee.\n")
    r = run("check", "--no-color", "draft.txt")
    heading, src, marks = r.stdout.splitlines()[:3]
    assert "house.SentenceLength" in heading
    assert len(src) < 120 and len(marks) < 120
    assert marks.rstrip().endswith(" characters")


def test_absolute_paths(doc, monkeypatch, tmp_path):
    path = str(tmp_path / "news" / "draft one.txt")
    f = make(doc, "spelling.Typos", Severity.ERROR, "Typo.", 0, 3, path=path)
    run = json.loads(render("sarif", [f], doc))["runs"][0]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and uri.endswith("/news/draft%20one.txt")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    first = render("github", [f], doc).splitlines()[0]
    assert first.startswith("::error file=news/draft one.txt,line=1,")


def test_summary_counts_by_name_or_severity():
    assert Summary(1, {Severity.ERROR: 2, "warning": 1}).count("error") == 2
    assert Summary(1, {Severity.ERROR: 2, "warning": 1}).total == 3


def test_hint_not_repeated_when_message_names_the_suggestion(doc):
    f = make(
        doc, "house.Word", Severity.WARNING, "Use 'ready' here.", 28, 32, suggestions=("ready",)
    )
    g = make(
        doc, "house.Word", Severity.WARNING, "Odd word.", 28, 32, suggestions=("ready", "reedy")
    )
    out = render("text", [f, g], doc).splitlines()
    assert "news/draft.txt:1:29: warning house.Word Use 'ready' here." in out
    assert (
        'news/draft.txt:1:29: warning house.Word Odd word. did you mean "ready" or "reedy"?' in out
    )


def test_real_engine_findings_through_every_format(tmp_path):
    from copylint.config import Config
    from copylint.engine import Linter

    pack = tmp_path / "desk"
    pack.mkdir()
    (pack / "Typos.yml").write_text(
        "extends: substitution\n"
        "message: \"Use '%s'.\"\n"
        "level: error\n"
        "description: Slips the desk keeps making.\n"
        "link: https://example.org/desk/typos\n"
        "swap:\n"
        "  teh: the\n",
        encoding="utf-8",
    )
    linter = Linter(Config(packs=(str(pack),)))
    text = "Crowds lined\tteh café street.\n"
    doc, findings = linter.check_text(text, "desk/story.txt", None)
    assert [f.rule for f in findings] == ["desk.Typos"]
    metas = [r.meta for r in linter.ruleset.rules]
    outputs = {}
    for name in FORMATTERS:
        out = io.StringIO()
        fmt = get_formatter(name)(out, rules=metas, version="1.2.3")
        fmt.start()
        fmt.handle("desk/story.txt", findings, doc)
        fmt.finish(Summary(1, {"error": 1}))
        outputs[name] = out.getvalue()
    assert "desk/story.txt:1:14: error desk.Typos Use 'the'. (fixable)" in outputs["text"]
    run = json.loads(outputs["sarif"])["runs"][0]
    jsonschema.validate(json.loads(outputs["sarif"]), SARIF_SUBSET)
    rule = run["tool"]["driver"]["rules"][run["results"][0]["ruleIndex"]]
    assert rule["id"] == "desk.Typos" and rule["helpUri"] == "https://example.org/desk/typos"
    assert rule["fullDescription"]["text"] == "Slips the desk keeps making."
    assert json.loads(outputs["json"])["findings"][0]["fix"]["text"] == "the"
    assert outputs["github"].startswith("::error file=desk/story.txt,line=1,col=14,endLine=1,")
    rd = json.loads(outputs["rdjson"])["diagnostics"][0]
    assert rd["location"]["range"]["start"] == {"line": 1, "column": 14}
    assert ET.fromstring(outputs["junit"]).get("failures") == "1"


def test_text_keeps_terminal_escapes_and_newlines_out():
    text = "Odd \x1b[31mred\x1b[0m text here.\n"
    doc = parse(text, "x.txt")
    start = text.index("red")
    f = make(doc, "house.Odd", Severity.WARNING, "Odd '\x1b[2Jred'\nsecond line", start,
             start + 3, path="x.txt")  # fmt: skip
    out = render("text", [f], doc)
    assert "\x1b" not in out
    lines = out.splitlines()
    assert lines[0] == "x.txt:1:10: warning house.Odd Odd '\ufffd[2Jred' second line"
    assert lines[1].endswith("Odd \ufffd[31mred\ufffd[0m text here.")
    assert lines[2].index("^") == lines[1].index("red")


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        {"a": [], "b": {}, "c": [[]], "d": [{}]},
        {"x": [1, -2, {"y": None, "z": [True, False, 'é\n"\u2028\x00\\', "\U0001f600"]}]},
        {"float": 1.5, "nested": {"inf": float("inf")}},
        {"confidence": [0.857, 0.1, 1e-07, 1e22, -0.0, 123456789.125, 5e-324]},
        [float("nan"), 0.5],
        [float("-inf")],
        {1: "a key that is no string"},
        ["tuple", (1, 2)],
        True,
        None,
        "text",
        7,
    ],
)
def test_json_report_text_is_what_json_writes(value):
    from copylint.formatters.jsonout import dumps

    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_json_report_of_real_findings_is_what_json_writes(doc, findings):
    out = io.StringIO()
    fmt = get_formatter("json")(out)
    fmt.start()
    fmt.handle(doc.path, findings, doc)
    fmt.finish(Summary(files=1, counts={"error": 1}, skipped=[("x.md", "not UTF-8")]))
    data = json.loads(out.getvalue())
    assert out.getvalue().rstrip("\n") == json.dumps(data, indent=2, ensure_ascii=False)


class _OwnFinding(Finding):
    """A finding of a class of its own (the json report writes it the long way)."""

    __slots__ = ()


ODD_FINDINGS = [
    Finding("a.Rule", Severity.SUGGESTION, "plain", 0, 1, 1, 1, 1, 2, "x.md"),
    Finding(
        "b.Rule",
        Severity.ERROR,
        'quotes " and \\ and \n and \u2028 and \x00 and é \U0001f600',
        3,
        9,
        2,
        4,
        3,
        1,
        'dir/"odd" name.md',
        suggestions=("one", 'two "2"', ""),
        fix=Edit(3, 9, "new\ttext", safe=False),
        link="https://example.org/r?a=1&b=2",
        match="tab\there",
        meta=(("k", "v"),),
        confidence=0.8567,
    ),
    Finding("c.Rule", Severity.WARNING, "insert", 5, 5, 1, 6, 1, 6, fix=Edit(5, 5, ",")),
    Finding("d.Rule", Severity.WARNING, "remove", 0, 4, 1, 1, 1, 5, fix=Edit(0, 4, "")),
    Finding("e.Rule", Severity.WARNING, "tiny", 0, 4, 1, 1, 1, 5, confidence=5e-324),
    Finding("f.Rule", Severity.WARNING, "round", 0, 4, 1, 1, 1, 5, confidence=1.0),
    Finding("g.Rule", Severity.WARNING, "not a number", 0, 4, 1, 1, 1, 5, confidence=float("nan")),
    Finding("h.Rule", Severity.WARNING, "endless", 0, 4, 1, 1, 1, 5, confidence=float("inf")),
    Finding("i.Rule", 2, "a plain int level", 0, 4, 1, 1, 1, 5),  # type: ignore[arg-type]
    Finding("j.Rule", Severity.WARNING, "a bool line", 0, 4, True, 1, 1, 5),
    Finding("k.Rule", Severity.WARNING, "an int confidence", 0, 4, 1, 1, 1, 5, confidence=1),  # type: ignore[arg-type]
    Finding("l.Rule", Severity.WARNING, "a bytes match", 0, 4, 1, 1, 1, 5, match=b"ab"),  # type: ignore[arg-type]
    _OwnFinding("m.Rule", Severity.ERROR, "own class", 0, 4, 1, 1, 1, 5, suggestions=("s",)),
]


@pytest.mark.parametrize("count", [0, 1, len(ODD_FINDINGS)])
def test_json_report_writes_each_finding_as_its_dict_dumped(count):
    """The json report writes findings from their fields, not their dicts: the text
    must be what ``json.dumps`` gives for ``to_dict()``, odd values included (NaN, a
    class of its own, types the fields do not declare)."""
    from copylint.formatters.jsonout import summary_dict

    findings = ODD_FINDINGS[:count]
    summary = Summary(files=2, counts={"error": 1}, skipped=[("z.md", 'not "UTF-8"')])
    expected = {
        "version": 1,
        "findings": [f.to_dict() for f in findings if not isinstance(f.match, bytes)],
        "summary": summary_dict(summary),
    }
    out = io.StringIO()
    fmt = get_formatter("json")(out)
    fmt.start()
    fmt.handle("x.md", [f for f in findings[:2]], None)
    fmt.handle("y.md", [f for f in findings[2:] if not isinstance(f.match, bytes)], None)
    fmt.finish(summary)
    assert out.getvalue() == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"


def test_json_report_of_a_value_json_cannot_write_fails_as_json_does():
    fmt = get_formatter("json")(io.StringIO())
    fmt.start()
    with pytest.raises(TypeError):
        fmt.handle("x.md", [f for f in ODD_FINDINGS if isinstance(f.match, bytes)], None)


def test_json_finding_text_is_the_same_with_its_strings_kept_or_not(monkeypatch):
    """The json report keeps the JSON text of repeated strings (rule names, messages,
    links) between findings; each finding's text stays what ``json`` writes for its
    ``to_dict()``, the first time a string is seen, the next times, and after the
    store of texts starts again."""
    from copylint.findings import Edit, Finding, Severity
    from copylint.formatters import jsonout

    monkeypatch.setattr(jsonout, "_TEXTS", {})
    monkeypatch.setattr(jsonout, "_TEXTS_MAX", 3)
    findings = [
        Finding(
            "desk.Typos",
            Severity.ERROR,
            "Use 'the'.",
            0,
            3,
            1,
            1,
            1,
            4,
            "a.md",
            ("the",),
            Edit(0, 3, "the"),
            "https://x",
            "teh",
        ),
        Finding(
            "desk.Typos",
            Severity.ERROR,
            "Use 'the'.",
            9,
            12,
            2,
            1,
            2,
            4,
            "b.md",
            (),
            None,
            "https://x",
            "teh",
        ),
        Finding(
            "house.Quotes",
            Severity.WARNING,
            'A "quote" \\ \n\t\u2019',
            7,
            7,
            3,
            2,
            3,
            2,
            "c.md",
            (),
            None,
            "",
            "\u201c",
            (),
            0.25,
        ),
        Finding("", Severity.SUGGESTION, "", 0, 0, 1, 1, 1, 1, "d.md"),
        Finding("desk.Typos", Severity.ERROR, "Use 'the'.", 0, 3, 1, 1, 1, 4, "a.md"),
    ]
    for _ in range(3):  # strings new, kept, and the store started again
        for f in findings:
            want = json.dumps(f.to_dict(), indent=2, ensure_ascii=False).replace("\n", "\n    ")
            assert jsonout.finding_text(f) == want
        assert len(jsonout._TEXTS) <= 3
    # a text that is no string still goes the long way (as json would say)
    odd = Finding("desk.Typos", Severity.ERROR, 7, 0, 3)  # type: ignore[arg-type]
    assert jsonout.finding_text(odd) == json.dumps(odd.to_dict(), indent=2).replace("\n", "\n    ")
