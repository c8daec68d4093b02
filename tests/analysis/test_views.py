"""The analysis pages: every route answers and logs, edits go through the services, the plan page is constant."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gezinsplan.analysis.models import FamilyAnalysis, FamilyPlanVersion, Goal, HelpEpisode, TimelineEvent
from gezinsplan.privacy.models import AccessLogEntry
from tests.analysis import factories as af
from tests.conftest import client_for
from tests.core.test_access_log import _fill, family_url_patterns
from tests.core.url_ids import build_world
from tests.factories import UserFactory


def _analysis_routes():
    return [(route, names) for route, _p, names in family_url_patterns() if route.startswith("analyse/")
            or "analysis" in route]


@pytest.mark.django_db
def test_every_analysis_url_answers_and_logs_for_the_lead():
    user = UserFactory()
    world = build_world(user)
    client = client_for(user)
    cache = {}
    routes = _analysis_routes()
    assert len(routes) >= 20
    for route, _names in routes:
        url = _fill(route, world, cache)
        before = AccessLogEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert AccessLogEntry.objects.filter(seq__gt=before, family_id=world["family"].pk, user=user).exists(), url


@pytest.mark.django_db
def test_other_family_analysis_urls_are_not_found(alice):
    other = build_world(UserFactory())
    client = client_for(alice)
    cache = {}
    for route, _names in _analysis_routes():
        assert client.get(_fill(route, other, cache)).status_code == 404, route


@pytest.mark.django_db
def test_start_then_build_timeline_and_help_through_pages(alice, alice_family):
    from tests.cases.helpers import weigh_extended_analysis

    weigh_extended_analysis(alice_family.cases.get())  # R113
    client = client_for(alice)
    base = f"/analyse/gezin/{alice_family.pk}/"
    assert client.post(base + "starten/", {"confirm_reason": ""}).status_code == 302
    assert FamilyAnalysis.objects.filter(family=alice_family).count() == 1
    response = client.post(base + "tijdlijn/nieuw/", {"occurred_on": "2015-03-01", "precision": "month",
                                                      "kind": "report", "title": "Melding AMK", "source": "AMK"})
    assert response.status_code == 302
    assert TimelineEvent.objects.get(family=alice_family).created_by == alice
    help_values = {"provider": "GGZ", "offer": "Gezinsopname", "started_on": "2016-01-01", "start_precision": "day",
                   "ended_on": "2015-01-01", "reason": "verslaving", "aimed_at": "family",
                   "life_domain": "gezondheid_ouders", "ending": "ended_early", "result": "afgebroken"}
    response = client.post(base + "hulp/nieuw/", help_values)
    assert response.status_code == 200
    assert "De hulp kan niet eindigen vóór de start" in response.content.decode()
    help_values["ended_on"] = "2016-05-01"
    assert client.post(base + "hulp/nieuw/", help_values).status_code == 302
    help_values["started_on"], help_values["ended_on"] = "2017-01-01", "2017-02-01"
    response = client.post(base + "hulp/nieuw/", help_values, follow=True)
    assert "eerder hulp ingezet" in response.content.decode()
    assert HelpEpisode.objects.filter(family=alice_family).count() == 2
    page = client.get(base).content.decode()
    assert 'class="gp-help-bar"' in page and "Herhaalde hulp" in page
    assert page.count('role="img"') >= 2  # genogram and timeline


@pytest.mark.django_db
def test_script_in_a_text_field_is_refused_in_dutch(alice, alice_family):
    client = client_for(alice)
    response = client.post(f"/analyse/gezin/{alice_family.pk}/tijdlijn/nieuw/", {
        "occurred_on": "2015-03-01", "precision": "day", "kind": "other", "title": "<script>alert(1)</script>",
        "source": "x"})
    assert response.status_code == 200
    assert "Schrijf gewone tekst zonder HTML of scripts" in response.content.decode()
    assert not TimelineEvent.objects.exists()


@pytest.mark.django_db
def test_goal_form_errors_are_dutch(alice, alice_family):
    af.analysis_for(alice_family, end_description="x", end_changeable="y", end_compensate="niets",
                    end_children_where="thuis")
    client = client_for(alice)
    response = client.post(f"/analyse/gezin/{alice_family.pk}/doelen/nieuw/", {
        "what": "Moeder blijft clean", "measurable": "urinecontroles", "who": "", "when": "", "progress": "150",
        "status": "active"})
    html = response.content.decode()
    assert "Vul in wie verantwoordelijk is" in html
    assert "Vul in wanneer het doel bereikt moet zijn" in html
    assert "0 tot en met 100" in html
    assert not Goal.objects.exists()


@pytest.mark.django_db
def test_publish_twice_on_the_same_version_keeps_the_note_and_refuses(alice, alice_family):
    af.analysis_for(alice_family, reason="Zelfmelding moeder")
    client = client_for(alice)
    url = f"/analyse/gezin/{alice_family.pk}/versie-vastleggen/"
    assert client.post(url, {"based_on": "", "note": "eerste"}).status_code == 302
    FamilyAnalysis.objects.filter(family=alice_family).update(reason="Zelfmelding moeder, nachtelijk alleen")
    assert client.post(url, {"based_on": "1", "note": "tweede"}).status_code == 302
    response = client.post(url, {"based_on": "1", "note": "mijn getypte toelichting"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "intussen vervangen door versie 2" in html
    assert "mijn getypte toelichting" in html
    assert FamilyPlanVersion.objects.filter(document__family=alice_family).count() == 2
    diff_page = client.get(f"/analyse/gezin/{alice_family.pk}/versies/2/").content.decode()
    assert "analysis.reason" in diff_page and "nachtelijk alleen" in diff_page


@pytest.mark.django_db
def test_pdf_download_is_logged_as_download(alice, alice_family):
    af.analysis_for(alice_family, reason="Zelfmelding")
    response = client_for(alice).get(f"/analyse/gezin/{alice_family.pk}/gezinsplan.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert re.match(r'attachment; filename="gezinsplan-[0-9a-f]{8}-v0\.pdf"', response["Content-Disposition"])
    entry = AccessLogEntry.objects.filter(family_id=alice_family.pk).latest("seq")
    assert entry.action == "download" and entry.channel == "download"


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(family, n):
    for _ in range(n):
        element = af.PatternElementFactory(family=family)
        af.GoalFactory(family=family, pattern_element=element)
        af.TimelineEventFactory(family=family)
        af.HelpEpisodeFactory(family=family)
        af.ConcernFactory(family=family)
        af.DangerStatementFactory(family=family)


@pytest.mark.django_db
def test_family_plan_page_query_count_does_not_grow(alice, alice_family):
    af.analysis_for(alice_family, end_description="x")
    client = client_for(alice)
    url = f"/analyse/gezin/{alice_family.pk}/"
    _grow(alice_family, 1)
    af.published_version(alice_family, alice)
    small = _count(client, url)
    _grow(alice_family, 10)
    for _ in range(3):
        af.published_version(alice_family, alice)
    assert _count(client, url) == small


@pytest.mark.django_db
def test_stale_edit_on_the_page_keeps_the_typed_text_and_shows_what_changed(alice, alice_family):
    event = af.TimelineEventFactory(family=alice_family, title="Melding")
    TimelineEvent.objects.filter(pk=event.pk).update(version=2, title="Melding AMK")  # someone else saved
    response = client_for(alice).post(f"/analyse/gezin/{alice_family.pk}/tijdlijn/{event.pk}/", {
        "version": "1", "occurred_on": "2015-03-01", "precision": "day", "kind": "report",
        "title": "Mijn nieuwe titel", "source": "AMK"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert "Mijn nieuwe titel" in html and "Melding AMK" in html
    assert TimelineEvent.objects.get(pk=event.pk).title == "Melding AMK"


@pytest.mark.django_db
def test_api_analysis_lists_query_count_does_not_grow(alice, alice_family):
    client = client_for(alice)
    urls = [f"/api/v1/families/{alice_family.pk}/analysis/{c}/" for c in ("timeline-events", "goals")]
    urls.append(f"/api/v1/families/{alice_family.pk}/analysis/")
    af.analysis_for(alice_family, end_description="x")
    _grow(alice_family, 1)
    small = [_count(client, url) for url in urls]
    _grow(alice_family, 8)
    assert [_count(client, url) for url in urls] == small


def _grow_parts(family, user, n):
    """Rows of every newer part of the plan, with persons and links, so per-row queries would show."""
    from gezinsplan.analysis.models import PlanEndorsement
    from tests.factories import PersonFactory

    for i in range(n):
        parent = PersonFactory(family=family, family_role="parent", birth_date=None)
        child = PersonFactory(family=family)
        element = af.PatternElementFactory(family=family, person=parent)
        element.members.set([parent, child])
        event = af.TimelineEventFactory(family=family, kind="incident", person=child)
        event.patterns.set([element])
        af.HelpEpisodeFactory(family=family, person=parent, aimed_at="parent", targets=element)
        concern = af.ConcernFactory(family=family, threat="t", desired_outcome="d")
        af.GoalFactory(family=family, pattern_element=element, concern=concern, provider=f"Aanbieder {i}")
        af.BackgroundFactory(family=family, person=parent)
        af.ScreeningItemFactory(family=family, person=parent, category="debts" if i % 2 else "addiction")
        af.LifeDomainReviewFactory(family=family, domain=["huisvesting", "school", "wijk", "netwerk"][i % 4])
        af.RelationalFunctionFactory(family=family, from_person=parent, to_person=child)
        af.ContactNoteFactory(family=family)
        af.InstrumentUseFactory(family=family)
        af.QuestionnaireFactory(family=family, person=parent)
        PlanEndorsement.objects.create(family=family, version_number=1, person=child, stance="agrees")
        af.intake_task(family, user)


@pytest.mark.django_db
def test_family_plan_page_with_every_part_keeps_a_constant_query_count(alice, alice_family):
    """The family-plan page does not query per row for the newer parts either (R253 counts, R139 links, R516)."""
    af.analysis_for(alice_family, end_description="x")
    af.published_version(alice_family, alice)
    client = client_for(alice)
    url = f"/analyse/gezin/{alice_family.pk}/"
    _grow_parts(alice_family, alice, 1)
    small = _count(client, url)
    _grow_parts(alice_family, alice, 6)
    assert _count(client, url) == small


@pytest.mark.django_db
def test_api_lists_of_every_part_keep_a_constant_query_count(alice, alice_family):
    from gezinsplan.analysis.api_views import COLLECTIONS

    af.analysis_for(alice_family, end_description="x")
    client = client_for(alice)
    urls = [f"/api/v1/families/{alice_family.pk}/analysis/{c}/" for c in COLLECTIONS]
    _grow_parts(alice_family, alice, 1)
    small = [_count(client, url) for url in urls]
    _grow_parts(alice_family, alice, 5)
    assert [_count(client, url) for url in urls] == small


@pytest.mark.django_db
def test_r252_missing_genogram_timeline_list_keeps_a_constant_query_count(alice):
    from tests.factories import MunicipalityFactory, involve

    westland = MunicipalityFactory(name="Westland")
    client = client_for(alice)

    def add(n):
        for _ in range(n):
            family = involve(alice).case.family
            family.municipality = westland
            family.save()

    add(1)
    small = _count(client, "/analyse/genogram-en-tijdlijn-ontbreken/")
    add(8)
    assert _count(client, "/analyse/genogram-en-tijdlijn-ontbreken/") == small
