"""Invite codes: random, unguessable, easy to read out and type; forgiving of case, spaces, dashes and look-alikes."""

from __future__ import annotations

import random
from datetime import datetime

# Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud or copied by hand is not mistyped.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12  # 60 random bits: guessing one of even a million live codes takes ~10^12 tries
GROUP = 4
LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
MAX_TYPED = 40  # longer input is not a code (bounded input)


def new_code(rng: random.Random) -> str:
    """A fresh code of LENGTH characters (pass `random.SystemRandom()` in production)."""
    return "".join(rng.choice(ALPHABET) for _ in range(LENGTH))


def shown(code: str) -> str:
    """The code as shown to people, in groups of four: `K7QM-2XHD-9TRA`."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalise(typed: str) -> str | None:
    """The stored form of a typed code, or None if it cannot be one (wrong length or characters)."""
    if len(typed) > MAX_TYPED:
        return None
    code = "".join(ch for ch in typed.upper() if ch not in " -\t").translate(LOOK_ALIKES)
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def expired(expires_at: datetime | None, now: datetime) -> bool:
    """Whether a code with this expiry no longer works at `now` (no expiry: it works until regenerated)."""
    return expires_at is not None and now >= expires_at
