"""The rules of RULES.md (Area: analysis) that the family plan's parts implement, through services and pages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.accounts.constants import Role
from gezinsplan.analysis import selectors, services
from gezinsplan.cases.models import Case
from gezinsplan.families.models import FamilyRole
from tests.analysis import factories as af
from tests.cases.helpers import start_analysis
from tests.conftest import client_for
from tests.factories import (
    NetworkMemberFactory,
    PersonFactory,
    RelationshipFactory,
    UserFactory,
    involve,
)

END = {"end_description": "Milena zorgt met haar netwerk voor een veilig thuis.",
       "end_changeable": "Moeder blijft in behandeling.", "end_compensate": "niets",
       "end_children_where": "De kinderen wonen bij moeder.", "end_term": dt.date(2027, 6, 1)}


def _started(user, family, **values):
    analysis = start_analysis(actor=user, family=family)
    if values:
        analysis = services.analysis_update(actor=user, analysis=analysis, version=analysis.version, **values)
    return analysis


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


def _page(user, family) -> str:
    response = client_for(user).get(f"/analyse/gezin/{family.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _parent(family, name="Milena"):
    return PersonFactory(family=family, first_name=name, last_name="", family_role=FamilyRole.PARENT,
                         birth_date=None)


def _child(family, name="Ivan"):
    return PersonFactory(family=family, first_name=name, last_name="", birth_date=dt.date(2018, 5, 1))


# --- Aanleiding (R134, R135, R339, R605 step 1) ------------------------------------------------------------------

@pytest.mark.django_db
def test_r134_r339_r605_aanleiding_has_direct_underlying_and_first_last_worst(alice, alice_family):
    """R134: direct and underlying request, first/last/worst event, optional split; R339: needs now, underlying
    problems, relational dynamics; R605 step 1: the family's own view. All shown on the plan."""
    _started(alice, alice_family, reason="Zelfmelding", first_event="2011: eerste AMK-melding",
             last_event="Kinderen 's nachts alleen", worst_event="Ivan alleen op straat gevonden",
             family_question="Rust in huis", underlying_question="Hulp bij eigen verslaving",
             request_child="Kristina wil dat mama thuis is", family_needs_now="Een vaste hulpverlener",
             parents_underlying_problems="Verslaving, eigen jeugd in instellingen",
             relational_dynamics="Kristina zorgt voor de jongere kinderen", family_view="Het gaat wel als ik werk")
    html = _page(alice, alice_family)
    for text in ("Ivan alleen op straat gevonden", "Hulp bij eigen verslaving", "Kristina wil dat mama thuis is",
                 "Een vaste hulpverlener", "Kristina zorgt voor de jongere kinderen", "Het gaat wel als ik werk",
                 "Ergste gebeurtenis"):
        assert text in html


@pytest.mark.django_db
def test_r135_case_with_a_care_report_needs_both_the_question_and_the_report(alice, alice_family):
    """R135: with a zorgmelding both the family's own question and the content of the report are required."""
    Case.objects.filter(family=alice_family).update(intake_source="veilig_thuis")
    analysis = _started(alice, alice_family)
    with pytest.raises(ValidationError) as error:
        services.analysis_update(actor=alice, analysis=analysis, version=analysis.version, reason="Melding VT")
    assert "family_question" in _errors(error) and "care_report" in _errors(error)
    with pytest.raises(ValidationError) as error:
        services.analysis_update(actor=alice, analysis=analysis, version=analysis.version, reason="Melding VT",
                                 care_report="Kinderen 's nachts alleen")
    assert list(_errors(error)) == ["family_question"]
    services.analysis_update(actor=alice, analysis=analysis, version=analysis.version, reason="Melding VT",
                             care_report="Kinderen 's nachts alleen", family_question="Rust in huis")


# --- Funnel and checklist (R136, R149) ---------------------------------------------------------------------------

@pytest.mark.django_db
def test_r136_later_funnel_step_warns_when_an_earlier_step_is_empty(alice, alice_family):
    """R136: aanleiding -> situation -> help -> pattern -> end situation; a later step warns about earlier gaps."""
    _started(alice, alice_family)
    client = client_for(alice)
    html = client.get(f"/analyse/gezin/{alice_family.pk}/eindsituatie/").content.decode()
    assert "Volg de trechter" in html and "tijdlijn" in html and "het patroon" in html
    assert selectors.funnel_warnings(family=alice_family, step="reason") == []
    af.TimelineEventFactory(family=alice_family)
    af.HelpEpisodeFactory(family=alice_family)
    af.PatternElementFactory(family=alice_family)
    analysis = alice_family.analysis
    services.analysis_update(actor=alice, analysis=analysis, version=analysis.version, reason="Zelfmelding")
    assert selectors.funnel_warnings(family=alice_family, step="end_situation") == []
    assert "Volg de trechter" not in client.get(f"/analyse/gezin/{alice_family.pk}/eindsituatie/").content.decode()


