"""Forms of the safety screens. They parse input; the services validate (Dutch messages) and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gezinsplan.accounts.constants import Role
from gezinsplan.accounts.models import User
from gezinsplan.core.forms import DateInput
from gezinsplan.families.models import FamilyRole, Person
from gezinsplan.safety import plan_content
from gezinsplan.safety.models import (
    AnalysisDecision,
    ArijItem,
    BanKind,
    CardQuestion,
    Conclusion,
    GiDecision,
    GoodEnoughVerdict,
    LifeArea,
    ProposalMeeting,
    ResponderKind,
    RiskKind,
    RiskLevel,
    Scorer,
    ScoreSetting,
    TalkExceptionReason,
    WeighingOccasion,
)

SCORE_MESSAGE = _("Geef een heel getal van 1 tot en met 10.")


def _textarea(label, *, required=False, help_text="", rows=3):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=plan_content.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ChildChoiceMixin:
    def limit_children(self, family):
        self.fields["child"].queryset = Person.objects.filter(family=family, family_role=FamilyRole.CHILD)
        self.fields["child"].label_from_instance = lambda p: p.full_name


class WeighingForm(forms.Form):
    occasion = forms.ChoiceField(label=_("Aanleiding van de weging"), choices=WeighingOccasion.choices)
    held_on = forms.DateField(label=_("Datum casuïstiekbespreking (MDO)"), widget=DateInput())
    question = forms.CharField(label=_("Welke afweging maken we?"), max_length=500)
    participants = forms.CharField(
        label=_("Deelnemers"),
        max_length=500,
        help_text=_("Bijvoorbeeld: casusregisseur, collega, gedragswetenschapper."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for area in LifeArea:
            self.fields[f"signal_{area.value}"] = _textarea(
                area.label,
                rows=2,
                help_text=_("Feitelijke (ernstige) signalen op dit leefgebied; leeg als er geen zijn."),
            )
        for group in CardQuestion:
            self.fields[f"answer_{group.value}"] = _textarea(group.label, rows=3)
        self.fields["risk_kind"] = forms.ChoiceField(label=_("Soort risico"), choices=RiskKind.choices)
        self.fields["extended_analysis"] = forms.ChoiceField(
            label=_("Is een uitgebreide verklarende analyse helpend of noodzakelijk?"),
            choices=AnalysisDecision.choices,
            widget=forms.RadioSelect,
        )
        self.fields["gi_needed"] = forms.ChoiceField(
            label=_("Is het helpend of noodzakelijk de GI te betrekken?"),
            choices=GiDecision.choices,
            widget=forms.RadioSelect,
        )
        self.fields["behavioural_scientist"] = forms.ModelChoiceField(
            label=_("Gedragswetenschapper"),
            queryset=User.objects.filter(role=Role.BEHAVIOURAL_SCIENTIST, is_active=True).order_by("last_name"),
        )
        self.fields["behavioural_scientist_advice"] = _textarea(
            _("Advies van de gedragswetenschapper"),
            rows=4,
            help_text=_("Verplicht: zonder dit advies is er geen wegingsbesluit."),
        )

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "occasion": data["occasion"],
            "held_on": data["held_on"],
            "question": data["question"],
            "participants": data["participants"],
            "risk_kind": data["risk_kind"],
            "extended_analysis": data["extended_analysis"],
            "gi_needed": data["gi_needed"],
            "behavioural_scientist": data["behavioural_scientist"],
            "behavioural_scientist_advice": data["behavioural_scientist_advice"],
            "signals": {a.value: data[f"signal_{a.value}"] for a in LifeArea if data.get(f"signal_{a.value}")},
            "answers": {g.value: data[f"answer_{g.value}"] for g in CardQuestion if data.get(f"answer_{g.value}")},
        }


class AssessmentForm(ChildChoiceMixin, forms.Form):
    child = forms.ModelChoiceField(label=_("Kind"), queryset=Person.objects.none())
    instrument = forms.CharField(
        label=_("Instrument"),
        max_length=60,
        initial="ARIJ",
        help_text=_("Bijvoorbeeld ARIJ, LIRIK of Veiligheidslijst."),
    )
    assessed_on = forms.DateField(
        label=_("Datum taxatie"),
        widget=DateInput(),
        help_text=_("De taxatie kijkt naar de drie maanden vóór deze datum."),
    )

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_children(family)
        for item in ArijItem:
            self.fields[f"item_{item.value}"] = forms.ChoiceField(
                label=item.label, choices=Conclusion.choices, widget=forms.RadioSelect
            )
            self.fields[f"item_{item.value}_description"] = forms.CharField(
                label=_("%(item)s: wat is er concreet gebeurd?") % {"item": item.label},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Verplicht bij onveilig of direct veiligstellen: wie, wat, wanneer."),
            )
        self.fields["conclusion"] = _textarea(_("Conclusie"), rows=3)
        self.fields["with_family"] = forms.BooleanField(
            label=_("Samen met het gezin gemaakt"), required=False, initial=True
        )
        self.fields["immediate_action"] = _textarea(
            _("Direct genomen maatregel"), rows=2, help_text=_("Verplicht bij 'direct veiligstellen'.")
        )

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "child": data["child"],
            "instrument": data["instrument"],
            "assessed_on": data["assessed_on"],
            "conclusion": data["conclusion"],
            "with_family": data["with_family"],
            "immediate_action": data["immediate_action"],
            "items": {
                i.value: {"conclusion": data[f"item_{i.value}"], "description": data[f"item_{i.value}_description"]}
                for i in ArijItem
            },
        }


class AdviceForm(forms.Form):
    text = _textarea(_("Uw advies bij deze taxatie"), required=True, rows=3)


class RiskAssessmentForm(ChildChoiceMixin, forms.Form):
    child = forms.ModelChoiceField(label=_("Kind"), queryset=Person.objects.none())
    instrument = forms.CharField(label=_("Instrument"), max_length=60, initial="ARIJ Risicotaxatie")
    assessed_on = forms.DateField(label=_("Datum taxatie"), widget=DateInput())
    static_factors = _textarea(_("Statische risicofactoren"), required=True)
    dynamic_factors = _textarea(_("Dynamische risicofactoren"), required=True)
    protective_factors = _textarea(_("Beschermende factoren"))
    result = forms.ChoiceField(label=_("Uitkomst"), choices=RiskLevel.choices)

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_children(family)


class ScoreForm(ChildChoiceMixin, forms.Form):
    child = forms.ModelChoiceField(label=_("Kind"), queryset=Person.objects.none())
    score = forms.IntegerField(
        label=_("Score (1 tot en met 10)"),
        min_value=1,
        max_value=10,
        help_text=_("Een 6 is voldoende veilig; lager dan 6: eerst de veiligheid."),
        error_messages={
            "required": SCORE_MESSAGE,
            "invalid": SCORE_MESSAGE,
            "min_value": SCORE_MESSAGE,
            "max_value": SCORE_MESSAGE,
        },
    )
    scored_on = forms.DateField(label=_("Datum"), widget=DateInput())
    scorer = forms.ChoiceField(label=_("Wie gaf de score?"), choices=Scorer.choices)
    scorer_name = forms.CharField(label=_("Naam van wie scoorde"), max_length=150, required=False)
    setting = forms.ChoiceField(label=_("Moment"), choices=ScoreSetting.choices)
    situation = forms.CharField(label=_("Situatie"), max_length=500, help_text=_("Wat gebeurde er; waarom dit cijfer?"))

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_children(family)


# --- The safety plan -----------------------------------------------------------------------------------------------


class AgreementForm(forms.Form):
    id = forms.CharField(widget=forms.HiddenInput, required=False)
    what = forms.CharField(label=_("Wat spreken we af?"), max_length=500, required=False)
    who = forms.CharField(label=_("Wie doet het?"), max_length=500, required=False)
    since = forms.DateField(label=_("Vanaf wanneer?"), required=False, widget=DateInput())
    watched = forms.CharField(label=_("Hoe houden we het in de gaten?"), max_length=500, required=False)
    agreed_by = forms.CharField(
        label=_("Wie stemden in?"), max_length=500, required=False, help_text=_("Gezin, eigen netwerk, professionals.")
    )
    fed_back_at = forms.CharField(label=_("Teruggekoppeld in welk netwerkberaad?"), max_length=500, required=False)


class BottomLineForm(forms.Form):
    id = forms.CharField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=_("Wat mag niet meer gebeuren?"), max_length=500, required=False)
    consequence = forms.CharField(label=_("Wat is het gevolg als het toch gebeurt?"), max_length=500, required=False)
    deadline = forms.DateField(label=_("Uiterlijk zichtbaar op"), required=False, widget=DateInput())
    set_by = forms.CharField(label=_("Gesteld door (organisatie)"), max_length=500, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=list(plan_content.CONDITION_STATUSES.items()))


class BehaviourForm(forms.Form):
    id = forms.CharField(widget=forms.HiddenInput, required=False)
    behaviour = forms.CharField(
        label=_("Welk onveilig gedrag, concreet?"),
        max_length=500,
        required=False,
        help_text=_("Zoals de buurman het kan zien; geen containerbegrippen."),
    )
    effect = forms.CharField(label=_("Wat is het effect op de kinderen?"), max_length=500, required=False)


class SupporterForm(forms.Form):
    name = forms.CharField(label=_("Naam van de steunfiguur"), max_length=500, required=False)
    kind = forms.ChoiceField(
        label=_("Soort steunfiguur"), required=False, choices=list(plan_content.SUPPORTER_KINDS.items())
    )
    role = forms.CharField(label=_("Vanuit welke rol?"), max_length=500, required=False)
    contributes = forms.CharField(label=_("Wat draagt deze persoon bij?"), max_length=500, required=False)


class ProbationConditionForm(forms.Form):
    id = forms.CharField(widget=forms.HiddenInput, required=False)
    condition = forms.CharField(label=_("Voorwaarde jeugdreclassering"), max_length=500, required=False)
    consequence = forms.CharField(
        label=_("Gevolg als de voorwaarde niet wordt nageleefd"), max_length=500, required=False
    )


class PartyForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=500, required=False)
    explained = forms.BooleanField(label=_("Afspraken en gevolgen zijn uitgelegd"), required=False)


AgreementFormSet = forms.formset_factory(AgreementForm, extra=2, max_num=plan_content.MAX_ITEMS)
BottomLineFormSet = forms.formset_factory(BottomLineForm, extra=1, max_num=plan_content.MAX_ITEMS)
PartyFormSet = forms.formset_factory(PartyForm, extra=1, max_num=plan_content.MAX_ITEMS)
BehaviourFormSet = forms.formset_factory(BehaviourForm, extra=1, max_num=plan_content.MAX_ITEMS)
SupporterFormSet = forms.formset_factory(SupporterForm, extra=1, max_num=plan_content.MAX_ITEMS)
ProbationFormSet = forms.formset_factory(ProbationConditionForm, extra=1, max_num=plan_content.MAX_ITEMS)
LISTS = (
    ("agreements", AgreementFormSet),
    ("bottom_lines", BottomLineFormSet),
    ("parties", PartyFormSet),
    ("behaviours", BehaviourFormSet),
    ("supporters", SupporterFormSet),
    ("probation_conditions", ProbationFormSet),
)


class PlanForm(forms.Form):
    """The text parts of the plan; the lists (agreements, bottom lines, parties) are formsets next to it."""

    SECTIONS = (
        (_("1. Aanleiding"), ("cause_what", "cause_reported_by", "cause_reported_on")),
        (
            _("2. Zorgen en krachten"),
            ("acute_risks", "consequences", "concerns", "strengths", "danger_statement", "must_change"),
        ),
        (_("3. Veiligheidsafspraken"), ("no_agreements_reason", "network_strengths", "supporter", "monitor")),
        (_("De '6' en de ondergrens"), ("six_looks_like", "lower_limit", "lower_limit_plan", "unable_steps")),
        (_("Het netwerk"), ("network_part", "parents_regie")),
        (
            _("Akkoord van de ouders"),
            ("made_with_parents", "not_with_parents_reason", "agreed_by", "agreed_on", "agreed_how", "parents_view"),
        ),
    )
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        short = {"cause_reported_by", "supporter", "monitor", "agreed_by", "agreed_how"}
        for name, label in plan_content.TEXT_FIELDS.items():
            if name in short:
                self.fields[name] = forms.CharField(label=label, max_length=500, required=False)
            else:
                self.fields[name] = _textarea(label, rows=3)
        self.fields["cause_what"].required = True
        self.fields["cause_what"].help_text = _("Wat was de concrete situatie waardoor we dit plan maken?")
        self.fields["six_looks_like"].help_text = _(
            "In de woorden van het gezin: wat ziet de buurman als het goed genoeg gaat?"
        )
        self.fields["cause_reported_on"] = forms.DateField(
            label=plan_content.OTHER_LABELS["cause_reported_on"], required=False, widget=DateInput()
        )
        self.fields["agreed_on"] = forms.DateField(
            label=plan_content.OTHER_LABELS["agreed_on"], required=False, widget=DateInput()
        )
        self.fields["lower_limit"] = forms.IntegerField(
            label=plan_content.OTHER_LABELS["lower_limit"],
            required=False,
            min_value=1,
            max_value=10,
            help_text=_("Met het gezin afgesproken: zakt de score hieronder, dan geldt het plan hieronder."),
            error_messages={"invalid": SCORE_MESSAGE, "min_value": SCORE_MESSAGE, "max_value": SCORE_MESSAGE},
        )
        self.fields["made_with_parents"] = forms.BooleanField(
            label=plan_content.OTHER_LABELS["made_with_parents"], required=False, initial=True
        )
        self.fields["parents_regie"] = forms.BooleanField(
            label=plan_content.OTHER_LABELS["parents_regie"], required=False
        )
        self.fields["must_change"].help_text = _("Het eindcriterium, zichtbaar voor het gezin (R667).")
        self.fields["note"] = forms.CharField(
            label=_("Wat is er in deze versie veranderd?"),
            max_length=300,
            required=False,
            help_text=_("Verplicht na een schending van een afspraak: beschrijf de aanpassing."),
        )

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def content(self, formsets: dict) -> dict:
        data = dict(self.cleaned_data)
        data.pop("note", None)
        data.pop("based_on", None)
        for key, formset in formsets.items():
            data[key] = [f.cleaned_data for f in formset.forms if f.cleaned_data]
        return data


def plan_initial(content: dict) -> tuple[dict, dict]:
    """Form and formset initial values from a version's content."""
    initial = {k: v for k, v in content.items() if k not in dict(LISTS)}
    return initial, {key: content.get(key, []) for key, _formset in LISTS}


