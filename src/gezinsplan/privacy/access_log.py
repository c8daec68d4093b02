"""The NEN 7513 access log: append entries to a hash chain, and verify the chain.

Views and API views never call `append_entries` themselves: they call the access choke points in
`core.access`, which queue an entry on the request; `core.middleware.AccessLogMiddleware` appends the
queue in one short transaction before the response leaves the server.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC

from django.db import transaction
from django.utils import timezone

from gezinsplan.privacy.models import GENESIS_HASH, AccessLogEntry, AccessLogHead

HASHED_FIELDS = (
    "seq", "occurred_at", "user_id", "username", "role", "organisation", "on_behalf_of", "family_id",
    "person_id", "action", "object_type", "object_id", "channel", "ip_address", "reason", "emergency",
)


@dataclass
class PendingAccess:
    family_id: object
    action: str
    object_type: str
    object_id: str = ""
    person_id: object = None
    reason: str = ""
    emergency: bool = False
    purpose: str = ""
    extra: dict = field(default_factory=dict)


def _canonical(entry: AccessLogEntry) -> bytes:
    values = {}
    for name in HASHED_FIELDS:
        value = getattr(entry, name)
        if value is None:
            values[name] = None
        elif hasattr(value, "isoformat"):
            values[name] = value.astimezone(UTC).isoformat(timespec="microseconds")
        else:
            values[name] = str(value)
    if entry.purpose:  # added later: rows written before it keep their original hash
        values["purpose"] = entry.purpose
    return json.dumps(values, sort_keys=True, separators=(",", ":")).encode()


def entry_hash(entry: AccessLogEntry, previous_hash: str) -> str:
    return hashlib.sha256(previous_hash.encode() + _canonical(entry)).hexdigest()


def append_entries(*, user, pending: Iterable[PendingAccess], channel: str, ip_address: str | None,
                   on_behalf_of: str = "") -> list[AccessLogEntry]:
    """Append entries at the end of the chain. The head row lock serialises appends for a moment."""
    pending = list(pending)
    if not pending:
        return []
    now = timezone.now()
    organisation = user.organisation.name if getattr(user, "organisation_id", None) else ""
    with transaction.atomic():
        head, _created = AccessLogHead.objects.select_for_update().get_or_create(pk=1)
        previous = head.last_hash
        seq = head.last_seq
        entries = []
        for item in pending:
            seq += 1
            entry = AccessLogEntry(
                seq=seq,
                occurred_at=now,
                user=user,
                username=user.get_username(),
                role=user.role,
                organisation=organisation,
                on_behalf_of=on_behalf_of,
                family_id=item.family_id,
                person_id=item.person_id,
                action=item.action,
                object_type=item.object_type,
                object_id=str(item.object_id or ""),
                channel=channel,
                ip_address=ip_address,
                reason=item.reason[:200],
                emergency=item.emergency,
                purpose=item.purpose[:200],
                previous_hash=previous,
            )
            entry.entry_hash = previous = entry_hash(entry, previous)
            entries.append(entry)
        AccessLogEntry.objects.bulk_create(entries)
        AccessLogHead.objects.filter(pk=1).update(last_seq=seq, last_hash=previous)
    return entries


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    problem: str


def verify_chain(*, batch_size: int = 5000) -> Iterator[ChainBreak]:
    """Walk the chain in order; yield the first break (changed, removed or appended-behind-our-back row)."""
    previous = GENESIS_HASH
    expected_seq = 1
    last_seq = 0
    queryset = AccessLogEntry.objects.order_by("seq")
    after = 0
    while True:
        batch = list(queryset.filter(seq__gt=after)[:batch_size])
        if not batch:
            break
        for entry in batch:
            if entry.seq != expected_seq:
                yield ChainBreak(expected_seq, "ontbreekt (verwijderd)")
                return
            if entry.previous_hash != previous:
                yield ChainBreak(entry.seq, "verwijzing naar vorige regel klopt niet")
                return
            if entry_hash(entry, previous) != entry.entry_hash:
                yield ChainBreak(entry.seq, "inhoud gewijzigd")
                return
            previous = entry.entry_hash
            expected_seq += 1
            last_seq = entry.seq
        after = batch[-1].seq
    head = AccessLogHead.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != last_seq or head.last_hash != previous):
        yield ChainBreak(last_seq + 1, "laatste regel(s) ontbreken")
