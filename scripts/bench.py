#!/usr/bin/env python
"""`make bench`: the quality targets of DESIGN §6, measured on synthetic data.

For every database (SQLite, PostgreSQL) and data size (1,000 and 100,000 families) this script builds a
fresh database (migrate + `manage.py generate_synthetic`), then measures in-process, with Django's test
client, the server time of the main pages (the whole request cycle: middleware, view, template, access
logging) and their number of queries. Every database/size runs in its own subprocess (`--worker`), so the
settings can differ. The results go to docs/benchmarks.md (and var/bench/results.json, which keeps the
latest result per database/size so that partial runs add to earlier ones).

    .venv/bin/python scripts/bench.py                        # everything (about 20 minutes)
    .venv/bin/python scripts/bench.py --sizes 1000,20000 --databases postgresql
    .venv/bin/python scripts/bench.py --quick                # 1,000 families, fewer requests, quick check
    .venv/bin/python scripts/bench.py --reuse --databases sqlite  # measure again, keep the generated data
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANAGE = ROOT / "src" / "manage.py"
BENCH_DIR = ROOT / "var" / "bench"
RESULTS = BENCH_DIR / "results.json"
DOC = ROOT / "docs" / "benchmarks.md"
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
# The PostgreSQL database the bench drops and recreates; another name (--pg-database, or the environment's
# GEZINSPLAN_BENCH_PG) lets two checkouts on one machine bench without dropping each other's database.
PG_NAME = os.environ.get("GEZINSPLAN_BENCH_PG", "gezinsplan_bench")
DATABASES = ("sqlite", "postgresql")
SIZES = (1000, 100_000)
SEED = 1

PAGE_TARGET_MS = 150
SEARCH_TARGET_MS = 200
LOGGING_TARGET_PCT = 10


# --- orchestration ----------------------------------------------------------------------------------------

def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def database_url(database: str, size: int) -> str:
    if database == "sqlite":
        return f"sqlite:///{BENCH_DIR / f'bench-{size}.sqlite3'}"
    return pg_url()


def pg_url() -> str:
    return f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"


def fresh_database(database: str, size: int) -> None:
    if database == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            (BENCH_DIR / f"bench-{size}.sqlite3{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_NAME}")


def worker_env(database: str, size: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": database_url(database, size),
        "DJANGO_SETTINGS_MODULE": "gezinsplan.conf.dev",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "testserver",
        "GEZINSPLAN_REQUIRE_2FA": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    })
    env.pop("GEZINSPLAN_DEMO", None)
    return env


def run(cmd: list[str], env: dict[str, str], *, capture: bool = False) -> tuple[float, str]:
    start = time.perf_counter()
    if capture:
        lines = []
        with subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE,  # noqa: S603 - our own commands
                              stderr=subprocess.STDOUT, text=True) as proc:
            for line in proc.stdout:
                lines.append(line)
                if "axes" not in line.lower() and line.strip() and not line.startswith(("WARNINGS", "\tHINT")):
                    print("    " + line, end="", flush=True)
        if proc.returncode:
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{''.join(lines[-30:])}")
        return time.perf_counter() - start, "".join(lines)
    subprocess.run(cmd, env=env, cwd=ROOT, check=True)  # noqa: S603 - our own commands
    return time.perf_counter() - start, ""


def family_count(database: str, size: int) -> int | None:
    """Families in an existing bench database, or None when there is none."""
    try:
        if database == "sqlite":
            path = BENCH_DIR / f"bench-{size}.sqlite3"
            if not path.exists():
                return None
            with sqlite3.connect(path) as conn:
                return conn.execute("SELECT COUNT(*) FROM families_family").fetchone()[0]
        import psycopg

        with psycopg.connect(pg_url().replace("postgres://", "postgresql://", 1)) as conn:
            return conn.execute("SELECT COUNT(*) FROM families_family").fetchone()[0]
    except Exception:  # noqa: BLE001 - no database, no table: nothing to reuse
        return None


def bench_one(database: str, size: int, args, previous: dict | None) -> dict:
    env = worker_env(database, size)
    py = sys.executable
    if (args.reuse and previous and "generate_s" in previous and family_count(database, size) == size):
        log(f"{database}, {size:,} gezinnen: bestaande database hergebruikt (--reuse), migrate")
        run([py, str(MANAGE), "migrate", "--noinput", "-v0"], env, capture=True)  # the schema may have moved on
        migrate_s, generate_s = previous["migrate_s"], previous["generate_s"]
        generate_load = previous.get("generate_load")
        reused = True
        output = "\n".join(previous.get("generator_phases", []))
    else:
        log(f"{database}, {size:,} gezinnen: verse database")
        reused = False
        fresh_database(database, size)
        migrate_s, _ = run([py, str(MANAGE), "migrate", "--noinput", "-v0"], env, capture=True)
        run([py, str(MANAGE), "createcachetable"], env, capture=True)
        log(f"  migrate {migrate_s:.1f} s; generate_synthetic --families {size}")
        load_before = os.getloadavg()[0]
        generate_s, output = run([py, str(MANAGE), "generate_synthetic", "--families", str(size),
                                  "--seed", str(SEED)], env, capture=True)
        generate_load = [load_before, os.getloadavg()[1]]  # 1-min before, 5-min average at the end
        log(f"  generate_synthetic {generate_s:.1f} s; meten")
    result_file = BENCH_DIR / f"result-{database}-{size}.json"
    result_file.unlink(missing_ok=True)
    run([py, str(Path(__file__).resolve()), "--worker", "--result-file", str(result_file),
         "--requests", str(args.requests), "--warmup", str(args.warmup)], env, capture=True)
    result = json.loads(result_file.read_text())
    result.update({"database": database, "size": size, "migrate_s": migrate_s, "generate_s": generate_s,
                   "generate_load": generate_load, "reused": reused,
                   "generator_phases": _phases(output), "measured_at": datetime.now().isoformat(timespec="minutes")})
    return result


def _phases(output: str) -> list[str]:
    lines = output.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.startswith("Fase"))
    except StopIteration:
        return []
    return [line for line in lines[start:] if line.strip()][:50]


def machine() -> dict:
    info = {"nproc": os.cpu_count(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform()}
    try:
        meminfo = Path("/proc/meminfo").read_text()
        info["memory_gb"] = round(int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1)) / 1024 / 1024, 1)
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        info["cpu"] = cpu.group(1).strip() if cpu else ""
    except OSError:
        pass
    import django

    info["django"] = django.get_version()
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL) as conn:
            info["postgresql"] = conn.execute("SHOW server_version").fetchone()[0]
    except Exception as error:  # noqa: BLE001 - report, do not fail
        info["postgresql"] = f"niet bereikbaar ({error.__class__.__name__})"
    return info


def main() -> None:
    global PG_NAME  # noqa: PLW0603 - --pg-database sets it for the whole run
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=None, help="comma separated, e.g. 1000,100000")
    parser.add_argument("--databases", default=None, help="comma separated: sqlite,postgresql")
    parser.add_argument("--quick", action="store_true", help="1,000 families, 20 requests per measurement")
    parser.add_argument("--requests", type=int, default=None, help="requests per measurement (50)")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--reuse", action="store_true",
                        help="measure again on the database of the previous run (no migrate/generate)")
    parser.add_argument("--pg-database", default=None,
                        help=f"name of the PostgreSQL database to drop and recreate ({PG_NAME})")
    parser.add_argument("--output", default=None, help="markdown report (docs/benchmarks.md)")
    parser.add_argument("--report-only", action="store_true",
                        help="rewrite the report from var/bench/results.json without measuring")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--result-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pg_database:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", args.pg_database):
            parser.error("--pg-database: lower-case letters, digits and underscores only")
        PG_NAME = args.pg_database
    if args.requests is None:
        args.requests = 20 if args.quick else 50
    if args.worker:
        Worker(requests=args.requests, warmup=args.warmup).run(Path(args.result_file))
        return

    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else ([1000] if args.quick else list(SIZES))
    databases = args.databases.split(",") if args.databases else list(DATABASES)
    unknown = set(databases) - set(DATABASES)
    if unknown:
        parser.error(f"unknown database(s): {', '.join(sorted(unknown))}")
    output = Path(args.output) if args.output else (BENCH_DIR / "benchmarks-quick.md" if args.quick else DOC)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    stored = json.loads(RESULTS.read_text()) if RESULTS.exists() and not args.quick else {}
    if args.report_only:
        write_report(output, stored, machine(), quick=False)
        log(f"rapport: {output}")
        return
    started = time.perf_counter()
    for database in databases:
        for size in sizes:
            key = f"{database}-{size}"
            try:
                stored[key] = bench_one(database, size, args, stored.get(key))
            except Exception as error:  # noqa: BLE001 - one failing combination must not lose the others
                log(f"  MISLUKT: {error}")
                stored[key] = {"database": database, "size": size, "error": str(error)[-3000:],
                               "measured_at": datetime.now().isoformat(timespec="minutes")}
            if not args.quick:
                RESULTS.write_text(json.dumps(stored, indent=1, default=str))
            write_report(output, stored, machine(), quick=args.quick)
    log(f"klaar in {(time.perf_counter() - started) / 60:.1f} min; rapport: {output}")


# --- the worker: runs inside one database's settings --------------------------------------------------------

class Worker:
    def __init__(self, *, requests: int, warmup: int):
        self.requests = requests
        self.warmup = warmup
        self.rng = random.Random(SEED)

    def run(self, result_file: Path) -> None:
        import django

        django.setup()
        from django.db import connection

        self.connection = connection
        result = {"vendor": connection.vendor, "counts": self.counts(), "measurements": [],
                  "load_before": os.getloadavg()}
        self.prepare()
        result["caseloads"] = {"professional": len(self.lt_families), "team_lead": self.tl_count,
                               "gi_protector": self.gi_count}
        for spec in self.plan():
            result["measurements"].append(self.measure(**spec))
        result["logging"] = self.logging_overhead("family")
        result["logging_caseload"] = self.logging_overhead("caseload")
        result["load_after"] = os.getloadavg()
        result_file.write_text(json.dumps(result, indent=1, default=str))

    def counts(self) -> dict[str, int]:
        from gezinsplan.accounts.models import User
        from gezinsplan.analysis.models import FamilyAnalysis, FamilyPlanVersion, TimelineEvent
        from gezinsplan.cases.models import Case, CaseContact, HourEntry, Involvement
        from gezinsplan.collaboration.models import Agreement, Meeting
        from gezinsplan.core.models import ChangeRecord
        from gezinsplan.families.models import Family, NetworkMember, Person, Relationship
        from gezinsplan.privacy.models import AccessLogEntry
        from gezinsplan.safety.models import SafetyAssessment, SafetyPlan, SafetyPlanVersion, SafetyScore

        return {
            "families": Family.all_objects.count(), "persons": Person.all_objects.count(),
            "relationships": Relationship.all_objects.count(), "network_members": NetworkMember.all_objects.count(),
            "cases": Case.objects.count(), "involvements": Involvement.objects.count(),
            "change_records": ChangeRecord.objects.count(), "access_log": AccessLogEntry.objects.count(),
            "users": User.objects.count(),
            # The work on the cases (generate_synthetic's case work).
            "safety_plans": SafetyPlan.objects.count(), "safety_plan_versions": SafetyPlanVersion.objects.count(),
            "safety_assessments": SafetyAssessment.all_objects.count(),
            "safety_scores": SafetyScore.all_objects.count(), "contacts": CaseContact.objects.count(),
            "meetings": Meeting.all_objects.count(), "agreements": Agreement.all_objects.count(),
            "analyses": FamilyAnalysis.objects.count(), "timeline_events": TimelineEvent.all_objects.count(),
            "family_plan_versions": FamilyPlanVersion.objects.count(), "hour_entries": HourEntry.objects.count(),
        }

    def prepare(self) -> None:
        from django.test import Client

        from gezinsplan.accounts.models import User
        from gezinsplan.core import policy
        from gezinsplan.families.models import Person

        rng = self.rng
        self.lt = User.objects.get(username="bench.lt")
        self.tl = User.objects.get(username="bench.tl")
        gi = User.objects.get(username="bench.gi")
        self.lt_families = [str(f) for f in policy.visible_families(self.lt).values_list("id", flat=True)]
        self.tl_count = policy.visible_families(self.tl).count()
        self.gi_count = policy.visible_families(gi).count()
        self.lt_cases = [str(c) for c in policy.visible_cases(self.lt).values_list("id", flat=True)]
        rng.shuffle(self.lt_families)
        rng.shuffle(self.lt_cases)
        own = list(Person.objects.filter(family_id__in=self.lt_families)
                   .values_list("first_name", "last_name", "bsn", "birth_date"))
        # Persons of other families: a search mostly runs against the whole table and finds nothing visible.
        total = Person.objects.count()
        other = []
        for _ in range(60):
            offset = rng.randrange(max(1, total))
            other += list(Person.objects.order_by("id").values_list(
                "first_name", "last_name", "bsn", "birth_date")[offset:offset + 1])
        rng.shuffle(own)
        mixed = [p for pair in zip(own, other, strict=False) for p in pair] or own or other
        self.names = [(f"{first} {last}" if i % 4 == 3 else last) for i, (first, last, _b, _d) in enumerate(mixed)
                      if last]
        self.bsns = [b for _f, _l, b, _d in mixed if b]
        self.dates = [d.strftime("%d-%m-%Y") for _f, _l, _b, d in mixed if d]
        self.lt_client = Client()
        self.lt_client.force_login(self.lt)
        self.tl_client = Client()
        self.tl_client.force_login(self.tl)

    def _cycle(self, values: list[str], template: str, *, post: str | None = None) -> list:
        """The requests of one measurement: URLs (GET), or (path, data) pairs to POST `post`=value."""
        count = self.warmup + self.requests
        if not values:
            return []
        if post:
            return [(template, {post: values[i % len(values)]}) for i in range(count)]
        return [template.format(values[i % len(values)]) for i in range(count)]

    def plan(self) -> list[dict]:
        from urllib.parse import quote

        lt_pages = max(1, -(-len(self.lt_families) // 25))
        tl_pages = max(1, -(-self.tl_count // 25))
        api_pages = max(1, -(-len(self.lt_families) // 50))
        pages = [str(1 + i % lt_pages) for i in range(lt_pages)]
        search = self.names[:20] + self.bsns[:15] + self.dates[:15]
        self.rng.shuffle(search)
        # The caseload's page number and the search terms are POSTed: personal data stays out of URLs.
        return [
            {"name": "Caseload list (professional)", "kind": "page", "client": "lt",
             "urls": self._cycle(pages, "/gezinnen/", post="page")},
            {"name": "Caseload list (team lead)", "kind": "page", "client": "tl",
             "urls": self._cycle([str(1 + i % tl_pages) for i in range(min(tl_pages, 40))], "/gezinnen/",
                                 post="page")},
            {"name": "Family page", "kind": "page", "client": "lt",
             "urls": self._cycle(self.lt_families, "/gezinnen/{}/")},
            {"name": "Case page", "kind": "page", "client": "lt",
             "urls": self._cycle(self.lt_cases, "/casussen/{}/")},
            {"name": "Search by name", "kind": "search", "client": "lt",
             "urls": self._cycle(self.names, "/gezinnen/zoeken/", post="q")},
            {"name": "Search by BSN", "kind": "search", "client": "lt",
             "urls": self._cycle(self.bsns, "/gezinnen/zoeken/", post="q")},
            {"name": "Search by birth date", "kind": "search", "client": "lt",
             "urls": self._cycle(self.dates, "/gezinnen/zoeken/", post="q")},
            {"name": "Search by name (team lead)", "kind": "search", "client": "tl",
             "urls": self._cycle(self.names[1:], "/gezinnen/zoeken/", post="q")},
            {"name": "API family list", "kind": "page", "client": "lt",
             "urls": self._cycle([str(1 + i % api_pages) for i in range(api_pages)], "/api/v1/families/?page={}")},
            {"name": "API search (name, BSN, date)", "kind": "search", "client": "lt",
             "urls": self._cycle([quote(s) for s in search], "/api/v1/families/?q={}")},
        ]

    def _get(self, client, request) -> float:
        """Server time in ms of one request: a URL to GET or a (path, data) pair to POST."""
        start = time.perf_counter()
        response = client.post(*request) if isinstance(request, tuple) else client.get(request)
        elapsed = time.perf_counter() - start
        if response.status_code != 200:
            raise RuntimeError(f"{_label(request)}: HTTP {response.status_code}")
        if isinstance(request, tuple) and "q" in request[1] and b"gevonden" not in response.content:
            # The page shows "N gezinnen gevonden" or "Geen gezinnen gevonden" once it searched.
            raise RuntimeError(f"{_label(request)}: the page did not search (form or view changed?)")
        return elapsed * 1000

    def measure(self, *, name: str, kind: str, client: str, urls: list[str]) -> dict:
        from django.test.utils import CaptureQueriesContext

        row = {"name": name, "kind": kind, "url": _label(urls[0]) if urls else "",
               "target_ms": SEARCH_TARGET_MS if kind == "search" else PAGE_TARGET_MS}
        http = self.lt_client if client == "lt" else self.tl_client
        if not urls:
            row["error"] = "geen gegevens om te vragen"
            return row
        try:
            for url in urls[:self.warmup]:
                self._get(http, url)
            times = [self._get(http, url) for url in urls[self.warmup:]]
            counts, db_ms, slowest = [], [], None
            for url in urls[self.warmup:self.warmup + 5]:
                with CaptureQueriesContext(self.connection) as ctx:
                    self._get(http, url)
                counts.append(len(ctx.captured_queries))
                db_ms.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
                for query in ctx.captured_queries:
                    ms = float(query["time"]) * 1000
                    if slowest is None or ms > slowest[0]:
                        slowest = (ms, query["sql"], _label(url))
        except Exception as error:  # noqa: BLE001 - a broken page is a result, not the end of the run
            row["error"] = f"{error.__class__.__name__}: {error}"[:500]
            print(f"    {name}: {row['error']}", flush=True)
            return row
        row.update({
            "n": len(times), "p50": percentile(times, 50), "p95": percentile(times, 95), "max": max(times),
            "queries_min": min(counts), "queries_max": max(counts), "db_ms": statistics.median(db_ms),
            "slowest_query": {"ms": slowest[0], "sql": slowest[1][:4000], "url": slowest[2]} if slowest else None,
        })
        row["pass"] = row["p95"] <= row["target_ms"]
        if not row["pass"]:
            row["slowest_query"]["explain"] = self.explain(slowest[1])
        print(f"    {name:<32} p50 {row['p50']:7.1f} ms  p95 {row['p95']:7.1f} ms  queries {counts[0]:>3}"
              f"  db {row['db_ms']:6.1f} ms"
              f"  {'PASS' if row['pass'] else 'FAIL'}", flush=True)
        return row

    def explain(self, sql: str) -> str:
        if not sql.lstrip().upper().startswith("SELECT"):
            return ""
        prefix = "EXPLAIN (ANALYZE, BUFFERS) " if self.connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
        try:
            with self.connection.cursor() as cursor:
                cursor.execute(prefix + sql)  # no parameters: the driver leaves % alone
                return "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())[:6000]
        except Exception as error:  # noqa: BLE001
            return f"(EXPLAIN mislukt: {error})"

    def logging_overhead(self, page: str = "family") -> dict:
        """A page with the access log's append_entries and with it patched to a no-op, interleaved: the family
        page (one entry per request) or the team lead's caseload list (one entry per listed family, 25)."""
        from unittest import mock

        from gezinsplan.privacy.models import AccessLogEntry

        n = 4 * self.requests
        if page == "family":
            client, urls = self.lt_client, self._cycle(self.lt_families, "/gezinnen/{}/")
        else:
            pages = max(1, min(40, -(-self.tl_count // 25)))
            client, urls = self.tl_client, self._cycle([str(1 + i % pages) for i in range(pages)], "/gezinnen/",
                                                       post="page")
        if not urls:
            return {"error": "geen gezinnen"}
        urls = [urls[i % len(urls)] for i in range(n + self.warmup)]
        try:
            for url in urls[:self.warmup]:
                self._get(client, url)
            with_log, without_log = [], []
            before = AccessLogEntry.objects.count()
            for i, url in enumerate(urls[self.warmup:]):
                if i % 2 == 0:
                    with_log.append(self._get(client, url))
                else:
                    with mock.patch("gezinsplan.core.middleware.append_entries") as noop:
                        without_log.append(self._get(client, url))
                    assert noop.called, "the middleware did not call append_entries"
            written = AccessLogEntry.objects.count() - before
        except Exception as error:  # noqa: BLE001
            return {"error": f"{error.__class__.__name__}: {error}"[:500]}
        p50_with, p50_without = percentile(with_log, 50), percentile(without_log, 50)
        overhead = 100 * (p50_with - p50_without) / p50_without
        result = {"p50_with": p50_with, "p50_without": p50_without, "p95_with": percentile(with_log, 95),
                  "p95_without": percentile(without_log, 95), "mean_with": statistics.fmean(with_log),
                  "mean_without": statistics.fmean(without_log), "overhead_pct": overhead,
                  "rows_written": written, "requests": n, "pass": overhead <= LOGGING_TARGET_PCT}
        print(f"    {'Access logging overhead ' + page:<32} {p50_with:.1f} vs {p50_without:.1f} ms: {overhead:+.1f} %"
              f"  {'PASS' if result['pass'] else 'FAIL'}", flush=True)
        return result


def _load(load) -> str:
    return "?" if not load else f"{load[0]:.1f} → {load[1]:.1f}"


def _label(request) -> str:
    return f"POST {request[0]} {request[1]}" if isinstance(request, tuple) else f"GET {request}"


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


# --- the report -------------------------------------------------------------------------------------------

DB_LABEL = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
NOTES_HEADING = "## Notes"


def write_report(path: Path, stored: dict, info: dict, *, quick: bool) -> None:
    results = sorted(stored.values(), key=lambda r: (DATABASES.index(r["database"]), r["size"]))
    out = ["# Benchmarks", ""]
    out += [
        "Generated by `make bench` (`scripts/bench.py`)" + (" with `--quick`" if quick else "") + "; "
        f"everything above '{NOTES_HEADING}' is rewritten by each run, the notes at the end are kept. "
        "Targets from DESIGN §6: pages p95 ≤ 150 ms, search p95 ≤ 200 ms (PostgreSQL, 100,000 families), "
        "access logging ≤ 10 % of request time. The same thresholds are applied to every table for comparison; "
        "the binding one is PostgreSQL at 100,000 families.",
        "",
        "## Machine",
        "",
        f"- Written: {datetime.now().strftime('%Y-%m-%d %H:%M')}",
        f"- CPU: {info.get('cpu', '?')}, {info['nproc']} cores (nproc); memory {info.get('memory_gb', '?')} GB",
        f"- {info['platform']}",
        f"- Python {info['python']}, Django {info['django']}, PostgreSQL {info['postgresql']}, "
        f"SQLite {info['sqlite']}",
        "",
        "## How it is measured",
        "",
        "- A fresh database per combination: `migrate`, then `manage.py generate_synthetic --families N "
        f"--seed {SEED}` (bulk inserts in transactions of 5,000 families, `VACUUM ANALYZE` on PostgreSQL and "
        "`ANALYZE` on SQLite at the end). A table marked 're-measured' reused the database of an earlier run "
        "(`--reuse`, after `migrate`).",
        "- In-process with `django.test.Client`, settings `gezinsplan.conf.dev` with `DEBUG=0`: the time around "
        "`client.get` is the whole Django request cycle (middleware incl. database sessions and the access-log "
        "append, view, template rendering), without network and WSGI server.",
        "- Logged in with `force_login` as `bench.lt` (a local-team professional with an ordinary caseload) "
        "and `bench.tl` (the lead of that professional's team, who sees the whole team's families).",
        "- Per measurement 5 warm-up requests, then the requests timed (p50 and p95, nearest rank); the "
        "family, case, page number or search term varies per request. The caseload's page number and the "
        "search term are POSTed (the app keeps personal data out of URLs); the API search is `GET ?q=`. "
        "Searches use names, BSNs and birth "
        "dates of persons in the user's own families and of random other persons (half each), so many "
        "searches find nothing the user may see.",
        "- Queries: counted with `CaptureQueriesContext` over 5 of the requests (min–max shown); DB time is the "
        "median over those 5 requests of the summed query times (the rest of the request time is Python: "
        "middleware, view, template).",
        "- Access-logging overhead: the family page (one log entry per request) and the team lead's caseload "
        "list (25 entries, one per listed family) alternately with the real "
        "`AccessLogMiddleware` → `append_entries` and with it patched to a no-op "
        "(`unittest.mock.patch('gezinsplan.core.middleware.append_entries')`); the difference of the medians.",
        "",
        "## Data sets",
        "",
        "Load during generation: the 1-minute load average when it started → the 5-minute load average when it "
        "ended. This machine has 2 cores; above 2, other processes (test suites) competed for the CPU and the "
        "generation time grows accordingly.",
        "",
        "| Database | Families | Persons | Relationships | Network | Cases | Involvements | Change records | "
        "Access log | Users | Caseload (prof. / team lead / GI) | Generation | Load during generation | Migrate |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|",
    ]
    for r in results:
        if "counts" not in r:
            out.append(f"| {DB_LABEL[r['database']]} {r['size']:,} | failed: see below |" + " |" * 12)
            continue
        c, load = r["counts"], r.get("caseloads", {})
        out.append(
            f"| {DB_LABEL[r['database']]} | {c['families']:,} | {c['persons']:,} | {c['relationships']:,} | "
            f"{c['network_members']:,} | {c['cases']:,} | {c['involvements']:,} | {c['change_records']:,} | "
            f"{c['access_log']:,} | {c['users']:,} | {load.get('professional')} / {load.get('team_lead')} / "
            f"{load.get('gi_protector')} | {r['generate_s']:.0f} s | {_load(r.get('generate_load'))} | "
            f"{r['migrate_s']:.0f} s |")
    out.append("")
    work = [r for r in results if "safety_plans" in r.get("counts", {})]
    if work:
        out += ["The work on the cases (a share of the open cases, and all open cases of `bench.lt`):", "",
                "| Database | Families | Safety plans (versions) | Assessments | Scale scores | Contacts | "
                "Meetings | Agreements | Analyses | Timeline events | Family plan versions | Hours |",
                "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for r in work:
            c = r["counts"]
            out.append(
                f"| {DB_LABEL[r['database']]} | {c['families']:,} | {c['safety_plans']:,} "
                f"({c['safety_plan_versions']:,}) | {c['safety_assessments']:,} | {c['safety_scores']:,} | "
                f"{c['contacts']:,} | {c['meetings']:,} | {c['agreements']:,} | {c['analyses']:,} | "
                f"{c['timeline_events']:,} | {c['family_plan_versions']:,} | {c['hour_entries']:,} |")
        out.append("")
    slow_notes = []
    for r in results:
        title = f"{DB_LABEL[r['database']]}, {r['size']:,} families"
        load = ""
        if r.get("load_before"):
            load = (f" Load average (1 min) {r['load_before'][0]:.2f} before and {r['load_after'][0]:.2f} after "
                    f"the measurements (2 cores; other work on the machine adds noise).")
        again = " (re-measured on the database of an earlier run)" if r.get("reused") else ""
        out += [f"## {title}", "", f"Measured {r.get('measured_at', '?')}{again}.{load}", ""]
        if "error" in r:
            out += ["The run failed:", "", "```", r["error"], "```", ""]
            continue
        out += ["| Page | p50 (ms) | p95 (ms) | Queries | DB time (ms) | Target p95 | Result |",
                "|---|---:|---:|---:|---:|---:|---|"]
        for m in r["measurements"]:
            if "error" in m:
                out.append(f"| {m['name']} | | | | | ≤ {m['target_ms']} ms | ERROR: {m['error'][:120]} |")
                continue
            queries = (str(m["queries_min"]) if m["queries_min"] == m["queries_max"]
                       else f"{m['queries_min']}–{m['queries_max']}")
            out.append(f"| {m['name']} | {m['p50']:.1f} | {m['p95']:.1f} | {queries} | {m.get('db_ms', 0):.1f} | "
                       f"≤ {m['target_ms']} ms | "
                       f"{'PASS' if m['pass'] else '**FAIL**'} |")
            if not m["pass"] and m.get("slowest_query"):
                slow_notes.append((title, m))
        for key, label in (("logging", "family page, 1 entry"),
                           ("logging_caseload", "team lead's caseload, 25 entries")):
            lg = r.get(key, {})
            if "error" in lg:
                out.append(f"| Access-logging overhead ({label}) | | | | | ≤ {LOGGING_TARGET_PCT} % | "
                           f"ERROR: {lg['error'][:120]} |")
            elif lg:
                out.append(
                    f"| Access-logging overhead ({label}; p50 {lg['p50_with']:.1f} ms with vs "
                    f"{lg['p50_without']:.1f} ms without) | {lg['overhead_pct']:+.1f} % | | | | "
                    f"≤ {LOGGING_TARGET_PCT} % | {'PASS' if lg['pass'] else '**FAIL**'} |")
        out.append("")
        if r.get("generator_phases"):
            out += ["<details><summary>Generation phases</summary>", "", "```", *r["generator_phases"], "```",
                    "", "</details>", ""]
    out += constant_queries(results)
    if slow_notes:
        out += ["## Pages that miss their target: slowest query", ""]
        for title, m in slow_notes:
            q = m["slowest_query"]
            out += [f"### {title}: {m['name']} (p95 {m['p95']:.0f} ms)", "",
                    f"Slowest query of one request ({q['ms']:.1f} ms, `{q['url']}`):", "",
                    "```sql", q["sql"], "```", ""]
            if q.get("explain"):
                out += ["```", q["explain"], "```", ""]
    # Hand-written notes (a section "## Notes" at the end) survive a rewrite of the measured part.
    notes = ""
    if path.exists():
        text = path.read_text()
        at = text.find("\n" + NOTES_HEADING + "\n")
        notes = text[at + 1:] if at >= 0 else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out) + "\n" + (("\n" + notes) if notes else ""))


def constant_queries(results: list[dict]) -> list[str]:
    """DESIGN §6: the number of queries per page is independent of the data size."""
    lines = []
    for database in DATABASES:
        runs = [r for r in results if r["database"] == database and "measurements" in r]
        if len(runs) < 2:
            continue
        lines += [f"## Queries per page by data size ({DB_LABEL[database]})", "",
                  "| Page | " + " | ".join(f"{r['size']:,}" for r in runs) + " | Constant |",
                  "|---|" + "---:|" * len(runs) + "---|"]
        names = [m["name"] for m in runs[0]["measurements"]]
        for name in names:
            cells, maxima = [], set()
            for r in runs:
                m = next((m for m in r["measurements"] if m["name"] == name), {})
                maxima.add(m.get("queries_max"))
                cells.append("–" if "queries_max" not in m else
                             (str(m["queries_min"]) if m["queries_min"] == m["queries_max"]
                              else f"{m['queries_min']}–{m['queries_max']}"))
            constant = "yes" if len(maxima) == 1 and None not in maxima else "no"
            lines.append(f"| {name} | " + " | ".join(cells) + f" | {constant} |")
        lines += ["", "A search runs a few more queries when it finds families (the prefetch of the matching "
                  "persons and the access-log append for the listed families) than when it finds none, so "
                  "searches show a range; 'constant' compares the maximum.", ""]
    return lines


if __name__ == "__main__":
    main()
