"""The command line: ``copylint check | rules | explain | init | docs | vocab``.

The CLI decides the exit code: 0 clean, 1 findings at or above the failing
level, 2 usage, config, rule-file or I/O errors. Formatters only format.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .cli_core import (
    CLOSED,
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    LEVELS,
    Context,
    entry,
    exit_code,
    main,
    report,
    resume_gc,
)
from .cli_workflow import WorkflowOptions, workflow_options
from .cli_workflow import run as run_workflow
from .config import DIALECTS, STARTER, rule_level
from .errors import CopylintError
from .findings import Severity

__all__ = [
    "CLOSED",
    "EXIT_CLEAN",
    "EXIT_ERROR",
    "EXIT_FINDINGS",
    "LEVELS",
    "Context",
    "cli",
    "click_main",
    "entry",
    "exit_code",
    "main",
    "report",
    "resume_gc",
]


def _jobs(ctx, _param, value):
    if value is not None:
        if value < 1:
            raise click.BadParameter("must be 1 or more")
        ctx.find_object(Context).jobs = value
    return value


def _no_cache(ctx, _param, value):
    if value:
        ctx.find_object(Context).no_cache = True
    return value


def _force_exclude(ctx, _param, value):
    if value:
        ctx.find_object(Context).force_exclude = True
    return value


def _level(_ctx, _param, value):
    return Severity.parse(value) if value else None


def _dialect(_ctx, _param, value):
    if value is None:
        return None
    for d in DIALECTS:
        if value.lower().replace("_", "-") == d.lower():
            return d
    raise click.BadParameter(f"expected one of {', '.join(DIALECTS)}")


class SafeGroup(click.Group):
    """Turns copylint's own errors into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except CopylintError as exc:
            click.echo(f"copylint: error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)
        except BrokenPipeError:
            # the reader went away (`copylint rules | head`): stop quietly, and keep
            # Python from failing again when it flushes stdout at exit
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError):
                pass
            ctx.exit(EXIT_ERROR)
        except OSError as exc:
            name = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"copylint: error: {name}{exc.strerror or exc}", err=True)
            ctx.exit(EXIT_ERROR)


@click.group(cls=SafeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copylint")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Config file (default: copylint.toml, [tool.copylint] or a Vale project's .vale.ini, found upwards).",
)
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    """copylint: typos, house style and leftover promo in editorial copy."""
    ctx.obj = Context(config_path)


def _config_path(ctx, _param, value):
    if value is not None:
        ctx.find_object(Context).config_path = value
    return value


def config_option(f):
    """``--config`` after the subcommand too (``copylint check --config x.toml``)."""
    return click.option(
        "--config",
        type=click.Path(dir_okay=False),
        callback=_config_path,
        expose_value=False,
        help="Config file (default: copylint.toml, [tool.copylint] or a Vale project's .vale.ini, found upwards).",
    )(f)


