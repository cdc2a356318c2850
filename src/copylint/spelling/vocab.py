"""The user's vocabulary: accepted and rejected words.

Each entry is a regex matched against the whole token (case-sensitive unless it
starts with ``(?i)``); a plain word is a regex matching itself.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex

_META = regex.compile(r"[\\.^$*+?{}\[\]|()]")


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
                self.patterns.append(regex.compile(entry, regex.V0))
            except regex.error:
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


def add_to_accept_file(path: Path, word: str) -> bool:
    """Append ``word`` to the accept file at ``path`` unless it is there already.

    Creates the file (and its folder) when missing. Returns whether it was added.
    """
    word = word.strip()
    if not word or "\n" in word:
        raise ValueError("a vocabulary entry is one non-empty line")
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
