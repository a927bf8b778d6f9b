"""The typing pages in Hindi: the list, the screen's own sentences for its script, the result and its flash messages."""

from __future__ import annotations

import json
import re

from tests.skills.test_typing_views import candidate, move_start_back, send, start  # noqa: F401 (the fixture)
from trainer.core.clock import utcnow

PHRASES = re.compile(r'<script id="typing-text" type="application/json">(.*?)</script>', re.S)


def test_a_candidate_with_the_hindi_interface_types_and_reads_the_result_in_hindi(app, client, auth, candidate):  # noqa: F811
    auth.choose_language("hi")
    listing = client.get("/typing").text
    assert "डेटा एंट्री स्पीड टेस्ट (DEST)" in listing and "टेस्ट अनुच्छेद शुरू करें" in listing
    assert "Start a test passage" not in listing
    registers = re.findall(r'<span class="muted">· (\D[^·<]*) ·', listing)  # what kind of office text each passage is
    assert registers and set(registers) <= {
        "सूचना",
        "परिपत्र",
        "प्रतिवेदन",
        "निबंध",
        "भाषण",
        "पत्र",
        "प्रेस विज्ञप्ति",
        "बैठक का कार्यवृत्त",
    }

    typing_id = start(client, auth)
    screen = client.get(f"/typing/{typing_id}").text
    phrases = json.loads(PHRASES.search(screen).group(1))
    assert phrases["confirm"] == "आपने {total} में से {typed} शब्द टाइप किए हैं।"  # filled in by typing.js
    assert phrases["timeOver"] == "समय समाप्त। आपकी टाइपिंग जमा की जा रही है।"
    assert "शेष समय" in screen and "Time left" not in screen

    send(client, auth, typing_id, "All staff", "early", utcnow())
    move_start_back(app, typing_id, 2.5)  # past the deadline and its grace: the save is refused, in Hindi
    late = send(client, auth, typing_id, "All staff are informed", "late")
    assert late.status_code == 409 and "उसके बाद भेजा गया पाठ स्वीकार नहीं होता" in late.json["error"]
    result = client.post(
        f"/typing/{typing_id}/submit",
        data={"csrf_token": auth.token("/typing"), "step_id": "last", "text": "All staff are informed that"},
        follow_redirects=True,
    ).text
    assert "यह टाइपिंग टेस्ट पहले ही जमा हो चुका था; कुछ नहीं बदला गया।" in result  # the flash message
    assert "टाइपिंग परिणाम:" in result and "इस टेस्ट का मूल्यांकन कैसे होता है" in result
    assert "अनुच्छेद का कोई शब्द छूट गया" in result  # the rules table, written in Python, in Hindi
