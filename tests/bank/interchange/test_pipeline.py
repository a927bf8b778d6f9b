"""From bytes to what the import would do: every format through the bank's own gates, fuzzed end to end."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.bank.interchange.formats import read_any
from trainer.bank.rendering import render
from trainer.bank.taxonomy import find_taxonomy, load_taxonomy
from trainer.config import PROJECT_ROOT

TAXONOMY = load_taxonomy(find_taxonomy(PROJECT_ROOT / "question_bank"))
MAP = {"*": "quant/percentage"}


def read(tmp_path: Path, name: str, text: str, fmt: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_any(path, fmt, MAP, TAXONOMY)


def test_markup_that_would_swallow_words_fails_the_sanitising_gate_so_the_item_is_a_draft(tmp_path):
    mxss = '<math><mtext><table><mglyph><style><!--</style><img title\\="--&gt;">'  # '=' escaped for GIFT
    text = f"::x1:: Find x. {mxss} What is 10% of 200? {{=20 ~2 ~200 ~0.2 ####200 x 0.1 = 20}}\n"
    reading = read(tmp_path, "q.gift", text, "gift")
    assert reading.check.questions["x1"][1] == "draft"
    assert any("the sanitiser drops it" in reason for reason in reading.drafts["x1"]), reading.drafts


def test_a_script_in_an_imported_stem_is_kept_as_text_but_renders_inert(tmp_path):
    text = (
        "::x2:: What is <script>alert(1)</script><img src=x onerror=alert(2)> 10% of 200? {=20 ~2 ~200 ~0.2 ####20}\n"
    )
    content = read(tmp_path, "q.gift", text, "gift").check.questions["x2"][0]
    html = render(content.stem)
    assert "<script" not in html and "onerror" not in html and "alert(1)" not in html


def test_a_clean_item_is_published_and_a_near_duplicate_of_it_is_a_draft(tmp_path):
    stem = "A shopkeeper sells a radio for 900 rupees at a loss of ten percent; what did the radio cost him?"
    text = (
        f"::a:: {stem} {{=1000 ~990 ~810 ~900 ####900 / 0.9}}\n\n::b:: {stem} {{=1000 ~990 ~800 ~901 ####900 / 0.9}}\n"
    )
    reading = read(tmp_path, "q.gift", text, "gift")
    assert reading.check.questions["a"][1] == "published"
    assert reading.check.questions["b"][1] == "draft"
    assert "near-duplicate of 'a'" in reading.drafts["b"][0]


def test_an_unmapped_category_is_an_error_with_its_line(tmp_path):
    reading = read_any(_write(tmp_path, "$CATEGORY: Algebra\n\n\nQ? {=a ~b ~c ~d}\n"), "gift", {}, TAXONOMY)
    assert [str(error) for error in reading.errors] == [
        f"{tmp_path / 'q.gift'}:4: category 'Algebra' is not one of our topics:"
        " map it with --map 'Algebra=SECTION/TOPIC'"
    ]


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "q.gift").write_text(text, encoding="utf-8")
    return tmp_path / "q.gift"


GIFT_PIECES = ["Q", " ", "{", "}", "=", "~", "#", "####", "%100%", "%-5%", "::t::", "\n", "\n\n", "<b>", "$$", "\\"]
AIKEN_PIECES = ["Q?\n", "A) a\n", "B) b\n", "C) $x\n", "D) d\n", "ANSWER: A\n", "ANSWER: D\n", "\n", "<i>\n"]
CSV_HEADER = "section,topic,stem,option_a,option_b,option_c,option_d,answer,explanation,as_of,language\n"
CSV_PIECES = ["quant", ",", "percentage", "awareness,current-affairs", "A", "2024-02-30", "hi", '"', "\n", "$", "x"]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["gift", "aiken", "csv"]),
    st.lists(st.sampled_from(GIFT_PIECES), max_size=40),
    st.lists(st.sampled_from(AIKEN_PIECES), max_size=20),
    st.lists(st.sampled_from(CSV_PIECES), max_size=40),
)
def test_any_file_reaches_a_verdict_per_item_with_locations_never_a_crash(tmp_path_factory, fmt, gift, aiken, csv):
    text = {"gift": "".join(gift), "aiken": "".join(aiken), "csv": CSV_HEADER + "".join(csv)}[fmt]
    reading = read(tmp_path_factory.mktemp("f"), f"q.{fmt}", text, fmt)
    assert all(error.path and error.line >= 0 for error in reading.errors)
    for uid, (_content, status, _parsed) in reading.check.questions.items():
        assert status in ("published", "draft")
        assert (status == "draft") == (uid in reading.drafts)
