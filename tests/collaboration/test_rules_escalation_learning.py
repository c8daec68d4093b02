"""Learning together on the organisation level: subregions, collaboration meetings, learning groups, core values,
reflection at three levels and for SKJ, case reflection across organisations, one shared vocabulary."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.collaboration import learning_services, services
from gezinsplan.collaboration.learning import (
    CaseReflection,
    CollaborationMeeting,
    LearningSession,
    ReflectionActivity,
    RegionLearning,
    Subregion,
)
from gezinsplan.collaboration.models import Feedback, ReflectionSession
from gezinsplan.collaboration.reference import CoreValue, shared_vocabulary, vocabulary_synonyms
from gezinsplan.core.policy import PolicyDenied
from tests.collaboration.conftest import TODAY
from tests.conftest import client_for
from tests.factories import ContactFactory, MunicipalityFactory, OrganisationFactory, RegionFactory, UserFactory

FULL_PROGRAMME = {"met_each_other": True, "vision_values": True, "building_blocks": True, "first_steps": True}


def _messages(error, field: str) -> str:
    return " ".join(error.value.message_dict[field])


@pytest.fixture
def region(db):
    """Gelderland-Zuid with a subregion of two municipalities and professionals of the four partners."""
    gelderland = RegionFactory(name="Gelderland-Zuid", code="gelderland-zuid")
    nijmegen, wijchen, elsewhere = (MunicipalityFactory(region=gelderland, name=n)
                                    for n in ("Nijmegen", "Wijchen", "Tiel"))
    sub = Subregion.objects.create(region=gelderland, name="Rijk van Nijmegen")
    sub.municipalities.set([nijmegen, wijchen])
    people = {}
    for key, role, org_type in (("lt", Role.LT_PROFESSIONAL, OrganisationType.LOCAL_TEAM),
                                ("gi", Role.GI_PROTECTOR, OrganisationType.GI),
                                ("vt", Role.BEHAVIOURAL_SCIENTIST, OrganisationType.VEILIG_THUIS),
                                ("rvdk", Role.RVDK_OFFICER, OrganisationType.RVDK)):
        org = OrganisationFactory(type=org_type, name=f"{key.upper()} Gelderland-Zuid", region=gelderland)
        user = UserFactory(role=role, organisation=org)
        user.municipalities.set([nijmegen])
        people[key] = user
    far = UserFactory(role=Role.GI_PROTECTOR, organisation=people["gi"].organisation)
    far.municipalities.set([elsewhere])
    organiser = UserFactory(role=Role.REGIONAL_CONTACT,
                            organisation=OrganisationFactory(type=OrganisationType.REGION, region=gelderland))
    return {"region": gelderland, "sub": sub, "nijmegen": nijmegen, "far": far, "organiser": organiser, **people}


def _held_meeting(region, **programme):
    meeting, _w = learning_services.collaboration_meeting_plan(
        actor=region["organiser"], subregion=region["sub"], planned_on=TODAY, title="Kennismaking",
        invitees=[region["lt"], region["gi"], region["vt"], region["rvdk"]])
    return learning_services.collaboration_meeting_record(
        actor=region["organiser"], meeting=meeting, attended=[region["lt"], region["gi"]],
        learning_element="Samen een casus volgens het escalatiemodel doorlopen", **programme)


# --- R302, R306: reference data ------------------------------------------------------------------------------

def test_r302_one_shared_vocabulary_without_synonyms(world):
    """R302: one controlled list of statuses, phases, outcomes and route steps for every organisation; a synonym
    added as a separate value is caught; every professional sees the lists."""
    assert vocabulary_synonyms() == []
    lists = shared_vocabulary()
    with_synonym = [(lists[0][0], [*lists[0][1], ("lopend", "Open"), ("opened", "open ")])]
    assert vocabulary_synonyms(with_synonym) != []
    page = client_for(world["protector"]).get("/samenwerking/gedeelde-taal/").content.decode()
    assert "Fase van de samenwerking" in page and "Status van een casus" in page and "Stap 1: zelf analyseren" in page


def test_r306_four_core_values_tag_feedback_and_reflections(world):
    """R306: the four core values are fixed reference data; feedback and reflections are tagged with them."""
    assert len(CoreValue.values) == 4
    assert "duidelijk, navolgbaar en transparant" in CoreValue.TRANSPARENT.label
    with pytest.raises(ValidationError) as error:
        services.feedback_give(actor=world["lead"], about_organisation=world["gi"], sentiment="positive",
                               text="Snel teruggebeld", given_on=TODAY, core_values=["efficiency"])
    assert "R306" in _messages(error, "core_values")
    client = client_for(world["lead"])
    response = client.post("/samenwerking/feedback/", {
        "about_organisation": world["gi"].pk, "sentiment": "positive", "text": "Open over de weging",
        "given_on": TODAY.isoformat(), "core_values": ["transparent", "trust"]})
    assert response.status_code == 302
    assert sorted(Feedback.objects.get().core_values) == ["transparent", "trust"]
    client.post("/samenwerking/reflectie/", {
        "level": "professional", "held_on": TODAY.isoformat(), "topic": "Intervisie", "participants": "Team",
        "outcomes": "Eerder bellen", "core_values": ["learning"]})
    assert ReflectionSession.objects.get().core_values == ["learning"]
    page = client.get("/samenwerking/kernwaarden/").content.decode()
    assert all(str(label) in page for label in CoreValue.labels)


# --- R326, R328, R330: collaboration meetings per subregion ----------------------------------------------------

def test_r326_r330_meetings_per_subregion_with_balanced_invitees(region):
    """R326: a meeting belongs to a subregion of municipalities in a region, with invited professionals of LT, GI,
    VT and RvdK. R330: a warning per partner without an invited area-bound professional."""
    meeting, warnings = learning_services.collaboration_meeting_plan(
        actor=region["organiser"], subregion=region["sub"], planned_on=TODAY, title="Kennismaking",
        invitees=[region["lt"], region["far"]])
    assert meeting.subregion.region == region["region"]
    assert set(region["sub"].municipalities.all()) >= {region["nijmegen"]}
    assert len(warnings) == 3 and any("Gecertificeerde instelling" in w for w in warnings)  # far is not area-bound
    assert any("Veilig Thuis" in w for w in warnings) and any("Raad voor de Kinderbescherming" in w for w in warnings)
    page = client_for(region["organiser"]).get(f"/samenwerking/regio/bijeenkomsten/{meeting.pk}/").content.decode()
    assert "R330" in page and region["far"].last_name in page
    _m, warnings = learning_services.collaboration_meeting_plan(
        actor=region["organiser"], subregion=region["sub"], planned_on=TODAY, title="Tweede",
        invitees=[region["lt"], region["gi"], region["vt"], region["rvdk"]])
    assert warnings == []
    with pytest.raises(PolicyDenied):
        learning_services.collaboration_meeting_plan(actor=region["lt"], subregion=region["sub"], planned_on=TODAY,
                                                     title="x")


def test_r328_only_a_full_programme_counts_toward_the_yearly_target(region):
    """R328: the four programme items and a required learning element; only complete meetings count."""
    meeting, _w = learning_services.collaboration_meeting_plan(
        actor=region["organiser"], subregion=region["sub"], planned_on=TODAY, title="Eerste")
    with pytest.raises(ValidationError) as error:
        learning_services.collaboration_meeting_record(actor=region["organiser"], meeting=meeting, **FULL_PROGRAMME)
    assert "R328" in _messages(error, "learning_element")
    _held_meeting(region, met_each_other=True, vision_values=True, building_blocks=False, first_steps=True)
    [progress] = learning_services.yearly_progress(year=TODAY.year)
    assert (progress.counted, progress.incomplete, progress.target, progress.reached) == (0, 1, 2, False)
    _held_meeting(region, **FULL_PROGRAMME)
    _held_meeting(region, **FULL_PROGRAMME)
    [progress] = learning_services.yearly_progress(year=TODAY.year)
    assert (progress.counted, progress.reached) == (2, True)
    page = client_for(region["lt"]).get("/samenwerking/regio/bijeenkomsten/").content.decode()
    assert "Rijk van Nijmegen" in page and "gehaald" in page


def test_r328_target_is_configuration(region, settings):
    settings.GEZINSPLAN_METHOD = {**settings.GEZINSPLAN_METHOD, "collaboration_meetings_per_year": 1}
    _held_meeting(region, **FULL_PROGRAMME)
    assert learning_services.yearly_progress(year=TODAY.year)[0].reached


def test_r328_meeting_page_records_programme_and_attendance(region):
    meeting, _w = learning_services.collaboration_meeting_plan(
        actor=region["organiser"], subregion=region["sub"], planned_on=TODAY, title="Bijeenkomst",
        invitees=[region["lt"], region["gi"]])
    client = client_for(region["organiser"])
    response = client.post(f"/samenwerking/regio/bijeenkomsten/{meeting.pk}/", {
        "action": "record", "attended": [region["lt"].pk], "met_each_other": "on", "vision_values": "on",
        "building_blocks": "on", "first_steps": "on", "learning_element": "Rollenspel escalatiemodel"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.held and meeting.programme_complete
    assert list(meeting.invitees.filter(attended=True).values_list("user", flat=True)) == [region["lt"].pk]


# --- R305: core values discussed with staff, per region -------------------------------------------------------

def test_r305_core_values_discussed_with_the_standard_prompts_reported_per_region(region):
    """R305: per value the two prompts and staff's judgement whether it fits; reported per region."""
    meeting = _held_meeting(region, **FULL_PROGRAMME)
    with pytest.raises(ValidationError) as error:
        learning_services.core_value_discuss(actor=region["organiser"], meeting=meeting, value="trust",
                                             daily_work="Ouders mee laten beslissen", hard_when="", fits="")
    assert "R305" in _messages(error, "hard_when")
    client = client_for(region["organiser"])
    response = client.post(f"/samenwerking/regio/bijeenkomsten/{meeting.pk}/", {
        "action": "value", "value": "trust", "daily_work": "Ouders mee laten beslissen",
        "hard_when": "Bij acute onveiligheid", "fits": "Past, mits de veiligheid voorgaat"})
    assert response.status_code == 302
    [row] = learning_services.core_values_report()
    assert row["region"] == "Gelderland-Zuid"
    assert dict(row["values"])[str(CoreValue.TRUST.label)] == 1
    page = client.get("/samenwerking/kernwaarden/").content.decode()
    assert "Gelderland-Zuid" in page and "Wanneer zou het lastig zijn" in page


