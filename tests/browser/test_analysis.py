"""The analysis in the browser: start, build a timeline with help, see the SVG with help bars, write a goal linked
to the pattern, lay down a version and download the family plan PDF; axe reports no violations."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from gezinsplan.analysis.models import Goal
from tests.browser.conftest import axe_violations, login
from tests.cases.helpers import weigh_extended_analysis
from tests.factories import PersonFactory, RelationshipFactory, UserFactory, involve

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def westland():
    lead = UserFactory(username="zorgregisseur", first_name="Zora", last_name="Regisseur")
    family = involve(lead).case.family
    family.name = "Gezin Milena"
    family.save()
    milena = PersonFactory(family=family, first_name="Milena", last_name="", family_role="parent", gender="v",
                           birth_date=None)
    ivan = PersonFactory(family=family, first_name="Ivan", last_name="", gender="m")
    RelationshipFactory(family=family, from_person=milena, to_person=ivan, has_custody=True)
    weigh_extended_analysis(family.cases.get())  # R113: the team decided on the analysis
    return family


def _add_help(page, base, offer, start, end):
    page.goto(base + "hulp/nieuw/")
    page.get_by_label("Aanbieder").fill("GGZ-aanbieder")
    page.get_by_label("Naam zorgaanbod").fill(offer)
    page.get_by_label("Gestart op").fill(start)
    page.get_by_label("Geëindigd op").fill(end)
    page.get_by_label("Aanleiding").fill("Drugsgebruik moeder")
    page.get_by_label("Leefgebied").select_option("gezondheid_ouders")
    page.get_by_label("Hoe het eindigde").select_option("ended_early")
    page.get_by_label("Resultaat").fill("Afgebroken: regels overtreden")
    page.get_by_role("button", name="Opslaan").click()


def test_timeline_help_bars_goal_linked_to_pattern_and_pdf(page, westland):
    base = f"/analyse/gezin/{westland.pk}/"
    login(page, "zorgregisseur")
    page.wait_for_url("**/gezinnen/")
    page.goto(f"/gezinnen/{westland.pk}/")
    page.get_by_role("link", name="Naar het gezinsplan").click()
    page.wait_for_url("**" + base)
    assert axe_violations(page) == []
    page.get_by_role("link", name="Analyse starten").click()
    expect(page.get_by_role("button", name="Analyse starten")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Analyse starten").click()
    page.wait_for_url("**" + base)

    # the timeline: one event, then help that ends before it starts (refused in Dutch), then two admissions
    page.goto(base + "tijdlijn/nieuw/")
    page.get_by_label("Datum").fill("2011-05-01")
    page.get_by_label("Soort").select_option("report")
    page.get_by_label("Gebeurtenis").fill("AMK-melding middelengebruik")
    page.get_by_label("Bron").fill("AMK")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**" + base + "#tijdlijn")
    _add_help(page, base, "Gezinsopname 1", "2012-06-01", "2012-01-01")
    expect(page.get_by_text("De hulp kan niet eindigen vóór de start").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Geëindigd op").fill("2012-09-01")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**" + base + "#hulp")
    _add_help(page, base, "Gezinsopname 2", "2013-01-01", "2013-03-01")
    page.wait_for_url("**" + base + "#hulp")
    expect(page.get_by_text("eerder hulp ingezet").first).to_be_visible()  # R164 warning
    svg = page.locator("figure svg.gezinsplan-timeline")
    expect(svg).to_be_visible()
    assert svg.locator("g.gp-help-bar").count() == 2
    expect(page.locator("figure svg.gezinsplan-genogram")).to_be_visible()  # beside the timeline
    flags = page.locator(".gp-repetition")
    expect(flags.get_by_text("Herhaalde hulp op mentale en fysieke gezondheid ouders")).to_be_visible()
    assert axe_violations(page) == []

    # pattern element, end situation, then a goal linked to the pattern element
    page.goto(base + "patroonelementen/nieuw/")
    page.get_by_label("Onderdeel").select_option("parent_behaviour")
    page.locator("#id_text").fill("Moeder werkt eerst mee en trekt zich dan terug")
    page.get_by_role("button", name="Opslaan").click()
    page.goto(base + "eindsituatie/")
    page.get_by_label("Haalbare eindsituatie in de woorden van het gezin").fill("Rust en veiligheid thuis.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Een haalbare eindsituatie zonder de splitsing kan niet").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Wat het gezin zelf (met hulp) kan veranderen").fill("Moeder blijft in behandeling.")
    page.get_by_label("Wat blijvend gecompenseerd moet worden").fill("niets")
    page.get_by_label("Waar en bij wie de kinderen opgroeien").fill("Ivan groeit op bij Milena.")
    page.get_by_label("Haalbare eindtermijn").fill("2027-06-01")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**" + base + "#eindsituatie")
    page.goto(base + "doelen/nieuw/")
    page.locator("#id_what").fill("Moeder blijft in behandeling bij de verslavingszorg")
    page.get_by_label("Meetbaar criterium").fill("Zes maanden zonder terugval")
    page.locator("#id_who").fill("Milena")
    page.locator("#id_when").fill("2027-01-01")
    page.get_by_label("Voortgang (%)").fill("150")
    page.get_by_label("Doorbreekt patroonelement").select_option(index=1)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("0 tot en met 100").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Voortgang (%)").fill("30")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**" + base + "#doelen")
    assert Goal.objects.get(family=westland).pattern_element.text.startswith("Moeder werkt eerst mee")
    expect(page.locator("figure svg.gezinsplan-progress")).to_be_visible()
    expect(page.get_by_role("link", name="Moeder werkt eerst mee en trekt zich dan terug").first).to_be_visible()

    # a version, then the PDF
    page.get_by_label("Wat is er veranderd in deze versie?").fill("Eerste plan met Milena")
    page.get_by_role("button", name="Versie vastleggen").click()
    page.wait_for_url("**" + base + "#versies")
    expect(page.get_by_role("link", name="Versie 1", exact=True)).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Gezinsplan downloaden (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith("-v1.pdf")
    assert Path(download.path()).read_bytes()[:4] == b"%PDF"
