"""The question bank: taxonomy, plain-text format, import, rendering."""
