"""English as the second interface language: a complete catalogue, a switch, and Dutch by default."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import UserFactory, involve

PO_FILE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%%|%[sdf]|\{\w*\}")
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    return re.sub(r"\\(.)", lambda match: ESCAPES.get(match.group(1), match.group(1)), body)


def parse_po(text: str) -> list[dict]:
    """The entries of a .po file (standard library only): msgid, msgid_plural, msgstr[n] and the flags."""
    entries = []
    for block in re.split(r"\n\s*\n", text.strip()):
        entry = {"flags": set(), "obsolete": False}
        key = None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[key] += _unquote(line)
            else:
                key, _space, value = line.partition(" ")
                entry[key] = _unquote(value)
        if "msgid" in entry:
            entries.append(entry)
    return entries


def _translations(entry: dict) -> list[tuple[str, str]]:
    """(source, translation) pairs of one entry; a plural entry gives one pair per form."""
    if "msgid_plural" in entry:
        forms = sorted(key for key in entry if key.startswith("msgstr["))
        return [(entry["msgid"] if form == "msgstr[0]" else entry["msgid_plural"], entry[form]) for form in forms]
    return [(entry["msgid"], entry.get("msgstr", ""))]


def test_english_catalogue_is_complete_without_fuzzy_entries_and_keeps_placeholders():
    """Every Dutch msgid has an English msgstr, none is fuzzy, and placeholders survive the translation.

    Fails after makemessages picked up a new Dutch string that nobody translated yet."""
    assert MO_FILE.exists(), "Run compilemessages: the compiled catalogue django.mo is missing."
    entries = [entry for entry in parse_po(PO_FILE.read_text(encoding="utf-8")) if entry["msgid"]]
    assert len(entries) > 1000
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    obsolete = [entry["msgid"] for entry in entries if entry["obsolete"]]
    untranslated = [source for entry in entries for source, target in _translations(entry) if not target.strip()]
    wrong_placeholders = [
        (source, target)
        for entry in entries
        if not entry["obsolete"]
        for source, target in _translations(entry)
        if "no-python-format" not in entry["flags"]
        and sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target))
    ]
    assert fuzzy == [], f"Fuzzy entries in {PO_FILE.name}: {fuzzy[:5]}"
    assert obsolete == [], f"Obsolete entries in {PO_FILE.name} (makemessages --no-obsolete): {obsolete[:5]}"
    assert untranslated == [], f"{len(untranslated)} untranslated entries, e.g. {untranslated[:5]}"
    assert wrong_placeholders == [], f"Placeholders differ: {wrong_placeholders[:5]}"


def test_catalogue_is_compiled_after_the_last_change_of_the_po_file():
    """The .mo that Django loads holds the same translations as the .po (no stale compile)."""
    from django.utils.translation import gettext as _
    from django.utils.translation import override

    entries = [
        entry
        for entry in parse_po(PO_FILE.read_text(encoding="utf-8"))
        if entry["msgid"] and "msgid_plural" not in entry and not entry["obsolete"] and "msgctxt" not in entry
    ]
    with override("en"):
        stale = [entry["msgid"] for entry in entries if _(entry["msgid"]) != entry["msgstr"]]
    assert stale == [], f"django.mo is out of date; run compilemessages. E.g. {stale[:3]}"


@pytest.mark.django_db
def test_login_page_in_english_with_the_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("accounts:login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Log in to Gezinsplan" in html
    assert "Inloggen bij Gezinsplan" not in html
    assert "Skip to content" in html and "Naar de inhoud" not in html
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
def test_caseload_of_a_professional_in_english_with_the_language_cookie():
    user = UserFactory()
    involve(user)
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("families:caseload"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "My families" in html and "Mijn gezinnen" not in html
    assert "1 family you are involved with" in html and "gezin waarbij u betrokken bent" not in html
    assert "Log out" in html and "Uitloggen" not in html
    assert "Filter by family name" in html
    # app.js reads its htmx error messages from the live region, so they follow the language too.
    assert 'data-msg-offline="No connection to the server. Check your network and try again."' in html


@pytest.mark.django_db
def test_dutch_by_default_even_when_the_browser_asks_for_english():
    user = UserFactory()
    involve(user)
    client = client_for(user)
    response = client.get(reverse("families:caseload"), headers={"accept-language": "en-GB,en;q=0.9"})
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Mijn gezinnen" in html and "My families" not in html
    assert response["Content-Language"] == "nl"

    anonymous = Client()
    login = anonymous.get(reverse("accounts:login"), headers={"accept-language": "en"}).content.decode()
    assert "Inloggen bij Gezinsplan" in login and "Log in to Gezinsplan" not in login


@pytest.mark.django_db
def test_language_switch_in_the_header_sets_the_cookie_without_javascript(client):
    """The header offers a POST form to set_language for anonymous and logged-in users; it sets the cookie."""
    page = client.get(reverse("accounts:login")).content.decode()
    assert f'action="{reverse("set_language")}"' in page
    assert re.search(r'<button[^>]*name="language" value="en"[^>]*>.*?<span lang="en">English</span>', page)

    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("accounts:login")})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en" and cookie["httponly"] and cookie["samesite"] == "Lax"
    english = client.get(reverse("accounts:login")).content.decode()
    assert "Log in to Gezinsplan" in english
    assert re.search(r'value="nl"[^>]*>.*?<span lang="nl">Nederlands</span>', english)

    user = UserFactory()
    involve(user)
    logged_in = client_for(user)
    caseload = logged_in.get(reverse("families:caseload")).content.decode()
    assert f'action="{reverse("set_language")}"' in caseload
    logged_in.post(reverse("set_language"), {"language": "en", "next": reverse("families:caseload")})
    assert "My families" in logged_in.get(reverse("families:caseload")).content.decode()


@pytest.mark.django_db
def test_unknown_language_in_the_cookie_falls_back_to_dutch(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Inloggen bij Gezinsplan" in html


EAGER_GETTEXT = {"gettext", "ngettext", "pgettext", "npgettext"}


def _import_time_gettext_calls(path: Path) -> list[int]:
    """Lines where a module or class body calls the eager gettext: evaluated once, in Dutch, at import time."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    eager = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in EAGER_GETTEXT
    }
    lines = []

    def visit(node, in_function):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            evaluated_now = [
                *node.args.defaults,
                *(d for d in node.args.kw_defaults if d),
                *getattr(node, "decorator_list", []),
            ]
            for child in evaluated_now:
                visit(child, in_function)
            for child in node.body if isinstance(node.body, list) else [node.body]:
                visit(child, True)
            return
        if not in_function and isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in eager:
            lines.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, in_function)

    if eager:
        visit(tree, False)
    return lines


