"""The workflow half of the CLI: ``fix``, ``baseline``, and the ``check`` options
``--fix/--diff/--unsafe-fixes/-i/--diff-base/--baseline`` plus the progress bar.

``cli.py`` adds the options to ``check`` with :func:`workflow_options`, passes the
check results through :func:`apply_workflow`, and registers :data:`fix_cmd` and
:data:`baseline_cmd`. Kept apart from ``cli.py`` so the two can change separately.
"""

from __future__ import annotations

import errno
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from .cli_core import echo_err, usage_error
from .findings import Finding, Severity

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    import click

    from .engine import FileResult, Linter

# click is imported where options and commands are made: ``cli_core.main`` runs a
# plain ``check`` through ``run`` without it


class WorkflowOptions:
    """The fixing and filtering options of a run. (A plain class: a dataclass is made
    by generating and compiling its methods at import, a millisecond a class, and
    every run imports this module.)"""

    __slots__ = ("fix", "diff", "unsafe_fixes", "interactive", "diff_base", "baseline")

    def __init__(
        self,
        fix: bool = False,
        diff: bool = False,
        unsafe_fixes: bool = False,
        interactive: bool = False,
        diff_base: str | None = None,
        baseline: str | None = None,
    ):
        self.fix = fix
        self.diff = diff
        self.unsafe_fixes = unsafe_fixes
        self.interactive = interactive
        self.diff_base = diff_base
        self.baseline = baseline

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"WorkflowOptions({fields})"

    @property
    def fixing(self) -> bool:
        """Whether to fix: ``--fix``, ``--diff`` or ``-i`` (``--unsafe-fixes`` only widens them)."""
        return self.fix or self.diff or self.interactive


