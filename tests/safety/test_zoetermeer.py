"""STORIES.md §1, Zoetermeer ("Casus OTS voorkomen"), replayed through the safety services.

Weighing at the handover with a behavioural scientist (acute and structural risks, GI expertise needed), ARIJ at
intake and again during the trajectory, a safety plan whose bottom line ("no new police contacts") is breached when
Berend kicks in the door and the neighbours call the police, bottom lines brought within Annette's sphere of
influence in the next version, and Berend included in a later version with a phone-only time-out.
"""

import datetime as dt

import pytest

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.cases.models import InvolvementRole, ProductIndication
from gezinsplan.cases.responsibility import Party, case_responsibility
from gezinsplan.core.policy import PolicyDenied
from gezinsplan.core.versioning import diff
from gezinsplan.families.models import FamilyRole
from gezinsplan.safety import plan_content, selectors, services
from gezinsplan.safety.models import SafetyAssessment, SafetyPlanVersion
from tests.factories import OrganisationFactory, PersonFactory, UserFactory, involve
from tests.safety.factories import all_safe, plan

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def test_r238_r239_r240_r241_zoetermeer_story_replays_through_services():
    jgh = OrganisationFactory(name="Plusteam JGH Zoetermeer", type=OrganisationType.LOCAL_TEAM)
    carla = UserFactory(first_name="Carla", last_name="Casusregisseur", organisation=jgh)
    scientist = UserFactory(role=Role.BEHAVIOURAL_SCIENTIST, organisation=jgh)
    inv = involve(carla, start_date=TODAY - dt.timedelta(days=60))
    case, family = inv.case, inv.case.family
    annette = PersonFactory(family=family, first_name="Annette", family_role=FamilyRole.PARENT, birth_date=None)
    berend = PersonFactory(
        family=family, first_name="Berend", family_role=FamilyRole.PARTNER, birth_date=None, in_household=False
    )
    nelle = PersonFactory(family=family, first_name="Nelle", birth_date=TODAY - dt.timedelta(days=5 * 366))
    lisa = PersonFactory(
        family=family, first_name="Lisa", birth_date=None, expected_birth_date=TODAY + dt.timedelta(days=60)
    )

    # 3. Weighing at the handover from the CIT, with the behavioural scientist: acute and structural risks.
    weighing = services.weighing_record(
        actor=carla,
        case=case,
        occasion="start",
        held_on=TODAY - dt.timedelta(days=58),
        question="Wat is er nodig voor de veiligheid van Nelle en het ongeboren kind?",
        participants="casusregisseur, collega, gedragswetenschapper",
        behavioural_scientist=scientist,
        behavioural_scientist_advice="Samen optrekken met een jeugdbeschermer (2a), geen JBT-melding.",
        extended_analysis="yes",
        gi_needed="yes",
        risk_kind="both",
        signals={
            "domestic_violence": "Berend kwam dronken thuis, geweld naar Annette; contactverbod.",
            "mental_health": "Annette blowt tijdens de zwangerschap.",
        },
    )
    assert selectors.latest_gi_decision(case) == weighing

    # 3. First ARIJ at intake.
    first = services.assessment_record(
        actor=carla,
        case=case,
        child=nelle,
        assessed_on=TODAY - dt.timedelta(days=57),
        items=all_safe(
            psychological_abuse={"conclusion": "unsafe", "description": "Nelle was thuis bij het geweld van Berend."}
        ),
        conclusion="Acute en structurele risico's; contactverbod geldt.",
    )
    assert first.outcome == "unsafe"

    # 4. Product 2a with Annette's consent: the LT keeps the lead and the safety responsibility (R014, R213).
    gi = UserFactory(role=Role.GI_PROTECTOR, first_name="Jan", last_name="Jeugdbeschermer")
    involve(gi, family, role=InvolvementRole.EXPERT, start_date=TODAY - dt.timedelta(days=56))
    ProductIndication.objects.create(
        case=case,
        kind="2a",
        reason="a",
        indicated_by=carla,
        starts_on=TODAY - dt.timedelta(days=56),
        budget_hours=25,
        decision_on=TODAY - dt.timedelta(days=58),
        decision_forum="casuïstiekbespreking",
        consent_by="Annette",
        consent_on=TODAY - dt.timedelta(days=57),
    )
    assert case_responsibility(case).safety == Party.LT
    with pytest.raises(PolicyDenied):
        services.assessment_record(
            actor=gi, case=case, child=nelle, assessed_on=TODAY, items=all_safe(), conclusion="x"
        )

    # 6. Safety agreements made with Annette; second ARIJ during the trajectory.
    v1 = services.plan_save(
        actor=carla,
        case=case,
        based_on=None,
        content=plan(
            agreements=[
                {
                    "what": "Berend komt niet naar de woning",
                    "who": "Berend",
                    "since": "",
                    "watched": "Casusregisseur belt wekelijks met Annette",
                    "agreed_by": "Annette",
                }
            ],
            bottom_lines=[{"text": "Geen nieuwe politiecontacten", "consequence": "Casuïstiekbespreking over de JBT"}],
            parties=[{"name": "Annette", "explained": True}],
        ),
    )
    services.assessment_record(
        actor=carla,
        case=case,
        child=nelle,
        assessed_on=TODAY - dt.timedelta(days=30),
        items=all_safe(),
        conclusion="Met het veiligheidsplan voldoende veilig.",
    )
    services.score_record(
        actor=carla,
        case=case,
        child=nelle,
        score=6,
        scored_on=TODAY - dt.timedelta(days=30),
        situation="Afspraken worden nagekomen",
    )
    assert SafetyAssessment.objects.filter(case=case, child=nelle, instrument="ARIJ").count() == 2  # R238

    # 8. The breach: Berend kicks in the door; the neighbours call the police.
    bottom_line = v1.content["bottom_lines"][0]
    breach = services.breach_record(
        actor=carla,
        case=case,
        item_id=bottom_line["id"],
        occurred_on=TODAY - dt.timedelta(days=20),
        breached_by="Berend",
        what_happened="Onder invloed bij Annette, schreeuwen, deur ingetrapt.",
        police_involved=True,
        police_called_by="buren",
    )
    services.score_record(
        actor=carla,
        case=case,
        child=nelle,
        score=4,
        scored_on=TODAY - dt.timedelta(days=20),
        situation="Na het incident met de politie",
    )
    assert selectors.direct_safety_first(case) is True
    assert any("R239" in note for note in selectors.case_safety(case=case).attention)

    # 10. Bottom lines adjusted so they lie within Annette's sphere of influence; the version records it.
    v2 = services.plan_save(
        actor=carla,
        case=case,
        based_on=1,
        note="Bodemeisen binnen de invloedssfeer van Annette gebracht na het politie-incident",
        content={
            **v1.content,
            "bottom_lines": [
                {
                    "text": "Annette laat Berend niet binnen en belt zelf de politie als hij toch komt",
                    "consequence": "Casuïstiekbespreking met de gedragswetenschapper",
                }
            ],
        },
    )
    breach.refresh_from_db()
    assert breach.adjusted_in == v2.number == 2
    changed = {c.path for c in plan_content.visible_changes(diff(v1.content, v2.content))}
    assert changed == {"bottom_lines.1.text", "bottom_lines.1.consequence"}
    assert SafetyPlanVersion.objects.get(number=1).content["bottom_lines"][0]["text"] == "Geen nieuwe politiecontacten"

    # 11. Berend is party to the latest agreements and knows the consequences; a phone-only time-out.
    v3 = services.plan_save(
        actor=carla,
        case=case,
        based_on=2,
        note="Berend betrokken bij de afspraken",
        content={
            **v2.content,
            "agreements": [
                *v2.content["agreements"],
                {
                    "what": "Time-out: alleen telefonisch contact tussen Annette en Berend",
                    "who": "Annette en Berend",
                    "since": TODAY.isoformat(),
                    "watched": "Casusregisseur",
                    "agreed_by": "Annette, Berend en de casusregisseur",
                },
            ],
            "parties": [{"name": "Annette", "explained": True}, {"name": "Berend", "explained": True}],
        },
    )
    assert {p["name"] for p in v3.content["parties"] if p["explained"]} == {"Annette", "Berend"}
    assert v3.content["agreements"][0]["id"] == v1.content["agreements"][0]["id"]  # the same agreement travels
    services.score_record(
        actor=carla,
        case=case,
        child=nelle,
        score=7,
        scored_on=TODAY - dt.timedelta(days=5),
        situation="Rustiger, minder brandjes",
    )
    assert selectors.direct_safety_first(case) is False

    # 12. Lisa is born and gets her own safety follow-up (R284).
    lisa.birth_date, lisa.expected_birth_date = TODAY - dt.timedelta(days=2), None
    lisa.save()
    services.score_record(
        actor=carla, case=case, child=lisa, score=7, scored_on=TODAY, situation="Thuis na twee dagen observatie"
    )
    overview = selectors.case_safety(case=case)
    assert [c.child.first_name for c in overview.children] == ["Nelle", "Lisa"]
    assert overview.plan.current.number == 3
    assert case_responsibility(case).safety == Party.LT  # the LT keeps the safety responsibility throughout
    assert annette and berend  # both are in the family; Berend outside the household
