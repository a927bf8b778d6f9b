"""The skill tests: the Data Entry Speed Test (DEST) and the Computer Knowledge shortcut drill."""
