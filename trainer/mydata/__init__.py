"""My data: a candidate downloads everything kept about them, or deletes their account."""
