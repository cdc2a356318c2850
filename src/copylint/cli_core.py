"""The command line's core, without click: the entry point, the shared state of a run,
the report and the exit code.

``main`` reads a plain ``check`` (files and folders, with the options that only
choose what to report and how) itself and runs it without importing click, which,
with the command definitions of ``cli.py``, took a tenth of a run the results cache
answers. Everything else (help, other commands, the fixing and filtering options,
stdin, anything it does not read exactly as click would) goes to ``cli.py``, which
runs the same ``check`` through click. Both paths share this module's ``Context``,
``report`` and ``exit_code`` and ``cli_workflow.run``.
"""

from __future__ import annotations

import os
import sys


def _import_pathlib() -> None:
    """Import ``pathlib`` (when nothing has yet) without ``urllib.parse``: it imports
    ``quote_from_bytes`` from it for ``as_uri`` alone, and ``urllib.parse`` imports
    ``ipaddress``: ~2 ms of every run, which uses neither. A stand-in (``_UrlParse``)
    is in ``sys.modules`` just while ``pathlib`` runs; the function it hands over
    imports the real one when first called, and any other import of the name gets the
    real module."""
    if "pathlib" in sys.modules or "urllib.parse" in sys.modules:
        return
    stand_in = _UrlParse("urllib.parse")
    sys.modules["urllib.parse"] = stand_in
    try:
        import pathlib  # noqa: F401
    finally:
        if sys.modules.get("urllib.parse") is stand_in:
            del sys.modules["urllib.parse"]


class _UrlParse(type(sys)):  # type: ignore[misc]
    """Stands in for ``urllib.parse`` while ``pathlib`` is imported (``_import_pathlib``):
    ``quote_from_bytes`` is a function that calls the real one; any other name is the
    real module's."""

    @staticmethod
    def quote_from_bytes(bs: bytes, safe: str = "/") -> str:
        from urllib.parse import quote_from_bytes

        return quote_from_bytes(bs, safe)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        if sys.modules.get("urllib.parse") is self:
            del sys.modules["urllib.parse"]
        import urllib.parse

        return getattr(urllib.parse, name)


_import_pathlib()

from pathlib import Path  # noqa: E402

from . import classcache  # noqa: E402
from .errors import CopylintError  # noqa: E402
from .findings import Severity  # noqa: E402

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

# the dataclasses' methods, compiled once (the command line's process is copylint's
# own: a library user's is left alone)
classcache.install()

if TYPE_CHECKING:  # pragma: no cover
    from .config import Config

LEVELS = ("suggestion", "warning", "error")
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def echo_err(message: str) -> None:
    """One line on stderr (as ``click.echo(message, err=True)`` writes it)."""
    stream = sys.stderr
    if stream is None:  # pragma: no cover - main stands in for a closed stream
        return
    stream.write(f"{message}\n")
    stream.flush()


def usage_error(message: str) -> Exception:
    """The error a wrong use of the command line raises: click's, which both paths
    show with the command's usage line (see ``_show_usage_error``)."""
    import click

    return click.UsageError(message)


class Context:
    """Shared state of one invocation: config and the loaded linter."""

    def __init__(self, config_path: str | None):
        self.config_path = config_path
        self.warnings: list[str] = []
        #: worker processes for checking many files (None: decide from the file count)
        self.jobs: int | None = None
        #: --force-exclude: config excludes apply to files named on the command line
        self.force_exclude = False
        #: --no-cache (or COPYLINT_NO_CACHE=1): check every file, keep no results
        self.no_cache = os.environ.get("COPYLINT_NO_CACHE", "") not in ("", "0")
        self._config: Config | None = None
        self._checked = False  # levels and options checked against the loaded rules

    @property
    def config(self) -> Config:
        if self._config is None:
            from .config import load_config

            path = Path(self.config_path) if self.config_path else None
            self._config = load_config(path, warnings=self.warnings)
            for w in self.warnings:
                echo_err(f"warning: {w}")
        return self._config

    def linter(self, *, cached: bool = False, **changes):
        """The linter for this run. With ``cached``, it keeps findings in the results
        cache, and loads its rules only when a file is not in it (or something else
        asks for them): the warnings about the config are then kept there too."""
        from .config import check_against_rules
        from .engine import Linter

        cfg = self.config
        changes = {k: v for k, v in changes.items() if v is not None}
        if self.force_exclude:
            changes["force_exclude"] = True
        if changes:
            import dataclasses  # (not imported by a plain run)

            cfg = dataclasses.replace(cfg, **changes)
        linter = Linter(cfg, lazy=cached)
        linter.jobs = self.jobs
        if cached:
            linter.use_cache()
        if not self._checked:
            self._checked = True

            def check(ruleset) -> list[str]:
                warnings: list[str] = list(linter.load_warnings)
                check_against_rules(cfg, ruleset, warnings)
                return warnings

            for w in linter.rule_warnings(check):
                echo_err(f"warning: {w}")
        return linter


