"""Profit and loss: the key recomputed from the mark-up and discounts, price by price (cost price 100)."""

from fractions import Fraction

from tests.bank.generators.quant_support import exactly_one, items, terminating, value


def signed(text: str) -> Fraction:
    if text.startswith("No profit"):
        return Fraction(0)
    number = value(text)
    return -number if "loss" in text else number


def test_marked_price_key_and_realism():
    for difficulty, seed, item in items("quant-profit-loss-marked-price"):
        p, where = item.params, f"{difficulty} seed {seed}"
        cost, marked = Fraction(100), Fraction(100 + p["markup"])
        assert 0 < p["markup"] <= 100
        if p["kind"] == "profit":
            price = marked
            for discount in p["discounts"]:
                assert 0 < discount < 50
                price -= price * discount / 100
            expected = (price - cost) / cost * 100
            assert expected != 0 and terminating(expected), where
            assert len(p["discounts"]) == (2 if difficulty == "hard" else 1), where
            exactly_one(item, expected, signed, where)
        else:
            assert difficulty == "medium" and 0 < p["profit"] < p["markup"], where
            selling = cost * (100 + p["profit"]) / 100
            expected = (marked - selling) / marked * 100
            assert 0 < expected < 50 and terminating(expected), where
            exactly_one(item, expected, value, where)


def test_hindi_options_say_profit_and_loss_in_hindi():
    words = {"profit": "लाभ", "loss": "हानि", "No profit, no loss": "न लाभ, न हानि"}
    for _, _, item in items("quant-profit-loss-marked-price", range(40)):
        for en, hi in zip(item.options, item.hindi_options):
            if en in words:
                assert hi == words[en]
            elif en.endswith(("profit", "loss")):
                number, word = en.rsplit(" ", 1)
                assert hi == f"{number} {words[word]}"
            else:
                assert hi == en  # a plain percentage
