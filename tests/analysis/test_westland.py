"""STORIES.md section 3 (Westland, 'Casus OTS toch noodzakelijk') replayed through the services.

The SKT zorgregisseur builds the timeline and help history from all files, the preventive JB (GI, product 2b)
joins and adds to the same analysis, the timeline is discussed with Milena, the repeated help stands out, and the
pattern found leads to goals that trace to pattern elements.
"""

import datetime as dt

import pytest

from gezinsplan.analysis import selectors, services
from gezinsplan.analysis.repetition import FlagKind
from gezinsplan.families.models import FamilyRole
from tests.cases.helpers import start_analysis
from tests.factories import PersonFactory, UserFactory, involve


@pytest.fixture
def westland(db):
    zorgregisseur = UserFactory(username="zorgregisseur")
    family = involve(zorgregisseur).case.family
    milena = PersonFactory(family=family, first_name="Milena", family_role=FamilyRole.PARENT, birth_date=None)
    kids = [
        PersonFactory(family=family, first_name=name, birth_date=dt.date(2024 - age, 5, 1))
        for name, age in (("Kristina", 13), ("Nikolai", 8), ("Ivan", 6))
    ]
    jb = UserFactory(username="jeugdbeschermer", role="gi_protector")
    return zorgregisseur, jb, family, milena, kids