def report(results, linter, fmt, output, color, stream=None, fixed: int = 0) -> int:
    """Write the report to ``output`` (a file), else ``stream`` (default stdout);
    ``fixed`` is the number of fixes applied before (``summary.fixed``)."""
    from .formatters import FORMATTERS

    if fmt not in FORMATTERS:
        raise usage_error(f"unknown format {fmt!r} (known: {', '.join(sorted(FORMATTERS))})")
    if not output and stream in (None, sys.stdout) and "stdout" in CLOSED:
        raise CopylintError("standard output is closed: nowhere to write the report (use -o FILE)")
    if output:
        stream = open(output, "w", encoding="utf-8", newline="")
    elif stream is None:
        stream = sys.stdout
    try:
        _write_report(results, linter, fmt, stream, color, fixed)
    except OSError as exc:
        # a write that fails (a full disk) names no file: say which one it was
        if exc.filename is None and not isinstance(exc, BrokenPipeError):
            exc.filename = output or ("standard output" if stream is sys.stdout else None)
        raise
    finally:
        if output:
            try:
                stream.close()
            except OSError as exc:  # its last bytes could not be written
                if exc.filename is None:
                    exc.filename = output
                raise
    return exit_code(results, linter.config.fail_on)


def _write_report(results, linter, fmt, stream, color, fixed: int) -> None:
    """The report of ``results`` in ``fmt``, written to ``stream``."""
    from . import __version__
    from .formatters import Summary, get_formatter

    if color is None:
        color = stream.isatty() and not os.environ.get("NO_COLOR")
    cls = get_formatter(fmt)
    rules = [r.meta for r in linter.ruleset.rules] if cls.uses_rules else []
    formatter = cls(stream, color=color, rules=rules, version=__version__)
    formatter.start()
    #: findings by severity number (a list: an enum's name costs a call each)
    tally = [0] * (max(Severity) + 1)
    skipped = []
    for result in results:
        if result.error:
            echo_err(f"{result.path}: skipped: {result.error}")
            skipped.append((result.path, result.error))
            continue
        for f in result.findings:
            tally[f.severity] += 1
        wanted = result.findings and formatter.needs_document
        formatter.handle(result.path, result.findings, result.text_doc if wanted else None)
    counts = {name: tally[Severity.parse(name)] for name in LEVELS}
    checked = sum(1 for r in results if not r.error)
    formatter.finish(Summary(files=checked, counts=counts, skipped=skipped, fixed=fixed))


def exit_code(results, fail_on: Severity) -> int:
    if any(r.error or r.timed_out for r in results):
        return EXIT_ERROR
    if fail_on is Severity.OFF:  # fail_on = "off": report, never fail on findings
        return EXIT_CLEAN
    if any(f.severity >= fail_on for r in results for f in r.findings):
        return EXIT_FINDINGS
    return EXIT_CLEAN


#: set by ``main`` while the cyclic garbage collector is paused for start-up
_GC_PAUSED = False


def resume_gc() -> None:
    """End the start-up pause of ``main``: what was loaded so far (modules, rules,
    word lists) lives to the end, so it is frozen out of later collections."""
    global _GC_PAUSED
    if _GC_PAUSED:
        import gc

        gc.freeze()
        gc.enable()
        _GC_PAUSED = False


#: standard streams that were closed when copylint started (``check - <&-``)
CLOSED: set[str] = set()


