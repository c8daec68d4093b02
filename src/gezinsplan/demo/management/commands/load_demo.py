"""`manage.py load_demo [--password P]`: load the demo data of `gezinsplan.demo.data`.

Idempotent: every row is found by its natural key and updated, so a second run changes no row counts.
Dates are relative to today, so a run on a later day moves them along. Refuses to run unless DEBUG or
GEZINSPLAN_DEMO is on: the demo logins share one known password.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction

from gezinsplan.accounts.models import FixedProtector, Municipality, Organisation, Region, Team, User
from gezinsplan.cases.models import (
    Case,
    CaseStatus,
    ChildMeasure,
    HourEntry,
    Involvement,
    PhaseTransition,
    ProductIndication,
)
from gezinsplan.core import policy
from gezinsplan.demo import data, states
from gezinsplan.demo.data import JB_WEST
from gezinsplan.families.models import Family, NetworkMember, Person, Relationship
from gezinsplan.families.services import name_key

COUNTED_MODELS = (Region, Municipality, Organisation, Team, User, FixedProtector, Family, Person, Relationship,
                  NetworkMember, Case, Involvement, ProductIndication, HourEntry, ChildMeasure, PhaseTransition)


def upsert(model: type[models.Model], lookup: dict, values: dict, *, manager: models.Manager | None = None):
    """Find the row by its natural key (`lookup`), set `values`, validate and save it."""
    manager = manager or model._default_manager
    obj = manager.filter(**lookup).first() or model(**lookup)
    for name, value in values.items():
        setattr(obj, name, value)
    if getattr(obj, "removed_at", None) is not None:  # a demo row removed in the app comes back
        obj.removed_at, obj.removed_by, obj.removal_reason = None, None, ""
    obj.full_clean(validate_unique=False, validate_constraints=False)
    obj.save()
    return obj


def row_counts() -> dict[str, int]:
    """Rows per model, removed rows included: what idempotency is measured on."""
    counts = {}
    for model in COUNTED_MODELS:
        manager = getattr(model, "all_objects", model._default_manager)
        counts[model._meta.verbose_name_plural] = manager.count()
    return counts


class DemoLoader:
    def __init__(self, *, today: date, password: str):
        self.today = today
        self.password = password
        self.municipalities: dict[str, Municipality] = {}
        self.regions: dict[str, Region] = {}
        self.organisations: dict[str, Organisation] = {}
        self.teams: dict[tuple[str, str], Team] = {}
        self.users: dict[str, User] = {}

    def days_ago(self, days: int | None) -> date | None:
        return None if days is None else self.today - timedelta(days=days)

    def load(self) -> None:
        self.load_regions()
        self.load_organisations()
        self.set_directory_owners()
        self.load_users()
        for family in data.FAMILIES:
            loaded = self.load_family(family)
            if family.name in states.STATES:
                apply_state(self, loaded, states.STATES[family.name])
        from gezinsplan.demo.safety_demo import load_safety  # noqa: PLC0415  (kept apart for merging)

        load_safety(self)
        from gezinsplan.demo.collaboration_demo import load_collaboration  # noqa: PLC0415  (kept apart for merging)

        load_collaboration(self)

    # --- Reference data ---------------------------------------------------------------------------------

    def load_regions(self) -> None:
        for region_data in data.REGIONS:
            region = upsert(Region, {"code": region_data.code}, {"name": region_data.name})
            self.regions[region.code] = region
            for m in region_data.municipalities:
                self.municipalities[m.name] = upsert(Municipality, {"code": m.code}, {
                    "name": m.name, "region": region, "case_professional_title": m.case_professional_title,
                })

    def load_organisations(self) -> None:
        for org_data in data.ORGANISATIONS:
            org = upsert(Organisation, {"name": org_data.name}, {
                "short_name": org_data.short_name,
                "type": org_data.type,
                "region": self.regions[org_data.region] if org_data.region else None,
                "is_active": True,
            })
            org.municipalities.set([self.municipalities[name] for name in org_data.municipalities])
            self.organisations[org.name] = org
            for team_data in org_data.teams:
                municipality = self.municipalities[team_data.municipality] if team_data.municipality else None
                team = upsert(Team, {"organisation": org, "name": team_data.name}, {"municipality": municipality})
                self.teams[(org.name, team.name)] = team

    def set_directory_owners(self) -> None:
        """R323: each region's central municipality and the organisation that owns its contact directory."""
        for region_data in data.REGIONS:
            upsert(Region, {"code": region_data.code}, {
                "central_municipality": self.municipalities[region_data.central_municipality],
                "directory_owner": self.organisations[region_data.directory_owner],
            })

    def load_users(self) -> None:
        for user_data in data.USERS:
            org = self.organisations[user_data.organisation] if user_data.organisation else None
            team = self.teams[(user_data.organisation, user_data.team)] if user_data.team else None
            user = User.objects.filter(username=user_data.username).first() or User(username=user_data.username)
            user.first_name = user_data.first_name
            user.last_name = user_data.last_name
            user.email = user_data.email
            user.role = user_data.role
            user.organisation = org
            user.team = team
            user.function_title = user_data.function_title
            user.training_status = user_data.training_status
            user.is_active = True
            user.set_password(self.password)
            user.full_clean(exclude=["password"], validate_unique=False, validate_constraints=False)
            user.save()
            user.municipalities.set([self.municipalities[name] for name in user_data.municipalities])
            for name in user_data.fixed_for:
                upsert(FixedProtector, {"protector": user, "municipality": self.municipalities[name]}, {})
            self.users[user.username] = user

    # --- Families ---------------------------------------------------------------------------------------

    def load_family(self, family_data: data.FamilyData) -> Family:
        family = upsert(Family, {
            "name": family_data.name, "municipality": self.municipalities[family_data.municipality],
        }, {
            "local_team": self.organisations[family_data.local_team] if family_data.local_team else None,
            "composition_confirmed": family_data.composition_confirmed,
            "notes": family_data.notes,
        }, manager=Family.all_objects)

        persons: dict[str, Person] = {}
        for p in family_data.persons:
            expected = None if p.expected_in_days is None else self.today + timedelta(days=p.expected_in_days)
            persons[p.first_name] = upsert(Person, {
                "family": family, "first_name": p.first_name, "family_role": p.family_role,
            }, {
                "last_name": "", "name_key": name_key(p.first_name, ""), "birth_date": None,
                "expected_birth_date": expected, "gender": p.gender, "in_household": p.in_household,
                "custody": p.custody, "is_referred": p.is_referred,
            }, manager=Person.all_objects)

        for r in family_data.relationships:
            upsert(Relationship, {
                "family": family, "from_person": persons[r.from_person], "kind": r.kind,
                "to_person": persons[r.to_person],
            }, {"has_custody": r.has_custody, "note": r.note}, manager=Relationship.all_objects)

        for n in family_data.network:
            upsert(NetworkMember, {"family": family, "name": n.name}, {
                "relation": n.relation, "group": n.group, "support": n.support,
                "child": persons[n.child] if n.child else None, "contact_frequency": n.contact_frequency,
            }, manager=NetworkMember.all_objects)

        case_data = family_data.case
        case = upsert(Case, {"family": family, "reason": case_data.reason}, {
            "status": CaseStatus.OPEN, "opened_on": self.days_ago(case_data.opened_days_ago), "closed_on": None,
        })
        for inv in case_data.involvements:
            user = self.users[inv.username]
            upsert(Involvement, {"case": case, "user": user, "role": inv.role}, {
                "organisation": user.organisation,
                "start_date": self.days_ago(inv.start_days_ago),
                "end_date": self.days_ago(inv.end_days_ago),
            })
        return family


