"""R538: the case is not closed while help that continues after closure has no jeugdteam monitor. The check hangs
on saving a case as closed, so every way of closing (page, API, services) passes it without the cases app knowing
about working together."""

from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save
from django.dispatch import receiver

from gezinsplan.cases.models import Case, CaseStatus


@receiver(pre_save, sender=Case, dispatch_uid="collaboration_block_closure_without_monitor")
def block_closure_without_monitor(sender, instance: Case, raw=False, **kwargs):
    if raw or instance._state.adding or instance.status != CaseStatus.CLOSED:
        return
    if Case.objects.filter(pk=instance.pk, status=CaseStatus.CLOSED).exists():
        return
    from gezinsplan.collaboration.meetings_services import closure_problems

    problems = closure_problems(instance)
    if problems:
        raise ValidationError(problems)
