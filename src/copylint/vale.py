"""Vale compatibility: read a ``.vale.ini`` into a copylint :class:`Config`.

This is a translation layer, not a second engine: a Vale project's styles are
loaded as copylint packs (a style folder is a pack; ``Style.Rule`` is already the
rule id), and every ``.vale.ini`` setting becomes a Config field:

- ``StylesPath`` -> where the packs are found; the folder is excluded from checking;
- ``MinAlertLevel`` -> ``min_level``; the run fails on errors, as Vale's does;
- ``Vocab`` -> ``accept``/``reject`` from ``<StylesPath>/config/vocabularies/<name>/``
  (Vale 3) or ``<StylesPath>/Vocab/<name>/`` (Vale 2);
- ``BasedOnStyles`` in ``[*]`` -> the styles run everywhere; in a glob section
  (``[*.{md,txt}]``) -> an override turning them on for matching files;
- ``Style.Rule = YES | NO | suggestion | warning | error`` -> ``levels``;
- ``BlockIgnores``, ``TokenIgnores`` -> ``ignores``; ``IgnoredScopes``,
  ``SkippedScopes``, ``IgnoredClasses`` -> ``ignored_elements``;
- ``[formats]`` -> ``formats``.

Anything else gets a one-line warning naming the key. ``BasedOnStyles`` may also
name copylint's own packs (``spelling``, ``house``, ``promo``) and ``Vale``, the
built-in style (shipped as the ``Vale`` pack).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .config import VALE_NAMES, Config, Override
from .errors import ConfigError
from .findings import Severity
from .rx import whole

regex = whole()  # (its package bound to the engine rx loaded)

ENV_STYLES = "VALE_STYLES_PATH"
#: copylint's own packs a .vale.ini may name in BasedOnStyles
OWN_PACKS = ("spelling", "house", "promo", "Vale")

CORE_KEYS = {
    "StylesPath",
    "MinAlertLevel",
    "Vocab",
    "IgnoredScopes",
    "SkippedScopes",
    "IgnoredClasses",
    "Packages",
}
SECTION_KEYS = {"BasedOnStyles", "BlockIgnores", "TokenIgnores", "IgnorePatterns"}
#: Vale's defaults: inline tags whose text is not linted, and blocks skipped
DEFAULT_IGNORED = ("code", "tt")
DEFAULT_SKIPPED = ("script", "style", "pre", "figure")
_FORMATS = {
    "md": "markdown",
    "markdown": "markdown",
    "mdx": "markdown",
    "html": "html",
    "htm": "html",
    "xhtml": "html",
    "txt": "text",
    "text": "text",
}
_LEVELS = {"suggestion": Severity.SUGGESTION, "warning": Severity.WARNING, "error": Severity.ERROR}


@dataclass
class Section:
    """One section of a Vale ini file: its name, line and keys."""

    name: str
    line: int
    #: key -> (values, line); a repeated key (Vale's "shadows") adds its values
    keys: dict[str, tuple[list[str], int]] = field(default_factory=dict)


def find_vale_config(start: Path) -> Path | None:
    """The nearest ``.vale.ini`` (or ``_vale.ini``, ``vale.ini``) from ``start`` up."""
    here = start.resolve()
    for folder in (here, *here.parents):
        for name in VALE_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def parse_ini(text: str, file: str) -> list[Section]:
    """Vale's INI: ``key = value`` lines under ``[section]`` headers; ``#`` and ``;``
    comments (inline after a space); a repeated key adds to the earlier one."""
    sections = [Section("", 0)]
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            if not line.endswith("]"):
                raise ConfigError(f"bad section header {line!r}", file, n)
            sections.append(Section(line[1:-1].strip(), n))
            continue
        if "=" not in line:
            raise ConfigError(f"expected 'key = value', not {line!r}", file, n)
        key, value = (part.strip() for part in line.split("=", 1))
        value = regex.sub(r"\s[#;].*$", "", value).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values, _ = sections[-1].keys.get(key, ([], n))
        sections[-1].keys[key] = (values + [value], n)
    return sections


def split_list(values: list[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def load_vale_config(path: Path, warnings: list[str] | None = None) -> Config:
    """Translate the .vale.ini at ``path`` into a Config."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError("config file not found", file) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file: {exc}", file) from None
    return build_vale_config(parse_ini(text, file), path, warnings)


