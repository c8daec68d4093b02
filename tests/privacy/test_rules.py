"""Privacy rules: follow-ups of a refusal (R038, R089, R160), the GI's view of the LT file (R269), demo names
(R271), one shared record (R348), learning material (R545, R626), own dossiers (R645), the Raad's independence
(R654)."""

import datetime as dt
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from gezinsplan.cases.models import Framework
from gezinsplan.privacy import selectors
from gezinsplan.privacy.models import AccessLogEntry, CouncilInvestigation, PrivacyFollowUp
from gezinsplan.privacy.services import (
    consent_record,
    council_investigation_record,
    council_investigation_update,
    council_investigations,
    follow_up_complete,
    gi_sparring_problems,
    learning_material_problems,
    pseudonymise,
)
from tests.cases import helpers as case_helpers
from tests.conftest import client_for
from tests.factories import NetworkMemberFactory, OrganisationFactory, PersonFactory, UserFactory, involve

SEEDS = Path("/work/shared/seeds")


def _refusal(**extra):
    return {
        "information": "de zorgen over de kinderen",
        "recipient": "GI Jeugdbescherming west",
        "purpose": "sparren over de aanpak",
        "form": "oral",
        "given_on": dt.date.today(),
        "granted": False,
        "explained": "Ik wil graag overleggen met de jeugdbeschermer over de aanpak.",
        "objections": "Moeder wil niet dat de GI haar naam kent.",
        **extra,
    }


