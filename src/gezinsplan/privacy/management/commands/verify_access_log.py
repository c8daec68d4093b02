from django.core.management.base import BaseCommand, CommandError

from gezinsplan.privacy.access_log import verify_chain
from gezinsplan.privacy.models import AccessLogHead


class Command(BaseCommand):
    help = "Controleert de hashketen van de toegangslog (NEN 7513). Exit 0 als de log intact is."

    def handle(self, *args, **options):
        for broken in verify_chain():
            raise CommandError(f"Toegangslog niet intact: eerste gebroken regel {broken.seq}: {broken.problem}.")
        head = AccessLogHead.objects.filter(pk=1).first()
        count = head.last_seq if head else 0
        self.stdout.write(self.style.SUCCESS(f"Toegangslog intact: {count} regels gecontroleerd."))
