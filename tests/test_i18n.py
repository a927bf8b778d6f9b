"""The interface in English and Hindi: every marked string translated, the language chosen as a user expects."""

import re
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from sqlalchemy import select
from wtforms.i18n import messages_path

from trainer.auth.models import User
from trainer.config import PROJECT_ROOT
from trainer.extensions import db
from trainer.i18n import CATALOGUES, compile_catalogues

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
METHODS = [("trainer/**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None}  # lazy_gettext, for labels and messages defined at import time


def marked_strings() -> set[str | tuple[str, ...]]:
    """Each marked message: a string, or (singular, plural) for ngettext."""
    found = set()
    for _path, _line, message, _comments, _context in extract_from_dir(str(PROJECT_ROOT), METHODS, keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else tuple(m for m in message if m))
    return found


def hindi_catalogue():
    with (CATALOGUES / "hi" / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return read_po(file, locale="hi")


def test_every_marked_string_has_a_hindi_translation_with_the_same_placeholders():
    catalogue = hindi_catalogue()
    missing, broken = [], []
    for message in sorted(marked_strings(), key=str):
        english = (message,) if isinstance(message, str) else message
        entry = catalogue.get(english[0])
        hindi = () if entry is None else (entry.string,) if isinstance(entry.string, str) else entry.string
        if entry is None or entry.fuzzy or not hindi or not all(hindi):
            missing.append(english[0])
        elif any(set(PLACEHOLDER.findall(h)) != set(PLACEHOLDER.findall(english[-1])) for h in hindi):
            broken.append(english[0])
    assert not missing, f"not translated into Hindi: {missing}"
    assert not broken, f"placeholders differ in the Hindi of: {broken}"


def test_catalogues_are_compiled_once_and_again_when_the_po_file_changes(tmp_path):
    source = tmp_path / "translations" / "hi" / "LC_MESSAGES"
    source.mkdir(parents=True)
    po = source / "messages.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\nmsgid "Tests"\nmsgstr "टेस्ट"\n')
    compiled = tmp_path / "compiled"
    compile_catalogues(tmp_path / "translations", compiled)
    mo = compiled / "hi" / "LC_MESSAGES" / "messages.mo"
    assert "टेस्ट".encode() in mo.read_bytes()
    first = mo.stat().st_mtime_ns
    compile_catalogues(tmp_path / "translations", compiled)
    assert mo.stat().st_mtime_ns == first  # up to date: not rewritten


def test_a_browser_asking_for_hindi_gets_the_site_in_hindi(client):
    page = client.get("/", headers={"Accept-Language": "hi-IN,hi;q=0.9,en;q=0.8"}).get_data(as_text=True)
    assert '<html lang="hi">' in page
    assert "निःशुल्क खाता बनाएँ" in page and "Create a free account" not in page
    english = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in english and "Create a free account" in english


def test_the_header_switch_remembers_the_choice_and_returns_to_the_same_page(client, auth):
    token = auth.token("/login?next=/tests")
    response = client.post("/language", data={"language": "hi", "next": "/login?next=/tests", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/login?next=/tests"
    assert "lang=hi" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="hi">' in page  # the switch's choice beats the browser's


def test_a_signed_in_account_keeps_its_language_on_any_device(app, client, auth):
    user = auth.login()
    client.post("/language", data={"language": "hi", "next": "/tests", "csrf_token": auth.token("/tests")})
    with app.app_context():
        assert db.session.scalar(select(User.locale).where(User.id == user.id)) == "hi"
    client.delete_cookie("lang")
    page = client.get("/tests", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="hi">' in page  # the account's preference, without the cookie


def test_the_switch_refuses_other_sites_unknown_languages_and_forged_requests(client, auth):
    token = auth.token()
    away = client.post("/language", data={"language": "hi", "next": "//evil.example/", "csrf_token": token})
    assert away.headers["Location"] == "/"
    unknown = client.post("/language", data={"language": "fr", "next": "/", "csrf_token": token})
    assert unknown.status_code == 302 and "Set-Cookie" not in unknown.headers
    forged = client.post("/language", data={"language": "hi", "next": "/"})
    assert forged.status_code == 400


def test_error_pages_speak_the_interface_language(client):
    page = client.get("/no-such-page", headers={"Accept-Language": "hi"})
    assert page.status_code == 404 and "यह पेज मौजूद नहीं है।" in page.get_data(as_text=True)
    answer = client.get("/no-such-page", headers={"Accept-Language": "hi", "Accept": "application/json"})
    assert answer.get_json() == {"error": "यह पेज मौजूद नहीं है।"}


def test_registering_in_hindi_shows_hindi_labels_and_hindi_errors_at_each_field(client, auth):
    client.set_cookie("lang", "hi")
    page = client.get("/register").get_data(as_text=True)
    assert "पूरा नाम" in page and "Full name" not in page
    refused = client.post("/register", data={"csrf_token": auth.token("/register"), "email": "not-an-address"})
    text = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "कृपया अपना नाम लिखें।" in text and "यह ई-मेल पता नहीं लगता।" in text


def test_signing_in_with_a_wrong_password_is_told_in_hindi(client, auth):
    client.set_cookie("lang", "hi")
    refused = client.post("/login", data={"csrf_token": auth.token(), "email": "x@example.org", "password": "wrong"})
    assert "ई-मेल या पासवर्ड ग़लत है।" in refused.get_data(as_text=True)


def test_deleting_an_account_is_asked_and_refused_in_hindi(client, auth):
    auth.login()
    client.set_cookie("lang", "hi")
    page = client.get("/account/delete").get_data(as_text=True)
    assert "अपना खाता हटाएँ" in page and "Delete your account" not in page
    refused = client.post("/account/delete", data={"csrf_token": auth.token("/account/delete"), "password": "nope"})
    assert refused.status_code == 422 and "यह आपका पासवर्ड नहीं है" in refused.get_data(as_text=True)


def test_every_wtforms_message_has_a_hindi_translation_with_the_same_placeholders():
    # WTForms ships no Hindi: our `wtforms` catalogue must cover every message of the WTForms installed.
    with (Path(messages_path()) / "wtforms.pot").open("rb") as file:
        template = read_po(file)
    with (CATALOGUES / "hi" / "LC_MESSAGES" / "wtforms.po").open("rb") as file:
        hindi = read_po(file, locale="hi")
    missing = [message.id for message in template if message.id and not _translated(message, hindi.get(message.id))]
    assert not missing, f"WTForms messages without their Hindi: {missing}"


def _translated(message, entry) -> bool:
    """Present, not fuzzy, every plural form filled, with the English placeholders."""
    if entry is None or entry.fuzzy or not all(_forms(entry.string)):
        return False
    return all(_holes(hindi) == _holes(_forms(message.id)[-1]) for hindi in _forms(entry.string))


def _forms(string) -> tuple[str, ...]:
    return (string,) if isinstance(string, str) else tuple(string)


def _holes(text: str) -> set[str]:
    return set(re.findall(r"%\(\w+\)[sd]|%s", text))


def test_a_form_refused_by_wtforms_own_checks_says_why_in_hindi_and_in_english(client, auth):
    data = {"csrf_token": auth.token("/register"), "name": "x" * 121, "email": "a@example.org"}
    client.set_cookie("lang", "hi")
    hindi = client.post("/register", data=data).get_data(as_text=True)
    assert "120 अक्षरों से अधिक नहीं हो सकता।" in hindi and "Field cannot be longer" not in hindi
    client.set_cookie("lang", "en")
    english = client.post("/register", data=data).get_data(as_text=True)
    assert "Field cannot be longer than 120 characters." in english


def test_a_number_out_of_range_is_refused_in_hindi(client, auth):
    auth.login(role="admin")
    client.set_cookie("lang", "hi")
    data = {"csrf_token": auth.token("/admin/cutoffs"), "year": "1800", "marks": "x", "out_of": "200"}
    text = client.post("/admin/cutoffs", data=data).get_data(as_text=True)
    assert "संख्या 1990 और 2100 के बीच होनी चाहिए।" in text and "मान्य संख्या नहीं है।" in text


def test_a_refused_csrf_token_is_explained_in_hindi(client):
    client.set_cookie("lang", "hi")
    page = client.post("/login", data={"email": "a@example.org", "password": "x"})
    text = page.get_data(as_text=True)
    assert page.status_code == 400 and "फ़ॉर्म अस्वीकार किया गया: CSRF टोकन नहीं मिला।" in text and "missing" not in text


def test_a_page_speaks_the_language_its_render_began_in(app):
    """Templates look words up in the catalogue their render began with: the request's, or the one `speaking_to`
    chose (an e-mail in its reader's language) for a render inside it; and a template rendered without Flask's
    context processors still translates."""
    from types import SimpleNamespace

    from flask import render_template_string

    from trainer.i18n import speaking_to

    page = "{{ _('Question') }}: {{ ngettext('%(num)s account', '%(num)s accounts', 2) }}"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        english = render_template_string(page)
        with speaking_to(SimpleNamespace(locale="hi")):
            hindi = render_template_string(page)
            bare = app.jinja_env.from_string(page).render()
        after = render_template_string(page)
    assert english == after == "Question: 2 accounts"
    assert hindi == bare == "प्रश्न: 2 खाते"


def test_a_template_string_is_a_format_string_with_its_values_escaped(app):
    """`_()` in a page: values put in are escaped, the translation itself is trusted markup, and "%%" is a percent
    sign whether or not values are given (as Jinja's own new-style gettext does)."""
    from flask import render_template_string

    page = (
        "{{ _('Hello %(name)s & welcome', name=who) }}|{{ _('100%% sure') }}|{{ _('Question') }}"
        "|{% autoescape false %}{{ _('%(name)s', name=who) }}{% endautoescape %}"
    )
    with app.test_request_context(headers={"Accept-Language": "en"}):
        shown = render_template_string(page, who="<b>Asha</b>")
    assert shown == "Hello &lt;b&gt;Asha&lt;/b&gt; & welcome|100% sure|Question|<b>Asha</b>"
