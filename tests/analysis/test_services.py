"""Use cases of the analysis and the family plan, with the rules of RULES.md (Area: analysis) they implement."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.analysis import selectors, services
from gezinsplan.analysis.models import FamilyAnalysis, FamilyPlan, GoalProgress
from gezinsplan.core.policy import PolicyDenied
from gezinsplan.core.records import StaleEdit
from gezinsplan.core.versioning import StaleVersion
from gezinsplan.families.models import FamilyRole
from tests.analysis import factories as af
from tests.cases.helpers import start_analysis
from tests.conftest import client_for
from tests.factories import PersonFactory, UserFactory, involve

END = {"end_description": "Milena zorgt met haar netwerk voor een veilig thuis.",
       "end_changeable": "Moeder blijft in behandeling; opvoedvaardigheden.",
       "end_compensate": "Toezicht 's nachts", "end_compensate_how": "Oma slaapt twee nachten per week bij het gezin.",
       "end_children_where": "Kristina, Nikolai en Ivan wonen bij moeder.", "end_good_enough": "Zes maanden stabiel.",
       "end_term": dt.date(2027, 6, 1)}


def _started(user, family):
    return start_analysis(actor=user, family=family)


def _messages(error: ValidationError, field: str) -> str:
    return " ".join(error.value.message_dict[field])


@pytest.mark.django_db
def test_r030_r001_gi_joining_works_in_the_same_analysis(alice, alice_family):
    """R030/R001: one analysis per family; the GI adds to the LT's analysis, LT content preserved, authors kept."""
    analysis = _started(alice, alice_family)
    services.analysis_update(actor=alice, analysis=analysis, version=analysis.version, reason="Zelfmelding moeder")
    lt_event = services.timeline_event_add(actor=alice, family=alice_family, occurred_on=dt.date(2016, 12, 1),
                                           title="Einde OTS", kind="measure", source="dossier GI")
    gi = UserFactory(role="gi_protector")
    involve(gi, alice_family, role="support")
    again = start_analysis(actor=gi, family=alice_family)
    assert again.pk == analysis.pk
    assert FamilyAnalysis.objects.filter(family=alice_family).count() == 1
    assert FamilyPlan.objects.filter(family=alice_family).count() == 1
    gi_event = services.timeline_event_add(actor=gi, family=alice_family, occurred_on=dt.date(2017, 1, 1),
                                           title="Terugval", kind="incident", source="gesprek moeder")
    page = selectors.analysis_page(family=alice_family)
    assert [e.created_by for e in page.events] == [alice, gi]
    assert page.analysis.reason == "Zelfmelding moeder"
    assert {lt_event.pk, gi_event.pk} == {e.pk for e in page.events}


@pytest.mark.django_db
def test_r122_direct_safety_first_asks_for_a_reason(alice, alice_family):
    """R122: while the latest safety score is below 6, starting the analysis needs a confirmed reason."""
    with mock.patch.object(services, "_direct_safety_first", return_value=True):
        with pytest.raises(ValidationError) as error:
            _started(alice, alice_family)
        assert "directe veiligheid" in _messages(error, "confirm_reason")
        analysis = start_analysis(actor=alice, family=alice_family,
                                           confirm_reason="Moeder vraagt zelf om hulp; veiligheidsplan loopt")
    assert analysis.direct_safety_note.startswith("Moeder vraagt")


@pytest.mark.django_db
def test_uninvolved_user_cannot_start_or_write(alice_family, bob):
    with pytest.raises(PolicyDenied):
        start_analysis(actor=bob, family=alice_family)
    with pytest.raises(PolicyDenied):
        services.timeline_event_add(actor=bob, family=alice_family, occurred_on=dt.date(2020, 1, 1), title="x",
                                    source="y")


@pytest.mark.django_db
def test_r137_timeline_period_from_before_to(alice, alice_family):
    analysis = _started(alice, alice_family)
    with pytest.raises(ValidationError) as error:
        services.analysis_update(actor=alice, analysis=analysis, version=None, timeline_from=dt.date(2020, 1, 1),
                                 timeline_to=dt.date(2019, 1, 1))
    assert "R137" in _messages(error, "timeline_to")


