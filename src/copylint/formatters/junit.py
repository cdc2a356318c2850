"""``junit``: JUnit XML, one ``<testsuite>`` per file and one ``<testcase>`` per finding.

A file without findings gets one passing test case, so every checked file shows
up; files that could not be read appear as skipped test cases.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..findings import Finding
from .base import TOOL_NAME, Formatter, Summary, hint_text, level_name

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False

if TYPE_CHECKING:
    from ..document import Document

# Characters XML 1.0 cannot carry at all, even escaped.
_INVALID_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


class JunitFormatter(Formatter):
    name = "junit"
    description = "JUnit XML: a test suite per file, a failing test case per finding."

    def start(self) -> None:
        self._root = ET.Element("testsuites", name=TOOL_NAME)
        self._tests = 0
        self._failures = 0

    def _suite(self, path: str) -> ET.Element:
        return ET.SubElement(self._root, "testsuite", name=xml_safe(path))

    def handle(self, path: str, findings: Sequence[Finding], doc: Document | None) -> None:
        suite = self._suite(path)
        cases = 0
        for f in findings:
            cases += 1
            case = ET.SubElement(
                suite,
                "testcase",
                name=xml_safe(f"{f.rule} at {f.line}:{f.column}"),
                classname=xml_safe(f"{TOOL_NAME}.{f.rule}"),
                file=xml_safe(f.path),
                line=str(f.line),
            )
            failure = ET.SubElement(
                case, "failure", message=xml_safe(f.message), type=level_name(f.severity)
            )
            failure.text = xml_safe(self.details(f, doc))
        if not findings:
            cases = 1
            ET.SubElement(
                suite, "testcase", name="no findings", classname=TOOL_NAME, file=xml_safe(path)
            )
        self._tests += cases
        self._failures += len(findings)
        suite.set("tests", str(cases))
        suite.set("failures", str(len(findings)))
        suite.set("errors", "0")
        suite.set("skipped", "0")

    @staticmethod
    def details(f: Finding, doc: Document | None) -> str:
        lines = [f"{f.path}:{f.line}:{f.column}: {level_name(f.severity)} {f.rule} {f.message}"]
        hint = hint_text(f)
        if hint:
            lines[0] += f" {hint}"
        if doc is not None and 1 <= f.line <= len(doc.lines):
            lines.append(doc.lines.line_text(f.line))
        if f.link:
            lines.append(f.link)
        return "\n".join(lines)

    def finish(self, summary: Summary) -> None:
        for path, reason in summary.skipped:
            suite = self._suite(path)
            case = ET.SubElement(
                suite, "testcase", name="read", classname=TOOL_NAME, file=xml_safe(path)
            )
            ET.SubElement(case, "skipped", message=xml_safe(reason))
            suite.set("tests", "1")
            suite.set("failures", "0")
            suite.set("errors", "0")
            suite.set("skipped", "1")
            self._tests += 1
        self._root.set("tests", str(self._tests))
        self._root.set("failures", str(self._failures))
        self._root.set("errors", "0")
        self._root.set("skipped", str(len(summary.skipped)))
        ET.indent(self._root)
        body = ET.tostring(self._root, encoding="unicode")
        self.write('<?xml version="1.0" encoding="UTF-8"?>')
        self.write(body)
