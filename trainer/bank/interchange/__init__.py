"""Bring questions in from other formats (GIFT, Moodle XML, Aiken, CSV, native) and export them."""
