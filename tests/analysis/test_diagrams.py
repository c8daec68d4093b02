"""The timeline and progress pictures: accessible, escaped, CSP-clean, help bars per life domain."""

import datetime as dt
from types import SimpleNamespace
from xml.etree import ElementTree

from gezinsplan.analysis.diagrams import progress_svg, timeline_svg
from gezinsplan.analysis.models import EventKind, HelpEnding, LifeDomain

SVG = "{http://www.w3.org/2000/svg}"


def _event(title, year, kind=EventKind.REPORT):
    return SimpleNamespace(pk=title, occurred_on=dt.date(year, 3, 1), precision="day", approximate="", title=title,
                           kind=kind, get_kind_display=lambda: EventKind(kind).label)


def _help(offer, year, domain="gezondheid_ouders", ending=HelpEnding.ENDED_EARLY, end_year=None):
    return SimpleNamespace(pk=offer, offer=offer, provider="GGZ <b>", started_on=dt.date(year, 1, 1),
                           start_precision="day", ended_on=dt.date(end_year, 1, 1) if end_year else None,
                           life_domain=domain, ending=ending, result="",
                           without_result=ending not in (HelpEnding.COMPLETED, HelpEnding.ONGOING),
                           get_ending_display=lambda: HelpEnding(ending).label)


def test_timeline_svg_has_role_title_desc_bars_and_escapes_everything():
    events = [_event("Melding <script>alert(1)</script>", 2010), _event("OTS & MUHP", 2012, EventKind.MEASURE)]
    episodes = [_help("Gezinsopname", 2011, end_year=2011), _help("Gezinsopname 2", 2013, end_year=2014),
                _help("Schoolbegeleiding", 2012, "school", HelpEnding.COMPLETED, 2013)]
    diagram = timeline_svg(events=events, episodes=episodes, today=dt.date(2024, 1, 1))
    root = ElementTree.fromstring(diagram.svg)  # well-formed XML, so nothing leaked unescaped
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Tijdlijn en hulpverlening"
    assert root.find(f"{SVG}desc") is not None
    assert "<script" not in diagram.svg and "style=" not in diagram.svg
    bars = [g for g in root.iter(f"{SVG}g") if g.get("class") == "gp-help-bar"]
    assert len(bars) == 3
    assert any("Gezinsopname" in s for s in diagram.text_alternative)
    assert any("Herhaalde hulp op mentale en fysieke gezondheid ouders" in s for s in diagram.text_alternative)
    assert str(LifeDomain.SCHOOL.label) in diagram.svg
    assert "Melding <script>alert(1)</script>" in " ".join(diagram.text_alternative)  # escaped only in the SVG


def test_timeline_svg_empty_and_control_characters():
    assert timeline_svg(events=[], episodes=[], today=dt.date(2024, 1, 1)).empty
    diagram = timeline_svg(events=[_event("a\x00b\x1f", 2020)], episodes=[], today=dt.date(2024, 1, 1))
    ElementTree.fromstring(diagram.svg)


def test_progress_svg_clamps_and_describes():
    goals = [SimpleNamespace(what="Moeder blijft in behandeling", who="Milena", when=dt.date(2027, 1, 1), progress=40),
             SimpleNamespace(what="<i>x</i>", who="JB", when=dt.date(2027, 1, 1), progress=140)]
    diagram = progress_svg(goals=goals)
    root = ElementTree.fromstring(diagram.svg)
    assert root.get("role") == "img"
    assert diagram.text_alternative[0].endswith("40%") and diagram.text_alternative[1].endswith("100%")
    assert progress_svg(goals=[]).empty