@pytest.mark.django_db
def test_r235_timeline_discussed_with_the_family_needs_with_whom(alice, alice_family):
    analysis = _started(alice, alice_family)
    with pytest.raises(ValidationError) as error:
        services.analysis_update(actor=alice, analysis=analysis, version=None,
                                 timeline_discussed_on=dt.date(2024, 5, 1))
    assert "met wie" in _messages(error, "timeline_discussed_with")
    saved = services.analysis_update(actor=alice, analysis=analysis, version=None,
                                     timeline_discussed_on=dt.date(2024, 5, 1), timeline_discussed_with="Milena",
                                     timeline_reactions="Herkent het patroon van terugtrekken.")
    assert saved.timeline_discussed_with == "Milena"


@pytest.mark.django_db
def test_r251_r142_typed_events_approximate_dates_chronological(alice, alice_family):
    """R251: typed entries, dated approximately; R142: always chronological."""
    services.timeline_event_add(actor=alice, family=alice_family, occurred_on=dt.date(2014, 1, 1), precision="year",
                                approximate="na de geboorte van Nikolai", kind="report", title="Leerplichtmelding",
                                source="Leerplicht")
    services.timeline_event_add(actor=alice, family=alice_family, occurred_on=dt.date(2012, 6, 1), precision="month",
                                kind="placement", title="Gezinsopname GGZ", source="dossier GI")
    events = selectors.analysis_page(family=alice_family).events
    assert [e.title for e in events] == ["Gezinsopname GGZ", "Leerplichtmelding"]
    assert events[1].get_kind_display().startswith("melding")
    with pytest.raises(ValidationError):
        services.timeline_event_add(actor=alice, family=alice_family, occurred_on=dt.date(2014, 1, 1),
                                    kind="nonsense", title="x", source="y")


@pytest.mark.django_db
def test_r143_help_episode_ends_before_start_and_closed_help_needs_result(alice, alice_family):
    base = {"provider": "GGZ", "offer": "Ambulante hulp", "started_on": dt.date(2016, 5, 1), "reason": "verslaving",
            "life_domain": "gezondheid_ouders"}
    with pytest.raises(ValidationError) as error:
        services.help_episode_add(actor=alice, family=alice_family, **base, ended_on=dt.date(2016, 4, 1),
                                  ending="completed", result="ok")
    assert "niet eindigen vóór de start" in _messages(error, "ended_on")
    with pytest.raises(ValidationError) as error:
        services.help_episode_add(actor=alice, family=alice_family, **base, ended_on=dt.date(2016, 8, 1),
                                  ending="ended_early")
    assert "resultaat" in _messages(error, "result")
    with pytest.raises(ValidationError) as error:
        services.help_episode_add(actor=alice, family=alice_family, **base, aimed_at="child")
    assert "gezinslid" in _messages(error, "person")


@pytest.mark.django_db
def test_r164_adding_help_on_a_domain_with_earlier_help_warns_with_results(alice, alice_family):
    base = {"provider": "GGZ", "offer": "Gezinsopname", "reason": "verslaving", "life_domain": "gezondheid_ouders"}
    _episode, warnings = services.help_episode_add(actor=alice, family=alice_family, **base,
                                                   started_on=dt.date(2012, 1, 1), ended_on=dt.date(2012, 3, 1),
                                                   ending="ended_early", result="afgebroken: regels overtreden")
    assert warnings == []
    _episode, warnings = services.help_episode_add(actor=alice, family=alice_family, **base,
                                                   started_on=dt.date(2013, 1, 1))
    assert len(warnings) == 1 and "afgebroken: regels overtreden" in warnings[0]


