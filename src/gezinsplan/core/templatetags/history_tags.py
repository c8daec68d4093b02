"""History screens: a change record's model name shown as the record's Dutch name."""

from functools import cache

from django import template

register = template.Library()


@cache
def _labels() -> dict:
    from gezinsplan.families.selectors import record_labels  # noqa: PLC0415

    return record_labels()


@register.filter
def record_label(object_type: str) -> str:
    label = _labels().get(object_type)
    return str(label) if label is not None else object_type  # translated now, in the user's language
