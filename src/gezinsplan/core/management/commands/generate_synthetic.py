"""`manage.py generate_synthetic --families N [--seed S] [--batch 5000]`: a large synthetic data set.

For the benchmark (`make bench`, DESIGN §6) and for trying the screens with a realistic amount of data:
municipalities and organisations (those of `load_demo` when present, else the Haaglanden region with a local
team per municipality and a GI), about N/40 professionals in teams with team leads, N families of about
three persons each (valid, unique BSNs), relationships, network members, 1.5 cases per family with 1-3
active involvements each (a caseload of roughly 30-120 families per professional), change records and
access-log rows on a valid hash chain (`manage.py verify_access_log` passes afterwards).

Fast: names come from small pools drawn once from Faker, everything else from `random.Random(seed)`, and
rows are written with `bulk_create` per batch of families, one transaction per batch. A second run appends
a new set (new users, families and log rows); it is not idempotent. All generated professionals have an
unusable password, except three bench users whose known password is printed at the end.
"""

from __future__ import annotations

import random
import re
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.utils import timezone

from gezinsplan.accounts.constants import OrganisationType, Role, TrainingStatus
from gezinsplan.accounts.models import Municipality, Organisation, Region, Team, User
from gezinsplan.analysis.models import FamilyPlan, FamilyPlanVersion
from gezinsplan.cases.models import Case, CaseStatus, Involvement, InvolvementRole
from gezinsplan.core.management.commands._case_content import INSERT_ORDER, WORKED_SHARE, CaseWork, Work
from gezinsplan.core.models import ChangeRecord
from gezinsplan.families.models import (
    Custody,
    Family,
    FamilyRole,
    Gender,
    NetworkGroup,
    NetworkMember,
    Person,
    Relationship,
    RelationshipKind,
    Support,
)
from gezinsplan.families.services import name_key
from gezinsplan.privacy.access_log import entry_hash
from gezinsplan.privacy.models import AccessAction, AccessLogEntry, AccessLogHead
from gezinsplan.safety.models import SafetyPlan

BENCH_PASSWORD = "bench-wachtwoord-2026"
EMAIL_DOMAIN = "synthetisch.gezinsplan.example"

# Rough number of inhabitants (thousands) of the Haaglanden municipalities: families are spread accordingly.
POPULATION = {
    "Den Haag": 560, "Zoetermeer": 128, "Westland": 115, "Delft": 105, "Leidschendam-Voorburg": 77,
    "Lansingerland": 65, "Rijswijk": 57, "Pijnacker-Nootdorp": 56, "Wassenaar": 27, "Midden-Delfland": 20,
    "Nijmegen": 180, "Wijchen": 41, "Berg en Dal": 35, "Beuningen": 26, "Druten": 19, "Heumen": 17,
    "Mook en Middelaar": 8,
}
# (adults, children) and how often: about three persons per family.
COMPOSITIONS = ((1, 1, 28), (2, 1, 25), (1, 2, 20), (2, 2, 17), (1, 3, 6), (2, 3, 4))
TUSSENVOEGSELS = ("van", "de", "van de", "van der", "van den", "den", "ter", "in 't")
CASE_REASONS = (
    "Zorgen over de veiligheid van de kinderen na een melding van Veilig Thuis",
    "Huiselijk geweld tussen de ouders",
    "Vechtscheiding: de kinderen raken klem tussen de ouders",
    "Verwaarlozing: zorgen van school over hygiëne en verzuim",
    "Psychische problemen van een ouder, kinderen nemen te veel zorg op zich",
    "Verslaving van een ouder",
    "Schoolverzuim en gedragsproblemen van het oudste kind",
    "Opvoedingsproblemen na een verhuizing en schulden",
    "Zorgen over de ontwikkeling van een jong kind",
    "Ouder met een licht verstandelijke beperking vraagt ondersteuning",
)
CLOSING_REASONS = ("Doelen bereikt", "Veiligheid is duurzaam hersteld", "Gezin verhuisd naar een andere gemeente",
                   "Overgedragen aan de gecertificeerde instelling", "Hulp vrijwillig gestopt")