@pytest.mark.django_db
def test_r132_r561_end_situation_without_the_split_is_refused(alice, alice_family):
    """R132/R561/R150/R130: the end situation needs changeable vs compensate (and how), where the children grow up,
    and the feasible end term."""
    analysis = _started(alice, alice_family)
    with pytest.raises(ValidationError) as error:
        services.analysis_update(actor=alice, analysis=analysis, version=None,
                                 end_description="Een veilig thuis bij moeder")
    fields = error.value.message_dict
    assert "splitsing" in " ".join(fields["end_changeable"]) and "splitsing" in " ".join(fields["end_compensate"])
    assert "R150" in " ".join(fields["end_children_where"]) and "R130" in " ".join(fields["end_term"])
    with pytest.raises(ValidationError) as error:
        services.analysis_update(actor=alice, analysis=analysis, version=None, **{**END, "end_compensate_how": ""})
    assert "hoe de compensatie" in _messages(error, "end_compensate_how")
    saved = services.analysis_update(actor=alice, analysis=analysis, version=None, **END)
    assert saved.has_end_situation


@pytest.mark.django_db
def test_r147_pattern_sentence_format(alice, alice_family):
    analysis = _started(alice, alice_family)
    assert analysis.pattern_sentence.startswith("Deze kinderen groeien op in een gezin")
    with pytest.raises(ValidationError) as error:
        services.analysis_update(actor=alice, analysis=analysis, version=None, pattern_sentence="Moeder drinkt.")
    assert "R147" in _messages(error, "pattern_sentence")


@pytest.mark.django_db
def test_r562_r029_goals_need_the_end_situation_and_who_what_when(alice, alice_family):
    """R562: goals only once the end situation is set; R055: there is one end situation per family (the analysis
    row), so every goal serves the same one; R029: who, what, when and a dated progress log; progress 0-100;
    R686: a measurable criterion."""
    analysis = _started(alice, alice_family)
    element = services.pattern_element_add(actor=alice, family=alice_family, kind="help_pattern",
                                           text="Hulp reageert op elk incident apart")
    goal_values = {"what": "Eén plan met alle hulpverleners", "measurable": "Elk kwartaal een netwerkberaad",
                   "who": "zorgregisseur", "when": dt.date(2027, 1, 1), "pattern_element": element}
    with pytest.raises(ValidationError) as error:
        services.goal_add(actor=alice, family=alice_family, **goal_values)
    assert "R562" in _messages(error, "__all__")
    analysis = services.analysis_update(actor=alice, analysis=analysis, version=None, **END)
    with pytest.raises(ValidationError) as error:
        services.goal_add(actor=alice, family=alice_family, **{**goal_values, "who": "", "when": None,
                                                                "progress": 101})
    assert set(error.value.message_dict) >= {"who", "when", "progress"}
    with pytest.raises(ValidationError) as error:
        services.goal_add(actor=alice, family=alice_family, **{**goal_values, "measurable": ""})
    assert "measurable" in error.value.message_dict
    goal = services.goal_add(actor=alice, family=alice_family, **goal_values)
    goal = services.goal_update(actor=alice, goal=goal, version=goal.version, progress=40,
                                progress_note="netwerkberaad 1 gehouden")
    with pytest.raises(ValidationError):
        services.goal_update(actor=alice, goal=goal, version=goal.version, progress=-5)
    log = list(GoalProgress.objects.filter(goal=goal).values_list("progress", "note"))
    assert log == [(0, "doel vastgesteld"), (40, "netwerkberaad 1 gehouden")]


@pytest.mark.django_db
def test_r148_goal_without_pattern_element_is_flagged(alice, alice_family):
    af.analysis_for(alice_family, **END)
    linked = af.GoalFactory(family=alice_family)
    loose = af.GoalFactory(family=alice_family, pattern_element=None)
    page = selectors.analysis_page(family=alice_family)
    assert page.goals_without_pattern == [loose]
    assert linked.pattern_element.goals.get() == linked


