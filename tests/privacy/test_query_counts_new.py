"""The new list pages keep a constant number of queries whatever the data size."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gezinsplan.accounts import services as account_services
from gezinsplan.privacy.models import LegalHold
from gezinsplan.privacy.services import consent_record
from tests.conftest import client_for
from tests.factories import PersonFactory, TeamFactory, UserFactory, involve


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_follow_ups_and_retention_pages_query_count_does_not_grow(lead, household):
    family = household["family"]
    client = client_for(lead)

    def grow():
        consent_record(actor=lead, family=family, children=[household["Mila"]], given_by=[household["mother"]],
                       information="verslag", recipient="GI", purpose="sparren", form="oral", given_on=dt.date.today(),
                       granted=False, explained="uitleg", subject="gi_sparring")
        LegalHold.objects.create(family=family, reason="klacht", placed_by=lead)

    grow()
    small = {url: _count(client, url) for url in (f"/privacy/gezin/{family.pk}/opvolging/",
                                                  f"/privacy/gezin/{family.pk}/bewaren/")}
    for _ in range(4):
        grow()
    assert {url: _count(client, url) for url in small} == small


@pytest.mark.django_db
def test_consultation_hour_query_count_does_not_grow():
    lawyer = UserFactory(role="lawyer")
    client = client_for(lawyer)

    def grow():
        asker = UserFactory()
        case = involve(asker).case
        PersonFactory(family=case.family)
        account_services.expert_consultation_record(actor=asker, case=case, kind="legal", expert=lawyer,
                                                    question="Mag dit?")

    grow()
    small = _count(client, "/account/spreekuur/")
    for _ in range(4):
        grow()
    assert _count(client, "/account/spreekuur/") == small


@pytest.mark.django_db
def test_team_training_query_count_does_not_grow():
    lead = UserFactory(role="team_lead")
    lead.team = TeamFactory(organisation=lead.organisation)
    lead.save()
    client = client_for(lead)

    def grow():
        member = UserFactory(organisation=lead.organisation, team=lead.team)
        account_services.training_attendance_record(actor=lead, users=[member], kind="reflection",
                                                    held_on=dt.date.today())

    grow()
    small = _count(client, "/account/team/training/")
    for _ in range(4):
        grow()
    assert _count(client, "/account/team/training/") == small