INTERPRETER_LANGUAGES = ("Arabisch", "Turks", "Pools", "Tigrinya", "Engels", "Papiaments")
NETWORK = (
    ("oma", NetworkGroup.FAMILY), ("opa", NetworkGroup.FAMILY), ("tante", NetworkGroup.FAMILY),
    ("oom", NetworkGroup.FAMILY), ("buurvrouw", NetworkGroup.FRIENDS), ("vriendin van moeder", NetworkGroup.FRIENDS),
    ("voetbaltrainer", NetworkGroup.FRIENDS), ("mentor op school", NetworkGroup.PROFESSIONAL),
    ("huisarts", NetworkGroup.PROFESSIONAL), ("juf", NetworkGroup.PROFESSIONAL),
)
CONTACT = ("dagelijks", "wekelijks", "maandelijks", "af en toe", "")
TRUSTED = ("oma", "juf", "tante", "mentor op school", "buurvrouw", "oom")


def bsn_check_digit(prefix: str) -> int | None:
    """The ninth digit that makes the 11-test (elfproef) pass, or None when no digit does."""
    digit = sum((9 - i) * int(c) for i, c in enumerate(prefix)) % 11
    return digit if digit <= 9 else None


class BsnSource:
    """Unique, valid, random-looking BSNs: random eight-digit prefixes plus their check digit."""

    def __init__(self, rng: random.Random, taken: set[str]):
        self.rng = rng
        self.taken = taken

    def next(self) -> str:
        while True:
            prefix = f"{self.rng.randrange(10_000_000, 100_000_000):08d}"
            check = bsn_check_digit(prefix)
            if check is None:
                continue
            number = f"{prefix}{check}"
            if number not in self.taken:
                self.taken.add(number)
                return number