@pytest.mark.django_db
def test_r149_end_situation_form_prompts_the_question_checklist(alice, alice_family):
    """R149: the end-situation form asks: pattern clear, missing information, what can change, help and who,
    what to compensate, strengths, positive intention, how realistic and what is good enough."""
    _started(alice, alice_family)
    html = client_for(alice).get(f"/analyse/gezin/{alice_family.pk}/eindsituatie/").content.decode()
    for question in ("Is het patroon duidelijk genoeg?", "Welke informatie ontbreekt nog?",
                     "Wat moet blijvend worden gecompenseerd", "Welke krachten zijn er", "positieve intentie",
                     "wat is goed genoeg"):
        assert question in html
    assert 'name="end_pattern_clear"' in html and 'name="end_wish_realistic"' in html


# --- Explanatory analysis (R120, R526, R503, R565) ----------------------------------------------------------------

@pytest.mark.django_db
def test_r120_r526_explanation_needs_cause_and_maintaining_factors_apart_from_symptoms(alice, alice_family):
    """R120: two required questions; R526: maintaining factors are not the symptoms, and help and goals aim at a
    maintaining factor or pattern, never at a symptom."""
    analysis = _started(alice, alice_family)
    with pytest.raises(ValidationError) as error:
        services.analysis_update(actor=alice, analysis=analysis, version=analysis.version,
                                 symptoms="Kinderen komen te laat op school")
    assert {"threat_cause", "maintaining_factors"} <= set(_errors(error))
    with pytest.raises(ValidationError) as error:
        services.analysis_update(actor=alice, analysis=analysis, version=analysis.version, threat_cause="Terugval",
                                 maintaining_factors="Te laat op school", symptoms="te laat op school")
    assert "R526" in " ".join(_errors(error)["maintaining_factors"])
    services.analysis_update(actor=alice, analysis=analysis, version=analysis.version, threat_cause="Terugval",
                             maintaining_factors="Geen steunend netwerk", symptoms="Te laat op school")
    symptom = services.pattern_element_add(actor=alice, family=alice_family, kind="symptom", text="Te laat")
    maintaining = services.pattern_element_add(actor=alice, family=alice_family, kind="maintaining",
                                               text="Geen steunend netwerk")
    help_values = {"provider": "GGZ", "offer": "Gezinsbehandeling", "started_on": dt.date.today(),
                   "reason": "Patroon", "life_domain": "netwerk"}
    with pytest.raises(ValidationError) as error:
        services.help_episode_add(actor=alice, family=alice_family, **help_values)
    assert "targets" in _errors(error)  # help deployed under this plan names its target
    with pytest.raises(ValidationError) as error:
        services.help_episode_add(actor=alice, family=alice_family, targets=symptom, **help_values)
    assert "symptoom" in " ".join(_errors(error)["targets"])
    services.help_episode_add(actor=alice, family=alice_family, targets=maintaining, **help_values)
    html = _page(alice, alice_family)
    assert "Geen steunend netwerk" in html and "Symptomen (wat zichtbaar is)" in html


@pytest.mark.django_db
def test_r503_r565_change_plan_needs_the_three_answers_and_shows_its_sections(alice, alice_family):
    """R503: what brings the problems back, changeable versus compensate, help from network and professionals;
    R565: aim, pattern, maintaining factors, end state split, goals, help, information needed, changed picture,
    and the ARIJ risk assessment."""
    analysis = _started(alice, alice_family)
    with pytest.raises(ValidationError) as error:
        services.analysis_update(actor=alice, analysis=analysis, version=analysis.version,
                                 patterns_to_break="Hulp start bij elk incident opnieuw")
    assert {"recurrence_cause", "help_to_break", "help_from_network", "__all__"} <= set(_errors(error))
    analysis = services.analysis_update(actor=alice, analysis=analysis, version=analysis.version, **END)
    services.analysis_update(actor=alice, analysis=analysis, version=analysis.version,
                             change_aim="Structurele veiligheid", patterns_to_break="Hulp start steeds opnieuw",
                             recurrence_cause="Geen vast netwerk", help_to_break="Verslavingszorg",
                             help_from_network="Oma vangt op", picture_changed="Meer krachten in het netwerk")
    html = _page(alice, alice_family)
    for text in ("Structurele veiligheid", "Geen vast netwerk", "Oma vangt op", "Meer krachten in het netwerk",
                 "Risicotaxatie (ARIJ/LIJ)", "nog geen risicotaxatie"):
        assert text in html


# --- Timeline, backgrounds, help (R133, R139, R314, R340, R404, R576) ---------------------------------------------

