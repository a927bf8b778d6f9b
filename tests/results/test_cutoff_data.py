"""Reading a cut-off CSV (every problem as file:line, nothing half-read) and comparing scores, without Flask."""

from __future__ import annotations

import pytest

from trainer.auth.models import CATEGORIES
from trainer.results.cutoff_data import CutoffFileError, CutoffRow, compare, parse_cutoffs
from trainer.results.cutoffs import BUNDLED

HEADER = "paper,stage,year,category,marks,out_of,source,note\n"
PAPERS = {"tier1", "tier2"}


def parse(text: str):
    return parse_cutoffs(text, "cut.csv", PAPERS, CATEGORIES)


def test_a_good_file_gives_its_rows():
    rows = parse(HEADER + 'tier1,"Tier-I, all other posts",2024,UR,153.19,200,site,normalised\n')

    assert rows == [CutoffRow("tier1", "Tier-I, all other posts", 2024, "UR", 153.19, 200.0, "site", "normalised")]


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_returned():
    text = HEADER + (
        "tier1,Tier-I,2024,UR,150,200,,\n"
        "tier3,Tier-I,2024,UR,150,200,,\n"
        "tier1,Tier-I,2024,XX,150,200,,\n"
        "tier1,Tier-I,twenty,UR,150,200,,\n"
        "tier1,Tier-I,2023,UR,abc,200,,\n"
        "tier1,Tier-I,2022,UR,250,200,,\n"
        "tier1,,2022,UR,50,200,,\n"
        "tier1,Tier-I,2024,UR,151,200,,\n"
        "tier1,Tier-I,2021,UR,1,200,,,extra\n"
    )

    with pytest.raises(CutoffFileError) as caught:
        parse(text)

    assert caught.value.problems == [
        "cut.csv:3: unknown paper 'tier3' (one of tier1, tier2)",
        "cut.csv:4: unknown category 'XX' (one of UR, OBC, EWS, SC, ST)",
        "cut.csv:5: year 'twenty' is not a year between 1990 and 2100",
        "cut.csv:6: marks 'abc' is not a number",
        "cut.csv:7: marks 250 must be between 0 and out_of 200, and out_of above 0",
        "cut.csv:8: empty stage",
        "cut.csv:9: the same paper, stage, year and category as line 2",
        "cut.csv:10: more fields than the header has",
    ]


def test_a_file_without_the_columns_is_refused_at_line_1():
    with pytest.raises(CutoffFileError, match=r"cut.csv:1: the header lacks marks, out_of"):
        parse("paper,stage,year,category\ntier1,x,2024,UR\n")


def test_the_bundled_file_holds_the_tier1_figures_and_no_invented_ones():
    rows = parse_cutoffs(BUNDLED.read_text(encoding="utf-8"), "cutoffs.csv", PAPERS, CATEGORIES)

    by_key = {(r.year, r.category): r.marks for r in rows}
    assert by_key[(2021, "UR")] == 130.18 and by_key[(2024, "ST")] == 111.89 and by_key[(2022, "OBC")] == 114.28
    assert [c for (year, c) in by_key if year == 2025] == ["UR"]  # other 2025 categories are unknown: absent
    assert len(rows) == 21 and {r.paper for r in rows} == {"tier1"} and {r.out_of for r in rows} == {200}


def test_compare_says_which_years_would_have_been_cleared_newest_first():
    cutoffs = [CutoffRow("tier1", "T", y, "UR", m, 200) for y, m in ((2023, 150.05), (2024, 153.19), (2022, 114.28))]

    lines = compare(cutoffs, 151.0, 200)

    assert [(line.year, line.cleared, line.scaled) for line in lines] == [
        (2024, False, False),
        (2023, True, False),
        (2022, True, False),
    ]


def test_a_score_out_of_another_maximum_is_scaled():
    (line,) = compare([CutoffRow("tier2", "Final", 2024, "UR", 300, 390)], 150, 195)

    assert (line.score, line.scaled, line.cleared) == (300, True, True)
