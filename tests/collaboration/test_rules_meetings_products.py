"""Products 1 and 2a of seed 001, through the services of the cases and privacy apps: product 1 leaves the case
direction alone and needs no beschikking; 2a needs the LT team decision, has a 25-hour budget per deployment that
can be repeated, and records its trigger."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gezinsplan.accounts.models import FixedProtector
from gezinsplan.cases import products
from gezinsplan.cases.models import Case, IndicationReason, ProductIndication
from gezinsplan.cases.responsibility import Party, case_responsibility
from gezinsplan.privacy.models import AnonymousConsultation
from gezinsplan.privacy.services import anonymous_consultation_record
from tests.cases.helpers import START, hours, indicate_2a, make_world, weigh_gi_needed
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def _consult(world, actor, consulted):
    municipality = MunicipalityFactory()
    FixedProtector.objects.create(protector=world.gi, municipality=municipality)
    return anonymous_consultation_record(
        actor=actor,
        municipality=municipality,
        consulted=consulted,
        held_on=START,
        question="Vader (40), twee kinderen, zorgen over drankgebruik. Drang?",
    )


def test_r200_product_1_leaves_the_case_director_unchanged(monkeypatch):
    """R200: recording a product 1 consultation changes nothing in who holds the regie, either way round."""
    monkeypatch.setattr("gezinsplan.core.policy.today", lambda: START)
    world = make_world()
    before = (case_responsibility(world.refresh()).lead, list(world.case.involvements.values_list("user_id", "role")))
    assert before[0] == Party.LT
    _consult(world, world.lt, world.gi)
    _consult(world, world.gi, world.lt)  # the other direction too
    case = Case.objects.get(pk=world.case.pk)
    after = (case_responsibility(case).lead, list(case.involvements.values_list("user_id", "role")))
    assert after == before and case.phase == "lt"


def test_r203_product_1_needs_no_beschikking_and_makes_no_report(monkeypatch):
    """R203: no decision (beschikking) step, no indication, no official advice report in the family file."""
    monkeypatch.setattr("gezinsplan.core.policy.today", lambda: START)
    world = make_world()
    consultation = _consult(world, world.lt, world.gi)
    assert AnonymousConsultation.objects.count() == 1
    assert not ProductIndication.objects.exists()
    assert consultation.family_id is None
    field_names = {f.name for f in AnonymousConsultation._meta.get_fields()}
    assert not field_names & {"decision_on", "decision_forum", "beschikking", "report", "case"}


def test_r205_product_2a_only_after_the_lt_team_decision_in_a_case_consultation(monkeypatch):
    """R205: 2a is refused without a recorded weighing 'GI support needed'; with it, the indication takes the
    decision's date and participants."""
    monkeypatch.setattr("gezinsplan.core.policy.today", lambda: START + dt.timedelta(days=10))
    world = make_world()
    with pytest.raises(ValidationError, match="teambesluit"):
        indicate_2a(world, weigh=False)
    assert not ProductIndication.objects.exists()
    weighing = weigh_gi_needed(world, on=START)
    indication = products.indicate_2a(
        actor=world.lt, case=world.refresh(), reason="a", starts_on=START, consent_by="moeder", consent_on=START
    )
    assert (indication.decision_on, indication.decision_participants) == (weighing.held_on, weighing.participants)


def test_r208_25_hours_per_deployment_and_a_new_2a_for_more(monkeypatch):
    """R208: each 2a has at most 25 hours; beyond it a new 2a is needed, which the LT can issue again."""
    monkeypatch.setattr("gezinsplan.core.policy.today", lambda: START + dt.timedelta(days=60))
    world = make_world()
    first = indicate_2a(world)
    assert first.budget_hours == Decimal(25)
    for day in range(3):
        hours(world, first, 8, on=START + dt.timedelta(days=day))
    with pytest.raises(ValidationError, match="nieuwe 2a"):
        hours(world, first, 2, on=START + dt.timedelta(days=4))
    hours(world, first, 1, on=START + dt.timedelta(days=4))
    second = indicate_2a(world, on=START + dt.timedelta(days=7))
    entry, budget = hours(world, second, 6, on=START + dt.timedelta(days=8))
    assert (budget.used, budget.remaining) == (6, 19)
    assert ProductIndication.objects.filter(case=world.case, kind="2a").count() == 2


@pytest.mark.parametrize("reason", ["a", "b", "c", "d"])
def test_r210_a_2a_deployment_records_one_of_the_listed_triggers(monkeypatch, reason):
    """R210: the four triggers of seed 001 are the only 2a reasons; the 2b reason is refused."""
    monkeypatch.setattr("gezinsplan.core.policy.today", lambda: START)
    world = make_world()
    indication = indicate_2a(world, reason=reason)
    assert indication.reason == reason and indication.get_reason_display()
    assert set(IndicationReason.values) - {"jbt"} == {"a", "b", "c", "d"}


def test_r210_trigger_is_required_and_the_2b_reason_is_not_a_2a_trigger(monkeypatch):
    monkeypatch.setattr("gezinsplan.core.policy.today", lambda: START)
    world = make_world()
    with pytest.raises(ValidationError):
        indicate_2a(world, reason="jbt")
    with pytest.raises(ValidationError):
        indicate_2a(world, reason="")
    assert not ProductIndication.objects.exists()
