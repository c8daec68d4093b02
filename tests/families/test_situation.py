"""The family's situation over time: registration and residence (R246), care arrangements (R249), bewindvoering
(R250), each child's own story (R316), each member's contribution to safety (R596), the words-and-pictures story
(R665) and the 'last chance' family (R683)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gezinsplan.core.records import StaleEdit
from gezinsplan.families import selectors, services
from gezinsplan.families.models import FinancialAdministrator, StoryStatus
from tests.conftest import client_for
from tests.factories import MunicipalityFactory, PersonFactory, UserFactory, involve

TODAY = dt.date.today()


@pytest.fixture
def lead(db):
    return UserFactory()


@pytest.fixture
def family(lead):
    return involve(lead).case.family


@pytest.fixture
def members(family):
    nadia = PersonFactory(family=family, family_role="parent", first_name="Nadia", birth_date=None, gender="v")
    vader = PersonFactory(family=family, family_role="parent", first_name="Roel", birth_date=None, gender="m")
    chris = PersonFactory(family=family, first_name="Chris")
    sanne = PersonFactory(family=family, first_name="Sanne")
    return {"nadia": nadia, "vader": vader, "chris": chris, "sanne": sanne}


@pytest.mark.django_db
def test_r246_registration_and_residence_over_time_flag_another_municipality(lead, family, members):
    amsterdam = MunicipalityFactory(name="Amsterdam")
    services.residence_add(actor=lead, family=family, person=members["nadia"], kind="registration",
                           municipality=family.municipality, since=dt.date(2020, 1, 1))
    assert selectors.family_situation(family=family).registration_elsewhere == []
    services.residence_add(actor=lead, family=family, person=members["nadia"], kind="registration",
                           municipality=amsterdam, since=dt.date(2024, 6, 1))
    services.residence_add(actor=lead, family=family, person=members["nadia"], kind="residence",
                           situation="shelter", since=dt.date(2024, 7, 1))
    flagged = selectors.family_situation(family=family).registration_elsewhere
    assert [(p.first_name, m.name) for p, m in flagged] == [("Nadia", "Amsterdam")]
    page = client_for(lead).get(f"/gezinnen/{family.pk}/").content.decode()
    assert "Nadia staat ingeschreven in een andere gemeente (Amsterdam)" in page and "gezinsopvang" in page
    with pytest.raises(ValidationError) as error:
        services.residence_add(actor=lead, family=family, person=members["chris"], kind="registration",
                               situation="no_fixed", since=TODAY)
    assert "municipality" in error.value.message_dict and "situation" in error.value.message_dict


@pytest.mark.django_db
def test_r246_residence_form_page(lead, family, members):
    client = client_for(lead)
    url = f"/gezinnen/{family.pk}/verblijf/nieuw/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"person": members["chris"].pk, "kind": "residence", "situation": "no_fixed",
                                 "since": TODAY.isoformat()})
    assert response.status_code == 302
    assert selectors.family_situation(family=family).residences[0].situation == "no_fixed"


@pytest.mark.django_db
def test_r249_co_parenting_with_conditions_is_recorded_and_in_the_history(lead, family, members):
    with pytest.raises(ValidationError) as error:
        services.arrangement_add(actor=lead, family=family, child=members["chris"], kind="co_parenting",
                                 adults=[members["vader"]], starts_on=TODAY)
    assert "twee volwassenen" in error.value.message_dict["adults"][0]
    with pytest.raises(ValidationError):
        services.arrangement_add(actor=lead, family=family, child=members["chris"], kind="co_parenting",
                                 adults=[members["vader"], members["sanne"]], starts_on=TODAY)
    arrangement = services.arrangement_add(actor=lead, family=family, child=members["chris"], kind="co_parenting",
                                           adults=[members["vader"], members["nadia"]], starts_on=TODAY,
                                           conditions="Nadia trekt niet in bij vader.")
    assert set(arrangement.adults.all()) == {members["vader"], members["nadia"]}
    page = client_for(lead).get(f"/gezinnen/{family.pk}/").content.decode()
    assert "co-ouderschap" in page and "Nadia trekt niet in bij vader." in page
    from gezinsplan.core.models import ChangeRecord

    assert ChangeRecord.objects.filter(family_id=family.pk, object_id=str(arrangement.pk)).exists()


@pytest.mark.django_db
def test_r250_bewindvoerder_changes_are_dated_reasoned_and_counted(lead, family):
    first = services.administrator_add(actor=lead, family=family, name="Bewind Noord",
                                       appointed_on=dt.date(2022, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.administrator_add(actor=lead, family=family, name="Bewind Zuid", appointed_on=dt.date(2023, 1, 1))
    assert "reden van de wisseling" in error.value.message_dict["change_reason"][0]
    services.administrator_add(actor=lead, family=family, name="Bewind Zuid", appointed_on=dt.date(2023, 1, 1),
                               change_reason="samenwerking liep vast")
    services.administrator_add(actor=lead, family=family, name="Bewind West", appointed_on=dt.date(2024, 1, 1),
                               change_reason="bewindvoerder stopte")
    first.refresh_from_db()
    assert first.ended_on == dt.date(2023, 1, 1)
    assert FinancialAdministrator.objects.filter(family=family, ended_on__isnull=True).count() == 1
    assert selectors.family_situation(family=family).administrator_changes == 2
    assert "2 wisselingen van bewindvoerder" in client_for(lead).get(f"/gezinnen/{family.pk}/").content.decode()


@pytest.mark.django_db
def test_r316_each_child_has_an_own_story_and_the_page_flags_who_is_missing(lead, family, members):
    situation = selectors.family_situation(family=family)
    assert {c.first_name for c in situation.children_without_perspective} == {"Chris", "Sanne"}
    client = client_for(lead)
    response = client.post(f"/gezinnen/{family.pk}/verhalen-kinderen/nieuw/", {
        "child": members["chris"].pk, "own_story": "Chris mist zijn vader en wil vaker bij hem zijn.",
        "wishes": "Elke week naar papa", "heard_how": "gesprek op school", "heard_on": TODAY.isoformat()})
    assert response.status_code == 302
    page = client.get(f"/gezinnen/{family.pk}/").content.decode()
    assert "Chris mist zijn vader" in page
    assert "Nog geen eigen verhaal vastgelegd van: Sanne" in page
    with pytest.raises(ValidationError):
        services.perspective_add(actor=lead, family=family, child=members["nadia"], own_story="x", heard_how="y",
                                 heard_on=TODAY)


@pytest.mark.django_db
def test_r596_every_member_siblings_too_gets_a_contribution_to_safety(lead, family, members):
    for person in members.values():
        assert person in selectors.family_situation(family=family).members_without_contribution
    services.contribution_add(actor=lead, family=family, person=members["sanne"],
                              contribution="Sanne belt oma als het thuis onrustig wordt.", recorded_on=TODAY)
    missing = selectors.family_situation(family=family).members_without_contribution
    assert members["sanne"] not in missing and members["chris"] in missing
    with pytest.raises(ValidationError):
        services.contribution_add(actor=lead, family=family, person=members["sanne"], contribution="",
                                  recorded_on=TODAY + dt.timedelta(days=2))


@pytest.mark.django_db
def test_r665_the_story_is_agreed_with_the_parents_before_the_child_hears_it(lead, family, members):
    story = services.story_add(actor=lead, family=family, title="Waarom Chris bij oma woont",
                               children=[members["chris"]], three_houses=True)
    client = client_for(lead)
    advance = f"/gezinnen/{family.pk}/woord-beeldverhalen/{story.pk}/volgende-stap/"
    assert client.get(advance).status_code == 200
    response = client.post(advance, {"version": story.version}, follow=True)
    assert "welke ouders het eens zijn" in response.content.decode()
    story.refresh_from_db()
    assert story.status == StoryStatus.DRAFT and story.discussed_on is None
    with pytest.raises(ValidationError):
        services.story_update(actor=lead, story=story, version=None, title=story.title,
                              children=[members["chris"]], agreed_by=[members["sanne"]])
    story = services.story_update(actor=lead, story=story, version=None, title=story.title,
                                  children=[members["chris"]], agreed_by=[members["nadia"], members["vader"]],
                                  told_not_to_blame=True)
    client.post(advance, {"version": story.version})
    story.refresh_from_db()
    assert story.status == StoryStatus.AGREED and story.agreed_on == TODAY
    client.post(advance, {"version": story.version})
    story.refresh_from_db()
    assert story.status == StoryStatus.DISCUSSED and story.discussed_on == TODAY and story.told_not_to_blame
    with pytest.raises(ValidationError):
        services.story_advance(actor=lead, story=story, version=story.version)


@pytest.mark.django_db
def test_r683_last_chance_family_needs_markers_and_a_closing_note(lead, family):
    client = client_for(lead)
    url = f"/gezinnen/{family.pk}/wijzigen/"
    data = {"name": family.name, "municipality": family.municipality_id, "version": family.version,
            "last_chance": "on", "last_chance_markers": ["debts"]}
    response = client.post(url, data)
    assert response.status_code == 200 and "minstens twee kenmerken" in response.content.decode()
    data["last_chance_markers"] = ["debts", "rent_arrears", "police"]
    assert client.post(url, data).status_code == 302
    family.refresh_from_db()
    assert family.last_chance and family.last_chance_markers == ["debts", "rent_arrears", "police"]
    assert "huurachterstand" in client.get(f"/gezinnen/{family.pk}/").content.decode()
    family.cases.update(status="closed", closed_on=TODAY)
    assert selectors.family_situation(family=family).last_chance_close_missing
    assert "weer zelf kan" in client.get(f"/gezinnen/{family.pk}/").content.decode()
    family = services.family_update(actor=lead, family=family, version=None,
                                    self_reliance_at_close="Huur weer op tijd; oma en buurvrouw vangen op.")
    assert not selectors.family_situation(family=family).last_chance_close_missing


@pytest.mark.django_db
def test_family_page_query_count_does_not_grow_with_the_situation_rows(lead, family, members):
    client = client_for(lead)
    url = f"/gezinnen/{family.pk}/"

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def grow():
        services.residence_add(actor=lead, family=family, person=members["chris"], kind="registration",
                               municipality=MunicipalityFactory(), since=TODAY)
        services.arrangement_add(actor=lead, family=family, child=members["chris"], kind="co_parenting",
                                 adults=[members["vader"], members["nadia"]], starts_on=TODAY)
        services.perspective_add(actor=lead, family=family, child=members["sanne"], own_story="s", heard_how="h",
                                 heard_on=TODAY)
        services.contribution_add(actor=lead, family=family, person=members["vader"], contribution="c",
                                  recorded_on=TODAY)
        services.story_add(actor=lead, family=family, title="t", children=[members["chris"]],
                           agreed_by=[members["nadia"]])

    grow()
    small = count()
    for _ in range(4):
        grow()
    assert count() == small


# --- Nothing lost: a stale step of a story is refused --------------------------------------------------------------

def _agreed_draft(lead, family, members):
    return services.story_add(actor=lead, family=family, title="Waarom Chris bij oma woont",
                              children=[members["chris"]], agreed_by=[members["nadia"], members["vader"]])


@pytest.mark.django_db
def test_r665_stale_story_step_refused_in_the_service(lead, family, members):
    """A second 'parents agree' on an older page must not record 'discussed with the child'."""
    story = _agreed_draft(lead, family, members)
    opened_on = story.version
    services.story_advance(actor=lead, story=story, version=opened_on)
    story.refresh_from_db()
    with pytest.raises(StaleEdit):
        services.story_advance(actor=lead, story=story, version=opened_on)
    story.refresh_from_db()
    assert story.status == StoryStatus.AGREED and story.discussed_on is None


@pytest.mark.django_db
def test_r665_stale_story_step_page_shows_the_story_as_it_is_now(lead, family, members):
    story = _agreed_draft(lead, family, members)
    colleague = UserFactory()
    involve(colleague, family)
    advance = f"/gezinnen/{family.pk}/woord-beeldverhalen/{story.pk}/volgende-stap/"
    opened = client_for(colleague).get(advance).context["form"].initial
    assert opened == {"version": story.version}
    without = client_for(colleague).post(advance)  # a page from before the version was carried
    assert without.status_code == 200 and "mist de versie" in without.content.decode()
    assert client_for(lead).post(advance, opened).status_code == 302
    response = client_for(colleague).post(advance, opened)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in body and "Besproken met het kind" in body
    story.refresh_from_db()
    assert story.status == StoryStatus.AGREED and story.discussed_on is None
    assert client_for(colleague).post(advance, {"version": story.version}).status_code == 302  # now on purpose
    story.refresh_from_db()
    assert story.status == StoryStatus.DISCUSSED
