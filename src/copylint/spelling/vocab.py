"""The user's vocabulary: accepted and rejected words.

Each entry is a regex matched against the whole token (case-sensitive unless it
starts with ``(?i)``); a plain word is a regex matching itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from .. import rx
from ..regexcache import compile as compile_regex

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False

if TYPE_CHECKING:  # pragma: no cover
    import regex

    from ..config import Config

_META = compile_regex(r"[\\.^$*+?{}\[\]|()]")


class Vocab:
    def __init__(self, entries: tuple[str, ...]):
        self.words: set[str] = set()
        self.patterns: list[regex.Pattern] = []
        for raw in entries:
            entry = raw.strip()
            if not entry or entry.startswith("#"):
                continue
            if not _META.search(entry):
                self.words.add(entry)
                continue
            try:
                self.patterns.append(rx.compile(entry, rx.V0))
            except rx.error:
                self.words.add(entry)

    def __bool__(self) -> bool:
        return bool(self.words or self.patterns)

    def matches(self, token: str) -> bool:
        if token in self.words:
            return True
        return any(p.fullmatch(token) for p in self.patterns)


@lru_cache(maxsize=32)
def vocab(entries: tuple[str, ...]) -> Vocab:
    return Vocab(entries)


def entry_problem(word: str) -> str | None:
    """Why ``word`` cannot be a line of an accept file (None: it can)."""
    text = word.strip()
    if not text:
        return "an empty word"
    if len(text.splitlines()) > 1 or any(c in text for c in "\r\n\x0b\x0c\x1c\x1d\x1e\x85"):
        return "a line break inside it"
    if text.startswith("#"):
        return "a leading '#' (that line would be a comment)"
    return None


def add_to_accept_file(path: Path, word: str) -> bool:
    """Append ``word`` to the accept file at ``path`` unless it is there already.

    Creates the file (and its folder) when missing. Returns whether it was added.
    """
    problem = entry_problem(word)
    if problem is not None:
        raise ValueError(f"a vocabulary entry is one line of text, not {problem}")
    word = word.strip()
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if word in (line.strip() for line in text.splitlines()):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8", newline="") as f:
        if text and not text.endswith(("\n", "\r")):
            f.write("\n")
        f.write(word + "\n")
    return True


def add_to_project_vocab(
    cfg: Config, words: Iterable[str], note: Callable[[str], None] = lambda _msg: None
) -> list[tuple[str, bool, Path]]:
    """Accept ``words`` in the project of ``cfg``: ``copylint vocab add`` and the
    editor server's code action both come here.

    The words go to the first ``[vocab] accept`` file; a project without one gets
    ``vocab/accept.txt``, named in its config (a new ``copylint.toml`` when there is
    none). ``note`` receives what was done to the config. Returns (word, added,
    file) for each word. A word that cannot be an entry (``entry_problem``) raises
    ValueError before anything is written.
    """
    words = list(words)
    for word in words:
        problem = entry_problem(word)
        if problem is not None:
            raise ValueError(f"a vocabulary entry is one line of text, not {problem}")
    if cfg.accept_files:
        target = Path(cfg.accept_files[0])
    elif cfg.path is None:
        # no config yet: start one that points at the accept list, so the word counts
        config = cfg.root / "copylint.toml"
        config.write_text('[vocab]\naccept = ["vocab/accept.txt"]\n', encoding="utf-8")
        note(f"wrote {config} with a [vocab] accept list")
        target = cfg.root / "vocab" / "accept.txt"
    elif cfg.path.endswith(".ini"):
        from ..vale import _styles_path

        # a Vale project without a vocabulary: start Vale 3's layout, and say how to
        # name it (copylint does not rewrite a .vale.ini)
        target = _styles_path(cfg) / "config" / "vocabularies" / "Base" / "accept.txt"
        note(f"note: add 'Vocab = Base' to the top of {cfg.path} so that {target} is used.")
    elif _add_vocab_table(Path(cfg.path)):
        # a config without a [vocab] table (the starter one): give it the accept list
        note(f"added a [vocab] accept list to {cfg.path}")
        target = cfg.root / "vocab" / "accept.txt"
    else:
        target = cfg.root / "vocab" / "accept.txt"
        note(
            f"note: {cfg.path} names no [vocab] accept file; add\n"
            f'  [vocab]\n  accept = ["vocab/accept.txt"]\nto it so that {target} is used.'
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    return [(word, add_to_accept_file(target, word), target) for word in words]


def _add_vocab_table(config: Path) -> bool:
    """Append ``[vocab] accept = ["vocab/accept.txt"]`` to a config without one (in
    pyproject.toml as ``[tool.copylint.vocab]``)."""
    import tomllib

    pyproject = config.name == "pyproject.toml"
    try:
        text = config.read_text(encoding="utf-8-sig")
        data = tomllib.loads(text)
        if pyproject:
            data = data.get("tool", {}).get("copylint", {})
        if "vocab" in data:
            return False
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, AttributeError, RecursionError):
        return False
    table = "[tool.copylint.vocab]" if pyproject else "[vocab]"
    sep = "" if text.endswith("\n") or not text else "\n"
    with open(config, "a", encoding="utf-8") as f:
        f.write(f'{sep}\n{table}\naccept = ["vocab/accept.txt"]\n')
    return True
