"""Institute tools: fixed papers built to a blueprint, and scheduled live mocks ranked across shifts."""