class BreachForm(forms.Form):
    item_id = forms.ChoiceField(label=_("Welke afspraak of bodemeis is geschonden?"))
    occurred_on = forms.DateField(label=_("Datum"), widget=DateInput())
    breached_by = forms.CharField(label=_("Door wie?"), max_length=150)
    what_happened = _textarea(_("Wat is er gebeurd?"), required=True)
    police_involved = forms.BooleanField(label=_("Politie betrokken"), required=False)
    police_called_by = forms.CharField(label=_("Politie gebeld door"), max_length=150, required=False)

    def __init__(self, *args, content: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item_id"].choices = [
            (a["id"], _("Afspraak: %(text)s") % {"text": a["what"]}) for a in content.get("agreements", [])
        ] + [(b["id"], _("Bodemeis: %(text)s") % {"text": b["text"]}) for b in content.get("bottom_lines", [])]


class BanForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Voor wie geldt het verbod?"), queryset=Person.objects.none())
    kind = forms.ChoiceField(label=_("Soort"), choices=BanKind.choices)
    starts_on = forms.DateField(label=_("Ingangsdatum"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Einddatum"), required=False, widget=DateInput(), help_text=_("Leeg als die niet bekend is.")
    )
    protects = forms.CharField(label=_("Wie beschermt het verbod?"), max_length=300, required=False)

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(family=family)
        self.fields["person"].label_from_instance = lambda p: p.full_name


# --- Safety track, conversations, calamities and the relapse plan -------------------------------------------------


class SignalForm(forms.Form):
    noticed_on = forms.DateField(label=_("Datum signaal"), widget=DateInput())
    description = _textarea(_("Wat is er gesignaleerd?"), required=True)
    source = forms.CharField(label=_("Van wie kwam het signaal?"), max_length=200, required=False)


class StageForm(forms.Form):
    changed_on = forms.DateField(label=_("Datum"), widget=DateInput())
    reason = _textarea(_("Toelichting"))


class GoodEnoughForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Is de veiligheid goed genoeg?"), choices=GoodEnoughVerdict.choices, widget=forms.RadioSelect
    )
    reasons = _textarea(_("Waarom?"), required=True)
    assessed_on = forms.DateField(label=_("Datum"), widget=DateInput())
    participants = forms.CharField(label=_("Wie beoordeelden?"), max_length=500)
    compensating_help = forms.CharField(label=_("Blijvende compenserende hulp"), max_length=500, required=False)


