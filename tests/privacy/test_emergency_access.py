"""Emergency access (noodknop): a reason, time-limited, read only, flagged in the log, on the team lead's list."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gezinsplan.core import policy
from gezinsplan.privacy.models import AccessLogEntry, EmergencyAccess
from gezinsplan.privacy.services import emergency_access_open, emergency_access_review
from tests.conftest import client_for
from tests.factories import PersonFactory, TeamFactory, UserFactory, involve


@pytest.fixture
def team(db):
    return TeamFactory()


@pytest.fixture
def outsider(team):
    return UserFactory(username="dienst", organisation=team.organisation, team=team)


@pytest.fixture
def family(db):
    family = involve(UserFactory()).case.family
    PersonFactory(family=family, bsn="111222333", birth_date=dt.date(2015, 3, 14), first_name="Sem")
    return family


def _open(client, reason="Crisisdienst: politie meldt geweld, ik moet de veiligheidsafspraken zien."):
    return client.post("/privacy/noodtoegang/", {"bsn": "111222333", "birth_date": "2015-03-14", "reason": reason})


@pytest.mark.django_db
def test_without_involvement_the_family_is_not_found(outsider, family):
    assert client_for(outsider).get(f"/gezinnen/{family.pk}/").status_code == 404


@pytest.mark.django_db
def test_emergency_access_without_a_reason_is_refused(outsider, family):
    response = _open(client_for(outsider), reason="")
    assert response.status_code == 200 and "Geef de reden" in response.content.decode()
    assert not EmergencyAccess.objects.exists()
    with pytest.raises(ValidationError):
        emergency_access_open(actor=outsider, family=family, reason="   ")


@pytest.mark.django_db
def test_wrong_birth_date_finds_nothing(outsider, family):
    response = client_for(outsider).post("/privacy/noodtoegang/", {"bsn": "111222333", "birth_date": "2015-03-15",
                                                                   "reason": "Crisisdienst, acuut gevaar"})
    assert "Geen gezin gevonden" in response.content.decode()
    assert not EmergencyAccess.objects.exists()


@pytest.mark.django_db
def test_emergency_access_is_read_only_time_limited_and_flagged_in_the_log(outsider, family, settings):
    client = client_for(outsider)
    response = _open(client)
    assert response.status_code == 302 and response["Location"] == f"/gezinnen/{family.pk}/"
    page = client.get(f"/gezinnen/{family.pk}/")
    assert page.status_code == 200 and "noodtoegang" in page.content.decode()
    assert client.get(f"/gezinnen/{family.pk}/wijzigen/").status_code == 403
    entries = AccessLogEntry.objects.filter(family_id=family.pk, user=outsider)
    assert entries.exists() and all(e.emergency for e in entries)
    assert all(e.reason.startswith("noodtoegang: Crisisdienst") for e in entries)
    access = EmergencyAccess.objects.get()
    assert access.expires_at - access.opened_at == dt.timedelta(hours=settings.GEZINSPLAN_EMERGENCY_ACCESS_HOURS)
    EmergencyAccess.objects.filter(pk=access.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert client.get(f"/gezinnen/{family.pk}/").status_code == 404
    assert policy.family_grant(outsider, family) is None


@pytest.mark.django_db
def test_emergency_access_shows_in_the_familys_log_and_on_the_team_leads_review_list(outsider, family, team):
    _open(client_for(outsider))
    lead = involve(UserFactory(), family).user
    log = client_for(lead).get(f"/privacy/gezin/{family.pk}/toegangslog/", {"emergency": "on"})
    # an involved professional's log page asks for the second factor first (not demo mode)
    assert log.status_code == 200 and "tweestapsverificatie" in log.content.decode()
    team_lead = UserFactory(role="team_lead", organisation=team.organisation, team=team)
    reviews = client_for(team_lead).get("/privacy/noodtoegang/beoordelen/")
    assert outsider.get_full_name() in reviews.content.decode()
    access = EmergencyAccess.objects.get()
    with pytest.raises(ValidationError):
        emergency_access_review(actor=team_lead, access=access, note="")
    response = client_for(team_lead).post(f"/privacy/noodtoegang/{access.pk}/beoordelen/",
                                          {"note": "Terecht: crisis buiten kantoortijd."})
    assert response.status_code == 302
    access.refresh_from_db()
    assert access.reviewed_by == team_lead and access.review_note.startswith("Terecht")


@pytest.mark.django_db
def test_another_teams_lead_cannot_review(outsider, family):
    _open(client_for(outsider))
    stranger = UserFactory(role="team_lead", team=TeamFactory())
    access = EmergencyAccess.objects.get()
    assert client_for(stranger).post(f"/privacy/noodtoegang/{access.pk}/beoordelen/",
                                     {"note": "ok"}).status_code == 403


@pytest.mark.django_db
def test_roles_without_personal_data_have_no_emergency_button(family):
    for role in ("policy_officer", "functional_admin", "privacy_officer"):
        assert _open(client_for(UserFactory(role=role))).status_code == 403
