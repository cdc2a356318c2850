"""Build the compact spelling data shipped in ``src/copylint/spelling/data/``.

Run at development time only (copylint never rebuilds it at run time)::

    pip download --no-deps -d /tmp/sp symspellpy breame wordfreq names
    pip install --target /tmp/mp msgpack
    (cd /tmp/sp && apt-get download wamerican-huge wbritish-huge hunspell-en-au)  # dpkg-deb
    PYTHONPATH=src:/tmp/mp python scripts/build_spelling_data.py \
        --symspell /tmp/sp/symspellpy-*.whl --breame /tmp/sp/breame-*.tar.gz \
        --wordfreq /tmp/sp/wordfreq-*.whl --names /tmp/sp/names-*.tar.gz \
        --scowl-us /tmp/sp/wamerican-huge_*.deb --scowl-gb /tmp/sp/wbritish-huge_*.deb \
        --hunspell-au /tmp/sp/hunspell-en-au_*.deb

Inputs (PyPI packages, and two Debian packages of SCOWL word lists):
- pyspellchecker's English word list (``spellchecker/resources/en.json.gz``, MIT):
  the dictionary itself, with its word counts.
- symspellpy's frequency lists (MIT; counts derived from Google Books n-grams):
  unigram counts to rank suggestions, a few thousand common words pyspellchecker
  lacks, and the bigram counts used for context ranking.
- breame's British/American spelling table (Apache-2.0): dialect variants.
- wordfreq's large English list (data CC-BY-SA 4.0; needs ``msgpack`` to read):
  current words the older lists lack (smartwatch, gameplay, rollout), taken only
  when they are common (Zipf >= 2) and not a cheap slip of a much more common
  word (so "recieved" and "seperate" stay out).
- SCOWL (Kevin Atkinson's Spell Checker Oriented Word Lists, size 80, as Debian's
  ``wamerican-huge`` and ``wbritish-huge``; permissive licence, see SOURCES.md):
  rare words spelt alike in both lists (pneumonitis, econobox), less a British or
  American variant and any word one cheap slip from a word wordfreq finds at least
  ten times as common (with the same test as above; a word wordfreq lacks counts as
  Zipf 0, so any near word of Zipf >= 2 keeps it out).

Outputs:
- ``words.txt``: one word per line, most frequent first.
- ``counts.txt``: ``word<TAB>count`` per line, sorted (searched by bisection), with
  the sum of all counts on a ``#total`` line.
- ``variants.tsv``: ``british<TAB>american`` pairs.
- ``variants-listed.txt``: the British forms of ``variants.tsv`` that ``words.txt``
  lists, sorted (so a run need not search the word list for each variant). Derived
  from those two files alone: rebuild it with ``--listed-only``.
- ``short.txt``: the words of ``words.txt`` of one or two letters, sorted (a run
  reads these few hundred instead of searching the list for each short token).
  Derived from ``words.txt`` alone: rebuild it with ``--short-only``.
- ``bigrams.txt``: ``w1 w2<TAB>count`` per line, sorted (searched by bisection).
- ``rare.txt``: the rare SCOWL words, one per line, sorted (searched by bisection);
  accepted but never suggested, and not in ``words.txt`` or ``counts.txt``.
- ``deletes.txt``: ``key<TAB>word word ...`` per line, sorted (searched by
  bisection): for each of the DELETES_FROM most frequent words, every string made by
  deleting one of its letters, with the words it comes from. Suggestions use it to
  find a word one arbitrary missing letter plus one common slip away ("enviorment")
  without generating every such string. Derived from ``words.txt`` alone: rebuild it
  with ``--deletes-only``.
- ``<file>.idx`` for each sorted file (counts, bigrams, deletes, real, rare,
  surnames): its hash index (``dictionary.build_index``), memory-mapped by a run so
  that a key is found in a probe or two instead of a bisection. Derived from those
  files alone, and rewritten whenever one is: rebuild them with ``--index-only``.
- ``words.trie``: ``words.txt`` as a marisa-trie with the rank bits of its common
  and top words (``dictionary.build_trie``), memory-mapped by a run so that no word
  set is built per process. Derived from ``words.txt`` alone and rewritten with the
  indexes: rebuild it with ``--index-only`` (needs the ``marisa-trie`` wheel).
- ``SCOWL-COPYRIGHT.txt``: SCOWL's copyright and permission notices, verbatim (its
  licence asks for them to be kept with anything derived from it).
- ``real.txt``: ``word<TAB>gap`` per line, sorted (searched by bisection): the words
  of wordfreq's large English list with Zipf >= REAL_MIN_ZIPF (real frequency in
  edited text: about three uses per 100 million words) that the files above lack,
  less dialect variants and run-together common words. Gap ``0``: not a cheap slip
  of a much more common word (anonymized, pulmonologist, wheatbelt): accepted, never
  suggested. Otherwise the word is one cheap slip from a much more common word
  (funders/founders; also common misspellings such as recieved), or two slips from
  a word at least ten times as common (neccesary, occurance), and the gap is how
  much more common (tenths of Zipf, 10 = ten times): accepted only when the document
  backs it and the gap is small (see ``checker.py``). Rebuild it alone with
  ``--real-only --wordfreq WHEEL`` after the other files.
- ``surnames.txt``: the SURNAMES most common surnames of the 1990 US Census (public
  domain, as shipped in the ``names`` package's sdist), lower case, sorted, only
  those the word list knows as words (graham, johnston); a surname it lacks is an
  unknown capitalised word anyway. Rebuild it alone with ``--surnames-only SDIST``.
- ``en-AU.txt``: Australian words (rort, bogan, hoon, doona, esky) that en-AU accepts
  beyond the British spellings: the lower-case words of SCOWL's Australian hunspell
  dictionary (Debian ``hunspell-en-au``), suffixes expanded from its .aff, that
  ``words.txt``, ``rare.txt`` and the accepted part of ``real.txt`` lack, less
  American forms (``variants.tsv``), words under four letters, words without a
  vowel and Roman numerals. Rebuild it alone with ``--au-only DEB`` (needs dpkg-deb).
"""

