"""The web import: upload (kept on the server for its owner), map categories, dry run with file:line, choose per
conflict, commit all or nothing; the CSV template and export downloads."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.authoring.test_views import token
from tests.authoring.writing_factories import GIFT, make_group, upload_token
from tests.factories import make_question
from trainer.authoring import import_views
from trainer.bank.interchange.formats import read_any
from trainer.bank.models import Question, Topic
from trainer.bank.parsing import QuestionContent
from trainer.bank.service import add_version, sync_taxonomy
from trainer.bank.taxonomy import find_taxonomy, load_taxonomy
from trainer.config import PROJECT_ROOT
from trainer.extensions import db

MAPPED = "Maths Year 1/Percentages"


@pytest.fixture
def taxonomy(app):
    """The site's topics in the database, as after the first start."""
    with app.app_context():
        sync_taxonomy(db.session, load_taxonomy(find_taxonomy(PROJECT_ROOT / "question_bank")))
        db.session.commit()


@pytest.fixture
def instructor(auth, taxonomy):
    return auth.login(role="instructor")


def upload(client, data: bytes | str, name: str = "questions.gift", fmt: str = ""):
    body = data.encode() if isinstance(data, str) else data
    form = {"csrf_token": token(client, "/authoring/import"), "fmt": fmt, "file": (io.BytesIO(body), name)}
    return client.post("/authoring/import", data=form, content_type="multipart/form-data")


def stored(app) -> list[Path]:
    root = Path(app.config["IMPORT_FOLDER"])
    return sorted(root.iterdir()) if root.exists() else []


def uids(app) -> dict[str, str]:
    with app.app_context():
        return {q.uid: q.status for q in db.session.scalars(select(Question))}


def rows(html: str) -> list[tuple[str, str, str]]:
    """(where, question, state) of each dry-run row."""
    found = re.findall(r"<tr class=\"state-\w+\"><td><code>(.*?)</code></td><td>(.*?)</td><td><strong>(\w+)", html)
    return [tuple(row) for row in found]


def test_a_gift_file_is_mapped_dry_run_and_committed(app, client, instructor):
    response = upload(client, GIFT)
    assert response.status_code == 302
    review = response.headers["Location"]
    assert [p.name for p in stored(app)] == [review.rsplit("/", 1)[1]]

    mapping = client.get(review).text
    assert "Map categories of questions.gift" in mapping and MAPPED in mapping
    assert '<option value="quant/percentage">Percentage</option>' in mapping
    assert client.post(review, data={"csrf_token": token(client), "map-0": "quant/percentage"}).status_code == 302

    dry_run = client.get(review).text
    assert rows(dry_run) == [("questions.gift:3", "pct-1", "new")]
    assert "1 new, 0 changed, 0 unchanged, 0 conflict, 0 error" in dry_run
    assert uids(app) == {}  # the dry run changes nothing

    done = client.post(f"{review}/commit", data={"csrf_token": token(client)})
    assert done.headers["Location"] == "/authoring/questions"
    assert "Imported questions.gift: 1 new question(s)" in client.get("/authoring/questions").text
    assert uids(app) == {"pct-1": "published"}
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.uid == "pct-1"))
        version = question.versions[-1]
        assert (version.topic.key, version.options, version.answer) == ("percentage", ["5", "10", "15", "20"], 0)
        assert version.explanation == "A tenth of 50 is 5."
    assert stored(app) == []  # the upload is gone once committed
    assert client.get(review).status_code == 404


def test_a_mapping_must_name_one_of_our_topics(app, client, instructor):
    review = upload(client, GIFT).headers["Location"]

    response = client.post(review, data={"csrf_token": token(client), "map-0": ""})

    assert response.status_code == 422
    assert "Choose one of our topics for &#39;Maths Year 1/Percentages&#39;." in response.text
    assert "Map categories" in client.get(review).text


def test_a_category_naming_our_topic_needs_no_mapping(app, client, instructor):
    review = upload(client, GIFT.replace("Maths Year 1/Percentages", "quant/percentage")).headers["Location"]

    assert rows(client.get(review).text) == [("questions.gift:3", "pct-1", "new")]


def edited_since(app) -> str:
    """pct-1 imported, then edited on the site: the file's text is now an older version (a conflict)."""
    with app.app_context():
        topic = db.session.scalar(select(Topic).where(Topic.key == "percentage"))
        question = make_question(
            db.session, topic, "pct-1", stem="What is 10% of 50?", options=("5", "10", "15", "20"),
            explanation="A tenth of 50 is 5.", source="imported", difficulty="medium",
        )  # fmt: skip
        newer = QuestionContent("quant", "percentage", "medium", "What is 10% of 60?", ("6", "10", "15", "20"), 0,
                                "A tenth of 60 is 6.", "imported")  # fmt: skip
        add_version(db.session, question, newer, topic)
        db.session.commit()
    return GIFT.replace("Maths Year 1/Percentages", "quant/percentage")


