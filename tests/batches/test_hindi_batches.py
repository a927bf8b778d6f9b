"""Batches in Hindi: a candidate with the Hindi interface joins by link and by code, and meets a refused code, in
Hindi."""

from __future__ import annotations

from tests.batches.test_views import staff_batch
from trainer.batches import invites
from trainer.batches.models import Batch
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