def build_vale_config(
    sections: list[Section], path: Path, warnings: list[str] | None = None
) -> Config:
    file = str(path)
    root = path.resolve().parent

    def warn(line: int, msg: str) -> None:
        if warnings is not None:
            warnings.append(f"{file}:{line}: {msg}")

    core = sections[0]
    styles_path = styles_path_of(core, root)
    if "StylesPath" in core.keys and not styles_path.is_dir():
        value, line = core.keys["StylesPath"]
        raise ConfigError(f"StylesPath {value[-1]!r} is not a folder", file, line)
    cfg = Config(
        path=file,
        root=root,
        packs=(),
        min_level=Severity.SUGGESTION,  # Vale 3's default MinAlertLevel
        fail_on=Severity.ERROR,
        kind="vale",
    )
    ignored = list(DEFAULT_IGNORED)
    skipped = list(DEFAULT_SKIPPED)
    classes: list[str] = []
    for key, (values, line) in core.keys.items():
        if key == "MinAlertLevel":
            level = values[-1].strip().lower()
            if level not in _LEVELS:
                msg = f"MinAlertLevel must be suggestion, warning or error, not {values[-1]!r}"
                raise ConfigError(msg, file, line)
            cfg.min_level = _LEVELS[level]
        elif key == "Vocab":
            for name in split_list(values):
                accept, reject = read_vocab_folder(styles_path, name, file, line)
                cfg.accept += accept
                cfg.reject += reject
                if accept or reject:
                    folder = vocab_folder(styles_path, name)
                    if folder is not None:
                        cfg.accept_files += (str(folder / "accept.txt"),)
                else:
                    warn(line, f"Vocab {name!r}: no accept.txt or reject.txt found")
        elif key == "IgnoredScopes":
            ignored = split_list(values)
        elif key == "SkippedScopes":
            skipped = split_list(values)
        elif key == "IgnoredClasses":
            classes = split_list(values)
        elif key == "Packages":
            warn(
                line,
                "Packages: copylint does not download packages (it works offline); "
                "the styles already under StylesPath are used",
            )
        elif key in SECTION_KEYS:
            warn(line, f"{key} belongs in a [*] or glob section (ignored here)")
        elif key != "StylesPath":
            warn(line, f"{key}: not supported by copylint (ignored)")
    cfg.ignored_elements = tuple(dict.fromkeys([*ignored, *skipped, *(f".{c}" for c in classes)]))

    packs: list[str] = []
    levels: dict[str, Severity | None] = {}
    overrides: list[Override] = []
    everywhere: set[str] = set()

    def add_pack(name: str, line: int) -> bool:
        folder = styles_path / name
        if folder.is_dir():
            ref = str(folder)
        elif name in OWN_PACKS:
            ref = name
        else:
            warn(line, f"style {name!r} not found in StylesPath {str(styles_path)!r} (skipped)")
            return False
        if ref not in packs:
            packs.append(ref)
        return True

    def read_section(section: Section) -> tuple[list[str], dict[str, Severity | None], list[str]]:
        styles: list[str] = []
        toggles: dict[str, Severity | None] = {}
        ignores: list[str] = []
        for key, (values, line) in section.keys.items():
            if key == "BasedOnStyles":
                styles += [s for s in split_list(values) if add_pack(s, line)]
            elif key in ("BlockIgnores", "TokenIgnores", "IgnorePatterns"):
                for pattern in split_list(values):
                    try:
                        regex.compile(pattern, regex.V0)
                    except regex.error as exc:
                        raise ConfigError(
                            f"{key}: bad regex {pattern!r}: {exc}", file, line
                        ) from None
                    ignores.append(pattern)
            elif key in ("Transform", "Lang"):
                warn(line, f"{key}: not supported by copylint (ignored)")
            elif regex.fullmatch(r"[\w-]+(?:\.[\w-]+)?", key):
                value = values[-1].strip()
                if value.upper() == "YES":
                    toggles[key] = None
                elif value.upper() == "NO":
                    toggles[key] = Severity.OFF
                elif value.lower() in _LEVELS:
                    toggles[key] = _LEVELS[value.lower()]
                else:
                    msg = f"{key}: expected YES, NO, suggestion, warning or error, not {value!r}"
                    raise ConfigError(msg, file, line)
                style = key.split(".", 1)[0]
                if toggles[key] is not Severity.OFF and not any(
                    Path(p).name == style for p in packs
                ):
                    add_pack(style, line)
            else:
                warn(line, f"{key}: not a setting copylint knows (ignored)")
        return styles, toggles, ignores

    for section in sections[1:]:
        if section.name == "formats":
            for ext, (values, line) in section.keys.items():
                target = _FORMATS.get(values[-1].strip().lower().lstrip("."))
                if target is None:
                    warn(
                        line,
                        f"[formats] {ext} = {values[-1]}: copylint reads only "
                        "Markdown, HTML and plain text (ignored)",
                    )
                    continue
                cfg.formats[ext.lower().lstrip(".")] = target
            continue
        if section.name in ("asciidoctor", "DEFAULT"):
            warn(section.line, f"[{section.name}]: not supported by copylint (ignored)")
            continue
        styles, toggles, ignores = read_section(section)
        if section.name == "*":
            everywhere.update(styles)
            levels.update(toggles)
            cfg.ignores += tuple(ignores)
        else:
            globs = vale_glob(section.name)
            ov = Override(globs=globs)
            ov.levels.update({s: None for s in styles})
            ov.levels.update(toggles)
            ov.ignores = tuple(ignores)
            overrides.append(ov)
    # a style loaded for some files only (or for one rule) is off elsewhere
    for ref in packs:
        name = Path(ref).name
        if name not in everywhere:
            levels.setdefault(name, Severity.OFF)
    cfg.packs = tuple(packs)
    cfg.levels = levels
    cfg.overrides = overrides
    try:
        rel = styles_path.resolve().relative_to(root)
        if str(rel) != ".":
            cfg.exclude = (f"/{rel.as_posix()}/",)
    except ValueError:
        pass
    return cfg


