"""The shape of a safety-plan version's content (seed 000, 'Onderdelen veiligheidsplan'), its checks and labels.

A version's content is one JSON object:

    cause_what, cause_reported_by, cause_reported_on      1. Aanleiding (R127)
    acute_risks, consequences, concerns, strengths         2. Zorgen en krachten (R128)
    danger_statement                                       what we fear if nothing changes (R667)
    agreements: [{id, what, who, since, watched}]          3. Veiligheidsafspraken (R129, R384, R553)
    no_agreements_reason                                   why none could be made (R374)
    network_strengths, network_part                        what the network does (R129, R553)
    supporter, monitor                                     who supports the parents, who watches (R382)
    bottom_lines: [{id, text, consequence}]                bodemeisen with their consequence (R239, R552)
    six_looks_like                                         what the '6' looks like, in the family's words (R126, R152)
    lower_limit, lower_limit_plan                          the agreed lower limit and the plan when crossed (R129)
    unable_steps                                           steps when parents cannot keep the plan (R375, R384)
    parties: [{name, explained}]                           who is bound; agreements and consequences explained (R241)
    made_with_parents, not_with_parents_reason             owned by the parents (R383)
    agreed_by, agreed_on, agreed_how                       the parents' agreement (who, when, how)
    must_change                                            bookend: what must visibly change (exit criterion, R667)
    behaviours: [{id, behaviour, effect}]                  concrete unsafe behaviour and its effect (R579)
    supporters: [{name, kind, role, contributes}]          who supports the children's safety (R553, R410)
    probation_conditions: [{id, condition, consequence}]   youth probation (JR) conditions (R558)
    parents_view                                           the parents' view when they disagree (R600)
    parents_regie                                          the parents hold direction (R410)

An agreement also records who agreed to it (`agreed_by`, R553) and the network meeting where it was fed back
(`fed_back_at`, R066); a bottom line is a condition (voorwaarde) with a deadline, the agency that set it and a
status (R621).
"""

from __future__ import annotations

import re
import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TEXT_FIELDS = {
    "cause_what": gettext_lazy("Wat is er concreet gebeurd?"),
    "cause_reported_by": gettext_lazy("Wie heeft gemeld?"),
    "acute_risks": gettext_lazy("Wat zijn de acute veiligheidsrisico's?"),
    "consequences": gettext_lazy("Wat zijn de gevolgen voor de kinderen?"),
    "concerns": gettext_lazy("Concrete zorgen"),
    "strengths": gettext_lazy("Concrete krachten die de zorgen compenseren"),
    "danger_statement": gettext_lazy("Waar zijn we bang voor als er niets verandert? (danger statement)"),
    "no_agreements_reason": gettext_lazy("Waarom konden (nog) geen afspraken worden gemaakt?"),
    "network_strengths": gettext_lazy("Welke krachten boren we aan in het netwerk?"),
    "network_part": gettext_lazy("Wat doet het netwerk?"),
    "supporter": gettext_lazy("Wie ondersteunt de ouders direct?"),
    "monitor": gettext_lazy("Wie ziet toe op de afspraken?"),
    "six_looks_like": gettext_lazy("Zo ziet een '6' er bij ons uit"),
    "lower_limit_plan": gettext_lazy("Ons plan als de ondergrens wordt overschreden"),
    "unable_steps": gettext_lazy("Stappen als de ouders de veiligheid niet kunnen waarborgen"),
    "not_with_parents_reason": gettext_lazy("Waarom is het plan niet samen met de ouders gemaakt?"),
    "agreed_by": gettext_lazy("Akkoord van (wie)"),
    "agreed_how": gettext_lazy("Hoe gaven zij akkoord?"),
    "must_change": gettext_lazy("Wat moet zichtbaar veranderen zodat de kinderen veilig zijn?"),
    "parents_view": gettext_lazy("Zienswijze van de ouders (als zij het niet eens zijn)"),
}
OTHER_LABELS = {
    "cause_reported_on": gettext_lazy("Wanneer is het gebeurd?"),
    "lower_limit": gettext_lazy("Ondergrens op de veiligheidsschaal"),
    "made_with_parents": gettext_lazy("Samen met de ouders gemaakt"),
    "agreed_on": gettext_lazy("Akkoord op (datum)"),
    "parents_regie": gettext_lazy("De ouders houden de regie"),
}
LIST_FIELDS = {
    "agreements": (
        gettext_lazy("Afspraak"),
        {
            "what": gettext_lazy("wat"),
            "who": gettext_lazy("wie"),
            "since": gettext_lazy("vanaf wanneer"),
            "watched": gettext_lazy("hoe houden we het in de gaten"),
            "agreed_by": gettext_lazy("wie stemden in"),
            "fed_back_at": gettext_lazy("teruggekoppeld in netwerkberaad"),
        },
    ),
    "bottom_lines": (
        gettext_lazy("Bodemeis"),
        {
            "text": gettext_lazy("wat mag niet meer gebeuren"),
            "consequence": gettext_lazy("gevolg"),
            "deadline": gettext_lazy("zichtbaar uiterlijk"),
            "set_by": gettext_lazy("gesteld door"),
            "status": gettext_lazy("status"),
        },
    ),
    "behaviours": (
        gettext_lazy("Onveilig gedrag"),
        {"behaviour": gettext_lazy("concreet gedrag"), "effect": gettext_lazy("effect op de kinderen")},
    ),
    "supporters": (
        gettext_lazy("Steunfiguur"),
        {
            "name": gettext_lazy("naam"),
            "kind": gettext_lazy("soort"),
            "role": gettext_lazy("rol"),
            "contributes": gettext_lazy("wat draagt bij"),
        },
    ),
    "probation_conditions": (
        gettext_lazy("Voorwaarde jeugdreclassering"),
        {"condition": gettext_lazy("voorwaarde"), "consequence": gettext_lazy("gevolg")},
    ),
    "parties": (
        gettext_lazy("Betrokkene"),
        {"name": gettext_lazy("naam"), "explained": gettext_lazy("afspraken en gevolgen uitgelegd")},
    ),
}