def apply_state(loader: DemoLoader, family: Family, state: states.StateData) -> None:
    """Phase, framework, products with hours, measures and their history, as the story has them today."""
    case = family.cases.get()
    Case.objects.filter(pk=case.pk).update(phase=state.phase, framework=state.framework, work_phase=state.work_phase)
    persons = {p.first_name: p for p in Person.all_objects.filter(family=family)}
    measures = []
    for m in state.measures:
        measures.append(upsert(ChildMeasure, {"case": case, "child": persons[m.child], "kind": m.kind}, {
            "pronounced_on": loader.days_ago(m.starts_days_ago), "starts_on": loader.days_ago(m.starts_days_ago),
            "ends_on": loader.today + timedelta(days=m.ends_in_days), "ended_on": loader.days_ago(m.ended_days_ago),
            "end_reason": m.end_reason, "recorded_by_organisation": loader.organisations[JB_WEST],
        }))
    for i in state.indications:
        indication = upsert(ProductIndication, {"case": case, "kind": i.kind,
                                                "starts_on": loader.days_ago(i.starts_days_ago)}, {
            "reason": i.reason, "indicated_by": loader.users[i.indicated_by],
            "budget_hours": Decimal(25) if i.kind == "2a" else None,
            "decision_on": loader.days_ago(i.starts_days_ago), "decision_forum": i.decision_forum,
            "consent_by": i.consent_by, "consent_on": loader.days_ago(i.starts_days_ago),
            "ends_on": loader.days_ago(i.ends_days_ago), "measure": measures[0] if i.after_measure else None,
            "end_reason": i.end_reason,
        })
        for h in i.hours:
            user = loader.users[h.username]
            upsert(HourEntry, {"indication": indication, "professional": user,
                               "worked_on": loader.days_ago(h.days_ago)}, {
                "hours": Decimal(h.hours), "activity": h.activity, "organisation": user.organisation})
    for step in state.steps:
        upsert(PhaseTransition, {"case": case, "trigger": step.trigger,
                                 "occurred_on": loader.days_ago(step.days_ago)}, {
            "from_phase": step.from_phase, "to_phase": step.to_phase, "from_framework": step.from_framework,
            "to_framework": step.to_framework, "from_work_phase": 1, "to_work_phase": 1,
            "rule_id": step.rule_id, "reason": step.reason, "actor": loader.users[step.actor]})



