"""The access log's hash chain: the canonical form of an entry never changes (old rows keep verifying), and the
fast append path writes exactly the entries, fields and hashes the model path wrote before it."""

import json
import uuid
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.translation import gettext_lazy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gezinsplan.privacy.access_log import (
    HASHED_FIELDS,
    PendingAccess,
    append_entries,
    canonical_bytes,
    entry_hash,
    verify_chain,
)
from gezinsplan.privacy.models import GENESIS_HASH, AccessLogEntry, AccessLogHead
from tests.factories import UserFactory

FAMILY = uuid.UUID("3f1c2b4e-8d6a-4c1e-9b7f-2a5d6e8f9a01")
PERSON = uuid.UUID("0b7e3c1a-5f2d-4e8b-a9c6-d1e2f3a4b5c6")


def _entry(**values) -> AccessLogEntry:
    fields = {
        "seq": 41, "occurred_at": datetime(2026, 11, 23, 9, 15, 2, 123456, tzinfo=UTC), "user_id": 7,
        "username": "j.de.vries", "role": "lt_professional", "organisation": "Lokaal team Den Haag",
        "on_behalf_of": "", "family_id": FAMILY, "person_id": None, "action": "view", "object_type": "gezin",
        "object_id": str(FAMILY), "channel": "page", "ip_address": "10.1.2.3",
        "reason": "betrokkenheid als casusregisseur", "emergency": False, "purpose": "",
    }
    return AccessLogEntry(**{**fields, **values})


def _reference_canonical(entry: AccessLogEntry) -> bytes:
    """The canonical form as the first version of the access log wrote it (json.dumps): the definition."""
    values = {}
    for name in HASHED_FIELDS:
        value = getattr(entry, name)
        if value is None:
            values[name] = None
        elif hasattr(value, "isoformat"):
            values[name] = value.astimezone(UTC).isoformat(timespec="microseconds")
        else:
            values[name] = str(value)
    if entry.purpose:
        values["purpose"] = entry.purpose
    return json.dumps(values, sort_keys=True, separators=(",", ":")).encode()


def test_canonical_bytes_and_hash_of_an_entry_are_unchanged():
    """Fixed expectations, computed with the json.dumps implementation the chain was started with: a change of
    the canonical form would break every row already written."""
    plain = _entry()
    assert entry_hash(plain, GENESIS_HASH) == "37c3b530b5ce1bf0441fadfe39c08c915b47b49a3895d16ab8add066ac5e2838"
    special = _entry(seq=42, person_id=PERSON, action="update", object_type='gezinslid "Zoë" — één', emergency=True,
                     purpose="noodsituatie: één kind 👶", reason="noodtoegang\nomdat", on_behalf_of="Teamleider",
                     ip_address=None)
    assert _reference_canonical(special) == (
        b'{"action":"update","channel":"page","emergency":"True","family_id":"3f1c2b4e-8d6a-4c1e-9b7f-2a5d6e8f9a01",'
        b'"ip_address":null,"object_id":"3f1c2b4e-8d6a-4c1e-9b7f-2a5d6e8f9a01",'
        b'"object_type":"gezinslid \\"Zo\\u00eb\\" \\u2014 \\u00e9\\u00e9n",'
        b'"occurred_at":"2026-11-23T09:15:02.123456+00:00","on_behalf_of":"Teamleider",'
        b'"organisation":"Lokaal team Den Haag","person_id":"0b7e3c1a-5f2d-4e8b-a9c6-d1e2f3a4b5c6",'
        b'"purpose":"noodsituatie: \\u00e9\\u00e9n kind \\ud83d\\udc76","reason":"noodtoegang\\nomdat",'
        b'"role":"lt_professional","seq":"42","user_id":"7","username":"j.de.vries"}')
    assert entry_hash(special, "37c3b530b5ce1bf0441fadfe39c08c915b47b49a3895d16ab8add066ac5e2838") == (
        "c6be51ea34f753a05a6733c4d967a6cd521b25c8f5bc28326bd0ef7489e2914d")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.text(max_size=12), st.one_of(st.none(), st.text()), max_size=20))
def test_canonical_bytes_are_those_of_json_dumps(values):
    assert canonical_bytes(values) == json.dumps(values, sort_keys=True, separators=(",", ":")).encode()


