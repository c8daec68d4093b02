"""Use cases of working together, the meetings part: goal progress at a network meeting, internal case discussions,
collaboration agreements, LT participation during a measure, joint confirmation of additional help, contacts per
family member, the register of involved parties, municipal arrangements, linking the local team after a court
decision, continuing help and the providers' execution plans. Same pattern as services.py."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.cases.models import Case, ChildMeasure, Phase, ProductKind
from gezinsplan.cases.responsibility import PARTY_ORGANISATION_TYPE, Party, party_of  # noqa: F401 (Party re-exported)
from gezinsplan.collaboration.models import (
    ArrangementRequest,
    Attendance,
    CollaborationAgreement,
    ContactAssignment,
    ContinuingHelp,
    CoreDecision,
    DecisionConfirmation,
    DecisionKind,
    GoalAssignment,
    InternalCaseDiscussion,
    InvolvedParty,
    LocalTeamLink,
    LtInvolvementLevel,
    LtParticipation,
    Meeting,
    MeetingGoalReview,
    MeetingKind,
    MeetingParticipant,
    ParticipantCategory,
    PartyType,
)
from gezinsplan.collaboration.services import PARENT_ROLES, _require_edit
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.records import create_record, remove_record, update_record
from gezinsplan.families.models import FamilyRole


def method(key: str, default):
    return settings.GEZINSPLAN_METHOD.get(key, default)


def municipal_arrangements() -> list[str]:
    """R270: the municipality's arrangements the LT can apply or speed up (configuration)."""
    return list(
        method(
            "municipal_arrangements",
            [
                "Leerlingenvervoer",
                "Bijzondere bijstand",
                "Schuldhulpverlening",
                "Wmo-voorziening",
                "Kwijtschelding gemeentelijke belastingen",
                "Urgentie woningzoekende",
            ],
        )
    )


def _require_view(actor, case: Case) -> None:
    policy.require(actor, Action.VIEW_CASE, grant=policy.family_grant(actor, case.family))


def _not_future(day: date, field: str, errors: dict) -> None:
    if day > policy.today():
        errors[field] = _("De datum ligt in de toekomst.")


# --- R063: progress per goal at a network meeting ------------------------------------------------------------


@transaction.atomic
def meeting_goal_review(*, actor, meeting: Meeting, goal, progress: int, note: str = "") -> MeetingGoalReview:
    _require_edit(actor, meeting.case)
    errors = {}
    if goal.family_id != meeting.family_id:
        errors["goal"] = _("Dit doel hoort niet bij het gezinsplan van dit gezin.")
    if progress is None or not 0 <= progress <= 100:
        errors["progress"] = _("De voortgang is een percentage van 0 tot en met 100.")
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=meeting.family_id,
        instance=MeetingGoalReview(
            family_id=meeting.family_id, meeting=meeting, goal=goal, progress=progress, note=note.strip()
        ),
    )


# --- R541: internal case discussion ---------------------------------------------------------------------------


@transaction.atomic
def internal_discussion_record(
    *, actor, case: Case, held_on: date, present: str, question: str, plan_of_approach: str
) -> InternalCaseDiscussion:
    """Seen by default only by the recording organisation's own professionals (selectors filter on it)."""
    _require_edit(actor, case)
    errors = {}
    _not_future(held_on, "held_on", errors)
    for field, value, message in (
        ("present", present, _("Noem de aanwezige teamleden.")),
        ("question", question, _("Beschrijf de ingebrachte vraag.")),
        ("plan_of_approach", plan_of_approach, _("Leg het plan van aanpak vast.")),
    ):
        if not value.strip():
            errors[field] = message
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=InternalCaseDiscussion(
            family_id=case.family_id,
            case=case,
            organisation_id=actor.organisation_id,
            held_on=held_on,
            present=present.strip(),
            question=question.strip(),
            plan_of_approach=plan_of_approach.strip(),
        ),
    )


# --- R061/R068: agreements on working together --------------------------------------------------------------


