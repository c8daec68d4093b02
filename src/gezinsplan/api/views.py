"""Thin API views: access choke point, one service call, a serializer. Same policy and log as the pages."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from knox.models import AuthToken
from rest_framework import generics, serializers, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from gezinsplan.accounts.constants import PORTAL_ROLES
from gezinsplan.accounts.forms import LoginForm, verify_otp
from gezinsplan.api import serializers as s
from gezinsplan.cases import products
from gezinsplan.cases import services as case_services
from gezinsplan.cases.models import Case
from gezinsplan.core import policy
from gezinsplan.core.access import access_case, access_family, access_record, log_listed_families
from gezinsplan.core.policy import Action
from gezinsplan.families import selectors, services
from gezinsplan.families.models import NetworkMember, Person, Relationship
from gezinsplan.privacy.models import AccessAction, AccessLogEntry


class TokenView(APIView):
    """Log in with username and password (and a one-time code when two-factor login is on)."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=s.TokenInputSerializer, responses=s.TokenOutputSerializer)
    def post(self, request):
        data = s.TokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            user = authenticate(request._request, username=data.validated_data["username"],
                                password=data.validated_data["password"])
        except PermissionDenied:
            user = None
        if user is None or not user.is_active:
            return Response({"non_field_errors": [str(LoginForm.error_messages["invalid_login"])]},
                            status=status.HTTP_400_BAD_REQUEST)
        try:
            device = verify_otp(user, data.validated_data.get("otp_token", ""), LoginForm.error_messages)
        except DjangoValidationError as error:
            return Response({"otp_token": list(error.messages)}, status=status.HTTP_400_BAD_REQUEST)
        if device is None and settings.GEZINSPLAN_REQUIRE_2FA and user.role not in PORTAL_ROLES:
            # A token is a login: a professional without two-factor set up gets none (issue 8).
            return Response({"otp_token": [_("Stel eerst tweestapsverificatie in: log in op de website en volg "
                                             "de stappen. Daarna kunt u een API-token aanvragen met uw code.")]},
                            status=status.HTTP_400_BAD_REQUEST)
        # knox keeps only a digest of the token; the token itself is shown once, here.
        instance, token = AuthToken.objects.create(user=user)
        return Response({"token": token, "expiry": instance.expiry})


class MeView(generics.RetrieveAPIView):
    serializer_class = s.MeSerializer

    def get_object(self):
        return self.request.user


def _version(request):
    value = request.data.get("version")
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        raise serializers.ValidationError({"version": [_("Ongeldige versie.")]}) from None