def _old_append(user, items, *, occurred_at):
    """Rows as the model path wrote them before (and generate_synthetic still does): AccessLogEntry + entry_hash +
    bulk_create."""
    head, _ = AccessLogHead.objects.get_or_create(pk=1)
    previous, seq = head.last_hash, head.last_seq
    entries = []
    for item in items:
        seq += 1
        entry = AccessLogEntry(
            seq=seq, occurred_at=occurred_at, user=user, username=user.username, role=user.role,
            organisation=user.organisation.name, on_behalf_of="", family_id=item.family_id, person_id=item.person_id,
            action=item.action, object_type=item.object_type, object_id=item.object_id, channel="page",
            ip_address="10.0.0.1", reason=str(item.reason)[:200], emergency=item.emergency, purpose=item.purpose,
            previous_hash=previous)
        entry.entry_hash = previous = entry_hash(entry, previous)
        entries.append(entry)
    AccessLogEntry.objects.bulk_create(entries)
    AccessLogHead.objects.filter(pk=1).update(last_seq=seq, last_hash=previous)


@pytest.mark.django_db
def test_a_chain_of_old_and_new_rows_verifies_and_every_family_has_its_own_entry():
    user = UserFactory()
    other = UserFactory()
    _old_append(other, [
        PendingAccess(family_id=FAMILY, action="view", object_type="gezin", object_id=str(FAMILY), reason="oud"),
        PendingAccess(family_id=FAMILY, action="view", object_type="gezin", object_id=str(FAMILY), reason="oud",
                      purpose="hulpverlening"),
    ], occurred_at=datetime(2026, 1, 5, 8, 0, tzinfo=UTC))

    # More entries than SQLite takes in one INSERT: the rows are written in several statements there.
    families = [uuid.uuid4() for _ in range(120)]
    pending = [
        PendingAccess(family_id=str(family) if i % 7 == 0 else family, action="view", object_type="overzicht",
                      object_id=family, person_id=PERSON if i % 5 == 0 else None,
                      reason=gettext_lazy("betrokkenheid als teamleider") if i % 3 else "noodtoegang " * 30,
                      emergency=i % 3 == 0, purpose="hulpverlening" if i % 2 else "")
        for i, family in enumerate(families)]
    seqs = append_entries(user=user, pending=pending, channel="page", ip_address="10.9.8.7", on_behalf_of="Iemand")
    assert list(seqs) == list(range(3, 123))

    rows = list(AccessLogEntry.objects.filter(seq__gte=3).order_by("seq"))
    assert [row.family_id for row in rows] == families
    first = rows[0]
    for item, row in zip(pending, rows, strict=True):
        assert row.occurred_at == first.occurred_at
        assert (row.user_id, row.username, row.role, row.organisation, row.on_behalf_of, row.channel,
                row.ip_address) == (user.pk, user.username, user.role, user.organisation.name, "Iemand", "page",
                                    "10.9.8.7")
        assert (row.person_id, row.action, row.object_type, row.object_id, row.reason, row.emergency,
                row.purpose) == (item.person_id, "view", "overzicht", str(item.object_id), str(item.reason)[:200],
                                 item.emergency, item.purpose)
        # The hash the first implementation (json.dumps over the row as read back) gives.
        assert row.entry_hash == _hash_by_reference(row)
    head = AccessLogHead.objects.get(pk=1)
    assert (head.last_seq, head.last_hash) == (122, rows[-1].entry_hash)
    assert list(verify_chain()) == []
    call_command("verify_access_log", stdout=StringIO())

    # And the old path may still follow the new rows (generate_synthetic appends that way).
    _old_append(other, pending[:2], occurred_at=datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
    assert list(verify_chain()) == []


def _hash_by_reference(row: AccessLogEntry) -> str:
    import hashlib

    return hashlib.sha256(row.previous_hash.encode() + _reference_canonical(row)).hexdigest()


@pytest.mark.django_db
def test_an_ipv6_address_is_hashed_as_it_is_stored():
    """The address is stored normalised; the hash is of the stored text, so the row verifies."""
    user = UserFactory()
    append_entries(user=user, pending=[PendingAccess(family_id=FAMILY, action="view", object_type="gezin")],
                   channel="api", ip_address="2001:0db8:0000:0000:0000:0000:0000:0001")
    assert AccessLogEntry.objects.get().ip_address == "2001:db8::1"
    assert list(verify_chain()) == []


@pytest.mark.django_db
def test_nothing_to_append_writes_nothing():
    assert list(append_entries(user=UserFactory(), pending=[], channel="page", ip_address=None)) == []
    assert not AccessLogEntry.objects.exists()
