"""The timeline and the goal progress drawn as accessible SVG on the server.

Pure functions: they read plain attributes of the rows they are given and never touch the database. Every piece
of user text is XML-escaped by `_esc` before it enters the markup (that is what makes `Diagram.html` safe); no
JavaScript and no style attributes, only SVG presentation attributes, so the strict CSP is no obstacle.

The timeline: life events as numbered markers on a time axis, and below it one lane per life domain with the help
episodes as bars, so help that starts again and again on the same domain stands out (R164). Lanes with repeated
help or help ended without result are marked. The text alternative lists every event, episode and flag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from django.utils import dateformat
from django.utils.translation import gettext as _

from gezinsplan.analysis.models import DatePrecision, LifeDomain
from gezinsplan.analysis.repetition import repetition_flags
from gezinsplan.families.diagrams import Diagram

INK = "#1a1a1a"
PAPER = "#ffffff"
GRID = "#6b6b6b"  # 5.3:1 on white
DONE = "#1e6b34"  # help completed with result
FAILED = "#b3261e"  # help ended without result
ONGOING = "#1d4f91"  # help still running
EVENT = "#5a2d82"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"

LEFT = 210.0
RIGHT = 24.0
WIDTH = 960.0
LANE = 30.0
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _esc(value) -> str:
    text = _INVALID_XML.sub("", "" if value is None else str(value))
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("'", "&#39;"))


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _fit(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def format_date(day: date | None, precision: str = DatePrecision.DAY) -> str:
    if day is None:
        return ""
    pattern = {DatePrecision.YEAR: "Y", DatePrecision.MONTH: "F Y"}.get(precision, "j F Y")
    return dateformat.format(day, pattern)


def _domain_label(domain: str) -> str:
    try:
        return str(LifeDomain(domain).label)
    except ValueError:
        return domain or _("overig")


def _open(*, width: float, height: float, id_prefix: str, title: str, desc: str, kind: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width)} {_num(height)}" width="{_num(width)}" '
        f'height="{_num(height)}" role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        f'class="gezinsplan-diagram gezinsplan-{kind}" font-family="{_esc(FONT)}" fill="{INK}">',
        f'<title id="{id_prefix}-title">{_esc(title)}</title>',
        f'<desc id="{id_prefix}-desc">{_esc(desc)}</desc>',
        f'<rect width="{_num(width)}" height="{_num(height)}" fill="{PAPER}"/>',
    ]


def _empty(*, title: str, message: str, id_prefix: str, kind: str) -> Diagram:
    parts = _open(width=420, height=64, id_prefix=id_prefix, title=title, desc=message, kind=kind)
    parts.append(f'<text x="210" y="37" text-anchor="middle" font-size="14">{_esc(message)}</text></svg>')
    return Diagram(svg="".join(parts), text_alternative=[message], empty=True)


def timeline_svg(*, events: Iterable, episodes: Iterable, today: date, id_prefix: str = "tijdlijn-svg") -> Diagram:
    """The family's timeline with help bars per life domain."""
    events = sorted(events, key=lambda e: (e.occurred_on, str(e.pk)))
    episodes = sorted(episodes, key=lambda h: (h.started_on, str(h.pk)))
    if not events and not episodes:
        return _empty(title=_("Tijdlijn"), message=_("Nog geen gebeurtenissen of hulp vastgelegd."),
                      id_prefix=id_prefix, kind="timeline")
    flags = repetition_flags(episodes)
    flagged = {f.life_domain for f in flags}
    dates = [e.occurred_on for e in events] + [h.started_on for h in episodes] + [
        h.ended_on or today for h in episodes]
    first_year, last_year = min(dates).year, max(max(dates).year, min(dates).year) + 1
    span_days = max((date(last_year, 1, 1) - date(first_year, 1, 1)).days, 1)
    plot = WIDTH - LEFT - RIGHT

    def x(day: date) -> float:
        return LEFT + plot * (day - date(first_year, 1, 1)).days / span_days

    domains = sorted({h.life_domain for h in episodes}, key=lambda d: list(LifeDomain.values).index(d)
                     if d in LifeDomain.values else 99)
    axis_y = 64.0
    lanes_top = axis_y + 40
    height = lanes_top + LANE * len(domains) + 78
    body: list[str] = []
    sentences: list[str] = []
    # year grid and labels
    step = max(1, (last_year - first_year) // 12 + (1 if (last_year - first_year) % 12 else 0))
    for year in range(first_year, last_year + 1, step):
        gx = x(date(year, 1, 1))
        body.append(f'<line x1="{_num(gx)}" y1="{_num(axis_y - 6)}" x2="{_num(gx)}" '
                    f'y2="{_num(height - 56)}" stroke="{GRID}" stroke-width="0.5" stroke-dasharray="2 3"/>')
        body.append(f'<text x="{_num(gx)}" y="{_num(height - 40)}" font-size="12" text-anchor="middle">{year}</text>')
    body.append(f'<line x1="{_num(LEFT)}" y1="{_num(axis_y)}" x2="{_num(WIDTH - RIGHT)}" y2="{_num(axis_y)}" '
                f'stroke="{INK}" stroke-width="1.5"/>')
    events_label = _("Gebeurtenissen")  # outside the f-string, so makemessages finds it
    body.append(f'<text x="{_num(LEFT - 10)}" y="{_num(axis_y + 4)}" font-size="13" text-anchor="end" '
                f'font-weight="bold">{_esc(events_label)}</text>')
    # events: numbered markers, staggered in three rows so numbers do not collide
    for number, event in enumerate(events, start=1):
        ex = x(event.occurred_on)
        ty = axis_y - 14 - 14 * ((number - 1) % 3)
        when = event.approximate or format_date(event.occurred_on, event.precision)
        label = f"{number}. {when}: {event.title} ({event.get_kind_display()})"
        body.append(f'<g class="gp-timeline-event"><title>{_esc(label)}</title>'
                    f'<circle cx="{_num(ex)}" cy="{_num(axis_y)}" r="5" fill="{EVENT}"/>'
                    f'<text x="{_num(ex)}" y="{_num(ty)}" font-size="11" text-anchor="middle">{number}</text></g>')
        sentences.append(label)
    # help lanes
    for index, domain in enumerate(domains):
        y = lanes_top + LANE * index
        repeated = domain in flagged
        label = _fit(_domain_label(domain), 28) + (" ⚑" if repeated else "")
        weight = ' font-weight="bold"' if repeated else ""
        body.append(f'<text x="{_num(LEFT - 10)}" y="{_num(y + 15)}" font-size="12" text-anchor="end"{weight}>'
                    f'{_esc(label)}</text>')
        if repeated:
            body.append(f'<rect x="{_num(LEFT)}" y="{_num(y)}" width="{_num(plot)}" height="{_num(LANE - 6)}" '
                        f'fill="none" stroke="{FAILED}" stroke-width="1" stroke-dasharray="6 3"/>')
        for episode in (h for h in episodes if h.life_domain == domain):
            x1 = x(episode.started_on)
            x2 = max(x(episode.ended_on or today), x1 + 4)
            colour = ONGOING if episode.ending == "ongoing" else (FAILED if episode.without_result else DONE)
            until = format_date(episode.ended_on) if episode.ended_on else _("heden")
            period = f"{format_date(episode.started_on, episode.start_precision)} – {until}"
            text = _("%(offer)s bij %(provider)s (%(domain)s), %(period)s: %(ending)s") % {
                "offer": episode.offer, "provider": episode.provider, "domain": _domain_label(domain),
                "period": period, "ending": episode.get_ending_display()}
            dash = ' stroke-dasharray="3 2"' if episode.without_result else ""
            fill = PAPER if episode.without_result else colour
            body.append(f'<g class="gp-help-bar"><title>{_esc(text)}</title>'
                        f'<rect x="{_num(x1)}" y="{_num(y + 4)}" width="{_num(x2 - x1)}" height="{_num(LANE - 14)}" '
                        f'rx="3" fill="{fill}" stroke="{colour}" stroke-width="2"{dash}/></g>')
            result_label = _("Resultaat")
            sentences.append(text + (f". {result_label}: {episode.result}" if episode.result else ""))
    sentences += [flag.message for flag in flags]
    # legend
    ly = height - 22
    legend = [(DONE, DONE, "", _("afgerond met resultaat")), (PAPER, FAILED, ' stroke-dasharray="3 2"',
               _("geëindigd zonder resultaat")), (ONGOING, ONGOING, "", _("loopt nog"))]
    lx = LEFT
    for fill, stroke, dash, text in legend:
        body.append(f'<rect x="{_num(lx)}" y="{_num(ly - 10)}" width="22" height="12" rx="2" fill="{fill}" '
                    f'stroke="{stroke}" stroke-width="2"{dash}/>'
                    f'<text x="{_num(lx + 28)}" y="{_num(ly)}" font-size="12">{_esc(text)}</text>')
        lx += 40 + 7 * len(text)
    repeated_label = _("herhaalde hulp")
    body.append(f'<text x="{_num(lx)}" y="{_num(ly)}" font-size="12">⚑ {_esc(repeated_label)}</text>')
    desc = _("Tijdlijn van %(first)s tot %(last)s met %(events)d gebeurtenissen en %(help)d keer hulp op %(domains)d "
             "leefgebieden. De tekstversie staat onder de afbeelding.") % {
        "first": first_year, "last": last_year, "events": len(events), "help": len(episodes),
        "domains": len(domains)}
    parts = _open(width=WIDTH, height=height, id_prefix=id_prefix, title=_("Tijdlijn en hulpverlening"),
                  desc=desc, kind="timeline")
    return Diagram(svg="".join([*parts, *body, "</svg>"]), text_alternative=sentences)


def progress_svg(*, goals: Iterable, id_prefix: str = "voortgang-svg") -> Diagram:
    """Goal progress as horizontal bars from 0 to 100%."""
    goals = list(goals)
    if not goals:
        return _empty(title=_("Voortgang doelen"), message=_("Nog geen doelen vastgelegd."), id_prefix=id_prefix,
                      kind="progress")
    row = 28.0
    left, bar_width = 300.0, 420.0
    height = 24 + row * len(goals) + 16
    body, sentences = [], []
    for index, goal in enumerate(goals):
        y = 16 + row * index
        progress = max(0, min(100, int(goal.progress or 0)))
        text = _("%(what)s (%(who)s, %(when)s): %(progress)d%%") % {
            "what": _fit(goal.what, 80), "who": goal.who, "when": format_date(goal.when), "progress": progress}
        body.append(f'<g class="gp-goal-bar"><title>{_esc(text)}</title>'
                    f'<text x="{_num(left - 10)}" y="{_num(y + 14)}" font-size="12" text-anchor="end">'
                    f'{_esc(_fit(goal.what, 40))}</text>'
                    f'<rect x="{_num(left)}" y="{_num(y + 2)}" width="{_num(bar_width)}" height="16" fill="{PAPER}" '
                    f'stroke="{GRID}"/>'
                    f'<rect x="{_num(left)}" y="{_num(y + 2)}" width="{_num(bar_width * progress / 100)}" '
                    f'height="16" fill="{DONE}"/>'
                    f'<text x="{_num(left + bar_width + 8)}" y="{_num(y + 14)}" font-size="12">{progress}%</text></g>')
        sentences.append(text)
    parts = _open(width=left + bar_width + 60, height=height, id_prefix=id_prefix, title=_("Voortgang doelen"),
                  desc=_("Voortgang van %(count)d doelen in procenten. De tekstversie staat onder de afbeelding.")
                  % {"count": len(goals)}, kind="progress")
    return Diagram(svg="".join([*parts, *body, "</svg>"]), text_alternative=sentences)
