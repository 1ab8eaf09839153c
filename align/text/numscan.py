"""Token-level scanner behind `align.text.numbers` (dates, cardinals, percent, ordinals).

Works on the `Token` list of one text; see `align.text.numbers` for the rules and values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from align.text.casefold import fold
from align.text.numlex import NumWord, canon, parse_digits, parse_numeric_date, vocabulary
from align.text.tokenize import Token

NUMBER_KINDS = ("int", "decimal", "percent", "date", "year", "ordinal", "amount")
_TR_ORD_SUFFIX = re.compile(r"[ıiuü]?nc[ıiuü]")
_FR_ORD = frozenset({"er", "re", "e", "ème", "eme", "ère", "nd", "nde"})
_EN_ORD = frozenset({"st", "nd", "rd", "th"})
_DASHES = frozenset("-–—")
_RANGE_WORDS = {"tr": frozenset({"ve", "ile", "ila"}), "en": frozenset({"and", "to"})}


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number in the text: canonical ``value``, ``kind`` (`NUMBER_KINDS`), char span."""

    value: str
    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Found:
    """A mention and the 0-based inclusive range of token indices it covers."""

    mention: NumberMention
    first: int
    last: int


class Scanner:
    """Scans one token list; `date` and `expression` try a mention at a token index."""

    def __init__(self, text: str, tokens: list[Token], lang: str, low: list[str] | None) -> None:
        self.text, self.toks, self.lang = text, tokens, lang
        self.voc = vocabulary(lang)
        self.low = low or [fold(t.text, lang) if t.kind == "word" else t.text for t in tokens]

    def word(self, i: int) -> NumWord | None:
        if 0 <= i < len(self.toks) and self.toks[i].kind == "word":
            return self.voc.get(self.low[i])
        return None

    def adjacent(self, i: int) -> bool:
        return 0 < i < len(self.toks) and self.toks[i].start == self.toks[i - 1].end

    def is_punct(self, i: int, ch: str) -> bool:
        return 0 <= i < len(self.toks) and self.toks[i].text == ch

    def mention(self, value: str, kind: str, first: int, last: int) -> Found:
        start, end = self.toks[first].start, self.toks[last].end
        return Found(NumberMention(value, kind, start, end), first, last)

    # -- dates -------------------------------------------------------------------------
    def day(self, i: int) -> tuple[int, int] | None:
        """(day, index after the day) for ``26``, ``26th``, ``26.`` (de/is/tr), ``1er``."""
        if not (0 <= i < len(self.toks)) or self.toks[i].kind != "number":
            return None
        t = self.toks[i]
        if not t.text.isdigit() or not 1 <= int(t.text) <= 31:
            return None
        j = i + 1
        if t.suffix in _EN_ORD or (self.lang != "en" and self.is_punct(j, ".") and self.adjacent(j)):
            j += 1 if not t.suffix else 0
        elif self.lang == "fr" and self.adjacent(j) and self.low[j] in _FR_ORD:
            j += 1
        return int(t.text), j

    def month(self, i: int) -> tuple[int, int] | None:
        w = self.word(i)
        if w is None or w.kind != "month":
            return None
        j = i + 1
        if self.is_punct(j, ".") and self.adjacent(j) and len(self.low[i]) <= 4:
            j += 1
        return int(w.value), j

    def year_after(self, j: int) -> int | None:
        k = j + 1 if self.is_punct(j, ",") else j
        if 0 <= k < len(self.toks) and self.toks[k].kind == "number":
            s = self.toks[k].text
            if len(s) == 4 and s.isdigit() and 1000 <= int(s) <= 2100:
                return k
        return None

    def date(self, i: int) -> tuple[list[Found], int] | None:
        d = self.day(i)
        if d is not None:
            j = d[1] + 1 if self.lang == "en" and self.low[d[1]: d[1] + 1] == ["of"] else d[1]
            m = self.month(j)
            if m is not None:
                return self.with_year(f"date:{m[0]:02d}-{d[0]:02d}", i, m[1])
            if (r := self.day_range(i, d)) is not None:
                return r
        m = self.month(i)
        if m is not None and self.lang == "en":
            d = self.day(m[1])
            if d is not None:
                k = self.range_after(d[1], words=False)
                d2 = self.day(k) if k is not None else None
                if k is not None and d2 is not None and d2[0] > d[0]:  # March 12-13
                    first = self.mention(f"date:{m[0]:02d}-{d[0]:02d}", "date", i, d[1] - 1)
                    found, after = self.with_year(f"date:{m[0]:02d}-{d2[0]:02d}", k, d2[1])
                    return [first, *found], after
                return self.with_year(f"date:{m[0]:02d}-{d[0]:02d}", i, d[1])
        if m is not None and (k := self.year_after(m[1])) is not None:  # November 2017
            return [self.mention(f"month:{m[0]:02d}", "date", i, m[1] - 1),
                    self.mention(self.toks[k].text, "year", k, k)], k + 1
        t = self.toks[i]
        if t.kind == "number" and (ymd := parse_numeric_date(t.text, self.lang)):
            y, mo, dd = ymd
            found = [self.mention(f"date:{mo:02d}-{dd:02d}", "date", i, i)]
            ys = str(y)
            if "-" in t.text:  # ISO: the year comes first
                span = (t.start, t.start + 4)
            else:
                span = (t.start + max(t.text.rfind("."), t.text.rfind("/")) + 1, t.end)
            found.append(Found(NumberMention(ys, "year", *span), i, i))
            return found, i + 1
        return None

    def range_after(self, j: int, words: bool = True) -> int | None:
        """Index after a range separator at *j* (a dash; with *words* ``ve``/``and`` …)."""
        if not 0 <= j < len(self.toks):
            return None
        if self.toks[j].text in _DASHES or (
                words and self.low[j] in _RANGE_WORDS.get(self.lang, frozenset())):
            return j + 1
        return None

    def day_range(self, i: int, d: tuple[int, int]) -> tuple[list[Found], int] | None:
        """``12-13 Mart`` / ``12 ve 13 March``: both days dates of the month (day *d* at *i*)."""
        k = self.range_after(d[1])
        d2 = self.day(k) if k is not None else None
        if k is None or d2 is None or d2[0] <= d[0]:
            return None
        j = d2[1] + 1 if self.lang == "en" and self.low[d2[1]: d2[1] + 1] == ["of"] else d2[1]
        m = self.month(j)
        if m is None:
            return None
        first = self.mention(f"date:{m[0]:02d}-{d[0]:02d}", "date", i, d[1] - 1)
        found, after = self.with_year(f"date:{m[0]:02d}-{d2[0]:02d}", k, m[1])
        return [first, *found], after

    def with_year(self, value: str, first: int, after: int) -> tuple[list[Found], int]:
        found = [self.mention(value, "date", first, after - 1)]
        k = self.year_after(after)
        if k is not None:
            found.append(self.mention(self.toks[k].text, "year", k, k))
            after = k + 1
        return found, after

    # -- cardinal expressions ----------------------------------------------------------
    def cardinal(self, i: int) -> tuple[Decimal, bool, bool, int] | None:
        """(value, scaled, ordinal, index after) of the number expression at *i*."""
        total, cur = Decimal(0), Decimal(0)
        last, last_scale, used, k = "", Decimal(0), [], i
        n = len(self.toks)
        while k < n:
            t, w = self.toks[k], self.word(k)
            if t.kind == "number" and (last in ("", "scale")) and "%" not in t.text:
                v = parse_digits(t.text, self.lang)
                if v is None or (last == "scale" and v >= last_scale):
                    break
                cur, last = v, "digits"
            elif w is not None and w.kind == "abbr" and last == "digits" and self.adjacent(k):
                total, cur, last, last_scale = total + cur * w.value, Decimal(0), "scale", w.value
            elif w is None or w.kind not in ("card", "hundred", "scale", "half", "ord"):
                if self.lang == "en" and last in ("hundred", "scale") and self.low[k] == "and" \
                        and (nw := self.word(k + 1)) is not None and nw.kind == "card":
                    k += 1
                    continue
                if self.lang == "en" and t.text == "-" and last == "card" and cur % 10 == 0 \
                        and (nw := self.word(k + 1)) is not None and nw.kind in ("card", "ord") \
                        and nw.value < 10 and self.adjacent(k) and self.adjacent(k + 1):
                    k += 1
                    continue
                break
            elif last == "digits" and w.kind not in ("scale", "half"):
                break
            elif w.kind == "card":
                v = w.value
                if (v < 10 and cur % 10 != 0) or (v >= 10 and cur % 100 != 0) or last == "half":
                    break
                if "prescale" in w.flags and not self._before_scale(k + 1):
                    break
                cur, last = cur + v, "card"
            elif w.kind == "hundred":
                if cur >= 10 or last in ("hundred", "half"):
                    break
                cur, last = (cur or Decimal(1)) * 100, "hundred"
            elif w.kind == "scale":
                if last_scale and w.value >= last_scale:
                    break
                total, cur, last, last_scale = total + (cur or Decimal(1)) * w.value, Decimal(0), \
                    "scale", w.value
            elif w.kind == "half":
                if cur == 0 or cur != cur.to_integral_value():
                    break
                cur, last = cur + w.value, "half"
            else:  # ordinal word ends the expression
                if (cur and cur % (10 if w.value < 10 else 100) != 0) or last == "half":
                    break
                used.append(k)
                end = self._check(i, k + 1, used)
                return (total + cur + w.value, last_scale > 0, True, end) if end >= 0 else None
            used.append(k)
            if t.suffix:  # an apostrophe suffix closes the word group
                k += 1
                break
            k += 1
        if not used:
            return None
        end = self._check(i, k, used)
        if end < 0:
            return None
        return total + cur, last_scale > 0, False, end

    def _before_scale(self, k: int) -> bool:
        w = self.word(k)
        return w is not None and w.kind in ("hundred", "scale")

    def _check(self, i: int, end: int, used: list[int]) -> int:
        """Apply the ``compound``/``nextword``/``prev=`` flags; ``-1`` if they reject."""
        words = [self.word(k) for k in used]
        for w in words:
            if w is not None and "compound" in w.flags and len(used) < 2:
                return -1
            if w is not None and w.prev and (i == 0 or self.low[i - 1] not in w.prev):
                return -1
        if len(used) == 1 and words[0] is not None and "nextword" in words[0].flags:
            if end >= len(self.toks) or self.toks[end].kind != "word" or self.toks[used[0]].suffix:
                return -1
            if self.low[end].startswith(self.low[used[0]]):  # reduplication: "yüz yüze"
                return -1
        return end

    def pct_after(self, k: int) -> int | None:
        """Index after a percent word/sign at *k* (``percent``, ``per cent``, ``%``), else None."""
        w = self.word(k)
        if w is not None and w.kind == "pct_post":
            return k + 1
        if 0 <= k < len(self.toks) and self.toks[k].text == "%":
            return k + 1
        if k + 1 < len(self.toks) and f"{self.low[k]}_{self.low[k + 1]}" in self.voc:
            return k + 2
        return None

    def expression(self, i: int) -> tuple[list[Found], int] | None:
        t = self.toks[i]
        if t.kind == "number" and "%" in t.text:
            v = parse_digits(t.text.replace("%", "").strip(" \u00a0\u202f"), self.lang)
            return ([self.mention(canon(v) + "%", "percent", i, i)], i + 1) if v is not None else None
        w = self.word(i)
        if w is not None and w.kind == "pct_pre":
            c = self.cardinal(i + 1)
            if c is None or c[2]:
                return None
            return [self.mention(canon(c[0]) + "%", "percent", i, c[3] - 1)], c[3]
        c = self.cardinal(i)
        if c is None:
            return None
        value, scaled, ordinal, end = c
        if ordinal:
            return [self.mention(f"ord:{canon(value)}", "ordinal", i, end - 1)], end
        pe = self.pct_after(end)
        if pe is not None:
            return [self.mention(canon(value) + "%", "percent", i, pe - 1)], pe
        if scaled:
            return [self.mention(canon(value), "amount", i, end - 1)], end
        if end == i + 1 and t.kind == "number":
            return self.single(i, value)
        kind = "int" if value == value.to_integral_value() else "decimal"
        return [self.mention(canon(value), kind, i, end - 1)], end

    def single(self, i: int, value: Decimal) -> tuple[list[Found], int]:
        t, j = self.toks[i], i + 1
        integral = t.text.isdigit()
        if integral and self._is_ordinal(i):
            if self.lang == "fr" and self.adjacent(j) and self.low[j] in _FR_ORD:
                j += 1
            return [self.mention(f"ord:{int(value)}", "ordinal", i, j - 1)], j
        if integral and len(t.text) == 4 and 1000 <= value <= 2100:
            return [self.mention(t.text, "year", i, i)], j
        kind = "int" if value == value.to_integral_value() else "decimal"
        return [self.mention(canon(value), kind, i, i)], j

    def _is_ordinal(self, i: int) -> bool:
        t, j = self.toks[i], i + 1
        if self.lang == "en":
            return t.suffix in _EN_ORD
        if self.lang in ("tr", "az") and _TR_ORD_SUFFIX.fullmatch(t.suffix):
            return True
        if self.lang == "fr":
            return self.adjacent(j) and self.low[j] in _FR_ORD
        if t.suffix or not (self.is_punct(j, ".") and self.adjacent(j)):
            return False
        if j + 1 >= len(self.toks) or self.toks[j + 1].kind != "word":
            return False
        nxt = self.toks[j + 1].text
        return nxt[:1].islower() if self.lang in ("tr", "az") else True


