from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gezinsplan.core import policy
from gezinsplan.core.access import access_family, log_listed_families
from gezinsplan.core.forms import RemoveForm
from gezinsplan.core.policy import Action, PolicyDenied
from gezinsplan.core.records import StaleEdit
from gezinsplan.core.sections import render_family_sections
from gezinsplan.core.views import PAGE_SIZE, handle_form_error, read_or_write
from gezinsplan.families import diagrams, selectors, services
from gezinsplan.families.forms import (
    AdministratorForm,
    ArrangementForm,
    ContributionForm,
    FamilyForm,
    FamilyOpenForm,
    NetworkMemberForm,
    PersonForm,
    PerspectiveForm,
    RelationshipForm,
    ResidenceForm,
    SearchForm,
    StoryAdvanceForm,
    StoryForm,
)
from gezinsplan.families.models import (
    CareArrangement,
    ChildPerspective,
    FinancialAdministrator,
    NetworkMember,
    Person,
    PersonResidence,
    Relationship,
    SafetyContribution,
    WordsAndPicturesStory,
)
from gezinsplan.privacy.models import AccessAction


def _posted_page(request, queryset):
    """Lists filtered on personal data (a name, a BSN, a birth date) take their query from a POST body,
    never from the URL, so it ends up in no address bar, proxy log or browser history."""
    return Paginator(queryset, PAGE_SIZE).get_page(request.POST.get("page"))


@login_required
@require_http_methods(["GET", "POST"])
def caseload(request):
    q = request.POST.get("q", "")[:100]
    page = _posted_page(request, selectors.caseload(user=request.user, q=q))
    log_listed_families(request, page.object_list)
    return render(request, "families/caseload.html", {
        "page_obj": page, "q": q,
        "sees_personal_data": policy.sees_personal_data(request.user),
        "can_open": policy.can(request.user, Action.CREATE_FAMILY),
    })


@login_required
@require_http_methods(["GET", "POST"])
def search(request):
    form = SearchForm(request.POST or None)
    query = selectors.parse_search(form.cleaned_data["q"]) if form.is_valid() else None
    page = None
    if query and query.kind == "invalid":
        form.add_error("q", _("Vul minstens twee letters, een BSN van 9 cijfers of een datum (dd-mm-jjjj) in."))
    elif query and query.kind != "empty":
        page = _posted_page(request, selectors.family_search(user=request.user, query=query))
        log_listed_families(request, page.object_list, action=AccessAction.SEARCH, object_type="zoekresultaat")
    return render(request, "families/search.html", {"form": form, "query": query, "page_obj": page,
                                                    "q": form.data.get("q", "")})


@login_required
@require_http_methods(["GET", "POST"])
def family_open(request):
    if not policy.can(request.user, Action.CREATE_FAMILY):
        raise PolicyDenied(Action.CREATE_FAMILY)
    form = FamilyOpenForm(request.POST or None, initial={"opened_on": policy.today()})
    if request.method == "POST" and form.is_valid():
        try:
            family = services.family_open(actor=request.user, **form.service_values(),
                                          reason=form.cleaned_data["reason"],
                                          intake_source=form.cleaned_data["intake_source"],
                                          opened_on=form.cleaned_data["opened_on"])
        except ValidationError as error:
            form.apply_error(error)
        else:
            access_family(request, family.pk, action=AccessAction.CREATE)
            messages.success(request, _("Het gezin is aangemaakt. Leg nu alle gezinsleden vast (R521)."))
            return redirect("families:detail", family_id=family.pk)
    from gezinsplan.accounts.models import IntakeStep

    steps = IntakeStep.objects.filter(organisation_id=request.user.organisation_id)
    return render(request, "families/family_open.html", {"form": form, "intake_steps": steps})


@login_required
def detail(request, family_id):
    family, grant = access_family(request, family_id)
    page = selectors.family_page(family=family)
    page.history = selectors.visible_history(page.history, user=request.user)  # R569, R077
    return render(request, "families/detail.html", {
        "family": family, "page": page, "grant": grant,
        "sections": render_family_sections(request=request, family=family, grant=grant, page=page),
        "can_edit": policy.can(request.user, Action.EDIT_FAMILY, grant=grant),
        "genogram": diagrams.genogram_svg(persons=page.persons, relationships=page.relationships),
        "sociogram": diagrams.sociogram_svg(family_name=family.name,
                                            persons=[p for p in page.persons if p.in_household],
                                            network_members=page.network),
    })


@login_required
@require_http_methods(["GET"])
def history(request, family_id):
    """The whole change history of a family, 25 changes a page, newest first (the family page shows the latest)."""
    family, _grant = access_family(request, family_id, object_type="geschiedenis")
    page_obj, changes = selectors.family_history(family=family, user=request.user, page_number=request.GET.get("page"))
    return render(request, "families/history.html", {"family": family, "page_obj": page_obj, "changes": changes})


