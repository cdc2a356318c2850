"""capitalization: each region of the scope (headings by default) follows a case style."""

from __future__ import annotations

from collections.abc import Iterator

from ... import rx
from ...regexcache import compile as compile_regex
from ..model import Hit, Rule
from ._common import Exceptions, region_texts, warm

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    import regex

_WORD = compile_regex(r"[\p{L}][\p{L}\p{M}'’\-]*")
#: words AP and Chicago leave lowercase in title case
MINOR = frozenset(
    """a an and as at but by en for if in nor of on or per the to v vs via up off out
    from into onto with over""".split()
)
AP_MINOR = frozenset("a an and as at but by for if in nor of on or so the to up yet".split())


class CapitalizationRule(Rule):
    type_name = "capitalization"
    keys = frozenset({"match", "style", "exceptions", "indicators", "threshold", "prefix"})
    required = ("match",)

    def configure(self, spec: dict[str, Any]) -> None:
        self.match = str(spec["match"])
        self.style = str(spec.get("style", "AP"))
        self.exceptions = Exceptions(self, spec.get("exceptions"))
        self.indicators = [str(i) for i in spec.get("indicators", [":"])]
        try:
            self.threshold = float(spec.get("threshold", 0.8))
        except (TypeError, ValueError):
            self.error("'threshold' must be a number", "threshold")
        prefix = spec.get("prefix")
        #: a leading part left out of the check (Vale's ``prefix``: "a. " in "a. Setup")
        self.prefix = self.compile(str(prefix), "prefix") if prefix else None
        if not self.match.startswith("$"):
            self.pattern = self.compile(self.match, "match")
        elif self.match not in ("$title", "$sentence", "$lower", "$upper"):
            self.error(f"unknown case style {self.match!r}", "match")
        if "scope" not in self.meta.lines:
            self.meta.scope = ("heading",)

    def prepare(self, config, documents: int = 2) -> None:
        warm(self)

    def check(self, doc, config) -> Iterator[Hit]:
        # Vale 3: the accepted vocabulary is an exception list of the rule too
        vale_vocab = self.meta.vale and self.meta.vocab
        self._accepted = tuple(getattr(config, "accept", ()) or ()) if vale_vocab else ()
        # (the story's proper nouns: read once there is a heading to check)
        names: frozenset[str] | None = None if self.match == "$sentence" else frozenset()
        for start, end, text in region_texts(self, doc):
            segment = text[start:end].strip()
            if not segment:
                continue
            if names is None:
                names = _proper_nouns(doc)
            s = start + (len(text[start:end]) - len(text[start:end].lstrip()))
            e = s + len(segment)
            if not self._ok(segment, names):
                yield Hit(
                    s,
                    e,
                    self.format_message(segment),
                    match=segment,
                    suggestions=self._suggest(segment),
                )

    def _ok(self, text: str, names: frozenset[str] = frozenset()) -> bool:
        if self.prefix is not None:
            m = self.prefix.match(text)
            if m is not None and m.end() > 0:
                text = text[m.end() :]
        if self.match == "$lower":
            return text == text.lower()
        if self.match == "$upper":
            return text == text.upper()
        if not self.match.startswith("$"):
            return self.pattern.fullmatch(text) is not None
        words = list(_WORD.finditer(text))
        if not words:
            return True
        if self.match == "$title":
            minor = AP_MINOR if self.style.upper() == "AP" else MINOR
            good = total = 0
            for i, w in enumerate(words):
                word = w.group()
                if self.meta.vale and (word in self.exceptions or word.isupper()):
                    good += 1  # Vale counts exceptions and capitals as right
                    total += 1
                    continue
                if word in self.exceptions:
                    continue
                total += 1
                first_or_last = i == 0 or i == len(words) - 1 or self._after_indicator(text, w)
                if word.lower() in minor and not first_or_last:
                    good += word.islower() or word.isupper()
                else:
                    good += word[0].isupper()
            if self.meta.vale:
                return total == 0 or good / total > self.threshold
            return total == 0 or good / total >= self.threshold
        if self.meta.vale:
            return self._vale_sentence(text)
        # $sentence
        good = total = 0
        for i, w in enumerate(words):
            word = w.group()
            if word in self.exceptions or (word.isupper() and len(word) > 1):
                continue
            if i > 0 and word in names:
                continue  # capitalised mid-sentence in the story itself: a name
            total += 1
            if i == 0 or self._after_indicator(text, w):
                good += word[0].isupper()
            else:
                good += word[0].islower() or len(word) <= 3 or word in ("I",)
        return total == 0 or good / total >= self.threshold

    def _vale_sentence(self, text: str) -> bool:
        """Vale's sentence case: words in capitals, words after an indicator (":")
        and exceptions count as right; the first word must be capitalised (or be one
        of those); every other word must be lower case; right / all > threshold.
        Tokens without a letter (numbers: "1.", "2024") are not words."""
        exceptions = self.exceptions.items + getattr(self, "_accepted", ())
        except_re = (
            rx.compile(r"\b(?:" + "|".join(sorted(exceptions, key=len, reverse=True)) + r")\b")
            if exceptions
            else None
        )
        token = r"[\p{N}\p{L}*]+[^\s]*"
        if except_re is not None:
            token = except_re.pattern + "|" + token
        tokens = rx.findall(token, text.rstrip("?!.:"))
        # a number is not a word: "1. An important heading" starts with "An"
        tokens = [t for t in tokens if rx.search(r"\p{L}", t)]
        good = total = 0
        for i, w in enumerate(tokens):
            prev = tokens[i - 1] if i else ""
            for sep in ("-", "'", "’"):
                if sep in w:
                    w = w.split(sep)[0]
                    break
            if (
                w == w.upper()
                or any(prev.endswith(ind) for ind in self.indicators)
                or (except_re is not None and except_re.search(w))
            ):
                good += 1
            elif i == 0 and w != w.lower().title():
                return False
            elif i == 0 or w == w.lower():
                good += 1
            total += 1
        return total == 0 or good / total > self.threshold

    def _after_indicator(self, text: str, w: regex.Match) -> bool:
        before = text[: w.start()].rstrip()
        return any(before.endswith(i) for i in self.indicators)

    def _suggest(self, text: str) -> tuple[str, ...]:
        if self.match == "$lower":
            return (text.lower(),)
        if self.match == "$upper":
            return (text.upper(),)
        return ()


#: a capitalised word after a lower-case word, a figure or a comma: mid-sentence
_MID_SENTENCE = compile_regex(r"(?<=[\p{Ll}\d,;][ \t]+)\p{Lu}[\p{L}\p{M}'’\-]*")


def _proper_nouns(doc) -> frozenset[str]:
    """Words the story capitalises mid-sentence outside headings (Supreme, Court, York)."""
    prose = doc.prose
    out: set[str] = set()
    for b in doc.prose_blocks:
        if b.kind != "heading":
            out.update(_MID_SENTENCE.findall(prose, b.start, b.end))
    return frozenset(out)


RULE_TYPE = CapitalizationRule
