"""Form parts every screen uses: Dutch dates, the optimistic version field, and removal with a reason."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class VersionField(forms.IntegerField):
    """The version of the row the form was opened on, hidden and required: a save never skips the stale check."""

    widget = forms.HiddenInput
    default_error_messages = {
        "required": _("Het formulier mist de versie die u zag. Open het formulier opnieuw en sla dan op."),
        "invalid": _("Het formulier mist de versie die u zag. Open het formulier opnieuw en sla dan op."),
    }


class VersionedForm(forms.ModelForm):
    """A model form that carries the version it was opened on, so a stale save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
        if self.instance and not self.instance._state.adding and not self.is_bound and hasattr(self.instance,
                                                                                                "version"):
            self.initial["version"] = self.instance.version

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}

    def apply_error(self, error: ValidationError) -> None:
        """Put a service's ValidationError on the fields it names, or on the form."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)


class RemoveForm(forms.Form):
    reason = forms.CharField(label=_("Reden van verwijderen"), max_length=300,
                             help_text=_("Verwijderen is zacht: de gegevens blijven bewaard en de reden komt in de "
                                         "geschiedenis."))