@transaction.atomic
def collaboration_agreement_save(
    *,
    actor,
    case: Case,
    roles: str,
    tasks: str,
    responsibilities: str,
    availability: str,
    decision_forums: str,
    agreed_on: date,
) -> CollaborationAgreement:
    _require_edit(actor, case)
    errors = {}
    _not_future(agreed_on, "agreed_on", errors)
    for field, value in (
        ("roles", roles),
        ("tasks", tasks),
        ("responsibilities", responsibilities),
        ("availability", availability),
        ("decision_forums", decision_forums),
    ):
        if not value.strip():
            errors[field] = _("Vul dit onderdeel van de samenwerkingsafspraken in (R061, R068).")
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=CollaborationAgreement(
            family_id=case.family_id,
            case=case,
            roles=roles.strip(),
            tasks=tasks.strip(),
            responsibilities=responsibilities.strip(),
            availability=availability.strip(),
            decision_forums=decision_forums.strip(),
            agreed_on=agreed_on,
        ),
    )


# --- R224/R225: LT involvement during a measure ---------------------------------------------------------------


@transaction.atomic
def lt_participation_agree(
    *,
    actor,
    case: Case,
    professional,
    level: str,
    starts_on: date,
    every_weeks: int | None = None,
    ends_on: date | None = None,
    note: str = "",
) -> LtParticipation:
    """A new agreement replaces the current one from its start (the old one ends the day before)."""
    _require_edit(actor, case)
    errors = {}
    if case.phase != Phase.MEASURE:
        errors["level"] = _(
            "Een afspraak over de betrokkenheid van het lokaal team hoort bij een casus met een maatregel (OTS) (R224)."
        )
    if professional is None or getattr(professional.organisation, "type", None) != OrganisationType.LOCAL_TEAM:
        errors["professional"] = _("Kies een professional van het lokaal team.")
    if level not in LtInvolvementLevel.values:
        errors["level"] = _("Kies de afgesproken betrokkenheid.")
    if every_weeks is not None and not 1 <= every_weeks <= 52:
        errors["every_weeks"] = _("Kies een ritme tussen 1 en 52 weken.")
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("De einddatum ligt vóór de startdatum.")
    if errors:
        raise ValidationError(errors)
    for old in LtParticipation.objects.filter(case=case, ends_on__isnull=True, starts_on__lt=starts_on):
        update_record(
            actor=actor,
            instance=old,
            version=None,
            family_id=case.family_id,
            values={"ends_on": starts_on.fromordinal(starts_on.toordinal() - 1)},
        )
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=LtParticipation(
            family_id=case.family_id,
            case=case,
            professional=professional,
            level=level,
            every_weeks=every_weeks,
            starts_on=starts_on,
            ends_on=ends_on,
            note=note.strip(),
        ),
    )


# --- R069: additional help decided jointly --------------------------------------------------------------------


@transaction.atomic
def decision_confirm(*, actor, decision: CoreDecision, confirmed_on: date) -> DecisionConfirmation:
    """LT and GI each confirm a decision on additional help; see selectors: beschikking only when both did."""
    _require_edit(actor, decision.case)
    party = party_of(actor.organisation)
    errors = {}
    if decision.kind != DecisionKind.ADDITIONAL_HELP:
        errors["decision"] = _("Alleen een besluit over aanvullende hulp wordt door beide partijen bevestigd.")
    elif party is None:
        errors["decision"] = _("Alleen het lokaal team en de GI bevestigen dit besluit.")
    elif decision.confirmations.filter(removed_at__isnull=True, party=party).exists():
        errors["decision"] = _("%(party)s heeft dit besluit al bevestigd.") % {"party": party.label}
    _not_future(confirmed_on, "confirmed_on", errors)
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=decision.family_id,
        instance=DecisionConfirmation(
            family_id=decision.family_id, decision=decision, party=party, confirmed_on=confirmed_on
        ),
    )


