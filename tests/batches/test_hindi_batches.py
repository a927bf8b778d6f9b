"""Batches in Hindi: a candidate with the Hindi interface joins by link and by code, and meets a refused code, in
Hindi."""

from __future__ import annotations

from tests.batches.helpers import add_history, make_member
from tests.batches.test_views import staff_batch
from tests.factories import make_topic
from trainer.batches import invites
from trainer.batches.models import Batch
from trainer.core.clock import utcnow
from trainer.extensions import db


def test_a_hindi_reader_joins_a_batch_by_its_link_in_hindi(client, auth, app):
    batch_id = staff_batch(app, auth, name="Evening")
    with app.app_context():
        code = db.session.get(Batch, batch_id).invite_code
    auth.logout()
    auth.login(email="asha@example.com")
    auth.choose_language("hi")

    link = client.get(f"/join/{code}").text
    assert '<html lang="hi">' in link
    assert "बैच में शामिल हों" in link and 'आपको <strong id="invite-batch">Evening</strong> में आमंत्रित किया गया है।' in link
    assert "Evening में शामिल हों" in link and "You were invited" not in link

    joined = client.post("/batches/join", data={"code": code, "csrf_token": auth.token(f"/join/{code}")},
                         follow_redirects=True)  # fmt: skip
    assert "आप Evening में शामिल हो गए।" in joined.text
    assert "असाइनमेंट" in joined.text and "Evening छोड़ें" in joined.text and "Leave" not in joined.text


def test_a_wrong_code_is_refused_in_hindi_beside_the_field(client, auth, app):
    auth.login()
    auth.choose_language("hi")

    page = client.post("/batches/join", data={"code": "ZZZZ-ZZZZ-ZZZZ", "csrf_token": auth.token("/batches")})

    assert page.status_code == 422
    assert "यह किसी बैच का आमंत्रण कोड नहीं है।" in page.text and "आमंत्रण कोड" in page.text
    assert "That is not" not in page.text and "Invite code" not in page.text
    assert invites.shown("K7QM2XHD9TRA") in page.text  # the example in the field's help stays as it is


def test_an_instructor_reads_the_batch_dashboard_in_hindi_and_the_csv_stays_english(client, auth, app):
    from tests.batches.helpers import add_history, make_member
    from tests.factories import make_topic
    from trainer.core.clock import utcnow

    batch_id = staff_batch(app, auth, name="Evening")
    with app.app_context():
        topic = make_topic(db.session, "quant", "t0", name="T0")
        make_member(db.session, db.session.get(Batch, batch_id), utcnow(), name="Asha")
        add_history(db.session, make_member(db.session, db.session.get(Batch, batch_id), utcnow(), name="Bala"),
                    [topic], utcnow(), percents=())  # fmt: skip
        db.session.commit()
    auth.choose_language("hi")

    page = client.get(f"/batches/{batch_id}").text
    assert "2 सदस्य" in page and "सदस्य और विषय के अनुसार दक्षता" in page and "सबसे कमज़ोर विषय" in page
    assert "अभी तक कोई सख़्त मॉक नहीं दिया।" in page  # a reason for being behind, built in pure code
    assert "नया कोड बनाएँ" in page and "सह-अनुदेशक जोड़ें" in page
    assert "Mastery by member" not in page and "No strict mock" not in page and "Weakest topics" not in page
    csv = client.get(f"/batches/{batch_id}/dashboard.csv").text
    assert "No strict mock taken yet." in csv and "सख़्त" not in csv


def test_the_batch_dashboard_names_sections_and_topics_in_hindi(client, auth, app):
    batch_id = staff_batch(app, auth, name="Evening")
    with app.app_context():
        topic = make_topic(db.session, "quant", "percentage", name="Percentage", name_hi="प्रतिशतता")
        add_history(db.session, make_member(db.session, db.session.get(Batch, batch_id), utcnow(), name="Bala"),
                    [topic], utcnow())  # fmt: skip
        db.session.commit()
    auth.choose_language("hi")

    page = client.get(f"/batches/{batch_id}").text

    quant = "मात्रात्मक अभिक्षमता / गणितीय क्षमताएँ"
    assert f'<th scope="row">{quant}</th>' in page[page.index('id="compare-table"') :]  # batch against everyone
    assert f'<span class="muted">{quant}:</span> प्रतिशतता</th>' in page  # the heatmap's column
    assert f'<strong>प्रतिशतता</strong> <span class="muted">({quant})</span>' in page  # weakest topics
    assert f">{quant} — प्रतिशतता</option>" in page  # the topic of a drill to assign
    assert "Quant" not in page and "Percentage" not in page
