"""Small pieces every view module uses."""

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator

from gezinsplan.core.records import StaleEdit
from gezinsplan.privacy.models import AccessAction

PAGE_SIZE = 25


def paginate(request, queryset, size: int = PAGE_SIZE) -> Page:
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def read_or_write(request) -> str:
    """The access-log action of a form view: a GET reads, a POST writes."""
    return AccessAction.UPDATE if request.method == "POST" else AccessAction.VIEW


def handle_form_error(form, error: ValidationError) -> None:
    """A stale edit keeps the user's text and shows what changed meanwhile; other errors go on the fields."""
    if isinstance(error, StaleEdit):
        form.add_error(None, error)
        form.stale_changes = error.changed
        data = form.data.copy()
        data["version"] = error.current_version  # saving again now deliberately overwrites
        form.data = data
    else:
        form.apply_error(error)
