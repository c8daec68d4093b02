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
    LifeArea,
    RiskKind,
    RiskLevel,
    Scorer,
    ScoreSetting,
    WeighingOccasion,
)

SCORE_MESSAGE = _("Geef een heel getal van 1 tot en met 10.")


def _textarea(label, *, required=False, help_text="", rows=3):
    return forms.CharField(label=label, required=required, help_text=help_text, max_length=plan_content.MAX_TEXT,
                           widget=forms.Textarea(attrs={"rows": rows}))


class ChildChoiceMixin:
    def limit_children(self, family):
        self.fields["child"].queryset = Person.objects.filter(family=family, family_role=FamilyRole.CHILD)
        self.fields["child"].label_from_instance = lambda p: p.full_name


class WeighingForm(forms.Form):
    occasion = forms.ChoiceField(label=_("Aanleiding van de weging"), choices=WeighingOccasion.choices)
    held_on = forms.DateField(label=_("Datum casuïstiekbespreking (MDO)"), widget=DateInput())
    question = forms.CharField(label=_("Welke afweging maken we?"), max_length=500)
    participants = forms.CharField(label=_("Deelnemers"), max_length=500,
                                   help_text=_("Bijvoorbeeld: casusregisseur, collega, gedragswetenschapper."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for area in LifeArea:
            self.fields[f"signal_{area.value}"] = _textarea(
                area.label, rows=2, help_text=_("Feitelijke (ernstige) signalen op dit leefgebied; leeg als er "
                                                "geen zijn."))
        for group in CardQuestion:
            self.fields[f"answer_{group.value}"] = _textarea(group.label, rows=3)
        self.fields["risk_kind"] = forms.ChoiceField(label=_("Soort risico"), choices=RiskKind.choices)
        self.fields["extended_analysis"] = forms.ChoiceField(
            label=_("Is een uitgebreide verklarende analyse helpend of noodzakelijk?"),
            choices=AnalysisDecision.choices, widget=forms.RadioSelect)
        self.fields["gi_needed"] = forms.ChoiceField(label=_("Is het helpend of noodzakelijk de GI te betrekken?"),
                                                     choices=GiDecision.choices, widget=forms.RadioSelect)
        self.fields["behavioural_scientist"] = forms.ModelChoiceField(
            label=_("Gedragswetenschapper"),
            queryset=User.objects.filter(role=Role.BEHAVIOURAL_SCIENTIST, is_active=True).order_by("last_name"))
        self.fields["behavioural_scientist_advice"] = _textarea(
            _("Advies van de gedragswetenschapper"), rows=4,
            help_text=_("Verplicht: zonder dit advies is er geen wegingsbesluit."))

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "occasion": data["occasion"], "held_on": data["held_on"], "question": data["question"],
            "participants": data["participants"], "risk_kind": data["risk_kind"],
            "extended_analysis": data["extended_analysis"], "gi_needed": data["gi_needed"],
            "behavioural_scientist": data["behavioural_scientist"],
            "behavioural_scientist_advice": data["behavioural_scientist_advice"],
            "signals": {a.value: data[f"signal_{a.value}"] for a in LifeArea if data.get(f"signal_{a.value}")},
            "answers": {g.value: data[f"answer_{g.value}"] for g in CardQuestion if data.get(f"answer_{g.value}")},
        }


class AssessmentForm(ChildChoiceMixin, forms.Form):
    child = forms.ModelChoiceField(label=_("Kind"), queryset=Person.objects.none())
    instrument = forms.CharField(label=_("Instrument"), max_length=60, initial="ARIJ",
                                 help_text=_("Bijvoorbeeld ARIJ, LIRIK of Veiligheidslijst."))
    assessed_on = forms.DateField(label=_("Datum taxatie"), widget=DateInput(),
                                  help_text=_("De taxatie kijkt naar de drie maanden vóór deze datum."))

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_children(family)
        for item in ArijItem:
            self.fields[f"item_{item.value}"] = forms.ChoiceField(label=item.label, choices=Conclusion.choices,
                                                                  widget=forms.RadioSelect)
            self.fields[f"item_{item.value}_description"] = forms.CharField(
                label=_("%(item)s: wat is er concreet gebeurd?") % {"item": item.label}, required=False,
                max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Verplicht bij onveilig of direct veiligstellen: wie, wat, wanneer."))
        self.fields["conclusion"] = _textarea(_("Conclusie"), rows=3)
        self.fields["with_family"] = forms.BooleanField(label=_("Samen met het gezin gemaakt"), required=False,
                                                        initial=True)
        self.fields["immediate_action"] = _textarea(_("Direct genomen maatregel"), rows=2,
                                                    help_text=_("Verplicht bij 'direct veiligstellen'."))

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "child": data["child"], "instrument": data["instrument"], "assessed_on": data["assessed_on"],
            "conclusion": data["conclusion"], "with_family": data["with_family"],
            "immediate_action": data["immediate_action"],
            "items": {i.value: {"conclusion": data[f"item_{i.value}"],
                                "description": data[f"item_{i.value}_description"]} for i in ArijItem},
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
    score = forms.IntegerField(label=_("Score (1 tot en met 10)"), min_value=1, max_value=10,
                               help_text=_("Een 6 is voldoende veilig; lager dan 6: eerst de veiligheid."),
                               error_messages={"required": SCORE_MESSAGE, "invalid": SCORE_MESSAGE,
                                               "min_value": SCORE_MESSAGE, "max_value": SCORE_MESSAGE})
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


class BottomLineForm(forms.Form):
    id = forms.CharField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=_("Wat mag niet meer gebeuren?"), max_length=500, required=False)
    consequence = forms.CharField(label=_("Wat is het gevolg als het toch gebeurt?"), max_length=500, required=False)


class PartyForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=500, required=False)
    explained = forms.BooleanField(label=_("Afspraken en gevolgen zijn uitgelegd"), required=False)