class Command(BaseCommand):
    help = "Laadt de demogegevens: regio's, organisaties, demogebruikers en de gezinnen uit de praktijkverhalen."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=data.DEFAULT_PASSWORD,
                            help="Wachtwoord voor alle demogebruikers (standaard: %(default)s).")

    def handle(self, *args, password: str, **options):
        if not (settings.DEBUG or settings.DEMO_MODE):
            raise CommandError("load_demo draait alleen met DEBUG of GEZINSPLAN_DEMO aan: de demogebruikers "
                               "hebben een bekend wachtwoord.")
        if not password:
            raise CommandError("Geef een wachtwoord op met --password.")
        before = row_counts()
        with transaction.atomic():
            DemoLoader(today=policy.today(), password=password).load()
        after = row_counts()

        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
        width = max(len(label) for label in after)
        for label, count in after.items():
            added = count - before[label]
            self.stdout.write(f"  {label:<{width}}  {count:>4}" + (f"  (+{added})" if added else ""))
        self.write_logins(password)

    def write_logins(self, password: str) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demologins (wachtwoord: {password}):")
        rows = []
        for user_data in data.USERS:
            user = User.objects.select_related("organisation").get(username=user_data.username)
            families = ", ".join(policy.visible_families(user).order_by("name").values_list("name", flat=True))
            rows.append((user.username, user.get_role_display(), user.organisation.label if user.organisation
                         else "-", families or "-"))
        widths = [max(len(str(row[i])) for row in rows) for i in range(3)]
        header = ("gebruikersnaam", "rol", "organisatie", "ziet gezinnen")
        widths = [max(w, len(h)) for w, h in zip(widths, header, strict=False)]
        for row in (header, *rows):
            self.stdout.write("  " + "  ".join(f"{row[i]:<{widths[i]}}" for i in range(3)) + f"  {row[3]}")