@pytest.mark.django_db
def test_r038_refused_gi_sparring_means_anonymous_and_a_report_back_task(lead, household):
    family = household["family"]
    assert "Vertel de ouders" in gi_sparring_problems(family=family)[0]
    consent = consent_record(
        actor=lead,
        family=family,
        children=[household["Mila"]],
        given_by=[household["mother"]],
        **_refusal(subject="gi_sparring"),
    )
    assert "anoniem" in gi_sparring_problems(family=family)[0]
    task = PrivacyFollowUp.objects.get(consent=consent)
    assert task.kind == "report_back" and task.done_on is None
    page = client_for(lead).get(f"/gezinnen/{family.pk}/").content.decode()
    assert "terugkoppelen aan de ouders" in page
    assert "terugkoppelen" in client_for(lead).get(f"/privacy/gezin/{family.pk}/opvolging/").content.decode()
    response = client_for(lead).post(
        f"/privacy/gezin/{family.pk}/opvolging/",
        {"follow_up_id": task.pk, "outcome": "Moeder verteld wat de anonieme consultatie opleverde."},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_on == dt.date.today()
    # with consent, the family may be discussed by name
    consent_record(
        actor=lead,
        family=family,
        children=[household["Mila"]],
        given_by=[household["mother"]],
        **_refusal(subject="gi_sparring", granted=True, withdrawal_explained=True),
    )
    assert gi_sparring_problems(family=family) == []


@pytest.mark.django_db
def test_r089_refused_consent_that_blocks_voluntary_help_prompts_a_forced_framework_weighing(lead, household):
    family = household["family"]
    assert family.cases.get().framework == Framework.VOLUNTARY
    consent = consent_record(
        actor=lead,
        family=family,
        children=[household["Mila"]],
        given_by=[household["mother"]],
        **_refusal(recipient="Beter Thuis", purpose="aanmelding", blocks_help=True),
    )
    task = PrivacyFollowUp.objects.get(consent=consent)
    assert task.kind == "framework_weighing"
    with pytest.raises(ValidationError) as error:
        follow_up_complete(actor=lead, follow_up=task, outcome="Besproken in het team.")
    assert "gedwongen kader" in error.value.message_dict["forced_framework_needed"][0]
    follow_up_complete(
        actor=lead,
        follow_up=task,
        outcome="Zorgen niet groot genoeg; drang via het netwerk.",
        forced_framework_needed=False,
    )
    task.refresh_from_db()
    assert task.forced_framework_needed is False and task.done_on
    # a refusal that does not block help sets nothing in motion
    other = consent_record(
        actor=lead,
        family=family,
        children=[household["Mila"]],
        given_by=[household["mother"]],
        **_refusal(recipient="School", purpose="informeren"),
    )
    assert not PrivacyFollowUp.objects.filter(consent=other).exists()


@pytest.mark.django_db
def test_r160_refused_child_conversation_leads_to_talk_with_parents_then_internal_consultation(lead, household):
    family = household["family"]
    consent = consent_record(
        actor=lead,
        family=family,
        children=[household["Mila"]],
        given_by=[household["mother"]],
        **_refusal(subject="child_conversation", recipient="casusregisseur", purpose="gesprek met Mila over thuis"),
    )
    talk = PrivacyFollowUp.objects.get(consent=consent)
    assert talk.kind == "discuss_with_parents"
    with pytest.raises(ValidationError):
        follow_up_complete(actor=lead, follow_up=talk, outcome="Gesproken met moeder.")
    follow_up_complete(
        actor=lead, follow_up=talk, outcome="Gesproken met moeder; zij blijft weigeren.", still_refused=True
    )
    internal = PrivacyFollowUp.objects.get(consent=consent, kind="internal_consultation")
    follow_up_complete(actor=lead, follow_up=internal, outcome="Met de gedragswetenschapper: eerst netwerk inzetten.")
    internal.refresh_from_db()
    assert internal.outcome.startswith("Met de gedragswetenschapper")


@pytest.mark.django_db
def test_r269_gi_protector_sees_the_lt_file_only_when_linked():
    protector = UserFactory(role="gi_protector")
    inv = involve(protector, role="expert")
    family = inv.case.family
    assert selectors.lt_file_visible(user=protector, family=family) is False
    lt_worker = involve(UserFactory(), family).user
    assert selectors.lt_file_visible(user=lt_worker, family=family) is True
    world = {"case": inv.case, "user": lt_worker, "child": PersonFactory(family=family)}
    case_helpers.any_indication(world)
    assert selectors.lt_file_visible(user=protector, family=family) is True
    client_for(protector).get(f"/gezinnen/{family.pk}/")
    assert AccessLogEntry.objects.filter(user=protector, family_id=family.pk).exists()


@pytest.mark.django_db
def test_r269_a_measure_also_links_the_gi():
    protector = UserFactory(role="gi_protector")
    inv = involve(protector, role="expert")
    case_helpers.any_measure({"case": inv.case, "user": protector, "child": PersonFactory(family=inv.case.family)})
    assert selectors.lt_file_visible(user=protector, family=inv.case.family) is True


@pytest.mark.django_db
def test_r271_demo_data_uses_the_fictitious_first_names_of_the_stories_only(settings):
    from gezinsplan.families.models import NetworkMember, Person

    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())
    persons = list(Person.all_objects.all())
    assert persons
    assert all(not p.bsn and not p.last_name and p.birth_date is None for p in persons)
    assert all(not m.phone and not m.address for m in NetworkMember.objects.all())
    seeds = " ".join(path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt"))
    single_names = {p.first_name for p in persons if re.fullmatch(r"[A-Z][a-zë]+", p.first_name)}
    missing = {name for name in single_names if name not in seeds}
    assert not missing, f"names not in the stories: {missing}"


@pytest.mark.django_db
def test_r348_one_shared_record_for_members_of_different_organisations(settings):
    lt_worker = UserFactory(role="lt_professional")
    family = involve(lt_worker).case.family
    protector = involve(UserFactory(role="gi_protector"), family, role="support").user
    assert lt_worker.organisation_id != protector.organisation_id
    for user in (lt_worker, protector):
        assert client_for(user).get(f"/gezinnen/{family.pk}/").status_code == 200
    # one record: what the GI protector adds, the LT worker sees (no duplicate entry per organisation)
    PersonFactory(family=family, first_name="Saïd")
    assert "Saïd" in client_for(lt_worker).get(f"/gezinnen/{family.pk}/").content.decode()
    outsider = UserFactory(role="gi_protector", organisation=protector.organisation)
    assert client_for(outsider).get(f"/gezinnen/{family.pk}/").status_code == 404
    from gezinsplan.conf import production

    assert production.SECURE_SSL_REDIRECT and production.SECURE_HSTS_SECONDS >= 31536000
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE


@pytest.mark.django_db
def test_r545_case_material_for_learning_is_pseudonymised_and_not_stored(lead, household):
    family = household["family"]
    NetworkMemberFactory(family=family, name="Oma Truus")
    household["mother"].gender = "v"
    household["mother"].save()
    text = (
        "Sandra Verhoef belde op 3-4-2024 over Mila. Kevin woont op de Dorpsstraat 12, 2611 AB Delft. "
        "Oma Truus helpt. BSN 111222333, bel 06-12345678."
    )
    client = client_for(lead)
    url = f"/privacy/gezin/{family.pk}/leermateriaal/"
    assert client.get(url).status_code == 200
    result = pseudonymise(family=family, text=text)
    for secret in (
        "Sandra",
        "Verhoef",
        "Mila",
        "Kevin",
        "Dorpsstraat",
        "2611",
        "3-4-2024",
        "111222333",
        "06-1234",
        "Truus",
    ):
        assert secret not in result, secret
    assert "moeder" in result and "kind 3 (8)" in result and "netwerklid" in result
    page = client.post(url, {"text": text}).content.decode()
    assert "kind 3 (8)" in page and "Sandra Verhoef belde" not in page
    assert AccessLogEntry.objects.filter(
        family_id=family.pk, action="download", object_type="leermateriaal (gepseudonimiseerd)"
    ).exists()


@pytest.mark.django_db
def test_r626_learning_meetings_refer_to_cases_only_pseudonymised(lead, household):
    assert learning_material_problems(text="Moeder (35) en kind 1 (8): wat maakt het lastig?", user=lead) == []
    problems = learning_material_problems(text="Sandra en Mila Verhoef: besluit tot OTS-verzoek", user=lead)
    assert any("naam" in p for p in problems) and any("geen besluiten" in p for p in problems)


@pytest.mark.django_db
def test_r645_the_register_names_the_organisations_with_their_own_dossier(lead, household):
    family = household["family"]
    gi = OrganisationFactory(type="gi", name="GI Jeugdbescherming west")
    involve(UserFactory(role="gi_protector", organisation=gi), family, role="support")
    dossiers = selectors.own_dossiers(family=family)
    assert {d["name"] for d in dossiers} == {lead.organisation.name, gi.name}
    page = client_for(lead).get(f"/gezinnen/{family.pk}/").content.decode()
    assert "Eén plan, meerdere dossiers" in page and "GI Jeugdbescherming west" in page


@pytest.mark.django_db
def test_r654_only_the_raad_writes_its_investigation_partners_read_what_is_shared(lead, household):
    family = household["family"]
    council = UserFactory(role="rvdk_officer")
    involve(council, family, role="support")
    values = {"started_on": dt.date.today(), "question": "Is een kinderbeschermingsmaatregel nodig?"}
    with pytest.raises(PermissionDenied):
        council_investigation_record(actor=lead, family=family, **values)
    investigation = council_investigation_record(actor=council, family=family, **values)
    assert investigation.created_by == council
    assert list(council_investigations(user=lead, family=family)) == []
    council_investigation_update(
        actor=council,
        investigation=investigation,
        version=investigation.version,
        findings="Ouders werken mee; advies: geen OTS.",
        shared_with_partners=True,
    )
    assert list(council_investigations(user=lead, family=family)) == [investigation]
    with pytest.raises(PermissionDenied):
        council_investigation_update(actor=lead, investigation=investigation, version=None, findings="anders")
    other_council = UserFactory(role="rvdk_officer")
    involve(other_council, family, role="support")
    with pytest.raises(PermissionDenied):
        council_investigation_update(actor=other_council, investigation=investigation, version=None, findings="x")
    assert CouncilInvestigation.objects.get().findings.startswith("Ouders werken mee")
