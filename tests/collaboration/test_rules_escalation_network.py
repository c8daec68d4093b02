"""A family's partners and network: partner register, specialists, tables, the GI's mode, family group conference,
network tasks with reliability checks, meeting method and chair, and one shared picture."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gezinsplan.accounts.constants import OrganisationType, Role
from gezinsplan.collaboration import network_services, services
from gezinsplan.collaboration.models import MeetingKind
from gezinsplan.collaboration.partners import (
    ExpertConsultation,
    MeetingSetup,
    NetworkTask,
    PartnerInvolvement,
    ProviderView,
    TableSession,
)
from gezinsplan.collaboration.reference import (
    LIVELIHOOD_PARTNERS,
    MeetingFormat,
    NetworkMethod,
    PartnerType,
    TableType,
)
from gezinsplan.core.policy import PolicyDenied
from tests.analysis.factories import ConcernFactory, GoalFactory
from tests.collaboration.conftest import TODAY
from tests.collaboration.factories import MeetingFactory
from tests.conftest import client_for
from tests.factories import InvolvementFactory, NetworkMemberFactory, OrganisationFactory, UserFactory

DAY = dt.timedelta(days=1)


def _messages(error, field: str) -> str:
    return " ".join(error.value.message_dict[field])


def _case_page(world, user=None) -> str:
    return client_for(user or world["lead"]).get(f"/casussen/{world['case'].pk}/").content.decode()


def test_r151_after_the_end_situation_who_to_involve_and_how(world):
    """R151: only once the feasible end situation is set; stakeholders, who to win over, approach, own barrier."""
    from gezinsplan.analysis.models import FamilyAnalysis

    values = {
        "must_involve": "Oma en de school",
        "already_involved": "GGZ",
        "win_over": "Vader",
        "approach": "Eerst vader apart spreken",
        "own_barrier": "Mijn irritatie over afzeggingen",
    }
    with pytest.raises(ValidationError) as error:
        network_services.stakeholder_approach_record(actor=world["lead"], case=world["case"], **values)
    assert "R151" in _messages(error, "must_involve")
    FamilyAnalysis.objects.create(
        family=world["family"],
        started_by_organisation=world["lt"],
        end_description="De kinderen wonen veilig bij moeder",
    )
    response = client_for(world["lead"]).post(f"/samenwerking/casus/{world['case'].pk}/wie-betrekken/", values)
    assert response.status_code == 302
    page = _case_page(world)
    assert "Eerst vader apart spreken" in page and "Mijn irritatie over afzeggingen" in page


def test_r156_youth_view_of_each_provider(world):
    """R156: per provider whether there is a 'klik' and whether the help matches what the youth wants."""
    conversation = services.conversation_record(
        actor=world["lead"],
        case=world["case"],
        child=world["children"][0],
        held_on=TODAY,
        by_user=world["lead"],
        with_parents="without",
        purposes=["relationship"],
        child_voice="Ik wil thuis blijven",
    )
    client = client_for(world["lead"])
    url = f"/samenwerking/casus/{world['case'].pk}/gesprekken/hulp/"
    response = client.post(
        url, {"conversation": conversation.pk, "provider": "Jeugdhulp Delft", "in_own_words": "Ze luistert echt"}
    )
    assert "klik" in response.content.decode() and not ProviderView.objects.exists()
    for provider, klik in (("Jeugdhulp Delft", "yes"), ("GGZ Westland", "no")):
        assert (
            client.post(
                url,
                {
                    "conversation": conversation.pk,
                    "provider": provider,
                    "klik": klik,
                    "matches_wish": "yes" if klik == "yes" else "no",
                },
            ).status_code
            == 302
        )
    page = _case_page(world)
    assert "Ibrahim over Jeugdhulp Delft" in page and "Ibrahim over GGZ Westland" in page
    assert ProviderView.objects.get(provider="GGZ Westland").klik == "no"


def test_r338_consultation_of_a_specialist_for_youth_or_adult(world):
    """R338: addiction, psychiatry, trauma, attachment or LVB, for a youth or an adult, with date, organisation
    and advice."""
    with pytest.raises(ValidationError) as error:
        network_services.expert_consultation_record(
            actor=world["lead"],
            case=world["case"],
            expertise="astrology",
            consulted_for="adult",
            consulted_on=TODAY,
            expert_organisation="",
            advice="",
        )
    assert {"expertise", "expert_organisation", "advice"} <= set(error.value.message_dict)
    response = client_for(world["lead"]).post(
        f"/samenwerking/casus/{world['case'].pk}/specialisten/nieuw/",
        {
            "expertise": "lvb",
            "consulted_for": "adult",
            "consulted_on": TODAY.isoformat(),
            "expert_organisation": "Expertisecentrum LVB",
            "advice": "Korte zinnen, visueel plan",
        },
    )
    assert response.status_code == 302
    assert ExpertConsultation.objects.get().get_expertise_display() == "licht verstandelijke beperking (LVB)"
    assert "Korte zinnen, visueel plan" in _case_page(world)


def test_r406_table_types_and_a_jbt_session_is_no_mdo(world):
    """R406: JBT, RET, MDA++ and the team's MDO are separate; a JBT session cannot be registered as an MDO; the
    page explains which table fits which question."""
    jbt = OrganisationFactory(type=OrganisationType.JBT, name="Jeugdbeschermingstafel Haaglanden")
    client = client_for(world["lead"])
    url = f"/samenwerking/casus/{world['case'].pk}/tafels/nieuw/"
    page = client.get(url).content.decode()
    assert "MDA++" in page and "De JBT vervangt dit overleg niet" in page and "RET" in page
    response = client.post(
        url, {"table": "mdo", "held_on": TODAY.isoformat(), "forum": jbt.pk, "question": "Is een maatregel nodig?"}
    )
    assert "vervangt het MDO niet" in response.content.decode()
    assert not TableSession.objects.exists()
    for table, forum in (("jbt", jbt), ("mdo", world["lt"])):
        assert (
            client.post(
                url, {"table": table, "held_on": TODAY.isoformat(), "forum": forum.pk, "question": "Vraag"}
            ).status_code
            == 302
        )
    assert sorted(TableSession.objects.values_list("table", flat=True)) == ["jbt", "mdo"]
    assert set(TableType.values) == {"jbt", "ret", "mda", "mdo"}


def test_r572_r586_partner_types_and_livelihood_at_risk(world):
    """R572: the partner register's types. R586: livelihood services are partners; with concerns about housing or
    finances the case page asks to involve them, until one is listed."""
    assert {
        "district_team",
        "youth_care",
        "adult_care",
        "jbt",
        "education",
        "gp",
        "police",
        "veilig_thuis",
        "rvdk",
        "debt_relief",
        "wmo",
        "housing",
        "other",
    } <= set(PartnerType.values)
    assert {"debt_relief", "wmo", "housing"} == LIVELIHOOD_PARTNERS
    client = client_for(world["lead"])
    ConcernFactory(family=world["family"], life_domain="financien", text="Huurachterstand van drie maanden")
    assert "bestaanszekerheid" in _case_page(world) and "R586" in _case_page(world)
    response = client.post(
        f"/samenwerking/casus/{world['case'].pk}/partners/nieuw/",
        {"partner_type": "debt_relief", "name": "Schuldhulp Delft", "part": "Budgetbeheer en schuldregeling"},
    )
    assert response.status_code == 302
    page = _case_page(world)
    assert "Schuldhulp Delft" in page and "schuldhulpverlening" in page and "R586" not in page


def test_r580_one_shared_picture_with_version_dates(world):
    """R580: every partner sees the same current pattern, end situation, goals and safety, with their dates."""
    from gezinsplan.analysis.models import FamilyAnalysis

    FamilyAnalysis.objects.create(
        family=world["family"],
        started_by_organisation=world["lt"],
        pattern_sentence="Deze kinderen groeien op in een gezin waar ruzie escaleert",
        end_description="Moeder zorgt veilig met steun van oma",
    )
    GoalFactory(family=world["family"], what="Oma haalt de kinderen op woensdag op", when=TODAY + 30 * DAY, who="Oma")
    url = f"/samenwerking/casus/{world['case'].pk}/gedeeld-beeld/"
    pages = [client_for(u).get(url).content.decode() for u in (world["lead"], world["protector"])]
    strip = [p.split("<main", 1)[-1] for p in pages]
    assert strip[0] == strip[1]  # one source: both organisations see exactly the same picture
    for text in ("ruzie escaleert", "veilig met steun van oma", "Oma haalt de kinderen", "Versie van 2"):
        assert text in pages[0], text


def test_r589_partners_post_updates_on_their_own_part(world):
    """R589: a partner organisation posts an update on its own part, shown on the case for everyone involved; it
    cannot post on another partner's part."""
    provider_org = OrganisationFactory(type=OrganisationType.CARE_PROVIDER, name="Jeugdhulp Delft")
    provider = UserFactory(role=Role.CARE_PROVIDER, organisation=provider_org)
    InvolvementFactory(case=world["case"], user=provider, role="support")
    own = network_services.partner_add(
        actor=world["lead"],
        case=world["case"],
        partner_type="youth_care",
        organisation=provider_org,
        part="Ouderbegeleiding",
    )
    other = network_services.partner_add(
        actor=world["lead"],
        case=world["case"],
        partner_type="education",
        name="Basisschool De Boog",
        part="Signalen op school",
    )
    with pytest.raises(PolicyDenied):
        network_services.partner_post_update(actor=provider, partner=other, text="x", posted_on=TODAY)
    response = client_for(provider).post(
        f"/samenwerking/casus/{world['case'].pk}/partners/update/",
        {"partner": own.pk, "text": "Moeder kwam drie keer; volgende stap groepstraining", "posted_on": TODAY},
    )
    assert response.status_code == 302
    assert "volgende stap groepstraining" in _case_page(world, world["protector"])


