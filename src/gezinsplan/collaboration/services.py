"""Use cases of working together. Each checks the policy, validates, writes through core.records, and returns the
domain objects. Error texts are Dutch and name what to fix; on an error nothing is saved (one transaction)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.cases.models import Case, CaseStatus
from gezinsplan.cases.responsibility import PARTY_ORGANISATION_TYPE, Party, case_responsibility
from gezinsplan.collaboration.models import (
    ABSENT,
    BARRIER_SIGNALS,
    Agreement,
    Attendance,
    Barrier,
    BarrierStatus,
    BarrierStep,
    ChildConversation,
    ConductNorm,
    ConversationPurpose,
    ConversationTool,
    CoreDecision,
    DecisionKind,
    Escalation,
    EscalationLevel,
    EscalationMove,
    EscalationSituation,
    Feedback,
    ForumKind,
    LadderStep,
    Meeting,
    MeetingKind,
    MeetingParticipant,
    ParticipantCategory,
    ReflectionSession,
    SignalMoment,
    Step1Result,
    Step3Reason,
)
from gezinsplan.collaboration.reference import validate_core_values
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.records import StaleEdit, create_record, update_record
from gezinsplan.families.models import FamilyRole, NetworkMember

# Family roles that count as 'a parent present' (R616, R689).
PARENT_ROLES = frozenset({FamilyRole.PARENT, FamilyRole.STEP_PARENT, FamilyRole.CAREGIVER})

# Roles that may start escalation level 2 (R469): executing professionals and behavioural scientists.
LEVEL_2_INITIATORS = frozenset({Role.LT_PROFESSIONAL, Role.GI_PROTECTOR, Role.BEHAVIOURAL_SCIENTIST})
# R470: mediators at step 3 are regional advisers or table chairs.
MEDIATOR_ROLES = frozenset({Role.REGIONAL_CONTACT, Role.JBT_CHAIR})
# R463: situation 2 without a specific agreement refers to the generally applicable agreements.
GENERAL_AGREEMENTS = gettext_lazy("algemeen geldende afspraken")
# R080/R081: the fields of the self-analysis (step 1) and of the conversation (step 2).
STEP_1_FIELDS = ("view_kind", "want_to_know", "agree_on", "my_share", "my_behaviour", "could_do",
                 "critical_colleague")
STEP_2_FIELDS = ("named_to_other", "invitation_sent_on", "goal_focus", "shared_analysis", "feedback_colleague")


def _require_edit(actor, case: Case) -> None:
    policy.require(actor, Action.EDIT_CASE, grant=policy.family_grant(actor, case.family))
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("Deze casus is afgesloten."))


# --- meetings -------------------------------------------------------------------------------------------------

@transaction.atomic
def meeting_plan(*, actor, case: Case, kind: str, planned_on: date, agenda: str = "", chair: str = "",
                 forum_team=None, without_family_reason: str = "", for_next_agenda: str = "", purpose: str = "",
                 who_cares: str = "") -> tuple[Meeting, list[str]]:
    """Plan a meeting. Returns the meeting and warnings (R096: a case discussion outside the lead's team).
    R689: the answers to 'who find it important that this child does well?' become the invite list of the first
    network meeting."""
    _require_edit(actor, case)
    errors = {}
    if planned_on < policy.today():
        errors["planned_on"] = _("Een gepland overleg kan niet in het verleden liggen. Kies vandaag of een latere "
                                 "datum.")
    if kind == MeetingKind.WITHOUT_FAMILY and not without_family_reason:
        errors["without_family_reason"] = _("Een overleg zonder het gezin heeft een reden nodig (R529).")
    if errors:
        raise ValidationError(errors)
    meeting = create_record(actor=actor, family_id=case.family_id, instance=Meeting(
        family_id=case.family_id, case=case, kind=kind, planned_on=planned_on, agenda=agenda, chair=chair,
        forum_team=forum_team, without_family_reason=without_family_reason if kind == MeetingKind.WITHOUT_FAMILY
        else "", for_next_agenda=for_next_agenda, purpose=purpose, who_cares=who_cares.strip()))
    warnings = []
    if kind == MeetingKind.NETWORK:
        first = not Meeting.objects.filter(case=case, kind=MeetingKind.NETWORK).exclude(pk=meeting.pk).exists()
        if first and who_cares.strip():
            _invite_who_cares(actor=actor, meeting=meeting)
        elif first:
            warnings.append(_("Begin het eerste netwerkberaad met de vraag 'Wie vinden het belangrijk dat het goed "
                              "gaat met dit kind?' en nodig die mensen uit (R689)."))
    if kind == MeetingKind.CASE_DISCUSSION and forum_team is not None and not _is_lead_team(case, forum_team):
        warnings.append(_("Let op: dit gezin hoort besproken te worden in het team van de regievoerder (R096). "
                          "Nodig dit team liever uit in dat overleg, zodat er geen dubbele of tegenstrijdige "
                          "besluiten ontstaan."))
    return meeting, warnings


def _invite_who_cares(*, actor, meeting: Meeting) -> None:
    """R689: each answer (one per line) is invited: a known network member by name, otherwise by the name given."""
    members = {m.name.strip().lower(): m for m in NetworkMember.objects.filter(family_id=meeting.family_id)}
    for line in meeting.who_cares.splitlines():
        name = line.strip()
        if not name:
            continue
        member = members.get(name.split(",")[0].strip().lower())
        create_record(actor=actor, family_id=meeting.family_id, instance=MeetingParticipant(
            family_id=meeting.family_id, meeting=meeting, category=ParticipantCategory.NETWORK,
            network_member=member, name="" if member else name[:150]))


@transaction.atomic
def participant_add(*, actor, meeting: Meeting, category: str, person=None, network_member=None, user=None,
                    name: str = "", organisation=None, organisation_name: str = "",
                    attendance: str = Attendance.INVITED, invite_reason: str = "") -> MeetingParticipant:
    _require_edit(actor, meeting.case)
    errors = {}
    if person is not None and person.family_role == FamilyRole.CHILD and not invite_reason.strip():
        errors["invite_reason"] = _("Leg vast waarom het kind bij dit overleg is: er geldt geen vaste leeftijd, "
                                    "het is een professionele afweging (R620).")
    identities = [x for x in (person, network_member, user, name.strip() or None) if x]
    if len(identities) != 1:
        errors["name"] = _("Kies precies één deelnemer: een gezinslid, een netwerklid, een professional of een naam.")
    elif person is not None and (person.family_id != meeting.family_id or category != ParticipantCategory.FAMILY):
        errors["person"] = _("Dit gezinslid hoort niet bij dit gezin.") if person.family_id != meeting.family_id \
            else _("Een gezinslid doet mee in de categorie 'gezin'.")
    elif network_member is not None and (network_member.family_id != meeting.family_id
                                         or category != ParticipantCategory.NETWORK):
        errors["network_member"] = _("Dit netwerklid hoort niet bij het netwerk van dit gezin.") \
            if network_member.family_id != meeting.family_id else _("Een netwerklid doet mee in de categorie "
                                                                      "'netwerk'.")
    if user is not None:
        organisation = organisation or user.organisation
        category = ParticipantCategory.PROFESSIONAL
    if category == ParticipantCategory.PROFESSIONAL and organisation is None and not organisation_name.strip():
        errors["organisation"] = _("Vul de organisatie van de professional in.")
    if attendance in ABSENT | {Attendance.PRESENT} and meeting.held_on is None and meeting.planned_on > policy.today():
        errors["attendance"] = _("Aanwezigheid legt u vast als het overleg is geweest.")
    if errors:
        raise ValidationError(errors)
    return create_record(actor=actor, family_id=meeting.family_id, instance=MeetingParticipant(
        family_id=meeting.family_id, meeting=meeting, category=category, person=person,
        network_member=network_member, user=user, name=name.strip(), organisation=organisation,
        organisation_name=organisation_name.strip(), attendance=attendance,
        invite_reason=invite_reason.strip() if person is not None else ""))


@transaction.atomic
def meeting_record(*, actor, meeting: Meeting, version: int | None, held_on: date, minutes: str,
                   chair: str = "", safety_score: int | None = None, attendance: dict | None = None,
                   next_planned_on: date | None = None, parents_absent_reason: str = "",
                   no_follow_up_reason: str = "", extension_decision: str = "") -> tuple[Meeting, Meeting | None]:
    """Record that a meeting took place: attendance, minutes and (network meeting) the next one (R067), or why no
    follow-up is needed (R664). Without a parent present the reason is recorded (R616, R689)."""
    case = meeting.case
    _require_edit(actor, case)
    errors = {}
    today = policy.today()
    if held_on > today:
        errors["held_on"] = _("Een overleg kan pas worden vastgelegd als het is geweest; de datum ligt in de "
                              "toekomst.")
    if not minutes.strip():
        errors["minutes"] = _("Vul het verslag in.")
    if safety_score is not None and not 1 <= safety_score <= 10:
        errors["safety_score"] = _("De veiligheidsscore is een getal van 1 tot en met 10.")
    next_meeting = None
    if meeting.kind == MeetingKind.NETWORK:
        later = Meeting.objects.filter(case=case, kind=MeetingKind.NETWORK, held_on__isnull=True,
                                       planned_on__gt=held_on).exclude(pk=meeting.pk).exists()
        if next_planned_on is None and not later and not no_follow_up_reason.strip():
            errors["next_planned_on"] = _("Plan meteen het volgende netwerkberaad: vul de datum in (R067), of leg "
                                          "vast waarom geen vervolg nodig is (R664).")
        elif next_planned_on is not None and (next_planned_on <= held_on or next_planned_on < today):
            errors["next_planned_on"] = _("Het volgende netwerkberaad ligt na dit overleg en niet in het verleden.")
    participants = {str(p.pk): p for p in meeting.participants.select_related("person")}
    for participant_id, value in (attendance or {}).items():
        if str(participant_id) not in participants or value not in Attendance.values:
            errors["attendance"] = _("Onbekende deelnemer of aanwezigheid.")
    present = {pid: (attendance or {}).get(pid, p.attendance) for pid, p in participants.items()}
    parent_present = any(p.person is not None and p.person.family_role in PARENT_ROLES
                         and present[pid] == Attendance.PRESENT for pid, p in participants.items())
    if meeting.kind != MeetingKind.WITHOUT_FAMILY and not parent_present and not parents_absent_reason.strip():
        errors["parents_absent_reason"] = _(
            "Er was geen ouder aanwezig. Zorgen over een gezin bespreken we met de ouders erbij; leg vast waarom "
            "dat nu niet kon (R616, R689).")
    if extension_decision and meeting.kind != MeetingKind.EVALUATION:
        errors["extension_decision"] = _("Een besluit over verlengen hoort bij een evaluatie (R226).")
    if errors:
        raise ValidationError(errors)
    for participant_id, value in (attendance or {}).items():
        update_record(actor=actor, instance=participants[str(participant_id)], version=None,
                      values={"attendance": value}, family_id=meeting.family_id)
    meeting = update_record(actor=actor, instance=meeting, version=version, family_id=meeting.family_id, values={
        "held_on": held_on, "minutes": minutes, "chair": chair or meeting.chair, "safety_score": safety_score,
        "parents_absent_reason": "" if parent_present else parents_absent_reason.strip(),
        "no_follow_up_reason": no_follow_up_reason.strip() if next_planned_on is None else "",
        "extension_decision": extension_decision})
    if meeting.kind == MeetingKind.NETWORK and next_planned_on is not None:
        next_meeting = create_record(actor=actor, family_id=meeting.family_id, instance=Meeting(
            family_id=meeting.family_id, case=case, kind=MeetingKind.NETWORK, planned_on=next_planned_on,
            chair=meeting.chair, agenda=meeting.for_next_agenda))
        for p in participants.values():  # the same circle is invited again
            create_record(actor=actor, family_id=meeting.family_id, instance=MeetingParticipant(
                family_id=meeting.family_id, meeting=next_meeting, category=p.category, person=p.person,
                network_member=p.network_member, user=p.user, name=p.name, organisation=p.organisation,
                organisation_name=p.organisation_name))
    return meeting, next_meeting


# --- agreements ---------------------------------------------------------------------------------------------

@transaction.atomic
def agreement_add(*, actor, case: Case, what: str, due_on: date | None, who_user=None, who_name: str = "",
                  meeting: Meeting | None = None, goal=None) -> Agreement:
    _require_edit(actor, case)
    errors = {}
    if not what.strip():
        errors["what"] = _("Beschrijf wat er is afgesproken.")
    if who_user is None and not who_name.strip():
        errors["who_user"] = _("Een afspraak heeft iemand die hem uitvoert: kies een professional of vul een naam "
                               "in.")
    if due_on is None:
        errors["due_on"] = _("Een afspraak heeft een datum waarop hij klaar is.")
    if meeting is not None and meeting.case_id != case.pk:
        errors["meeting"] = _("Dit overleg hoort bij een andere casus.")
    if goal is not None and goal.family_id != case.family_id:
        errors["goal"] = _("Dit doel hoort niet bij het gezinsplan van dit gezin.")
    if errors:
        raise ValidationError(errors)
    return create_record(actor=actor, family_id=case.family_id, instance=Agreement(
        family_id=case.family_id, case=case, meeting=meeting, what=what.strip(), who_user=who_user,
        who_name=who_name.strip(), due_on=due_on, goal=goal))


@transaction.atomic
def agreement_done(*, actor, agreement: Agreement, version: int | None, done_on: date) -> Agreement:
    _require_edit(actor, agreement.case)
    if done_on > policy.today():
        raise ValidationError({"done_on": _("De datum waarop het gedaan is kan niet in de toekomst liggen.")})
    return update_record(actor=actor, instance=agreement, version=version, values={"done_on": done_on},
                         family_id=agreement.family_id)


@transaction.atomic
def agreement_not_kept(*, actor, agreement: Agreement, version: int | None, on: date, reason: str) -> Agreement:
    """R527: the director records that an agreement was not kept, and why."""
    _require_edit(actor, agreement.case)
    errors = {}
    if agreement.done_on:
        errors["on"] = _("Deze afspraak is al nagekomen.")
    if on > policy.today():
        errors["on"] = _("De datum kan niet in de toekomst liggen.")
    if not reason.strip():
        errors["reason"] = _("Leg vast waarom de afspraak niet is nagekomen.")
    if errors:
        raise ValidationError(errors)
    return update_record(actor=actor, instance=agreement, version=version, family_id=agreement.family_id,
                         values={"not_kept_on": on, "not_kept_reason": reason.strip()})


# --- core decisions -----------------------------------------------------------------------------------------

def _is_lead_team(case: Case, team) -> bool:
    lead = case_responsibility(case).lead
    return team.organisation.type == PARTY_ORGANISATION_TYPE[lead]


@transaction.atomic
def decision_record(*, actor, case: Case, kind: str, decided_on: date, decision: str, forum_team, participants,
                    behavioural_scientist, advice: str, advice_followed: bool | None, justification: str,
                    informing: str = "", revises: CoreDecision | None = None, disputed: bool = False,
                    forum_kind: str = ForumKind.CASE_DISCUSSION, children=(), gi_consulted: str = ""
                    ) -> CoreDecision:
    """R071, R096, R097, R098: a core decision in the lead's forum, with the behavioural scientist's advice and a
    justification; a revision only in the same forum with the same core participants. R068: the forum type and
    how the other parties are informed. R039/R041/R043: who owns the decisions on up- and downscaling. R053: in a
    family where only some children have a measure, the LT decides on help for the others after consulting GI."""
    _require_edit(actor, case)
    participants = list(participants)
    children = list(children)
    errors = {}
    if forum_kind not in ForumKind.values:
        errors["forum_kind"] = _("Kies het forum: netwerkberaad of casuïstiekbespreking/MDO (R068).")
    if not informing.strip():
        errors["informing"] = _("Leg vast hoe de andere partijen over dit besluit worden geïnformeerd (R068).")
    if any(c.family_id != case.family_id or c.family_role != FamilyRole.CHILD for c in children):
        errors["children"] = _("Kies kinderen van dit gezin.")
    owner = DECISION_OWNER.get(kind)
    lt_children_decision = False
    if owner is not None and forum_team is not None:
        if forum_team.organisation.type != PARTY_ORGANISATION_TYPE[owner] or \
                getattr(actor.organisation, "type", None) != PARTY_ORGANISATION_TYPE[owner]:
            errors["forum_team"] = _("Dit besluit wordt genomen en vastgesteld door %(party)s, in het eigen team "
                                     "(R039, R041, R043). De ander sluit aan als deskundige.") % {
                                         "party": owner.label}
    elif forum_team is not None and revises is None and not _is_lead_team(case, forum_team):
        lt_children_decision = _lt_decision_for_children_without_measure(case=case, forum_team=forum_team,
                                                                          children=children)
        if lt_children_decision and not gi_consulted.strip():
            errors["gi_consulted"] = _("Het lokaal team besluit over hulp voor de kinderen zonder maatregel in "
                                       "overleg met de GI: leg vast met wie van de GI en wanneer is overlegd (R053).")
    if decided_on > policy.today():
        errors["decided_on"] = _("Een kernbesluit legt u vast als het genomen is; de datum ligt in de toekomst.")
    if behavioural_scientist is None or behavioural_scientist.role != Role.BEHAVIOURAL_SCIENTIST:
        errors["behavioural_scientist"] = _("Een kernbesluit wordt genomen met een gedragswetenschapper (R097).")
    if not advice.strip():
        errors["advice"] = _("Leg het advies van de gedragswetenschapper vast (R097).")
    if advice_followed is None:
        errors["advice_followed"] = _("Geef aan of het advies is opgevolgd.")
    if not justification.strip():
        errors["justification"] = (
            _("Leg uit waarom het advies niet is opgevolgd (R098).") if advice_followed is False
            else _("Leg uit waarom het advies is opgevolgd (R098): de verantwoording is in beide gevallen nodig."))
    if forum_team is None:
        errors["forum_team"] = _("Kies het team waarin het besluit is genomen.")
    elif revises is None and owner is None and not lt_children_decision and not _is_lead_team(case, forum_team):
        lead = case_responsibility(case).lead
        errors["forum_team"] = _("Kernbesluiten worden genomen in het team van de regievoerder (%(lead)s), niet in "
                                 "een ander team (R096).") % {"lead": lead.label}
    if revises is not None:
        if revises.case_id != case.pk:
            errors["revises"] = _("Het besluit dat u herziet hoort bij een andere casus.")
        elif revises.revisions.filter(removed_at__isnull=True).exists():
            errors["revises"] = _("Dit besluit is al herzien; herzie het geldende besluit.")
        else:
            if forum_team is not None and forum_team.pk != revises.forum_team_id:
                errors["forum_team"] = _(
                    "Een besluit kan alleen worden gewijzigd in hetzelfde forum waarin het is genomen (%(team)s), "
                    "met dezelfde kernbetrokkenen (R071). Bespreek de herziening daar, of schaal op via de "
                    "managers van beide organisaties (R100).") % {"team": revises.forum_team.name}
            present = {u.pk for u in [*participants, behavioural_scientist] if u is not None}
            missing = set(revises.participants.values_list("pk", flat=True)) - present
            if missing:
                errors["participants"] = _("Een herziening wordt genomen met dezelfde kernbetrokkenen als het "
                                           "eerste besluit (R071); er ontbreken er %(n)d.") % {"n": len(missing)}
    if errors:
        raise ValidationError(errors)
    record = CoreDecision(
        family_id=case.family_id, case=case, kind=kind, decided_on=decided_on, decision=decision,
        forum_team=forum_team, behavioural_scientist=behavioural_scientist, advice=advice,
        advice_followed=advice_followed, justification=justification, informing=informing.strip(),
        revises=revises, disputed=disputed, forum_kind=forum_kind, gi_consulted=gi_consulted.strip())
    record = create_record(actor=actor, family_id=case.family_id, instance=record)
    record.participants.set({*participants, behavioural_scientist})
    record.children.set(children)
    return record


# R039/R041/R043: decisions whose owner is fixed, whatever the phase.
DECISION_OWNER = {
    DecisionKind.UPSCALING_FORCED: Party.LT,
    DecisionKind.LINE_AND_PLAN: Party.GI,
    DecisionKind.DOWNSCALING_VOLUNTARY: Party.GI,
}
# ... and the other party, whose worker sits in as expert (a warning when absent).
DECISION_EXPERT = {DecisionKind.UPSCALING_FORCED: Party.GI, DecisionKind.LINE_AND_PLAN: Party.LT,
                   DecisionKind.DOWNSCALING_VOLUNTARY: Party.LT}


def measured_child_ids(case: Case, *, on: date | None = None) -> set:
    day = on or policy.today()
    return {m.child_id for m in case.measures.filter(removed_at__isnull=True, starts_on__lte=day)
            if m.ended_on is None or m.ended_on >= day}


def _lt_decision_for_children_without_measure(*, case: Case, forum_team, children) -> bool:
    """R053: a mixed family (GI leads), an LT forum, and a decision only about children without a measure."""
    if forum_team.organisation.type != PARTY_ORGANISATION_TYPE[Party.LT] or not children:
        return False
    measured = measured_child_ids(case)
    return bool(measured) and not any(c.pk in measured for c in children)


def decision_warnings(decision: CoreDecision) -> list[str]:
    """R039/R041/R043: the other party's worker is listed as expert participant; a warning when absent."""
    expert = DECISION_EXPERT.get(decision.kind)
    if expert is None:
        return []
    org_type = PARTY_ORGANISATION_TYPE[expert]
    if any(getattr(u.organisation, "type", None) == org_type for u in decision.participants.all()):
        return []
    return [_("Let op: bij dit besluit hoort %(party)s als deskundige aan tafel; er staat niemand van %(party)s "
              "bij de deelnemers (R039, R041, R043).") % {"party": expert.label}]


# --- conversations with children ----------------------------------------------------------------------------

@transaction.atomic
def conversation_record(
    *,
    actor,
    case: Case,
    child,
    held_on: date,
    by_user,
    spoken: bool = True,
    with_parents: str = "",
    purposes=(),
    child_voice: str = "",
    how_used: str = "",
    view_of_help: str = "",
    tools: str = "",
    not_spoken_reason: str = "",
    explained: bool = False,
    explanation: str = "",
    involved_in_planning: bool = False,
    conversation_tools=(),
    parents_choice_reason: str = "",
) -> ChildConversation:
    """R158: whether the child was told what is happening and why (age-appropriate) and involved in the planning;
    R162: with or without parents (a conscious choice, with its reason) and the tools used from a fixed list."""
    _require_edit(actor, case)
    errors = {}
    if child is None or child.family_id != case.family_id or child.family_role != FamilyRole.CHILD:
        errors["child"] = _("Een gesprek met een kind gaat over een kind van dit gezin; deze persoon is dat niet.")
    if held_on > policy.today():
        errors["held_on"] = _("Een gesprek legt u vast als het is gevoerd; de datum ligt in de toekomst.")
    if spoken:
        if not with_parents:
            errors["with_parents"] = _("Geef aan of het gesprek met of zonder ouders was.")
        if not purposes:
            errors["purposes"] = _("Kies minstens één doel van het gesprek (R155).")
        elif set(purposes) - set(ConversationPurpose.values):
            errors["purposes"] = _("Onbekend doel van het gesprek.")
        if not child_voice.strip():
            errors["child_voice"] = _("Leg vast wat het kind vertelde: de stem van het kind.")
        if set(conversation_tools) - set(ConversationTool.values):
            errors["conversation_tools"] = _(
                "Kies de hulpmiddelen uit de lijst; een ander hulpmiddel vult u in bij 'andere hulpmiddelen' (R162)."
            )
        if explanation.strip() and not explained:
            errors["explained"] = _(
                "U beschrijft hoe het is uitgelegd: vink dan ook aan dat het kind is verteld wat "
                "er gebeurt en waarom (R158)."
            )
    elif not not_spoken_reason.strip():
        errors["not_spoken_reason"] = _("Is er niet met het kind gesproken, leg dan de reden vast (R154).")
    if errors:
        raise ValidationError(errors)
    return create_record(
        actor=actor,
        family_id=case.family_id,
        instance=ChildConversation(
            family_id=case.family_id,
            case=case,
            child=child,
            held_on=held_on,
            by_user=by_user,
            spoken=spoken,
            with_parents=with_parents if spoken else "",
            purposes=list(purposes) if spoken else [],
            child_voice=child_voice,
            how_used=how_used,
            view_of_help=view_of_help,
            tools=tools,
            not_spoken_reason="" if spoken else not_spoken_reason,
            explained=spoken and explained,
            explanation=explanation if spoken else "",
            involved_in_planning=spoken and involved_in_planning,
            conversation_tools=[t for t in ConversationTool.values if t in set(conversation_tools)] if spoken else [],
            parents_choice_reason=parents_choice_reason if spoken else "",
        ),
    )


# --- barriers (seed 000, four steps) ------------------------------------------------------------------------

@transaction.atomic
def barrier_raise(*, actor, case: Case, kind: str, description: str, raised_on: date, signals=(),
                  other_organisation=None, signalled_during: str = "") -> Barrier:
    _require_edit(actor, case)
    errors = {}
    if signalled_during not in SignalMoment.values:
        errors["signalled_during"] = _("Geef aan waar u de barrière signaleerde: in een netwerkberaad, een "
                                       "casuïstiekbespreking, bij patronen en doelen, bij een waarneming, of omdat "
                                       "contact uitblijft (R078).")
    allowed = {key for key, _label in BARRIER_SIGNALS.get(kind, ())}
    if set(signals) - allowed:
        errors["signals"] = _("Deze signalen horen niet bij dit soort barrière.")
    if not description.strip():
        errors["description"] = _("Beschrijf de barrière.")
    if raised_on > policy.today():
        errors["raised_on"] = _("De datum ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)
    return create_record(actor=actor, family_id=case.family_id, instance=Barrier(
        family_id=case.family_id, case=case, kind=kind, signals=list(signals), description=description.strip(),
        other_organisation=other_organisation, raised_by=actor, raised_on=raised_on,
        signalled_during=signalled_during))


@transaction.atomic
def barrier_step(*, actor, barrier: Barrier, step: int, taken_on: date, with_whom: str = "", notes: str = "",
                 outcome: str = "", skip_reason: str = "", status_quo: bool = False,
                 safety_not_affected: bool = False, resolve: bool = False, **details) -> BarrierStep:
    """R079-R082: the steps in order; skipping only for the child's direct safety, with the reason. `details` are
    the step 1 self-analysis (R080) and the step 2 conversation (R081) fields of BarrierStep."""
    unknown = set(details) - set(STEP_1_FIELDS) - set(STEP_2_FIELDS)
    if unknown:
        raise TypeError(f"unknown barrier step fields: {sorted(unknown)}")
    details = {k: (v.strip() if isinstance(v, str) else v) for k, v in details.items()}
    barrier = Barrier.objects.select_for_update().get(pk=barrier.pk)
    _require_edit(actor, barrier.case)
    errors = {}
    if barrier.status != BarrierStatus.OPEN:
        errors["step"] = _("Deze barrière is al opgelost.")
    last = max(barrier.steps.filter(removed_at__isnull=True).values_list("step", flat=True), default=0)
    if step not in LadderStep.values:
        errors["step"] = _("Kies stap 1 tot en met 4.")
    elif step <= last:
        errors["step"] = _("Stap %(step)d is al gezet; de ladder gaat alleen omhoog.") % {"step": step}
    elif step > last + 1 and not skip_reason.strip():
        errors["skip_reason"] = _(
            "Stap %(step)d komt na stap %(next)d. Stappen overslaan mag alleen als de directe veiligheid van het "
            "kind op het spel staat: leg die reden vast (R079).") % {"step": step, "next": last + 1}
    if taken_on > policy.today():
        errors["taken_on"] = _("De datum ligt in de toekomst.")
    if step in (LadderStep.CONVERSATION, LadderStep.TEAM_LEAD, LadderStep.MANAGEMENT) and not with_whom.strip():
        errors["with_whom"] = _("Vul in met wie deze stap is gezet.")
    if status_quo and not safety_not_affected:
        errors["safety_not_affected"] = _("Een status quo kan alleen als die de veiligheid van het kind niet raakt "
                                          "(R082).")
    if resolve and not outcome.strip():
        errors["outcome"] = _("Vul de uitkomst in als de barrière is opgelost.")
    if step == LadderStep.SELF:
        if not details.get("my_share"):
            errors["my_share"] = _("Stap 1 is een analyse van uzelf: beschrijf uw eigen aandeel of rol in deze "
                                   "barrière (R080).")
        if not details.get("could_do"):
            errors["could_do"] = _("Beschrijf wat u zelf kunt doen om de barrière te doorbreken (R080).")
    if step == LadderStep.CONVERSATION:
        if not details.get("goal_focus"):
            errors["goal_focus"] = _("Bepaal vooraf het doel en de focus van het gesprek (R081).")
        if not details.get("named_to_other"):
            errors["named_to_other"] = _("Beschrijf hoe u de barrière bij de ander benoemde en uitnodigde voor het "
                                         "gesprek (R081).")
    if errors:
        raise ValidationError(errors)
    kept = STEP_1_FIELDS if step == LadderStep.SELF else STEP_2_FIELDS if step == LadderStep.CONVERSATION else ()
    record = create_record(actor=actor, family_id=barrier.family_id, instance=BarrierStep(
        family_id=barrier.family_id, barrier=barrier, step=step, taken_on=taken_on, taken_by=actor,
        with_whom=with_whom, notes=notes, outcome=outcome, skip_reason=skip_reason if step > last + 1 else "",
        status_quo=status_quo, safety_not_affected=safety_not_affected,
        **{k: v for k, v in details.items() if k in kept and v not in (None, "")}))
    if resolve:
        update_record(actor=actor, instance=barrier, version=None, family_id=barrier.family_id,
                      values={"status": BarrierStatus.RESOLVED, "outcome": outcome})
    return record


# --- escalation between organisations (seed 002, three levels) ----------------------------------------------

@transaction.atomic
def escalation_start(*, actor, case: Case, situation: int, level: int, other_organisation, description: str,
                     family_informed: str, agreement_reference: str = "", decision: CoreDecision | None = None,
                     consulted_other: bool = False, no_specific_agreement: bool = False,
                     cannot_reach_lt: bool = False, conduct_observed: str = "", conduct_norm: str = ""
                     ) -> Escalation:
    """R462-R472: professionals consult each other first; level 1 only for situation 1 and situation 1 always
    starts there (R468); situation 3 names the conduct and the norm and starts at level 2 (R464); the model is not
    for an unreachable local team (R471); the family is informed."""
    _require_edit(actor, case)
    if cannot_reach_lt:
        raise ValidationError({"cannot_reach_lt": _(
            "Dit escalatiemodel is niet bedoeld voor een jeugdbeschermer die geen contact krijgt met het lokaal "
            "team (R471). Volg de aanmeldroute: neem contact op met een tweede medewerker van het lokaal team en "
            "daarna met de regionale contactpersoon.")})
    errors = {}
    if not consulted_other:
        errors["consulted_other"] = _("Overleg eerst met de andere professional voordat u opschaalt (R462).")
    if situation == EscalationSituation.AGREEMENTS and no_specific_agreement and not agreement_reference.strip():
        agreement_reference = str(GENERAL_AGREEMENTS)
    if situation not in EscalationSituation.values:
        errors["situation"] = _("Kies de situatie.")
    elif level == EscalationLevel.BEHAVIOURAL_SCIENTISTS and situation != EscalationSituation.DILEMMA:
        errors["level"] = _("Niveau 1 (gedragswetenschappers) is alleen voor een verschil van visie op de casus; "
                            "situaties 2 en 3 beginnen bij niveau 2 (R465).")
    elif level == EscalationLevel.ADMINISTRATORS:
        errors["level"] = _("Bestuurders komen pas in beeld na niveau 2, in uitzonderlijke gevallen (R470).")
    elif (level == EscalationLevel.MANAGERS and situation == EscalationSituation.DILEMMA
          and (decision is None or not decision.disputed)):
        errors["level"] = _("Bij een verschil van visie begint u bij stap 1: de gedragswetenschappers van beide "
                            "organisaties. Stap 2 (managers) volgt pas als stap 1 het verschil niet overbrugt "
                            "(R468).")
    if level == EscalationLevel.MANAGERS and actor.role not in LEVEL_2_INITIATORS:
        errors["level"] = _("Niveau 2 wordt gestart door een uitvoerend professional of gedragswetenschapper "
                            "(R469).")
    if situation == EscalationSituation.AGREEMENTS and not agreement_reference.strip():
        errors["agreement_reference"] = _("Noem de afspraak die niet wordt nagekomen, of kies 'er is geen "
                                          "specifieke afspraak': dan gelden de algemeen geldende afspraken (R463).")
    if situation == EscalationSituation.CONDUCT:
        if not conduct_observed.strip():
            errors["conduct_observed"] = _("Beschrijf het handelen van de professional dat u zag (R464).")
        if conduct_norm not in ConductNorm.values:
            errors["conduct_norm"] = _("Kies de norm waaraan u het handelen toetst: het kwaliteitskader SKJ of "
                                       "algemeen geldende normen (R464).")
    if not family_informed.strip():
        errors["family_informed"] = _("Leg vast wanneer en hoe het gezin is geïnformeerd (R472).")
    if errors:
        raise ValidationError(errors)
    escalation = create_record(actor=actor, family_id=case.family_id, instance=Escalation(
        family_id=case.family_id, case=case, situation=situation, level=level, description=description,
        other_organisation=other_organisation, family_informed=family_informed,
        agreement_reference=agreement_reference, decision=decision,
        conduct_observed=conduct_observed.strip() if situation == EscalationSituation.CONDUCT else "",
        conduct_norm=conduct_norm if situation == EscalationSituation.CONDUCT else ""))
    EscalationMove.objects.create(escalation=escalation, level=level, escalated_by=actor)
    return escalation


def _refuse_stale(escalation: Escalation, version: int | None) -> None:
    """A changed escalation is refused before its rules are checked, so the user gets their text back."""
    if version is not None and escalation.version != version:
        raise StaleEdit(changed={}, current_version=escalation.version)


@transaction.atomic
def escalation_raise(*, actor, escalation: Escalation, level: int, reason: str, family_informed: str,
                     step3_reason: str = "", civil_servants=(), mediators=(),
                     version: int | None = None) -> Escalation:
    """R466: the level only moves up; each move records who and when. R468: from step 1 only when it did not
    bridge the difference. R470: step 3 by managers only, with its reason and a municipal civil servant."""
    _require_edit(actor, escalation.case)
    _refuse_stale(escalation, version)
    if escalation.resolved_on:
        raise ValidationError(_("Deze escalatie is al opgelost."))
    if level <= escalation.level:
        raise ValidationError({"level": _("Een escalatie gaat alleen naar een hoger niveau.")})
    if level not in EscalationLevel.values:
        raise ValidationError({"level": _("Kies niveau 2 of 3.")})
    errors = {}
    if not reason.strip() or not family_informed.strip():
        errors["reason"] = _("Geef de reden en hoe het gezin is geïnformeerd (R472).")
    if escalation.level == EscalationLevel.BEHAVIOURAL_SCIENTISTS and escalation.step1_result != \
            Step1Result.NOT_BRIDGED:
        errors["level"] = _("Stap 2 volgt pas als stap 1 het verschil niet heeft overbrugd: leg eerst de uitkomst "
                            "van stap 1 vast (R467, R468).")
    civil_servants, mediators = list(civil_servants), list(mediators)
    if level == EscalationLevel.ADMINISTRATORS:
        if escalation.level != EscalationLevel.MANAGERS:
            errors["level"] = _("Stap 3 volgt op stap 2 (R470).")
        if actor.role != Role.TEAM_LEAD:
            errors["level"] = _("Alleen managers en directeuren zetten stap 3 naar de bestuurders en wethouders "
                                "(R470).")
        if step3_reason not in Step3Reason.values:
            errors["step3_reason"] = _("Stap 3 is voor uitzonderlijke gevallen: kies of het staande beleid tekort "
                                       "schiet of stap 1 en 2 onvoldoende resultaat gaven (R470).")
        if not any(u.organisation_id and u.organisation.type == OrganisationType.MUNICIPALITY
                   for u in civil_servants):
            errors["civil_servants"] = _("Koppel minstens één gemeentelijke ambtenaar aan stap 3 (R470).")
        if any(u.role not in MEDIATOR_ROLES for u in mediators):
            errors["mediators"] = _("Bemiddelaars zijn regionale adviseurs of tafelvoorzitters (R470).")
    if errors:
        raise ValidationError(errors)
    values = {"level": level, "family_informed": family_informed}
    if level == EscalationLevel.ADMINISTRATORS:
        values["step3_reason"] = step3_reason
    escalation = update_record(actor=actor, instance=escalation, version=version, family_id=escalation.family_id,
                               values=values)
    if level == EscalationLevel.ADMINISTRATORS:
        escalation.civil_servants.set(civil_servants)
        escalation.mediators.set(mediators)
    EscalationMove.objects.create(escalation=escalation, level=level, escalated_by=actor, reason=reason)
    return escalation


@transaction.atomic
def escalation_step1(*, actor, escalation: Escalation, own_scientist, other_scientist: str,
                     both_acknowledged: bool, joint_meeting_on: date | None, result: str,
                     solution: str = "", version: int | None = None) -> Escalation:
    """R467: both professionals bring in their own behavioural scientist, both acknowledge they cannot bridge the
    difference, and meet jointly; 'bridged' closes the escalation as successful, 'not bridged' opens step 2."""
    _require_edit(actor, escalation.case)
    _refuse_stale(escalation, version)
    errors = {}
    if escalation.resolved_on or escalation.level != EscalationLevel.BEHAVIOURAL_SCIENTISTS:
        errors["result"] = _("Stap 1 hoort bij een open escalatie op niveau 1.")
    elif escalation.step1_result:
        errors["result"] = _("De uitkomst van stap 1 is al vastgelegd.")
    if own_scientist is None or own_scientist.role != Role.BEHAVIOURAL_SCIENTIST \
            or own_scientist.organisation_id != actor.organisation_id:
        errors["own_scientist"] = _("Betrek de gedragswetenschapper van uw eigen organisatie (R467).")
    if not other_scientist.strip():
        errors["other_scientist"] = _("Vul in welke gedragswetenschapper de andere organisatie betrok (R467).")
    if not both_acknowledged:
        errors["both_acknowledged"] = _("Beide professionals erkennen eerst dat zij het verschil niet samen "
                                        "overbruggen (R467).")
    if joint_meeting_on is None:
        errors["joint_meeting_on"] = _("Leg de datum van het gezamenlijk overleg vast (R467).")
    elif joint_meeting_on > policy.today():
        errors["joint_meeting_on"] = _("Het gezamenlijk overleg ligt in de toekomst; leg de uitkomst vast als "
                                       "het is geweest.")
    if result not in Step1Result.values:
        errors["result"] = _("Kies of het verschil is overbrugd.")
    elif result == Step1Result.BRIDGED and not solution.strip():
        errors["solution"] = _("Beschrijf hoe het verschil is overbrugd.")
    if errors:
        raise ValidationError(errors)
    values = {"own_scientist": own_scientist, "other_scientist": other_scientist.strip(),
              "both_acknowledged": True, "joint_meeting_on": joint_meeting_on, "step1_result": result}
    if result == Step1Result.BRIDGED:
        values.update(resolved_on=joint_meeting_on, solution=solution.strip())
    return update_record(actor=actor, instance=escalation, version=version, family_id=escalation.family_id,
                         values=values)


@transaction.atomic
def escalation_resolve(*, actor, escalation: Escalation, resolved_on: date, solution: str,
                       version: int | None = None) -> Escalation:
    """R469: closing records the solution and that the stagnation is lifted; managers hold the mandate."""
    _require_edit(actor, escalation.case)
    _refuse_stale(escalation, version)
    if escalation.level >= EscalationLevel.MANAGERS and actor.role != Role.TEAM_LEAD:
        raise ValidationError(_("Op niveau 2 en hoger besluiten de managers; een manager sluit de escalatie af "
                                "(R469)."))
    if not solution.strip():
        raise ValidationError({"solution": _("Leg de oplossing vast.")})
    return update_record(actor=actor, instance=escalation, version=version, family_id=escalation.family_id,
                         values={"resolved_on": resolved_on, "solution": solution})


# --- feedback and reflection (no family data) ---------------------------------------------------------------

def _core_values(values) -> list[str]:
    """R306: tags from the fixed list of the four core values."""
    try:
        return validate_core_values(values)
    except ValueError:
        raise ValidationError({"core_values": _("Kies uit de vier kernwaarden van het netwerk (R306).")}) from None


@transaction.atomic
def feedback_give(*, actor, about_organisation, sentiment: str, text: str, given_on: date,
                  core_values=()) -> Feedback:
    if actor.organisation_id is None:
        raise ValidationError(_("Alleen professionals van een organisatie geven feedback."))
    feedback = Feedback(from_user=actor, from_organisation_id=actor.organisation_id,
                        about_organisation=about_organisation, sentiment=sentiment, text=text, given_on=given_on,
                        core_values=_core_values(core_values))
    feedback.full_clean()
    feedback.save()
    return feedback


@transaction.atomic
def reflection_record(*, actor, level: str, held_on: date, participants: str, topic: str, outcomes: str,
                      technical: str = "", normative: str = "", personal: str = "",
                      core_values=()) -> ReflectionSession:
    if actor.organisation_id is None:
        raise ValidationError(_("Alleen professionals van een organisatie leggen een reflectie vast."))
    session = ReflectionSession(level=level, held_on=held_on, organisation_id=actor.organisation_id,
                                participants=participants, topic=topic, outcomes=outcomes, technical=technical,
                                normative=normative, personal=personal, recorded_by=actor,
                                core_values=_core_values(core_values))
    session.full_clean()
    session.save()
    return session