def test_westland_history_is_flagged_and_pattern_leads_to_traced_goals(westland):
    """R164 (repetition), R251 (typed entries), R235 (discussed), R030 (GI adds), R145/R147 (pattern),
    R561/R132 (end situation), R562/R029 (goals), R148 (traced to pattern elements)."""
    zr, jb, family, milena, (kristina, nikolai, ivan) = westland
    analysis = start_analysis(actor=zr, family=family)
    analysis = services.analysis_update(
        actor=zr,
        analysis=analysis,
        version=analysis.version,
        reason="Zelfmelding: moeder laat de kinderen 's nachts alleen thuis.",
        family_question="Milena wil rust in huis en haar kinderen bij zich houden.",
    )
    add_event = lambda **v: services.timeline_event_add(actor=zr, family=family, **v)  # noqa: E731
    add_event(
        occurred_on=dt.date(1995, 1, 1),
        precision="year",
        kind="life_event",
        person=milena,
        title="Belaste jeugd, opgegroeid in jeugdzorginstellingen",
        source="dossier jeugdzorg",
    )
    for year in (2005, 2008, 2011):
        add_event(
            occurred_on=dt.date(year, 1, 1),
            precision="year",
            kind="report",
            title="AMK-melding middelengebruik moeder, terugverwezen naar het lokaal team",
            source="AMK",
        )
    add_event(
        occurred_on=dt.date(2016, 1, 1),
        precision="year",
        approximate="na de geboorte van Nikolai",
        kind="report",
        title="Leerplichtmelding verzuim Kristina",
        source="Leerplicht",
        person=kristina,
    )
    add_event(
        occurred_on=dt.date(2018, 1, 1),
        precision="year",
        approximate="na de geboorte van Ivan",
        kind="measure",
        title="VOTS met MUHP na spoedverzoek",
        source="RvdK",
    )
    add_event(
        occurred_on=dt.date(2016, 12, 1),
        precision="month",
        kind="decision",
        title="Einde MUHP en OTS, regie naar het SKT",
        source="GI",
    )

    add_help = lambda **v: services.help_episode_add(actor=zr, family=family, **v)  # noqa: E731
    warnings = []
    for start, offer, ending, result in (
        (dt.date(2006, 1, 1), "Kortdurende jeugdhulp", "ended_early", "Na enkele weken gestopt"),
        (dt.date(2009, 1, 1), "GGZ-behandeling moeder", "ended_early", "Niet volgehouden"),
        (dt.date(2012, 1, 1), "Ambulante hulp huiselijk geweld", "not_started", "Kwam niet van de grond"),
    ):
        _ep, w = add_help(
            provider="diverse aanbieders",
            offer=offer,
            started_on=start,
            ended_on=start.replace(month=4),
            reason="AMK-melding",
            aimed_at="parent",
            person=milena,
            life_domain="gezondheid_ouders",
            ending=ending,
            result=result,
        )
        warnings += w
    for start, end, offer in (
        (dt.date(2012, 6, 1), dt.date(2012, 9, 1), "Klinische gezinsopname GGZ (1)"),
        (dt.date(2013, 1, 1), dt.date(2013, 3, 1), "Klinische gezinsopname GGZ (2)"),
    ):
        _ep, w = add_help(
            provider="GGZ-aanbieder",
            offer=offer,
            started_on=start,
            ended_on=end,
            reason="Drugsgebruik, kinderen niet veilig",
            aimed_at="family",
            life_domain="gezondheid_ouders",
            ending="ended_early",
            result="Afgebroken: moeder hield zich niet aan de regels",
        )
        warnings += w
    _ep, w = add_help(
        provider="Verslavingszorg",
        offer="Verslavingszorg en systeemgerichte interventie 20 uur per week",
        started_on=dt.date(2023, 9, 1),
        ended_on=dt.date(2023, 10, 15),
        reason="Terugval",
        aimed_at="family",
        life_domain="gezondheid_ouders",
        ending="ended_early",
        result="Geen klik met de hulpverleners; moeder vond dat alles goed ging",
    )
    warnings += w
    assert len(warnings) == 5  # every new help on this domain listed the earlier help (R164)

    # The GI (preventive JB, product 2b) joins and adds to the same analysis (R030).
    involve(jb, family, role="support")
    assert start_analysis(actor=jb, family=family).pk == analysis.pk
    analysis.refresh_from_db()
    analysis = services.analysis_update(
        actor=jb,
        analysis=analysis,
        version=analysis.version,
        timeline_discussed_on=dt.date(2024, 3, 1),
        timeline_discussed_with="Milena",
        pattern_sentence="Deze kinderen groeien op in een gezin waar moeder bij stress terugvalt in middelengebruik "
        "en hulp start bij een incident en stopt zodra het rustiger lijkt.",
        noble_intention="Milena wil dat haar kinderen het beter krijgen dan zij het zelf had.",
    )
    elements = {
        kind: services.pattern_element_add(actor=jb, family=family, kind=kind, text=text, person=person)
        for kind, text, person in (
            ("parent_behaviour", "Moeder werkt in het begin mee en trekt zich daarna terug", milena),
            ("help_pattern", "Hulp was steeds reactief op incidenten; elke organisatie op een eigen eiland", None),
            ("intergenerational", "Moeder groeide zelf op in instellingen", milena),
        )
    }
    analysis = services.analysis_update(
        actor=zr,
        analysis=analysis,
        version=analysis.version,
        end_description="Milena is stabiel in behandeling en de kinderen wonen veilig en rustig.",
        end_changeable="Moeder blijft in behandeling en vraagt hulp vóór een terugval.",
        end_compensate="Dagelijkse opvoeding zolang moeder niet stabiel is",
        end_compensate_how="Pleeggezin met vaste omgangsmomenten; netwerk vangt op bij terugval.",
        end_children_where="Kristina, Nikolai en Ivan groeien op in een pleeggezin in de regio, met contact met "
        "moeder.",
        end_term=dt.date(2026, 6, 1),
        patterns_to_break="Hulp die bij elk incident opnieuw begint.",
        help_to_break="Verslavingszorg voor moeder eerst.",
        help_to_stay_out="Vast netwerkberaad elk kwartaal.",
        recurrence_cause="Bij elke terugval van moeder start nieuwe, losse hulp zonder gezamenlijk plan.",
        help_from_network="Oma vangt de kinderen op bij een terugval.",
    )
    for what, who, element in (
        (
            "Moeder blijft in behandeling bij de verslavingszorg",
            "Milena en verslavingszorg",
            elements["parent_behaviour"],
        ),
        ("Eén plan: elk kwartaal een netwerkberaad met SKT en JB", "jeugdbeschermer", elements["help_pattern"]),
    ):
        services.goal_add(
            actor=jb,
            family=family,
            what=what,
            who=who,
            when=dt.date(2025, 6, 1),
            measurable="Besproken en gehaald in het netwerkberaad",
            pattern_element=element,
        )

    page = selectors.analysis_page(family=family)
    kinds = {(f.kind, f.life_domain) for f in page.flags}
    assert (FlagKind.REPEATED, "gezondheid_ouders") in kinds
    assert (FlagKind.WITHOUT_RESULT, "gezondheid_ouders") in kinds
    assert (FlagKind.REPEATED_REPORTS, "") in kinds
    assert len(next(f for f in page.flags if f.kind == FlagKind.REPEATED_REPORTS).items) == 4
    assert page.goals and page.goals_without_pattern == []
    assert all(g.pattern_element.kind in {"parent_behaviour", "help_pattern"} for g in page.goals)
    assert {e.created_by for e in page.events} == {zr} and {el.created_by for el in page.elements} == {jb}
    assert [e.occurred_on for e in page.events] == sorted(e.occurred_on for e in page.events)
    assert all(
        done
        for key, _label, done in page.completeness
        if key in {"reason", "timeline", "pattern", "end_situation", "goals"}
    )
    version = services.family_plan_publish(actor=jb, family=family, based_on=None, note="na de tafel")
    assert len(version.content["help_history"]) == 6 and len(version.content["goals"]) == 2
    assert any("meldingen" in message for message in version.content["repetition"])