@pytest.mark.django_db
def test_stale_row_edit_is_refused_and_says_what_changed(alice, alice_family):
    event = services.timeline_event_add(actor=alice, family=alice_family, occurred_on=dt.date(2015, 1, 1),
                                        title="Melding", source="VT")
    services.timeline_event_update(actor=alice, event=event, version=1, title="Melding AMK")
    with pytest.raises(StaleEdit) as error:
        services.timeline_event_update(actor=alice, event=event, version=1, title="Melding VT")
    assert error.value.current_version == 2


@pytest.mark.django_db
def test_script_in_any_text_field_is_refused(alice, alice_family):
    analysis = _started(alice, alice_family)
    with pytest.raises(ValidationError) as error:
        services.analysis_update(actor=alice, analysis=analysis, version=None,
                                 noble_intention='<img src=x onerror="alert(1)">')
    assert "zonder HTML of scripts" in _messages(error, "noble_intention")
    with pytest.raises(ValidationError):
        services.concern_add(actor=alice, family=alice_family, kind="concern", text="javascript:alert(1)")
    # ordinary text with a less-than sign is fine
    services.concern_add(actor=alice, family=alice_family, kind="concern", text="Ivan slaapt < 6 uur per nacht")


@pytest.mark.django_db
def test_person_from_another_family_is_refused(alice, alice_family):
    stranger = PersonFactory()
    with pytest.raises(ValidationError) as error:
        services.concern_add(actor=alice, family=alice_family, kind="strength", text="x", person=stranger)
    assert "dit gezin" in _messages(error, "person")


@pytest.mark.django_db
def test_r028_r512_family_plan_versions_snapshot_everything_and_stale_publish_is_refused(alice, alice_family):
    """R028/R512: the integral plan holds every required section; versions are immutable snapshots; a stale publish
    is refused with the differences."""
    analysis = _started(alice, alice_family)
    services.analysis_update(actor=alice, analysis=analysis, version=None, reason="Zelfmelding", **END)
    services.timeline_event_add(actor=alice, family=alice_family, occurred_on=dt.date(2015, 1, 1), title="Melding",
                                source="VT", kind="report")
    first = services.family_plan_publish(actor=alice, family=alice_family, based_on=None, note="eerste versie")
    assert first.number == 1
    assert set(first.content) >= {"analysis", "timeline", "help_history", "concerns", "danger_statements",
                                  "pattern_elements", "goals", "backgrounds"}
    assert first.content["analysis"]["end_changeable"] == END["end_changeable"]
    assert services.family_plan_publish(actor=alice, family=alice_family, based_on=1).number == 1  # nothing changed
    services.timeline_event_add(actor=alice, family=alice_family, occurred_on=dt.date(2016, 1, 1), title="Melding 2",
                                source="VT", kind="report")
    second = services.family_plan_publish(actor=alice, family=alice_family, based_on=1)
    assert second.number == 2
    with pytest.raises(StaleVersion) as error:
        services.family_plan_publish(actor=alice, family=alice_family, based_on=1, note="te laat")
    assert any(c.path.startswith("timeline.2") for c in error.value.changes)
    first.refresh_from_db()
    assert len(first.content["timeline"]) == 1  # immutable


@pytest.mark.django_db
def test_r140_r138_background_once_per_person(alice, alice_family):
    mother = PersonFactory(family=alice_family, family_role=FamilyRole.PARENT, birth_date=None)
    services.background_add(actor=alice, family=alice_family, person=mother, relationships="Jeugd in instellingen",
                            health="20 jaar middelengebruik")
    with pytest.raises(ValidationError) as error:
        services.background_add(actor=alice, family=alice_family, person=mother, leisure="wandelen")
    assert "al een achtergrond" in _messages(error, "person")