CONDITION_STATUSES = {
    "open": gettext_lazy("nog niet zichtbaar"),
    "met": gettext_lazy("nageleefd"),
    "not_met": gettext_lazy("niet nageleefd"),
}
SUPPORTER_KINDS = {
    "network": gettext_lazy("eigen netwerk"),
    "professional": gettext_lazy("professioneel netwerk"),
    "family": gettext_lazy("gezin"),
}
DATE_ROW_FIELDS = {"since", "deadline"}
NO_ID_LISTS = {"parties", "supporters"}

MAX_TEXT = 4000
MAX_ITEMS = 40
# Markup in a text field is refused, not stored: the plan is printed and read by parents.
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]|javascript:", re.IGNORECASE)
MARKUP_MESSAGE = gettext_lazy("Gebruik gewone tekst: HTML-code of scripts zijn niet toegestaan.")


def check_text(value: object, *, max_length: int = MAX_TEXT) -> str:
    """Plain text, stripped; raises a Dutch ValidationError on markup or excess length."""
    text = "" if value is None else str(value).strip()
    if MARKUP.search(text):
        raise ValidationError(MARKUP_MESSAGE, code="markup")
    if len(text) > max_length:
        raise ValidationError(_("Maximaal %(n)s tekens.") % {"n": max_length}, code="too_long")
    return text


def _date(value) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValidationError(_("Vul een geldige datum in."), code="date") from None


def _item_id(value) -> str:
    text = str(value or "").strip()
    return text if re.fullmatch(r"[a-z0-9]{1,40}", text) else uuid.uuid4().hex[:12]


