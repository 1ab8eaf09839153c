"""The QA report as one self-contained HTML page (no network, no external CSS/JS/fonts).

Sections, in order: an at-a-glance line; the summary table (one row per document pair,
note rows under pairs with problems, a total row); notes; three inline SVG charts (link
score histogram, flags by type and severity, coverage and support per pair); per-check
precision as judged by reviewers (reviewed pairs only, :mod:`align.report.precision`);
calibration (reliability diagrams of the bead scores: the shipped held-out table, and one computed
against gold when gold alignments are given, each with its bin table); every flagged
segment with the Turkish and the English side by side and the flag's spans in ``<mark>``,
most severe first (a small inline script re-sorts the rows; without it the page reads in
that order); post-editing figures when the inputs record edits; signatures.

Every piece of text from the inputs goes through :func:`html.escape`; only ``http(s)``
URLs from the data become links.
"""
from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from align.qa.metrics import PER_WORDS, SEVERITY_ORDER, SEVERITY_WEIGHTS, PairMetrics
from align.qa.registry import types
from align.report import svg
from align.report.records import FlagRow, Note, ReportData, pieces
from align.report.reliability import Reliability

SEVERITIES = tuple(s.value for s in SEVERITY_ORDER)

CSS = """
:root{--critical:#a50f15;--major:#e6550d;--minor:#d9b300}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
 color:#111;margin:24px auto;max-width:1280px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:2px solid #333}
.glance{font-size:15px;margin:4px 0 0}.muted{color:#555;font-size:12px}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f2f2f2;font-size:12px}table.summary td:first-child{min-width:16em}
table.reliability{width:auto;font-size:12px;margin-top:4px}
.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}th.n{white-space:normal}
tfoot td{font-weight:600;border-top:2px solid #333}
tr.note td{background:#fff6db;font-size:13px}tr.note.error td{background:#fde4e4}
.badge{display:inline-block;padding:0 6px;border-radius:3px;font-size:12px;font-weight:600;color:#fff}
.badge.critical{background:var(--critical)}.badge.major{background:var(--major)}
.badge.minor{background:var(--minor);color:#111}
mark{padding:0 1px;border-bottom:2px solid;background:#fff0a8}
mark.critical{background:#f9c9cc;border-color:var(--critical)}
mark.major{background:#fbd9bf;border-color:var(--major)}mark.minor{border-color:var(--minor)}
td.side{width:33%}.ids{font-size:12px;color:#555}code{font-size:12px;overflow-wrap:anywhere}
.charts{display:flex;flex-wrap:wrap;gap:20px;align-items:flex-start}
figure{margin:0}figcaption{font-size:12px;color:#555;max-width:420px}
#sortbar{margin:6px 0}#sortbar button{font:inherit;font-size:12px;margin-right:4px}
#sortbar button[aria-pressed="true"]{font-weight:700}
ul.notes li.warning{color:#7a4b00}ul.notes li.error{color:#8b0000}
@media print{
 body{margin:0;max-width:none;font-size:10pt}#sortbar{display:none}
 tr,figure{break-inside:avoid}h2{break-after:avoid}a{color:inherit;text-decoration:none}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}@page{margin:12mm}}
"""

