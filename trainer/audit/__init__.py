"""The append-only audit log of edits, imports, publishing, regrades and role changes (issue #11)."""