def clean_content(raw: dict) -> dict:
    """Validate and normalise a submitted content; all errors at once, keyed by field (Dutch messages)."""
    errors: dict[str, list[str]] = {}
    content: dict = {}

    def add(key, message):
        errors.setdefault(key, []).append(str(message))

    for key in TEXT_FIELDS:
        try:
            content[key] = check_text(raw.get(key))
        except ValidationError as error:
            add(key, error.messages[0])
    for key in ("cause_reported_on", "agreed_on"):
        try:
            content[key] = _date(raw.get(key))
        except ValidationError as error:
            add(key, error.messages[0])
    limit = raw.get("lower_limit")
    if limit in (None, ""):
        content["lower_limit"] = None
    else:
        try:
            content["lower_limit"] = int(limit)
            if str(limit).strip() != str(int(limit)) or not 1 <= content["lower_limit"] <= 10:
                raise ValueError
        except (TypeError, ValueError):
            content["lower_limit"] = None
            add("lower_limit", _("De ondergrens is een heel getal van 1 tot en met 10."))
    content["made_with_parents"] = bool(raw.get("made_with_parents", True))
    content["parents_regie"] = bool(raw.get("parents_regie", False))

    for key, (noun, fields) in LIST_FIELDS.items():
        rows = []
        for index, row in enumerate(raw.get(key) or [], start=1):
            row = row or {}
            cleaned = {"id": _item_id(row.get("id"))} if key not in NO_ID_LISTS else {}
            for name in fields:
                if name == "explained":
                    cleaned[name] = bool(row.get(name))
                    continue
                try:
                    value = row.get(name)
                    cleaned[name] = _date(value) if name in DATE_ROW_FIELDS else check_text(value, max_length=500)
                except ValidationError as error:
                    add(key, f"{noun} {index}: {error.messages[0]}")
                    cleaned[name] = ""
            if not any(v for k, v in cleaned.items() if k not in ("id", "explained", "status", "kind")):
                continue  # an empty row of the form
            rows.append(cleaned)
        if len(rows) > MAX_ITEMS:
            add(key, _("Te veel regels (maximaal %(n)s).") % {"n": MAX_ITEMS})
        content[key] = rows

    for index, agreement in enumerate(content["agreements"], start=1):
        if not agreement["who"]:
            add(
                "agreements",
                _("Afspraak %(n)s: vul in wie het doet. Een afspraak zonder 'wie' is niet uitvoerbaar.") % {"n": index},
            )
        if not agreement["what"]:
            add("agreements", _("Afspraak %(n)s: vul in wat er is afgesproken.") % {"n": index})
    for index, agreement in enumerate(content["agreements"], start=1):
        if agreement["what"] and agreement["who"] and not agreement["agreed_by"]:
            add(
                "agreements",
                _("Afspraak %(n)s: vul in wie ermee instemden (gezin, eigen netwerk, professionals) (R553).")
                % {"n": index},
            )
    for index, line in enumerate(content["bottom_lines"], start=1):
        line["status"] = line.get("status") or "open"
        if line["status"] not in CONDITION_STATUSES:
            add("bottom_lines", _("Bodemeis %(n)s: kies een geldige status.") % {"n": index})
        if not line["text"]:
            add("bottom_lines", _("Bodemeis %(n)s: beschrijf wat niet meer mag gebeuren.") % {"n": index})
        if not line["consequence"]:
            add(
                "bottom_lines",
                _("Bodemeis %(n)s: vul het gevolg in als de bodemeis niet wordt nageleefd (R552).") % {"n": index},
            )
    for index, row in enumerate(content["behaviours"], start=1):
        if not (row["behaviour"] and row["effect"]):
            add(
                "behaviours",
                _("Onveilig gedrag %(n)s: beschrijf het concrete gedrag én het effect op de kinderen (R579).")
                % {"n": index},
            )
    for index, row in enumerate(content["supporters"], start=1):
        row["kind"] = row.get("kind") or "network"
        if not row["name"]:
            add("supporters", _("Steunfiguur %(n)s: vul de naam in.") % {"n": index})
        if row["kind"] not in SUPPORTER_KINDS:
            add(
                "supporters", _("Steunfiguur %(n)s: kies eigen netwerk, professioneel netwerk of gezin.") % {"n": index}
            )
    for index, row in enumerate(content["probation_conditions"], start=1):
        if not row["condition"]:
            add("probation_conditions", _("Voorwaarde %(n)s: beschrijf de voorwaarde.") % {"n": index})
        if not row["consequence"]:
            add(
                "probation_conditions",
                _("Voorwaarde %(n)s: vul het gevolg in als de voorwaarde niet wordt nageleefd (R558).") % {"n": index},
            )
    for index, party in enumerate(content["parties"], start=1):
        if not party["name"]:
            add("parties", _("Betrokkene %(n)s: vul de naam in.") % {"n": index})

    if not content.get("cause_what"):
        add("cause_what", _("Beschrijf concreet wat er is gebeurd: de aanleiding van het plan (R127)."))
    if not content["agreements"] and not content.get("no_agreements_reason"):
        add("agreements", _("Leg de veiligheidsafspraken vast, of leg uit waarom dat (nog) niet lukte (R374)."))
    if content["lower_limit"] is not None and not content.get("lower_limit_plan"):
        add("lower_limit_plan", _("Beschrijf het plan voor als de ondergrens wordt overschreden (R129)."))
    if not content["made_with_parents"] and not content.get("not_with_parents_reason"):
        add("not_with_parents_reason", _("Leg uit waarom het plan niet samen met de ouders is gemaakt (R383)."))
    if errors:
        raise ValidationError(errors)
    return content


