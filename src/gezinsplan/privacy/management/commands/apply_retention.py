from django.core.management.base import BaseCommand

from gezinsplan.families.models import Family
from gezinsplan.privacy.retention import due_families, family_destroy


class Command(BaseCommand):
    help = ("Vernietigt de dossiers van gezinnen waarvan de bewaartermijn verstreken is of waarvoor een verzoek tot "
            "vernietiging is toegekend. Met --dry-run alleen een lijst. Geen persoonsgegevens in de uitvoer.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Alleen tonen wat vernietigd zou worden.")

    def handle(self, *args, dry_run=False, **options):
        due = due_families()
        for item in due:
            when = item.destroy_on.isoformat() if item.destroy_on else "-"
            if dry_run:
                self.stdout.write(f"te vernietigen: gezin {item.family_id} (termijn {when}; {item.rule})")
                continue
            family = Family.all_objects.get(pk=item.family_id)
            reason = "request" if item.rule.startswith("verzoek") else "retention"
            record = family_destroy(family=family, reason=reason, rule=item.rule, due_on=item.destroy_on)
            total = sum(record.counts.values())
            self.stdout.write(f"vernietigd: gezin {item.family_id} ({total} rijen; termijn {when}; {item.rule})")
        verb = "zou vernietigen" if dry_run else "vernietigd"
        self.stdout.write(self.style.SUCCESS(f"{len(due)} gezin(nen) {verb}."))
