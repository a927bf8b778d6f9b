"""`python -m trainer.bank.validation PATH`: print every problem as file:line, exit 1 if any."""

from __future__ import annotations

import sys
from pathlib import Path

from trainer.bank.validation.bank import check_bank


def main(argv: list[str]) -> int:
    """Check the bank at argv[0] (default question_bank); print problems and a summary; 1 if any problem."""
    root = Path(argv[0] if argv else "question_bank")
    result = check_bank(root)
    for problem in result.problems:
        print(problem)
    print(
        f"{len(result.questions)} valid question(s), {len(result.groups)} group(s), {len(result.problems)} problem(s)"
    )
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
