from django import forms
from django.utils.translation import gettext_lazy as _

from gezinsplan.accounts.constants import PORTAL_ROLES, ROLES_WITHOUT_PERSONAL_DATA
from gezinsplan.accounts.models import User
from gezinsplan.cases.models import (
    Case,
    CaseEventKind,
    ClosingKind,
    ContactKind,
    ContactPersonChange,
    FollowUp,
    HelpDomain,
    HourActivity,
    IndicationReason,
    Involvement,
    JudgedBy,
    MeasureKind,
    Offence,
    OffenceKind,
)
from gezinsplan.core.forms import DateInput, VersionedForm, VersionField
from gezinsplan.families.models import FamilyRole, Person


class CaseOpenForm(VersionedForm):
    class Meta:
        model = Case
        fields = ["reason", "intake_source", "registered_on", "opened_on"]
        widgets = {"registered_on": DateInput()}
        help_texts = {"registered_on": _("Het eerste huisbezoek volgt binnen een week na de aanmelding.")}


class CaseForm(VersionedForm):
    class Meta:
        model = Case
        fields = ["reason", "intake_source", "suspected_sexual_abuse", "complex_divorce"]


class CaseCloseForm(VersionedForm):
    """Closing: the handover with the family (R583) and the confirmations the kind of closure needs."""

    kind = forms.ChoiceField(label=_("Soort afsluiting"), choices=ClosingKind.choices)
    safety_not_at_stake = forms.BooleanField(
        label=_("De veiligheid van de kinderen is niet meer in het geding"), required=False,
        help_text=_("De haalbare eindsituatie is de situatie waarin de veiligheid van de kinderen niet meer in het "
                    "geding is en ook niet meer komt."))
    not_expected_again = forms.BooleanField(label=_("En komt naar verwachting ook niet meer in het geding"),
                                            required=False)
    patterns_broken = forms.BooleanField(label=_("De patronen zijn doorbroken"), required=False)
    change_secured = forms.BooleanField(label=_("De verandering is geborgd (borgingsplan compleet)"), required=False)
    next_providers = forms.CharField(label=_("Vervolghulp"), max_length=500, required=False)
    documents = forms.CharField(label=_("Overgedragen informatie"), max_length=1000, required=False)
    family_took_part_on = forms.DateField(label=_("Overdracht samen met het gezin op"), widget=DateInput(),
                                          required=False)
    family_present = forms.CharField(label=_("Aanwezig van het gezin"), max_length=300, required=False)

    CLOSURE_FIELDS = ("kind", "safety_not_at_stake", "not_expected_again", "patterns_broken", "change_secured",
                      "next_providers", "documents", "family_took_part_on", "family_present")

    class Meta:
        model = Case
        fields = ["closed_on", "closing_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].required = True
        self.fields["closing_reason"].required = True

    def service_values(self) -> dict:
        values = super().service_values()
        values["closure"] = {name: self.cleaned_data.get(name) for name in self.CLOSURE_FIELDS}
        return values


class ContactForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort contact"), choices=ContactKind.choices)
    held_on = forms.DateField(label=_("Datum"), widget=DateInput())
    safety_score = forms.IntegerField(label=_("Veiligheidsscore (1-10)"), min_value=1, max_value=10)
    summary = forms.CharField(label=_("Verslag"), max_length=4000, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    clarity_checked = forms.BooleanField(label=_("Nagevraagd of de afspraken en het doel van de hulp helder zijn"),
                                         required=False)
    clarity_note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)
    child = forms.ModelChoiceField(label=_("Kind (begeleid bezoek)"), queryset=Person.objects.none(), required=False)
    parent = forms.ModelChoiceField(label=_("Ouder (begeleid bezoek)"), queryset=Person.objects.none(),
                                    required=False)
    supervisor = forms.ModelChoiceField(label=_("Begeleider (begeleid bezoek)"), queryset=User.objects.none(),
                                        required=False)
    observation = forms.CharField(label=_("Wat viel op in de interactie"), max_length=4000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        from gezinsplan.core.policy import active_involvements

        self.fields["child"].queryset = Person.objects.filter(family=case.family, family_role=FamilyRole.CHILD)
        self.fields["parent"].queryset = Person.objects.filter(family=case.family).exclude(
            family_role=FamilyRole.CHILD)
        self.fields["supervisor"].queryset = User.objects.filter(
            pk__in=active_involvements().filter(case=case).values("user_id"))


class End2bForm(forms.Form):
    ends_on = forms.DateField(label=_("Beëindigd op"), widget=DateInput())
    reason = forms.CharField(label=_("Reden van het einde"), max_length=300,
                             help_text=_("Bijvoorbeeld de uitkomst van het raadsonderzoek of het besluit van de JBT."))


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


class Indication2aForm(forms.Form):
    reason = forms.ChoiceField(label=_("Indicatiereden"), choices=[
        c for c in IndicationReason.choices if c[0] != IndicationReason.JBT_2B])
    decision_on = forms.DateField(label=_("Datum teambesluit (casuïstiekoverleg)"), widget=DateInput(),
                                  required=False, help_text=_("Leeg: de datum van de weging."))
    decision_forum = forms.CharField(label=_("Overleg"), max_length=200, required=False,
                                     help_text=_("Leeg: de casuïstiekbespreking van de weging."))
    decision_participants = forms.CharField(label=_("Deelnemers"), max_length=500, required=False)
    consent_by = forms.CharField(label=_("Toestemming van"), max_length=300, required=False,
                                 help_text=_("Welke ouders/verzorgers en eventueel de jeugdige stemden in."))
    consent_on = forms.DateField(label=_("Datum toestemming"), widget=DateInput())
    starts_on = forms.DateField(label=_("Ingangsdatum"), widget=DateInput())


class Indication2bForm(forms.Form):
    decision_on = forms.DateField(label=_("Datum tafelbespreking JBT"), widget=DateInput())
    decision_participants = forms.CharField(label=_("Deelnemers"), max_length=500, required=False)
    consent_by = forms.CharField(label=_("Toestemming van (ouders met gezag)"), max_length=300, required=False)
    consent_on = forms.DateField(label=_("Datum toestemming"), widget=DateInput())
    starts_on = forms.DateField(label=_("Ingangsdatum"), widget=DateInput())


class HourEntryForm(forms.Form):
    worked_on = forms.DateField(label=_("Datum"), widget=DateInput())
    hours = forms.DecimalField(label=_("Uren"), max_digits=4, decimal_places=2,
                               help_text=_("In uren, bijvoorbeeld 1,5."), localize=True)
    activity = forms.ChoiceField(label=_("Activiteit"), choices=HourActivity.choices)
    description = forms.CharField(label=_("Omschrijving"), max_length=300, required=False)


class MeasureForm(forms.Form):
    child = forms.ModelChoiceField(label=_("Kind"), queryset=Person.objects.none())
    kind = forms.ChoiceField(label=_("Maatregel"), choices=MeasureKind.choices)
    pronounced_on = forms.DateField(label=_("Uitgesproken op"), widget=DateInput())
    starts_on = forms.DateField(label=_("Ingangsdatum"), widget=DateInput())
    ends_on = forms.DateField(label=_("Einddatum"), widget=DateInput())
    urgent = forms.BooleanField(label=_("Spoedmaatregel (overdracht volgt)"), required=False)
    offence = forms.ModelChoiceField(label=_("Strafbaar feit (bij jeugdreclassering)"), required=False,
                                     queryset=Offence.objects.none(),
                                     help_text=_("Jeugdreclassering volgt op een door de rechter beoordeeld feit."))

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = Person.objects.filter(family=family, family_role=FamilyRole.CHILD)
        self.fields["offence"].queryset = Offence.objects.filter(case__family=family, removed_at__isnull=True) \
            .select_related("child")
        self.fields["offence"].label_from_instance = lambda o: (
            f"{o.child.first_name}: {o.get_kind_display()} ({o.committed_on:%d-%m-%Y}, {o.get_judged_by_display()})")


class MeasureEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Beëindigd op"), widget=DateInput())
    end_reason = forms.CharField(label=_("Reden"), max_length=300, required=False)
    step_back_basis = forms.ChoiceField(label=_("De GI treedt terug omdat"), required=False, choices=[
        ("", "—"), ("sufficiently_safe", _("het voldoende veilig is (bescherming)")),
        ("career_turned", _("de criminele carrière voldoende is gekeerd (jeugdreclassering)"))])
    local_can_manage = forms.BooleanField(label=_("Gezin, netwerk en lokale zorg kunnen het weer alleen af"),
                                          required=False)


class MeasureExtendForm(forms.Form):
    decided_on = forms.DateField(label=_("Beslist op"), widget=DateInput())
    new_ends_on = forms.DateField(label=_("Nieuwe einddatum"), widget=DateInput())
    professionals_advice = forms.CharField(label=_("Advies jeugdbeschermer en lokaal team"), max_length=300,
                                           required=False)
    council_advice = forms.CharField(label=_("Advies Raad voor de Kinderbescherming"), max_length=300,
                                     required=False)
    court_decision = forms.CharField(label=_("Beslissing rechter"), max_length=300)


class HandoverStartForm(forms.Form):
    to_user = forms.ModelChoiceField(label=_("Overdragen aan"), queryset=User.objects.none())
    reason = forms.CharField(label=_("Reden"), max_length=300)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        from gezinsplan.core.policy import active_involvements

        self.fields["to_user"].queryset = User.objects.filter(
            pk__in=active_involvements().filter(case=case).values("user_id")).select_related("organisation")


class HandoverForm(forms.Form):
    meeting_on = forms.DateField(label=_("Warme overdracht met het gezin op"), widget=DateInput(), required=False)
    family_present = forms.CharField(label=_("Aanwezig van het gezin"), max_length=300, required=False)

    def __init__(self, *args, handover, **kwargs):
        super().__init__(*args, **kwargs)
        from gezinsplan.cases.handovers import HANDOVER_ITEMS

        for key, label in HANDOVER_ITEMS.items():
            item = handover.checklist.get(key, {})
            self.fields[f"done_{key}"] = forms.BooleanField(label=label, required=False, initial=item.get("done"))
            self.fields[f"note_{key}"] = forms.CharField(label=_("Toelichting"), max_length=500, required=False,
                                                         initial=item.get("note", ""))
        self.initial.setdefault("meeting_on", handover.meeting_on)
        self.initial.setdefault("family_present", handover.family_present)

    def checklist(self) -> dict:
        from gezinsplan.cases.handovers import HANDOVER_ITEMS

        return {key: {"done": self.cleaned_data.get(f"done_{key}", False),
                      "note": self.cleaned_data.get(f"note_{key}", "")} for key in HANDOVER_ITEMS}


class WorkPhaseForm(forms.Form):
    reason = forms.CharField(label=_("Reden om met open doelen door te gaan"), max_length=1000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        from gezinsplan.cases.handovers import CHECKLISTS

        done = {c.item for c in case.work_phase_checks.all() if c.work_phase == case.work_phase and c.done}
        for key, label in CHECKLISTS[case.work_phase].items():
            self.fields[f"item_{key}"] = forms.BooleanField(label=label, required=False, initial=key in done)


class ContactPersonForm(forms.Form):
    """R264/R674: the fixed contact person; a change is normal only when the working relationship broke down."""

    user = forms.ModelChoiceField(label=_("Nieuwe vaste contactpersoon"), queryset=User.objects.none())
    on = forms.DateField(label=_("Vanaf"), widget=DateInput())
    reason = forms.ChoiceField(label=_("Reden"), choices=ContactPersonChange.choices)
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False,
                           help_text=_("Verplicht bij een uitzondering: alleen bij een verstoorde werkrelatie neemt "
                                       "een ander het over."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    current_id = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        from gezinsplan.accounts.constants import OrganisationType
        from gezinsplan.core.policy import active_involvements

        self.fields["user"].queryset = User.objects.filter(
            pk__in=active_involvements().filter(case=case, organisation__type=OrganisationType.LOCAL_TEAM)
            .values("user_id"))


class StatusForm(forms.Form):
    """R027: the indicators the professional sets."""

    cooperation_sufficient = forms.NullBooleanField(label=_("Voldoende medewerking aan hulp"), widget=forms.Select(
        choices=[("unknown", "—"), ("true", _("ja")), ("false", _("nee"))]), required=False)
    pattern_breaking = forms.NullBooleanField(label=_("Doorbreken van het patroon lukt"), widget=forms.Select(
        choices=[("unknown", "—"), ("true", _("ja")), ("false", _("nee"))]), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EventForm(forms.Form):
    """R530/R027: relapse, stagnation (with a follow-up) or a new signal."""

    kind = forms.ChoiceField(label=_("Soort"), choices=CaseEventKind.choices)
    occurred_on = forms.DateField(label=_("Datum"), widget=DateInput())
    description = forms.CharField(label=_("Wat gebeurde er"), max_length=2000, widget=forms.Textarea(
        attrs={"rows": 3}))
    follow_up = forms.ChoiceField(label=_("Vervolg bij stagnatie"), choices=[("", "—"), *FollowUp.choices],
                                  required=False)
    responsible = forms.ModelChoiceField(label=_("Verantwoordelijk"), queryset=User.objects.none(), required=False)
    follow_up_on = forms.DateField(label=_("Uiterlijk"), widget=DateInput(), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        from gezinsplan.core.policy import active_involvements

        self.fields["responsible"].queryset = User.objects.filter(
            pk__in=active_involvements().filter(case=case).values("user_id"))


class HelpForm(forms.Form):
    """R303/R317: help for any member, in youth care, adult care or another domain."""

    domain = forms.ChoiceField(label=_("Domein"), choices=HelpDomain.choices)
    description = forms.CharField(label=_("Wat"), max_length=500)
    person = forms.ModelChoiceField(label=_("Voor gezinslid"), queryset=Person.objects.none(), required=False,
                                    help_text=_("Leeg: voor het hele gezin."))
    provider = forms.CharField(label=_("Aanbieder"), max_length=200, required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(family=case.family)


class RefusalExplainedForm(forms.Form):
    """R310."""

    on = forms.DateField(label=_("Uitgelegd op"), widget=DateInput())
    how = forms.CharField(label=_("Hoe en wat is uitgelegd"), max_length=500, help_text=_(
        "Bijvoorbeeld: bij het niet aanvaarden van hulp volgt een bespreking aan de Jeugdbeschermingstafel of een "
        "raadsonderzoek."))
    version = VersionField()  # of the case


class PlanAgreeForm(forms.Form):
    """R308."""

    decided_on = forms.DateField(label=_("Afgesproken op"), widget=DateInput())
    members = forms.CharField(label=_("Wie van het gezin besliste mee"), max_length=300, required=False)
    family_input = forms.CharField(label=_("Inbreng van het gezin"), max_length=4000, required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}))


class PlanUpdateForm(forms.Form):
    """R588: after a visit, concerns, strengths and goals are confirmed unchanged or edited."""

    concerns = forms.BooleanField(label=_("Zorgen nagelopen (ongewijzigd of bijgewerkt)"), required=False)
    strengths = forms.BooleanField(label=_("Krachten nagelopen (ongewijzigd of bijgewerkt)"), required=False)
    goals = forms.BooleanField(label=_("Doelen nagelopen (ongewijzigd of bijgewerkt)"), required=False)
    note = forms.CharField(label=_("Wat er in het plan veranderde"), max_length=1000, required=False)
    version = VersionField()  # of the contact


class OffenceForm(forms.Form):
    """R603/R506: an offence of a child, judged by a court or not (yet); new offences during the case."""

    child = forms.ModelChoiceField(label=_("Kind"), queryset=Person.objects.none())
    kind = forms.ChoiceField(label=_("Soort"), choices=OffenceKind.choices)
    committed_on = forms.DateField(label=_("Datum"), widget=DateInput())
    judged_by = forms.ChoiceField(label=_("Beoordeeld door"), choices=JudgedBy.choices)
    judged_on = forms.DateField(label=_("Beoordeeld op"), widget=DateInput(), required=False)
    during_case = forms.BooleanField(label=_("Nieuw delict tijdens de casus"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = Person.objects.filter(family=case.family, family_role=FamilyRole.CHILD)


def _step_field(step: str):
    """Which of a page's step forms was posted, so a refused save shows that form again (not the next step's)."""
    return forms.CharField(widget=forms.HiddenInput, initial=step, required=False)


class EvaluationForm(forms.Form):
    """R540: the written evaluation behind an OTS extension request."""

    step = _step_field("write")
    evaluation = forms.CharField(label=_("Evaluatie"), max_length=8000, widget=forms.Textarea(attrs={"rows": 6}))
    not_good_enough = forms.CharField(label=_("Waarom de situatie thuis nog niet goed genoeg is"), max_length=4000,
                                      widget=forms.Textarea(attrs={"rows": 3}), required=False)


class EvaluationReviewForm(forms.Form):
    step = _step_field("review")
    comment = forms.CharField(label=_("Commentaar van de leidinggevende"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    evaluation_id = forms.UUIDField(widget=forms.HiddenInput)  # the evaluation the reviewer read
    version = VersionField()


class EvaluationSubmitForm(forms.Form):
    step = _step_field("submit")
    on = forms.DateField(label=_("Ingediend bij de rechter op"), widget=DateInput())
    evaluation_id = forms.UUIDField(widget=forms.HiddenInput)


class FeedbackForm(forms.Form):
    feedback = forms.CharField(label=_("Feedback"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                               required=False)
    version = VersionField()  # of the contact


class WorkPhaseLabelsForm(forms.Form):
    """Issue 4 item 6, R682: the organisation's own names for the three work phases."""

    phase_1 = forms.CharField(label=_("Naam fase 1"), max_length=100)
    phase_2 = forms.CharField(label=_("Naam fase 2"), max_length=100)
    phase_3 = forms.CharField(label=_("Naam fase 3"), max_length=100)


class YouthCareRequestForm(forms.Form):
    """R220: during 2b the GI asks the LT to deploy youth care."""

    description = forms.CharField(label=_("Welke jeugdhulp"), max_length=500)
    person = forms.ModelChoiceField(label=_("Voor gezinslid"), queryset=Person.objects.none(), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(family=case.family)


class HelpReferForm(forms.Form):
    """R021/R220: the LT refers on the GI's request with the family's and the LT's agreement."""

    step = _step_field("refer")
    family_agreed_on = forms.DateField(label=_("Het gezin stemde in op"), widget=DateInput(), required=False)
    lt_agrees = forms.BooleanField(label=_("Het lokaal team stemt in met de inzet"), required=False)
    provider = forms.CharField(label=_("Aanbieder"), max_length=200, required=False)
    version = VersionField()  # of the help row


class HelpConfirmForm(forms.Form):
    """R680: confirmation in the multidisciplinary case discussion."""

    step = _step_field("confirm")
    meeting = forms.ModelChoiceField(label=_("Casuïstiekbespreking (MDO)"), queryset=None)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        from gezinsplan.collaboration.models import Meeting, MeetingKind

        self.fields["meeting"].queryset = Meeting.objects.filter(case=case, kind=MeetingKind.CASE_DISCUSSION,
                                                                 held_on__isnull=False).order_by("-held_on")
