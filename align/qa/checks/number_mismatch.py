"""``number_mismatch``: an English number with no counterpart in the linked Turkish.

Numbers on both sides come from `align.text.normalize.analyse` (canonical values:
``1.250`` = ``1,250``; ``3,5 milyon`` = ``3.5 million``; ``yüzde 40`` = ``%40`` = ``40%``;
``27.10.2021`` = ``October 27, 2021``; number words both ways). For each English number in
a linked bead, the bead's Turkish sentences are searched for (in order):

1. the same canonical value;
2. a rounding of a Turkish value of the same group (quantity, percent, …): the English
   number has fewer significant digits, ``|en - tr|`` is at most half its last digit and
   under 5% (``about 45%`` for ``yüzde 44,8``; ``2.5 billion`` for ``2,46 milyar``);
3. a derived form: ``50%`` for ``yarı/yarısı/yarım``, ``25%`` for ``çeyrek``.

An ordinal equals the cardinal of the same value (``34th`` for ``34.``, which Turkish
often writes without an ordinal reading). Turkish forms the number scanner leaves out
are added (`extra`): a number straight before a scale word with a case suffix
(``1 milyondan`` = 1000000), a number word with a case suffix (``otuzun`` = 30, through
the stemmer) — the scanner reads these itself (`align.text.numbers.inflected_base`) when
the normaliser sends it the sentence; `extra` covers the rest — and a clock time
``06.40`` / ``2.30`` also gives its hour and minutes.
Clock times are compared as times on both sides (`times`): English ``3 p.m.``, ``7.55am``,
``6:40`` and Turkish ``15:00``, ``saat 06.40`` become ``time:15:00`` …; an English time
without a.m./p.m. also matches twelve hours later. An English range ``70-90%`` makes its
first number a percentage too. Dates: ``12.03.2024`` = ``12/03/2024`` = ``12 Mart 2024``
= ``12 Martta`` = ``12 March 2024`` = ``March 12, 2024``; day ranges ``12-13 Mart`` =
``March 12-13`` (`align.text.numbers`); an English slash date whose first two parts are
both 12 or less also matches its day-first reading (``12/03/2024`` copied from the
Turkish); a day-month swap (``03.12.2024`` as ``March 12``) is named in the message.

Currencies and units (`unit`, from `align.text.units` and ``align/data/numbers/
units.tsv``): a number carries the currency or unit written next to it (``$5``, ``₺500``,
``TL 500``, ``USD 3``, ``5 milyon dolarlık``, ``5m dollars``, ``12 km``, ``12-km``,
``25°C``, ``3 yıl``). An English number that matches Turkish numbers by value (step 1 or 2
above) but carries a unit compatible with none of theirs, while every one of them that is
a quantity carries a unit, is a changed currency or unit: **critical** (``5 million lira``
for ``5 milyon dolar``: "USD, not TRY"; ``12 miles`` for ``12 km``). A number with a unit
on one side only is not flagged (translators add or drop "lira"); an ambiguous form is
compatible with each of its readings (``pounds``: GBP or lb; ``derece``: °C or °F;
``km/h`` also km, as Turkish writes ``saatte 120 kilometre``). What it cannot see:
conversions (``12 km`` rendered ``7.5 miles`` differs in value, so it is at most a changed
figure, above), a unit word away from its number (``5 milyon Kanada doları``: none is
read, nor a wrong one), a unit the data file does not list, and the currency of a bare
``dollar`` (US, Canadian …).

Summaries may drop Turkish numbers, so only the English side is checked. Severity:
**critical** when the linked Turkish has a number of the same group that no English number
of the bead renders (a changed figure: 180 kilos written as 280); **major** otherwise;
**minor** when the number appears in another (unlinked) source sentence (likely a
boundary error of the alignment). Not flagged: a year that appears anywhere in the
source document (English adds context years), ``first`` (ord:1, mostly rhetorical), and
an ordinal word (``second``, ``third``: often "a third of", "the second article") unless
it is a changed figure. Free-mode (abstractive) alignments fuse facts from anywhere: a
number is looked up in the whole source document there, and absent -> major.
0-1 beads are left to ``unsupported``.

Rules (``Flag.rule``, the keys of the flag's confidence, `align.qa.confidence`):
``changed`` / ``changed-word`` (a changed figure written in digits / in words: "three"
for "dört" is often a translator's rewording), ``date-swap``, ``unit``, ``elsewhere``,
``absent`` / ``absent-word``, ``absent-free``.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from align.qa.checks.base import Check, Context, Finding
from align.text.normalize import TokenInfo
from align.text.numlex import parse_numeric_date, vocabulary
from align.text.stem_tr import stem_tr
from align.text.units import Unit, compatible, unit_of
from align.types import Mode, Severity

GROUPS = {"int": "quantity", "decimal": "quantity", "amount": "quantity", "percent": "percent",
          "date": "date", "year": "year", "ordinal": "ordinal", "time": "time"}
DERIVED = {"50%": ("yarı", "yarım", "yarıs"), "25%": ("çeyrek",), "0.5": ("yarım", "buçuk")}
MAX_ROUNDING = Decimal("0.05")  # relative difference allowed for a rounded figure
SKIP_VALUES = frozenset({"ord:1"})
TIME = re.compile(r"^\d{1,2}[.:]\d{2}$")
_ONLY_INSIDE = frozenset({"compound", "prescale"})
SCALES = {"milyon": Decimal(10) ** 6, "milyar": Decimal(10) ** 9, "trilyon": Decimal(10) ** 12}
UNIT_KINDS = frozenset({"int", "decimal", "amount", "year"})  # kinds that take a unit


def group(t: TokenInfo) -> str:
    return GROUPS.get(t.number_kind or "", "quantity")


def _decimal(value: str) -> Decimal | None:
    try:
        return Decimal(value.rstrip("%"))
    except InvalidOperation:
        return None


def _sig_digits(d: Decimal) -> int:
    digits = d.normalize().as_tuple().digits
    return len(digits)


def rounds_to(en: TokenInfo, tr: TokenInfo) -> bool:
    """Whether the English number is a rounding of the Turkish one (same group, see doc)."""
    if group(en) != group(tr) or group(en) in ("date", "year", "ordinal"):
        return False
    a, b = _decimal(en.value or ""), _decimal(tr.value or "")
    if a is None or b is None or a == 0 or _sig_digits(a) >= _sig_digits(b):
        return False
    exp = a.normalize().as_tuple().exponent
    half_unit = Decimal(5) * Decimal(10) ** (int(exp) - 1)
    return abs(a - b) <= half_unit and abs(a - b) / abs(a) <= MAX_ROUNDING


_EN_TIME = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?\s?m\b\.?|\b(\d{1,2}):(\d{2})\b",
                      re.IGNORECASE)
_TR_TIME = re.compile(r"\bsaat\s+(\d{1,2})[:.](\d{2})\b|\b(\d{1,2}):(\d{2})\b", re.IGNORECASE)
_RANGE_PCT = re.compile(r"\s?[-–]\s?\d+(?:[.,]\d+)?\s?(?:%|percent|per cent)")


def times(text: str, lang: str) -> list[tuple[int, int, str]]:
    """Clock times of a sentence: (start, end, ``time:HH:MM``), 24-hour."""
    out: list[tuple[int, int, str]] = []
    if lang == "en":
        for m in _EN_TIME.finditer(text):
            if m.group(1):
                h, mi = int(m.group(1)), int(m.group(2) or 0)
                h = h % 12 + (12 if m.group(3).lower() == "p" else 0)
            else:
                h, mi = int(m.group(4)), int(m.group(5))
            if h < 24 and mi < 60:
                out.append((m.start(), m.end(), f"time:{h:02d}:{mi:02d}"))
    elif lang == "tr":
        for m in _TR_TIME.finditer(text):
            h, mi = int(m.group(1) or m.group(3)), int(m.group(2) or m.group(4))
            if h < 24 and mi < 60:
                out.append((m.start(), m.end(), f"time:{h:02d}:{mi:02d}"))
    return out


def with_times(tokens: list[TokenInfo], text: str, lang: str) -> list[TokenInfo]:
    """*tokens* with the numbers inside a clock time replaced by one ``time`` token (and
    English ``70-90%``: 70 as a percentage)."""
    spans = times(text, lang)
    out: list[TokenInfo] = []
    done: set[int] = set()
    for t in tokens:
        hit = next((k for k, (a, b, _) in enumerate(spans) if t.is_number and a <= t.start < b),
                   None)
        if hit is None:
            if (lang == "en" and t.is_number and t.number_kind in ("int", "decimal")
                    and _RANGE_PCT.match(text, t.end)):
                t = replace(t, value=f"{t.value}%", number_kind="percent")
            out.append(t)
        elif hit not in done:
            done.add(hit)
            a, b, value = spans[hit]
            out.append(replace(t, surface=text[a:b], start=a, end=b, value=value,
                               number_kind="time"))
    return out


def _same_time(en: str, tr: str) -> bool:
    """English time *en* equals Turkish *tr*, or is 12 hours off (no a.m./p.m. given)."""
    if en == tr:
        return True
    h, m = int(en[5:7]), en[8:10]
    return f"time:{(h + 12) % 24:02d}:{m}" == tr and h < 12


def _bare(value: str | None) -> str:
    return value[4:] if value and value.startswith("ord:") else (value or "")


def extra(tokens: list[TokenInfo], lang: str) -> list[TokenInfo]:
    """Number tokens the scanner misses in Turkish (see module doc), for matching only."""
    if lang != "tr":
        return []
    out = _scaled(tokens)
    voc = vocabulary("tr")
    for t in tokens:
        if t.is_number:
            if TIME.match(t.surface):
                out += [replace(t, value=str(int(p)), number_kind="int")
                        for p in re.split(r"[.:]", t.surface)]
            continue
        w = voc.get(stem_tr(t.folded)) if t.key is not None else None
        if w is not None and w.kind in ("card", "hundred") and not w.flags & _ONLY_INSIDE:
            out.append(replace(t, is_number=True, value=format(w.value.normalize(), "f"),
                               number_kind="int"))
    return out


def source_extra(ctx: Context, i: int) -> list[TokenInfo]:
    """`extra` tokens and clock times of source sentence *i* (cached on the context)."""
    key = ("numbers", i)
    if key not in ctx.memo:
        toks, text, lang = ctx.analysis("src", i), ctx.doc("src")[i], ctx.langs["src"]
        out = extra(toks, lang)
        for a, b, value in times(text, lang):
            t = next((t for t in toks if t.is_number and a <= t.start < b), None)
            if t is not None:
                out.append(replace(t, surface=text[a:b], start=a, end=b, value=value,
                                   number_kind="time"))
        ctx.memo[key] = out
    return list(ctx.memo[key])


def _scaled(tokens: list[TokenInfo]) -> list[TokenInfo]:
    out: list[TokenInfo] = []
    for t, nxt in itertools.pairwise(tokens):
        if not (t.is_number and t.number_kind in ("int", "decimal")) or nxt.is_number:
            continue
        scale = next((v for w, v in SCALES.items() if nxt.folded.startswith(w)
                      and len(nxt.folded) - len(w) <= 4), None)
        if scale is not None and 0 <= nxt.start - t.end <= 1:
            d = _decimal(t.value or "")
            if d is not None:
                value = format((d * scale).normalize(), "f")
                out.append(replace(t, value=value, number_kind="amount", end=nxt.end))
    return out


def _readings(en: TokenInfo) -> set[str]:
    """Values English *en* may have: its own, and for a slash date whose first two parts
    are both 12 or less the day-first reading too (``12/03/2024`` copied from Turkish)."""
    out = {_bare(en.value)}
    if en.number_kind == "date" and "/" in en.surface:
        ymd = parse_numeric_date(en.surface, "tr")
        if ymd is not None:
            out.add(f"date:{ymd[1]:02d}-{ymd[2]:02d}")
    return out


def candidates(en: TokenInfo, tr_tokens: list[TokenInfo]) -> list[TokenInfo]:
    """The Turkish numbers that render English number *en*: those of the same value
    (or clock time), else those it rounds (`rounds_to`); empty if none."""
    same = _readings(en)
    exact = [t for t in tr_tokens if t.is_number and (_bare(t.value) in same or (
        en.number_kind == "time" and t.number_kind == "time"
        and _same_time(en.value or "", t.value or "")))]
    return exact or [t for t in tr_tokens if t.is_number and rounds_to(en, t)]


def matches(en: TokenInfo, tr_tokens: list[TokenInfo]) -> TokenInfo | None:
    """The Turkish token that renders English number *en* (a number, or a derived word)."""
    found = candidates(en, tr_tokens)
    if found:
        return found[0]
    for t in tr_tokens:
        if not t.is_number and t.folded.startswith(DERIVED.get(en.value or "", ("\0",))):
            return t
    return None


def unit(ctx: Context, side: str, i: int, t: TokenInfo) -> Unit | None:
    """The currency or unit written next to number *t* of sentence *i* of *side*
    (`align.text.units.unit_of`); None for percentages, dates, ordinals and times (a
    year-like number may be an amount: ``1000 dolar``)."""
    if t.number_kind not in UNIT_KINDS:
        return None
    return unit_of(ctx.doc(side)[i], t.start, t.end, ctx.langs[side])


def _swapped(a: str | None, b: str | None) -> bool:
    """Dates ``date:MM-DD`` whose day and month are swapped (``03.12`` read as March 12)."""
    return bool(a and b and a.startswith("date:") and b.startswith("date:") and a != b
                and a[5:7] == b[8:10] and a[8:10] == b[5:7])


class NumberMismatch(Check):

    def run(self, ctx: Context) -> list[Finding]:
        free = ctx.aln.signature.mode == Mode.FREE.value
        whole = [(i, t) for i in range(ctx.n("src")) for t in ctx.analysis("src", i)]
        whole += [(i, t) for i in range(ctx.n("src")) for t in source_extra(ctx, i)]
        doc = [t for _, t in whole]
        out: list[Finding] = []
        for k, bead in enumerate(ctx.aln.beads):
            if bead.is_null:
                continue
            base = [(i, t) for i in bead.src for t in ctx.analysis("src", i)]
            more = [(i, t) for i in bead.src for t in source_extra(ctx, i)]
            sent_of = {id(t): i for i, t in base + more}
            pairs = whole if free else base + more
            tr_tokens = [t for _, t in pairs]
            en = [(j, t) for j in bead.tgt for t in self._english(ctx, j) if t.is_number]
            # Turkish numbers some English number renders, as (sentence, start): an extra
            # token (1 milyondan) also uses the scanner's token at the same place (1).
            used = {(sent_of.get(id(m)), m.start) for _, t in en
                    if (m := matches(t, tr_tokens)) is not None}
            for j, t in en:
                if t.value in SKIP_VALUES:
                    continue
                if matches(t, tr_tokens) is not None:
                    out.extend(self._unit_clash(ctx, k, j, t, pairs))
                    continue
                if group(t) == "year" and matches(t, doc) is not None:
                    continue  # a context year the source states elsewhere
                if free:
                    if t.number_kind == "ordinal" and not any(c.isdigit() for c in t.surface):
                        continue
                    out.append(self.finding(
                        k, f"English “{t.surface}” ({t.value}) occurs nowhere in the source",
                        tgt_span=ctx.span("tgt", j, t.start, t.end), rule="absent-free"))
                else:
                    out.extend(self._flag(ctx, k, j, t, base, used, doc))
        return out

    def _unit_clash(self, ctx: Context, k: int, j: int, t: TokenInfo,
                    pairs: list[tuple[int, TokenInfo]]) -> list[Finding]:
        """A critical finding when every Turkish number of *t*'s value carries a currency
        or unit and none is compatible with the one English *t* carries (module doc)."""
        u = unit(ctx, "tgt", j, t)
        if u is None:
            return []
        found = {id(x) for x in candidates(t, [x for _, x in pairs])
                 if x.number_kind in UNIT_KINDS}  # an ordinal 4. says nothing of 4 hours
        clash: tuple[int, TokenInfo, Unit] | None = None
        for i, x in pairs:
            if id(x) in found:
                v = unit(ctx, "src", i, x)
                if v is None or compatible(u, v):
                    return []
                clash = clash or (i, x, v)
        if clash is None:
            return []
        i, x, v = clash
        a, b = min(t.start, u.start), max(t.end, u.end)
        c, d = min(x.start, v.start), max(x.end, v.end)
        # an ambiguous English form is named by its reading of the Turkish one's family:
        # "5 pounds" for "5 kilo" is lb, not "GBP or lb"
        family = {n.split(":")[0] for n in v.kinds}
        u = replace(u, kinds=frozenset(n for n in u.kinds if n.split(":")[0] in family)
                    or u.kinds)
        what = "currency" if all(n.startswith("cur:") for n in u.kinds | v.kinds) else "unit"
        return [self.finding(
            k, f"English “{ctx.doc('tgt')[j][a:b]}”: the linked Turkish has "
               f"“{ctx.doc('src')[i][c:d]}” ({v.label}, not {u.label}) in source sentence "
               f"{i}: changed {what}?",
            Severity.CRITICAL, ctx.span("src", i, c, d), ctx.span("tgt", j, a, b), rule="unit")]

    @staticmethod
    def _english(ctx: Context, j: int) -> list[TokenInfo]:
        return with_times(ctx.analysis("tgt", j), ctx.doc("tgt")[j], ctx.langs["tgt"])

    def _flag(self, ctx: Context, k: int, j: int, t: TokenInfo,
              base: list[tuple[int, TokenInfo]], used: set[tuple[int | None, int]],
              doc: list[TokenInfo]) -> list[Finding]:
        tgt_span = ctx.span("tgt", j, t.start, t.end)
        word = "" if any(c.isdigit() for c in t.surface) else "-word"
        changed = [(i, x) for i, x in base if x.is_number and (i, x.start) not in used
                   and group(x) == group(t) and x.value not in SKIP_VALUES]
        if changed:
            i, x = next(((i, x) for i, x in changed if _swapped(t.value, x.value)), changed[0])
            swap = _swapped(t.value, x.value)
            why = "day and month swapped" if swap else "changed figure"
            return [self.finding(
                k, f"English “{t.surface}” ({t.value}) does not match the linked Turkish, "
                   f"which has “{x.surface}” ({x.value}) in source sentence {i}: {why}?",
                Severity.CRITICAL, ctx.span("src", i, x.start, x.end), tgt_span,
                rule="date-swap" if swap else f"changed{word}")]
        if t.number_kind == "ordinal" and not any(c.isdigit() for c in t.surface):
            return []  # "a third of", "the second article": not a figure unless changed
        if matches(t, doc) is not None:
            where = next(i for i in range(ctx.n("src"))
                         if matches(t, ctx.analysis("src", i) + source_extra(ctx, i)))
            return [self.finding(
                k, f"English “{t.surface}” ({t.value}) is not in the linked Turkish but in "
                   f"source sentence {where}: check the alignment", Severity.MINOR,
                ctx.span("src", where), tgt_span, rule="elsewhere")]
        srcs = ", ".join(str(i) for i in ctx.aln.beads[k].src)
        return [self.finding(
            k, f"English “{t.surface}” ({t.value}) has no counterpart in the linked Turkish "
               f"(source sentence {srcs}) or anywhere in the source", Severity.MAJOR,
            None, tgt_span, rule=f"absent{word}")]
