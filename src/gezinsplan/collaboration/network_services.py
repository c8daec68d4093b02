"""Use cases for a family's partners and network, and the escalation of a disputed core decision (R100).

Same pattern as services.py: policy, validation with concrete Dutch errors, writes through core.records."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.cases.models import Case
from gezinsplan.collaboration.models import (
    ChildConversation,
    CoreDecision,
    Escalation,
    EscalationLevel,
    EscalationMove,
    EscalationSituation,
    Meeting,
    MeetingKind,
)
from gezinsplan.collaboration.partners import (
    ConferenceAnswer,
    ConferenceOffer,
    ExpertConsultation,
    GiMode,
    GiModePeriod,
    Klik,
    MeetingSetup,
    NetworkTask,
    PartnerInvolvement,
    PartnerUpdate,
    ProviderView,
    Reliability,
    ReliabilityCheck,
    StakeholderApproach,
    TableSession,
)
from gezinsplan.collaboration.reference import (
    CHAIR_RULES,
    ChairKind,
    Expertise,
    ExpertiseFor,
    MeetingFormat,
    NetworkMethod,
    PartnerType,
    TableType,
)
from gezinsplan.collaboration.services import _require_edit
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.records import create_record, update_record


def _not_future(errors: dict, field: str, day: date | None, label: str) -> None:
    if day is None:
        errors[field] = _("Vul de datum in (%(label)s).") % {"label": label}
    elif day > policy.today():
        errors[field] = _("De datum ligt in de toekomst; leg dit vast als het is gebeurd.")


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


# --- R100: a disputed core decision goes to the managers of both organisations ------------------------------------

@transaction.atomic
def decision_escalate(*, actor, decision: CoreDecision, other_organisation, description: str,
                      family_informed: str) -> Escalation:
    """R100: only a decision marked 'disputed between organisations'; it goes straight to the managers (level 2),
    who both see it on 'Wat staat open' and record the outcome against the decision."""
    case = decision.case
    _require_edit(actor, case)
    errors = {}
    if not decision.disputed:
        errors["decision"] = _("Alleen een kernbesluit dat omstreden is tussen organisaties gaat naar de managers van "
                               "beide organisaties (R100). Markeer het besluit eerst als omstreden.")
    elif Escalation.objects.filter(decision=decision, resolved_on__isnull=True).exists():
        errors["decision"] = _("Dit kernbesluit ligt al bij de managers.")
    if other_organisation is None or other_organisation.pk == actor.organisation_id:
        errors["other_organisation"] = _("Kies de andere organisatie: de managers van beide organisaties beslissen.")
    if not description.strip():
        errors["description"] = _("Beschrijf waarover de organisaties het oneens zijn.")
    if not family_informed.strip():
        errors["family_informed"] = _("Leg vast wanneer en hoe het gezin is geïnformeerd (R472).")
    _raise(errors)
    escalation = create_record(actor=actor, family_id=case.family_id, instance=Escalation(
        family_id=case.family_id, case=case, situation=EscalationSituation.DILEMMA, level=EscalationLevel.MANAGERS,
        description=description.strip(), other_organisation=other_organisation, family_informed=family_informed,
        decision=decision))
    EscalationMove.objects.create(escalation=escalation, level=EscalationLevel.MANAGERS, escalated_by=actor,
                                  reason=_("omstreden kernbesluit (R100)"))
    return escalation


# --- R572, R586, R589: partners -------------------------------------------------------------------------------------

@transaction.atomic
def partner_add(*, actor, case: Case, partner_type: str, part: str, organisation=None, name: str = "",
                contact: str = "") -> PartnerInvolvement:
    _require_edit(actor, case)
    errors = {}
    if partner_type not in PartnerType.values:
        errors["partner_type"] = _("Kies het soort partner.")
    if organisation is None and not name.strip():
        errors["name"] = _("Kies de organisatie of vul de naam in.")
    if not part.strip():
        errors["part"] = _("Beschrijf het deel van deze partner in het plan.")
    _raise(errors)
    return create_record(actor=actor, family_id=case.family_id, instance=PartnerInvolvement(
        family_id=case.family_id, case=case, partner_type=partner_type, organisation=organisation,
        name=name.strip(), contact=contact.strip(), part=part.strip()))


@transaction.atomic
def partner_post_update(*, actor, partner: PartnerInvolvement, text: str, posted_on: date) -> PartnerUpdate:
    """R589: a partner posts an update on its own part. A professional of the partner organisation may post it
    without editing rights on the family (a care provider reads the plan); otherwise the case editors do."""
    case = partner.case
    grant = policy.family_grant(actor, case.family)
    own_part = partner.organisation_id is not None and partner.organisation_id == actor.organisation_id
    if not own_part:
        policy.require(actor, Action.EDIT_CASE, grant=grant)
    elif grant is None:
        policy.require(actor, Action.VIEW_CASE, grant=grant)
    errors = {}
    if not text.strip():
        errors["text"] = _("Schrijf de update.")
    _not_future(errors, "posted_on", posted_on, _("datum"))
    _raise(errors)
    return create_record(actor=actor, family_id=case.family_id, instance=PartnerUpdate(
        family_id=case.family_id, case=case, partner=partner, text=text.strip(), posted_on=posted_on))


# --- R338: specialists --------------------------------------------------------------------------------------------

@transaction.atomic
def expert_consultation_record(*, actor, case: Case, expertise: str, consulted_for: str, consulted_on: date,
                               expert_organisation: str, advice: str) -> ExpertConsultation:
    _require_edit(actor, case)
    errors = {}
    if expertise not in Expertise.values:
        errors["expertise"] = _("Kies de expertise: verslaving, psychiatrie, trauma, hechting of LVB.")
    if consulted_for not in ExpertiseFor.values:
        errors["consulted_for"] = _("Geef aan of het om een jeugdige of een volwassene gaat.")
    _not_future(errors, "consulted_on", consulted_on, _("datum consultatie"))
    if not expert_organisation.strip():
        errors["expert_organisation"] = _("Vul de organisatie van de deskundige in.")
    if not advice.strip():
        errors["advice"] = _("Leg het advies van de deskundige vast.")
    _raise(errors)
    return create_record(actor=actor, family_id=case.family_id, instance=ExpertConsultation(
        family_id=case.family_id, case=case, expertise=expertise, consulted_for=consulted_for,
        consulted_on=consulted_on, expert_organisation=expert_organisation.strip(), advice=advice.strip()))


# --- R623: consultation or insertion -------------------------------------------------------------------------------

@transaction.atomic
def gi_mode_start(*, actor, case: Case, mode: str, starts_on: date, ends_on: date | None = None) -> GiModePeriod:
    """A new mode ends the running one the day before it starts."""
    _require_edit(actor, case)
    errors = {}
    if mode not in GiMode.values:
        errors["mode"] = _("Kies consultatie of invoegen.")
    if starts_on is None:
        errors["starts_on"] = _("Vul de begindatum in.")
    elif ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("De einddatum ligt voor de begindatum.")
    if mode == GiMode.INSERTION and ends_on is None:
        errors["ends_on"] = _("Invoegen is tijdelijk: vul in tot wanneer de GI de regie overneemt (R623).")
    _raise(errors)
    running = GiModePeriod.objects.filter(case=case, starts_on__lt=starts_on).exclude(ends_on__lt=starts_on)
    for period in running:
        update_record(actor=actor, instance=period, version=None, family_id=case.family_id,
                      values={"ends_on": starts_on - timedelta(days=1)})
    return create_record(actor=actor, family_id=case.family_id, instance=GiModePeriod(
        family_id=case.family_id, case=case, mode=mode, starts_on=starts_on, ends_on=ends_on))


def current_gi_mode(periods, today: date) -> GiModePeriod | None:
    return next((p for p in periods if p.starts_on <= today and (p.ends_on is None or p.ends_on >= today)), None)


# --- R678: family group conference -------------------------------------------------------------------------------

@transaction.atomic
def conference_offer_record(*, actor, case: Case, offered_on: date, answer: str, note: str = "") -> ConferenceOffer:
    _require_edit(actor, case)
    errors = {}
    _not_future(errors, "offered_on", offered_on, _("aangeboden op"))
    if answer not in ConferenceAnswer.values:
        errors["answer"] = _("Leg het antwoord van het gezin vast: aangenomen, afgeslagen of uitgesteld.")
    _raise(errors)
    return create_record(actor=actor, family_id=case.family_id, instance=ConferenceOffer(
        family_id=case.family_id, case=case, offered_on=offered_on, answer=answer, note=note.strip()))


# --- R688, R684: the network's reliability and tasks --------------------------------------------------------------

@transaction.atomic
def reliability_check_record(*, actor, case: Case, member, checked_on: date, outcome: str,
                             note: str = "") -> ReliabilityCheck:
    _require_edit(actor, case)
    errors = {}
    if member is None or member.family_id != case.family_id:
        errors["member"] = _("Dit netwerklid hoort niet bij het netwerk van dit gezin.")
    _not_future(errors, "checked_on", checked_on, _("datum check"))
    if outcome not in Reliability.values:
        errors["outcome"] = _("Kies de uitkomst van de check.")
    _raise(errors)
    return create_record(actor=actor, family_id=case.family_id, instance=ReliabilityCheck(
        family_id=case.family_id, member=member, checked_on=checked_on, outcome=outcome, checked_by=actor,
        note=note.strip()))


def professional_in_plan(case: Case) -> bool:
    """R684: the plan keeps a professional involved: an open agreement carried by a professional, or a partner
    organisation that is still involved (two queries at most)."""
    from gezinsplan.collaboration.models import Agreement

    return (Agreement.objects.filter(case=case, done_on__isnull=True, who_user__isnull=False).exists()
            or PartnerInvolvement.objects.filter(case=case, ended_on__isnull=True).exists())


@transaction.atomic
def network_task_assign(*, actor, case: Case, member, task: str, safety_task: bool = False) -> NetworkTask:
    """R684: the network is backed by at least one active professional. R688: a safety task only for a member
    whose latest reliability check says 'reliable'."""
    _require_edit(actor, case)
    errors = {}
    if member is None or member.family_id != case.family_id:
        errors["member"] = _("Dit netwerklid hoort niet bij het netwerk van dit gezin.")
    elif safety_task:
        last = ReliabilityCheck.objects.filter(member=member).order_by("-checked_on", "-created_at").first()
        if last is None:
            errors["member"] = _("Doe eerst een check op de betrouwbaarheid van dit netwerklid voordat het een taak "
                                 "in de veiligheidsafspraken krijgt (R688).")
        elif last.outcome != Reliability.RELIABLE:
            errors["member"] = _("De laatste betrouwbaarheidscheck van dit netwerklid (%(date)s) gaf '%(outcome)s': "
                                 "geef het geen veiligheidstaak (R688).") % {
                "date": last.checked_on.strftime("%d-%m-%Y"), "outcome": last.get_outcome_display()}
    if not task.strip():
        errors["task"] = _("Beschrijf de taak.")
    if not professional_in_plan(case):
        errors["task"] = _("Het netwerk blijft aangevuld met een professional (R684): het plan heeft nog geen open "
                           "afspraak voor een professional en geen betrokken netwerkpartner. Leg eerst vast welke "
                           "professional naast het netwerk betrokken blijft.")
    _raise(errors)
    return create_record(actor=actor, family_id=case.family_id, instance=NetworkTask(
        family_id=case.family_id, case=case, member=member, task=task.strip(), safety_task=safety_task))


# --- R151: who to involve after the end situation -----------------------------------------------------------------

@transaction.atomic
def stakeholder_approach_record(*, actor, case: Case, must_involve: str, approach: str, already_involved: str = "",
                                win_over: str = "", own_barrier: str = "") -> StakeholderApproach:
    _require_edit(actor, case)
    from gezinsplan.analysis.models import FamilyAnalysis

    errors = {}
    analysis = FamilyAnalysis.objects.filter(family_id=case.family_id).only("end_description").first()
    if analysis is None or not analysis.has_end_situation:
        errors["must_involve"] = _("Stel eerst de haalbare eindsituatie vast in de verklarende analyse; daarna "
                                   "bepaalt u wie u betrekt en hoe (R151).")
    if not must_involve.strip():
        errors["must_involve"] = _("Noem wie u hierin moet betrekken.")
    if not approach.strip():
        errors["approach"] = _("Beschrijf uw aanpak.")
    _raise(errors)
    return create_record(actor=actor, family_id=case.family_id, instance=StakeholderApproach(
        family_id=case.family_id, case=case, must_involve=must_involve.strip(), approach=approach.strip(),
        already_involved=already_involved.strip(), win_over=win_over.strip(), own_barrier=own_barrier.strip()))


# --- R156: the youth's view of each provider ----------------------------------------------------------------------

@transaction.atomic
def provider_view_add(*, actor, conversation: ChildConversation, provider: str, klik: str, matches_wish: str,
                      in_own_words: str = "") -> ProviderView:
    _require_edit(actor, conversation.case)
    errors = {}
    if not conversation.spoken:
        errors["provider"] = _("Er is in dit gesprek niet met de jeugdige gesproken.")
    if not provider.strip():
        errors["provider"] = _("Noem de zorgaanbieder of hulpverlener.")
    if klik not in Klik.values:
        errors["klik"] = _("Geef aan of er volgens de jeugdige een klik is.")
    if matches_wish not in Klik.values:
        errors["matches_wish"] = _("Geef aan of de hulp past bij wat de jeugdige wil.")
    _raise(errors)
    return create_record(actor=actor, family_id=conversation.family_id, instance=ProviderView(
        family_id=conversation.family_id, conversation=conversation, provider=provider.strip(), klik=klik,
        matches_wish=matches_wish, in_own_words=in_own_words.strip()))


# --- R406: tables ------------------------------------------------------------------------------------------------

@transaction.atomic
def table_session_record(*, actor, case: Case, table: str, held_on: date, forum, question: str,
                         outcome: str = "") -> TableSession:
    """A JBT session is not the team's MDO: an MDO is held in the professional's own team, never at the table."""
    _require_edit(actor, case)
    errors = {}
    if table not in TableType.values:
        errors["table"] = _("Kies de tafel.")
    _not_future(errors, "held_on", held_on, _("datum"))
    if forum is None:
        errors["forum"] = _("Kies de organisatie van de tafel.")
    elif table == TableType.MDO and (forum.type == OrganisationType.JBT or forum.pk != actor.organisation_id):
        errors["table"] = _("Een MDO is het overleg in uw eigen (lokale) team. Een bespreking aan de "
                            "Jeugdbeschermingstafel of bij een andere organisatie vervangt het MDO niet; registreer "
                            "haar als JBT, RET of MDA++ (R406).")
    elif table == TableType.JBT and forum.type not in (OrganisationType.JBT, OrganisationType.MUNICIPALITY):
        errors["forum"] = _("Een JBT-bespreking hoort bij de Jeugdbeschermingstafel.")
    if not question.strip():
        errors["question"] = _("Beschrijf de vraag aan de tafel.")
    _raise(errors)
    return create_record(actor=actor, family_id=case.family_id, instance=TableSession(
        family_id=case.family_id, case=case, table=table, held_on=held_on, forum=forum, question=question.strip(),
        outcome=outcome.strip()))


# --- R618, R697: method and chair of a network meeting -------------------------------------------------------------

@transaction.atomic
def meeting_setup_save(*, actor, meeting: Meeting, method: str, format: str, chair_kind: str, chair_user=None,
                       chair_name: str = "", method_other: str = "", version: int | None = None) -> MeetingSetup:
    case = meeting.case
    _require_edit(actor, case)
    errors = {}
    if meeting.kind != MeetingKind.NETWORK:
        errors["method"] = _("Methode en vorm horen bij een netwerkberaad.")
    if method not in NetworkMethod.values:
        errors["method"] = _("Kies de methode van het netwerkberaad (R618).")
    elif method == NetworkMethod.OTHER and not method_other.strip():
        errors["method_other"] = _("Beschrijf de andere methode.")
    if format not in MeetingFormat.values:
        errors["format"] = _("Kies de vorm: Familieberaad, Rondetafel of Teamtafel.")
    elif chair_kind not in CHAIR_RULES[format]:
        allowed = ", ".join(str(ChairKind(k).label) for k in sorted(CHAIR_RULES[format]))
        errors["chair_kind"] = _("Een %(format)s wordt voorgezeten door %(allowed)s (R697).") % {
            "format": MeetingFormat(format).label.split(" (")[0], "allowed": allowed}
    else:
        involved = policy.active_involvements().filter(case=case)
        if chair_kind == ChairKind.FACILITATOR:
            if not chair_name.strip():
                errors["chair_name"] = _("Vul de naam van de onafhankelijke facilitator in.")
            chair_user = None
        elif chair_user is None:
            errors["chair_user"] = _("Kies de professional die voorzit.")
        elif chair_kind == ChairKind.PROTECTOR and not (
                chair_user.role == Role.GI_PROTECTOR and involved.filter(user=chair_user).exists()):
            errors["chair_user"] = _("De voorzitter is de jeugdbeschermer van dit gezin (R697).")
        elif chair_kind == ChairKind.CASE_DIRECTOR:
            lead = involved.filter(role="lead").order_by("-start_date").first()
            if lead is None or lead.user_id != chair_user.pk:
                errors["chair_user"] = _("Een Teamtafel wordt geleid door de casusregisseur: de professional met de "
                                         "regie (R697).")
    _raise(errors)
    values = {"method": method, "method_other": method_other.strip() if method == NetworkMethod.OTHER else "",
              "format": format, "chair_kind": chair_kind, "chair_user": chair_user,
              "chair_name": chair_name.strip() if chair_kind == ChairKind.FACILITATOR else ""}
    existing = MeetingSetup.objects.filter(meeting=meeting).first()
    if existing is not None:
        return update_record(actor=actor, instance=existing, version=version, family_id=meeting.family_id,
                             values=values)
    return create_record(actor=actor, family_id=meeting.family_id, instance=MeetingSetup(
        family_id=meeting.family_id, meeting=meeting, **values))
