"""Password rules: long enough, not a common password, not the account's own e-mail or name.

Pure: no Flask, no database. "Common" is judged by zxcvbn (Dropbox's estimator, maintained on PyPI), whose
ranked lists include the 30,000 most frequent passwords of leaked password sets with their usual variations
(capitals, digits and symbols added, l33t spelling, keyboard walks, repeats, dates).
"""

from __future__ import annotations

import re
import threading

from zxcvbn import zxcvbn

MIN_PASSWORD = 8
MAX_PASSWORD = 200
# zxcvbn estimates how many guesses an attacker needs; below ten million the password is one of the first an
# attacker tries ("Password@123", "iloveindia", "qwertyuiop" ...).
MIN_GUESSES_LOG10 = 7
_ZXCVBN_MAX = 72  # zxcvbn refuses longer input; a longer passphrase is judged by its first 72 characters
# zxcvbn keeps the words of the person (user_inputs) in a module-level table while it runs: one call at a time.
_ZXCVBN_LOCK = threading.Lock()


def password_problem(password: str, email: str = "", name: str = "") -> str | None:
    """Why this password is refused for the account with this e-mail and name, or None if it is fine."""
    if len(password) < MIN_PASSWORD:
        return f"Use at least {MIN_PASSWORD} characters."
    if len(password) > MAX_PASSWORD:
        return f"Use at most {MAX_PASSWORD} characters."
    if _is_personal(password, email, name):
        return "Do not use your e-mail address or your name as your password."
    with _ZXCVBN_LOCK:
        estimate = zxcvbn(password[:_ZXCVBN_MAX], user_inputs=_personal_words(email, name))
    if estimate["guesses_log10"] < MIN_GUESSES_LOG10:
        warning = estimate["feedback"]["warning"] or "This password is easy to guess."
        return f"{warning} Choose a longer one, for example three or four unrelated words."
    return None


def _squeeze(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _is_personal(password: str, email: str, name: str) -> bool:
    """The password is the e-mail (with or without its ending), its part before the @, or the name.

    Case, spaces and punctuation are ignored: "Asha.Verma" is the name "Asha Verma".
    """
    email = email.strip()
    personal = {_squeeze(email), _squeeze(email.rsplit(".", 1)[0]), _squeeze(email.split("@")[0]), _squeeze(name)}
    return _squeeze(password) in personal - {""}


def _personal_words(email: str, name: str) -> list[str]:
    """Words an attacker who knows the person tries first: the e-mail's parts and the name's."""
    return [word for word in re.split(r"[^\w]+", f"{email} {name}".casefold()) if len(word) >= 3]
