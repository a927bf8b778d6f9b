"""Results: where an attempt stands among others (score distributions), cut-offs, and where the marks went."""