# --- R325: local learning groups -------------------------------------------------------------------------------

def test_r325_learning_groups_after_directory_and_meetings_fixed_members_pseudonymised_skj(region):
    """R325: enabled per region, not before 2022, after the contact directory and the collaboration meetings;
    attendees from the fixed subregional group; pseudonymised cases; SKJ attendance counts as reflection."""
    group = learning_services.learning_group_create(actor=region["organiser"], subregion=region["sub"],
                                                    name="Leergroep Nijmegen",
                                                    members=[region["lt"], region["gi"], region["vt"]])
    with pytest.raises(ValidationError) as error:
        learning_services.learning_group_create(actor=region["organiser"], subregion=region["sub"], name="X",
                                                members=[region["far"]])
    assert "R325" in _messages(error, "members")
    kwargs = {"actor": region["lt"], "group": group, "held_on": TODAY, "hours": Decimal("2"),
              "cases_discussed": "Casus A: gezin met drie kinderen, vechtscheiding",
              "attendees": [region["lt"], region["gi"]], "skj_conditions_met": True}
    with pytest.raises(ValidationError) as error:
        learning_services.learning_session_record(**kwargs)
    blockers = _messages(error, "held_on")
    assert "staan voor regio Gelderland-Zuid nog niet aan" in blockers and "contactgids" in blockers
    assert "samenwerkingsbijeenkomsten" in blockers
    RegionLearning.objects.create(region=region["region"], learning_groups_enabled=True)
    ContactFactory(municipality=region["nijmegen"])
    _held_meeting(region, **FULL_PROGRAMME)
    with pytest.raises(ValidationError) as error:
        learning_services.learning_session_record(**{**kwargs, "held_on": dt.date(2021, 6, 1)})
    assert "R325" in _messages(error, "held_on")
    with pytest.raises(ValidationError) as error:
        learning_services.learning_session_record(**{**kwargs, "attendees": [region["rvdk"]]})
    assert "vaste groep" in _messages(error, "attendees")
    with pytest.raises(ValidationError) as error:
        learning_services.learning_session_record(**{**kwargs, "cases_discussed": "Gezin Jansen, BSN 123456782"})
    assert "gezinsnaam" in _messages(error, "cases_discussed") and "BSN" in _messages(error, "cases_discussed")
    session = learning_services.learning_session_record(**kwargs)
    assert set(ReflectionActivity.objects.filter(learning_session=session).values_list(
        "professional", flat=True)) == {region["lt"].pk, region["gi"].pk}
    page = client_for(region["gi"]).get(f"/samenwerking/regio/leergroepen/{group.pk}/").content.decode()
    assert "vechtscheiding" in page and "telt voor SKJ" in page
    assert client_for(region["rvdk"]).get(f"/samenwerking/regio/leergroepen/{group.pk}/").status_code == 404
    assert LearningSession.objects.count() == 1


