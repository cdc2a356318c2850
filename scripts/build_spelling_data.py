"""Build the compact spelling data shipped in ``src/copylint/spelling/data/``.

Run at development time only (copylint never rebuilds it at run time)::

    pip download --no-deps -d /tmp/sp symspellpy breame
    python scripts/build_spelling_data.py --symspell /tmp/sp/symspellpy-*.whl \
        --breame /tmp/sp/breame-*.tar.gz

Inputs (all from PyPI packages):
- pyspellchecker's English word list (``spellchecker/resources/en.json.gz``, MIT):
  the dictionary itself, with its word counts.
- symspellpy's frequency lists (MIT; counts derived from Google Books n-grams):
  unigram counts to rank suggestions, a few thousand common words pyspellchecker
  lacks, and the bigram counts used for context ranking.
- breame's British/American spelling table (Apache-2.0): dialect variants.

Outputs:
- ``words.txt``: ``word count`` per line, most frequent first.
- ``variants.tsv``: ``british<TAB>american`` pairs.
- ``bigrams.txt.gz``: ``w1 w2 count`` per line.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import io
import json
import statistics
import tarfile
import zipfile
from pathlib import Path

import spellchecker

OUT = Path(__file__).resolve().parents[1] / "src" / "copylint" / "spelling" / "data"


def read_symspell(wheel: Path) -> tuple[dict[str, int], list[tuple[str, str, int]]]:
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        uni_name = next(n for n in names if n.endswith("frequency_dictionary_en_82_765.txt"))
        bi_name = next(n for n in names if n.endswith("frequency_bigramdictionary_en_243_342.txt"))
        uni: dict[str, int] = {}
        for line in io.TextIOWrapper(z.open(uni_name), encoding="utf-8"):
            w, c = line.split()
            uni[w] = int(c)
        bi = []
        for line in io.TextIOWrapper(z.open(bi_name), encoding="utf-8"):
            a, b, c = line.split()
            bi.append((a, b, int(c)))
    return uni, bi


def read_breame(sdist: Path) -> dict[str, str]:
    with tarfile.open(sdist) as t:
        member = next(m for m in t.getmembers() if m.name.endswith("data/spelling_constants.py"))
        src = t.extractfile(member).read().decode("utf-8")
    tree = ast.parse(src)
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "BRITISH_ENGLISH_SPELLINGS":
            return ast.literal_eval(node.value)
    raise SystemExit("no BRITISH_ENGLISH_SPELLINGS in breame")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--symspell", type=Path, required=True, help="symspellpy wheel")
    ap.add_argument("--breame", type=Path, required=True, help="breame sdist")
    args = ap.parse_args()

    res = Path(spellchecker.__file__).parent / "resources" / "en.json.gz"
    pysc: dict[str, int] = json.load(gzip.open(res))
    uni, bi = read_symspell(args.symspell)
    gb_us = read_breame(args.breame)
    gb_us = {g: u for g, u in gb_us.items() if g.isalpha() and u.isalpha() and g != u}
    gb_only = {g for g in gb_us if g not in pysc}

    ratio = statistics.median(uni[w] / pysc[w] for w in uni if w in pysc and pysc[w] > 1000)
    counts: dict[str, int] = {}
    for w, c in pysc.items():
        if not w or not all(ch.isalpha() or ch in "'-" for ch in w):
            continue
        counts[w] = uni.get(w) or max(1, int(c * ratio))
    for w, c in uni.items():
        if w not in counts and w.isalpha() and w not in gb_only and len(w) > 1:
            counts[w] = c
    words = sorted(counts, key=lambda w: (-counts[w], w))
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "words.txt", "w", encoding="utf-8", newline="\n") as f:
        for w in words:
            f.write(f"{w} {counts[w]}\n")
    with open(OUT / "variants.tsv", "w", encoding="utf-8", newline="\n") as f:
        for g in sorted(gb_us):
            f.write(f"{g}\t{gb_us[g]}\n")
    known = set(counts)
    with gzip.GzipFile(OUT / "bigrams.txt.gz", "wb", mtime=0) as raw:
        with io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as f:
            for a, b, c in bi:
                if a in known and b in known or a in gb_us or b in gb_us:
                    f.write(f"{a} {b} {c}\n")
    print(f"{len(words)} words, {len(gb_us)} variants, bigrams written to {OUT}")


if __name__ == "__main__":
    main()
