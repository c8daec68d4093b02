"""The numbers of working together: seed values as defaults, configurable in settings (RULES.md: local practice is
configuration). Read through these functions, never as constants elsewhere."""

from django.conf import settings


def network_meeting_weeks() -> int:
    """R062: a network meeting at least every 13 weeks."""
    return getattr(settings, "GEZINSPLAN_NETWORK_MEETING_WEEKS", 13)


def absence_signal_count() -> int:
    """R074/R230: absent from this many consecutive network meetings is a barrier signal (the seeds give no
    number; two is the smallest 'repeatedly')."""
    return getattr(settings, "GEZINSPLAN_ABSENCE_SIGNAL_COUNT", 2)


def child_conversation_weeks() -> int:
    """R050/R153/R154: every child is spoken with, and again at least once per network-meeting rhythm."""
    return getattr(settings, "GEZINSPLAN_CHILD_CONVERSATION_WEEKS", 13)


def first_child_conversation_weeks() -> int:
    """A child of a new case is spoken with within this many weeks of the start of the case."""
    return getattr(settings, "GEZINSPLAN_FIRST_CHILD_CONVERSATION_WEEKS", 2)


def barrier_step_working_days() -> int:
    """An open barrier takes its next step (or is resolved) within this many working days."""
    return getattr(settings, "GEZINSPLAN_BARRIER_STEP_WORKING_DAYS", 10)