@pytest.mark.django_db
def test_r133_timeline_module_holds_situation_timeline_help_and_backgrounds(alice, alice_family):
    """R133: aanleiding, genogram, narrative timeline, help history and backgrounds of mother, father, each child
    and the network."""
    mother, father, child = _parent(alice_family), _parent(alice_family, "Dragan"), _child(alice_family)
    RelationshipFactory(family=alice_family, from_person=mother, to_person=child)
    NetworkMemberFactory(family=alice_family, name="Oma Riet")
    _started(alice, alice_family, network_background="Vriendinnen van de kerk")
    for person in (mother, father, child):
        services.background_add(actor=alice, family=alice_family, person=person, relationships=f"Over {person}")
    af.TimelineEventFactory(family=alice_family, title="Geboorte Ivan", kind="life_event")
    af.HelpEpisodeFactory(family=alice_family)
    html = _page(alice, alice_family)
    for text in ('id="aanleiding"', "gezinsplan-genogram", "Geboorte Ivan", 'id="hulp"', "Over Milena",
                 "Over Dragan", "Over Ivan", "Vriendinnen van de kerk", "Oma Riet"):
        assert text in html


@pytest.mark.django_db
def test_r139_r340_help_is_stored_once_and_shown_with_relationship_and_what_worked(alice, alice_family):
    """R139: the person's profile links to the help overview instead of copying it; R340: provider, period,
    relationship with the helper, what worked and what did not, shown to a professional joining later."""
    mother = _parent(alice_family)
    _started(alice, alice_family)
    services.background_add(actor=alice, family=alice_family, person=mother, health="Verslaving")
    episode, _warnings = services.help_episode_add(
        actor=alice, family=alice_family, provider="Brijder", offer="Ambulante verslavingszorg",
        started_on=dt.date(2016, 1, 1), ended_on=dt.date(2016, 6, 1), reason="Drugs", aimed_at="parent",
        person=mother, life_domain="gezondheid_ouders", ending="ended_early", result="Gestopt",
        relationship_with_helper="Wantrouwend", what_worked="Vaste behandelaar", what_did_not_work="Wachtlijst")
    newcomer = UserFactory(role=Role.GI_PROTECTOR)
    involve(newcomer, alice_family, role="support")
    html = _page(newcomer, alice_family)
    for text in ("Wantrouwend", "Vaste behandelaar", "Wachtlijst", "Hulp (uit het hulpverleningsoverzicht)"):
        assert text in html
    assert html.count("Ambulante verslavingszorg") >= 2  # in the overview and linked from Milena's profile
    assert f"/hulp/{episode.pk}/" in _page(alice, alice_family)


@pytest.mark.django_db
def test_r314_r404_r576_caregiver_history_motivation_and_noble_intention(alice, alice_family):
    """R314: transgenerational patterns per caregiver; R404: motivation, learnability, insight per parent; R576:
    each parent's noble intention in own words. Not for a child."""
    mother, child = _parent(alice_family), _child(alice_family)
    _started(alice, alice_family)
    services.background_add(actor=alice, family=alice_family, person=mother,
                            transgenerational="Groeide zelf op met geweld thuis", noble_intention="Ik wil dat ze "
                            "het beter hebben dan ik", motivation="Hoog", learnability="Leert met herhaling",
                            insight="Ziet het effect op Kristina")
    with pytest.raises(ValidationError) as error:
        services.background_add(actor=alice, family=alice_family, person=child, noble_intention="x")
    assert "noble_intention" in _errors(error)
    html = _page(alice, alice_family)
    for text in ("Groeide zelf op met geweld thuis", "Ik wil dat ze het beter hebben dan ik", "Leert met herhaling",
                 "Nobele intentie van Milena"):
        assert text in html