def vague_terms() -> list[str]:
    """R579: the configurable catch-all terms (containerbegrippen) that do not describe behaviour."""
    from django.conf import settings

    return list(settings.GEZINSPLAN_METHOD.get("vague_terms", DEFAULT_VAGUE_TERMS))


DEFAULT_VAGUE_TERMS = (
    "onveilig",
    "zorgelijk",
    "verwaarlozing",
    "problemen",
    "problematiek",
    "multiproblem",
    "instabiel",
    "escalatie",
    "spanningen",
    "ruzie",
    "onrust",
    "opvoedingsonmacht",
)
_WORDS = re.compile(r"[a-zà-ÿ]+", re.IGNORECASE)
_FILLER = {
    "de",
    "het",
    "een",
    "en",
    "of",
    "er",
    "is",
    "zijn",
    "in",
    "thuis",
    "gezin",
    "veel",
    "erg",
    "ernstige",
    "ernstig",
    "sprake",
    "van",
    "door",
    "bij",
    "op",
    "te",
    "met",
    "groot",
    "grote",
}


def only_vague(text: str) -> bool:
    """True when a description uses nothing but catch-all terms (and filler words)."""
    words = [w.lower() for w in _WORDS.findall(text or "")]
    meaningful = [w for w in words if w not in _FILLER]
    terms = {t.lower() for t in vague_terms()}
    return bool(meaningful) and all(w in terms for w in meaningful)


def vague_warnings(content: dict) -> list[str]:
    """R579: warn (not refuse) when a behaviour or its effect is described with catch-all terms only."""
    warnings = []
    for index, row in enumerate(content.get("behaviours", []), start=1):
        for name in ("behaviour", "effect"):
            if only_vague(row.get(name, "")):
                warnings.append(
                    _(
                        "Onveilig gedrag %(n)s: '%(text)s' is een containerbegrip. Beschrijf concreet wat "
                        "er gebeurt, zoals de buurman het kan zien (R579)."
                    )
                    % {"n": index, "text": row[name]}
                )
    return warnings


def carry_ids(raw: dict, previous: dict) -> dict:
    """Rows submitted without an id keep the id of the same agreement or bottom line in the previous version
    (matched on its text), so a breach stays linked to 'the same' agreement across versions."""
    raw = dict(raw)
    for key, text_field in (("agreements", "what"), ("bottom_lines", "text")):
        known = {str(row.get(text_field, "")).strip(): row.get("id") for row in previous.get(key, [])}
        rows = []
        for row in raw.get(key) or []:
            row = dict(row or {})
            if not row.get("id") and str(row.get(text_field, "")).strip() in known:
                row["id"] = known[str(row.get(text_field, "")).strip()]
            rows.append(row)
        raw[key] = rows
    return raw


def visible_changes(changes) -> list:
    """Differences a reader cares about: not the internal ids of rows."""
    return [c for c in changes if not c.path.endswith(".id")]


def missing_parts(content: dict) -> list[str]:
    """What a saved plan still lacks before it is complete (R129, R375, R382, R126); shown, not enforced."""
    missing = []
    if not content.get("bottom_lines"):
        missing.append(_("bodemeisen"))
    if content.get("lower_limit") is None:
        missing.append(_("de ondergrens met het gezin"))
    if not content.get("six_looks_like"):
        missing.append(_("hoe de '6' eruitziet"))
    if not content.get("unable_steps"):
        missing.append(_("stappen als de ouders de veiligheid niet kunnen waarborgen"))
    if not (content.get("supporter") and content.get("monitor")):
        missing.append(_("wie de ouders ondersteunt en wie toeziet"))
    if not (content.get("agreed_by") and content.get("agreed_on")):
        missing.append(_("het akkoord van de ouders"))
    return missing


def path_label(path: str) -> str:
    """'agreements.2.who' → 'Afspraak 2: wie'."""
    parts = path.split(".")
    if parts[0] in LIST_FIELDS:
        noun, fields = LIST_FIELDS[parts[0]]
        if len(parts) == 3:
            return f"{noun} {parts[1]}: {fields.get(parts[2], parts[2])}"
        return f"{noun} {parts[1]}" if len(parts) == 2 else str(noun)
    return str(TEXT_FIELDS.get(parts[0]) or OTHER_LABELS.get(parts[0]) or path)


def show(value) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return _("ja")
    if value is False:
        return _("nee")
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items() if k != "id" and v not in ("", None))
    return str(value)