def _stand_in_for_closed_streams() -> None:
    """Put ``/dev/null`` where a standard stream is closed, and note it in ``CLOSED``.

    Python leaves ``sys.stdout`` (etc.) None then, and the next file opened would get
    its descriptor. Reading stdin or writing the report to stdout then fails with
    one line (see ``report`` and ``collect``), never an AttributeError.
    """
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        if getattr(sys, name) is None:
            try:
                os.fstat(fd)
            except OSError:
                null = os.open(os.devnull, os.O_RDONLY if mode == "r" else os.O_WRONLY)
                if null != fd:
                    os.dup2(null, fd)
                    os.close(null)
            setattr(sys, name, open(fd, mode, encoding="utf-8", closefd=False))
            CLOSED.add(name)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of raising SystemExit."""
    import gc

    _stand_in_for_closed_streams()
    global _GC_PAUSED
    if gc.isenabled():
        # start-up makes only long-lived objects; collecting them is wasted time
        # (a short file's check takes a tenth less)
        gc.disable()
        _GC_PAUSED = True
    try:
        args = sys.argv[1:] if argv is None else list(argv)
        plain = read_plain_check(args) if _may_read_plainly(argv) else None
        if plain is not None:
            return run_plain_check(plain)
        from .cli import click_main

        return click_main(argv)
    except KeyboardInterrupt:
        # Ctrl-C before the run proper (reading the command line, importing click):
        # as later on, the line ended and the shell's code for SIGINT
        echo_err("")
        return 130
    finally:
        resume_gc()


def _may_read_plainly(argv: list[str] | None) -> bool:
    """Whether click would take the command line as it is: not when a shell asks it
    to complete a word (its variable set), nor on Windows, where click expands the
    wildcards of ``sys.argv`` itself."""
    if "_COPYLINT_COMPLETE" in os.environ:
        return False
    return argv is not None or os.name != "nt"


def entry() -> None:  # pragma: no cover - console script
    leave(main())


def leave(code: int) -> None:
    """End the process with the exit status ``code``, as ``sys.exit(code)`` does at
    the end of the command line, without the interpreter's teardown: the ``atexit``
    functions run (the caches' saves), the standard streams are flushed, and the
    process ends (``os._exit``) instead of freeing every module, function and rule
    object one by one (~2 % of a run the results cache answers but for one file).
    Left to ``sys.exit`` when another thread runs, when Python is to stay
    interactive (``-i``), when ``code`` is no status of 0 to 255, when a profiler or
    tracer watches (``python -m cProfile -o F -m copylint``, ``coverage run``, which
    write their results as the interpreter ends), or when a flush fails (Python then
    reports it, and exits with 120, as it would have)."""
    import _thread

    if (
        type(code) is not int
        or not 0 <= code <= 255
        or sys.flags.inspect
        or _thread._count()
        or _watched()
    ):
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()  # (once: they are then cleared, as Python would run them)
    if _thread._count():  # (one of them started a thread)
        sys.exit(code)
    try:
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            if stream is not None:
                stream.flush()
    except BaseException:  # noqa: BLE001 - Python's own exit reports it
        sys.exit(code)
    os._exit(code)


def _watched() -> bool:
    """Whether a profiler or tracer watches this process (``sys.setprofile``,
    ``sys.settrace``, or a ``sys.monitoring`` tool on Python 3.12 and later)."""
    if sys.getprofile() is not None or sys.gettrace() is not None:
        return True
    monitoring = getattr(sys, "monitoring", None)
    return monitoring is not None and any(
        monitoring.get_tool(tool) is not None for tool in range(6)
    )


# --------------------------------------------------------------------------- plain check

#: ``check`` options that take a value, by each of their names
_VALUED = {
    "--config": "config",
    "--format": "fmt",
    "-f": "fmt",
    "--output": "output",
    "-o": "output",
    "--dialect": "dialect",
    "--min-level": "min_level",
    "--fail-on": "fail_on",
    "--input-format": "input_format",
    "--stdin-filename": "stdin_filename",
    "--jobs": "jobs",
    "-j": "jobs",
}
#: ``check`` flags: name -> (key, value)
_FLAGS = {
    "--no-cache": ("no_cache", True),
    "--force-exclude": ("force_exclude", True),
    "--color": ("color", True),
    "--no-color": ("color", False),
}
_INPUT_FORMATS = ("text", "markdown", "html")


def read_plain_check(args: list[str]) -> dict[str, Any] | None:
    """The options and paths of ``[--config FILE] check [OPTIONS] PATHS...`` when the
    command line is no more than that, and each value is one click would take as it
    is (None otherwise: click reads it, and says what is wrong). Options that fix or
    filter findings, help, ``--``, ``-`` (stdin) and joined short options are left
    to click."""
    out: dict[str, Any] = {"paths": []}
    i = 0
    # the group's own option, before the command
    while i < len(args) and args[i] != "check":
        name, eq, value = args[i].partition("=")
        if name != "--config":
            return None
        if not eq:
            if i + 1 >= len(args):
                return None
            value = args[i + 1]
            i += 1
        out["config"] = value
        i += 1
    if i >= len(args):
        return None
    i += 1  # "check"
    while i < len(args):
        arg = args[i]
        i += 1
        if not arg.startswith("-"):
            out["paths"].append(arg)
            continue
        if arg in _FLAGS:
            flag_key, flag = _FLAGS[arg]
            out[flag_key] = flag
            continue
        name, eq, value = arg.partition("=")
        key = _VALUED.get(name)
        if key is None or (eq and not name.startswith("--")):
            return None  # another option (or "-", "--"): click's to read
        if not eq:
            if i >= len(args):
                return None
            value = args[i]
            i += 1
        if value.startswith("-"):
            return None
        out[key] = value
    return out if out["paths"] and _plain_values(out) else None


def _plain_values(out: dict[str, Any]) -> bool:
    """Convert the values of ``out`` as click's types and callbacks would; False when
    one is not valid (click then says why)."""
    from .config import DIALECTS
    from .formatters import FORMATTERS

    out.setdefault("fmt", "text")
    if out["fmt"] not in FORMATTERS:
        return False
    for key in ("config", "output"):
        path = out.get(key)
        if path is not None:
            # click.Path(dir_okay=False): an existing path must be a readable file
            if os.path.isdir(path) or (os.path.lexists(path) and not os.access(path, os.R_OK)):
                return False
    dialect = out.get("dialect")
    if dialect is not None:
        names = [d for d in DIALECTS if dialect.lower().replace("_", "-") == d.lower()]
        if not names:
            return False
        out["dialect"] = names[0]
    for key in ("min_level", "fail_on"):
        level = out.get(key)
        if level is not None:
            if level not in LEVELS:
                return False
            out[key] = Severity.parse(level)
    if out.get("input_format") not in (None, *_INPUT_FORMATS):
        return False
    jobs = out.get("jobs")
    if jobs is not None:
        try:
            out["jobs"] = int(jobs)
        except ValueError:
            return False
        if out["jobs"] < 1:
            return False
    return True


def run_plain_check(plain: dict[str, Any]) -> int:
    """Run a ``check`` read by ``read_plain_check``, as ``cli.check`` runs it, with the
    errors shown as click's path shows them."""
    from .cli_workflow import WorkflowOptions
    from .cli_workflow import run as run_workflow

    obj = Context(plain.get("config"))
    obj.jobs = plain.get("jobs")
    obj.no_cache = obj.no_cache or plain.get("no_cache", False)
    obj.force_exclude = plain.get("force_exclude", False)
    try:
        return run_workflow(
            obj,
            tuple(plain["paths"]),
            WorkflowOptions(),
            fmt=plain["fmt"],
            output=plain.get("output"),
            dialect=plain.get("dialect"),
            min_level=plain.get("min_level"),
            fail_on=plain.get("fail_on"),
            input_format=plain.get("input_format"),
            stdin_filename=plain.get("stdin_filename"),
            color=plain.get("color"),
        )
    except CopylintError as exc:
        echo_err(f"copylint: error: {exc}")
    except BrokenPipeError:
        # the reader went away (`copylint check . | head`): stop quietly, and keep
        # Python from failing again when it flushes stdout at exit
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
    except OSError as exc:
        name = f"{exc.filename}: " if exc.filename else ""
        echo_err(f"copylint: error: {name}{exc.strerror or exc}")
    except KeyboardInterrupt:
        echo_err("")  # as click ends the line before it aborts
        return 130  # Ctrl-C: the shell's code for SIGINT
    except EOFError:
        echo_err("")
        echo_err("aborted")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    except Exception as exc:
        if not _show_usage_error(exc):
            raise
    return EXIT_ERROR


def _show_usage_error(exc: Exception) -> bool:
    """Show a click error raised by the shared code as the click path shows it (with
    the usage line of ``check``); False when ``exc`` is not one."""
    click = sys.modules.get("click")
    if click is None or not isinstance(exc, click.ClickException):
        return False
    if isinstance(exc, click.UsageError) and exc.ctx is None:
        from .cli import cli

        parent = click.Context(cli, info_name="copylint", **cli.context_settings)
        command = cli.get_command(parent, "check")
        exc.ctx = click.Context(command, info_name="check", parent=parent)
    exc.show()
    return True