class FirstConversationForm(forms.Form):
    held_on = forms.DateField(label=_("Datum"), widget=DateInput())
    reason_explained = forms.BooleanField(label=_("Ik heb uitgelegd waarom wij in het gezin komen"), required=False)
    unsafety_named = _textarea(_("Welke concrete onveiligheid heeft u benoemd?"), required=True)
    behaviour_meaning = _textarea(
        _("Wat betekent het gedrag van de ouders voor de (on)veiligheid van het kind, en andersom?"), required=True
    )


class TalkExceptionForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Met wie (nog) niet spreken?"), queryset=Person.objects.none())
    category = forms.ChoiceField(label=_("Reden"), choices=TalkExceptionReason.choices)
    explanation = _textarea(_("Toelichting"), required=True)
    expert_advice = _textarea(_("Ingewonnen deskundig advies"), required=True)
    advice_from = forms.CharField(label=_("Advies van"), max_length=200)
    together_with = forms.CharField(
        label=_("Gesprek samen met een andere professional (optioneel)"), max_length=200, required=False
    )
    decided_on = forms.DateField(label=_("Datum besluit"), widget=DateInput())

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(family=family)
        self.fields["person"].label_from_instance = lambda p: p.full_name


class CalamityForm(forms.Form):
    occurred_on = forms.DateField(label=_("Datum"), widget=DateInput())
    description = _textarea(_("Wat is er gebeurd?"), required=True)
    organisations = forms.CharField(label=_("Betrokken organisaties"), max_length=500)
    management_notified_on = forms.DateField(label=_("Management ingelicht op"), widget=DateInput())
    management_notified = forms.CharField(label=_("Wie van het management?"), max_length=200)


class RecurrenceRiskForm(forms.Form):
    level = forms.ChoiceField(label=_("Risico op herhaling"), choices=RiskLevel.choices)
    reasons = _textarea(_("Waarom?"), required=True)
    follow_up_on = forms.DateField(label=_("Vinger aan de pols op (optioneel)"), required=False, widget=DateInput())


class ProposalForm(forms.Form):
    meeting = forms.ChoiceField(label=_("Gemaakt in"), choices=ProposalMeeting.choices)
    held_on = forms.DateField(label=_("Datum"), widget=DateInput())
    text = _textarea(_("Het plan"), required=True, rows=6)


class ResponderForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    kind = forms.ChoiceField(label=_("Soort"), choices=ResponderKind.choices)
    steps_in = forms.BooleanField(label=_("Grijpt in bij terugval"), required=False, initial=True)
    action = _textarea(_("Wat doet deze persoon bij terugval?"))
    agreed_on = forms.DateField(label=_("Akkoord met het borgingsplan op"), required=False, widget=DateInput())
