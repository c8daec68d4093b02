"""Helpers for the safety tests: a case with a lead, children and a behavioural scientist; a full plan content."""

import datetime as dt

from gezinsplan.accounts.constants import Role
from gezinsplan.families.models import FamilyRole
from gezinsplan.safety.models import ArijItem
from tests.factories import PersonFactory, UserFactory, involve


def safety_world(*, lead=None):
    lead = lead or UserFactory(first_name="Carla", last_name="Regisseur")
    inv = involve(lead)
    family = inv.case.family
    mother = PersonFactory(family=family, first_name="Annette", family_role=FamilyRole.PARENT, birth_date=None)
    child = PersonFactory(family=family, first_name="Nelle", birth_date=dt.date.today() - dt.timedelta(days=5 * 366))
    scientist = UserFactory(role=Role.BEHAVIOURAL_SCIENTIST, first_name="Greet", last_name="Wetenschapper")
    return {"lead": lead, "case": inv.case, "family": family, "mother": mother, "child": child, "scientist": scientist}


def all_safe(**overrides) -> dict:
    items = {item.value: {"conclusion": "safe", "description": ""} for item in ArijItem}
    items.update(overrides)
    return items


def plan_content(**overrides) -> dict:
    content = {
        "cause_what": "Berend kwam dronken thuis en sloeg Annette; Nelle was thuis.",
        "cause_reported_by": "Crisis Interventie Team",
        "cause_reported_on": (dt.date.today() - dt.timedelta(days=20)).isoformat(),
        "concerns": "Huiselijk geweld in het bijzijn van Nelle.",
        "strengths": "Annette komt afspraken na en zoekt hulp.",
        "danger_statement": "Wij zijn bang dat Nelle opnieuw geweld meemaakt.",
        "agreements": [
            {
                "what": "Berend komt niet naar de woning",
                "who": "Berend",
                "since": dt.date.today().isoformat(),
                "watched": "Casusregisseur belt wekelijks met Annette",
                "agreed_by": "Annette, Berend, oma Riet",
            },
        ],
        "bottom_lines": [{"text": "Geen nieuwe politiecontacten", "consequence": "Melding bij Veilig Thuis"}],
        "six_looks_like": "Er wordt niet geschreeuwd en Nelle slaapt rustig.",
        "lower_limit": 4,
        "lower_limit_plan": "Annette gaat met Nelle naar oma en belt de casusregisseur.",
        "unable_steps": "Casuïstiekbespreking met de gedragswetenschapper over een melding bij de JBT.",
        "supporter": "Oma Riet",
        "monitor": "Casusregisseur",
        "network_part": "Oma Riet vangt Nelle op als het thuis onrustig is.",
        "parties": [{"name": "Annette", "explained": True}],
        "made_with_parents": True,
        "agreed_by": "Annette",
        "agreed_on": dt.date.today().isoformat(),
        "agreed_how": "mondeling in het gesprek",
    }
    content.update(overrides)
    return content


def any_assessment(world):
    """A stored assessment of the world's child (for the URL walker); written directly, whatever the user's role."""
    from gezinsplan.safety.models import SafetyAssessment

    return SafetyAssessment.objects.create(
        case=world["case"],
        child=world["child"],
        assessed_on=dt.date.today(),
        items=all_safe(),
        conclusion="Veilig",
        assessed_by=world["user"],
        created_by=world["user"],
    )


def any_plan_version(world):
    """A safety plan with one version for the world's case (for the URL walker)."""
    from gezinsplan.safety.models import SafetyPlan, SafetyPlanVersion
    from gezinsplan.safety.plan_content import clean_content

    plan, _created = SafetyPlan.objects.get_or_create(case=world["case"])
    if plan.current is None:
        plan.current = SafetyPlanVersion.objects.create(
            document=plan, number=1, content=clean_content(plan_content()), author=world["user"]
        )
        plan.save()
    return plan.current


plan = plan_content
