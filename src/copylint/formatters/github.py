"""``github``: GitHub Actions workflow commands (annotations on the pull request).

GitHub shows at most ``MAX_PER_LEVEL`` annotations of each level per step and
``MAX_PER_JOB`` per job. Findings beyond those limits are printed as plain log
lines, and a final ``::notice::`` says how many were not annotated: no finding
is ever dropped.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..findings import Finding, Severity
from .base import Formatter, Summary, hint_text, level_name, summary_text

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False

if TYPE_CHECKING:
    from ..document import Document

#: GitHub's host limits: annotations of one level (error, warning, notice) per step,
#: and annotations of any level per job.
MAX_PER_LEVEL = 10
MAX_PER_JOB = 50

#: copylint severity -> workflow command
COMMANDS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.SUGGESTION: "notice",
    Severity.OFF: "notice",
}


def escape_data(text: str) -> str:
    """Escape a command's message (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value (``file=``, ``title=``...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def one_line(text: str) -> str:
    """Plain log lines must stay one line, so nothing in them can start a command."""
    return text.replace("\r\n", "\\n").replace("\r", "\\r").replace("\n", "\\n")


def workspace_path(path: str) -> str:
    """An absolute path inside ``$GITHUB_WORKSPACE`` made relative to it (as GitHub needs)."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace and os.path.isabs(path):
        try:
            rel = os.path.relpath(path, workspace)
        except ValueError:  # another drive
            return path
        if not rel.startswith(".."):
            return rel.replace(os.sep, "/")
    return path


def annotation(f: Finding) -> str:
    command = COMMANDS.get(Severity(f.severity), "warning")
    props = [f"file={escape_property(workspace_path(f.path))}"]
    if f.line >= 1:
        props.append(f"line={f.line}")
        end_line = max(f.end_line, f.line)
        if end_line > f.line and f.end_column <= 1:
            end_line -= 1  # the span ends with the previous line's line break
        single = end_line == f.line
        # GitHub uses columns only on single-line annotations.
        if single and f.column >= 1:
            props.append(f"col={f.column}")
        props.append(f"endLine={end_line}")
        if single and f.column >= 1 and f.end_column >= f.column:
            props.append(f"endColumn={f.end_column}")
    props.append(f"title={escape_property(f'copylint {f.rule}')}")
    message = f.message
    hint = hint_text(f)
    if hint:
        message = f"{message} {hint}"
    return f"::{command} {','.join(props)}::{escape_data(message)}"


def log_line(f: Finding) -> str:
    text = f"{f.path}:{f.line}:{f.column}: {level_name(f.severity)} {f.rule} {f.message}"
    hint = hint_text(f)
    if hint:
        text = f"{text} {hint}"
    return one_line(text)


class GithubFormatter(Formatter):
    name = "github"
    description = "GitHub Actions annotations (limits respected; the rest as log lines)."
    needs_document = False

    def start(self) -> None:
        self._findings: list[Finding] = []

    def handle(self, path: str, findings: Sequence[Finding], doc: Document | None) -> None:
        self._findings.extend(findings)

    def finish(self, summary: Summary) -> None:
        total = len(self._findings)
        annotate = self._plan(reserve=False)
        if len(annotate) < total:
            # Something overflows: keep one notice (and one job slot) for the summary.
            annotate = self._plan(reserve=True)
        for i, f in enumerate(self._findings):
            self.write(annotation(f) if i in annotate else log_line(f))
        self.write(one_line(f"copylint: {summary_text(summary)}"))
        left = total - len(annotate)
        if left:
            self.write(
                "::notice title=copylint::"
                + escape_data(
                    f"{left} of {total} findings were not annotated because GitHub shows at "
                    f"most {MAX_PER_LEVEL} annotations of each level per step; they are "
                    "listed in the job log as path:line:col lines."
                )
            )

    def _plan(self, reserve: bool) -> set[int]:
        """Indexes of the findings to annotate, first come first served per level."""
        limits = dict.fromkeys(set(COMMANDS.values()), MAX_PER_LEVEL)
        job_limit = MAX_PER_JOB
        if reserve:
            limits["notice"] -= 1
            job_limit -= 1
        counts = dict.fromkeys(limits, 0)
        chosen: set[int] = set()
        for i, f in enumerate(self._findings):
            command = COMMANDS.get(Severity(f.severity), "warning")
            if counts[command] < limits[command] and len(chosen) < job_limit:
                counts[command] += 1
                chosen.add(i)
        return chosen
