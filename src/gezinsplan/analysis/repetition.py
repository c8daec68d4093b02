"""Repetition of help (R164, seed 000 'Bouwsteen reflectie: repetitie van hulp op leefgebieden').

Pure functions over plain objects (model rows or anything with the same attributes), no database:
- help on the same life domain started again and again (at least `REPEAT_THRESHOLD` episodes);
- help on a life domain closed without result (ended early, never got going, closed without result, referred
  back) more than once, or once and then started again;
- reports (timeline events of kind 'report') that keep coming back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from gezinsplan.analysis.models import WITHOUT_RESULT_ENDINGS, EventKind, LifeDomain

REPEAT_THRESHOLD = 2


class FlagKind:
    REPEATED = "repeated"
    WITHOUT_RESULT = "without_result"
    REPEATED_REPORTS = "repeated_reports"


@dataclass(frozen=True)
class RepetitionFlag:
    kind: str
    life_domain: str  # "" for reports
    items: tuple  # the episodes or reports concerned, chronological
    message: str


def _label(domain: str) -> str:
    try:
        return str(LifeDomain(domain).label)
    except ValueError:
        return domain


def _start(item) -> date:
    return getattr(item, "started_on", None) or getattr(item, "occurred_on", None) or date.min


def repetition_flags(episodes: Iterable, reports: Iterable = ()) -> list[RepetitionFlag]:
    """The repetition in a family's help history, one flag per life domain and kind, in a stable order."""
    by_domain: dict[str, list] = defaultdict(list)
    for episode in episodes:
        by_domain[episode.life_domain].append(episode)
    flags: list[RepetitionFlag] = []
    for domain in sorted(by_domain):
        items = tuple(sorted(by_domain[domain], key=lambda e: (_start(e), str(getattr(e, "pk", "")))))
        if len(items) >= REPEAT_THRESHOLD:
            flags.append(RepetitionFlag(FlagKind.REPEATED, domain, items, _(
                "Herhaalde hulp op %(domain)s: %(count)d keer opnieuw gestart.")
                % {"domain": _label(domain), "count": len(items)}))
        failed = tuple(e for e in items if e.ending in WITHOUT_RESULT_ENDINGS)
        restarted_after_failure = any(_start(later) >= _start(failed[0]) and later is not failed[0]
                                      for later in items) if failed else False
        if len(failed) >= REPEAT_THRESHOLD or (failed and restarted_after_failure):
            flags.append(RepetitionFlag(FlagKind.WITHOUT_RESULT, domain, failed, _(
                "Hulp op %(domain)s eindigde %(count)d keer zonder resultaat.")
                % {"domain": _label(domain), "count": len(failed)}))
    report_items = tuple(sorted((r for r in reports if r.kind == EventKind.REPORT),
                                key=lambda r: (_start(r), str(getattr(r, "pk", "")))))
    if len(report_items) >= REPEAT_THRESHOLD:
        flags.append(RepetitionFlag(FlagKind.REPEATED_REPORTS, "", report_items, _(
            "%(count)d meldingen op de tijdlijn: de zorgen keren terug.") % {"count": len(report_items)}))
    return flags


def repeated_domains(episodes: Iterable) -> set[str]:
    """Life domains with repeated help or help ended without result (what the timeline picture marks)."""
    return {f.life_domain for f in repetition_flags(episodes) if f.life_domain}


def previous_help_warning(*, new_domain: str, earlier: Iterable) -> str | None:
    """R164: adding help on a life domain where help was deployed before: list the earlier help and results."""
    same = sorted((e for e in earlier if e.life_domain == new_domain), key=_start)
    if not same:
        return None
    lines = "; ".join(
        f"{e.offer} ({e.provider}, {_start(e):%Y}): {e.get_ending_display()}"
        + (f" – {e.result}" if e.result else "") for e in same)
    return _("Let op: op %(domain)s is eerder hulp ingezet: %(lines)s. Wat is nu anders?") % {
        "domain": _label(new_domain), "lines": lines}