def test_no_gettext_evaluated_at_import_time():
    """Module constants, form fields and serializer help texts use gettext_lazy; the eager gettext there would
    freeze the Dutch text for every user, whatever language they chose."""
    package = Path(settings.LOCALE_PATHS[0]).parent
    offenders = {
        str(path.relative_to(package)): lines
        for path in sorted(package.rglob("*.py"))
        if "migrations" not in path.parts and (lines := _import_time_gettext_calls(path))
    }
    assert offenders == {}, f"Use gettext_lazy outside functions: {offenders}"


@pytest.mark.django_db
def test_method_page_translates_module_level_texts():
    """The nine principles are module constants (gettext_lazy): they follow the chosen language per request."""
    client = client_for(UserFactory())
    assert "We praten altijd met het kind." in client.get(reverse("cases:method")).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("cases:method")).content.decode()
    assert "We always talk with the child." in html and "We praten altijd met het kind." not in html


def test_composed_choice_labels_follow_the_language():
    """Labels composed at import time (kind: signal) stay lazy, so the barrier form is English in English."""
    from django.utils.translation import override

    from gezinsplan.collaboration.forms import BarrierForm

    with override("en"):
        labels = [str(label) for _key, label in BarrierForm.base_fields["signals"].choices]
    assert "lasting difference in focus, language or way of working: the help is stuck in a pattern" in labels
    with override("nl"):
        labels = [str(label) for _key, label in BarrierForm.base_fields["signals"].choices]
    assert "blijvend verschil in focus, taal of werkwijze: de hulp zit vast in een patroon" in labels
