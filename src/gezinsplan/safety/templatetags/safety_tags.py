"""Template filters of the safety screens."""

from datetime import date

from django import template

register = template.Library()


@register.filter
def as_date(value):
    """A plan stores dates as ISO text; turn them back into dates so `|date:"j F Y"` prints '22 november 2026'."""
    if isinstance(value, date) or not value:
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return value


@register.filter
def condition_status(value):
    """R621: the Dutch label of a condition's (bottom line's) status."""
    from gezinsplan.safety.plan_content import CONDITION_STATUSES

    return CONDITION_STATUSES.get(value or "open", value)


@register.filter
def supporter_kind(value):
    from gezinsplan.safety.plan_content import SUPPORTER_KINDS

    return SUPPORTER_KINDS.get(value or "network", value)