def filter_options(f: Callable[..., Any]) -> Callable[..., Any]:
    import click

    options = [
        click.option(
            "--diff-base",
            metavar="REF",
            help="Report only findings on lines added or changed since git REF "
            "(its merge base with HEAD), including uncommitted changes.",
        ),
        click.option(
            "--baseline",
            type=click.Path(dir_okay=False),
            help="Report only findings not recorded in this baseline file "
            "(made by `copylint baseline`).",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def fix_options(f: Callable[..., Any]) -> Callable[..., Any]:
    import click

    options = [
        click.option(
            "--diff",
            is_flag=True,
            help="Print the fixes as a unified diff instead of writing them.",
        ),
        click.option(
            "--unsafe-fixes",
            is_flag=True,
            help="Also apply fixes that change meaning (e.g. removing a promo block).",
        ),
        click.option(
            "-i",
            "--interactive",
            is_flag=True,
            help="Ask for each fix: accept, skip, edit, accept all of the rule, quit.",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def workflow_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """All workflow options for ``check`` (``--fix`` plus the fix and filter options)."""
    import click

    f = filter_options(f)
    f = fix_options(f)
    return click.option(
        "--fix", is_flag=True, help="Apply safe fixes, then report the findings left."
    )(f)


# --------------------------------------------------------------------------- filters


class FindingFilter:
    """Drops findings not on changed lines (``--diff-base``) or in the baseline."""

    def __init__(self, diff_base: str | None, baseline: str | None):
        self.changed: dict[Path, set[int]] | None = None
        self.baseline = None
        if diff_base:
            from .gitdiff import changed_lines

            self.changed = changed_lines(diff_base, Path.cwd())
        if baseline:
            from .baseline import Baseline

            self.baseline = Baseline.load(baseline)

    @property
    def active(self) -> bool:
        return self.changed is not None or self.baseline is not None

    def remap(self, path: str, real: Path | None, before: str, after: str) -> None:
        """Carry the changed-line set of a file across a fix from ``before`` to ``after``.

        Unchanged lines keep their status at their new number; lines a fix rewrote or
        inserted count as changed (fixes only touch findings already reported).
        """
        if self.changed is None:
            return
        import difflib

        key = (real or Path(path)).resolve()
        old = self.changed.get(key, set())
        a, b = before.splitlines(), after.splitlines()
        new: set[int] = set()
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                new.update(j1 + k + 1 for k in range(i2 - i1) if i1 + k + 1 in old)
            else:
                new.update(range(j1 + 1, j2 + 1))
        self.changed[key] = new

    def __call__(self, path: str, real: Path | None, source: str, findings: list[Finding]):
        if self.changed is not None:
            key = (real or Path(path)).resolve()
            lines = self.changed.get(key, set())
            findings = [
                f
                for f in findings
                if any(n in lines for n in range(f.line, max(f.line, f.end_line) + 1))
            ]
        if self.baseline is not None and findings:
            findings = self.baseline.filter(findings, texts={f.path: source for f in findings})
        return findings


# --------------------------------------------------------------------------- fixing


class FixStats:
    """What fixing did: files fixed, fixes applied, files that could not be written."""

    def __init__(self) -> None:
        self.files = 0
        self.fixes = 0
        #: files whose fixes could not be written (read-only, ...)
        self.failed = 0


def fix_one(
    linter: Linter,
    result: FileResult,
    real: Path | None,
    opts: WorkflowOptions,
    keep: FindingFilter,
    stats: FixStats,
    input_format: str | None,
) -> FileResult:
    """Fix one checked file; return its result after fixing (re-checked)."""
    from .engine import FileResult
    from .fixer import (
        MAX_PASSES,
        apply_edits,
        fixable,
        interactive_select,
        select_edits,
        unified_diff,
    )

    if not result.findings or result.error:
        return result
    doc = result.doc
    if doc is None:
        return result
    original = doc.source
    text = original
    findings = result.findings
    applied = 0
    passes = 1 if opts.interactive else MAX_PASSES
    #: per rule, how many reported findings still wait for their fix: a later pass
    #: applies only those (a fix that overlaps another waits a pass, and its text
    #: may have changed meanwhile), never a fix of a finding the report did not
    #: show (one fix can flip the language guess, and spelling fixes nobody saw
    #: followed)
    due: Counter[str] | None = None
    for _ in range(passes):
        offered = findings if due is None else _still_due(findings, due)
        if opts.interactive:
            edits = interactive_select(
                offered,
                doc,
                sys.stdin,
                sys.stdout,
                unsafe=opts.unsafe_fixes,
            )
        else:
            edits = select_edits(offered, unsafe=opts.unsafe_fixes)
        if not edits:
            break
        if due is None:
            due = Counter(f.rule for f in findings if fixable(f, unsafe=opts.unsafe_fixes))
        chosen = set(edits)  # (an edit two rules share counts for both)
        for f in offered:
            if f.fix is not None and f.fix in chosen:
                due[f.rule] -= 1
        new_text = apply_edits(text, edits)
        if new_text == text:
            break
        previous, text = text, new_text
        applied += len(edits)
        bom, encoding = doc.bom, doc.encoding
        doc, findings = linter.check_text(text, result.path, input_format)
        doc.bom, doc.encoding = bom, encoding
        if keep.active:
            keep.remap(result.path, real, previous, text)
            findings = keep(result.path, real, text, findings)
    if text != original:
        if opts.diff:
            import click

            click.echo(unified_diff(original, text, result.path), nl=False)
        elif real is not None:  # (stdin: run() writes the fixed text to stdout)
            from .files import encode_source, write_atomic

            try:
                if not os.stat(real).st_mode & 0o222:
                    raise PermissionError(errno.EACCES, "the file is read-only", str(real))
                # an edit made while copylint ran is not overwritten: the file must
                # still hold what was read (checked just before the replace)
                expect = encode_source(original, bom=doc.bom, encoding=doc.encoding)
                write_atomic(real, text, bom=doc.bom, encoding=doc.encoding, expect=expect)
            except OSError as exc:
                # the draft stays as it was; its findings are reported unfixed
                reason = exc.strerror or str(exc)
                echo_err(f"copylint: error: {result.path}: not fixed: {reason}")
                stats.failed += 1
                return result
        stats.files += 1
        stats.fixes += applied
    late = tuple(dict.fromkeys((*result.timed_out, *doc.timed_out)))
    return FileResult(result.path, doc, findings, timed_out=late)


def _still_due(findings: list[Finding], due: Counter[str]) -> list[Finding]:
    """The findings of a later fix pass that may stand for reported ones not yet
    fixed: of each rule, as many as still wait (the first ones)."""
    left = Counter({k: v for k, v in due.items() if v > 0})
    out = []
    for f in findings:
        if f.fix is not None and left[f.rule] > 0:
            left[f.rule] -= 1
            out.append(f)
    return out


# --------------------------------------------------------------------------- check


def checked(
    linter: Linter, items: list[tuple[str, Path]], input_format: str | None
) -> Iterable[tuple[FileResult, Path]]:
    """Check ``items`` (display, real) in order, drawing a progress bar on a terminal."""
    from .progress import Progress

    with Progress(len(items), sys.stderr) as bar:
        for (_display, real), result in zip(
            items, linter.check_files(items, input_format), strict=True
        ):
            bar.advance(findings=len(result.findings))
            yield result, real


def apply_workflow(
    linter: Linter,
    results: list[FileResult],
    reals: list[Path | None],
    opts: WorkflowOptions,
    input_format: str | None = None,
) -> tuple[list[FileResult], FixStats]:
    """Filter (``--diff-base``, ``--baseline``) and fix the check results.

    ``reals`` holds each result's real path (None for stdin). Fix summaries go to
    stderr so stdout keeps the report (or the diff) alone.
    """
    if opts.unsafe_fixes and not opts.fixing:
        echo_err("copylint: warning: --unsafe-fixes does nothing without --fix, --diff or -i")
    if opts.interactive and any(
        r is None and not x.error for x, r in zip(results, reals, strict=True)
    ):
        raise usage_error("--interactive reads answers from stdin; it cannot fix stdin")
    keep = FindingFilter(opts.diff_base, opts.baseline)
    out: list[FileResult] = []
    stats = FixStats()
    for result, real in zip(results, reals, strict=True):
        if keep.active and result.findings and result.doc is not None:
            result.findings = keep(result.path, real, result.doc.source, result.findings)
        if opts.fixing:
            result = fix_one(linter, result, real, opts, keep, stats, input_format)
        out.append(result)
    if opts.fixing:
        verb = "would apply" if opts.diff else "applied"
        noun = "fix" if stats.fixes == 1 else "fixes"
        files = "file" if stats.files == 1 else "files"
        echo_err(f"copylint: {verb} {stats.fixes} {noun} in {stats.files} {files}")
    return out, stats


def run(
    obj: Any,
    paths: tuple[str, ...],
    opts: WorkflowOptions,
    *,
    fmt: str = "text",
    output: str | None = None,
    dialect: str | None = None,
    min_level: Severity | None = None,
    fail_on: Severity | None = None,
    input_format: str | None = None,
    stdin_filename: str | None = None,
    color: bool | None = None,
) -> int:
    """``check`` with workflow options; returns the exit code."""
    from . import cli_core as cli

    if not paths:
        raise usage_error("give at least one file or folder (or - for stdin)")
    # `fix -`: like black and ruff, the fixed text goes to stdout, the report to stderr
    fix_stdin = "-" in paths and opts.fixing and not opts.diff and not opts.interactive
    if fix_stdin and len(paths) > 1:
        raise usage_error("fixing - writes the fixed text to stdout; give no other files with it")
    if fix_stdin:
        from .formatters import FORMATTERS

        if fmt not in FORMATTERS:  # say so before the text goes out, not after
            known = ", ".join(sorted(FORMATTERS))
            raise usage_error(f"unknown format {fmt!r} (known: {known})")
    linter = obj.linter(
        cached=not obj.no_cache, dialect=dialect, min_level=min_level, fail_on=fail_on
    )
    results, reals = collect(linter, paths, input_format, stdin_filename, output=output)
    results, stats = apply_workflow(linter, results, reals, opts, input_format)
    if opts.diff:
        # stdout holds the diff alone; the exit code says whether anything is left to do
        code = cli.exit_code(results, linter.config.fail_on)
        return max(code, cli.EXIT_FINDINGS) if stats.files else code
    if fix_stdin:
        write_stdout(results[0])
        return cli.report(results, linter, fmt, output, color, stream=sys.stderr, fixed=stats.fixes)
    code = cli.report(results, linter, fmt, output, color, fixed=stats.fixes)
    return cli.EXIT_ERROR if stats.failed else code


def write_stdout(result: FileResult) -> None:
    """Write a (fixed) stdin document to stdout as it came in: encoding, BOM, line ends.

    Input that could not be read as text goes back unchanged (the report says why),
    so an editor that pipes its buffer through ``fix -`` never loses it.
    """
    from .files import encode_source

    doc = result.doc
    out = getattr(sys.stdout, "buffer", None)
    sys.stdout.flush()
    if doc is None:
        if result.raw is not None and out is not None:
            out.write(result.raw)
            out.flush()
        return
    if out is None:  # a text-only stdout (embedding): the text as it is
        sys.stdout.write(doc.source)
        sys.stdout.flush()
        return
    out.write(encode_source(doc.source, bom=doc.bom, encoding=doc.encoding))
    out.flush()


def collect(
    linter: Linter,
    paths: Iterable[str],
    input_format: str | None,
    stdin_filename: str | None,
    output: str | None = None,
) -> tuple[list[FileResult], list[Path | None]]:
    """Check stdin and files like ``check`` does; also return each file's real path.

    ``output`` (the report's file, or a baseline's) must not be one of the drafts.
    """
    from . import cli_core as cli

    paths = tuple(paths)
    files = [p for p in paths if p != "-"]
    items = linter.discover(files) if files else []
    unreadable = list(getattr(linter, "unreadable", []))
    refuse_output_among_inputs(output, items)
    if (
        files
        and not items
        and not unreadable
        and not force_named(files, linter.config.force_exclude)
    ):
        from .files import DRAFT_EXTENSIONS

        echo_err(
            f"copylint: note: no drafts found in {', '.join(files)} (drafts end in "
            f"{' '.join(sorted(DRAFT_EXTENSIONS))}; .gitignore and the config's "
            "include and exclude globs apply)"
        )
    # files whose findings the results cache holds are not checked again
    fresh = len(items) - len(linter.look_up(items, input_format)[1]) if linter.cache else len(items)
    if fresh + ("-" in paths) > 1:
        # the rules' data, loaded before the collector runs again
        linter.prepare(fresh + ("-" in paths))
        cli.resume_gc()
    # else one document at most is checked: it loads only what it needs (no confusable
    # its words rule out is compiled), with the collector still paused, as it makes
    # mostly what lives to the end (the word list, compiled patterns); main resumes it
    results: list[FileResult] = []
    reals: list[Path | None] = []
    if "-" in paths:
        if "stdin" in cli.CLOSED:
            from .errors import InputError

            raise InputError("standard input is closed: nothing to read", path="-")
        data = sys.stdin.buffer.read()
        from .files import printable

        # (a name that is not UTF-8 reported as a file's own name is: ``\xNN``)
        name = printable(stdin_filename or "<stdin>")
        results.append(linter.check_stdin(data, name, input_format))
        reals.append(None)
    for result, real in checked(linter, items, input_format):
        results.append(result)
        reals.append(real)
    from .engine import FileResult

    for display, reason in unreadable:  # its drafts are unknown: an error (exit 2)
        results.append(FileResult(display, None, [], reason))
        reals.append(None)
    return results, reals


def refuse_output_among_inputs(output: str | None, items: list[tuple[str, Path]]) -> None:
    """A usage error when the file ``output`` names is one of the drafts ``items``:
    writing the report (or baseline) there would replace the draft."""
    if not output:
        return
    try:
        out = os.stat(output)
    except OSError:
        return  # not there yet: it cannot be a draft
    for display, real in items:
        try:
            st = os.stat(real)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == (out.st_dev, out.st_ino):
            raise usage_error(
                f"the output file {output} is the draft {display}: writing to it would "
                "replace the draft"
            )


def force_named(files: list[str], force_exclude: bool) -> bool:
    """True when every argument is a file that --force-exclude filtered out on purpose
    (pre-commit passing an excluded file): no note is due then."""
    return force_exclude and all(Path(f).is_file() for f in files)


# --------------------------------------------------------------------------- commands


def _check_options(f: Callable[..., Any]) -> Callable[..., Any]:
    from .cli import check_options

    return check_options(f)


def _config_option(f: Callable[..., Any]) -> Callable[..., Any]:
    from .cli import config_option

    return config_option(f)


def make_fix_command() -> click.Command:
    import click

    @click.command("fix")
    @_check_options
    @fix_options
    @filter_options
    @click.pass_obj
    def fix(obj: Any, paths, diff, unsafe_fixes, interactive, diff_base, baseline, **check):
        """Apply the rules' safe fixes to drafts, then report the findings left.

        Exit code 1 if findings at or above the fail level remain.
        """
        opts = WorkflowOptions(
            fix=True,
            diff=diff,
            unsafe_fixes=unsafe_fixes,
            interactive=interactive,
            diff_base=diff_base,
            baseline=baseline,
        )
        sys.exit(run(obj, paths, opts, **check))

    return fix


def make_baseline_command() -> click.Command:
    import click

    @click.command("baseline")
    @click.argument("file", type=click.Path(dir_okay=False))
    @click.argument("paths", nargs=-1)
    @click.option("--dialect", help="en-US, en-GB, en-AU or en-CA.")
    @click.option(
        "--min-level",
        type=click.Choice(["suggestion", "warning", "error"]),
        help="Record findings at or above this level.",
    )
    @click.option("--input-format", type=click.Choice(["text", "markdown", "html"]))
    @_config_option
    @click.pass_obj
    def baseline(obj: Any, file: str, paths, dialect, min_level, input_format) -> None:
        """Record today's findings in FILE; `check --baseline FILE` then reports only new ones.

        PATHS are the files and folders to check (default: the current folder).
        """
        from .baseline import Baseline
        from .cli import _dialect

        level = Severity.parse(min_level) if min_level else None
        d = _dialect(None, None, dialect)
        linter = obj.linter(dialect=d, min_level=level)
        results, _ = collect(linter, paths or (".",), input_format, None, output=file)
        errors = [r for r in results if r.error]
        for r in errors:
            click.echo(f"{r.path}: skipped: {r.error}", err=True)
        findings = [f for r in results for f in r.findings]
        texts = {r.path: r.doc.source for r in results if r.findings and r.doc is not None}
        Baseline.from_findings(findings, file, texts).save(file)
        n = len(findings)
        click.echo(
            f"recorded {n} finding{'' if n == 1 else 's'} in "
            f"{len({f.path for f in findings})} file(s) to {file}"
        )
        sys.exit(2 if errors or any(r.timed_out for r in results) else 0)

    return baseline
