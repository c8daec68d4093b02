"""API for consents, disclosures, weighings, anonymous consultations, emergency access and the log search: the same
choke points, services and policy as the pages."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from gezinsplan.accounts.constants import Role
from gezinsplan.accounts.models import Municipality, Organisation, User
from gezinsplan.core.access import access_family, log_access
from gezinsplan.families.models import FamilyRole, Person
from gezinsplan.privacy import selectors, services
from gezinsplan.privacy.models import (
    AccessAction,
    AccessLogEntry,
    AnonymousConsultation,
    ConfidentialityBreach,
    Consent,
    Disclosure,
    EmergencyAccess,
)


class FamilyScopedMixin:
    """Limits person and record choices to the family in the serializer context."""

    family_fields: dict = {}

    def __init__(self, *args, family=None, **kwargs):
        super().__init__(*args, **kwargs)
        if family is not None:
            persons = Person.objects.filter(family=family)
            for name, kind in self.family_fields.items():
                field = self.fields[name]
                target = field.child_relation if hasattr(field, "child_relation") else field
                if kind == "child":
                    target.queryset = persons.filter(family_role=FamilyRole.CHILD)
                elif kind == "person":
                    target.queryset = persons
                elif kind == "consent":
                    target.queryset = Consent.objects.filter(family=family)
                elif kind == "breach":
                    target.queryset = ConfidentialityBreach.objects.filter(family=family)


class ConsentSerializer(FamilyScopedMixin, serializers.ModelSerializer):
    family_fields = {"children": "child", "given_by": "person"}
    children = serializers.PrimaryKeyRelatedField(many=True, queryset=Person.objects.none())
    given_by = serializers.PrimaryKeyRelatedField(many=True, queryset=Person.objects.none())
    recipient_organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False,
                                                                allow_null=True)

    class Meta:
        model = Consent
        fields = ["id", "version", "family", "children", "given_by", "information", "recipient",
                  "recipient_organisation", "purpose", "form", "given_on", "granted", "explained", "reasons",
                  "objections", "objections_resolved", "withdrawal_explained", "expires_on", "revoked_on",
                  "revocation_note", "created_at"]
        read_only_fields = ["id", "version", "family", "revoked_on", "revocation_note", "created_at"]
        extra_kwargs = {"recipient": {"required": False}}


class RevokeSerializer(serializers.Serializer):
    revoked_on = serializers.DateField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class DisclosureSerializer(FamilyScopedMixin, serializers.ModelSerializer):
    family_fields = {"children": "child", "consent": "consent", "breach": "breach"}
    children = serializers.PrimaryKeyRelatedField(many=True, queryset=Person.objects.none(), required=False)
    consent = serializers.PrimaryKeyRelatedField(queryset=Consent.objects.none(), required=False, allow_null=True)
    breach = serializers.PrimaryKeyRelatedField(queryset=ConfidentialityBreach.objects.none(), required=False,
                                                allow_null=True)
    counterpart_organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(),
                                                                  required=False, allow_null=True)

    class Meta:
        model = Disclosure
        fields = ["id", "version", "family", "kind", "counterpart", "counterpart_organisation", "children",
                  "information", "purpose", "occurred_on", "basis", "basis_explanation", "consent", "breach",
                  "considerations", "family_informed_on", "family_informed_how", "not_informed_reason", "created_at"]
        read_only_fields = ["id", "version", "family", "created_at"]
        extra_kwargs = {"counterpart": {"required": False}}


class BreachSerializer(serializers.ModelSerializer):
    class Meta:
        model = ConfidentialityBreach
        fields = ["id", "version", "family", "decided_on", "why_no_consent", "weighing", "consulted_colleague",
                  "consulted_behavioural_scientist", "consulted_manager", "consulted_names", "data_provided",
                  "recipient", "purpose", "created_at"]
        read_only_fields = ["id", "version", "family", "created_at"]


def _family_list_create(model, serializer_class, object_type, service):
    class View(generics.GenericAPIView):
        serializer_class = None

        def get_serializer_class(self):
            return serializer_class

        def get(self, request, family_id):
            family, _grant = access_family(request, family_id, object_type=object_type)
            rows = model.objects.filter(family=family, removed_at__isnull=True).order_by("-created_at", "id")
            page = self.paginate_queryset(rows)
            return self.get_paginated_response(serializer_class(page, many=True).data)

        def post(self, request, family_id):
            family, _grant = access_family(request, family_id, action=AccessAction.CREATE, object_type=object_type,
                                           edit=True)
            kwargs = {} if serializer_class is BreachSerializer else {"family": family}
            data = serializer_class(data=request.data, **kwargs)
            data.is_valid(raise_exception=True)
            record = service(actor=request.user, family=family, **data.validated_data)
            return Response(serializer_class(record).data, status=status.HTTP_201_CREATED)

    View.__name__ = f"{model.__name__}ListView"
    View.__qualname__ = View.__name__
    return View


ConsentListView = _family_list_create(Consent, ConsentSerializer, "toestemming", services.consent_record)
DisclosureListView = _family_list_create(Disclosure, DisclosureSerializer, "gegevensverstrekking",
                                         services.disclosure_record)
BreachListView = _family_list_create(ConfidentialityBreach, BreachSerializer, "afweging beroepsgeheim",
                                     services.breach_record)


class ConsentDetailView(generics.GenericAPIView):
    serializer_class = ConsentSerializer

    def _consent(self, request, family_id, consent_id, **kwargs):
        family, _grant = access_family(request, family_id, object_type="toestemming", object_id=consent_id, **kwargs)
        return get_object_or_404(Consent, family=family, pk=consent_id, removed_at__isnull=True)

    def get(self, request, family_id, consent_id):
        return Response(ConsentSerializer(self._consent(request, family_id, consent_id)).data)

    @extend_schema(request=RevokeSerializer, responses=ConsentSerializer)
    def delete(self, request, family_id, consent_id):
        """Revoke (intrekken): nothing more is shared under this consent."""
        consent = self._consent(request, family_id, consent_id, action=AccessAction.UPDATE, edit=True)
        data = RevokeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        consent = services.consent_revoke(actor=request.user, consent=consent, **data.validated_data)
        return Response(ConsentSerializer(consent).data)


class ConsultationSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="code", queryset=Municipality.objects.all())
    consulted = serializers.SlugRelatedField(slug_field="public_id", queryset=User.objects.filter(is_active=True))

    class Meta:
        model = AnonymousConsultation
        fields = ["id", "municipality", "direction", "consulted", "held_on", "question", "advice", "created_at"]
        read_only_fields = ["id", "direction", "created_at"]


class ConsultationListView(generics.GenericAPIView):
    serializer_class = ConsultationSerializer

    def get(self, request):
        page = self.paginate_queryset(selectors.my_consultations(request.user))
        return self.get_paginated_response(ConsultationSerializer(page, many=True).data)

    def post(self, request):
        data = ConsultationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        consultation = services.anonymous_consultation_record(actor=request.user, **data.validated_data)
        return Response(ConsultationSerializer(consultation).data, status=status.HTTP_201_CREATED)


class ConsultationCountSerializer(serializers.Serializer):
    municipality__name = serializers.CharField()
    requester_organisation__name = serializers.CharField()
    direction = serializers.CharField()
    count = serializers.IntegerField()


class ConsultationCountsView(generics.GenericAPIView):
    serializer_class = ConsultationCountSerializer
    pagination_class = None

    def get(self, request):
        if request.user.role not in (Role.POLICY_OFFICER, Role.TEAM_LEAD):
            raise PermissionDenied()
        return Response(ConsultationCountSerializer(selectors.consultation_counts(), many=True).data)


class EmergencyInputSerializer(serializers.Serializer):
    bsn = serializers.CharField(max_length=11)
    birth_date = serializers.DateField()
    reason = serializers.CharField(max_length=1000, allow_blank=True)


class EmergencyAccessSerializer(serializers.ModelSerializer):
    class Meta:
        model = EmergencyAccess
        fields = ["id", "family", "reason", "opened_at", "expires_at", "reviewed_at", "review_note"]


class EmergencyAccessView(generics.GenericAPIView):
    serializer_class = EmergencyInputSerializer

    @extend_schema(request=EmergencyInputSerializer, responses={201: EmergencyAccessSerializer})
    def post(self, request):
        data = EmergencyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        from gezinsplan.core import policy

        if not policy.sees_personal_data(request.user):
            raise PermissionDenied()
        family = services.emergency_find_family(bsn=data.validated_data["bsn"].replace(" ", ""),
                                                birth_date=data.validated_data["birth_date"])
        if family is None:
            raise serializers.ValidationError({"non_field_errors": [
                _("Geen gezin gevonden met deze combinatie van BSN en geboortedatum.")]})
        access = services.emergency_access_open(actor=request.user, family=family,
                                                reason=data.validated_data["reason"])
        access_family(request, family.pk, object_type="noodtoegang")
        return Response(EmergencyAccessSerializer(access).data, status=status.HTTP_201_CREATED)


class EmergencyReviewListView(generics.GenericAPIView):
    serializer_class = EmergencyAccessSerializer

    def get(self, request):
        if request.user.role != Role.TEAM_LEAD:
            raise PermissionDenied()
        page = self.paginate_queryset(services.emergency_reviewable(request.user))
        return self.get_paginated_response(EmergencyAccessSerializer(page, many=True).data)


class LogSearchInputSerializer(serializers.Serializer):
    bsn = serializers.CharField(max_length=11, required=False, allow_blank=True)
    username = serializers.CharField(max_length=150, required=False, allow_blank=True)
    action = serializers.ChoiceField(choices=AccessAction.choices, required=False, allow_blank=True)
    emergency = serializers.BooleanField(required=False)
    since = serializers.DateField(required=False, allow_null=True)
    until = serializers.DateField(required=False, allow_null=True)

    def validate(self, attrs):
        if not attrs.get("bsn") and not attrs.get("username"):
            raise serializers.ValidationError({"non_field_errors": [_("Vul een BSN of een gebruikersnaam in.")]})
        return attrs


class LogEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AccessLogEntry
        fields = [
            "seq",
            "occurred_at",
            "username",
            "role",
            "organisation",
            "family_id",
            "action",
            "object_type",
            "channel",
            "reason",
            "purpose",
            "emergency",
        ]


class LogSearchView(generics.GenericAPIView):
    """The privacy officer's search (POST, so a BSN never lands in a URL); requires a two-factor session."""

    serializer_class = LogSearchInputSerializer

    @extend_schema(request=LogSearchInputSerializer, responses=LogEntrySerializer(many=True))
    def post(self, request):
        user = request.user
        if user.role != Role.PRIVACY_OFFICER:
            raise PermissionDenied()
        if not getattr(request._request.user, "is_verified", lambda: False)():
            raise PermissionDenied(_("Tweestapsverificatie is verplicht voor de toegangslog."))
        data = LogSearchInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        entries = selectors.log_search(officer=user, bsn=values.get("bsn", ""), username=values.get("username", ""),
                                       filters=values)
        page = self.paginate_queryset(entries)
        for family_id in {e.family_id for e in page if e.family_id}:
            log_access(
                request,
                family_id=family_id,
                action=AccessAction.SEARCH,
                object_type="toegangslog (controle)",
                reason="controle toegangslog door de privacyfunctionaris",
                purpose="controle op rechtmatig gebruik (NEN 7513)",
            )
        return self.get_paginated_response(LogEntrySerializer(page, many=True).data)
