"""Item statistics (Moodle's definitions): facility, discrimination, distractors, flags; refreshed by the CLI."""