def check_options(f):
    options = [
        config_option,
        click.argument("paths", nargs=-1, type=str),
        click.option(
            "--format",
            "-f",
            "fmt",
            default="text",
            show_default=True,
            help="Output format: text, json, sarif, github, rdjson, junit.",
        ),
        click.option(
            "--output",
            "-o",
            type=click.Path(dir_okay=False),
            help="Write the report to this file instead of stdout.",
        ),
        click.option("--dialect", callback=_dialect, help="en-US, en-GB, en-AU or en-CA."),
        click.option(
            "--min-level",
            type=click.Choice(LEVELS),
            callback=_level,
            help="Report findings at or above this level.",
        ),
        click.option(
            "--fail-on",
            type=click.Choice(LEVELS),
            callback=_level,
            help="Exit 1 when a finding at or above this level is reported.",
        ),
        click.option(
            "--input-format",
            type=click.Choice(["text", "markdown", "html"]),
            help="Parse every input as this format (default: by file extension).",
        ),
        click.option("--stdin-filename", help="Name to report for input read from '-'."),
        click.option(
            "--color/--no-color",
            default=None,
            help="Color in text output (default: on a terminal only).",
        ),
        click.option(
            "--force-exclude",
            is_flag=True,
            callback=_force_exclude,
            expose_value=False,
            help="Apply the config's exclude globs and .gitignore to files named on the "
            "command line too (the pre-commit hooks use it).",
        ),
        click.option(
            "--no-cache",
            is_flag=True,
            callback=_no_cache,
            expose_value=False,
            help="Check every file again and keep no results in .copylint_cache/ "
            "(COPYLINT_NO_CACHE=1 does the same).",
        ),
        click.option(
            "--jobs",
            "-j",
            type=int,
            callback=_jobs,
            expose_value=False,
            help="Check files in this many processes (default: one per core for 32 files "
            "or more; the COPYLINT_JOBS variable sets it too).",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


@cli.command()
@check_options
@workflow_options
@click.pass_obj
def check(
    obj: Context,
    paths,
    fmt,
    output,
    dialect,
    min_level,
    fail_on,
    input_format,
    stdin_filename,
    color,
    **workflow,
) -> None:
    """Check drafts: files, folders (recursive) or - for stdin."""
    if not paths:
        raise click.UsageError("give at least one file or folder to check (or - for stdin)")
    # fixing, the --diff-base/--baseline filters and the progress bar: cli_workflow.py
    code = run_workflow(
        obj,
        paths,
        WorkflowOptions(**workflow),
        fmt=fmt,
        output=output,
        dialect=dialect,
        min_level=min_level,
        fail_on=fail_on,
        input_format=input_format,
        stdin_filename=stdin_filename,
        color=color,
    )
    sys.exit(code)


@cli.command("rules")
@config_option
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_obj
def rules_cmd(obj: Context, fmt: str) -> None:
    """List every rule: id, type, level and a one-line description."""
    linter = obj.linter()
    rules = sorted(linter.ruleset.rules, key=lambda r: r.meta.id)
    levels = linter.config.levels
    if fmt == "json":
        import json

        click.echo(
            json.dumps(
                [
                    {
                        "id": r.meta.id,
                        "type": r.meta.type,
                        "level": str(rule_level(levels, r.meta.id, r.meta.level)),
                        "description": r.meta.summary,
                        "link": r.meta.link,
                    }
                    for r in rules
                ],
                indent=2,
            )
        )
        return
    width = max((len(r.meta.id) for r in rules), default=10)
    for r in rules:
        level = rule_level(levels, r.meta.id, r.meta.level)
        click.echo(f"{r.meta.id:<{width}}  {r.meta.type:<14} {str(level):<10} {r.meta.summary}")
    click.echo(f"\n{len(rules)} rules")


@cli.command()
@click.argument("rule_id")
@config_option
@click.pass_obj
def explain(obj: Context, rule_id: str) -> None:
    """Show a rule's description, link and examples."""
    from .docs import render_rule

    packs = _with_builtin_packs(obj.config.packs)
    linter = obj.linter(packs=packs)
    rule = _find_rule(linter, rule_id)
    click.echo(render_rule(rule.meta, markdown=False))
    pack = rule.meta.id.split(".")[0]
    if pack in packs[len(obj.config.packs) :]:
        click.echo(f"(The {pack} pack is off here: add it to packs in the config to use it.)")


def _with_builtin_packs(packs: tuple[str, ...]) -> tuple[str, ...]:
    """``packs`` and after them the built-in packs they leave out (such as plain)."""
    from .rules.loader import builtin_packs_dir

    builtin = sorted(p.name for p in builtin_packs_dir().iterdir() if p.is_dir())
    return packs + tuple(name for name in builtin if name not in packs)


def _find_rule(linter, rule_id: str):
    rule = linter.ruleset.by_id.get(rule_id)
    if rule is None:
        lowered = {k.lower(): v for k, v in linter.ruleset.by_id.items()}
        rule = lowered.get(rule_id.lower())
    if rule is None:
        import difflib

        close = difflib.get_close_matches(rule_id, list(linter.ruleset.by_id), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise click.UsageError(f"no rule {rule_id!r}{hint}")
    return rule


@cli.command()
@click.argument("out", default="docs/rules", type=click.Path(file_okay=False))
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Exit 1 if the docs in OUT are not up to date; write nothing.",
)
@config_option
@click.pass_obj
def docs(obj: Context, out: str, check_only: bool) -> None:
    """Write docs/rules/<Pack>.<Rule>.md for every rule, and an index.

    The built-in packs that are off by default (such as plain) are documented too."""
    from .docs import write_docs

    packs = _with_builtin_packs(obj.config.packs)
    stale = write_docs(obj.linter(packs=packs).ruleset, Path(out), check_only=check_only)
    if check_only and stale:
        for name in stale:
            click.echo(f"{Path(out) / name}: out of date", err=True)
        sys.exit(EXIT_FINDINGS)
    if not check_only:
        click.echo(f"wrote the rule docs to {out}")


@cli.command()
@click.option("--force", is_flag=True, help="Overwrite an existing copylint.toml.")
@click.option(
    "--from-vale",
    "from_vale",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[VALE_INI]",
    help="Translate a Vale project's .vale.ini (default: the nearest one) instead.",
)
def init(force: bool, from_vale: str | None) -> None:
    """Write a commented starter copylint.toml in this folder."""
    path = Path("copylint.toml")
    if path.exists() and not force:
        raise CopylintError("already exists (use --force to overwrite)", str(path))
    if from_vale is None:
        path.write_text(STARTER, encoding="utf-8")
        click.echo(f"wrote {path}")
        return
    from .vale import find_vale_config, to_toml

    ini = Path(from_vale) if from_vale else find_vale_config(Path.cwd())
    if ini is None:
        raise CopylintError("no .vale.ini found in this folder or above", str(Path.cwd()))
    warnings: list[str] = []
    text = to_toml(ini, warnings)
    for w in warnings:
        click.echo(f"warning: {w}", err=True)
    path = ini.parent / "copylint.toml"
    if path.exists() and not force:
        raise CopylintError("already exists (use --force to overwrite)", str(path))
    path.write_text(text, encoding="utf-8")
    click.echo(f"wrote {path} from {ini}")


@cli.group()
def cache() -> None:
    """Manage the results cache (.copylint_cache/ in the project root)."""


@cache.command("clean")
@config_option
@click.pass_obj
def cache_clean(obj: Context) -> None:
    """Remove the results cache of this project."""
    from .cache import CACHE_DIR, clean

    folder = obj.config.root / CACHE_DIR
    if clean(folder):
        click.echo(f"removed {folder}")
    else:
        click.echo(f"no cache at {folder}")


@cli.group()
def vocab() -> None:
    """Manage the project's vocabulary lists."""


@vocab.command("add")
@click.argument("words", nargs=-1, required=True)
@config_option
@click.pass_obj
def vocab_add(obj: Context, words) -> None:
    """Append WORDS to the project's accept list (the first [vocab] accept file)."""
    from .spelling.vocab import add_to_project_vocab, entry_problem

    for word in words:  # all checked before anything is written
        problem = entry_problem(word)
        if problem is not None:
            raise click.UsageError(f"cannot add {word!r}: {problem}")
    for word, added, target in add_to_project_vocab(
        obj.config, words, note=lambda msg: click.echo(msg, err=True)
    ):
        click.echo(f"{'added' if added else 'already there'}: {word} ({target})")


@cli.command()
@click.option(
    "--stdio", is_flag=True, help="Talk over stdin and stdout (the default and only way)."
)
def lsp(stdio: bool) -> None:
    """Run the language server for editors (needs: pip install "copylint[lsp]")."""
    try:
        from .lsp.server import serve
    except ImportError as exc:
        raise CopylintError(
            f'the language server needs pygls: pip install "copylint[lsp]" ({exc})'
        ) from None
    resume_gc()  # a long-running process: the start-up pause of the collector ends here
    serve()


def _add_workflow_commands() -> None:
    from .cli_workflow import make_baseline_command, make_fix_command

    cli.add_command(make_fix_command())
    cli.add_command(make_baseline_command())


_add_workflow_commands()


def click_main(argv: list[str] | None) -> int:
    """Run the CLI through click (``main`` runs a plain ``check`` without it)."""
    try:
        rv = cli.main(args=argv, prog_name="copylint", standalone_mode=False)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    except click.exceptions.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):
            return 130  # Ctrl-C: the shell's code for SIGINT
        click.echo("aborted", err=True)
        return EXIT_ERROR
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except CopylintError as exc:
        click.echo(f"copylint: error: {exc}", err=True)
        return EXIT_ERROR
    except OSError as exc:
        name = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"copylint: error: {name}{exc.strerror or exc}", err=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    return rv if isinstance(rv, int) else EXIT_CLEAN