# --- R318, R167: reflection ------------------------------------------------------------------------------------

def test_r318_reflection_log_with_skj_export(world):
    """R318: date, type, hours, participants and their organisations; an export per professional."""
    client = client_for(world["lead"])
    response = client.post("/samenwerking/reflectie/skj/", {
        "held_on": TODAY.isoformat(), "kind": "intervision", "hours": "1.5",
        "participants": "Vier collega's van Sociaal Team Delft"})
    assert response.status_code == 302
    with pytest.raises(ValidationError) as error:
        learning_services.reflection_activity_log(actor=world["lead"], held_on=TODAY, kind="intervision",
                                                  hours=Decimal("0"), participants="x")
    assert "hours" in error.value.message_dict
    learning_services.reflection_activity_log(actor=world["protector"], held_on=TODAY, kind="supervision",
                                              hours=Decimal("1"), participants="Supervisor GI")
    export = client.get("/samenwerking/reflectie/skj/export/")
    assert export["Content-Type"].startswith("text/csv") and "attachment" in export["Content-Disposition"]
    text = export.content.decode()
    assert "intervisie" in text and "Sociaal Team Delft" in text and "1.5" in text
    assert "Supervisor GI" not in text  # only the professional's own activities


def test_r167_reflection_organised_on_three_levels(world):
    """R167: execution (with supervision, intervision, collegial consultation and work supervision logged),
    management and board, each with its question."""
    for level in ("professional", "management", "management"):
        services.reflection_record(actor=world["team_lead"], level=level, held_on=TODAY, participants="Team",
                                   topic="Reflectie", outcomes="Uitkomst")
    for kind in ("supervision", "intervision", "collegial", "work_supervision", "intervision"):
        learning_services.reflection_activity_log(actor=world["lead"], held_on=TODAY, kind=kind,
                                                  hours=Decimal("1"), participants="Team")
    levels = {r.level: r for r in learning_services.reflection_levels(organisation_id=world["lt"].pk)}
    assert (levels["professional"].sessions, levels["management"].sessions, levels["board"].sessions) == (1, 2, 0)
    assert dict(levels["professional"].by_kind)["intervisie"] == 2
    page = client_for(world["lead"]).get("/samenwerking/reflectie/skj/").content.decode()
    for question in ("Doe ik het goed?", "Doe ik het goede?", "Doe ik het om de goede reden?"):
        assert question in page
    assert "werkbegeleiding: 1" in page


