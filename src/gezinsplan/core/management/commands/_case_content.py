"""The work on a case for `generate_synthetic`: what the safety, analysis, collaboration and cases apps record
while a case is open, in amounts that grow with the time the case has been open.

For a share of the open cases: the parents' safety plan in versions, ARIJ assessments and safety-scale scores per
child, contacts (each with its safety score), a task, network meetings with participants and agreements, now and
then a core decision with the behavioural scientist, the family analysis with timeline events and goals, the
family plan in versions, and for a case with a GI protector a 2a indication with hours. Rows are built as model
instances (nothing is saved here) and inserted with `bulk_create` by the generator, per batch of families. The
main records get a change record as the services write one; the many small ones (contacts, scores, timeline
events, agreements, hours) do not, to keep the generation of 100,000 families within minutes.
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from gezinsplan.analysis.models import (
    EventKind,
    FamilyAnalysis,
    FamilyPlan,
    FamilyPlanVersion,
    Goal,
    GoalStatus,
    LifeDomain,
    TimelineEvent,
)
from gezinsplan.cases.models import (
    CaseContact,
    CaseTask,
    ContactKind,
    HourActivity,
    HourEntry,
    IndicationReason,
    ProductIndication,
    ProductKind,
    TaskKind,
)
from gezinsplan.collaboration.models import (
    Agreement,
    Attendance,
    CoreDecision,
    DecisionKind,
    ForumKind,
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingPurpose,
    ParticipantCategory,
)
from gezinsplan.families.models import FamilyRole
from gezinsplan.safety.models import (
    ArijItem,
    SafetyAssessment,
    SafetyPlan,
    SafetyPlanVersion,
    SafetyScore,
    Scorer,
    ScoreSetting,
)
from gezinsplan.safety.plan_content import clean_content

# The share of open cases with this work recorded; the bench professional's own open cases always have it.
WORKED_SHARE = 0.4

# Models in the order they are inserted (foreign keys first); the plan documents get their `current` after.
INSERT_ORDER = (
    SafetyPlan, SafetyPlanVersion, SafetyAssessment, SafetyScore, CaseContact, CaseTask, Meeting,
    MeetingParticipant, Agreement, CoreDecision, CoreDecision.participants.through, FamilyAnalysis, TimelineEvent,
    Goal, FamilyPlan, FamilyPlanVersion, ProductIndication, HourEntry,
)

CONCERNS = (
    ("Geweld tussen de ouders in het bijzijn van de kinderen", "Er is geen geweld meer in huis",
     "De kinderen zijn niet meer bang als de ouders ruzie maken"),
    ("Vader drinkt en wordt dan agressief", "Vader drinkt niet als hij bij de kinderen is",
     "Vader is zes maanden nuchter als hij voor de kinderen zorgt"),
    ("De kinderen gaan niet naar school", "De kinderen gaan elke dag naar school",
     "Een schoolperiode zonder ongeoorloofd verzuim"),
    ("Moeder is somber en komt haar bed niet uit", "Moeder heeft hulp en er is een vaste dagstructuur",
     "De kinderen krijgen elke dag te eten en worden op tijd naar school gebracht"),
    ("Schulden en dreigende huisuitzetting", "De huur wordt betaald en er is een budgetplan",
     "Drie maanden geen achterstand bij de verhuurder"),
    ("De ouders vechten hun scheiding uit via de kinderen", "Er is een omgangsregeling waar beide ouders zich aan "
     "houden", "De kinderen worden niet meer gevraagd te kiezen"),
)
STRENGTHS = ("Moeder komt afspraken na en zoekt zelf hulp", "Oma woont dichtbij en springt bij",
             "De kinderen hebben een goede band met de juf", "Vader wil graag een goede vader zijn",
             "Het gezin is open over wat er speelt", "De buurvrouw is een vertrouwd adres voor de kinderen")
SITUATIONS = ("Na het huisbezoek", "Afspraken worden nagekomen", "Na een incident bij de buren",
              "Rustiger thuis, minder ruzie", "School meldt verzuim", "Moeder heeft hulp aanvaard",
              "Na het netwerkberaad", "Vader hield zich aan het contactverbod", "Kind vertelde over een ruzie")
CONTACT_SUMMARIES = ("Huisbezoek met beide ouders; de afspraken uit het veiligheidsplan doorgenomen.",
                     "Gesprek met moeder over de dagstructuur en de hulp van de ggz.",
                     "Telefonisch contact met vader over de omgang in het weekend.",
                     "Gesprek op school met de mentor en de intern begeleider.",
                     "Begeleid bezoek; rustige sfeer, de kinderen speelden samen.")
MEETING_AGENDAS = ("Veiligheid van de kinderen, stand van de afspraken, wie doet wat",
                   "Terugblik op de afgelopen periode en de volgende stappen",
                   "Doelen uit het gezinsplan en de inzet van het netwerk")
AGREEMENTS = ("Oma haalt de kinderen op woensdag uit school", "Moeder meldt zich bij de huisarts",
              "Vader belt voor de omgang eerst met de casusregisseur", "Buurvrouw is het vluchtadres bij ruzie",
              "Schuldhulpverlening aanvragen", "School meldt verzuim dezelfde dag aan moeder",
              "Ouders maken samen een weekplanning")
EVENTS = (
    (EventKind.LIFE_EVENT, "Geboorte van het jongste kind", "gezin"),
    (EventKind.LIFE_EVENT, "Verhuizing naar de huidige woning", "gezin"),
    (EventKind.LIFE_EVENT, "Scheiding van de ouders", "gezin"),
    (EventKind.REPORT, "Melding bij Veilig Thuis na een politie-inzet", "dossier Veilig Thuis"),
    (EventKind.REPORT, "Melding van leerplicht over schoolverzuim", "leerplichtambtenaar"),
    (EventKind.DECISION, "Moeder start met behandeling bij de ggz", "moeder"),
    (EventKind.INVESTIGATION, "Onderzoek door Veilig Thuis afgerond", "dossier Veilig Thuis"),
    (EventKind.LIFE_EVENT, "Vader verliest zijn werk", "vader"),
    (EventKind.LIFE_EVENT, "Overlijden van opa", "gezin"),
)
GOALS = (
    ("Er is geen geweld meer in huis", "Drie maanden geen politiecontact en geen meldingen", LifeDomain.PARENTING),
    ("De kinderen gaan elke dag naar school", "Verzuim onder de twee dagen per periode", LifeDomain.SCHOOL),
    ("Moeder heeft een vaste dagstructuur", "Weekplanning wordt vier weken gevolgd", LifeDomain.PARENT_HEALTH),
    ("De ouders maken samen afspraken over de kinderen", "Ouderschapsplan getekend",
     LifeDomain.PARENT_RELATIONSHIP),
    ("Het gezin heeft zicht op de financiën", "Budgetplan en geen nieuwe achterstanden", LifeDomain.PARENTING),
)
DECISIONS = (
    (DecisionKind.SAFETY, "De kinderen blijven thuis met het veiligheidsplan; vader woont tijdelijk bij zijn broer."),
    (DecisionKind.ADDITIONAL_HELP, "Inzet van ambulante gezinsbegeleiding naast de casusregie."),
    (DecisionKind.UPSCALING, "Niet opschalen: de afspraken worden nagekomen en de score stijgt."),
)


@dataclass
class Work:
    """The rows of one batch of families, per model."""

    rows: dict = field(default_factory=lambda: defaultdict(list))
    safety_plans: list = field(default_factory=list)  # SafetyPlan ids whose `current` is set after the insert
    family_plans: list = field(default_factory=list)  # (FamilyPlan, [versions])

    def add(self, obj) -> None:
        self.rows[type(obj)].append(obj)


class CaseWork:
    def __init__(self, *, rng: random.Random, today: date, pools, change):
        self.rng = rng
        self.today = today
        self.pools = pools
        self.change = change  # (family_id, obj, user_id, values): a change record, as the services write them

    def days(self, start: date, end: date | None = None) -> date:
        end = end or self.today
        return start + timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def build(self, work: Work, *, family, case, members: list, lead, area, gi_user=None) -> None:
        rng, today = self.rng, self.today
        fid, opened = family.pk, case.opened_on
        age = (today - opened).days
        children = [p for p in members if p.family_role == FamilyRole.CHILD and p.birth_date][:3]
        parents = [p for p in members if p.family_role != FamilyRole.CHILD]
        concern, desired, outcome = rng.choice(CONCERNS)
        strength = rng.choice(STRENGTHS)

        # Safety: the parents' plan from day one (R546), versions as it is adjusted.
        plan = SafetyPlan(id=uuid.uuid4(), case_id=case.pk)
        work.add(plan)
        work.safety_plans.append(plan.pk)
        self.change(fid, plan, lead.pk, {"veiligheidsplan": ["", "aangemaakt"]})
        parent_names = " en ".join(p.first_name for p in parents) or "de ouder"
        base = {
            "cause_what": concern + ".", "cause_reported_by": "Veilig Thuis",
            "cause_reported_on": (opened - timedelta(days=rng.randint(3, 30))).isoformat(),
            "acute_risks": concern + ".", "consequences": "De kinderen zijn onrustig en slapen slecht.",
            "concerns": concern + ".", "strengths": strength + ".",
            "danger_statement": f"Wij zijn bang dat de kinderen opnieuw meemaken: {concern.lower()}.",
            "must_change": desired + ".", "agreements": [], "six_looks_like": outcome + ".",
            "lower_limit": rng.choice((4, 5, 6)), "lower_limit_plan": "De kinderen gaan naar oma en er wordt gebeld.",
            "supporter": f"{rng.choice(self.pools.female)} (buurvrouw)", "monitor": "Casusregisseur",
            "bottom_lines": [{"text": "Geen geweld waar de kinderen bij zijn", "consequence": "Casuïstiekbespreking"}],
            "parties": [{"name": p.first_name, "explained": True} for p in parents],
            "made_with_parents": True, "agreed_by": parent_names, "agreed_on": (opened + timedelta(days=3)).isoformat(),
            "agreed_how": "mondeling in het gesprek",
        }
        for number in range(1, min(4, 1 + age // 90) + 1):
            base["agreements"] = base["agreements"] + [{
                "what": rng.choice(AGREEMENTS), "who": parent_names, "since": self.days(opened).isoformat(),
                "watched": "Casusregisseur", "agreed_by": parent_names}]
            work.add(SafetyPlanVersion(document_id=plan.pk, number=number, content=clean_content(base),
                                       author_id=lead.pk, note="Eerste versie" if number == 1 else "Bijgesteld"))

        # ARIJ assessments and the safety scale per child (R124, R531).
        for child in children[:2]:
            items = {item.value: {"conclusion": "safe", "description": ""} for item in ArijItem}
            unsafe = rng.random() < 0.5
            if unsafe:
                items[ArijItem.PSYCHOLOGICAL_ABUSE.value] = {"conclusion": "unsafe", "description": concern + "."}
            for n in range(1 if age < 120 else 2):
                assessment = SafetyAssessment(
                    id=uuid.uuid4(), case_id=case.pk, child_id=child.pk, created_by_id=lead.pk,
                    assessed_on=opened + timedelta(days=2 + n * rng.randint(60, max(61, age - 2))),
                    items=items if n == 0 else {k: {"conclusion": "safe", "description": ""} for k in items},
                    conclusion=("Onveilig: " + concern.lower() + "." if unsafe and n == 0
                                else "Met het veiligheidsplan voldoende veilig."),
                    with_family=True, assessed_by_id=lead.pk)
                work.add(assessment)
                self.change(fid, assessment, lead.pk, {"instrument": ["", "ARIJ"]})
            score = rng.randint(2, 5)
            for n in range(min(4, 1 + age // 120)):
                score = max(1, min(10, score + rng.choice((-1, 0, 1, 1, 2))))
                work.add(SafetyScore(
                    id=uuid.uuid4(), case_id=case.pk, child_id=child.pk, score=score,
                    scored_on=opened + timedelta(days=n * max(1, age // 5)), created_by_id=lead.pk,
                    scorer=rng.choice((Scorer.PROFESSIONAL, Scorer.PROFESSIONAL, Scorer.PARENT)),
                    setting=rng.choice(ScoreSetting.values), situation=rng.choice(SITUATIONS)))

        # Contacts with the family, each with a safety score (R531, R543).
        for _ in range(min(6, 1 + age // 90)):
            held = self.days(opened)
            contact = CaseContact(
                id=uuid.uuid4(), case_id=case.pk, kind=rng.choice(ContactKind.values), held_on=held,
                by_user_id=lead.pk, safety_score=rng.randint(3, 9), summary=rng.choice(CONTACT_SUMMARIES),
                child_id=rng.choice(children).pk if children and rng.random() < 0.3 else None,
                clarity_checked=rng.random() < 0.7, plan_updated_on=held if rng.random() < 0.8 else None,
                created_by_id=lead.pk)
            work.add(contact)
        if rng.random() < 0.5:
            due = opened + timedelta(days=rng.randint(30, 200))
            task = CaseTask(id=uuid.uuid4(), case_id=case.pk, kind=TaskKind.REVISIT_ANALYSIS, due_on=due,
                            note="Tijdlijn en analyse opnieuw bespreken met het gezin", rule_id="R265",
                            done_on=due - timedelta(days=3) if due < today else None,
                            done_by_id=lead.pk if due < today else None, created_by_id=lead.pk)
            work.add(task)
            self.change(fid, task, lead.pk, {"taak": ["", task.kind]})

        # Network meetings with participants and agreements; now and then a core decision.
        for n in range(min(2, 1 + age // 240)):
            planned = opened + timedelta(days=14 + n * max(1, (age - 14) // 3))
            held = planned if planned <= today else None
            kind = MeetingKind.NETWORK if n % 2 == 0 else MeetingKind.EVALUATION
            meeting = Meeting(
                id=uuid.uuid4(), family_id=fid, case_id=case.pk, kind=kind, planned_on=planned, held_on=held,
                chair=lead.get_full_name(), agenda=rng.choice(MEETING_AGENDAS),
                minutes="Afspraken doorgenomen; het netwerk helpt mee." if held else "",
                safety_score=rng.randint(4, 8) if held else None,
                purpose=MeetingPurpose.EXPLORE if n == 0 else MeetingPurpose.HELP_FIT, created_by_id=lead.pk)
            work.add(meeting)
            self.change(fid, meeting, lead.pk, {"soort overleg": ["", kind]})
            attendance = Attendance.PRESENT if held else Attendance.INVITED
            for parent in parents:
                work.add(MeetingParticipant(id=uuid.uuid4(), family_id=fid, meeting_id=meeting.pk,
                                            category=ParticipantCategory.FAMILY, person_id=parent.pk,
                                            attendance=attendance, created_by_id=lead.pk))
            work.add(MeetingParticipant(id=uuid.uuid4(), family_id=fid, meeting_id=meeting.pk,
                                        category=ParticipantCategory.PROFESSIONAL, user_id=lead.pk,
                                        organisation_id=lead.organisation_id, attendance=attendance,
                                        created_by_id=lead.pk))
            if held:
                for _ in range(rng.randint(1, 2)):
                    due = held + timedelta(days=rng.randint(7, 60))
                    agreement = Agreement(
                        id=uuid.uuid4(), family_id=fid, case_id=case.pk, meeting_id=meeting.pk,
                        what=rng.choice(AGREEMENTS), who_name=rng.choice(parents).first_name if parents else "",
                        who_user_id=None if parents else lead.pk, due_on=due,
                        done_on=due - timedelta(days=rng.randint(0, 5)) if due < today and rng.random() < 0.7
                        else None, created_by_id=lead.pk)
                    work.add(agreement)
        if area.bs_pool and age > 60 and rng.random() < 0.3:
            scientist = rng.choice(area.bs_pool)
            kind, text = rng.choice(DECISIONS)
            decision = CoreDecision(
                id=uuid.uuid4(), family_id=fid, case_id=case.pk, kind=kind, decided_on=self.days(opened),
                decision=text, forum_team_id=lead.team_id, behavioural_scientist_id=scientist.pk,
                advice="Eens met het voorgestelde besluit; over drie maanden evalueren.", advice_followed=True,
                justification="Het advies is gevolgd.", forum_kind=ForumKind.CASE_DISCUSSION, created_by_id=lead.pk)
            work.add(decision)
            self.change(fid, decision, lead.pk, {"soort kernbesluit": ["", kind]})
            through = CoreDecision.participants.through
            for user in {lead.pk, scientist.pk}:
                work.add(through(coredecision_id=decision.pk, user_id=user))

        # The family analysis with timeline and goals, and the family plan in versions.
        analysis = FamilyAnalysis(
            id=uuid.uuid4(), family_id=fid, started_by_organisation_id=area.local_team.pk, created_by_id=lead.pk,
            reason=case.reason + ".", family_question=f"Wij willen dat {desired[0].lower() + desired[1:]}.",
            family_needs_now="Rust in huis en hulp bij de dagelijkse zorg.", family_view=strength + ".",
            relational_dynamics="De oudste neemt veel zorg op zich voor de jongere kinderen.")
        work.add(analysis)
        self.change(fid, analysis, lead.pk, {"aanleiding": ["", analysis.reason]})
        events = []
        for kind, title, source in rng.sample(EVENTS, rng.randint(2, 5)):
            event = TimelineEvent(
                id=uuid.uuid4(), family_id=fid, occurred_on=opened - timedelta(days=rng.randint(30, 3000)),
                kind=kind, title=title, source=source, created_by_id=lead.pk,
                person_id=rng.choice(members).pk if rng.random() < 0.4 else None)
            events.append(event)
            work.add(event)
        goals = []
        for what, measurable, domain in rng.sample(GOALS, rng.randint(1, 3)):
            when = opened + timedelta(days=rng.randint(90, 365))
            progress = min(100, max(0, int(100 * age / max(1, (when - opened).days)) + rng.randint(-30, 10)))
            goal = Goal(id=uuid.uuid4(), family_id=fid, what=what, measurable=measurable,
                        who=parents[0].first_name if parents else "gezin", when=when, progress=progress,
                        status=GoalStatus.ACHIEVED if progress >= 100 else GoalStatus.ACTIVE, life_domain=domain,
                        created_by_id=lead.pk)
            goals.append(goal)
            work.add(goal)
            self.change(fid, goal, lead.pk, {"wat": ["", what]})
        if age > 30:
            family_plan = FamilyPlan(family_id=fid)
            work.add(family_plan)
            versions = []
            for number in range(1, min(3, 1 + age // 150) + 1):
                content = {
                    "analysis": {"reason": analysis.reason, "family_question": analysis.family_question,
                                 "family_needs_now": analysis.family_needs_now, "family_view": analysis.family_view,
                                 "relational_dynamics": analysis.relational_dynamics},
                    "case_reason": case.reason,
                    "timeline": [{"id": str(e.pk), "date": e.occurred_on.isoformat(), "precision": e.precision,
                                  "approximate": "", "kind": e.kind, "title": e.title, "description": "",
                                  "person": "", "source": e.source, "recorded_by": ""} for e in events],
                    "goals": [{"id": str(g.pk), "what": g.what, "measurable": g.measurable, "who": g.who,
                               "when": g.when.isoformat(), "progress": min(g.progress, 30 * number),
                               "status": GoalStatus.ACTIVE, "pattern_element": None, "life_domain": g.life_domain,
                               "provider": "", "concern": None} for g in goals],
                }
                versions.append(FamilyPlanVersion(number=number, content=content, author_id=lead.pk,
                                                  note="Vastgesteld met het gezin" if number == 1 else "Bijgewerkt"))
            work.family_plans.append((family_plan, versions))

        # Product 2a with hours when a GI protector works with the local team (R010, R011).
        if gi_user is not None and age > 30:
            indication = ProductIndication(
                id=uuid.uuid4(), case_id=case.pk, kind=ProductKind.P2A, reason=IndicationReason.TEAM_DECISION,
                indicated_by_id=lead.pk, starts_on=opened + timedelta(days=7), budget_hours=Decimal("40.00"),
                decision_forum="Casuïstiekoverleg lokaal team", decision_on=opened + timedelta(days=6),
                consent_by=parent_names,
                consent_on=opened + timedelta(days=5), created_by_id=lead.pk)
            work.add(indication)
            self.change(fid, indication, lead.pk, {"product": ["", "2a"]})
            for _ in range(min(10, 2 + age // 45)):
                work.add(HourEntry(
                    id=uuid.uuid4(), indication_id=indication.pk, professional_id=gi_user.pk,
                    organisation_id=gi_user.organisation_id, worked_on=self.days(indication.starts_on),
                    hours=Decimal(rng.choice(("0.50", "1.00", "1.50", "2.00", "3.00"))),
                    activity=rng.choice(HourActivity.values), created_by_id=lead.pk))
