"""A candidate takes a Tier-I mock through the views: start, save steps, submit, see the result."""

import json
import re

from tests.factories import make_bank
from trainer.extensions import db


def test_candidate_takes_a_mock_and_sees_the_score(app, client, auth):
    with app.app_context():
        make_bank(db.session)
        db.session.commit()
    auth.login()
    token = auth.token("/tests/tier1-2025")
    response = client.post("/tests/tier1-2025", data={"csrf_token": token, "declaration": "y"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    data = json.loads(re.search(r'<script id="exam-data" type="application/json">(.*?)</script>', page, re.S).group(1))
    assert len(data["questions"]) == 100
    attempt_id = data["attempt"]
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    steps = [
        {"id": "s1", "kind": "view", "position": 0, "choice": None},
        {"id": "s2", "kind": "save", "position": 0, "choice": 1},
    ]
    response = client.post(f"/attempts/{attempt_id}/steps", json={"steps": steps}, headers={"X-CSRFToken": token})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.json["acked"] == ["s1", "s2"]
    response = client.post(f"/attempts/{attempt_id}/submit", data={"csrf_token": token})
    assert response.status_code == 302
    result = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "Your result" in result