def test_r618_r697_network_meeting_method_and_chair_rules(world):
    """R618: the method of a network meeting. R697: Familieberaad chaired by the protector or an independent
    facilitator, Rondetafel by youth protection, Teamtafel by the case director."""
    assert set(NetworkMethod.values) == {"signs_of_safety", "eigen_kracht", "fnb", "own", "other"}
    assert set(MeetingFormat.values) == {"familieberaad", "rondetafel", "teamtafel"}
    meeting = MeetingFactory(case=world["case"], kind=MeetingKind.NETWORK)
    client = client_for(world["lead"])
    url = f"/samenwerking/overleg/{meeting.pk}/opzet/"
    response = client.post(
        url, {"method": "fnb", "format": "teamtafel", "chair_kind": "facilitator", "chair_name": "Mw. Facilitator"}
    )
    assert "R697" in response.content.decode()
    response = client.post(
        url,
        {
            "method": "signs_of_safety",
            "format": "rondetafel",
            "chair_kind": "protector",
            "chair_user": world["lead"].pk,
        },
    )
    assert "jeugdbeschermer van dit gezin" in response.content.decode()
    assert not MeetingSetup.objects.exists()
    assert (
        client.post(
            url,
            {
                "method": "eigen_kracht",
                "format": "familieberaad",
                "chair_kind": "facilitator",
                "chair_name": "Onafhankelijk facilitator",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            url,
            {
                "method": "signs_of_safety",
                "format": "teamtafel",
                "chair_kind": "case_director",
                "chair_user": world["lead"].pk,
            },
        ).status_code
        == 302
    )
    setup = MeetingSetup.objects.get()
    assert (setup.method, setup.format, setup.chair_user) == ("signs_of_safety", "teamtafel", world["lead"])
    page = client.get(f"/samenwerking/overleg/{meeting.pk}/").content.decode()
    assert "Signs of Safety" in page and "Teamtafel" in page and "de casusregisseur" in page
    with pytest.raises(ValidationError):
        network_services.meeting_setup_save(
            actor=world["lead"],
            meeting=meeting,
            method="other",
            format="rondetafel",
            chair_kind="protector",
            chair_user=world["protector"],
        )
    network_services.meeting_setup_save(
        actor=world["lead"],
        meeting=meeting,
        method="own",
        format="rondetafel",
        chair_kind="protector",
        chair_user=world["protector"],
    )


def test_r623_consultation_or_insertion_and_who_holds_the_lead(world):
    """R623: the GI's mode with dates; insertion is temporary; the case shows who currently holds the lead."""
    with pytest.raises(ValidationError) as error:
        network_services.gi_mode_start(actor=world["lead"], case=world["case"], mode="insertion", starts_on=TODAY)
    assert "R623" in _messages(error, "ends_on")
    network_services.gi_mode_start(
        actor=world["lead"], case=world["case"], mode="consultation", starts_on=TODAY - 30 * DAY
    )
    assert "Het wijkteam houdt de regie" in _case_page(world)
    client_for(world["lead"]).post(
        f"/samenwerking/casus/{world['case'].pk}/betrokkenheid-gi/",
        {"mode": "insertion", "starts_on": TODAY.isoformat(), "ends_on": (TODAY + 60 * DAY).isoformat()},
    )
    page = _case_page(world)
    assert "De GI heeft de regie tijdelijk overgenomen" in page and "Het wijkteam houdt de regie" not in page
    consultation = world["case"].gi_modes.get(mode="consultation")
    assert consultation.ends_on == TODAY - DAY


def test_r678_family_group_conference_offered_or_open(world):
    """R678: without an offer the case shows an open item; the answer is recorded; postponed stays open."""
    assert "nog geen Eigen Kracht-conferentie aangeboden" in _case_page(world)
    client = client_for(world["lead"])
    url = f"/samenwerking/casus/{world['case'].pk}/eigen-kracht/"
    client.post(url, {"offered_on": TODAY.isoformat(), "answer": "postponed"})
    assert "uitgesteld: bied hem opnieuw aan" in _case_page(world)
    client.post(url, {"offered_on": TODAY.isoformat(), "answer": "accepted"})
    page = _case_page(world)
    assert "aangenomen" in page and "nog geen Eigen Kracht-conferentie" not in page


def test_r684_r688_network_tasks_need_a_professional_and_a_reliability_check(world):
    """R688: a safety task only after a reliability check that found the member reliable. R684: a plan with tasks
    for the network keeps at least one active professional."""
    oma = NetworkMemberFactory(family=world["family"], name="Oma Ans")
    with pytest.raises(ValidationError) as error:
        network_services.network_task_assign(actor=world["lead"], case=world["case"], member=oma, task="Koken")
    assert "R684" in _messages(error, "task")  # only the network, no professional in the plan
    agreement = services.agreement_add(
        actor=world["lead"],
        case=world["case"],
        what="Wekelijks huisbezoek",
        who_user=world["lead"],
        due_on=TODAY + 30 * DAY,
    )
    with pytest.raises(ValidationError) as error:
        network_services.network_task_assign(
            actor=world["lead"], case=world["case"], member=oma, task="Haalt de kinderen op", safety_task=True
        )
    assert "R688" in _messages(error, "member")
    client = client_for(world["lead"])
    client.post(
        f"/samenwerking/casus/{world['case'].pk}/netwerk/betrouwbaarheid/",
        {"member": oma.pk, "checked_on": TODAY.isoformat(), "outcome": "doubt", "note": "Drinkt soms"},
    )
    with pytest.raises(ValidationError) as error:
        network_services.network_task_assign(
            actor=world["lead"], case=world["case"], member=oma, task="Haalt de kinderen op", safety_task=True
        )
    assert "twijfel" in _messages(error, "member")
    network_services.reliability_check_record(
        actor=world["lead"], case=world["case"], member=oma, checked_on=TODAY, outcome="reliable"
    )
    response = client.post(
        f"/samenwerking/casus/{world['case'].pk}/netwerk/taken/nieuw/",
        {"member": oma.pk, "task": "Haalt de kinderen op woensdag op", "safety_task": "on"},
    )
    assert response.status_code == 302 and NetworkTask.objects.count() == 1
    services.agreement_done(actor=world["lead"], agreement=agreement, version=None, done_on=TODAY)
    with pytest.raises(ValidationError) as error:  # the professional's part is done: the network stands alone
        network_services.network_task_assign(actor=world["lead"], case=world["case"], member=oma, task="Koken")
    assert "R684" in _messages(error, "task")


def test_network_section_query_count_does_not_grow(world):
    client = client_for(world["lead"])
    url = f"/casussen/{world['case'].pk}/"

    def grow(n):
        for i in range(n):
            member = NetworkMemberFactory(family=world["family"])
            network_services.reliability_check_record(
                actor=world["lead"], case=world["case"], member=member, checked_on=TODAY, outcome="reliable"
            )
            network_services.network_task_assign(
                actor=world["lead"], case=world["case"], member=member, task=f"Taak {i}", safety_task=True
            )
            PartnerInvolvement.objects.create(
                family=world["family"], case=world["case"], partner_type="gp", name=f"Huisarts {i}", part="Medisch"
            )
            network_services.expert_consultation_record(
                actor=world["lead"],
                case=world["case"],
                expertise="trauma",
                consulted_for="youth",
                consulted_on=TODAY,
                expert_organisation="X",
                advice="Y",
            )

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    services.agreement_add(
        actor=world["lead"], case=world["case"], what="Huisbezoek", who_user=world["lead"], due_on=TODAY + 7 * DAY
    )
    grow(1)
    small = count()
    grow(5)
    assert count() == small


def test_r589_partner_sees_what_changed_in_the_plan_since_the_previous_visit(world):
    """R589: a linked partner gets the current situation: on the shared picture the parts changed since their
    previous visit are marked."""
    from gezinsplan.analysis.models import FamilyAnalysis
    from gezinsplan.core.records import update_record

    analysis = FamilyAnalysis.objects.create(family=world["family"], started_by_organisation=world["lt"],
                                             end_description="Thuis bij moeder")
    client = client_for(world["protector"])
    url = f"/samenwerking/casus/{world['case'].pk}/gedeeld-beeld/"
    assert "gewijzigd sinds uw vorige bezoek" not in client.get(url).content.decode()  # first visit
    assert "gewijzigd sinds uw vorige bezoek" not in client.get(url).content.decode()  # nothing changed
    update_record(actor=world["lead"], instance=analysis, version=None, family_id=world["family"].pk,
                  values={"end_description": "Thuis bij moeder, oma helpt"})
    page = client.get(url).content.decode()
    assert "gewijzigd sinds uw vorige bezoek" in page and "oma helpt" in page


def test_r580_shared_picture_query_count_does_not_grow(world):
    from gezinsplan.safety.models import SafetyAssessment
    from tests.safety.factories import all_safe

    client = client_for(world["protector"])
    url = f"/samenwerking/casus/{world['case'].pk}/gedeeld-beeld/"

    def grow(n):
        for i in range(n):
            GoalFactory(family=world["family"], what=f"Doel {i}", when=TODAY + 30 * DAY, who="Moeder")
            for child in world["children"]:
                SafetyAssessment.objects.create(case=world["case"], child=child, assessed_on=TODAY - i * DAY,
                                                items=all_safe(), conclusion="Veilig", assessed_by=world["lead"])

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    grow(1)
    small = count()
    grow(4)
    assert count() == small
