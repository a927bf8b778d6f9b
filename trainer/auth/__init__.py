"""Accounts: registration, sign-in, roles."""