@pytest.mark.django_db
def test_r122_real_safety_score_below_six_shows_the_warning_and_needs_a_reason(alice):
    """R122 with the safety app's selector: a professional score of 4 for a child means direct safety first."""
    from gezinsplan.safety.models import SafetyScore

    inv = involve(alice)
    family = inv.case.family
    child = PersonFactory(family=family)
    SafetyScore.objects.create(case=inv.case, child=child, score=4, scored_on=dt.date.today(), situation="alleen thuis")
    assert services.direct_safety_warning(family)
    with pytest.raises(ValidationError):
        start_analysis(actor=alice, family=family)
    page = client_for(alice).get(f"/analyse/gezin/{family.pk}/starten/").content.decode()
    assert "lager dan een 6" in page and "Toch starten" in page
    SafetyScore.objects.create(case=inv.case, child=child, score=7, scored_on=dt.date.today(), situation="rustig")
    assert not services.direct_safety_warning(family)
    assert start_analysis(actor=alice, family=family).direct_safety_note == ""


@pytest.mark.django_db
def test_r060_handover_warns_while_timeline_or_help_history_is_empty(alice, alice_family):
    """R060: the plan carries the full history; a handover warns when the timeline or help history is empty."""
    assert len(selectors.handover_warnings(family=alice_family)) == 2
    af.TimelineEventFactory(family=alice_family)
    assert [w for w in selectors.handover_warnings(family=alice_family) if "hulpverleningsgeschiedenis" in w]
    af.HelpEpisodeFactory(family=alice_family)
    assert selectors.handover_warnings(family=alice_family) == []


@pytest.mark.django_db
def test_r235_families_with_a_timeline_not_yet_discussed_are_listed(alice, alice_family):
    other = involve(alice).case.family
    af.TimelineEventFactory(family=alice_family)
    af.TimelineEventFactory(family=other)
    af.analysis_for(other, timeline_discussed_on=dt.date(2024, 1, 1), timeline_discussed_with="moeder")
    involve(UserFactory())  # not visible to alice
    assert list(selectors.families_with_undiscussed_timeline(user=alice)) == [alice_family]


def test_r144_life_domains_cover_the_seed_list():
    """R144: concerns, help and goals are tagged with the life domains of seed 000."""
    from gezinsplan.analysis.models import ConcernOrStrength, Goal, HelpEpisode, LifeDomain

    labels = {str(label) for label in LifeDomain.labels}
    assert {"opgroeiproblemen", "school", "dagbesteding", "mentale en fysieke gezondheid ouders",
            "opvoedvaardigheden", "relatie ouders", "huisvesting", "werk, inkomen en financiën",
            "steun eigen netwerk", "overlast in de wijk", "justitiële contacten"} <= labels
    for model in (ConcernOrStrength, Goal, HelpEpisode):
        assert model._meta.get_field("life_domain").choices == LifeDomain.choices


def test_r145_pattern_format_has_parents_children_and_the_help_pattern():
    """R145: development and behaviour of each parent and child, and the role of the help (help pattern); the
    help request in relation to the pattern is a field of the analysis."""
    from gezinsplan.analysis.models import FamilyAnalysis, PatternKind

    assert {"parent_development", "parent_behaviour", "child_development", "child_behaviour",
            "help_pattern"} <= set(PatternKind.values)
    assert FamilyAnalysis._meta.get_field("pattern_request")


@pytest.mark.django_db
def test_r113_analysis_starts_only_after_the_weighing_decided_extended_analysis_yes(alice, alice_family):
    """R113: with an open case the (extended) analysis starts only after the team's weighing decided 'yes'; the
    start page shows why it is refused."""
    from gezinsplan.safety.models import Weighing
    from tests.cases.helpers import weigh_extended_analysis

    with pytest.raises(ValidationError, match="R113"):
        services.analysis_start(actor=alice, family=alice_family)
    weighing = weigh_extended_analysis(alice_family.cases.get())
    Weighing.objects.filter(pk=weighing.pk).update(extended_analysis="no")
    response = client_for(alice).post(f"/analyse/gezin/{alice_family.pk}/starten/", {"confirm_reason": ""})
    assert response.status_code == 200 and "uitgebreide probleemanalyse start pas" in response.content.decode()
    assert not FamilyAnalysis.objects.filter(family=alice_family).exists()
    Weighing.objects.filter(pk=weighing.pk).update(extended_analysis="yes")
    assert services.analysis_start(actor=alice, family=alice_family).family == alice_family