def parties_linked(case: Case) -> set[Party]:
    return {
        p
        for p in (
            party_of(i.organisation)
            for i in policy.active_involvements().filter(case=case).select_related("organisation")
        )
        if p is not None
    }


def beschikking_allowed(decision: CoreDecision) -> tuple[bool, list[Party]]:
    """R069: when both LT and GI are linked, additional help needs both confirmations before the beschikking."""
    if decision.kind != DecisionKind.ADDITIONAL_HELP:
        return True, []
    needed = parties_linked(decision.case) if len(parties_linked(decision.case)) > 1 else set()
    done = set(decision.confirmations.filter(removed_at__isnull=True).values_list("party", flat=True))
    missing = [p for p in (Party.LT, Party.GI) if p in needed and p.value not in done]
    return not missing, missing


# --- R229: contact per family member --------------------------------------------------------------------------


@transaction.atomic
def contact_assign(
    *, actor, case: Case, person, professional, meeting: Meeting | None = None, note: str = ""
) -> ContactAssignment:
    _require_edit(actor, case)
    errors = {}
    if person is None or person.family_id != case.family_id:
        errors["person"] = _("Kies een lid van dit gezin.")
    if professional is None or not policy.active_involvements().filter(case=case, user=professional).exists():
        errors["professional"] = _("Kies een professional die bij deze casus betrokken is.")
    if meeting is not None and meeting.case_id != case.pk:
        errors["meeting"] = _("Dit overleg hoort bij een andere casus.")
    if errors:
        raise ValidationError(errors)
    for old in ContactAssignment.objects.filter(case=case, person=person):
        remove_record(
            actor=actor, instance=old, reason=_("vervangen door een nieuw aanspreekpunt"), family_id=case.family_id
        )
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=ContactAssignment(
            family_id=case.family_id,
            case=case,
            person=person,
            professional=professional,
            meeting=meeting,
            note=note.strip(),
        ),
    )


# --- R231: register of involved parties -----------------------------------------------------------------------


@transaction.atomic
def party_add(
    *,
    actor,
    case: Case,
    party_type: str,
    organisation_name: str,
    contact_person: str,
    responsibility: str,
    active_from: date,
    active_until: date | None = None,
) -> InvolvedParty:
    _require_edit(actor, case)
    errors = {}
    if party_type not in PartyType.values:
        errors["party_type"] = _("Kies het soort partij.")
    for field, value, message in (
        ("organisation_name", organisation_name, _("Vul de organisatie in.")),
        ("contact_person", contact_person, _("Vul de contactpersoon in.")),
        ("responsibility", responsibility, _("Beschrijf waarvoor deze partij verantwoordelijk is (R231).")),
    ):
        if not value.strip():
            errors[field] = message
    if active_until is not None and active_until < active_from:
        errors["active_until"] = _("De einddatum ligt vóór de startdatum.")
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=InvolvedParty(
            family_id=case.family_id,
            case=case,
            party_type=party_type,
            organisation_name=organisation_name.strip(),
            contact_person=contact_person.strip(),
            responsibility=responsibility.strip(),
            active_from=active_from,
            active_until=active_until,
        ),
    )


# --- R270: municipal arrangements -----------------------------------------------------------------------------


@transaction.atomic
def arrangement_request(
    *, actor, case: Case, arrangement: str, question: str, requested_on: date
) -> ArrangementRequest:
    """A linked youth protector asks the LT to apply or speed up a municipal arrangement."""
    _require_view(actor, case)
    errors = {}
    if getattr(actor.organisation, "type", None) != OrganisationType.GI:
        errors["arrangement"] = _("Een verzoek om een gemeentelijke regeling komt van de jeugdbeschermer (GI).")
    elif not policy.active_involvements().filter(case=case, user=actor).exists():
        errors["arrangement"] = _("Alleen de jeugdbeschermer die bij deze casus betrokken is, doet dit verzoek.")
    if arrangement not in municipal_arrangements():
        errors["arrangement"] = _("Kies een regeling van de gemeente.")
    if not question.strip():
        errors["question"] = _("Beschrijf wat u vraagt: toepassen of bespoedigen, en waarom.")
    _not_future(requested_on, "requested_on", errors)
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=ArrangementRequest(
            family_id=case.family_id,
            case=case,
            arrangement=arrangement,
            question=question.strip(),
            requested_on=requested_on,
        ),
    )