@pytest.mark.parametrize(("choice", "stem"), [("keep", "What is 10% of 60?"), ("take", "What is 10% of 50?")])
def test_each_conflict_is_kept_or_taken_as_chosen(app, client, instructor, choice, stem):
    review = upload(client, edited_since(app)).headers["Location"]
    page = client.get(review).text
    assert rows(page) == [("questions.gift:3", "pct-1", "conflict")]
    assert 'name="choice-pct-1" value="keep" checked' in page and 'name="choice-pct-1" value="take"' in page

    client.post(f"{review}/commit", data={"csrf_token": token(client), "choice-pct-1": choice})

    with app.app_context():
        versions = db.session.scalar(select(Question).where(Question.uid == "pct-1")).versions
        assert (len(versions), versions[-1].stem) == ((2, stem) if choice == "keep" else (3, stem))


def test_a_conflict_without_a_choice_imports_nothing(app, client, instructor):
    other = "\n::pct-2:: Which is a prime number? {\n=7 # Only 7 has no divisor but 1 and itself.\n~8\n~9\n~10\n}\n"
    review = upload(client, edited_since(app) + other).headers["Location"]
    assert [row[2] for row in rows(client.get(review).text)] == ["conflict", "new"]

    response = client.post(f"{review}/commit", data={"csrf_token": token(client)})

    page = client.get(response.headers["Location"]).text
    assert "Choose the site&#39;s or the file&#39;s version for pct-1. Nothing was imported." in page
    assert set(uids(app)) == {"pct-1"}


def test_a_file_with_errors_lists_them_with_their_line_and_cannot_be_committed(app, client, instructor):
    broken = GIFT.replace("Maths Year 1/Percentages", "quant/percentage") + "\n::b:: Broken {\n=1\n"
    review = upload(client, broken).headers["Location"]
    page = client.get(review).text

    assert rows(page) == [("questions.gift:10", "", "error"), ("questions.gift:3", "pct-1", "new")]
    assert "Commit the import" not in page
    response = client.post(f"{review}/commit", data={"csrf_token": token(client)})
    assert "error(s): nothing was imported" in client.get(response.headers["Location"]).text
    assert uids(app) == {}


def test_unsupported_questions_are_listed_and_left_out_only_when_agreed(app, client, instructor):
    text = GIFT.replace("Maths Year 1/Percentages", "quant/percentage") + "\n::tf:: The sky is blue. {TRUE}\n"
    review = upload(client, text).headers["Location"]
    page = client.get(review).text
    assert ("questions.gift:10", "", "unsupported") in rows(page)

    client.post(f"{review}/commit", data={"csrf_token": token(client)})
    assert uids(app) == {}
    client.post(f"{review}/commit", data={"csrf_token": token(client), "skip_unsupported": "1"})
    assert uids(app) == {"pct-1": "published"}


def test_another_instructors_upload_is_not_found_and_cancel_removes_it(app, client, auth, instructor, taxonomy):
    mine = upload_token(app, instructor.id)
    assert client.get(f"/authoring/import/{mine}").status_code == 200

    auth.login(role="admin")
    assert client.get(f"/authoring/import/{mine}").status_code == 404
    assert client.post(f"/authoring/import/{mine}/commit", data={"csrf_token": token(client)}).status_code == 404
    assert client.get("/authoring/import/not-a-token").status_code == 404

    other = upload(client, GIFT).headers["Location"]
    client.post(f"{other}/cancel", data={"csrf_token": token(client)})
    assert client.get(other).status_code == 404 and len(stored(app)) == 1


def test_an_upload_is_bounded_and_needs_its_csrf_token(app, client, instructor, monkeypatch):
    monkeypatch.setattr(import_views, "MAX_BYTES", 100)
    response = upload(client, GIFT)
    assert response.status_code == 422 and "over" in response.text and stored(app) == []

    monkeypatch.setattr(import_views, "MAX_BYTES", 10_000)
    too_big = client.post(
        "/authoring/import",
        data={"csrf_token": token(client), "file": (io.BytesIO(b"x" * 200_000), "big.gift")},
        content_type="multipart/form-data",
    )
    assert too_big.status_code == 413 and stored(app) == []

    no_token = client.post(
        "/authoring/import", data={"file": (io.BytesIO(GIFT.encode()), "q.gift")}, content_type="multipart/form-data"
    )
    assert no_token.status_code == 422 and stored(app) == []


def test_a_file_whose_format_cannot_be_told_asks_for_it(app, client, instructor):
    response = upload(client, GIFT, name="questions.doc")
    assert response.status_code == 422 and "Cannot tell the format" in response.text
    assert upload(client, GIFT, name="questions.doc", fmt="gift").status_code == 302


