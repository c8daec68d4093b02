"""Every page of the collaboration app that the meetings, escalation, partners, network and learning parts added:
it opens for an allowed user with realistic data, axe reports no violations, and forms sent with bad input show
the Dutch error on the page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.collaboration.learning import CollaborationInvitee, CollaborationMeeting, LearningGroup, Subregion
from gezinsplan.collaboration.models import ChildConversation
from tests.browser.conftest import axe_violations, login
from tests.collaboration.escalation_factories import EscalationFactory
from tests.collaboration.factories import AgreementFactory, CoreDecisionFactory, MeetingFactory
from tests.factories import (
    InvolvementFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    TeamFactory,
    UserFactory,
    involve,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CASE_PAGES = [
    "partijen/nieuw/",
    "aanspreekpunten/",
    "samenwerkingsafspraken/",
    "betrokkenheid-lokaal-team/",
    "voortgezette-hulp/",
    "interne-bespreking/",
    "lokaal-team-koppelen/",
    "kennismaking/",
    "doelen/toewijzen/",
    "doelen/aanpak/",
    "regelingen/",
    "partners/nieuw/",
    "partners/update/",
    "specialisten/nieuw/",
    "betrokkenheid-gi/",
    "eigen-kracht/",
    "netwerk/betrouwbaarheid/",
    "netwerk/taken/nieuw/",
    "wie-betrekken/",
    "tafels/nieuw/",
    "gesprekken/hulp/",
    "gesprekken/nieuw/",
    "gedeeld-beeld/",
]


@pytest.fixture
def story():
    today = dt.date.today()
    region = RegionFactory(name="Haaglanden", code="haaglanden")
    delft = MunicipalityFactory(name="Delft", code="0503", region=region)
    lt = OrganisationFactory(type=OrganisationType.LOCAL_TEAM, name="Sociaal Team Delft")
    gi = OrganisationFactory(type=OrganisationType.GI, name="Jeugdbescherming West")
    team = TeamFactory(organisation=lt, name="Sociaal Team")
    lead = UserFactory(
        username="casuscoordinator", first_name="Carla", last_name="Coördinator", organisation=lt, team=team
    )
    team_lead = UserFactory(
        username="teamleider", role=Role.TEAM_LEAD, first_name="Tom", last_name="Leider", organisation=lt, team=team
    )
    protector = UserFactory(role=Role.GI_PROTECTOR, first_name="Jan", last_name="Beschermer", organisation=gi)
    case = involve(lead).case
    case.family.name = "Gezin Kemal"
    case.family.save()
    InvolvementFactory(case=case, user=protector, role="support")
    child = PersonFactory(family=case.family, first_name="Ibrahim", last_name="")
    PersonFactory(family=case.family, family_role="parent", first_name="Nathalie", birth_date=None)
    meeting = MeetingFactory(case=case, planned_on=today)
    agreement = AgreementFactory(case=case, meeting=meeting, due_on=today - dt.timedelta(days=1))
    decision = CoreDecisionFactory(case=case, kind="additional_help")
    escalation = EscalationFactory(case=case, other_organisation=gi, decision=decision)
    ChildConversation.objects.create(
        family=case.family,
        case=case,
        child=child,
        held_on=today,
        by_user=lead,
        child_voice="Ik wil bij mama blijven",
        created_by=lead,
    )
    subregion = Subregion.objects.create(region=region, name="Delft e.o.")
    subregion.municipalities.add(delft)
    regional = CollaborationMeeting.objects.create(
        subregion=subregion,
        planned_on=today,
        title="Kennismaking",
        learning_element="Het escalatiemodel",
        organised_by=team_lead,
    )
    CollaborationInvitee.objects.create(meeting=regional, user=lead)
    group = LearningGroup.objects.create(subregion=subregion, name="Leergroep Delft")
    group.members.add(lead, team_lead)
    UserFactory(username="beheerder", role=Role.FUNCTIONAL_ADMIN, first_name="Rob", last_name="Beheer", organisation=lt)
    return {
        "case": case,
        "meeting": meeting,
        "agreement": agreement,
        "decision": decision,
        "escalation": escalation,
        "regional": regional,
        "group": group,
    }


def _check(page, url, problems):
    response = page.goto(url)
    if response.status >= 400:
        problems.append((url, response.status))
        return
    violations = axe_violations(page)
    if violations:
        problems.append((url, violations))


def test_every_collaboration_page_is_axe_clean_and_shows_dutch_errors(page, story):
    case = story["case"]
    case_urls = [f"/samenwerking/casus/{case.pk}/{p}" for p in CASE_PAGES] + [
        f"/samenwerking/overleg/{story['meeting'].pk}/voortgang/",
        f"/samenwerking/overleg/{story['meeting'].pk}/opzet/",
        f"/samenwerking/overleg/{story['meeting'].pk}/",
        f"/samenwerking/kernbesluiten/{story['decision'].pk}/bevestigen/",
        f"/samenwerking/kernbesluiten/{story['decision'].pk}/opschalen/",
        f"/samenwerking/kernbesluiten/{story['decision'].pk}/",
        f"/samenwerking/afspraken/{story['agreement'].pk}/niet-nagekomen/",
        f"/samenwerking/escalaties/{story['escalation'].pk}/",
        f"/casussen/{case.pk}/",
    ]
    organisation_urls = [
        "/samenwerking/regio/bijeenkomsten/",
        f"/samenwerking/regio/bijeenkomsten/{story['regional'].pk}/",
        f"/samenwerking/regio/leergroepen/{story['group'].pk}/",
        "/samenwerking/kernwaarden/",
        "/samenwerking/gedeelde-taal/",
        "/samenwerking/reflectie/skj/",
        "/samenwerking/reflectie/casusniveau/",
    ]
    problems = []
    login(page, "casuscoordinator")
    page.wait_for_url("**/gezinnen/")
    for url in case_urls + organisation_urls:
        _check(page, url, problems)

    # Bad input: the Dutch error shows on the page, and the page with errors is still axe clean.
    page.goto(f"/samenwerking/afspraken/{story['agreement'].pk}/niet-nagekomen/")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Controleer de invoer")).to_be_visible()
    expect(page.get_by_text("Waarom niet nagekomen: Dit veld is vereist.").first).to_be_visible()
    _check(page, page.url, problems)

    page.goto(f"/samenwerking/casus/{case.pk}/partners/nieuw/")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Controleer de invoer")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(f"/samenwerking/escalaties/{story['escalation'].pk}/")
    page.locator("form:has(input[name=action][value=resolve]) button[type=submit]").click()
    expect(page.get_by_text("Controleer de invoer").first).to_be_visible()
    assert axe_violations(page) == []

    page.goto("/samenwerking/reflectie/skj/")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("Controleer de invoer")).to_be_visible()
    assert axe_violations(page) == []

    # An organiser sees the forms of the organisation-level pages.
    page.context.clear_cookies()
    login(page, "teamleider")
    page.wait_for_url("**/gezinnen/")
    for url in organisation_urls:
        _check(page, url, problems)

    # A functional administrator keeps the subregions and the learning switch (R325, R326).
    page.context.clear_cookies()
    login(page, "beheerder")
    page.wait_for_load_state()
    subregion = story["regional"].subregion
    for url in (
        "/samenwerking/beheer/subregios/",
        "/samenwerking/beheer/subregios/nieuw/",
        f"/samenwerking/beheer/subregios/{subregion.pk}/",
    ):
        _check(page, url, problems)
    page.goto("/samenwerking/beheer/subregios/nieuw/")
    page.get_by_label("Regio").select_option(label="Haaglanden")
    page.get_by_label("Naam").fill("Westland")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Kies minstens één gemeente.").first).to_be_visible()
    _check(page, page.url, problems)
    assert problems == []