def styles_path_of(core: Section, root: Path) -> Path:
    """``StylesPath`` (relative to the .vale.ini's folder), else ``VALE_STYLES_PATH``,
    else the .vale.ini's folder."""
    if "StylesPath" in core.keys:
        path = Path(os.path.expanduser(core.keys["StylesPath"][0][-1]))
        return path if path.is_absolute() else root / path
    if os.environ.get(ENV_STYLES):
        return Path(os.environ[ENV_STYLES])
    return root


def vale_glob(section: str) -> tuple[str, ...]:
    """A Vale section glob as gitignore-style globs: ``*.{md,txt}`` -> ``*.md``,
    ``*.txt``; Vale's ``*`` matches across folders, as a gitignore glob without a
    slash does."""
    m = regex.search(r"\{([^{}]*)\}", section)
    if m is None:
        return (section,)
    out: list[str] = []
    for alt in m.group(1).split(","):
        out.extend(vale_glob(section[: m.start()] + alt.strip() + section[m.end() :]))
    return tuple(out)


def vocab_folder(styles_path: Path, name: str) -> Path | None:
    for folder in (
        styles_path / "config" / "vocabularies" / name,  # Vale 3
        styles_path / "Vocab" / name,  # Vale 2
    ):
        if folder.is_dir():
            return folder
    return None


