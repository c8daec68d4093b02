"""The case page section of this app: who decides in each organisation, supporting roles and expert consults."""

from gezinsplan.accounts import services
from gezinsplan.accounts.models import CaseSupport, ExpertConsultation
from gezinsplan.core import policy
from gezinsplan.core.policy import Action
from gezinsplan.core.sections import Section, case_section


@case_section(order=45)
def decisions_and_support(*, request, case, grant, ctx) -> Section:
    """R103, R267, R542, R599. Four queries."""
    return Section("accounts/case_section.html", {
        "case": case,
        "overview": services.decision_overview(case=case),
        "supports": list(CaseSupport.objects.filter(case=case, removed_at__isnull=True).select_related("user")),
        "consultations": list(ExpertConsultation.objects.filter(case=case, removed_at__isnull=True)
                              .select_related("expert", "asked_by")),
        "can_edit": policy.can(request.user, Action.EDIT_CASE, grant=grant),
    })
