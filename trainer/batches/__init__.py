"""Batches: groups of candidates an institute's staff follow, with invite codes, a dashboard and assignments."""
