"""Safety in the browser: fill in and save a safety plan, see the '6' chart, download the PDF; axe clean."""

import datetime as dt
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from gezinsplan.safety import services
from tests.browser.conftest import axe_violations, login
from tests.safety.factories import safety_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story():
    world = safety_world()
    world["lead"].username = "casusregisseur"
    world["lead"].save()
    world["family"].name = "Gezin Annette"
    world["family"].save()
    return world


def test_safety_plan_chart_and_pdf(page, story):
    case = story["case"]
    login(page, "casusregisseur")
    page.wait_for_url("**/gezinnen/")

    # Fill in and save the parents' safety plan.
    page.goto(f"/veiligheid/casus/{case.pk}/plan/bewerken/")
    assert axe_violations(page) == []
    page.get_by_label("Wat is er concreet gebeurd?").fill("Berend kwam dronken thuis; Nelle was erbij.")
    page.get_by_label("Wie heeft gemeld?").fill("Crisis Interventie Team")
    agreement = page.locator("#list-agreements")
    agreement.get_by_label("Wat spreken we af?").first.fill("Berend komt niet naar de woning")
    page.get_by_role("button", name="Nieuwe versie opslaan").click()
    expect(page.get_by_text("vul in wie het doet").first).to_be_visible()  # an agreement without a who is refused
    assert axe_violations(page) == []
    page.locator("#list-agreements").get_by_label("Wie doet het?").first.fill("Berend")
    page.locator("#list-agreements").get_by_label("Wie stemden in?").first.fill("Annette en Berend")
    page.get_by_label("Ondergrens op de veiligheidsschaal").fill("4")
    page.get_by_label("Ons plan als de ondergrens wordt overschreden").fill("Annette gaat met Nelle naar oma.")
    page.get_by_role("button", name="Nieuwe versie opslaan").click()
    page.wait_for_url(f"**/veiligheid/casus/{case.pk}/plan/")
    expect(page.get_by_text("Versie 1 van het veiligheidsplan is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("cell", name="Berend komt niet naar de woning")).to_be_visible()
    assert axe_violations(page) == []

    # Scores over time show as a chart with the '6' line on the case page.
    for days, score in ((14, 7), (7, 5), (1, 3)):
        services.score_record(actor=story["lead"], case=case, child=story["child"], score=score,
                              scored_on=dt.date.today() - dt.timedelta(days=days), situation="Huisbezoek")
    page.goto(f"/casussen/{case.pk}/")
    chart = page.locator("svg.gp-safety-chart").first
    expect(chart).to_be_visible()
    assert chart.locator("line[data-line=six]").count() == 1 and chart.locator("circle").count() == 3
    expect(page.get_by_text("Eerst de directe veiligheid.")).to_be_visible()
    expect(page.get_by_text("onder de afgesproken ondergrens van 4")).to_be_visible()
    assert axe_violations(page) == []

    # Download the PDF of the current version.
    page.goto(f"/veiligheid/casus/{case.pk}/plan/")
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF van versie 1 downloaden").click()
    data = open(info.value.path(), "rb").read()  # noqa: SIM115
    assert data.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = " ".join(subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True,
                                       check=True).stdout.decode().split())
        assert "Veiligheidsplan Gezin Annette" in text and "Berend komt niet naar de woning" in text


def test_safety_forms_are_axe_clean(page, story):
    case = story["case"]
    login(page, "casusregisseur")
    page.wait_for_url("**/gezinnen/")
    for url in (f"/veiligheid/casus/{case.pk}/weging/nieuw/", f"/veiligheid/casus/{case.pk}/taxatie/nieuw/",
                f"/veiligheid/casus/{case.pk}/risicotaxatie/nieuw/", f"/veiligheid/casus/{case.pk}/score/nieuw/",
                f"/veiligheid/casus/{case.pk}/verbod/nieuw/",
                f"/veiligheid/casus/{case.pk}/signaal/nieuw/", f"/veiligheid/casus/{case.pk}/fase/volgende/",
                f"/veiligheid/casus/{case.pk}/goed-genoeg/nieuw/",
                f"/veiligheid/casus/{case.pk}/eerste-gesprek/nieuw/",
                f"/veiligheid/casus/{case.pk}/niet-spreken/nieuw/", f"/veiligheid/casus/{case.pk}/calamiteit/nieuw/",
                f"/veiligheid/casus/{case.pk}/herhalingsrisico/nieuw/",
                f"/veiligheid/casus/{case.pk}/netwerkplan/nieuw/", f"/veiligheid/casus/{case.pk}/borging/nieuw/",
                f"/veiligheid/casus/{case.pk}/eerste-gesprek/veilig-genoeg/", f"/veiligheid/casus/{case.pk}/plan/",
                f"/casussen/{case.pk}/",
                "/veiligheid/aandacht/"):
        page.goto(url)
        assert axe_violations(page) == [], url
    page.goto(f"/veiligheid/casus/{case.pk}/score/nieuw/")
    page.get_by_label("Score (1 tot en met 10)").fill("11")
    page.get_by_label("Situatie").fill("Huisbezoek")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Geef een heel getal van 1 tot en met 10.").first).to_be_visible()
    assert axe_violations(page) == []