# --- Pattern (R146, R253, R560) ------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_r146_r253_r560_pattern_records_cite_timeline_facts_and_count_incidents(alice, alice_family):
    """R146: pattern answers cite timeline facts (unsupported ones are flagged); R253: an incident links to known
    patterns or is marked new, and the plan shows how often each pattern recurs; R560: causes, members,
    intergenerational, discussed, active/broken."""
    mother = _parent(alice_family)
    _started(alice, alice_family)
    element = services.pattern_element_add(
        actor=alice, family=alice_family, kind="parent_behaviour", text="Moeder trekt zich terug",
        underlying_causes="Eigen jeugd", members=[mother], discussed_with_family=True)
    assert selectors.analysis_page(family=alice_family).unsupported_elements == [element]
    assert "steunen nog niet op feiten" in _page(alice, alice_family)
    for n in range(2):
        services.timeline_event_add(actor=alice, family=alice_family, occurred_on=dt.date(2020 + n, 1, 1),
                                    kind="incident", title=f"Incident {n}", source="politie", patterns=[element])
    with pytest.raises(ValidationError) as error:
        services.timeline_event_add(actor=alice, family=alice_family, occurred_on=dt.date(2022, 1, 1),
                                    kind="incident", title="Nieuw", source="politie", patterns=[element],
                                    new_pattern=True)
    assert "new_pattern" in _errors(error)
    page = selectors.analysis_page(family=alice_family)
    assert page.unsupported_elements == [] and page.elements[0].recurrence == 2
    generational = services.pattern_element_add(actor=alice, family=alice_family, kind="intergenerational",
                                                text="Geweld over generaties")
    assert generational.intergenerational
    with pytest.raises(ValidationError) as error:  # R535: broken needs the date and the evidence
        services.pattern_element_update(actor=alice, element=element, version=element.version, status="broken")
    assert {"broken_on", "broken_evidence"} == set(_errors(error))
    element = services.pattern_element_update(actor=alice, element=element, version=element.version,
                                              status="broken", broken_on=dt.date.today(),
                                              broken_evidence="Zoekt nu zelf steun bij oma")
    html = _page(alice, alice_family)
    assert "2 incidenten passen in dit patroon" in html and "doorbroken" in html and "Eigen jeugd" in html
    assert "Zoekt nu zelf steun bij oma" in html
    assert "over generaties" in html


# --- Concerns, Delta, goals (R522, R605, R258) -------------------------------------------------------------------

@pytest.mark.django_db
def test_r522_concerns_and_strengths_dated_and_discussed_with_own_date(alice, alice_family):
    """R522: two lists, each item dated, with 'discussed with the family' and its own date."""
    _started(alice, alice_family)
    with pytest.raises(ValidationError) as error:
        services.concern_add(actor=alice, family=alice_family, kind="concern", text="Alleen thuis",
                             discussed_with_family=True)
    assert "discussed_on" in _errors(error)
    services.concern_add(actor=alice, family=alice_family, kind="concern", text="Alleen thuis",
                         discussed_with_family=True, discussed_on=dt.date(2026, 1, 10))
    services.concern_add(actor=alice, family=alice_family, kind="strength", text="Oma helpt")
    html = _page(alice, alice_family)
    assert "besproken met het gezin op 10 januari 2026" in html and "nog niet besproken met het gezin" in html


@pytest.mark.django_db
def test_r605_delta_steps_goal_traces_to_a_concern_threat_and_outcome(alice, alice_family):
    """R605: concern -> threat to development -> desired outcome -> work goal linked back to both."""
    _started(alice, alice_family, **END)
    bare = services.concern_add(actor=alice, family=alice_family, kind="concern", text="Alleen thuis")
    goal = {"what": "Oma slaapt twee nachten", "measurable": "Rooster", "who": "Oma", "when": dt.date(2027, 1, 1)}
    with pytest.raises(ValidationError) as error:
        services.goal_add(actor=alice, family=alice_family, concern=bare, **goal)
    assert "R605" in " ".join(_errors(error)["concern"])
    concern = services.concern_update(actor=alice, concern=bare, version=bare.version,
                                      threat="Onveilige hechting", desired_outcome="Ivan voelt zich veilig 's nachts")
    services.goal_add(actor=alice, family=alice_family, concern=concern, **goal)
    page = selectors.analysis_page(family=alice_family)
    assert page.goals_without_delta == []
    assert "Ivan voelt zich veilig" in _page(alice, alice_family)


@pytest.mark.django_db
def test_r258_goal_placed_with_an_external_provider_from_the_register_grouped_by_owner(alice, alice_family):
    """R258: a goal can lie with a GP or midwife listed in the help overview (register); goals grouped by owner."""
    _started(alice, alice_family, **END)
    goal = {"what": "Gezondheid baby", "measurable": "Consulten", "who": "Huisarts", "when": dt.date(2027, 1, 1)}
    with pytest.raises(ValidationError) as error:
        services.goal_add(actor=alice, family=alice_family, provider="Huisarts Jansen", **goal)
    assert "R258" in " ".join(_errors(error)["provider"])
    services.help_episode_add(actor=alice, family=alice_family, provider="Huisarts Jansen", offer="Consulten",
                              started_on=dt.date(2020, 1, 1), reason="Baby", life_domain="opgroeien",
                              targets=af.PatternElementFactory(family=alice_family))
    services.goal_add(actor=alice, family=alice_family, provider="Huisarts Jansen", **goal)
    af.GoalFactory(family=alice_family)
    owners = [owner for owner, _goals in selectors.analysis_page(family=alice_family).goals_by_owner]
    assert owners == ["Lokaal team en GI", "Huisarts Jansen"]
    assert "Belegd bij Huisarts Jansen" in _page(alice, alice_family)
