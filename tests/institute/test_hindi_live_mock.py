"""A live mock in Hindi: a candidate with the Hindi interface reads the held result, the not-open page and the
leaderboard in Hindi, with Hindi month names and Western digits."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import update

from tests.institute.conftest import SITE_ZONE, TIER1
from tests.institute.test_views import _bank, _paper_and_mock
from trainer.bank.models import Topic
from trainer.core.clock import utcnow
from trainer.extensions import db
from trainer.institute import livemocks

HINDI_MONTH = "[\u0900-\u097f]+"  # Babel's short Hindi month name ("दिस॰"), never "Dec"


def test_a_hindi_reader_sees_the_held_result_and_then_the_leaderboard_in_hindi(app, client, auth):
    _bank(app)
    _, mock_id = _paper_and_mock(app)
    auth.login(name="Meera Nair")
    auth.choose_language("hi")
    token = auth.token("/tests")
    attempt_url = client.post(f"/live-mocks/{mock_id}/start", data={"csrf_token": token}).location
    client.post(f"{attempt_url}/submit", data={"csrf_token": token})

    held = client.get(f"{attempt_url}/result").text
    assert '<html lang="hi">' in held
    assert "आपके उत्तर जमा हो गए हैं" in held and "Your answers are in" not in held
    assert re.search(rf"उत्तर कुंजी और हल \d{{2}} {HINDI_MONTH} \d{{4}} को \d{{2}}:\d{{2}} IST पर जारी होंगे", held)
    assert "परिणाम पृष्ठ" in held and "टेस्ट सूची पर लौटें" in held

    with app.app_context():
        mock = livemocks.mock_or_404(db.session, mock_id)
        mock.release_at = utcnow() - timedelta(seconds=1)  # as if the release time had come
        db.session.commit()
    board = client.get(f"/live-mocks/{mock_id}/results").text
    assert "लीडरबोर्ड" in board and "आपका परिणाम" in board and "1 पाली में 1 उम्मीदवार।" in board
    assert re.search(r'1 में से रैंक <strong id="my-rank">1</strong>', board)
    headers = re.findall(r'<th scope="col">([^<]*)</th>', board[board.index('id="leaderboard"') :])
    assert headers == ["रैंक", "उम्मीदवार", "पाली", "मूल अंक", "सामान्यीकृत", "प्रतिशतक"]
    assert "Leaderboard" not in board and "Marks are normalised" not in board and "Your result" not in board


def test_a_start_before_the_window_tells_a_hindi_reader_when_it_opens(app, client, auth):
    _bank(app)
    now = utcnow()
    _, mock_id = _paper_and_mock(app, opens_at=now + timedelta(hours=2), closes_at=now + timedelta(hours=3),
                                 release_at=now + timedelta(hours=5))  # fmt: skip
    auth.login()
    auth.choose_language("hi")

    page = client.post(f"/live-mocks/{mock_id}/start", data={"csrf_token": auth.token("/tests")})

    assert page.status_code == 409 and "यह लाइव मॉक खुला नहीं है" in page.text
    opens = (now + timedelta(hours=2)).astimezone(SITE_ZONE)  # said as candidates in India read it
    assert re.search(rf"“Sunday live mock” {opens:%d} {HINDI_MONTH} {opens:%Y}, {opens:%H:%M} IST पर खुलेगा।", page.text)
    assert "opens at" not in page.text


def test_an_instructor_reads_the_papers_and_live_mock_pages_in_hindi(app, client, auth):
    _bank(app)
    paper_id, mock_id = _paper_and_mock(app)
    auth.login(role="admin")
    auth.choose_language("hi")

    papers = client.get("/institute/papers").text
    assert "निश्चित प्रश्न-पत्र" in papers and "नया प्रश्न-पत्र" in papers and "फ़्रीज़" in papers
    assert "New paper" not in papers and "frozen</td>" not in papers
    paper = client.get(f"/institute/papers/{paper_id}").text
    assert "समानांतर प्रश्न-पत्र बनाएँ (दूसरी पाली)" in paper and "प्रश्न 1</h3>" in paper
    assert "Question 1<" not in paper and "Draw a parallel" not in paper
    blueprint = client.get(f"/institute/papers/{paper_id}/blueprint").text
    assert "ब्लूप्रिंट" in blueprint and '<th scope="col">आसान</th>' in blueprint and "Easy" not in blueprint

    mock = client.get(f"/institute/live-mocks/{mock_id}").text
    assert "पालियाँ" in mock and "शुरू करने वाले उम्मीदवार" in mock and "किसे उपलब्ध है, सहेजें" in mock
    assert re.search(rf"\d{{2}} {HINDI_MONTH} \d{{4}}, \d{{2}}:\d{{2}} – ", mock) and "Shifts" not in mock
    url = f"/institute/live-mocks/{mock_id}"
    data = {"whom": "batches", "csrf_token": auth.token(url)}
    refused = client.post(f"{url}/offer", data=data, follow_redirects=True)
    assert "कम से कम एक बैच चिह्नित करें, या इसे सभी उम्मीदवारों को उपलब्ध कराएँ।" in refused.text
    assert "अवधि खुली है और उम्मीदवार शुरू कर चुके हो सकते हैं" in refused.text
    listing = client.get("/institute/live-mocks").text
    assert "लाइव मॉक निर्धारित करें" in listing and "अवधि खुलेगी (IST)" in listing and "Window opens" not in listing


def test_the_blueprint_names_sections_and_topics_in_hindi(app, client, auth):
    _bank(app)
    with app.app_context():
        db.session.execute(update(Topic).where(Topic.key == "quant-t0").values(name_hi="प्रतिशतता"))
        db.session.commit()
    auth.login(role="instructor")
    made = client.post("/institute/papers", data={"name": "Mock 7", "pattern": TIER1, "csrf_token": auth.token()})
    auth.choose_language("hi")

    grid = client.get(made.location).text

    assert '<h2 id="s-quant">मात्रात्मक अभिक्षमता <span' in grid and "Quantitative Aptitude" not in grid
    assert '<th scope="row">प्रतिशतता</th>' in grid
    assert 'aria-label="मात्रात्मक अभिक्षमता, प्रतिशतता, आसान"' in grid
    assert '<th scope="row">Quant-T1</th>' in grid  # a topic without a Hindi name keeps its English one


def test_an_instructor_reading_hindi_sees_the_papers_pattern_named_in_hindi(app, client, auth):
    from flask_babel import force_locale, gettext

    from trainer.exam.patterns import get_pattern

    _bank(app)
    auth.login(role="instructor")
    auth.choose_language("hi")
    token = auth.token("/institute/papers")
    made = client.post("/institute/papers", data={"name": "Mock 7", "pattern": TIER1, "csrf_token": token})
    english = get_pattern(TIER1).name
    with app.test_request_context(), force_locale("hi"):
        hindi = gettext(english)
    assert hindi != english

    for page in (client.get("/institute/papers").text, client.get(made.location.removesuffix("/blueprint")).text):
        assert hindi in page and english not in page