def test_the_csv_template_downloads_and_imports_as_a_new_question(app, client, instructor):
    template = client.get("/authoring/export?template=csv")
    assert template.headers["Content-Disposition"] == 'attachment; filename="question-template.csv"'
    assert template.text.startswith("uid,section,topic,difficulty,stem,option_a")

    review = upload(client, template.data, name="mine.csv").headers["Location"]
    assert rows(client.get(review).text) == [("mine.csv:2", "quant-percentage-901", "new")]


@pytest.mark.parametrize(("fmt", "name"), [("gift", "question-bank.gift"), ("moodle-xml", "question-bank.xml"),
                                           ("csv", "question-bank.csv"), ("native", "question-bank.zip")])  # fmt: skip
def test_each_export_downloads_and_imports_back_unchanged(app, client, instructor, fmt, name):
    with app.app_context():
        topic = db.session.scalar(select(Topic).where(Topic.key == "percentage"))
        make_question(
            db.session, topic, "quant-percentage-7", stem="What is 30% of 90?", options=("27", "30", "33", "36")
        )
        db.session.commit()
    assert "Download" in client.get("/authoring/export").text

    response = client.get(f"/authoring/export?download=1&fmt={fmt}&topic=quant/percentage")

    assert response.headers["Content-Disposition"] == f'attachment; filename="{name}"'
    if fmt == "native":
        assert "quant/percentage.md" in zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    review = upload(client, response.data, name=name).headers["Location"]
    assert rows(client.get(review).text)[-1][1:] == ("quant-percentage-7", "unchanged")


def test_a_native_export_keeps_passage_groups(app, client, instructor):
    with app.app_context():
        make_group(db.session)
        db.session.commit()
    assert "only in the native zip" in client.get("/authoring/export").text
    archive = zipfile.ZipFile(io.BytesIO(client.get("/authoring/export?download=1&fmt=native").data))
    assert "type: group" in archive.read("english/reading-comprehension.md").decode()


def test_a_hindi_reader_maps_dry_runs_and_commits_an_import_in_hindi(app, client, auth, instructor):
    auth.choose_language("hi")
    review = upload(client, GIFT).headers["Location"]
    mapping = client.get(review).text
    assert "questions.gift की श्रेणियाँ जोड़ें" in mapping and "एक विषय चुनें…" in mapping
    refused = client.post(review, data={"csrf_token": token(client), "map-0": "nowhere/none"})
    assert refused.status_code == 422 and f"{MAPPED!r} के लिए हमारे विषयों में से एक चुनें।" in refused.text.replace(
        "&#39;", "'"
    )
    client.post(review, data={"csrf_token": token(client), "map-0": "quant/percentage"})

    dry_run = client.get(review).text
    assert "1 नया, 0 बदला हुआ, 0 अपरिवर्तित, 0 टकराव, 0 त्रुटि" in dry_run and "<strong>नया</strong>" in dry_run
    assert "आयात पूरा करें (सब कुछ या कुछ नहीं)" in dry_run and "Commit the import" not in dry_run
    client.post(f"{review}/commit", data={"csrf_token": token(client)})
    assert "questions.gift आयात हुई: 1 नए प्रश्न, 0 नए संस्करण, 0 अपरिवर्तित।" in client.get("/authoring/questions").text


def test_a_hindi_reader_reads_each_import_problem_in_hindi_at_its_file_and_line(app, client, auth, instructor):
    auth.choose_language("hi")
    placed = GIFT.replace("Maths Year 1/Percentages", "quant/percentage")
    review = upload(client, placed + "\n::b:: Broken {\n=1\n\n::c:: Same? {=10 ~10 ~20 ~30}\n").headers["Location"]
    page = client.get(review).text

    found = re.findall(r'"state-(\w+)"><td><code>(.*?)</code>.*?</strong></td>\s*<td>(.*?)\s*</td>', page)
    assert ("error", "questions.gift:10", "असंतुलित या नेस्टेड कोष्ठक: प्रति प्रश्न एक {...} उत्तर-खंड") in [
        (state, where, note.split(" (")[0]) for state, where, note in found
    ]
    assert "विकल्प B, विकल्प A को दोहराता है" in page  # a quality gate's reason for keeping it as a draft
    assert "unbalanced or nested braces" not in page and "repeats option" not in page


def test_the_command_line_import_keeps_its_problems_in_english(tmp_path):
    path = tmp_path / "questions.gift"
    path.write_text("$CATEGORY: quant/percentage\n\n::b:: Broken {\n=1\n", encoding="utf-8")
    reading = read_any(path, "gift", {}, load_taxonomy(find_taxonomy(PROJECT_ROOT / "question_bank")))
    assert [str(error) for error in reading.errors] == [
        f"{path}:3: unbalanced or nested braces: one {{...}} answer block per question (escape a literal as \\{{)"
    ]