@dataclass
class Pools:
    male: list[str]
    female: list[str]
    last: list[str]

    @classmethod
    def build(cls, seed: int, size: int = 2000) -> Pools:
        """Draw the names once: Faker is slow per call, picking from a list is not."""
        from faker import Faker

        fake = Faker("nl_NL")
        fake.seed_instance(seed)
        male = sorted({fake.first_name_male() for _ in range(size)})
        female = sorted({fake.first_name_female() for _ in range(size)})
        last = sorted({fake.last_name() for _ in range(size)})
        rng = random.Random(seed)
        # Faker's Dutch surnames rarely carry a tussenvoegsel; real ones often do.
        last += sorted({f"{rng.choice(TUSSENVOEGSELS)} {rng.choice(last)}" for _ in range(size // 2)})
        return cls(male, female, last)


@dataclass
class Area:
    municipality: Municipality
    weight: float
    local_team: Organisation
    lt_pool: list[User] = field(default_factory=list)
    bs_pool: list[User] = field(default_factory=list)


@dataclass
class Timings:
    phases: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, phase: str, seconds: float, rows: int | None = None):
        self.phases[phase] += seconds
        if rows is not None:
            self.rows[phase] += rows


class Generator:
    def __init__(self, *, families: int, seed: int, batch: int, password: str, stdout, style):
        self.n_families = families
        self.seed = seed
        self.batch = max(1, batch)
        self.password = password
        self.rng = random.Random(seed)
        # The work on the cases draws from its own generator: the families, cases and access log of a seed stay
        # the same as before the case work was generated.
        self.work_rng = random.Random(seed + 1_000_003)
        self.stdout = stdout
        self.style = style
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.timings = Timings()
        self.areas: list[Area] = []
        self.gi_pool: list[User] = []
        self.bench_users: list[User] = []
        self.run_no = 1
        self.vendor = connection.vendor

    # --- helpers ----------------------------------------------------------------------------------------

    def log(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()

    def timed_insert(self, model, objs: list, label: str | None = None) -> None:
        if not objs:
            return
        start = time.perf_counter()
        model.objects.bulk_create(objs, batch_size=5000 if self.vendor == "postgresql" else None)
        self.timings.add(f"insert {label or model._meta.model_name}", time.perf_counter() - start, len(objs))

    def birth_date(self, age_min: int, age_max: int) -> date:
        return self.today - timedelta(days=self.rng.randint(age_min * 365 + 1, age_max * 365 + 364))

    # --- run --------------------------------------------------------------------------------------------

    def run(self) -> None:
        total = time.perf_counter()
        start = time.perf_counter()
        self.pools = Pools.build(self.seed)
        self.timings.add("name pools (Faker)", time.perf_counter() - start)
        start = time.perf_counter()
        with transaction.atomic():
            self.reference_data()
        self.timings.add("reference data", time.perf_counter() - start)
        start = time.perf_counter()
        with transaction.atomic():
            self.users()
        self.timings.add("users", time.perf_counter() - start)
        self.log(f"{sum(len(a.lt_pool) + len(a.bs_pool) for a in self.areas) + len(self.gi_pool)} professionals "
                 f"in {len(self.areas)} gemeenten ({time.perf_counter() - start:.1f} s)")

        start = time.perf_counter()
        self.taken_bsns = set(Person.all_objects.exclude(bsn="").values_list("bsn", flat=True))
        self.bsns = BsnSource(self.rng, self.taken_bsns)
        self.timings.add("load existing BSNs", time.perf_counter() - start)

        self.area_weights = [a.weight for a in self.areas]
        done = 0
        families_start = time.perf_counter()
        while done < self.n_families:
            size = min(self.batch, self.n_families - done)
            batch_start = time.perf_counter()
            self.family_batch(size, batch_index=done // self.batch)
            done += size
            reset_queries()  # DEBUG keeps executed SQL; a bulk insert is large
            elapsed = time.perf_counter() - families_start
            self.log(f"  {done:>8} / {self.n_families} gezinnen  batch {time.perf_counter() - batch_start:5.1f} s"
                     f"  totaal {elapsed:6.1f} s")

        start = time.perf_counter()
        self.analyze()
        self.timings.add("(vacuum) analyze", time.perf_counter() - start)
        self.report(time.perf_counter() - total)

    # --- reference data ---------------------------------------------------------------------------------

    def reference_data(self) -> None:
        if not Municipality.objects.exists():  # no load_demo: the Haaglanden municipalities of the demo data
            from gezinsplan.demo.data import HAAGLANDEN

            region, _ = Region.objects.get_or_create(code=HAAGLANDEN.code, defaults={"name": HAAGLANDEN.name})
            for m in HAAGLANDEN.municipalities:
                Municipality.objects.get_or_create(code=m.code, defaults={
                    "name": m.name, "region": region, "case_professional_title": m.case_professional_title})
        # The region with the most municipalities (Haaglanden after load_demo).
        regions = Region.objects.filter(municipalities__isnull=False).distinct()
        region = max(regions, key=lambda r: (r.municipalities.count(), -r.pk))
        municipalities = list(region.municipalities.order_by("name"))

        local_teams = {}
        for org in (Organisation.objects.filter(type=OrganisationType.LOCAL_TEAM, is_active=True)
                    .prefetch_related("municipalities").order_by("name")):
            for m in org.municipalities.all():
                local_teams.setdefault(m.pk, org)
        for m in municipalities:
            org = local_teams.get(m.pk)
            if org is None:
                org, _ = Organisation.objects.get_or_create(name=f"Lokaal team {m.name}", defaults={
                    "short_name": f"LT {m.name}"[:40], "type": OrganisationType.LOCAL_TEAM, "region": region})
                org.municipalities.add(m)
            self.areas.append(Area(municipality=m, weight=POPULATION.get(m.name, 30), local_team=org))

        self.gis = list(Organisation.objects.filter(type=OrganisationType.GI, is_active=True)
                        .filter(region=region).order_by("name"))
        if not self.gis:
            gi, _ = Organisation.objects.get_or_create(name=f"Jeugdbescherming {region.name}", defaults={
                "short_name": "JB", "type": OrganisationType.GI, "region": region})
            gi.municipalities.add(*municipalities)
            self.gis = [gi]
        self.region = region

        taken = [int(m.group(1)) for m in (re.match(r"^syn(\d+)\.", u) for u in
                 User.objects.filter(username__startswith="syn").values_list("username", flat=True)) if m]
        self.run_no = max(taken, default=0) + 1

    # --- users ------------------------------------------------------------------------------------------

    def users(self) -> None:
        """About N/40 professionals: 78% local team, 17% GI, 5% behavioural scientists; teams of ~12."""
        n = max(12, round(self.n_families / 40))
        n_lt, n_gi = round(n * 0.78), max(2, round(n * 0.17))
        n_bs = max(1, n - n_lt - n_gi)
        total_weight = sum(a.weight for a in self.areas)
        unusable = make_password(None)  # one random unusable hash for all: nobody logs in with it
        known = make_password(self.password)
        run = self.run_no
        suffix = "" if run == 1 else str(run)
        users: list[User] = []
        teams: list[Team] = []
        plan: list[tuple[User, Area | None, Team]] = []

        def new_user(role, org, team, area, title, index):
            gender_pool = self.pools.female if self.rng.random() < 0.75 else self.pools.male
            user = User(
                username=f"syn{run}.{role.split('_')[0]}{index:05d}", role=role, organisation=org,
                first_name=self.rng.choice(gender_pool), last_name=self.rng.choice(self.pools.last),
                function_title=title, password=unusable, is_active=True,
                training_status=self.rng.choice(TrainingStatus.values), team=team,
            )
            user.email = f"{user.username}@{EMAIL_DOMAIN}"
            users.append(user)
            plan.append((user, area, team))
            return user

        index = 0
        for area in self.areas:
            share = area.weight / total_weight
            count = max(2, round(n_lt * share))
            bs_count = max(1, round(n_bs * share))
            title = area.municipality.case_professional_title.capitalize()
            n_teams = max(1, -(-count // 12))
            for t in range(n_teams):
                team = Team(organisation=area.local_team, municipality=area.municipality,
                            name=f"Synthetisch team {run}.{t + 1} {area.municipality.name}"[:120])
                teams.append(team)
                index += 1
                new_user(Role.TEAM_LEAD, area.local_team, team, area, "Teamleider", index)
                members = min(12, count - t * 12)
                for _ in range(members):
                    index += 1
                    area.lt_pool.append(new_user(Role.LT_PROFESSIONAL, area.local_team, team, area, title, index))
                # The behavioural scientists spread over the teams: one or two per team.
                for _ in range(t, bs_count, n_teams):
                    index += 1
                    area.bs_pool.append(new_user(Role.BEHAVIOURAL_SCIENTIST, area.local_team, team, area,
                                                 "Gedragswetenschapper", index))
        gi_teams = []
        for gi in self.gis:
            for t in range(max(1, -(-n_gi // (12 * len(self.gis))))):
                team = Team(organisation=gi, name=f"Synthetisch team {run}.{t + 1}")
                teams.append(team)
                gi_teams.append(team)
                index += 1
                new_user(Role.TEAM_LEAD, gi, team, None, "Teammanager", index)
        for i in range(n_gi):
            team = gi_teams[i % len(gi_teams)]
            index += 1
            self.gi_pool.append(new_user(Role.GI_PROTECTOR, team.organisation, team, None, "Jeugdbeschermer", index))

        # Bench users: a professional and a GI protector with an ordinary caseload, and the lead of the
        # professional's team (the biggest municipality's first team).
        biggest = self.bench_area = max(self.areas, key=lambda a: a.weight)
        lt_user = biggest.lt_pool[0]
        team_lead = next(u for u, _area, team in plan if team is lt_user.team and u.role == Role.TEAM_LEAD)
        for user, name in ((lt_user, "lt"), (team_lead, "tl"), (self.gi_pool[0], "gi")):
            user.username = f"bench{suffix}.{name}"
            user.email = f"{user.username}@{EMAIL_DOMAIN}"
            user.password = known
            self.bench_users.append(user)

        Team.objects.bulk_create(teams)
        for user in users:
            user.team_id = user.team.pk if user.team else None
        User.objects.bulk_create(users, batch_size=2000)
        if connection.features.can_return_rows_from_bulk_insert is False or users[0].pk is None:
            by_name = dict(User.objects.filter(username__in=[u.username for u in users])
                           .values_list("username", "pk"))
            for user in users:
                user.pk = user.id = by_name[user.username]
        through = User.municipalities.through
        through.objects.bulk_create([through(user_id=u.pk, municipality_id=area.municipality.pk)
                                     for u, area, _team in plan if area is not None])
        self.timings.rows["users"] += len(users)

    # --- families ---------------------------------------------------------------------------------------

    def family_batch(self, size: int, batch_index: int) -> None:
        rng = self.rng
        pools = self.pools
        build_start = time.perf_counter()
        families, persons, relationships, network, cases, involvements, changes = [], [], [], [], [], [], []
        views = []  # (family_id, user, reason, first_day)
        work = Work()
        work_seconds = 0.0

        def change(family_id, obj, user_id, values: dict):
            changes.append(ChangeRecord(family_id=family_id, object_type=obj._meta.model_name, object_id=obj.pk,
                                        action="create", changes=values, user_id=user_id))

        case_work = CaseWork(rng=self.work_rng, today=self.today, pools=pools, change=change)

        for i in range(size):
            area = rng.choices(self.areas, weights=self.area_weights)[0]
            lead = rng.choice(area.lt_pool)
            first = batch_index == 0 and i == 0  # the bench users always have at least one family
            if first:
                area, lead = self.bench_area, self.bench_users[0]
            adults, children = rng.choices(COMPOSITIONS, weights=[c[2] for c in COMPOSITIONS])[0][:2]
            surname = rng.choice(pools.last)
            family = Family(id=uuid.uuid4(), name=f"Gezin {surname}", municipality_id=area.municipality.pk,
                            local_team_id=area.local_team.pk, created_by_id=lead.pk,
                            composition_confirmed=rng.random() < 0.8,
                            interpreter_language=rng.choice(INTERPRETER_LANGUAGES) if rng.random() < 0.06 else "")
            families.append(family)
            fid = family.pk
            change(fid, family, lead.pk, {"naam gezin": ["", family.name], "gemeente": ["", area.municipality.name]})

            # Persons: one or two adults, one to three children.
            members: list[Person] = []
            mother_first = rng.random() < 0.8
            step = adults == 2 and rng.random() < 0.1
            separated = adults == 2 and not step and rng.random() < 0.15
            for a in range(adults):
                female = mother_first if a == 0 else not mother_first
                role = FamilyRole.STEP_PARENT if (a == 1 and step) else FamilyRole.PARENT
                last = surname if a == 0 or rng.random() < 0.5 else rng.choice(pools.last)
                members.append(self.person(fid, lead, role, female, last, self.birth_date(24, 52),
                                           in_household=not (a == 1 and separated)))
            youngest_unborn = rng.random() < 0.005
            for c in range(children):
                unborn = youngest_unborn and c == children - 1
                child = self.person(fid, lead, FamilyRole.CHILD, rng.random() < 0.5, surname,
                                    None if unborn else self.birth_date(0, 17), unborn=unborn,
                                    custody=Custody.BOTH_PARENTS if adults == 2 and not step else Custody.ONE_PARENT)
                child.is_referred = c == 0
                if not unborn and rng.random() < 0.6:
                    child.trusted_person = f"{rng.choice(TRUSTED)} ({rng.choice(pools.female)})"
                members.append(child)
            persons.extend(members)
            for p in members:
                change(fid, p, lead.pk, {"voornaam": ["", p.first_name], "achternaam": ["", p.last_name],
                                         "rol in het gezin": ["", p.family_role]})

            # Genogram: parents of the children, the couple, siblings.
            parents = [p for p in members if p.family_role != FamilyRole.CHILD]
            kids = [p for p in members if p.family_role == FamilyRole.CHILD]
            rels = []
            for parent in parents:
                kind = (RelationshipKind.STEP_PARENT_OF if parent.family_role == FamilyRole.STEP_PARENT
                        else RelationshipKind.PARENT_OF)
                for kid in kids:
                    rels.append(Relationship(id=uuid.uuid4(), family_id=fid, from_person_id=parent.pk, kind=kind,
                                             to_person_id=kid.pk, has_custody=kind == RelationshipKind.PARENT_OF,
                                             created_by_id=lead.pk))
            if len(parents) == 2:
                couple = RelationshipKind.FORMER_PARTNER if separated else RelationshipKind.PARTNER
                rels.append(Relationship(id=uuid.uuid4(), family_id=fid, from_person_id=parents[0].pk,
                                         to_person_id=parents[1].pk, created_by_id=lead.pk, kind=couple))
            for i in range(len(kids) - 1):
                rels.append(Relationship(id=uuid.uuid4(), family_id=fid, from_person_id=kids[i].pk,
                                         to_person_id=kids[i + 1].pk, kind=RelationshipKind.SIBLING,
                                         created_by_id=lead.pk))
            relationships.extend(rels)
            for rel in rels:
                change(fid, rel, lead.pk, {"relatie": ["", rel.kind]})

            # Network (sociogram): none to three people, one on average.
            for _n in range(rng.choices((0, 1, 2, 3), weights=(35, 35, 20, 10))[0]):
                relation, group = rng.choice(NETWORK)
                member = NetworkMember(
                    id=uuid.uuid4(), family_id=fid, relation=relation, group=group, created_by_id=lead.pk,
                    name=f"{rng.choice(pools.female if rng.random() < 0.6 else pools.male)} {rng.choice(pools.last)}",
                    child_id=rng.choice(kids).pk if kids and rng.random() < 0.4 else None,
                    support=rng.choices(Support.values, weights=(70, 10, 20))[0],
                    contact_frequency=rng.choice(CONTACT),
                )
                network.append(member)
                change(fid, member, lead.pk, {"naam": ["", member.name]})

            # Cases: one open case; half of the families also have an earlier, closed one.
            opened = self.today - timedelta(days=rng.randint(7, 720))
            case = Case(id=uuid.uuid4(), family_id=fid, reason=rng.choice(CASE_REASONS), opened_on=opened,
                        status=CaseStatus.OPEN, created_by_id=lead.pk)
            cases.append(case)
            change(fid, case, lead.pk, {"aanleiding": ["", case.reason]})
            active = [(lead, InvolvementRole.LEAD)]
            extras = []
            if first:
                extras.append((self.bench_users[2], InvolvementRole.SUPPORT))
            elif rng.random() < 0.35:
                extras.append((rng.choice(self.gi_pool), rng.choice((InvolvementRole.SUPPORT, InvolvementRole.EXPERT))))
            if rng.random() < 0.25:
                extras.append((rng.choice(area.lt_pool), InvolvementRole.SUPPORT))
            if rng.random() < 0.15:
                extras.append((rng.choice(area.bs_pool), InvolvementRole.EXPERT))
            seen = {lead.pk}
            for user, role in extras[:2]:  # at most three active involvements
                if user.pk not in seen:
                    seen.add(user.pk)
                    active.append((user, role))
            for user, role in active:
                start = opened if role == InvolvementRole.LEAD else opened + timedelta(
                    days=rng.randint(0, max(0, (self.today - opened).days)))
                inv = Involvement(id=uuid.uuid4(), case_id=case.pk, user_id=user.pk,
                                  organisation_id=user.organisation_id, role=role, start_date=start,
                                  created_by_id=lead.pk)
                involvements.append(inv)
                change(fid, inv, lead.pk, {"professional": ["", str(user.pk)], "rol": ["", role]})
                views.append((fid, user, role, start))
            # The bench professional's own cases always: the bench measures their case and family pages.
            if any(u is self.bench_users[0] for u, _role in active) or self.work_rng.random() < WORKED_SHARE:
                work_start = time.perf_counter()
                gi_user = next((u for u, _role in active if u.role == Role.GI_PROTECTOR), None)
                case_work.build(work, family=family, case=case, members=members, lead=lead, area=area,
                                gi_user=gi_user)
                work_seconds += time.perf_counter() - work_start
            if rng.random() < 0.2:  # someone who was involved for a while
                user = rng.choice(area.lt_pool)
                end = opened + timedelta(days=rng.randint(0, max(0, (self.today - opened).days - 1)))
                inv = Involvement(id=uuid.uuid4(), case_id=case.pk, user_id=user.pk,
                                  organisation_id=user.organisation_id, role=InvolvementRole.ON_CALL,
                                  start_date=opened, end_date=end, created_by_id=lead.pk)
                involvements.append(inv)
                change(fid, inv, lead.pk, {"professional": ["", str(user.pk)], "rol": ["", inv.role]})
            if rng.random() < 0.5:
                closed_on = opened - timedelta(days=rng.randint(30, 600))
                old_open = closed_on - timedelta(days=rng.randint(60, 500))
                old = Case(id=uuid.uuid4(), family_id=fid, reason=rng.choice(CASE_REASONS), opened_on=old_open,
                           status=CaseStatus.CLOSED, closed_on=closed_on, closing_reason=rng.choice(CLOSING_REASONS),
                           created_by_id=lead.pk)
                cases.append(old)
                change(fid, old, lead.pk, {"aanleiding": ["", old.reason]})
                old_lead = rng.choice(area.lt_pool)
                inv = Involvement(id=uuid.uuid4(), case_id=old.pk, user_id=old_lead.pk,
                                  organisation_id=old_lead.organisation_id, role=InvolvementRole.LEAD,
                                  start_date=old_open, end_date=closed_on, created_by_id=old_lead.pk)
                involvements.append(inv)
                change(fid, inv, old_lead.pk, {"professional": ["", str(old_lead.pk)], "rol": ["", inv.role]})
        self.timings.add("build rows (Python)", time.perf_counter() - build_start - work_seconds)
        self.timings.add("build case work (Python)", work_seconds)

        with transaction.atomic():
            self.timed_insert(Family, families)
            self.timed_insert(Person, persons)
            self.timed_insert(Relationship, relationships)
            self.timed_insert(NetworkMember, network)
            self.timed_insert(Case, cases)
            self.timed_insert(Involvement, involvements)
            self.insert_work(work)
            self.timed_insert(ChangeRecord, changes)
            self.access_log(views)

    def insert_work(self, work: Work) -> None:
        """The case work of a batch, foreign keys first; then the plans point at their latest version."""
        for model in INSERT_ORDER:
            if model in (FamilyPlan, FamilyPlanVersion):
                continue
            self.timed_insert(model, work.rows.get(model, []), f"{model._meta.app_label}.{model._meta.model_name}")
        plans = [plan for plan, _versions in work.family_plans]
        self.timed_insert(FamilyPlan, plans, "analysis.familyplan")
        if plans and plans[0].pk is None:  # a database that does not return the ids of a bulk insert
            ids = dict(FamilyPlan.objects.filter(family_id__in=[p.family_id for p in plans])
                       .values_list("family_id", "pk"))
            for plan in plans:
                plan.pk = ids[plan.family_id]
        versions = []
        for plan, plan_versions in work.family_plans:
            for version in plan_versions:
                version.document_id = plan.pk
                versions.append(version)
        self.timed_insert(FamilyPlanVersion, versions, "analysis.familyplanversion")
        start = time.perf_counter()
        for model in (SafetyPlan, FamilyPlan):
            table = connection.ops.quote_name(model._meta.db_table)
            versions_table = connection.ops.quote_name(model.current.field.related_model._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET current_id = (SELECT v.id FROM {versions_table} v "  # noqa: S608
                    f"WHERE v.document_id = {table}.id ORDER BY v.number DESC LIMIT 1) WHERE current_id IS NULL")
        self.timings.add("current plan versions", time.perf_counter() - start)

    def person(self, family_id, lead, role, female: bool, last_name: str, birth: date | None, *,
               unborn: bool = False, in_household: bool = True, custody=Custody.NOT_APPLICABLE) -> Person:
        first = self.rng.choice(self.pools.female if female else self.pools.male)
        return Person(
            id=uuid.uuid4(), family_id=family_id, first_name=first, last_name=last_name,
            name_key=name_key(first, last_name), birth_date=birth,
            expected_birth_date=self.today + timedelta(days=self.rng.randint(10, 200)) if unborn else None,
            gender=Gender.FEMALE if female else Gender.MALE,
            bsn="" if unborn or self.rng.random() < 0.03 else self.bsns.next(),
            family_role=role, in_household=in_household, custody=custody, created_by_id=lead.pk,
        )

    # --- access log -------------------------------------------------------------------------------------

    def access_log(self, views: list[tuple]) -> None:
        """About three reads per family by the people involved, on a valid chain. Runs inside the batch's
        transaction and holds the head row, so the chain stays whole even if the app appends meanwhile."""
        rng = self.rng
        build_start = time.perf_counter()
        now = self.now
        rows = []
        for family_id, user, role, first_day in views:
            first = min(datetime(first_day.year, first_day.month, first_day.day, 8, tzinfo=UTC),
                        now - timedelta(hours=1))
            span = max(1, int((now - first).total_seconds()))
            for _ in range(rng.choice((1, 1, 2, 2, 3))):
                rows.append((first + timedelta(seconds=rng.randrange(span)), family_id, user, role))
        rows.sort(key=lambda r: r[0])
        organisations = self.organisation_names
        reasons = {role: f"betrokkenheid als {InvolvementRole(role).label}" for role in InvolvementRole.values}
        head, _ = AccessLogHead.objects.select_for_update().get_or_create(pk=1)
        previous, seq = head.last_hash, head.last_seq
        entries = []
        for occurred_at, family_id, user, role in rows:
            seq += 1
            entry = AccessLogEntry(
                seq=seq, occurred_at=occurred_at, user_id=user.pk, username=user.username, role=user.role,
                organisation=organisations[user.organisation_id], on_behalf_of="", family_id=family_id,
                person_id=None, action=AccessAction.VIEW, object_type="gezin", object_id=str(family_id),
                channel="page", ip_address=f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
                reason=str(reasons[role])[:200], emergency=False, previous_hash=previous,
            )
            entry.entry_hash = previous = entry_hash(entry, previous)
            entries.append(entry)
        self.timings.add("build access log + hashes", time.perf_counter() - build_start)
        self.timed_insert(AccessLogEntry, entries, "accesslogentry")
        AccessLogHead.objects.filter(pk=1).update(last_seq=seq, last_hash=previous)

    @property
    def organisation_names(self) -> dict:
        if not hasattr(self, "_organisation_names"):
            self._organisation_names = dict(Organisation.objects.values_list("pk", "name"))
        return self._organisation_names

    # --- end --------------------------------------------------------------------------------------------

    def analyze(self) -> None:
        """Fresh planner statistics, so the first queries are not planned on a guess. On PostgreSQL also
        VACUUM: it sets the visibility map of the freshly loaded tables (index-only scans), as autovacuum
        would do some time later on a database in use."""
        with connection.cursor() as cursor:
            # VACUUM cannot run inside a transaction (a test, or a caller's atomic block).
            vacuum = self.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")

    def report(self, total: float) -> None:
        self.log("")
        self.log("Fase                                     tijd (s)      rijen")
        for phase, seconds in sorted(self.timings.phases.items(), key=lambda kv: -kv[1]):
            rows = self.timings.rows.get(phase)
            self.log(f"  {phase:<38} {seconds:8.1f}  {'' if rows is None else f'{rows:>9}'}")
        self.log(f"  {'totaal':<38} {total:8.1f}")
        self.log("")
        self.log(self.style.SUCCESS(
            f"Klaar: {self.n_families} gezinnen, {self.timings.rows['insert person']} personen, "
            f"{self.timings.rows['insert case']} casussen, {self.timings.rows['insert involvement']} "
            f"betrokkenheden, {self.timings.rows['insert accesslogentry']} toegangslogregels in {total:.1f} s."))
        self.log(f"Benchgebruikers (wachtwoord: {self.password}):")
        for user in self.bench_users:
            self.log(f"  {user.username:<16} {user.get_role_display()}, {user.organisation.name}")


class Command(BaseCommand):
    help = "Maakt een grote synthetische dataset (gezinnen, personen, casussen, toegangslog) voor de benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--families", type=int, required=True, help="Aantal gezinnen.")
        parser.add_argument("--seed", type=int, default=1, help="Startwaarde van de toevalsgenerator.")
        parser.add_argument("--batch", type=int, default=5000, help="Gezinnen per transactie.")
        parser.add_argument("--password", default=BENCH_PASSWORD, help="Wachtwoord van de benchgebruikers.")

    def handle(self, *args, families, seed, batch, password, **options):
        if (getattr(settings, "SETTINGS_MODULE", None) or "").endswith(".production"):
            raise CommandError("generate_synthetic draait niet met productie-instellingen.")
        if families < 1:
            raise CommandError("--families moet minstens 1 zijn.")
        Generator(families=families, seed=seed, batch=batch, password=password, stdout=self.stdout,
                  style=self.style).run()
