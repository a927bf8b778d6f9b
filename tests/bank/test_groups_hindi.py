"""Hindi texts, groups (passages), dated facts and near-duplicates in bank files."""

from tests.factories import question_text, write_bank
from trainer.bank.validation import check_bank

HINDI = """---
id: awareness-polity-901
section: awareness
topic: polity
difficulty: easy
answer: B
source: "Constitution of India, Article 324"
---
Which Article vests the superintendence of elections in the Election Commission?

A) Article 280
B) Article 324
C) Article 356
D) Article 368

Explanation:
Article 324.

[hi]
कौन-सा अनुच्छेद चुनावों का अधीक्षण निर्वाचन आयोग को सौंपता है?

A) अनुच्छेद 280
B) अनुच्छेद 324
C) अनुच्छेद 356
D) अनुच्छेद {last}

Explanation:
अनुच्छेद 324।
"""

GROUP = """---
id: english-rc-901
type: group
section: english
topic: reading-comprehension
source: original
---
Read the passage. The river rose for three days before the town moved its grain to the hill.
"""


def member(n: int, group: str = "english-rc-901", topic: str = "reading-comprehension") -> str:
    text = question_text(f"english-rc-901-{n}", "english", topic, stem=f"Passage question number {n} about the river?")
    return text.replace("source: original\n", f"source: original\ngroup: {group}\n")


def problems_of(tmp_path, files):
    return [str(p).replace(str(tmp_path) + "/", "") for p in check_bank(write_bank(tmp_path, files)).problems]


def test_a_hindi_text_is_read_with_the_question(tmp_path):
    result = check_bank(write_bank(tmp_path, {"awareness/polity.md": HINDI.format(last="368")}))
    assert result.problems == []
    content = result.questions["awareness-polity-901"][0]
    assert content.hindi[1][1] == "अनुच्छेद 324"
    assert content.hindi[0].startswith("कौन-सा")


def test_a_hindi_option_with_other_numbers_is_refused(tmp_path):
    found = problems_of(tmp_path, {"awareness/polity.md": HINDI.format(last="386")})
    assert found == ["awareness/polity.md:25: Hindi option D has numbers ['386'] but the English option has ['368']"]


def test_a_hindi_text_with_three_options_is_refused(tmp_path):
    text = HINDI.format(last="368").replace("D) अनुच्छेद 368\n", "")
    assert "awareness/polity.md:20: Hindi: expected 4 options A) to D), found 3" in problems_of(
        tmp_path, {"awareness/polity.md": text}
    )


def test_a_group_and_its_members_are_read_in_order(tmp_path):
    result = check_bank(write_bank(tmp_path, {"english/rc.md": GROUP + member(1) + member(2)}))
    assert result.problems == []
    assert "english-rc-901" in result.groups
    assert [uid for uid, (c, _, _) in result.questions.items() if c.group == "english-rc-901"] == [
        "english-rc-901-1",
        "english-rc-901-2",
    ]


def test_a_member_must_follow_its_group_in_the_same_file(tmp_path):
    found = problems_of(tmp_path, {"english/a.md": member(1), "english/b.md": GROUP + member(2)})
    assert "english/a.md:1: group 'english-rc-901' is not defined above this question in the same file" in found


def test_a_group_without_questions_is_refused(tmp_path):
    assert problems_of(tmp_path, {"english/rc.md": GROUP}) == [
        "english/rc.md:1: group 'english-rc-901' has no questions"
    ]


def test_current_affairs_need_an_as_of_date(tmp_path):
    item = question_text("awareness-current-affairs-901", "awareness", "current-affairs")
    assert problems_of(tmp_path, {"awareness/ca.md": item}) == [
        "awareness/ca.md:1: topic 'current-affairs' needs 'as_of: YYYY-MM-DD' (the date the fact was checked)"
    ]
    dated = item.replace("source: original\n", "source: original\nas_of: 2024-03-31\n")
    result = check_bank(write_bank(tmp_path / "ok", {"awareness/ca.md": dated}))
    assert result.problems == []
    assert result.questions["awareness-current-affairs-901"][0].as_of == "2024-03-31"


def test_near_duplicates_are_reported_with_both_places(tmp_path):
    stem = "A shopkeeper marks an article 40 percent above cost and gives a discount of 25 percent. Find the profit."
    files = {
        "quant/one.md": question_text("quant-x-1", stem=stem),
        "quant/two.md": question_text("quant-x-2", stem=stem.replace("Find", "What is")),
    }
    found = problems_of(tmp_path, files)
    assert len(found) == 1
    assert found[0].startswith("quant/two.md:1: near-duplicate of 'quant-x-1' at ")
    assert "quant/one.md:1 (72% of word runs shared)" in found[0]


def test_stale_current_affairs_are_retired_by_date(runner, tmp_path):
    def dated(uid, as_of):
        text = question_text(uid, "awareness", "current-affairs", stem=f"Which event happened? ({uid})")
        return text.replace("source: original\n", f"source: PIB\nas_of: {as_of}\n")

    bank = write_bank(
        tmp_path, {"awareness/ca.md": dated("awareness-ca-old", "2023-05-01") + dated("awareness-ca-new", "2024-06-01")}
    )
    assert runner.invoke(args=["bank", "import", str(bank)]).exit_code == 0
    first = runner.invoke(args=["bank", "retire-stale", "--before", "2024-01-01"])
    again = runner.invoke(args=["bank", "retire-stale", "--before", "2024-01-01"])
    assert "Retired 1 item(s): awareness-ca-old" in first.output
    assert "Retired 0 item(s)." in again.output
    stats = runner.invoke(args=["bank", "stats", "--json"])
    assert '"awareness/current-affairs": 1' in stats.output
