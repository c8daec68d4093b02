"""`manage.py generate_synthetic` builds a consistent data set: valid BSNs, cases with active involvements,
the work on a share of the open cases, and an access log whose hash chain verifies."""

from io import StringIO

import pytest
from django.core.management import call_command
from stdnum.nl import bsn

from gezinsplan.accounts.constants import Role
from gezinsplan.accounts.models import User
from gezinsplan.analysis.models import FamilyPlan
from gezinsplan.cases.models import Case, CaseStatus, Involvement
from gezinsplan.collaboration.models import Meeting
from gezinsplan.core import policy
from gezinsplan.core.management.commands.generate_synthetic import bsn_check_digit
from gezinsplan.core.models import ChangeRecord
from gezinsplan.families.models import Family, Person, Relationship
from gezinsplan.families.services import name_key
from gezinsplan.privacy.models import AccessLogEntry, AccessLogHead
from gezinsplan.safety.models import SafetyPlan


def test_check_digit_makes_a_valid_bsn():
    for prefix in ("11122233", "12345678", "98765432", "10000000"):
        digit = bsn_check_digit(prefix)
        if digit is None:
            assert not any(bsn.is_valid(f"{prefix}{d}") for d in range(10))
        else:
            assert bsn.is_valid(f"{prefix}{digit}")


@pytest.mark.django_db
def test_generate_synthetic_builds_a_consistent_data_set():
    out = StringIO()
    call_command("generate_synthetic", families=50, seed=7, batch=20, stdout=out)

    assert Family.objects.count() == 50
    persons = list(Person.objects.all())
    assert 110 <= len(persons) <= 190
    bsns = [p.bsn for p in persons if p.bsn]
    assert len(bsns) >= 0.9 * len(persons)
    assert all(bsn.is_valid(number) for number in bsns)
    assert len(set(bsns)) == len(bsns)
    assert all(p.name_key == name_key(p.first_name, p.last_name) for p in persons)
    assert Relationship.objects.exists()

    assert 50 <= Case.objects.count() <= 100
    assert Case.objects.filter(status=CaseStatus.OPEN).count() == 50
    active = policy.active_involvements()
    per_family = {}
    for family_id in active.values_list("case__family_id", flat=True):
        per_family[family_id] = per_family.get(family_id, 0) + 1
    assert len(per_family) == 50 and all(1 <= n <= 3 for n in per_family.values())
    assert Involvement.objects.count() >= active.count()
    assert ChangeRecord.objects.count() > 50

    bench = User.objects.get(username="bench.lt")
    assert bench.role == Role.LT_PROFESSIONAL and bench.check_password("bench-wachtwoord-2026")
    assert policy.visible_families(bench).exists()
    assert not User.objects.get(username="syn1.lt00002").has_usable_password()
    assert "bench.lt" in out.getvalue()

    head = AccessLogHead.objects.get(pk=1)
    assert head.last_seq == AccessLogEntry.objects.count() > 50
    call_command("verify_access_log", stdout=StringIO())

    # A second run appends a new set and keeps the chain whole.
    call_command("generate_synthetic", families=5, seed=7, stdout=StringIO())
    assert Family.objects.count() == 55
    assert User.objects.filter(username="bench2.lt").exists()
    call_command("verify_access_log", stdout=StringIO())


@pytest.mark.django_db
def test_generate_synthetic_records_the_work_on_a_share_of_the_open_cases():
    """Safety, analysis, collaboration and case records exist after a small run, valid, on open cases, and the
    versioned documents point at their latest version."""
    from gezinsplan.core.management.commands._case_content import INSERT_ORDER, WORKED_SHARE

    call_command("generate_synthetic", families=40, seed=7, batch=15, stdout=StringIO())

    open_cases = Case.objects.filter(status=CaseStatus.OPEN)
    worked = SafetyPlan.objects.values_list("case_id", flat=True)
    assert set(worked) <= set(open_cases.values_list("id", flat=True))
    assert 0.5 * WORKED_SHARE * 40 <= len(worked) < 40
    # The bench professional's own open cases all carry the work: the bench measures pages with content.
    bench_cases = policy.visible_cases(User.objects.get(username="bench.lt")).filter(status=CaseStatus.OPEN)
    assert set(bench_cases.values_list("id", flat=True)) <= set(worked)

    for model in INSERT_ORDER:
        if model._meta.auto_created:  # the core decisions' participants
            assert model.objects.exists(), model
            continue
        rows = list(model._default_manager.all()[:3])
        assert rows, f"no {model.__name__}"
        for row in rows:
            row.full_clean(validate_unique=False, validate_constraints=False)
    for plan in [*SafetyPlan.objects.all(), *FamilyPlan.objects.all()]:
        assert plan.current == plan.versions.order_by("-number").first()
    assert set(Meeting.objects.values_list("family_id", flat=True)) <= set(
        Case.objects.filter(pk__in=worked).values_list("family_id", flat=True))
    call_command("verify_access_log", stdout=StringIO())
