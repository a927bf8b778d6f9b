"""Per-topic progress derived from graded attempts."""
