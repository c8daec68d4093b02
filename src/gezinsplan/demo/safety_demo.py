"""Safety data of the demo stories: the weighing, ARIJ assessments, scores and the parents' safety plan.

Kept apart from `data.py` so the stories and the safety layer merge independently. Idempotent: rows are found by
their natural key; plan versions are only written when the plan has none yet. Dates are relative to today.
"""

from __future__ import annotations

from gezinsplan.cases.models import Case
from gezinsplan.families.models import Family, Person
from gezinsplan.safety.models import (
    ArijItem,
    Breach,
    GoodEnough,
    RelapseResponder,
    SafetyAssessment,
    SafetyPlan,
    SafetyPlanVersion,
    SafetyScore,
    Weighing,
)
from gezinsplan.safety.plan_content import clean_content

SAFE = {"conclusion": "safe", "description": ""}


def _items(**unsafe) -> dict:
    items = {item.value: dict(SAFE) for item in ArijItem}
    items.update(unsafe)
    return items


def _upsert(model, lookup: dict, values: dict):
    obj = model.all_objects.filter(**lookup).first() if hasattr(model, "all_objects") else None
    obj = obj or model.objects.filter(**lookup).first() or model(**lookup)
    for name, value in values.items():
        setattr(obj, name, value)
    if getattr(obj, "removed_at", None) is not None:
        obj.removed_at, obj.removed_by, obj.removal_reason = None, None, ""
    obj.save()
    return obj


def load_safety(loader) -> None:
    """Called by `load_demo` after the families and their states."""
    stories = {"Gezin Annette (Zoetermeer)": zoetermeer, "Gezin Milena (Westland)": westland}
    for name, load in stories.items():
        family = Family.all_objects.filter(name=name).first()
        if family is not None:
            case = Case.objects.filter(family=family).order_by("opened_on").first()
            persons = {p.first_name: p for p in Person.all_objects.filter(family=family)}
            load(loader, case, persons)