@login_required
@require_http_methods(["GET", "POST"])
def family_edit(request, family_id):
    family, _grant = access_family(request, family_id, action=read_or_write(request), edit=True)
    form = FamilyForm(request.POST or None, instance=family)
    if request.method == "POST" and form.is_valid():
        try:
            services.family_update(actor=request.user, family=family, version=form.cleaned_data["version"],
                                   **form.service_values())
        except ValidationError as error:
            handle_form_error(form, error)
        else:
            messages.success(request, _("De gezinsgegevens zijn opgeslagen."))
            return redirect("families:detail", family_id=family.pk)
    return render(request, "families/record_form.html", {
        "form": form, "family": family, "title": _("Gezinsgegevens wijzigen"),
    })


class RecordKind:
    """How one kind of family record is edited: its form, model, services and Dutch titles."""

    def __init__(self, *, model, form, url_kwarg, add, update, remove, title_add, title_edit, object_type):
        self.model, self.form, self.url_kwarg = model, form, url_kwarg
        self.add, self.update, self.remove = add, update, remove
        self.title_add, self.title_edit, self.object_type = title_add, title_edit, object_type

    def form_kwargs(self, family):
        return {} if self.form is PersonForm else {"family": family}


def _result(value):
    """Services return the record, or (record, warnings)."""
    return value if isinstance(value, tuple) else (value, [])


KINDS = {
    "person": RecordKind(
        model=Person, form=PersonForm, url_kwarg="person_id", object_type="gezinslid",
        add=lambda actor, family, values: services.person_add(actor=actor, family=family, **values),
        update=lambda actor, obj, version, values: services.person_update(
            actor=actor, person=obj, version=version, **values),
        remove=lambda actor, obj, reason: services.person_remove(actor=actor, person=obj, reason=reason),
        title_add=gettext_lazy("Gezinslid toevoegen"), title_edit=gettext_lazy("Gezinslid wijzigen"),
    ),
    "relationship": RecordKind(
        model=Relationship, form=RelationshipForm, url_kwarg="relationship_id", object_type="relatie",
        add=lambda actor, family, values: services.relationship_add(actor=actor, family=family, **values),
        update=lambda actor, obj, version, values: services.relationship_update(
            actor=actor, relationship=obj, version=version, **values),
        remove=lambda actor, obj, reason: services.relationship_remove(actor=actor, relationship=obj,
                                                                       reason=reason),
        title_add=gettext_lazy("Relatie toevoegen"), title_edit=gettext_lazy("Relatie wijzigen"),
    ),
    "network": RecordKind(
        model=NetworkMember, form=NetworkMemberForm, url_kwarg="member_id", object_type="netwerklid",
        add=lambda actor, family, values: services.network_member_add(actor=actor, family=family, **values),
        update=lambda actor, obj, version, values: services.network_member_update(
            actor=actor, member=obj, version=version, **values),
        remove=lambda actor, obj, reason: services.network_member_remove(actor=actor, member=obj, reason=reason),
        title_add=gettext_lazy("Netwerklid toevoegen"), title_edit=gettext_lazy("Netwerklid wijzigen"),
    ),
}


def _situation_kind(*, model, form, url_kwarg, object_type, add, update, arg, title_add, title_edit):
    return RecordKind(
        model=model, form=form, url_kwarg=url_kwarg, object_type=object_type,
        add=lambda actor, family, values: add(actor=actor, family=family, **values),
        update=lambda actor, obj, version, values: update(actor=actor, version=version, **{arg: obj}, **values),
        remove=lambda actor, obj, reason: services.situation_remove(actor=actor, record=obj, reason=reason),
        title_add=title_add, title_edit=title_edit,
    )


