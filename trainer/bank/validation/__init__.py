"""Check bank files against the format and the taxonomy; report every problem with file:line.

One module per gate; bank.py is the driver (and says how to add a gate).
"""

from trainer.bank.validation.bank import GATES, BankCheck, check_bank
from trainer.bank.validation.content import to_content, to_group_content
from trainer.bank.validation.headers import DIFFICULTIES, LANGUAGES, STATUSES, as_date
from trainer.bank.validation.hindi import numbers

__all__ = [
    "DIFFICULTIES",
    "GATES",
    "LANGUAGES",
    "STATUSES",
    "BankCheck",
    "as_date",
    "check_bank",
    "numbers",
    "to_content",
    "to_group_content",
]
