"""R349 retention periods: a date per family from the organisation types involved (STANDARDS.md), a dry run that
lists, a run that hard-deletes in dependency order and keeps a record without personal data, and requests for earlier
destruction with their exceptions."""

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from gezinsplan.cases.models import Case, ChildMeasure, Involvement
from gezinsplan.core.models import ChangeRecord
from gezinsplan.families.models import Family, Person
from gezinsplan.privacy.models import AccessLogEntry, DestructionRecord, DestructionRequest, LegalHold
from gezinsplan.privacy.retention import destruction_request_decide, destruction_request_record, family_retention
from tests.conftest import client_for
from tests.factories import (
    OrganisationFactory,
    PersonFactory,
    RelationshipFactory,
    TeamFactory,
    UserFactory,
    involve,
)
from tests.privacy.factories import ConsentFactory, DisclosureFactory


def _closed_family(closed_on, *, org_type="lokaal_team", child_birth=dt.date(2010, 6, 1)):
    user = UserFactory(organisation=OrganisationFactory(type=org_type))
    inv = involve(user)
    case = inv.case
    Case.objects.filter(pk=case.pk).update(status="closed", closed_on=closed_on)
    family = case.family
    child = PersonFactory(family=family, birth_date=child_birth)
    return family, child, user


@pytest.mark.django_db
def test_youth_care_keeps_20_years_after_care_ends():
    family, _child, _user = _closed_family(dt.date(2020, 5, 1))
    retention = family_retention(family)
    assert retention.destroy_on == dt.date(2040, 5, 1) and "20 jaar" in retention.rule


@pytest.mark.django_db
def test_veilig_thuis_keeps_until_the_youngest_is_18_and_the_latest_rule_wins():
    family, _child, _user = _closed_family(dt.date(2001, 1, 1), org_type="veilig_thuis",
                                           child_birth=dt.date(2015, 2, 3))
    assert family_retention(family).destroy_on == dt.date(2033, 2, 3)
    involve(UserFactory(), family)
    Case.objects.filter(family=family).update(status="closed", closed_on=dt.date(2020, 1, 1))
    assert family_retention(family).destroy_on == dt.date(2040, 1, 1)


@pytest.mark.django_db
def test_gi_with_ots_keeps_30_years_after_majority():
    family, child, user = _closed_family(dt.date(2020, 1, 1), org_type="gi", child_birth=dt.date(2010, 6, 1))
    case = Case.objects.get(family=family)
    ChildMeasure.objects.create(case=case, child=child, kind="ots", pronounced_on=dt.date(2018, 1, 1),
                                starts_on=dt.date(2018, 1, 1), ends_on=dt.date(2019, 1, 1),
                                recorded_by_organisation=user.organisation)
    assert family_retention(family).destroy_on == dt.date(2058, 6, 1)


@pytest.mark.django_db
def test_an_open_case_or_a_legal_hold_keeps_the_file(alice, alice_family):
    assert family_retention(alice_family).destroy_on is None
    family, _child, user = _closed_family(dt.date(1990, 1, 1))
    LegalHold.objects.create(family=family, reason="klachtprocedure", placed_by=user)
    assert family_retention(family).blocked_by


@pytest.mark.django_db
def test_retention_dry_run_lists_and_destroys_nothing():
    old, _child, _user = _closed_family(dt.date(2000, 1, 1))
    recent, _child2, _user2 = _closed_family(dt.date(2020, 1, 1))
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    text = out.getvalue()
    assert str(old.pk) in text and str(recent.pk) not in text and "1 gezin(nen) zou vernietigen" in text
    assert Family.all_objects.filter(pk=old.pk).exists()
    assert not DestructionRecord.objects.exists()


@pytest.mark.django_db
def test_apply_retention_hard_deletes_in_dependency_order_and_records_counts():
    family, child, user = _closed_family(dt.date(2000, 1, 1))
    parent = PersonFactory(family=family, family_role="parent", birth_date=None, last_name="Geheim")
    RelationshipFactory(family=family, from_person=parent, to_person=child, has_custody=True)
    consent = ConsentFactory(family=family, children=[child], given_by=[parent])
    DisclosureFactory(family=family, basis="consent", consent=consent)
    ChangeRecord.objects.create(family_id=family.pk, object_type="person", object_id=child.pk, action="create",
                                changes={"naam": ["", "Geheim"]}, user=user)
    client_for(user).get(f"/gezinnen/{family.pk}/")  # leaves an access-log line, which is kept
    keep, _c, _u = _closed_family(dt.date(2020, 1, 1))
    call_command("apply_retention", stdout=StringIO())
    assert not Family.all_objects.filter(pk=family.pk).exists()
    assert not Person.all_objects.filter(family_id=family.pk).exists()
    assert not Involvement.objects.filter(case__family_id=family.pk).exists()
    assert not ChangeRecord.objects.filter(family_id=family.pk).exists()
    assert Family.all_objects.filter(pk=keep.pk).exists()
    record = DestructionRecord.objects.get()
    assert record.family_id == family.pk and record.reason == "retention"
    assert record.counts["families.Person"] == 2 and record.counts["privacy.Consent"] == 1
    assert "Geheim" not in str(record.counts) + record.rule  # no personal data in the record
    assert AccessLogEntry.objects.filter(family_id=family.pk).exists()


@pytest.fixture
def lead_and_family(db):
    team = TeamFactory()
    worker = UserFactory(organisation=team.organisation, team=team)
    family, child, _user = _closed_family(dt.date(2024, 1, 1), child_birth=dt.date(2011, 1, 1))
    involve(worker, family)
    Case.objects.filter(family=family).update(status="closed", closed_on=dt.date(2024, 1, 1))
    team_lead = UserFactory(role="team_lead", organisation=team.organisation, team=team)
    return worker, team_lead, family, child


@pytest.mark.django_db
def test_destruction_request_under_a_legal_hold_is_refused(lead_and_family):
    worker, team_lead, family, child = lead_and_family
    request = destruction_request_record(actor=worker, family=family, requested_by=child,
                                         received_on=dt.date.today())
    LegalHold.objects.create(family=family, reason="lopende rechtszaak", placed_by=worker)
    with pytest.raises(ValidationError) as error:
        destruction_request_decide(actor=team_lead, request=request, grant=True, note="akkoord")
    assert "bewaarplicht (lopende rechtszaak)" in error.value.messages[0]
    request.refresh_from_db()
    assert request.status == "open"


@pytest.mark.django_db
def test_a_granted_request_destroys_the_file_on_the_next_run(lead_and_family):
    worker, team_lead, family, child = lead_and_family
    request = destruction_request_record(actor=worker, family=family, requested_by=child,
                                         received_on=dt.date.today())
    destruction_request_decide(actor=team_lead, request=request, grant=True, note="Geen bezwaren.")
    call_command("apply_retention", stdout=StringIO())
    assert not Family.all_objects.filter(pk=family.pk).exists()
    assert DestructionRecord.objects.get().reason == "request"
    assert not DestructionRequest.objects.exists()  # it was part of the family's file


@pytest.mark.django_db
def test_a_child_under_12_cannot_ask_for_destruction(lead_and_family):
    worker, _team_lead, family, _child = lead_and_family
    young = PersonFactory(family=family, birth_date=dt.date.today() - dt.timedelta(days=365 * 9))
    with pytest.raises(ValidationError) as error:
        destruction_request_record(actor=worker, family=family, requested_by=young, received_on=dt.date.today())
    assert "vanaf 12 jaar" in error.value.message_dict["requested_by"][0]
