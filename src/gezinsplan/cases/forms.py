from django import forms
from django.utils.translation import gettext_lazy as _

from gezinsplan.accounts.constants import PORTAL_ROLES, ROLES_WITHOUT_PERSONAL_DATA
from gezinsplan.accounts.models import User
from gezinsplan.cases.models import Case, Involvement
from gezinsplan.core.forms import DateInput, VersionedForm


class CaseOpenForm(VersionedForm):
    class Meta:
        model = Case
        fields = ["reason", "opened_on"]


class CaseCloseForm(VersionedForm):
    class Meta:
        model = Case
        fields = ["closed_on", "closing_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].required = True
        self.fields["closing_reason"].required = True


class InvolvementForm(VersionedForm):
    class Meta:
        model = Involvement
        fields = ["user", "role", "start_date", "end_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(is_active=True, organisation__isnull=False)
            .exclude(role__in=ROLES_WITHOUT_PERSONAL_DATA | PORTAL_ROLES)
            .select_related("organisation").order_by("organisation__name", "last_name", "first_name")
        )
        self.fields["user"].label_from_instance = lambda u: f"{u} ({u.organisation.label}, {u.get_role_display()})"


class InvolvementEndForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    end_date = forms.DateField(label=_("Laatste dag van de betrokkenheid"), widget=DateInput())
