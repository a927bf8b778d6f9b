"""A staff account whose interface language is Hindi reads the question bank, a question's page, the workflow's
messages and refusals, and the reports queue in Hindi; an English account keeps the English pages."""

from __future__ import annotations

from tests.authoring.test_views import token
from tests.authoring.test_writing import instructor, new_form, topics  # noqa: F401  (fixtures)


def speak_hindi(client, auth) -> None:
    """The signed-in account chooses Hindi with the header switch; the account keeps it (the cookie is dropped)."""
    auth.choose_language("hi")
    client.delete_cookie("lang")


def test_the_question_bank_and_a_question_page_are_in_hindi(client, auth, topics, instructor):  # noqa: F811
    speak_hindi(client, auth)
    bank = client.get("/authoring/questions", headers={"Accept-Language": "en"}).text
    assert '<html lang="hi">' in bank
    assert "<h1>प्रश्न बैंक</h1>" in bank and "नया प्रश्न" in bank and "नया अनुच्छेद समूह" in bank
    assert "कठिनाई" in bank and ">आसान</option>" in bank and 'placeholder="प्रश्न के शब्द या उसकी आईडी"' in bank
    assert "1 प्रश्न" in bank and "New question" not in bank and "Difficulty" not in bank

    page = client.get("/authoring/questions/quant-percentage-web-0001").text
    assert '<strong id="status">प्रकाशित</strong>' in page and "(प्रश्न-पत्रों में आता है)" in page
    assert "संपादित करें (नया संस्करण बनता है)" in page and ">सेवानिवृत्त करें</button>" in page
    assert "आँकड़े" in page and "समस्या रिपोर्ट और पुनर्मूल्यांकन" in page and "संस्करण" in page
    assert "Edit (creates a new version)" not in page and "Statistics" not in page


def test_the_new_question_form_labels_and_field_errors_are_in_hindi(client, auth, topics, instructor):  # noqa: F811
    speak_hindi(client, auth)
    refused = client.post("/authoring/questions/new", data=new_form(client, stem="", option_b="10"))
    text = refused.text
    assert refused.status_code == 422
    assert "कृपया नीचे चिह्नित फ़ील्ड ठीक करें।" in text and "प्रश्न का मुख्य पाठ आवश्यक है।" in text
    assert "विकल्प A जैसा ही पाठ।" in text and "सही विकल्प" in text and "बदलाव टिप्पणी" in text
    assert "The question needs a stem." not in text and "Correct option" not in text


def test_the_editor_explains_broken_maths_in_hindi_at_its_field(client, auth, topics, instructor):  # noqa: F811
    speak_hindi(client, auth)
    refused = client.post("/authoring/questions/new", data=new_form(client, explanation="$\\frac{20{100}$ of 150."))
    text = refused.text.replace("&#39;", "'")
    assert refused.status_code == 422
    assert "$\\frac{20{100}$ में असंतुलित कोष्ठक: एक '{' बंद नहीं है" in text
    assert "unbalanced braces" not in text


def test_publishing_and_a_refused_action_are_told_in_hindi(client, auth, topics, instructor):  # noqa: F811
    speak_hindi(client, auth)
    client.post("/authoring/questions/new", data=new_form(client))
    url = "/authoring/questions/quant-percentage-web-0002"
    client.post(f"{url}/status", data={"csrf_token": token(client, url), "action": "publish"})
    assert "quant-percentage-web-0002 अब प्रकाशित है।" in client.get(url).text

    client.post(f"{url}/status", data={"csrf_token": token(client, url), "action": "restore"})
    page = client.get(url).text
    assert "quant-percentage-web-0002 प्रकाशित है: इसे पुनर्स्थापित नहीं किया जा सकता।" in page
    assert "cannot be restored" not in page


def test_the_reports_queue_is_in_hindi_and_english_accounts_keep_english(client, auth, topics):  # noqa: F811
    auth.login(role="instructor")
    assert "<h1>Problem reports</h1>" in client.get("/authoring/reports").text
    speak_hindi(client, auth)
    queue = client.get("/authoring/reports").text
    assert "<h1>समस्या रिपोर्ट</h1>" in queue and "खुली रिपोर्ट वाले 0 प्रश्न" in queue
    assert "Problem reports" not in queue


def test_staff_pages_name_sections_in_hindi_not_by_their_keys(client, auth, topics, instructor):  # noqa: F811
    speak_hindi(client, auth)
    bank = client.get("/authoring/questions").text
    page = client.get("/authoring/questions/quant-percentage-web-0001").text
    editor = client.get("/authoring/questions/new").text
    for text in (bank, page, editor):
        assert "मात्रात्मक अभिक्षमता" in text  # Quantitative Aptitude, from taxonomy.yaml's name_hi
    assert ">quant<" not in bank and 'label="quant"' not in bank and 'label="quant"' not in editor
    assert "quant / " not in page