SCRIPT = """
(function(){var t=document.getElementById("flag-table"),bar=document.getElementById("sortbar");
if(!t||!bar)return;bar.hidden=false;
bar.addEventListener("click",function(ev){var key=ev.target.getAttribute("data-key");if(!key)return;
var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);
rows.sort(function(a,b){var x=a.getAttribute("data-"+key),y=b.getAttribute("data-"+key);
var c=(key==="type")?x.localeCompare(y):parseFloat(x)-parseFloat(y);
return c||parseFloat(a.getAttribute("data-order"))-parseFloat(b.getAttribute("data-order"));});
rows.forEach(function(r){body.appendChild(r);});
Array.prototype.forEach.call(bar.querySelectorAll("button"),function(b){
b.setAttribute("aria-pressed",b===ev.target?"true":"false");});});})();
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _pct(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.0%}"


def _num(v: float | None, digits: int = 2) -> str:
    return "n/a" if v is None else f"{v:.{digits}f}"


def _link(url: str | None, text: str) -> str:
    if url and urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{_e(url)}" rel="noreferrer noopener">{_e(text)}</a>'
    return _e(text)


def _glance(data: ReportData) -> str:
    t = data.total
    sev = ", ".join(f"{t.flags_by_severity[s]} {s}" for s in SEVERITIES)
    pen = _num(t.mqm_penalty, 1)
    return (f'<p class="glance">{t.pairs} document pair(s) · {t.tgt_sentences} English '
            f"sentences ({t.tgt_words} words) · {t.links} links · <b>{t.flags} flag(s)</b> "
            f"({sev}) · MQM penalty <b>{pen}</b> per {PER_WORDS:,} English words</p>")


def _metric_cells(m: PairMetrics) -> str:
    cells = [m.src_sentences, m.tgt_sentences, m.links, _pct(m.coverage), _pct(m.support),
             _num(m.mean_confidence), *(m.flags_by_severity[s] for s in SEVERITIES),
             m.tgt_words, _num(m.mqm_penalty, 1)]
    return "".join(f'<td class="n">{_e(c)}</td>' for c in cells)


def _note_row(note: Note) -> str:
    return (f'<tr class="note {_e(note.level)}"><td colspan="13">{_e(note.level)}: '
            f"{_e(note.message)}</td></tr>")


def _summary(data: ReportData) -> str:
    head = ("<tr><th>Document pair</th><th class=n>Turkish sent.</th><th class=n>English sent."
            "</th><th class=n>Links</th><th class=n>Coverage</th><th class=n>Support</th>"
            "<th class=n>Mean conf.</th><th class=n>Critical</th><th class=n>Major</th>"
            f"<th class=n>Minor</th><th class=n>English words</th><th class=n>MQM / {PER_WORDS:,}"
            " words</th></tr>")
    rows = []
    by_pair = [n for n in data.notes if n.pair and n.level != "info"]
    for p in data.pairs:
        title = f'<br><span class="muted">{_link(p.url, p.title)}</span>' if p.title else ""
        rows.append(f"<tr><td>{_e(p.label)}{title}</td>{_metric_cells(p.metrics)}</tr>")
        rows += [_note_row(n) for n in by_pair if (n.file, n.pair) == (p.file, p.pair_id)]
    placed = {(p.file, p.pair_id) for p in data.pairs}
    rows += [_note_row(n) for n in data.notes if n.level == "error"
             and (not n.pair or (n.file, n.pair) not in placed)]
    foot = (f"<tfoot><tr><td>Total ({data.total.pairs} pairs)</td>{_metric_cells(data.total)}"
            "</tr></tfoot>") if len(data.pairs) > 1 else ""
    weights = ", ".join(f"{s.value} {w}" for s, w in SEVERITY_WEIGHTS.items())
    return ('<section id="summary"><h2>Summary</h2><table class="summary"><thead>'
            f"{head}</thead><tbody>{''.join(rows)}</tbody>{foot}</table>"
            '<p class="muted">Coverage: share of Turkish sentences in links (low by design for a'
            " summary). Support: share of English sentences linked to a source. Mean conf.: "
            f"mean link score. MQM penalty: flag points ({weights}) per {PER_WORDS:,} English "
            "words; totals are sums over pairs.</p></section>")


def _notes(data: ReportData) -> str:
    rest = [n for n in data.notes if n.level == "info" or (not n.pair and n.level != "error")]
    if not rest:
        return ""
    items = "".join(f'<li class="{_e(n.level)}">{_e(n.message)}</li>' for n in rest)
    return f'<section id="notes"><h2>Notes</h2><ul class="notes">{items}</ul></section>'


def flags_by_type(data: ReportData) -> list[tuple[str, dict[str, int]]]:
    """Flag counts per type and severity, types in the QA check registry's order (others
    after, sorted): the data of the "flags by type" chart, here and in the app."""
    order = types()
    found = [t for t in order if t in data.total.flags_by_type] + sorted(
        t for t in data.total.flags_by_type if t not in order)
    counts = {t: dict.fromkeys(SEVERITIES, 0) for t in found}
    for r in data.flags:
        counts[r.flag.type][r.flag.severity.value] += 1
    return [(t, counts[t]) for t in found]


def _charts(data: ReportData) -> str:
    scores = [b.score for p in data.pairs for b in p.alignment.links]
    figs = [
        (svg.histogram(scores), f"Link scores ({len(scores)} links, all pairs)."),
        (svg.stacked_bars(flags_by_type(data), SEVERITIES),
         "Flags by type, stacked by severity."),
        (svg.coverage_bars([(p.label, p.metrics.coverage, p.metrics.support) for p in data.pairs]),
         ("Coverage (share of Turkish sentences used) and support (share of English "
          "sentences linked) per document pair.")),
    ]
    body = "".join(f"<figure>{s}<figcaption>{_e(c)}</figcaption></figure>" for s, c in figs)
    return f'<section id="charts"><h2>Charts</h2><div class="charts">{body}</div></section>'


def _precision(data: ReportData) -> str:
    if not data.precision:
        return ""
    rows = "".join(f"<tr><td><code>{_e(p.type)}</code></td><td class=n>{p.raised}</td>"
                   f"<td class=n>{p.accepted}</td><td class=n>{p.false_positive}</td>"
                   f"<td class=n>{p.open}</td><td class=n>{p.suppressed}</td>"
                   f"<td class=n>{_e(p.precision_text)}</td></tr>" for p in data.precision)
    return ('<section id="precision"><h2>Per-check precision</h2><table><thead><tr>'
            "<th>Check</th><th class=n>raised</th><th class=n>accepted</th>"
            "<th class=n>false positive</th><th class=n>open</th><th class=n>suppressed</th>"
            f"<th class=n>precision</th></tr></thead><tbody>{rows}</tbody></table>"
            '<p class="muted">As judged by reviewers: precision = accepted / (accepted + '
            "false positive), — when none was judged. Suppressed: flags not raised again on "
            "a sentence pair a reviewer marked false positive.</p></section>")


def _reliability_table(r: Reliability) -> str:
    rows = "".join(f"<tr><td>{b.lo:.1f}–{b.hi:.1f}</td><td class=n>{b.n}</td>"
                   f"<td class=n>{_num(b.confidence, 3)}</td><td class=n>{_num(b.accuracy, 3)}"
                   "</td></tr>" for b in r.bins if b.n)
    return ('<table class="reliability"><thead><tr><th>score bin</th><th class=n>beads</th>'
            "<th class=n>mean score</th><th class=n>share right</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _calibration(data: ReportData) -> str:
    """Reliability diagrams: bead scores (predicted probability right) against the share
    of beads gold holds exactly, per score bin; held-out table and/or live against gold."""
    if not data.reliability:
        return ""
    figs = []
    for r in data.reliability:
        bins = [(b.lo, b.hi, b.n, b.confidence, b.accuracy) for b in r.bins]
        cmd = r.provenance.get("command")
        where = f" Written by <code>{_e(cmd)}</code>." if cmd else ""
        figs.append(f"<figure>{svg.reliability_diagram(bins, r.ece, r.n)}<figcaption>"
                    f"{_e(r.label)}: ECE {r.ece:.3f} over {r.n} beads.{where}</figcaption>"
                    f"{_reliability_table(r)}</figure>")
    return ('<section id="calibration"><h2>Calibration</h2><p class="muted">A bead score is '
            "the estimated probability that the bead is right. Bars: share of beads that gold "
            "holds exactly, per score bin; red ticks: mean score in the bin; dashed: perfect "
            "calibration. ECE: expected calibration error (bin-weighted mean gap).</p>"
            f'<div class="charts">{"".join(figs)}</div></section>')


def _side(row: FlagRow, source: bool) -> str:
    aln, f = row.pair.alignment, row.flag
    doc, ids, span = ((aln.source, row.src_ids, f.src_span) if source
                      else (aln.target, row.tgt_ids, f.tgt_span))
    if not ids:
        return '<span class="muted">(no sentence on this side)</span>'
    sev, typ = _e(f.severity.value), _e(f.type)
    out = "".join(f'<mark class="{sev}" data-type="{typ}" title="{typ}">{_e(t)}</mark>' if m
                  else _e(t) for t, m in pieces(doc, ids, span))
    return out + f'<div class="ids">sentence {_e(" ".join(map(str, ids)))}</div>'


def _flag_row(row: FlagRow, order: int) -> str:
    f, bead = row.flag, row.pair.alignment.beads[row.bead]
    sev = f.severity.value
    pos = row.pair.order * 1_000_000 + row.bead * 100 + min(row.index, 99)
    attrs = (f'data-order="{order}" data-severity="{SEVERITIES.index(sev)}" data-position="{pos}"'
             f' data-type="{_e(f.type)}" data-score="{bead.score:.6f}"')
    return (f'<tr class="{_e(sev)}" {attrs}><td><span class="badge {_e(sev)}">{_e(sev)}</span>'
            f"</td><td><code>{_e(f.type)}</code><div>{_e(f.message)}</div></td>"
            f'<td>{_e(row.pair.label)}<div class="ids">bead {row.bead} · score {bead.score:.2f} · '
            f'{_e(bead.status.value)}</div></td><td class="side" lang="tr">{_side(row, True)}</td>'
            f'<td class="side" lang="en">{_side(row, False)}</td></tr>')


def _flags(data: ReportData) -> str:
    if not data.flags:
        return ('<section id="flags"><h2>Flagged segments</h2><p>No flags. '
                f"{_e(data.checks)}.</p></section>")
    bar = ('<div id="sortbar" hidden>Sort by: <button type="button" data-key="severity" '
           'aria-pressed="true">severity</button><button type="button" data-key="position">'
           'position</button><button type="button" data-key="type">type</button>'
           '<button type="button" data-key="score">score (lowest first)</button></div>')
    rows = "".join(_flag_row(r, k) for k, r in enumerate(data.flags))
    return (f'<section id="flags"><h2>Flagged segments ({len(data.flags)})</h2>'
            f'<p class="muted">Most severe first. {_e(data.checks)}.</p>{bar}'
            '<table id="flag-table"><thead><tr><th>Severity</th><th>Check</th><th>Pair</th>'
            f"<th>Turkish</th><th>English</th></tr></thead><tbody>{rows}</tbody></table></section>")


def _postedits(data: ReportData) -> str:
    pairs = [p for p in data.pairs if p.postedit is not None]
    if not pairs:
        return ""
    rows = []
    for p in pairs:
        s = p.postedit
        assert s is not None
        rows.append(f"<tr><td>{_e(p.label)}</td><td class=n>{s.changed} / {len(s.edits)}</td>"
                    f"<td class=n>{_num(s.hter, 3)}</td><td class=n>{_num(s.chrf_mean, 1)}</td></tr>")
        rows += [f'<tr><td class="ids">English {e.tgt}</td><td colspan="3"><del>{_e(e.original)}'
                 f"</del><br><ins>{_e(e.edited)}</ins> <span class=ids>HTER {e.hter:.3f} · "
                 f"chrF {e.chrf:.1f}</span></td></tr>" for e in s.edits if e.changed]
    sigs = pairs[0].postedit.signatures if pairs[0].postedit else {}
    sig = " · ".join(f"{_e(k)}: <code>{_e(v)}</code>" for k, v in sigs.items())
    return ('<section id="postedit"><h2>Post-editing</h2><table><thead><tr><th>Pair</th>'
            "<th class=n>Edited sentences</th><th class=n>HTER</th><th class=n>chrF</th></tr>"
            f'</thead><tbody>{"".join(rows)}</tbody></table><p class="muted">HTER: sacrebleu '
            "TER from the original to the edited English, as a fraction of the edited words "
            f"(whole document). chrF: mean sentence chrF. {sig}</p></section>")


def _signatures(data: ReportData) -> str:
    from align import __version__

    items = "".join(f"<li>{_e(p.label)}: <code>{_e(p.alignment.signature)}</code></li>"
                    for p in data.pairs)
    return (f'<section id="signatures"><h2>Signatures</h2><ul>{items}</ul><p class="muted">'
            f"Report by align {_e(__version__)}. {_e(data.checks)}.</p></section>")


def render_html(data: ReportData) -> str:
    """The whole page as a string (UTF-8 text, ``<!doctype html>`` first)."""
    files = sorted({p.file for p in data.pairs} | {n.file for n in data.notes if n.file})
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Alignment QA report — {_e(', '.join(files))}</title><style>{CSS}</style>"
            f'</head><body><header><h1>Alignment QA report</h1><p class="muted">'
            f"{_e(', '.join(files))}</p>{_glance(data)}</header>"
            f"{_summary(data)}{_notes(data)}{_charts(data)}{_precision(data)}{_calibration(data)}"
            f"{_flags(data)}"
            f"{_postedits(data)}"
            f"{_signatures(data)}<script>{SCRIPT}</script></body></html>\n")


__all__ = ["render_html"]