def read_vocab_folder(
    styles_path: Path, name: str, origin: str, line: int
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    from .config import read_vocab

    folder = vocab_folder(styles_path, name)
    if folder is None:
        return (), ()
    out = []
    for kind in ("accept", "reject"):
        file = folder / f"{kind}.txt"
        out.append(tuple(read_vocab(file, origin, line)) if file.is_file() else ())
    return out[0], out[1]


# --------------------------------------------------------------------------- init --from-vale


def to_toml(path: Path, warnings: list[str] | None = None) -> str:
    """The copylint.toml equivalent of the .vale.ini at ``path`` (``init --from-vale``).

    Written next to the .vale.ini: paths are relative to its folder. A style turned
    on for some files only, or a rule turned on with ``YES``, is written out rule by
    rule with each rule's own level, since copylint.toml levels are explicit.
    """
    from .rules.loader import load_packs

    cfg = load_vale_config(path, warnings)
    root = cfg.root
    ruleset = load_packs(cfg.packs, root, cfg.path, [])

    def explicit(levels: dict[str, Severity | None]) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, level in levels.items():
            if level is not None:
                out[key] = str(level)
            elif key in ruleset.by_id:
                out[key] = str(ruleset.by_id[key].meta.level)
            else:
                for rule in ruleset.rules:
                    if rule.meta.pack == key:
                        out[rule.meta.id] = str(rule.meta.level)
        return out

    def rel(p: str) -> str:
        try:
            return Path(p).resolve().relative_to(root).as_posix()
        except ValueError:
            return Path(p).as_posix()

    def q(value: str) -> str:
        return _toml_str(value)

    def qlist(values) -> str:
        return "[" + ", ".join(q(v) for v in values) + "]"

    lines = [
        f"# Written by copylint init --from-vale from {path.name}.",
        "# Vale's styles are read as copylint packs; see docs/vale.md.",
        "",
        f"packs = {qlist(p if p in OWN_PACKS else rel(p) for p in cfg.packs)}",
        f'min_level = "{cfg.min_level}"',
        f'fail_on = "{cfg.fail_on}"',
        "vale_styles = true  # read the styles' rule files as Vale does",
    ]
    if cfg.exclude:
        lines.append(f"exclude = {qlist(cfg.exclude)}")
    if cfg.ignores:
        lines.append(f"ignores = {qlist(cfg.ignores)}")
    if cfg.ignored_elements:
        lines.append(f"ignored_elements = {qlist(cfg.ignored_elements)}")
    accept_files, reject_files = [], []
    for name in _vocab_names(path):
        folder = vocab_folder(_styles_path(cfg), name)
        if folder is None:
            continue
        if (folder / "accept.txt").is_file():
            accept_files.append(rel(str(folder / "accept.txt")))
        if (folder / "reject.txt").is_file():
            reject_files.append(rel(str(folder / "reject.txt")))
    if cfg.formats:
        lines += ["", "[formats]"] + [f"{q(k)} = {q(v)}" for k, v in cfg.formats.items()]
    if accept_files or reject_files:
        lines += ["", "[vocab]"]
        if accept_files:
            lines.append(f"accept = {qlist(accept_files)}")
        if reject_files:
            lines.append(f"reject = {qlist(reject_files)}")
    levels = explicit(cfg.levels)
    if levels:
        lines += ["", "[levels]"] + [f"{q(k)} = {q(v)}" for k, v in levels.items()]
    for ov in cfg.overrides:
        lines += ["", "[[overrides]]", f"files = {qlist(ov.globs)}"]
        if ov.ignores:
            lines.append(f"ignores = {qlist(ov.ignores)}")
        ov_levels = explicit(ov.levels)
        if ov_levels:
            body = ", ".join(f"{q(k)} = {q(v)}" for k, v in ov_levels.items())
            lines.append(f"levels = {{ {body} }}")
    return "\n".join(lines) + "\n"


def _styles_path(cfg: Config) -> Path:
    sections = parse_ini(Path(str(cfg.path)).read_text(encoding="utf-8-sig"), str(cfg.path))
    return styles_path_of(sections[0], cfg.root)


def _vocab_names(path: Path) -> list[str]:
    sections = parse_ini(path.read_text(encoding="utf-8-sig"), str(path))
    value = sections[0].keys.get("Vocab")
    return split_list(value[0]) if value else []


def _toml_str(value: str) -> str:
    if "'" not in value and "\n" not in value:
        return f"'{value}'"  # a literal string: regex backslashes stay as written
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