def test_r319_case_reflection_across_organisations_pseudonymised(world):
    """R319: participants of several organisations, a pseudonymised case, attendees and lessons."""
    vt = OrganisationFactory(type=OrganisationType.VEILIG_THUIS, name="Veilig Thuis Haaglanden")
    with pytest.raises(ValidationError) as error:
        learning_services.case_reflection_record(actor=world["lead"], held_on=TODAY, organisations=[world["lt"]],
                                                 attendees="Casusregisseur", case_summary="Casus B",
                                                 lessons="Eerder samen op huisbezoek")
    assert "R319" in _messages(error, "organisations")
    with pytest.raises(ValidationError) as error:
        learning_services.case_reflection_record(
            actor=world["lead"], held_on=TODAY, organisations=[world["lt"], world["gi"]], attendees="x",
            case_summary="Familie Yilmaz, geboren 12-03-2015", lessons="x")
    assert "gezinsnaam" in _messages(error, "case_summary") and "datum" in _messages(error, "case_summary")
    client = client_for(world["lead"])
    response = client.post("/samenwerking/reflectie/casusniveau/", {
        "held_on": TODAY.isoformat(), "organisations": [world["lt"].pk, world["gi"].pk, vt.pk],
        "attendees": "casusregisseur LT, jeugdbeschermer GI, medewerker VT",
        "case_summary": "Gezin met twee kinderen, huiselijk geweld", "lessons": "Eén veiligheidsplan, niet drie"})
    assert response.status_code == 302
    reflection = CaseReflection.objects.get()
    assert reflection.pseudonym == f"Casus {TODAY.year}-001" and reflection.organisations.count() == 3
    assert "Eén veiligheidsplan, niet drie" in client.get("/samenwerking/reflectie/casusniveau/").content.decode()


