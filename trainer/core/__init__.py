"""Pieces shared by the features: clock, database base, access rules, errors."""
