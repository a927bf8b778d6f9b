"""Instructors browse, preview and edit the bank; every save is a new version."""
