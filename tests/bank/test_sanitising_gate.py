"""The sanitising gate: `bank validate` names the words a candidate would not see, at their file:line."""

from tests.factories import question_text, write_bank
from trainer.bank.validation import check_bank

MXSS = 'Find x. <math><mtext><table><mglyph><style><!--</style><img title="--&gt;"> What is 20% of 50?'


def test_text_lost_after_malformed_markup_is_a_problem_at_its_line(tmp_path):
    check = check_bank(write_bank(tmp_path, {"quant/p.md": question_text("quant-percentage-901", stem=MXSS)}))
    assert [str(p) for p in check.problems] == [
        f"{tmp_path}/quant/p.md:9: stem: candidates would not see 'What is 20% of 50?': the sanitiser drops it"
        " (look for malformed or unsafe markup just before it)"
    ]
    assert check.questions == {}


def test_an_option_and_a_hindi_explanation_are_checked_too(tmp_path):
    text = question_text("quant-percentage-902").replace("B) two", f"B) two {MXSS}")
    hindi_mxss = MXSS.replace("What is 20% of 50?", "पहला विकल्प।")
    text += f"\n[hi]\nप्रश्न 902?\n\nA) एक\nB) दो 20 50\nC) तीन\nD) चार\n\nExplanation:\nक्योंकि {hindi_mxss}\n"
    messages = [p.message for p in check_bank(write_bank(tmp_path, {"quant/p.md": text})).problems]
    assert any(m.startswith("option B: candidates would not see 'What is 20% of 50?'") for m in messages), messages
    assert any(m.startswith("Hindi explanation: candidates would not see 'पहला विकल्प।'") for m in messages), messages


def test_script_and_safe_markup_lose_no_visible_words(tmp_path):
    stem = "Hi <script>alert(1)</script>there: **what** is $x^2$ when <b>x</b> is 3?"
    check = check_bank(write_bank(tmp_path, {"quant/p.md": question_text("quant-percentage-903", stem=stem)}))
    assert check.problems == []