def test_regional_meetings_list_query_count_does_not_grow(region):
    client = client_for(region["organiser"])

    def count():
        client.get("/samenwerking/regio/bijeenkomsten/")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/samenwerking/regio/bijeenkomsten/").status_code == 200
        return len(ctx.captured_queries)

    _held_meeting(region, **FULL_PROGRAMME)
    small = count()
    for i in range(4):
        sub = Subregion.objects.create(region=region["region"], name=f"Sub {i}")
        CollaborationMeeting.objects.create(subregion=sub, planned_on=TODAY, title=f"B{i}", learning_element="x",
                                            organised_by=region["organiser"])
    assert count() == small


def test_r325_organiser_creates_a_learning_group_on_the_regional_page(region):
    """R325: a learning group with fixed members from the subregion, made by an organiser."""
    from gezinsplan.collaboration.learning import LearningGroup

    client = client_for(region["organiser"])
    response = client.post("/samenwerking/regio/bijeenkomsten/", {
        "action": "group", "subregion": region["sub"].pk, "name": "Leergroep Noord",
        "members": [region["lt"].pk, region["far"].pk]})
    assert "dezelfde subregio" in response.content.decode() and not LearningGroup.objects.exists()
    response = client.post("/samenwerking/regio/bijeenkomsten/", {
        "action": "group", "subregion": region["sub"].pk, "name": "Leergroep Noord",
        "members": [region["lt"].pk, region["gi"].pk]})
    assert response.status_code == 302
    group = LearningGroup.objects.get()
    assert "Leergroep Noord" in client.get("/samenwerking/regio/bijeenkomsten/").content.decode()
    assert client_for(region["lt"]).post("/samenwerking/regio/bijeenkomsten/", {
        "action": "group", "subregion": region["sub"].pk, "name": "X"}).status_code == 403
    assert set(group.members.all()) == {region["lt"], region["gi"]}


def test_r319_case_reflection_list_query_count_does_not_grow(world):
    vt = OrganisationFactory(type=OrganisationType.VEILIG_THUIS, name="Veilig Thuis Haaglanden")
    client = client_for(world["lead"])

    def grow(n):
        for _ in range(n):
            learning_services.case_reflection_record(
                actor=world["lead"], held_on=TODAY, organisations=[world["lt"], world["gi"], vt],
                attendees="casusregisseur, jeugdbeschermer", case_summary="Casus met twee kinderen",
                lessons="Samen op huisbezoek")

    def count():
        client.get("/samenwerking/reflectie/casusniveau/")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/samenwerking/reflectie/casusniveau/").status_code == 200
        return len(ctx.captured_queries)

    grow(1)
    small = count()
    grow(4)
    assert count() == small