def zoetermeer(loader, case: Case, persons: dict) -> None:
    """STORIES §1: weighing at the CIT handover, two ARIJ assessments of Nelle, scores, the plan with Annette, the
    breach with the police and the adjusted bottom lines, Berend included in the latest version."""
    carla = loader.users["casusregisseur.zoetermeer"]
    scientist = loader.users["gedragswetenschapper.lt"]
    nelle = persons["Nelle"]
    day = loader.days_ago
    _upsert(
        Weighing,
        {"case": case, "held_on": day(48), "occasion": "start"},
        {
            "question": "Is GI-expertise nodig en is een uitgebreide verklarende analyse nodig?",
            "participants": "casusregisseur, collega, gedragswetenschapper",
            "signals": {
                "domestic_violence": "Geweld onder invloed van alcohol; contactverbod Berend.",
                "agency_reports": "Overdracht door het CIT na politie-inzet.",
            },
            "answers": {"parents": "Annette deelt de zorgen en wil hulp; Berend drinkt."},
            "risk_kind": "both",
            "extended_analysis": "yes",
            "gi_needed": "yes",
            "behavioural_scientist": scientist,
            "created_by": carla,
            "behavioural_scientist_advice": "Samen optrekken met de GI (2a); eerst het veiligheidsplan.",
        },
    )
    _upsert(
        SafetyAssessment,
        {"case": case, "child": nelle, "assessed_on": day(47)},
        {
            "instrument": "ARIJ",
            "assessed_by": carla,
            "created_by": carla,
            "with_family": True,
            "items": _items(
                psychological_abuse={
                    "conclusion": "unsafe",
                    "description": "Nelle was thuis bij het geweld tegen Annette.",
                }
            ),
            "conclusion": "Onveilig: huiselijk geweld in het bijzijn van Nelle.",
        },
    )
    _upsert(
        SafetyAssessment,
        {"case": case, "child": nelle, "assessed_on": day(20)},
        {
            "instrument": "ARIJ",
            "assessed_by": carla,
            "created_by": carla,
            "with_family": True,
            "items": _items(),
            "conclusion": "Met het veiligheidsplan voldoende veilig.",
        },
    )
    for days, score, situation in (
        (46, 4, "Na het incident"),
        (30, 6, "Afspraken worden nagekomen"),
        (22, 4, "Na het politie-incident"),
        (6, 7, "Rustiger, minder brandjes"),
    ):
        _upsert(
            SafetyScore,
            {"case": case, "child": nelle, "scored_on": day(days)},
            {
                "score": score,
                "scorer": "professional",
                "setting": "family_conversation",
                "situation": situation,
                "created_by": carla,
            },
        )
    plan, _created = SafetyPlan.objects.get_or_create(case=case)
    if plan.versions.exists():
        return
    agreement = {
        "what": "Berend komt niet naar de woning",
        "who": "Berend",
        "since": day(45).isoformat(),
        "watched": "Casusregisseur belt wekelijks met Annette",
        "agreed_by": "Annette en Berend",
    }
    base = {
        "cause_what": "Berend kwam onder invloed thuis en sloeg Annette; Nelle was thuis. Het CIT droeg over.",
        "cause_reported_by": "Crisis Interventie Team",
        "cause_reported_on": day(50).isoformat(),
        "acute_risks": "Berend drinkt en wordt dan agressief.",
        "consequences": "Nelle is bang en slaapt slecht.",
        "concerns": "Huiselijk geweld in het bijzijn van Nelle.",
        "strengths": "Annette komt afspraken na en zoekt zelf hulp.",
        "danger_statement": "Wij zijn bang dat Nelle en de baby opnieuw geweld meemaken.",
        "must_change": "Berend drinkt niet meer als hij bij Annette en de kinderen is.",
        "agreements": [agreement],
        "six_looks_like": "Er wordt niet geschreeuwd en Nelle slaapt rustig.",
        "lower_limit": 4,
        "lower_limit_plan": "Annette gaat met Nelle naar de buurvrouw en belt de politie.",
        "unable_steps": "Casuïstiekbespreking met de gedragswetenschapper over een melding bij de JBT.",
        "supporter": "Verloskundige",
        "monitor": "Casusregisseur",
        "bottom_lines": [{"text": "Geen nieuwe politiecontacten", "consequence": "Melding bij de JBT"}],
        "parties": [{"name": "Annette", "explained": True}],
        "made_with_parents": True,
        "agreed_by": "Annette",
        "agreed_on": day(45).isoformat(),
        "agreed_how": "mondeling in het gesprek",
    }
    v1 = SafetyPlanVersion.objects.create(
        document=plan, number=1, content=clean_content(base), author=carla, note="Eerste versie met Annette"
    )
    line = v1.content["bottom_lines"][0]
    adjusted = {
        **base,
        "agreements": v1.content["agreements"],
        "bottom_lines": [
            {
                "text": "Annette laat Berend niet binnen en belt zelf de politie als hij toch komt",
                "consequence": "Casuïstiekbespreking met de gedragswetenschapper",
            }
        ],
    }
    v2 = SafetyPlanVersion.objects.create(
        document=plan,
        number=2,
        content=clean_content(adjusted),
        author=carla,
        note="Bodemeisen binnen de invloedssfeer van Annette na het politie-incident",
    )
    Breach.objects.create(
        plan=plan,
        item_id=line["id"],
        item_text=line["text"],
        in_version=1,
        occurred_on=day(22),
        breached_by="Berend",
        police_involved=True,
        police_called_by="buren",
        what_happened="Onder invloed bij Annette, geschreeuw, deur ingetrapt.",
        adjusted_in=2,
        created_by=carla,
    )
    latest = {
        **adjusted,
        "agreements": [
            *v2.content["agreements"],
            {
                "what": "Time-out: alleen telefonisch contact tussen Annette en Berend",
                "who": "Annette en Berend",
                "since": day(8).isoformat(),
                "watched": "Casusregisseur",
                "agreed_by": "Annette, Berend, casusregisseur",
            },
        ],
        "bottom_lines": v2.content["bottom_lines"],
        "parties": [{"name": "Annette", "explained": True}, {"name": "Berend", "explained": True}],
    }
    v3 = SafetyPlanVersion.objects.create(
        document=plan, number=3, content=clean_content(latest), author=carla, note="Berend betrokken bij de afspraken"
    )
    plan.current = v3
    plan.save()


def westland(loader, case: Case, persons: dict) -> None:
    """STORIES §3: during the VOTS with MUHP the GI assesses; not yet good enough, oma and the foster family in the
    relapse plan."""
    gi = loader.users["jeugdbeschermer.jbwest"]
    day = loader.days_ago
    for name in ("Kristina", "Nikolai", "Ivan"):
        child = persons.get(name)
        if child is None:
            continue
        _upsert(
            SafetyAssessment,
            {"case": case, "child": child, "assessed_on": day(230)},
            {
                "instrument": "ARIJ",
                "assessed_by": gi,
                "created_by": gi,
                "with_family": False,
                "items": _items(
                    neglect={
                        "conclusion": "secure_now",
                        "description": "Kinderen 's nachts alleen thuis door de verslaving van Milena.",
                    }
                ),
                "conclusion": "Direct veiligstellen: uithuisplaatsing.",
                "immediate_action": "VOTS met MUHP, pleeggezin.",
            },
        )
        for days, score in ((230, 2), (120, 5), (20, 6)):
            _upsert(
                SafetyScore,
                {"case": case, "child": child, "scored_on": day(days)},
                {
                    "score": score,
                    "scorer": "professional",
                    "setting": "network_meeting",
                    "situation": "Netwerkberaad per kwartaal",
                    "created_by": gi,
                },
            )
    _upsert(
        GoodEnough,
        {"case": case, "assessed_on": day(20)},
        {
            "verdict": "no",
            "reasons": "Milena is nog niet lang genoeg stabiel zonder middelen.",
            "participants": "Milena, jeugdbeschermer, zorgregisseur",
            "created_by": gi,
        },
    )
    _upsert(
        RelapseResponder,
        {"case": case, "name": "Pleeggezin"},
        {"kind": "professional", "action": "Vangt de kinderen op als Milena terugvalt.", "created_by": gi},
    )
