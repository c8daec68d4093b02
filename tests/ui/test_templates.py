"""The shared page templates: base.html, the includes and the error pages.

They must stay CSP-clean (no style attributes, no inline scripts), accessible (skip link, lang, labels
wired to help and error text) and must not leak data on error pages.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.template.loader import get_template, render_to_string
from django.test import RequestFactory, override_settings
from django.urls import reverse

STATIC_DIR = Path(settings.PACKAGE_DIR) / "static"
TEMPLATE_DIR = Path(settings.PACKAGE_DIR) / "templates"


# --- helpers ----------------------------------------------------------------------------------------

class _Collector(HTMLParser):
    """Collects start tags with their attributes, inline scripts and duplicate attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.duplicate_attrs: list[tuple[str, str]] = []
        self._in_script_without_src = False
        self.inline_script_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = [name for name, _ in attrs]
        for name in set(names):
            if names.count(name) > 1:
                self.duplicate_attrs.append((tag, name))
        attr_dict = dict(attrs)
        self.tags.append((tag, attr_dict))
        if tag == "script" and not attr_dict.get("src"):
            self._in_script_without_src = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script_without_src = False

    def handle_data(self, data):
        if self._in_script_without_src:
            self.inline_script_text.append(data)

    def find(self, tag=None, **attrs):
        return [
            a for t, a in self.tags
            if (tag is None or t == tag) and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def ids(self):
        return [a["id"] for _, a in self.tags if a.get("id")]


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


def assert_csp_clean(html: str):
    doc = parse(html)
    assert not any("style" in attrs for _, attrs in doc.tags), "style= attribute found"
    assert "<style" not in html.lower(), "inline <style> element found"
    scripts = [attrs for tag, attrs in doc.tags if tag == "script"]
    assert all(attrs.get("src") for attrs in scripts), "inline <script> without src found"
    assert not any(name.startswith("on") for _, attrs in doc.tags for name in attrs), "inline event handler found"
    assert not re.search(r"javascript:", html, re.IGNORECASE)
    assert not doc.duplicate_attrs, f"duplicate attributes: {doc.duplicate_attrs}"
    ids = doc.ids()
    assert len(ids) == len(set(ids)), f"duplicate ids: {sorted(i for i in ids if ids.count(i) > 1)}"
    return doc


@pytest.fixture
def rf():
    return RequestFactory()


@pytest.fixture
def anon_request(rf):
    request = rf.get("/gezinnen/")
    request.user = AnonymousUser()
    return request


def fake_user(**kwargs):
    data = {
        "is_authenticated": True,
        "is_anonymous": False,
        "username": "avries",
        "get_full_name": lambda: "Anna de Vries",
        "organisation": SimpleNamespace(label="Lokaal team Noord", name="Lokaal team Noord"),
    }
    data.update(kwargs)
    return SimpleNamespace(**data)


@pytest.fixture
def user_request(rf):
    request = rf.get(reverse("families:search"))
    request.user = fake_user()
    # resolver_match drives aria-current in the navigation
    from django.urls import resolve

    request.resolver_match = resolve(reverse("families:search"))
    return request


def render_base(request, **context):
    return render_to_string("base.html", context, request=request)


# --- base.html --------------------------------------------------------------------------------------

def test_base_has_lang_skip_link_and_main_target(anon_request):
    html = render_base(anon_request)
    doc = assert_csp_clean(html)
    assert re.search(r'<html lang="nl">', html)
    skip = doc.find("a", href="#main")
    assert skip, "skip link to #main missing"
    assert "Naar de inhoud" in html
    # The skip link is the first focusable element in the body.
    body_index = next(i for i, (tag, _) in enumerate(doc.tags) if tag == "body")
    first_link = next(attrs for tag, attrs in doc.tags[body_index:] if tag in ("a", "button", "input"))
    assert first_link.get("href") == "#main"
    assert doc.find("main", id="main")


def test_base_theme_and_page_classes(anon_request):
    doc = parse(render_base(anon_request))
    body = doc.find("body")[0]
    classes = body["class"].split()
    for expected in ("voorbeeld-theme", "utrecht-document", "utrecht-body", "utrecht-root"):
        assert expected in classes
    assert doc.find("div", **{"class": "utrecht-page-layout"})


def test_base_loads_only_static_assets_with_defer(anon_request):
    html = render_base(anon_request)
    doc = parse(html)
    scripts = [attrs for tag, attrs in doc.tags if tag == "script"]
    assert [s["src"] for s in scripts] == ["/static/vendor/htmx.min.js", "/static/gezinsplan/app.js"]
    assert all("defer" in s for s in scripts)
    sheets = [attrs["href"] for tag, attrs in doc.tags if tag == "link" and attrs.get("rel") == "stylesheet"]
    assert sheets == [
        "/static/vendor/voorbeeld-design-tokens.css",
        "/static/vendor/utrecht-component-library.css",
        "/static/gezinsplan/theme.css",
    ]
    # htmx must not inject its indicator <style> (CSP style-src 'self').
    meta = doc.find("meta", name="htmx-config")[0]
    assert '"includeIndicatorStyles": false' in meta["content"]


def test_base_csrf_header_for_htmx(anon_request):
    html = render_base(anon_request)
    match = re.search(r"hx-headers='\{\"X-CSRFToken\": \"([^\"]+)\"\}'", html)
    assert match and len(match.group(1)) >= 32


def test_demo_banner_only_in_demo_mode(anon_request):
    assert "Demo-omgeving: fictieve gegevens" in render_base(anon_request, DEMO_MODE=True)
    assert "Demo-omgeving" not in render_base(anon_request, DEMO_MODE=False)
    with override_settings(DEMO_MODE=True):  # via the context processor
        assert "Demo-omgeving: fictieve gegevens" in render_base(anon_request)
    with override_settings(DEMO_MODE=False):
        assert "Demo-omgeving" not in render_base(anon_request)


def test_anonymous_sees_no_navigation_or_user(anon_request):
    html = render_base(anon_request)
    assert 'aria-label="Hoofdmenu"' not in html
    assert "Uitloggen" not in html
    assert reverse("accounts:login") in html


def test_authenticated_navigation_user_and_logout(user_request):
    html = render_base(user_request)
    doc = assert_csp_clean(html)
    nav = doc.find("nav", aria_label="Hoofdmenu")
    assert nav
    for label, name in [
        ("Mijn gezinnen", "families:caseload"),
        ("Zoeken", "families:search"),
        ("Contactgids", "accounts:directory"),
        ("API", "api:docs"),
    ]:
        assert f'href="{reverse(name)}"' in html
        assert f">{label}</a>" in html
    current = [a for a in doc.find("a") if a.get("aria-current") == "page"]
    assert [a["href"] for a in current] == [reverse("families:search")]
    assert "Anna de Vries" in html and "Lokaal team Noord" in html
    logout = doc.find("form", action=reverse("accounts:logout"))
    assert logout and logout[0]["method"] == "post"
    assert 'name="csrfmiddlewaretoken"' in html
    assert re.search(r'<button[^>]*type="submit"[^>]*>Uitloggen</button>', html)


def test_messages_rendered_as_status_alerts(anon_request):
    class Msg:
        def __init__(self, text, level_tag):
            self.text, self.level_tag, self.tags = text, level_tag, level_tag

        def __str__(self):
            return self.text

    messages = [Msg("Opgeslagen.", "success"), Msg("Let op.", "warning"), Msg("Mislukt.", "error")]
    html = render_base(anon_request, messages=messages)
    assert_csp_clean(html)
    assert html.count('role="status"') == 3
    assert "utrecht-alert--ok" in html and "utrecht-alert--warning" in html and "utrecht-alert--error" in html
    assert "Opgeslagen." in html


# --- includes/field.html and includes/form.html -----------------------------------------------------

class SampleForm(forms.Form):
    name = forms.CharField(label="Naam", max_length=50, help_text="Voornaam en achternaam.")
    email = forms.EmailField(label="E-mail", required=False)
    born = forms.DateField(label="Geboortedatum", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    children = forms.IntegerField(label="Aantal kinderen", min_value=0)
    notes = forms.CharField(label="Notities", widget=forms.Textarea, required=False)
    municipality = forms.ChoiceField(
        label="Gemeente", choices=[("", "Kies…"), ("0518", "Den Haag"), ("0344", "Utrecht")]
    )
    role = forms.ChoiceField(label="Rol", choices=[("lead", "Regie"), ("support", "Ondersteunend")],
                             widget=forms.RadioSelect)
    tags = forms.MultipleChoiceField(label="Kenmerken", choices=[("a", "Tolk"), ("b", "Geheim adres")],
                                     widget=forms.CheckboxSelectMultiple, required=False)
    agree = forms.BooleanField(label="Ik heb de ouders geïnformeerd")
    secret = forms.CharField(widget=forms.PasswordInput, label="Wachtwoord", required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        raise forms.ValidationError("Dit gezin is al aangemeld.")


def render_field(field):
    return render_to_string("includes/field.html", {"field": field})


def test_field_wires_help_and_error_to_input():
    form = SampleForm(data={"name": ""})
    assert not form.is_valid()
    html = render_field(form["name"])
    doc = assert_csp_clean(html)
    inp = doc.find("input", name="name")[0]
    assert inp["id"] == "id_name"
    assert inp["aria-describedby"].split() == ["id_name_helptext", "id_name_error"]
    assert inp["aria-invalid"] == "true"
    assert "required" in inp and inp["maxlength"] == "50"
    assert "utrecht-textbox--invalid" in inp["class"]
    assert doc.find(id="id_name_error")
    assert "utrecht-form-field-error-message" in doc.find(id="id_name_error")[0]["class"]
    assert "utrecht-form-field-description" in doc.find(id="id_name_helptext")[0]["class"]
    label = doc.find("label", **{"for": "id_name"})[0]
    assert "utrecht-form-label" in label["class"]
    assert "(verplicht)" in html
    assert "Dit veld is vereist." in html


def test_field_valid_unbound_has_no_error_wiring():
    form = SampleForm(initial={"name": "Jansen"})
    html = render_field(form["name"])
    doc = assert_csp_clean(html)
    inp = doc.find("input", name="name")[0]
    assert inp["value"] == "Jansen"
    assert inp["aria-describedby"] == "id_name_helptext"
    assert "aria-invalid" not in inp
    assert "_error" not in html


@pytest.mark.parametrize(
    ("name", "tag", "css_class", "input_type"),
    [
        ("email", "input", "utrecht-textbox", "email"),
        ("born", "input", "utrecht-textbox", "date"),
        ("children", "input", "utrecht-textbox", "number"),
        ("secret", "input", "utrecht-textbox", "password"),
        ("notes", "textarea", "utrecht-textarea", None),
        ("municipality", "select", "utrecht-select", None),
        ("agree", "input", "utrecht-checkbox", "checkbox"),
    ],
)
def test_field_widget_classes(name, tag, css_class, input_type):
    form = SampleForm()
    html = render_field(form[name])
    doc = assert_csp_clean(html)
    element = doc.find(tag, name=name)[0]
    assert css_class in element["class"].split()
    if input_type:
        assert element["type"] == input_type
    assert element["id"] == f"id_{name}"
    assert doc.find("label", **{"for": f"id_{name}"})


def test_select_keeps_choice_and_required():
    form = SampleForm(data={"municipality": "0344"})
    form.is_valid()
    html = render_field(form["municipality"])
    doc = assert_csp_clean(html)
    select = doc.find("select")[0]
    assert "required" in select
    options = [a for t, a in doc.tags if t == "option"]
    assert [o["value"] for o in options] == ["", "0518", "0344"]
    assert "selected" in options[2] and "selected" not in options[1]


def test_date_value_is_iso_for_date_input():
    import datetime

    form = SampleForm(initial={"born": datetime.date(2015, 3, 9)})
    doc = parse(render_field(form["born"]))
    assert doc.find("input", name="born")[0]["value"] == "2015-03-09"


def test_textarea_value_escaped():
    form = SampleForm(initial={"notes": "<b>vader</b> & moeder"})
    html = render_field(form["notes"])
    assert "&lt;b&gt;vader&lt;/b&gt; &amp; moeder</textarea>" in html


def test_radio_and_checkbox_groups_use_fieldset_legend():
    form = SampleForm(data={"role": "support"})
    form.is_valid()
    html = render_field(form["role"])
    doc = assert_csp_clean(html)
    assert "<legend" in html and "Rol" in html
    radios = doc.find("input", type="radio")
    assert [r["id"] for r in radios] == ["id_role_0", "id_role_1"]
    assert "checked" in radios[1] and "checked" not in radios[0]
    assert all("utrecht-radio-button" in r["class"] for r in radios)
    assert doc.find("label", **{"for": "id_role_1"})

    form = SampleForm(data={})
    form.is_valid()
    doc = assert_csp_clean(render_field(form["role"]))
    fieldset = doc.find("fieldset")[0]
    assert fieldset["aria-describedby"] == "id_role_error"
    assert doc.find(id="id_role_error")

    doc = assert_csp_clean(render_field(SampleForm()["tags"]))
    boxes = doc.find("input", type="checkbox")
    assert len(boxes) == 2 and all("utrecht-checkbox" in b["class"] for b in boxes)


def test_checkbox_checked_and_hidden_field():
    form = SampleForm(initial={"agree": True, "token": "abc"})
    doc = assert_csp_clean(render_field(form["agree"]))
    assert "checked" in doc.find("input", name="agree")[0]
    html = render_field(form["token"])
    assert re.fullmatch(r'\s*<input type="hidden" name="token" value="abc" id="id_token">\s*', html)


def test_widget_attrs_are_kept():
    class HtmxForm(forms.Form):
        q = forms.CharField(
            widget=forms.TextInput(attrs={"hx-get": "/zoek/", "class": "gp-wide", "autocomplete": "off"})
        )

    doc = assert_csp_clean(render_field(HtmxForm()["q"]))
    inp = doc.find("input", name="q")[0]
    assert inp["hx-get"] == "/zoek/" and inp["autocomplete"] == "off"
    assert inp["class"].split() == ["utrecht-textbox", "utrecht-textbox--html-input", "gp-wide"]


def test_form_include_error_summary_and_all_fields():
    form = SampleForm(data={"name": "Jansen"})
    assert not form.is_valid()
    html = render_to_string("includes/form.html", {"form": form})
    doc = assert_csp_clean(html)
    summary = [a for t, a in doc.tags if a.get("role") == "alert"]
    assert summary and "utrecht-alert--error" in summary[0]["class"]
    assert "Controleer de invoer" in html
    assert "Dit gezin is al aangemeld." in html
    assert 'href="#id_born"' in html and 'href="#id_role_0"' in html
    for name in form.fields:
        assert f'name="{name}"' in html
    assert doc.find("input", type="hidden", name="token")


def test_form_include_without_errors_has_no_alert():
    html = render_to_string("includes/form.html", {"form": SampleForm()})
    assert 'role="alert"' not in html and "Controleer de invoer" not in html


# --- pagination, empty state ------------------------------------------------------------------------

def test_pagination_keeps_querystring(anon_request):
    page = Paginator(list(range(30)), 10).page(2)
    html = render_to_string("includes/pagination.html", {"page_obj": page, "querystring": "q=jansen&status=open"},
                            request=anon_request)
    doc = assert_csp_clean(html)
    nav = doc.find("nav")[0]
    assert nav["aria-label"] == "Paginering"
    assert 'href="?q=jansen&amp;status=open&amp;page=1"' in html
    assert 'href="?q=jansen&amp;status=open&amp;page=3"' in html
    assert "Vorige" in html and "Volgende" in html and "Pagina 2 van 3" in html


def test_pagination_without_querystring_var_uses_request_get(rf):
    request = rf.get("/gezinnen/", {"q": "de vries", "page": "1"})
    request.user = AnonymousUser()
    page = Paginator(list(range(30)), 10).page(1)
    html = render_to_string("includes/pagination.html", {"page_obj": page}, request=request)
    assert 'href="?q=de+vries&amp;page=2"' in html
    assert "Pagina 1 van 3" in html
    assert 'rel="prev"' not in html  # first page: "Vorige" is not a link


def test_pagination_hidden_for_single_page(anon_request):
    page = Paginator([1, 2], 10).page(1)
    assert render_to_string("includes/pagination.html", {"page_obj": page}, request=anon_request).strip() == ""


def test_empty_state():
    html = render_to_string("includes/empty_state.html", {"message": "Geen gezinnen <gevonden>."})
    assert_csp_clean(html)
    assert "Geen gezinnen &lt;gevonden&gt;." in html


# --- error pages ------------------------------------------------------------------------------------

def test_404_reveals_nothing(anon_request):
    html = render_to_string("404.html", {"exception": "Family 1234 bestaat", "request_path": "/gezinnen/1234/"},
                            request=anon_request)
    assert_csp_clean(html)
    assert "Niet gevonden" in html
    assert "1234" not in html and "bestaat" not in html


def test_403_reveals_nothing(user_request):
    html = render_to_string("403.html", {"exception": "geen betrokkenheid bij gezin Jansen"}, request=user_request)
    assert_csp_clean(html)
    assert "Geen toegang" in html and "Jansen" not in html


def test_500_renders_without_context():
    html = get_template("500.html").render({})
    assert_csp_clean(html)
    assert '<html lang="nl">' in html and "Er ging iets mis" in html


def test_error_templates_extend_base_except_500():
    for name in ("403.html", "404.html"):
        assert (TEMPLATE_DIR / name).read_text().startswith('{% extends "base.html" %}')
    assert "extends" not in (TEMPLATE_DIR / "500.html").read_text()


# --- static files -----------------------------------------------------------------------------------

def test_templates_contain_no_inline_styles_or_scripts():
    for path in TEMPLATE_DIR.rglob("*.html"):
        text = path.read_text()
        assert not re.search(r"\sstyle\s*=", text), f"style attribute in {path}"
        assert "<style" not in text, f"<style> in {path}"
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", text), f"inline script in {path}"


def test_own_static_files_exist():
    for path in ("gezinsplan/theme.css", "gezinsplan/app.js"):
        assert finders.find(path), path
    app_js = (STATIC_DIR / "gezinsplan" / "app.js").read_text()
    assert "includeIndicatorStyles = false" in app_js
    assert "eval(" not in app_js


def test_vendor_assets_built():
    vendor = STATIC_DIR / "vendor"
    if not vendor.is_dir():
        pytest.skip("static/vendor not built: run scripts/build_assets.sh (make)")
    for name in ("utrecht-component-library.css", "voorbeeld-design-tokens.css", "htmx.min.js",
                 "chart.umd.min.js", "axe.min.js"):
        assert (vendor / name).is_file(), f"{name} missing: run scripts/build_assets.sh"
    assert ".voorbeeld-theme {" in (vendor / "voorbeeld-design-tokens.css").read_text()
    assert 'version:"2.0.11"' in (vendor / "htmx.min.js").read_text()
