"""The spelling rules' sentence starts: an offset ``could_open`` turns down is no
sentence's first word, so answering it without splitting the sentences is exact."""

from __future__ import annotations

import random

from copylint.parsers import parse
from copylint.rules.types.spelling import _first_word, _SentenceStarts, could_open

PIECES = [
    "Word",
    "word",
    "Mr.",
    "U.S.",
    "e.g.",
    "A.",
    "3",
    "2.5",
    ".",
    "!",
    "?",
    "…",
    "...",
    '"',
    "“",
    "”",
    "’",
    "'",
    ")",
    "(",
    "]",
    "—",
    "-",
    ",",
    "😀",
    "é",
    "Élan",
    "ж",
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\n# ",
    "\n- ",
    "\n> ",
    "\n1. ",
    "\t",
]


def _texts(n: int, seed: int):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 80)))


def test_an_offset_could_open_turns_down_is_no_sentence_start():
    checked = starts = 0
    for i, text in enumerate(_texts(1500, 8)):
        doc = parse(text, "t.md" if i % 2 else "t.txt", None)
        doc = doc.view or doc
        full = frozenset(_first_word(doc.prose, s.start) for s in doc.sentences)
        for offset in range(len(doc.prose) + 1):
            if offset in full:
                assert could_open(doc, offset), (text, offset)
                starts += 1
            # a fresh object each time: the answer before the sentences are split
            assert (offset in _SentenceStarts(doc)) == (offset in full), (text, offset)
            checked += 1
    assert starts > 5_000 and checked > 50_000


def test_a_word_inside_a_sentence_needs_no_sentences():
    doc = parse("The minister, said Okonkwo, left. Okonkwo stayed.\n", "t.txt", None)
    starts = _SentenceStarts(doc)
    assert 19 not in starts  # "Okonkwo" after "said"
    assert "sentences" not in doc.__dict__  # not split for that answer
    assert 34 in starts  # after the stop: split, and a start
    assert "sentences" in doc.__dict__