class FamilyViewSet(viewsets.GenericViewSet):
    serializer_class = s.FamilySerializer
    lookup_url_kwarg = "family_id"

    def get_serializer_class(self):
        return s.FamilyOpenSerializer if self.action == "create" else s.FamilySerializer

    @extend_schema(parameters=[OpenApiParameter("q", str, description="Naam, BSN of geboortedatum")])
    def list(self, request):
        q = request.query_params.get("q", "")[:100]
        if q:
            query = selectors.parse_search(q)
            if query.kind == "invalid":
                raise serializers.ValidationError({"q": [_("Vul minstens twee letters, een BSN of een datum in.")]})
            families = selectors.family_search(user=request.user, query=query)
        else:
            families = policy.visible_families(request.user).select_related("municipality").order_by("name", "id")
        page = self.paginate_queryset(families)
        log_listed_families(request, page, action=AccessAction.SEARCH if q else AccessAction.VIEW)
        return self.get_paginated_response(s.FamilySerializer(page, many=True).data)

    def retrieve(self, request, family_id):
        family, _grant = access_family(request, family_id)
        return Response(s.FamilySerializer(family).data)

    def create(self, request):
        data = s.FamilyOpenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        family = services.family_open(actor=request.user, **data.validated_data)
        access_family(request, family.pk, action=AccessAction.CREATE)
        return Response(s.FamilySerializer(family).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, family_id):
        family, _grant = access_family(request, family_id, action=AccessAction.UPDATE, edit=True)
        data = s.FamilySerializer(family, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        family = services.family_update(actor=request.user, family=family, version=_version(request),
                                        **data.validated_data)
        return Response(s.FamilySerializer(family).data)


RECORDS = {
    "persons": (Person, s.PersonSerializer, "gezinslid", services.person_add, services.person_update,
                services.person_remove, "person"),
    "relationships": (Relationship, s.RelationshipSerializer, "relatie", services.relationship_add,
                      services.relationship_update, services.relationship_remove, "relationship"),
    "network-members": (NetworkMember, s.NetworkMemberSerializer, "netwerklid", services.network_member_add,
                        services.network_member_update, services.network_member_remove, "member"),
}


def _saved(result):
    return result[0] if isinstance(result, tuple) else result


class FamilyRecordListView(generics.GenericAPIView):
    """Persons, relationships or network members of one family."""

    kind = "persons"

    def get_serializer_class(self):
        return RECORDS[self.kind][1]

    def get(self, request, family_id):
        model, serializer, object_type, *_rest = RECORDS[self.kind]
        family, _grant = access_family(request, family_id, object_type=object_type)
        page = self.paginate_queryset(model.objects.filter(family=family).order_by("created_at", "id"))
        return self.get_paginated_response(serializer(page, many=True).data)

    def post(self, request, family_id):
        model, serializer, object_type, add, *_rest = RECORDS[self.kind]
        family, _grant = access_family(request, family_id, action=AccessAction.CREATE, object_type=object_type,
                                       edit=True)
        kwargs = {} if model is Person else {"family": family}
        data = serializer(data=request.data, **kwargs)
        data.is_valid(raise_exception=True)
        record = _saved(add(actor=request.user, family=family, **data.validated_data))
        return Response(serializer(record).data, status=status.HTTP_201_CREATED)


class FamilyRecordDetailView(generics.GenericAPIView):
    kind = "persons"

    def get_serializer_class(self):
        return RECORDS[self.kind][1]

    def get(self, request, record_id):
        model, serializer, object_type, *_rest = RECORDS[self.kind]
        record, _grant = access_record(request, model, record_id, object_type=object_type)
        return Response(serializer(record).data)

    def patch(self, request, record_id):
        model, serializer, object_type, _add, update, _remove, arg = RECORDS[self.kind]
        record, _grant = access_record(request, model, record_id, action=AccessAction.UPDATE,
                                       object_type=object_type, edit=True)
        kwargs = {} if model is Person else {"family": record.family}
        data = serializer(record, data=request.data, partial=True, **kwargs)
        data.is_valid(raise_exception=True)
        saved = _saved(update(actor=request.user, version=_version(request), **{arg: record},
                              **data.validated_data))
        return Response(serializer(saved).data)

    @extend_schema(request=s.RemoveSerializer, responses={204: None})
    def delete(self, request, record_id):
        model, _serializer, object_type, _add, _update, remove, arg = RECORDS[self.kind]
        record, _grant = access_record(request, model, record_id, action=AccessAction.DELETE,
                                       object_type=object_type, edit=True)
        data = s.RemoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        remove(actor=request.user, reason=data.validated_data["reason"], **{arg: record})
        return Response(status=status.HTTP_204_NO_CONTENT)


class CaseViewSet(viewsets.GenericViewSet):
    serializer_class = s.CaseSerializer
    lookup_url_kwarg = "case_id"

    def list(self, request):
        cases = policy.visible_cases(request.user).select_related("family").prefetch_related(
            "involvements__user", "involvements__organisation", "indications", "measures",
            "family__persons").order_by("-opened_on", "id")
        page = self.paginate_queryset(cases)
        for case in page:
            access_family_log_only(request, case)
        return self.get_paginated_response(s.CaseSerializer(page, many=True).data)

    def retrieve(self, request, case_id):
        case, _grant = access_case(request, case_id)
        return Response(s.CaseSerializer(case).data)


def access_family_log_only(request, case: Case) -> None:
    log_listed_families(request, [case.family], object_type="casus")


class CaseInvolvementsView(generics.GenericAPIView):
    serializer_class = s.InvolvementSerializer

    def get(self, request, case_id):
        case, _grant = access_case(request, case_id, object_type="betrokkenheid")
        page = self.paginate_queryset(case.involvements.select_related("user", "organisation").order_by("start_date"))
        return self.get_paginated_response(s.InvolvementSerializer(page, many=True).data)

    def post(self, request, case_id):
        case, grant = access_case(request, case_id, action=AccessAction.CREATE, object_type="betrokkenheid")
        policy.require(request.user, Action.MANAGE_INVOLVEMENTS, grant=grant)
        data = s.InvolvementSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        involvement, warnings = case_services.involvement_add(actor=request.user, case=case, **data.validated_data)
        return Response({**s.InvolvementSerializer(involvement).data, "warnings": warnings},
                        status=status.HTTP_201_CREATED)


class FamilyAccessLogView(generics.GenericAPIView):
    """Who viewed or changed this family's data (NEN 7513), newest first."""

    serializer_class = s.AccessLogEntrySerializer

    def get(self, request, family_id):
        family, _grant = access_family(request, family_id, object_type="toegangslog")
        page = self.paginate_queryset(AccessLogEntry.objects.filter(family_id=family.pk).order_by("-seq"))
        return self.get_paginated_response(s.AccessLogEntrySerializer(page, many=True).data)


class CaseIndicationsView(generics.GenericAPIView):
    """Products 2a (by the LT, team decision and consent recorded) and 2b (by the JBT chair) of a case."""

    serializer_class = s.IndicationSerializer

    def get(self, request, case_id):
        case, _grant = access_case(request, case_id, object_type="productinzet")
        indications = list(case.indications.filter(removed_at__isnull=True).order_by("starts_on"))
        for indication in indications:
            indication.budget = products.budget(indication)
        page = self.paginate_queryset(indications)
        return self.get_paginated_response(s.IndicationSerializer(page, many=True).data)

    def post(self, request, case_id):
        case, _grant = access_case(request, case_id, action=AccessAction.CREATE, object_type="productinzet")
        data = s.IndicationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        kind = request.data.get("kind", "2a")
        if kind == "2b":
            values.pop("reason", None)
            values.pop("decision_forum", None)
            indication = products.indicate_2b(actor=request.user, case=case, **values)
        else:
            indication = products.indicate_2a(actor=request.user, case=case, **values)
        indication.budget = products.budget(indication)
        return Response(s.IndicationSerializer(indication).data, status=status.HTTP_201_CREATED)


class IndicationHoursView(generics.GenericAPIView):
    """Hours against an indication; written only by the professional who spent them (the caller)."""

    serializer_class = s.HourEntrySerializer

    def _indication(self, request, case_id, indication_id, action):
        case, _grant = access_case(request, case_id, action=action, object_type="uren", object_id=indication_id)
        indication = case.indications.filter(pk=indication_id, removed_at__isnull=True).first()
        if indication is None:
            raise Http404
        return indication

    def get(self, request, case_id, indication_id):
        indication = self._indication(request, case_id, indication_id, AccessAction.VIEW)
        page = self.paginate_queryset(indication.hour_entries.filter(removed_at__isnull=True)
                                      .select_related("professional").order_by("worked_on", "created_at"))
        return self.get_paginated_response(s.HourEntrySerializer(page, many=True).data)

    def post(self, request, case_id, indication_id):
        indication = self._indication(request, case_id, indication_id, AccessAction.CREATE)
        data = s.HourEntrySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry, budget = products.hours_record(actor=request.user, indication=indication, **data.validated_data)
        return Response({**s.HourEntrySerializer(entry).data, "budget_used": f"{budget.used:.2f}",
                         "budget_remaining": None if budget.remaining is None else f"{budget.remaining:.2f}",
                         "budget_warning": budget.warning},
                        status=status.HTTP_201_CREATED)


class CaseMeasuresView(generics.GenericAPIView):
    """Court measures per child; recorded by the GI."""

    serializer_class = s.MeasureSerializer

    def get(self, request, case_id):
        case, _grant = access_case(request, case_id, object_type="maatregel")
        page = self.paginate_queryset(case.measures.filter(removed_at__isnull=True).order_by("starts_on"))
        return self.get_paginated_response(s.MeasureSerializer(page, many=True).data)

    def post(self, request, case_id):
        case, _grant = access_case(request, case_id, action=AccessAction.CREATE, object_type="maatregel")
        data = s.MeasureSerializer(data=request.data, family=case.family)
        data.is_valid(raise_exception=True)
        measure = products.measure_record(actor=request.user, case=case, **data.validated_data)
        return Response(s.MeasureSerializer(measure).data, status=status.HTTP_201_CREATED)


class CaseTransitionsView(generics.GenericAPIView):
    """The history of phases and frameworks of a case."""

    serializer_class = s.TransitionSerializer

    def get(self, request, case_id):
        case, _grant = access_case(request, case_id, object_type="fase")
        page = self.paginate_queryset(case.transitions.select_related("actor").order_by("id"))
        return self.get_paginated_response(s.TransitionSerializer(page, many=True).data)


class CaseContactsView(generics.GenericAPIView):
    """Contacts with the family (R517, R543, R309); every contact carries a safety score."""

    serializer_class = s.ContactSerializer

    def get(self, request, case_id):
        case, _grant = access_case(request, case_id, object_type="contact")
        page = self.paginate_queryset(case.contacts.filter(removed_at__isnull=True).select_related(
            "by_user", "supervisor").order_by("-held_on", "-created_at"))
        return self.get_paginated_response(s.ContactSerializer(page, many=True).data)

    def post(self, request, case_id):
        from gezinsplan.cases import casework

        case, _grant = access_case(request, case_id, action=AccessAction.CREATE, object_type="contact", edit=True)
        data = s.ContactSerializer(data=request.data, family=case.family)
        data.is_valid(raise_exception=True)
        contact = casework.contact_record(actor=request.user, case=case, **data.validated_data)
        return Response(s.ContactSerializer(contact).data, status=status.HTTP_201_CREATED)


class IndicationEnd2bView(generics.GenericAPIView):
    """Product 2b ends through a recorded event with its reason; the lead moves back only after a handover."""

    serializer_class = s.End2bSerializer

    def _indication(self, request, case_id, indication_id, action):
        case, _grant = access_case(request, case_id, action=action, object_type="productinzet",
                                   object_id=indication_id)
        indication = case.indications.filter(pk=indication_id, removed_at__isnull=True).first()
        if indication is None:
            raise Http404
        return indication

    def get(self, request, case_id, indication_id):
        """The indication, with its recorded end (if any)."""
        indication = self._indication(request, case_id, indication_id, AccessAction.VIEW)
        indication.budget = products.budget(indication)
        return Response(s.IndicationSerializer(indication).data)

    def post(self, request, case_id, indication_id):
        indication = self._indication(request, case_id, indication_id, AccessAction.UPDATE)
        data = s.End2bSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        indication = products.indication_2b_end(actor=request.user, indication=indication, **data.validated_data)
        indication.budget = products.budget(indication)
        return Response(s.IndicationSerializer(indication).data)
