"""Benchmark copylint's spelling check: recall, first-suggestion accuracy, false alarms, speed.

Usage (from the repository root)::

    PYTHONPATH=src python benchmarks/spelling.py                       # built-in sample
    PYTHONPATH=src python benchmarks/spelling.py FOLDER                # *.txt / *.md files
    PYTHONPATH=src python benchmarks/spelling.py --gold gold.json \\
        --misspellings wikipedia_misspellings.txt --codespell

Typos are put into clean text with a fixed seed, then the text goes through the
public machinery (``copylint.parsers.parse`` + the ``spelling`` rule type):

- keyboard slips: a deletion, transposition, adjacent-key substitution or
  insertion in a lower-case dictionary word, each giving a non-word;
- common misspellings: a word of the text swapped for a misspelling of it taken
  from a ``wrong->right`` list (``--misspellings``); ``--all-pairs`` also checks
  every pair of the list on its own (no context);
- slips in the capitalised common word that opens a sentence ("Teh"), which must
  be told from names.

False alarms are counted on the clean text, each document in its own dialect
(``.uk``/``.au``/``.ca`` domains, else majority spelling), or every document in the
dialect ``--dialect`` names; documents that are mostly not English are left out.
A false alarm is a ``spelling.Typos`` finding, or a ``spelling.Dialect`` finding on a
document written in the dialect it is checked in (on a British piece checked in
en-US, a dialect finding is right). Speed compares ``copylint`` spelling alone with
codespell over the same files, each as a fresh process, over a folder split into
~300 files.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from copylint.config import Config  # noqa: E402
from copylint.parsers import parse  # noqa: E402
from copylint.rules.model import RuleMeta  # noqa: E402
from copylint.rules.types.spelling import SpellingRule  # noqa: E402
from copylint.spelling.candidates import NEIGHBOURS  # noqa: E402
from copylint.spelling.dictionary import lexicon  # noqa: E402

SAMPLE = [
    "The council met on Tuesday evening to debate the new budget for the town library. "
    "Several members argued that the building needs a new roof before winter, while others "
    "said the money would be better spent on longer opening hours and more staff.\n\n"
    "After two hours of discussion, the members agreed to ask the county for a loan and to "
    "hold a public meeting next month. The mayor, Linda Okafor, said she was pleased with "
    "the result and thanked residents for their letters.",
    "Heavy rain caused flooding across the valley on Sunday, closing three roads and "
    "forcing the evacuation of a care home near the river. Firefighters used boats to reach "
    "houses where water had risen above the windows.\n\nThe weather service warned that more "
    "rain was expected during the week and asked drivers to avoid the flooded routes. Local "
    "schools will stay closed until the water goes down, officials said.",
    "The company reported higher profits for the third quarter, helped by strong sales of "
    "its kitchen appliances and a recovery in demand from hotels and restaurants. Its shares "
    "rose sharply in early trading.\n\nAnalysts said the results were better than expected "
    "but warned that rising costs for steel and shipping could weigh on the business next "
    "year. The chief executive told investors the firm would keep prices steady for now.",
]
SAMPLE_MISSPELLINGS = (
    "recieve->receive\nseperate->separate\nbuisness->business\ntommorow->tomorrow\n"
    "goverment->government\nwich->which\nbeleive->believe\nexpecially->especially\n"
    "meeting->meeting\nuntill->until\nresidants->residents\ndiscusion->discussion\n"
    "profitts->profits\nwarnned->warned\nbuilding->building\nexpeted->expected\n"
)

WORD = regex.compile(r"[\p{L}][\p{L}'’]*")
KEYS = "abcdefghijklmnopqrstuvwxyz"


# --------------------------------------------------------------------------- input
def load_docs(args) -> list[dict]:
    docs = []
    if args.gold:
        data = json.loads(Path(args.gold).read_text(encoding="utf-8"))
        for key, item in sorted(data.items()):
            body = item.get("articleBody") or ""
            if body.strip():
                docs.append({"name": key[:12], "text": body, "url": item.get("url", "")})
    elif args.folder:
        for p in sorted(Path(args.folder).rglob("*")):
            if p.suffix in (".txt", ".md") and p.is_file():
                docs.append({"name": p.name, "text": p.read_text(encoding="utf-8"), "url": ""})
    else:
        docs = [{"name": f"sample{i}", "text": t, "url": ""} for i, t in enumerate(SAMPLE)]
    us = lexicon("en-US")
    gb = lexicon("en-GB")
    out = []
    for d in docs:
        words = [w.lower() for w in WORD.findall(d["text"]) if w.islower()]
        known = sum(1 for w in words if us.known(w) or gb.known(w))
        if not words or known / len(words) < 0.85:
            continue  # not English
        d["dialect"] = guess_dialect(d, words)
        out.append(d)
    return out


def guess_dialect(doc: dict, words: list[str]) -> str:
    host = urlparse(doc.get("url", "")).hostname or ""
    for tld, dialect in ((".uk", "en-GB"), (".au", "en-AU"), (".ca", "en-CA"), (".nz", "en-GB")):
        if host.endswith(tld):
            return dialect
    us, gb = lexicon("en-US"), lexicon("en-GB")
    us_only = sum(1 for w in words if w in gb.foreign)
    gb_only = sum(1 for w in words if w in us.foreign)
    return "en-GB" if gb_only > us_only else "en-US"


# --------------------------------------------------------------------------- typos
def slip(word: str, rng: random.Random, known) -> tuple[str, str] | None:
    for _ in range(20):
        kind = rng.choice(("deletion", "transposition", "substitution", "insertion"))
        i = rng.randrange(len(word))
        if kind == "deletion":
            typo = word[:i] + word[i + 1 :]
        elif kind == "transposition":
            if i + 1 >= len(word) or word[i] == word[i + 1]:
                continue
            typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif kind == "substitution":
            near = sorted(NEIGHBOURS.get(word[i], ()))
            if not near:
                continue
            typo = word[:i] + rng.choice(near) + word[i + 1 :]
        else:
            near = sorted(NEIGHBOURS.get(word[i], ()))
            if not near:
                continue
            j = i + rng.choice((0, 1))
            typo = word[:j] + rng.choice(near) + word[j:]
        if typo != word and typo not in known and len(typo) >= 2:
            return typo, kind
    return None


def inject(doc: dict, rng: random.Random, mode: str, pairs: dict[str, list[str]], every: int):
    """Return (new text, list of (start, end, typo, original, kind))."""
    text = doc["text"]
    lex = lexicon(doc["dialect"])
    tokens = list(WORD.finditer(text))
    out, pos, placed = [], 0, []
    gap = 0
    for k, m in enumerate(tokens):
        gap += 1
        w = m.group()
        if gap < every or k == 0 or not w.isalpha():
            continue
        prev_text = text[tokens[k - 1].end() : m.start()]
        opening = any(c in prev_text for c in ".!?\n")
        if mode == "opening":
            # a slip in a capitalised common word that opens a sentence ("Teh")
            if not (opening and w[0].isupper() and w[1:].islower() and len(w) >= 3):
                continue
            low = w.lower()
            if low not in lex.common:
                continue
            r = slip(low, rng, lex.words)
            if r is None:
                continue
            typo, kind = r[0][0].upper() + r[0][1:], r[1]
            w = low
        elif opening or not w.islower():
            continue  # keep typos off sentence starts and names
        elif mode == "slip":
            if len(w) < 3 or not lex.known(w):
                continue
            r = slip(w, rng, lex.words)
            if r is None:
                continue
            typo, kind = r
        else:
            options = pairs.get(w)
            if not options:
                continue
            typo, kind = rng.choice(options), "misspelling"
            if lex.known(typo):
                continue
        out.append(text[pos : m.start()])
        start = sum(len(x) for x in out)
        out.append(typo)
        placed.append((start, start + len(typo), typo, w, kind))
        pos = m.end()
        gap = 0
    out.append(text[pos:])
    return "".join(out), placed


#: wrong form -> every right form the list gives for it (any of them counts as right)
RIGHTS: dict[str, set[str]] = {}


def load_pairs(path: str | None) -> dict[str, list[str]]:
    text = Path(path).read_text(encoding="utf-8") if path else SAMPLE_MISSPELLINGS
    pairs: dict[str, list[str]] = {}
    for line in text.splitlines():
        wrong, sep, right = line.strip().partition("->")
        if not sep:
            continue
        for r in right.split(","):
            r = r.strip()
            if r.isalpha() and r.islower() and wrong.isalpha() and wrong.islower() and r != wrong:
                pairs.setdefault(r, []).append(wrong)
                RIGHTS.setdefault(wrong, set()).add(r)
    return pairs


# --------------------------------------------------------------------------- checking
CONFUSABLES = SpellingRule(
    RuleMeta(id="spelling.Confusables", type="spelling", path="Confusables.yml", message="%s"),
    {"check": "confusables"},
)
RULE = SpellingRule(
    RuleMeta(id="spelling.Typos", type="spelling", path="Typos.yml", message='Did you mean "%s"?'),
    {},
)
DIALECT = SpellingRule(
    RuleMeta(id="spelling.Dialect", type="spelling", path="Dialect.yml", message="%s: '%s'"),
    {"check": "dialect"},
)


def alarms_of(text: str, written_in: str, checked_in: str) -> list:
    """Typos on clean text, and dialect findings on text written in the dialect it is
    checked in."""
    doc = parse(text, "x.txt", "text")
    config = Config(dialect=checked_in)
    out = list(RULE.check(doc, config))
    if written_in == checked_in:
        out += DIALECT.check(doc, config)
    return out


def check(text: str, dialect: str, path: str = "x.txt"):
    doc = parse(text, path, "text")
    return list(RULE.check(doc, Config(dialect=dialect)))


def score_typos(docs, rng, mode, pairs, every):
    found = first = total = 0
    kinds: dict[str, list[int]] = {}
    misses = []
    for d in docs:
        text, placed = inject(d, rng, mode, pairs, every)
        if not placed:
            continue
        hits = check(text, d["dialect"])
        for s, e, typo, orig, kind in placed:
            total += 1
            k = kinds.setdefault(kind, [0, 0, 0])
            k[0] += 1
            h = next((h for h in hits if h.start <= s and e <= h.end), None)
            if h is None:
                misses.append((typo, orig, "not found"))
                continue
            found += 1
            k[1] += 1
            right = RIGHTS.get(typo, set()) if kind == "misspelling" else set()
            if h.suggestions and h.suggestions[0].lower() in right | {orig.lower()}:
                first += 1
                k[2] += 1
            else:
                misses.append((typo, orig, h.suggestions[:3]))
    return total, found, first, kinds, misses


def all_pairs(path: str | None) -> tuple[int, int, int, list]:
    text = Path(path).read_text(encoding="utf-8") if path else SAMPLE_MISSPELLINGS
    lex = lexicon("en-US")
    n = found = first = 0
    misses = []
    for line in text.splitlines():
        wrong, sep, right = line.strip().partition("->")
        rights = {r.strip() for r in right.split(",")}
        right = right.split(",")[0].strip()
        if not sep or not (wrong.isalpha() and wrong.islower()) or lex.known(wrong):
            continue
        if not all(lex.known(p) for p in right.split()):
            continue
        n += 1
        hits = check(f"x {wrong}", "en-US")
        if hits:
            found += 1
            if hits[0].suggestions and hits[0].suggestions[0] in rights:
                first += 1
            else:
                misses.append((wrong, right, hits[0].suggestions[:3]))
        else:
            misses.append((wrong, right, "not found"))
    return n, found, first, misses


# --------------------------------------------------------------------------- speed
def check_folder(folder: str) -> None:
    """The timed child: check every file of ``folder`` (spelling alone) and count hits."""
    hits = 0
    for p in sorted(Path(folder).glob("*.txt")):
        hits += len(check(p.read_text(encoding="utf-8"), "en-US", str(p)))
    print(hits)


def split_into_files(docs, folder: Path, n_files: int = 300) -> int:
    paras = [p for d in docs for p in d["text"].split("\n") if p.strip()]
    words = sum(len(p.split()) for p in paras)
    per = max(1, words // n_files)
    buf, count, i = [], 0, 0
    for p in paras:
        buf.append(p)
        count += len(p.split())
        if count >= per:
            (folder / f"f{i:03d}.txt").write_text("\n\n".join(buf) + "\n", encoding="utf-8")
            buf, count, i = [], 0, i + 1
    if buf:
        (folder / f"f{i:03d}.txt").write_text("\n\n".join(buf) + "\n", encoding="utf-8")
        i += 1
    return i


#: each timed command runs this many times; the fastest run counts (shared machines)
REPEAT = 3


def timed(cmd: list[str], cwd: Path = ROOT) -> tuple[float, float, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    best = float("inf")
    out = ""
    for _ in range(REPEAT):
        t = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env)
        best = min(best, time.perf_counter() - t)
        out = r.stdout.strip()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return best, peak, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("folder", nargs="?", help="folder of clean .txt/.md article text")
    ap.add_argument("--gold", help="gold.json of articles (articleBody, url)")
    ap.add_argument("--misspellings", help="wrong->right list (one pair a line)")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--dialect", help="check every document in this dialect (false alarms)")
    ap.add_argument("--every", type=int, default=40, help="one typo per this many words")
    ap.add_argument("--all-pairs", action="store_true", help="also check every list pair alone")
    ap.add_argument("--codespell", action="store_true", help="time codespell on the same files")
    ap.add_argument("--repeat", type=int, default=3, help="time each command this many times")
    ap.add_argument("--show", type=int, default=0, help="print this many misses / false alarms")
    ap.add_argument("--check-folder", help=argparse.SUPPRESS)
    args = ap.parse_args()
    global REPEAT
    REPEAT = max(1, args.repeat)
    if args.check_folder:
        check_folder(args.check_folder)
        return 0

    docs = load_docs(args)
    n_words = sum(len(WORD.findall(d["text"])) for d in docs)
    dialects: dict[str, int] = {}
    for d in docs:
        dialects[d["dialect"]] = dialects.get(d["dialect"], 0) + 1
    print(f"documents: {len(docs)} English ({dialects}), {n_words} words")

    # false alarms on clean copy
    t = time.perf_counter()
    alarms = []
    for d in docs:
        for h in alarms_of(d["text"], d["dialect"], args.dialect or d["dialect"]):
            alarms.append((d["name"], d["dialect"], h.match, h.suggestions[:2]))
    elapsed = time.perf_counter() - t
    print(
        f"false alarms (checked in {args.dialect or 'its own dialect'}): "
        f"{len(alarms)} = {1000 * len(alarms) / max(n_words, 1):.2f} per 1,000 words"
    )
    for a in alarms[: args.show]:
        print("   FA", *a)
    conf = []
    for d in docs:
        doc = parse(d["text"], "x.txt", "text")
        conf.extend((d["name"], h.match) for h in CONFUSABLES.check(doc, Config()))
    print(
        f"confusables false alarms: {len(conf)} = {1000 * len(conf) / max(n_words, 1):.2f} per 1,000 words"
    )
    for a in conf[: args.show]:
        print("   FA", *a)

    pairs = load_pairs(args.misspellings)
    for mode, label in (
        ("slip", "keyboard slips"),
        ("misspelling", "common misspellings"),
        ("opening", "slips in a sentence's first word"),
    ):
        rng = random.Random(args.seed)
        total, found, first, kinds, misses = score_typos(docs, rng, mode, pairs, args.every)
        if not total:
            print(f"{label}: no place to put one")
            continue
        print(
            f"{label}: {total} put in; found {100 * found / total:.1f}%; "
            f"first suggestion right {100 * first / total:.1f}% of all, "
            f"{100 * first / max(found, 1):.1f}% of found"
        )
        for kind, (k_total, k_found, k_first) in sorted(kinds.items()):
            print(f"   {kind}: {k_total}, found {k_found}, first right {k_first}")
        for m in misses[: args.show]:
            print("   miss", *m)
    if args.all_pairs:
        n, found, first, misses = all_pairs(args.misspellings)
        print(
            f"misspelling list, each word alone: {n} pairs; found {100 * found / n:.1f}%; "
            f"first suggestion right {100 * first / n:.1f}%"
        )
        for m in misses[: args.show]:
            print("   miss", *m)

    print(f"in-process speed (clean pass): {n_words / elapsed:,.0f} words/s")
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this benchmark process: {peak_self:.0f} MB")

    # speed as fresh processes over ~300 files; compile the sources first, as an
    # installed package is (this matters where PYTHONDONTWRITEBYTECODE is set)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src"), __file__],
        capture_output=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    )
    tmp = Path(tempfile.mkdtemp(prefix="spellbench-"))
    try:
        n_files = split_into_files(docs, tmp)
        one = tmp / "f000.txt"
        wall1, _, _ = timed(
            [sys.executable, __file__, "--check-folder", str(tmp / "one")]
            if False
            else [sys.executable, "-c", _ONE, str(one)]
        )
        print(
            f"one short file ({len(one.read_text().split())} words), start-up included: "
            f"{wall1:.3f} s"
        )
        child = "import sys; sys.path[:0] = ['benchmarks']; import spelling; spelling.check_folder(sys.argv[1])"
        wall, peak, out = timed([sys.executable, "-c", child, str(tmp)])
        print(
            f"{n_files} files, {n_words} words: copylint spelling {wall:.2f} s "
            f"({n_words / wall:,.0f} words/s), peak memory {peak:.0f} MB, {out} findings"
        )
        (tmp / "copylint.toml").write_text('packs = ["spelling"]\n', encoding="utf-8")
        cli = [sys.executable, "-m", "copylint", "check", "--format", "json", str(tmp)]
        cwall, _, out = timed(cli, cwd=tmp)
        try:
            n_cli = (
                len(json.loads(out)["findings"]) if out.startswith("{") else len(json.loads(out))
            )
        except (ValueError, KeyError, TypeError):
            n_cli = "?"
        print(f"the copylint CLI (spelling pack alone, JSON out): {cwall:.2f} s, {n_cli} findings")
        if args.codespell:
            exe = shutil.which("codespell") or str(Path(sys.executable).parent / "codespell")
            cwall, _, _ = timed([exe, str(tmp)])
            print(f"codespell: {cwall:.2f} s; copylint/codespell time ratio {wall / cwall:.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


_ONE = (
    "import sys; sys.path.insert(0, 'src');"
    "from pathlib import Path;"
    "from copylint.config import Config; from copylint.parsers import parse;"
    "from copylint.rules.model import RuleMeta;"
    "from copylint.rules.types.spelling import SpellingRule;"
    "r = SpellingRule(RuleMeta(id='spelling.Typos', type='spelling', path='x'), {});"
    "p = sys.argv[1]; doc = parse(Path(p).read_text(), p);"
    "print(len(list(r.check(doc, Config()))))"
)

if __name__ == "__main__":
    sys.exit(main())