# The family's situation over time (R246, R249, R250, R316, R596, R665).
KINDS |= {
    "residence": _situation_kind(
        model=PersonResidence, form=ResidenceForm, url_kwarg="residence_id", object_type="inschrijving/verblijf",
        add=services.residence_add, update=services.residence_update, arg="residence",
        title_add=gettext_lazy("Inschrijving of verblijfplaats toevoegen"),
        title_edit=gettext_lazy("Inschrijving of verblijfplaats")),
    "arrangement": _situation_kind(
        model=CareArrangement, form=ArrangementForm, url_kwarg="arrangement_id", object_type="verblijfsregeling",
        add=services.arrangement_add, update=services.arrangement_update, arg="arrangement",
        title_add=gettext_lazy("Zorg- en verblijfsregeling toevoegen"),
        title_edit=gettext_lazy("Zorg- en verblijfsregeling wijzigen")),
    "administrator": _situation_kind(
        model=FinancialAdministrator, form=AdministratorForm, url_kwarg="administrator_id",
        object_type="bewindvoerder", add=services.administrator_add, update=services.administrator_update,
        arg="administrator",
        title_add=gettext_lazy("Bewindvoerder vastleggen"),
        title_edit=gettext_lazy("Bewindvoerder wijzigen")),
    "perspective": _situation_kind(
        model=ChildPerspective, form=PerspectiveForm, url_kwarg="perspective_id", object_type="verhaal kind",
        add=services.perspective_add, update=services.perspective_update, arg="perspective",
        title_add=gettext_lazy("Verhaal van het kind vastleggen"),
        title_edit=gettext_lazy("Verhaal van het kind wijzigen")),
    "contribution": _situation_kind(
        model=SafetyContribution, form=ContributionForm, url_kwarg="contribution_id",
        object_type="bijdrage veiligheid", add=services.contribution_add, update=services.contribution_update,
        arg="contribution", title_add=gettext_lazy("Bijdrage aan de veiligheid vastleggen"),
        title_edit=gettext_lazy("Bijdrage aan de veiligheid wijzigen")),
    "story": _situation_kind(
        model=WordsAndPicturesStory, form=StoryForm, url_kwarg="story_id", object_type="woord- en beeldverhaal",
        add=services.story_add, update=services.story_update, arg="story",
        title_add=gettext_lazy("Woord- en beeldverhaal toevoegen"),
        title_edit=gettext_lazy("Woord- en beeldverhaal wijzigen")),
}


@login_required
@require_http_methods(["GET", "POST"])
def story_advance(request, family_id, story_id):
    """R665: the next step of a words-and-pictures story: agreed with the parents, then discussed with the child."""
    family, _grant = access_family(request, family_id, action=read_or_write(request),
                                   object_type="woord- en beeldverhaal", object_id=story_id, edit=True)
    story = _record(KINDS["story"], family, story_id)
    form = StoryAdvanceForm(request.POST if request.method == "POST" else None, initial={"version": story.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.story_advance(actor=request.user, story=story, version=form.cleaned_data["version"])
        except StaleEdit as error:  # someone else took a step meanwhile: show the story as it is now
            handle_form_error(form, error)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(reverse("families:detail", kwargs={"family_id": family.pk}) + "#situation")
        else:
            messages.success(request, _("De status van het verhaal is bijgewerkt."))
            return redirect(reverse("families:detail", kwargs={"family_id": family.pk}) + "#situation")
    return render(request, "families/story_advance.html", {"family": family, "story": story, "form": form})


def _record(kind: RecordKind, family, record_id):
    obj = kind.model.objects.filter(family=family, pk=record_id).first()
    if obj is None:
        raise Http404(_("Niet gevonden"))
    return obj


@login_required
@require_http_methods(["GET", "POST"])
def record_form(request, family_id, kind, **kwargs):
    spec = KINDS[kind]
    record_id = kwargs.get(spec.url_kwarg)
    action = AccessAction.CREATE if record_id is None and request.method == "POST" else read_or_write(request)
    family, _grant = access_family(request, family_id, action=action, object_type=spec.object_type,
                                   object_id=record_id, person_id=kwargs.get("person_id"), edit=True)
    obj = _record(spec, family, record_id) if record_id else None
    form = spec.form(request.POST or None, instance=obj, **spec.form_kwargs(family))
    if request.method == "POST" and form.is_valid():
        try:
            if obj is None:
                saved, warnings = _result(spec.add(request.user, family, form.service_values()))
            else:
                saved, warnings = _result(spec.update(request.user, obj, form.cleaned_data["version"],
                                                      form.service_values()))
        except ValidationError as error:
            handle_form_error(form, error)
        else:
            messages.success(request, _("Opgeslagen."))
            for warning in warnings:
                messages.warning(request, warning)
            return redirect(reverse("families:detail", kwargs={"family_id": family.pk}) + f"#{kind}")
    return render(request, "families/record_form.html", {
        "form": form, "family": family, "title": spec.title_edit if obj else spec.title_add, "object": obj,
        "remove_url": reverse(f"families:{kind}_remove", kwargs={"family_id": family.pk,
                                                                  spec.url_kwarg: obj.pk}) if obj else None,
    })


@login_required
@require_http_methods(["GET", "POST"])
def record_remove(request, family_id, kind, **kwargs):
    spec = KINDS[kind]
    record_id = kwargs[spec.url_kwarg]
    action = AccessAction.DELETE if request.method == "POST" else AccessAction.VIEW
    family, _grant = access_family(request, family_id, action=action, object_type=spec.object_type,
                                   object_id=record_id, person_id=kwargs.get("person_id"), edit=True)
    obj = _record(spec, family, record_id)
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            spec.remove(request.user, obj, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Verwijderd. De gegevens blijven bewaard in de geschiedenis."))
            return redirect("families:detail", family_id=family.pk)
    return render(request, "families/record_remove.html", {
        "form": form, "family": family, "object": obj, "title": _("Verwijderen: %(name)s") % {"name": obj},
    })