@transaction.atomic
def arrangement_resolve(*, actor, request: ArrangementRequest, result: str, resolved_on: date) -> ArrangementRequest:
    _require_edit(actor, request.case)
    errors = {}
    if getattr(actor.organisation, "type", None) != OrganisationType.LOCAL_TEAM:
        errors["result"] = _("Het lokaal team handelt een verzoek om een gemeentelijke regeling af.")
    elif request.resolved_on:
        errors["result"] = _("Dit verzoek is al afgehandeld.")
    if not result.strip():
        errors["result"] = _("Leg het resultaat vast.")
    _not_future(resolved_on, "resolved_on", errors)
    if errors:
        raise ValidationError(errors)
    request = update_record(
        actor=actor,
        instance=request,
        version=None,
        family_id=request.family_id,
        values={"result": result.strip(), "resolved_on": resolved_on},
    )
    ArrangementRequest.objects.filter(pk=request.pk).update(resolved_by=actor)
    request.resolved_by = actor
    return request


# --- R656: the local team linked after a court decision -----------------------------------------------------


@transaction.atomic
def local_team_link(
    *, actor, measure: ChildMeasure, linked_on: date, lt_contact: str, informed_how: str
) -> LocalTeamLink:
    case = measure.case
    _require_edit(actor, case)
    errors = {}
    _not_future(linked_on, "linked_on", errors)
    if linked_on < measure.pronounced_on:
        errors["linked_on"] = _("Het lokaal team wordt gekoppeld na de beschikking.")
    if not lt_contact.strip():
        errors["lt_contact"] = _("Noem de contactpersoon van het lokaal team.")
    if not informed_how.strip():
        errors["informed_how"] = _("Leg vast hoe het lokaal team is geïnformeerd.")
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=LocalTeamLink(
            family_id=case.family_id,
            case=case,
            measure=measure,
            linked_on=linked_on,
            lt_contact=lt_contact.strip(),
            informed_how=informed_how.strip(),
        ),
    )


# --- R538: help that continues after closure -------------------------------------------------------------------


@transaction.atomic
def continuing_help_add(*, actor, case: Case, help: str, provider: str, monitor=None) -> ContinuingHelp:
    _require_edit(actor, case)
    errors = {}
    if not help.strip() or not provider.strip():
        errors["help"] = _("Noem de hulp en de aanbieder die haar voortzet.")
    if monitor is not None and getattr(monitor.organisation, "type", None) != OrganisationType.LOCAL_TEAM:
        errors["monitor"] = _("De hulp wordt bewaakt door iemand van het jeugdteam (lokaal team) (R538).")
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=ContinuingHelp(
            family_id=case.family_id, case=case, help=help.strip(), provider=provider.strip(), monitor=monitor
        ),
    )


def closure_problems(case: Case) -> list[str]:
    """R538: a case is not closed while continuing help has no jeugdteam monitor."""
    unmonitored = ContinuingHelp.objects.filter(case=case, monitor__isnull=True).values_list("help", flat=True)
    return [
        _(
            "Afsluiten kan nog niet: de voortgezette hulp '%(help)s' heeft nog niemand van het jeugdteam die "
            "haar bewaakt (R538)."
        )
        % {"help": h}
        for h in unmonitored
    ]


# --- R573/R666: goals, their responsible provider and its execution plan --------------------------------------

CASE_WORKER_ROLES = frozenset({Role.GI_PROTECTOR, Role.LT_PROFESSIONAL, Role.TEAM_LEAD})


