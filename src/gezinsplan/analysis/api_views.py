"""API of the analysis and the family plan: the same choke points, policy and access log as the pages."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from gezinsplan.analysis import selectors, services
from gezinsplan.analysis import serializers as s
from gezinsplan.analysis.models import (
    Background,
    ConcernOrStrength,
    ContactNote,
    DangerStatement,
    FamilyAnalysis,
    Goal,
    HelpEpisode,
    InstrumentUse,
    IntakeTask,
    LifeDomainReview,
    ParentingQuestionnaire,
    PatternElement,
    PlanEndorsement,
    RelationalFunction,
    ScreeningItem,
    TimelineEvent,
)
from gezinsplan.api.serializers import RemoveSerializer
from gezinsplan.core.access import access_family
from gezinsplan.core.versioning import StaleVersion
from gezinsplan.privacy.models import AccessAction


def _version(request):
    value = request.data.get("version")
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        raise serializers.ValidationError({"version": [_("Ongeldige versie.")]}) from None


# collection -> (model, serializer, object type, url kwarg, add, update, remove)
COLLECTIONS = {
    "timeline-events": (TimelineEvent, s.TimelineEventSerializer, "tijdlijn", "event_id",
                        lambda u, f, v: services.timeline_event_add(actor=u, family=f, **v),
                        lambda u, o, n, v: services.timeline_event_update(actor=u, event=o, version=n, **v),
                        lambda u, o, r: services.timeline_event_remove(actor=u, event=o, reason=r)),
    "help-episodes": (HelpEpisode, s.HelpEpisodeSerializer, "hulpverleningsgeschiedenis", "help_id",
                      lambda u, f, v: services.help_episode_add(actor=u, family=f, **v),
                      lambda u, o, n, v: services.help_episode_update(actor=u, episode=o, version=n, **v),
                      lambda u, o, r: services.help_episode_remove(actor=u, episode=o, reason=r)),
    "backgrounds": (Background, s.BackgroundSerializer, "achtergrond", "background_id",
                    lambda u, f, v: services.background_add(actor=u, family=f, **v),
                    lambda u, o, n, v: services.background_update(actor=u, background=o, version=n, **v),
                    lambda u, o, r: services.background_remove(actor=u, background=o, reason=r)),
    "concerns": (ConcernOrStrength, s.ConcernSerializer, "zorgen en krachten", "concern_id",
                 lambda u, f, v: services.concern_add(actor=u, family=f, **v),
                 lambda u, o, n, v: services.concern_update(actor=u, concern=o, version=n, **v),
                 lambda u, o, r: services.concern_remove(actor=u, concern=o, reason=r)),
    "danger-statements": (DangerStatement, s.DangerStatementSerializer, "danger statement", "danger_id",
                          lambda u, f, v: services.danger_statement_add(actor=u, family=f, **v),
                          lambda u, o, n, v: services.danger_statement_update(actor=u, statement=o, version=n, **v),
                          lambda u, o, r: services.danger_statement_remove(actor=u, statement=o, reason=r)),
    "pattern-elements": (PatternElement, s.PatternElementSerializer, "gezinspatroon", "element_id",
                         lambda u, f, v: services.pattern_element_add(actor=u, family=f, **v),
                         lambda u, o, n, v: services.pattern_element_update(actor=u, element=o, version=n, **v),
                         lambda u, o, r: services.pattern_element_remove(actor=u, element=o, reason=r)),
    "goals": (Goal, s.GoalSerializer, "doel", "goal_id",
              lambda u, f, v: services.goal_add(actor=u, family=f, **{k: x for k, x in v.items()
                                                                       if k != "progress_note"}),
              lambda u, o, n, v: services.goal_update(actor=u, goal=o, version=n, **v),
              lambda u, o, r: services.goal_remove(actor=u, goal=o, reason=r)),
    "screening-items": (ScreeningItem, s.ScreeningItemSerializer, "screening", "screening_id",
                        lambda u, f, v: services.screening_item_add(actor=u, family=f, **v),
                        lambda u, o, n, v: services.screening_item_update(actor=u, item=o, version=n, **v),
                        lambda u, o, r: services.screening_item_remove(actor=u, item=o, reason=r)),
    "life-domain-reviews": (LifeDomainReview, s.LifeDomainReviewSerializer, "feiten per leefgebied", "review_id",
                            lambda u, f, v: services.domain_review_add(actor=u, family=f, **v),
                            lambda u, o, n, v: services.domain_review_update(actor=u, review=o, version=n, **v),
                            lambda u, o, r: services.domain_review_remove(actor=u, review=o, reason=r)),
    "endorsements": (PlanEndorsement, s.EndorsementSerializer, "instemming gezinsplan", "endorsement_id",
                     lambda u, f, v: services.endorsement_add(actor=u, family=f, **v),
                     lambda u, o, n, v: services.endorsement_update(actor=u, endorsement=o, version=n, **v),
                     lambda u, o, r: services.endorsement_remove(actor=u, endorsement=o, reason=r)),
    "relational-functions": (RelationalFunction, s.RelationalFunctionSerializer, "relationele functie",
                             "function_id",
                             lambda u, f, v: services.relational_function_add(actor=u, family=f, **v),
                             lambda u, o, n, v: services.relational_function_update(actor=u, function=o, version=n,
                                                                                    **v),
                             lambda u, o, r: services.relational_function_remove(actor=u, function=o, reason=r)),
    "contact-notes": (ContactNote, s.ContactNoteSerializer, "contactnotitie", "note_id",
                      lambda u, f, v: services.contact_note_add(actor=u, family=f, **v),
                      lambda u, o, n, v: services.contact_note_update(actor=u, note=o, version=n, **v),
                      lambda u, o, r: services.contact_note_remove(actor=u, note=o, reason=r)),
    "instrument-uses": (InstrumentUse, s.InstrumentUseSerializer, "instrument", "instrument_use_id",
                        lambda u, f, v: services.instrument_use_add(actor=u, family=f, **v),
                        lambda u, o, n, v: services.instrument_use_update(actor=u, use=o, version=n, **v),
                        lambda u, o, r: services.instrument_use_remove(actor=u, use=o, reason=r)),
    "parenting-questionnaires": (ParentingQuestionnaire, s.QuestionnaireSerializer, "vragenlijst",
                                 "questionnaire_id",
                                 lambda u, f, v: services.questionnaire_add(actor=u, family=f, **v),
                                 lambda u, o, n, v: services.questionnaire_update(actor=u, questionnaire=o,
                                                                                  version=n, **v),
                                 lambda u, o, r: services.questionnaire_remove(actor=u, questionnaire=o, reason=r)),
    "intake-tasks": (IntakeTask, s.IntakeTaskSerializer, "informatie verzamelen", "intake_id",
                     lambda u, f, v: services.intake_task_add(actor=u, family=f, **v),
                     lambda u, o, n, v: services.intake_task_update(actor=u, task=o, version=n, **v),
                     lambda u, o, r: services.intake_task_remove(actor=u, task=o, reason=r)),
}
# R569: the matching approach is not in the API; the pages show it to the GI team only.


def _saved(result):
    return result[0] if isinstance(result, tuple) else result


class AnalysisView(generics.GenericAPIView):
    """The family's one analysis (R001, R030): read, start (POST) and change (PATCH with `version`)."""

    serializer_class = s.AnalysisSerializer

    def _analysis(self, family):
        analysis = FamilyAnalysis.objects.filter(family=family).first()
        if analysis is None:
            raise Http404(_("De analyse van dit gezin is nog niet gestart."))
        return analysis

    def get(self, request, family_id):
        family, _grant = access_family(request, family_id, object_type="analyse")
        page = selectors.analysis_page(family=family)
        if page.analysis is None:
            return Response({"started": False, "direct_safety_first": services.direct_safety_warning(family)})
        return Response({
            "started": True, **s.AnalysisSerializer(page.analysis).data,
            "completeness": {key: done for key, _label, done in page.completeness},
            "repetition": [{"kind": f.kind, "life_domain": f.life_domain, "message": f.message,
                            "items": [str(i.pk) for i in f.items]} for f in page.flags],
            "goals_without_pattern": [str(g.pk) for g in page.goals_without_pattern],
        })

    @extend_schema(request=s.StartSerializer, responses=s.AnalysisSerializer)
    def post(self, request, family_id):
        family, _grant = access_family(request, family_id, action=AccessAction.CREATE, object_type="analyse",
                                       edit=True)
        data = s.StartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        analysis = services.analysis_start(actor=request.user, family=family, **data.validated_data)
        return Response(s.AnalysisSerializer(analysis).data, status=status.HTTP_201_CREATED)

    def patch(self, request, family_id):
        family, _grant = access_family(request, family_id, action=AccessAction.UPDATE, object_type="analyse",
                                       edit=True)
        analysis = self._analysis(family)
        data = s.AnalysisSerializer(analysis, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        analysis = services.analysis_update(actor=request.user, analysis=analysis, version=_version(request),
                                            **data.validated_data)
        return Response(s.AnalysisSerializer(analysis).data)


class RowListView(generics.GenericAPIView):
    collection = "timeline-events"

    def get_serializer_class(self):
        return COLLECTIONS[self.collection][1]

    def get(self, request, family_id):
        model, serializer, object_type, *_rest = COLLECTIONS[self.collection]
        family, _grant = access_family(request, family_id, object_type=object_type)
        related = ["created_by", *(["professional"] if model is IntakeTask else [])]
        rows = model.objects.filter(family=family).select_related(*related).prefetch_related(
            *[f.name for f in model._meta.many_to_many]).order_by(
            *model._meta.ordering, "id")
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(serializer(page, many=True).data)

    def post(self, request, family_id):
        _model, serializer, object_type, _kwarg, add, *_rest = COLLECTIONS[self.collection]
        family, _grant = access_family(request, family_id, action=AccessAction.CREATE, object_type=object_type,
                                       edit=True)
        data = serializer(data=request.data, family=family)
        data.is_valid(raise_exception=True)
        result = add(request.user, family, dict(data.validated_data))
        body = serializer(_saved(result)).data
        if isinstance(result, tuple):
            body = {**body, "warnings": result[1]}
        return Response(body, status=status.HTTP_201_CREATED)


class RowDetailView(generics.GenericAPIView):
    collection = "timeline-events"

    def get_serializer_class(self):
        return COLLECTIONS[self.collection][1]

    def _row(self, request, kwargs, *, action=AccessAction.VIEW, edit=False):
        model, _serializer, object_type, kwarg, *_rest = COLLECTIONS[self.collection]
        record_id = kwargs[kwarg]
        family_id = model.objects.filter(pk=record_id).values_list("family_id", flat=True).first()
        if family_id is None:
            raise Http404(_("Niet gevonden"))
        family, _grant = access_family(request, family_id, action=action, object_type=object_type,
                                       object_id=record_id, edit=edit)
        row = model.objects.get(pk=record_id)
        row.family = family
        return row

    def get(self, request, **kwargs):
        return Response(COLLECTIONS[self.collection][1](self._row(request, kwargs)).data)

    def patch(self, request, **kwargs):
        serializer, update = COLLECTIONS[self.collection][1], COLLECTIONS[self.collection][5]
        row = self._row(request, kwargs, action=AccessAction.UPDATE, edit=True)
        data = serializer(row, data=request.data, partial=True, family=row.family)
        data.is_valid(raise_exception=True)
        saved = _saved(update(request.user, row, _version(request), dict(data.validated_data)))
        return Response(serializer(saved).data)

    @extend_schema(request=RemoveSerializer, responses={204: None})
    def delete(self, request, **kwargs):
        remove = COLLECTIONS[self.collection][6]
        row = self._row(request, kwargs, action=AccessAction.DELETE, edit=True)
        data = RemoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        remove(request.user, row, data.validated_data["reason"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class FamilyPlanView(generics.GenericAPIView):
    """The versions of the family plan (GET) and laying down a new version (POST, with `based_on`)."""

    serializer_class = s.PlanVersionSerializer

    def get(self, request, family_id):
        family, _grant = access_family(request, family_id, object_type="gezinsplan")
        page = selectors.analysis_page(family=family)
        current = page.current_version
        return Response({
            "current": s.PlanVersionSerializer(current).data if current else None,
            "versions": [{"number": v.number, "author": str(v.author), "created_at": v.created_at, "note": v.note}
                         for v in page.versions],
        })

    @extend_schema(request=s.PublishSerializer, responses=s.PlanVersionSerializer)
    def post(self, request, family_id):
        family, _grant = access_family(request, family_id, action=AccessAction.CREATE, object_type="gezinsplan",
                                       edit=True)
        data = s.PublishSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            version = services.family_plan_publish(actor=request.user, family=family,
                                                   based_on=data.validated_data.get("based_on"),
                                                   note=data.validated_data.get("note", ""))
        except StaleVersion as error:
            return Response({"non_field_errors": list(error.messages), "current_version": error.current.number,
                             "changes": [{"path": c.path, "old": c.old, "new": c.new} for c in error.changes]},
                            status=status.HTTP_409_CONFLICT)
        return Response(s.PlanVersionSerializer(version).data, status=status.HTTP_201_CREATED)


class FamilyPlanVersionView(generics.GenericAPIView):
    serializer_class = s.PlanVersionSerializer

    def get(self, request, family_id, version_number):
        family, _grant = access_family(request, family_id, object_type="gezinsplan")
        version = selectors.version(family=family, number=version_number)
        if version is None:
            raise Http404(_("Niet gevonden"))
        return Response(s.PlanVersionSerializer(version).data)
