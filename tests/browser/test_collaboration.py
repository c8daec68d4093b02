"""Working together in the browser: plan a network meeting, record attendance and an agreement, see it on
'Wat staat open', escalate a barrier to step 3; axe clean on every page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from gezinsplan.accounts.constants import OrganisationType, Role
from tests.browser.conftest import axe_violations, login
from tests.factories import InvolvementFactory, OrganisationFactory, PersonFactory, TeamFactory, UserFactory, involve

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story():
    lt = OrganisationFactory(type=OrganisationType.LOCAL_TEAM, name="Sociaal Team Delft")
    gi = OrganisationFactory(type=OrganisationType.GI, name="Jeugdbescherming West")
    team = TeamFactory(organisation=lt, name="Sociaal Team")
    lead = UserFactory(username="casuscoordinator", first_name="Carla", last_name="Coördinator", organisation=lt,
                       team=team)
    protector = UserFactory(role=Role.GI_PROTECTOR, first_name="Jan", last_name="Beschermer", organisation=gi)
    case = involve(lead).case
    case.family.name = "Gezin Kemal"
    case.family.save()
    InvolvementFactory(case=case, user=protector, role="support")
    PersonFactory(family=case.family, first_name="Ibrahim", last_name="")
    return case


def test_meeting_attendance_agreement_due_and_barrier_to_step_3(page, story):
    today = dt.date.today()
    login(page, "casuscoordinator")
    page.wait_for_url("**/gezinnen/")
    page.goto(f"/casussen/{story.pk}/")
    expect(page.get_by_text("Er is geen volgend netwerkberaad gepland")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Overleg plannen").click()
    page.get_by_label("Soort overleg").select_option("network")
    page.get_by_label("Gepland op").fill((today - dt.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("kan niet in het verleden liggen").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Gepland op").fill(today.isoformat())
    page.get_by_label("Agenda", exact=True).fill("Rollen en taken bij de doelen")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/samenwerking/overleg/*/")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Deelnemer toevoegen").click()
    page.get_by_label("Categorie").select_option("professional")
    option = page.locator("#id_user option", has_text="Jan Beschermer")
    page.get_by_label("Professional", exact=True).select_option(value=option.get_attribute("value"))
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/samenwerking/overleg/*/")

    page.get_by_role("link", name="Overleg vastleggen").click()
    page.locator("#id_minutes").fill("Goed gesprek, ouders actief betrokken")
    page.get_by_label("Aanwezigheid van Jan Beschermer (Jeugdbescherming West)").select_option("absent_notified")
    page.get_by_label("Volgende netwerkberaad op").fill((today + dt.timedelta(days=14)).isoformat())
    assert axe_violations(page) == []
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Er was geen ouder aanwezig").first).to_be_visible()  # R616, R689
    page.get_by_label("Reden dat geen ouder aanwezig was").fill("Moeder ziek; verslag met haar besproken")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/samenwerking/overleg/*/")
    expect(page.get_by_role("cell", name="afwezig met bericht")).to_be_visible()

    page.get_by_role("link", name="Afspraak vastleggen").click()
    page.locator("#id_what").fill("Schuldhulp aanvragen")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Een afspraak heeft iemand die hem uitvoert").first).to_be_visible()
    page.get_by_label("Wie (gezin, netwerk of anders)").fill("Kemal")
    page.get_by_label("Uiterlijk op").fill((today + dt.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/samenwerking/overleg/*/")

    page.get_by_role("link", name="Wat staat open").click()
    page.wait_for_url("**/samenwerking/wat-staat-open/")
    expect(page.get_by_role("link", name="Schuldhulp aanvragen")).to_be_visible()
    expect(page.get_by_text("Gezin Kemal").first).to_be_visible()
    assert axe_violations(page) == []

    page.goto(f"/casussen/{story.pk}/")
    page.get_by_role("link", name="Barrière signaleren").click()
    page.get_by_label("Soort barrière").select_option("focus")
    page.get_by_label("Omschrijving").fill("Andere taal bij de veiligheidstaxatie")
    page.get_by_label("Gesignaleerd tijdens").select_option("network_meeting")  # R078
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/samenwerking/barrieres/*/")
    assert axe_violations(page) == []
    page.locator("#id_step").select_option("3")
    page.get_by_label("Met wie").fill("Teamleider")
    page.get_by_role("button", name="Stap vastleggen").click()
    expect(page.get_by_text("Stappen overslaan mag alleen").first).to_be_visible()
    step_fields = {  # R080 (step 1: own analysis), R081 (step 2: the conversation)
        "1": {"#id_my_share": "Ik reageerde defensief", "#id_could_do": "Zelf bellen"},
        "2": {"#id_goal_focus": "Samen één taal", "#id_named_to_other": "Per mail benoemd en uitgenodigd"},
        "3": {},
    }
    for step, whom in (("1", ""), ("2", "Jan Beschermer"), ("3", "Teamleider en gedragswetenschapper")):
        page.locator("#id_step").select_option(step)
        page.get_by_label("Met wie").fill(whom)
        for selector, text in step_fields[step].items():
            page.locator(selector).fill(text)
        page.get_by_role("button", name="Stap vastleggen").click()
        page.wait_for_url("**/samenwerking/barrieres/*/")
    expect(page.get_by_text("Stap 3: opschalen naar de teamleider").first).to_be_visible()
    assert axe_violations(page) == []