@transaction.atomic
def goal_assign(*, actor, goal, organisation, consulted: str = "") -> GoalAssignment:
    """Only the jeugdbeschermer or jeugdteam professional assigns a goal; exactly one responsible party."""
    case = goal.family.cases.filter(status="open").first()
    if case is None:
        raise ValidationError(_("Dit gezin heeft geen lopende casus."))
    _require_edit(actor, case)
    errors = {}
    if actor.role not in CASE_WORKER_ROLES:
        errors["organisation"] = _(
            "Doelen (het wat) worden vastgesteld door de jeugdbeschermer samen met het jeugdteam (R573)."
        )
    if organisation is None:
        errors["organisation"] = _("Elke opdracht heeft precies één verantwoordelijke partij (R573).")
    elif GoalAssignment.objects.filter(goal=goal).exists():
        errors["organisation"] = _("Dit doel heeft al een verantwoordelijke partij (R573).")
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=goal.family_id,
        instance=GoalAssignment(
            family_id=goal.family_id, goal=goal, organisation=organisation, consulted=consulted.strip()
        ),
    )


@transaction.atomic
def assignment_update(
    *, actor, assignment: GoalAssignment, version: int | None, approach: str, execution_plan: str = ""
) -> GoalAssignment:
    """R573/R666: the provider fills in the 'how' and its execution plan for its own assignment only."""
    family = assignment.family
    policy.require(actor, Action.VIEW_FAMILY, grant=policy.family_grant(actor, family))
    if actor.organisation_id != assignment.organisation_id:
        raise ValidationError(
            _(
                "Alleen de verantwoordelijke aanbieder vult de aanpak en het uitvoeringsplan van "
                "deze opdracht in (R573, R666)."
            )
        )
    return update_record(
        actor=actor,
        instance=assignment,
        version=version,
        family_id=assignment.family_id,
        values={"approach": approach.strip(), "execution_plan": execution_plan.strip()},
    )


# --- R227: joint introduction after the JBT -------------------------------------------------------------------


@transaction.atomic
def introduction_plan(*, actor, case: Case, planned_on: date) -> Meeting:
    """A joint introduction (LT, JB, family) instead of a handover, with everyone invited in one step."""
    _require_edit(actor, case)
    if not case.indications.filter(kind=ProductKind.P2B, removed_at__isnull=True).exists():
        raise ValidationError(_("Een gezamenlijke kennismaking volgt op een besluit van de JBT (product 2b)."))
    if planned_on < policy.today():
        raise ValidationError({"planned_on": _("Een gepland overleg kan niet in het verleden liggen.")})
    meeting = create_record(
        actor=actor,
        family_id=case.family_id,
        instance=Meeting(
            family_id=case.family_id,
            case=case,
            kind=MeetingKind.INTRODUCTION,
            planned_on=planned_on,
            agenda=_("Kennismaking en taakverdeling: wie doet wat, en wie is het aanspreekpunt voor wie (R227, R229)."),
        ),
    )
    involved = (
        policy.active_involvements()
        .filter(
            case=case, organisation__type__in=[PARTY_ORGANISATION_TYPE[Party.LT], PARTY_ORGANISATION_TYPE[Party.GI]]
        )
        .select_related("user", "organisation")
    )
    for inv in involved:
        create_record(
            actor=actor,
            family_id=case.family_id,
            instance=MeetingParticipant(
                family_id=case.family_id,
                meeting=meeting,
                category=ParticipantCategory.PROFESSIONAL,
                user=inv.user,
                organisation=inv.organisation,
                attendance=Attendance.INVITED,
            ),
        )
    for person in case.family.persons.filter(family_role__in=PARENT_ROLES):
        create_record(
            actor=actor,
            family_id=case.family_id,
            instance=MeetingParticipant(
                family_id=case.family_id, meeting=meeting, category=ParticipantCategory.FAMILY, person=person
            ),
        )
    return meeting


def child_persons(case: Case):
    return case.family.persons.filter(family_role=FamilyRole.CHILD)
