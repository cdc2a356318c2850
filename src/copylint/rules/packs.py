"""Where packs and their rule files are, without loading them (no YAML, no regex):
what the results cache's key needs to know (see ``Linter.use_cache``)."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

PACK_FILE = "pack.yml"
RULE_SUFFIXES = (".yml", ".yaml")
#: rule files are short (the largest shipped is 6 KB); a bigger one is refused
#: rather than parsed and compiled for minutes (the rule-set cache's key reads as
#: much, no more: one limit, so that the two cannot drift apart)
MAX_RULE_FILE = 1_000_000


@cache
def builtin_packs_dir() -> Path:
    """The packs shipped with copylint: inside the wheel, or the repo's ``rules/``
    (worked out once: every rule asks whether it is one of them, see ``RuleMeta``)."""
    here = Path(__file__).resolve().parent.parent
    packed = here / "packs"
    if packed.is_dir():
        return packed
    return here.parent.parent / "rules"


def resolve_pack(name: str, base: Path | None) -> Path:
    builtin = builtin_packs_dir() / name
    if os.sep not in name and "/" not in name and builtin.is_dir():
        return builtin
    path = Path(name).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    return path


def rule_files(pack: Path) -> list[Path]:
    """The rule files of a pack folder, in id order (``pack.yml`` and hidden or
    ``_``-prefixed files left out)."""
    return [
        f
        for f in sorted(pack.iterdir())
        if f.suffix in RULE_SUFFIXES and f.name != PACK_FILE and not f.name.startswith((".", "_"))
    ]


def pack_files(names: tuple[str, ...] | list[str], base: Path | None) -> list[Path] | None:
    """Every file loading the packs ``names`` reads (each pack's ``pack.yml``, there or
    not, and its rule files), in load order; None when a pack is not a readable folder
    (loading it says why)."""
    out: list[Path] = []
    for name in names:
        if not str(name).strip():
            return None
        path = resolve_pack(name, base)
        try:
            files = rule_files(path)
        except OSError:
            return None
        out.append(path / PACK_FILE)
        out.extend(files)
    return out