from __future__ import annotations

import argparse
import ast
import gzip
import io
import json
import statistics
import sys
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


def read_wordfreq(wheel: Path) -> dict[str, float]:
    import msgpack

    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if n.endswith("large_en.msgpack.gz"))
        data = msgpack.unpackb(gzip.decompress(z.read(name)), raw=False)
    out: dict[str, float] = {}
    for i, bucket in enumerate(data[1:]):
        for w in bucket:
            out.setdefault(w, 9 - i / 100)  # Zipf scale
    return out


TOP = frozenset(
    """a an the of to in on at as is it be by or and for not all so no we he she they you
    i me my our up out if its his her us do go any one""".split()
)


def read_scowl(deb: Path) -> tuple[set[str], str]:
    """The words of a Debian ``wamerican-*``/``wbritish-*`` package (SCOWL) and its
    copyright file, read from the .deb."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", str(deb), tmp], check=True)
        (path,) = Path(tmp, "usr", "share", "dict").glob("*-english*")
        text = path.read_text(encoding="utf-8")
        (notice,) = Path(tmp, "usr", "share", "doc").glob("*/copyright")
        return set(text.split()), notice.read_text(encoding="utf-8")


def extra_words(
    wf: dict[str, float], base: set[str], gb_only: set[str], min_zipf: float = 2.0, pool=None
) -> set[str]:
    """Words of ``pool`` (wordfreq's words with Zipf >= ``min_zipf`` by default) that are
    not slips of more common words; a word wordfreq lacks counts as Zipf 0."""
    from copylint.spelling.candidates import edits1, error_cost

    out = set()
    if pool is None:
        pool = [w for w, z in wf.items() if z >= min_zipf]
    for w in pool:
        z = wf.get(w, 0.0)
        if w in base or w in gb_only or not (w.isascii() and w.isalpha()):
            continue
        if len(w) < 3 or not w.islower():
            continue
        if any(w[:i] in TOP and w[i:] in TOP for i in range(1, len(w))):
            continue  # aswell, infact
        if w[0] == "a" and wf.get(w[1:], 0) >= 4.0 and w[1:] in base:
            continue  # alot, abit
        near = [c for c in edits1(w) if c in base and len(c) > 1]
        if any(wf.get(c, 0) >= z + 1.0 and error_cost(w, c) <= 1.0 for c in near):
            continue
        if any(wf.get(c, 0) >= z + 2.0 for c in near):
            continue
        out.add(w)
    return out


#: words of ``words.txt`` (most frequent first) in the deletion index
DELETES_FROM = 50_000


def write_deletes(words: list[str]) -> None:
    index: dict[str, list[str]] = {}
    for w in words[:DELETES_FROM]:
        for i in range(len(w)):
            key = w[:i] + w[i + 1 :]
            found = index.setdefault(key, [])
            if w not in found:
                found.append(w)
    lines = sorted(f"{k}\t{' '.join(v)}".encode() for k, v in index.items() if k)
    (OUT / "deletes.txt").write_bytes(b"\n".join(lines) + b"\n")
    print(f"{len(lines)} deletion keys from {DELETES_FROM} words")


#: the least frequency (Zipf) of a wordfreq word in ``real.txt``
REAL_MIN_ZIPF = 1.5


def write_real(wf: dict[str, float]) -> None:
    from copylint.spelling.candidates import candidates, edits1, error_cost

    words = frozenset((OUT / "words.txt").read_text(encoding="utf-8").split())
    rare = set((OUT / "rare.txt").read_text(encoding="utf-8").split())
    dialectal = set()
    for line in (OUT / "variants.tsv").read_text(encoding="utf-8").splitlines():
        dialectal.update(line.split("\t"))
    ranked = (OUT / "words.txt").read_text(encoding="utf-8").split()
    common = set(ranked[:20_000])
    lines = []
    for w, z in sorted(wf.items()):
        if z < REAL_MIN_ZIPF or w in words or w in rare or w in dialectal:
            continue
        if len(w) < 4 or not (w.isascii() and w.isalpha() and w.islower()):
            continue
        if any(
            (w[:i] in TOP and w[i:] in common) or (w[:i] in common and w[i:] in TOP)
            for i in range(1, len(w))
        ):
            continue  # underthe, alot: a little word run together with another
        gaps = [
            wf.get(c, 0) - z
            for c in edits1(w)
            if c in words
            and len(c) > 1
            and (wf.get(c, 0) >= z + 2.0 or (wf.get(c, 0) >= z + 1.0 and error_cost(w, c) <= 1.0))
        ]
        if not gaps:
            # two slips from a word at least ten times as common: a misspelling
            # (neccesary, dissapear, occurance), found the way the checker finds them
            gaps = [
                wf.get(c, 0) - z
                for c in candidates(w, words)
                if " " not in c and wf.get(c, 0) >= z + 1.0
            ]
        lines.append(f"{w}\t{round(10 * max(gaps)) if gaps else 0}")
    (OUT / "real.txt").write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    near = sum(not ln.endswith("\t0") for ln in lines)
    print(f"{len(lines)} real words from wordfreq, {near} near a more common word")


#: how many of the census's most common surnames ``surnames.txt`` draws on
SURNAMES = 20_000


def write_surnames(sdist: Path) -> None:
    with tarfile.open(sdist) as t:
        member = next(m for m in t.getmembers() if m.name.endswith("dist.all.last"))
        rows = t.extractfile(member).read().decode("ascii").splitlines()
    words = set((OUT / "words.txt").read_text(encoding="utf-8").split())
    names = sorted({r.split()[0].lower() for r in rows[:SURNAMES]} & words)
    (OUT / "surnames.txt").write_bytes(("\n".join(names) + "\n").encode("utf-8"))
    print(f"{len(names)} surnames that are also words")


def read_hunspell(dic: str, aff: str) -> set[str]:
    """The words of a hunspell dictionary with their suffixed forms (SFX rules)."""
    import re

    rules: dict[str, list[tuple[str, str, re.Pattern[str]]]] = {}
    for line in aff.splitlines():
        parts = line.split()
        if len(parts) >= 5 and parts[0] == "SFX":
            _, flag, strip, add, cond = parts[:5]
            strip = "" if strip == "0" else strip
            add = "" if add == "0" else add.split("/")[0]
            rules.setdefault(flag, []).append((strip, add, re.compile(cond + "$")))
    out = set()
    for line in dic.splitlines()[1:]:
        word, _, flags = line.partition("/")
        word = word.strip()
        out.add(word)
        for f in flags.strip():
            for strip, add, cond in rules.get(f, ()):
                if cond.search(word) and word.endswith(strip):
                    out.add(word[: len(word) - len(strip)] + add)
    return out


def write_au(deb: Path) -> None:
    import re
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", str(deb), tmp], check=True)
        base = Path(tmp, "usr", "share", "hunspell")
        au = read_hunspell(
            (base / "en_AU.dic").read_text(encoding="utf-8", errors="replace"),
            (base / "en_AU.aff").read_text(encoding="utf-8", errors="replace"),
        )
    known = set((OUT / "words.txt").read_text(encoding="utf-8").split())
    known |= set((OUT / "rare.txt").read_text(encoding="utf-8").split())
    for line in (OUT / "real.txt").read_text(encoding="utf-8").splitlines():
        w, _, gap = line.partition("\t")
        if gap == "0":
            known.add(w)
    american = set()
    for line in (OUT / "variants.tsv").read_text(encoding="utf-8").splitlines():
        american.add(line.split("\t")[1])
    roman = re.compile(r"[mdclxvi]+")
    words = sorted(
        w
        for w in au
        if w.isascii()
        and w.isalpha()
        and w.islower()
        and len(w) >= 4
        and w not in known
        and w not in american
        and any(v in w for v in "aeiouy")
        and not roman.fullmatch(w)
    )
    (OUT / "en-AU.txt").write_bytes(("\n".join(words) + "\n").encode("utf-8"))
    print(f"{len(words)} Australian words")


def write_indexes() -> None:
    """``<file>.idx``: the hash index of each sorted file (see ``SORTED_FILES``), and
    ``words.trie``: the word list's trie."""
    sys.path.insert(0, str(OUT.parents[2]))  # this tree's copylint, not an installed one
    from copylint.spelling.dictionary import SORTED_FILES, build_index, build_trie

    for name, sep in SORTED_FILES:
        (OUT / f"{name}.idx").write_bytes(build_index((OUT / name).read_bytes(), sep))
    (OUT / "words.trie").write_bytes(build_trie((OUT / "words.txt").read_bytes()))


def main() -> None:
    if sys.argv[1:] == ["--index-only"]:
        write_indexes()
        return
    try:
        _main()
    finally:
        write_indexes()  # a sorted file rewritten: its index with it


def _main() -> None:
    if sys.argv[1:2] == ["--au-only"]:
        write_au(Path(sys.argv[2]))
        return
    if sys.argv[1:2] == ["--surnames-only"]:
        write_surnames(Path(sys.argv[2]))
        return
    if sys.argv[1:2] == ["--real-only"]:
        write_real(read_wordfreq(Path(sys.argv[sys.argv.index("--wordfreq") + 1])))
        return
    if sys.argv[1:] == ["--listed-only"]:
        write_variants_listed()
        return
    if sys.argv[1:] == ["--short-only"]:
        write_short()
        return
    if sys.argv[1:] == ["--deletes-only"]:
        write_deletes((OUT / "words.txt").read_text(encoding="utf-8").split())
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--symspell", type=Path, required=True, help="symspellpy wheel")
    ap.add_argument("--breame", type=Path, required=True, help="breame sdist")
    ap.add_argument("--wordfreq", type=Path, required=True, help="wordfreq wheel")
    ap.add_argument("--scowl-us", type=Path, required=True, help="Debian wamerican-huge .deb")
    ap.add_argument("--scowl-gb", type=Path, required=True, help="Debian wbritish-huge .deb")
    ap.add_argument("--names", type=Path, required=True, help="names sdist (census surnames)")
    ap.add_argument("--hunspell-au", type=Path, required=True, help="Debian hunspell-en-au .deb")
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
    wf = read_wordfreq(args.wordfreq)
    extra = extra_words(wf, set(counts), gb_only)
    for w in extra:
        counts[w] = uni.get(w) or max(1, int(10 ** (wf[w] + 2.63)))  # Zipf -> Google counts
    print(f"{len(extra)} words added from wordfreq")
    # rare words spelt alike in both dialects (pneumonitis, econobox): accepted, never
    # suggested, so they stay out of words.txt and counts.txt
    us_words, notice = read_scowl(args.scowl_us)
    both = us_words & read_scowl(args.scowl_gb)[0]
    dialectal = set(gb_us) | set(gb_us.values())
    pool = sorted(w for w in both if w.islower() and len(w) >= 4 and w not in dialectal)
    rare = sorted(extra_words(wf, set(counts), gb_only, pool=pool))
    (OUT / "rare.txt").write_bytes(("\n".join(rare) + "\n").encode("utf-8"))
    (OUT / "SCOWL-COPYRIGHT.txt").write_text(notice, encoding="utf-8")  # kept verbatim
    print(f"{len(rare)} rare words from SCOWL")
    words = sorted(counts, key=lambda w: (-counts[w], w))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    write_deletes(words)
    total = sum(counts.values())
    lines = sorted(f"{w}\t{counts[w]}" for w in words)
    (OUT / "counts.txt").write_bytes(("\n".join([f"#total\t{total}", *lines]) + "\n").encode())
    with open(OUT / "variants.tsv", "w", encoding="utf-8", newline="\n") as f:
        for g in sorted(gb_us):
            f.write(f"{g}\t{gb_us[g]}\n")
    write_variants_listed()
    write_short()
    known = set(counts)
    lines = sorted(
        f"{a} {b}\t{c}" for a, b, c in bi if a in known and b in known or a in gb_us or b in gb_us
    )
    (OUT / "bigrams.txt").write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    write_real(wf)  # after words.txt, rare.txt and variants.tsv
    write_surnames(args.names)
    write_au(args.hunspell_au)  # after real.txt
    print(f"{len(words)} words, {len(gb_us)} variants, bigrams written to {OUT}")


def write_short() -> None:
    """``short.txt`` from ``words.txt``: its words of one or two letters, sorted."""
    words = (OUT / "words.txt").read_text(encoding="utf-8").split()
    short = sorted({w for w in words if len(w) < 3})
    (OUT / "short.txt").write_text("\n".join(short) + "\n", encoding="utf-8")


def write_variants_listed() -> None:
    """``variants-listed.txt`` from ``words.txt`` and ``variants.tsv``."""
    words = set((OUT / "words.txt").read_text(encoding="utf-8").split())
    british = [
        line.partition("\t")[0]
        for line in (OUT / "variants.tsv").read_text(encoding="utf-8").splitlines()
    ]
    listed = sorted({g for g in british if g in words})
    (OUT / "variants-listed.txt").write_text("\n".join(listed) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