AgreementFormSet = forms.formset_factory(AgreementForm, extra=2, max_num=plan_content.MAX_ITEMS)
BottomLineFormSet = forms.formset_factory(BottomLineForm, extra=1, max_num=plan_content.MAX_ITEMS)
PartyFormSet = forms.formset_factory(PartyForm, extra=1, max_num=plan_content.MAX_ITEMS)
LISTS = (("agreements", AgreementFormSet), ("bottom_lines", BottomLineFormSet), ("parties", PartyFormSet))


class PlanForm(forms.Form):
    """The text parts of the plan; the lists (agreements, bottom lines, parties) are formsets next to it."""

    SECTIONS = (
        (_("1. Aanleiding"), ("cause_what", "cause_reported_by", "cause_reported_on")),
        (_("2. Zorgen en krachten"), ("acute_risks", "consequences", "concerns", "strengths", "danger_statement")),
        (_("3. Veiligheidsafspraken"), ("no_agreements_reason", "network_strengths", "supporter", "monitor")),
        (_("De '6' en de ondergrens"), ("six_looks_like", "lower_limit", "lower_limit_plan", "unable_steps")),
        (_("Het netwerk"), ("network_part",)),
        (_("Akkoord van de ouders"), ("made_with_parents", "not_with_parents_reason", "agreed_by", "agreed_on",
                                      "agreed_how")),
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
        self.fields["six_looks_like"].help_text = _("In de woorden van het gezin: wat ziet de buurman als het "
                                                    "goed genoeg gaat?")
        self.fields["cause_reported_on"] = forms.DateField(label=plan_content.OTHER_LABELS["cause_reported_on"],
                                                           required=False, widget=DateInput())
        self.fields["agreed_on"] = forms.DateField(label=plan_content.OTHER_LABELS["agreed_on"], required=False,
                                                   widget=DateInput())
        self.fields["lower_limit"] = forms.IntegerField(
            label=plan_content.OTHER_LABELS["lower_limit"], required=False, min_value=1, max_value=10,
            help_text=_("Met het gezin afgesproken: zakt de score hieronder, dan geldt het plan hieronder."),
            error_messages={"invalid": SCORE_MESSAGE, "min_value": SCORE_MESSAGE, "max_value": SCORE_MESSAGE})
        self.fields["made_with_parents"] = forms.BooleanField(label=plan_content.OTHER_LABELS["made_with_parents"],
                                                              required=False, initial=True)
        self.fields["note"] = forms.CharField(
            label=_("Wat is er in deze versie veranderd?"), max_length=300, required=False,
            help_text=_("Verplicht na een schending van een afspraak: beschrijf de aanpassing."))

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
        self.fields["item_id"].choices = (
            [(a["id"], _("Afspraak: %(text)s") % {"text": a["what"]}) for a in content.get("agreements", [])]
            + [(b["id"], _("Bodemeis: %(text)s") % {"text": b["text"]}) for b in content.get("bottom_lines", [])])


class BanForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Voor wie geldt het verbod?"), queryset=Person.objects.none())
    kind = forms.ChoiceField(label=_("Soort"), choices=BanKind.choices)
    starts_on = forms.DateField(label=_("Ingangsdatum"), widget=DateInput())
    ends_on = forms.DateField(label=_("Einddatum"), required=False, widget=DateInput(),
                              help_text=_("Leeg als die niet bekend is."))
    protects = forms.CharField(label=_("Wie beschermt het verbod?"), max_length=300, required=False)

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(family=family)
        self.fields["person"].label_from_instance = lambda p: p.full_name
