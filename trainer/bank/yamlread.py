"""Read YAML into plain values with line numbers, turning every way PyYAML can fail into one YamlError."""

from __future__ import annotations

import yaml
from yaml.constructor import SafeConstructor

from trainer.core.wording import N_

# Besides YAMLError, PyYAML's safe constructors raise KeyError (`!!bool x`), AttributeError (`!!timestamp x`),
# ValueError (`2020-02-30`, `!!int x`) and TypeError; deep nesting recurses past Python's limit.
FAILURES = (yaml.YAMLError, ValueError, KeyError, AttributeError, TypeError, OverflowError, RecursionError)


class YamlError(ValueError):
    """The text is not YAML we can read; `line` is 0-based within the text."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def _explain(exc: BaseException, node: yaml.Node | None = None) -> str:
    if isinstance(exc, RecursionError):
        return N_("nested too deeply")
    if isinstance(exc, yaml.YAMLError):
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context = getattr(exc, "context", None)
        return f"{context} {reason}" if context else reason
    if isinstance(node, yaml.ScalarNode):
        return N_("%(value)r is not a valid %(tag)s", value=node.value, tag=node.tag.rpartition(":")[2])
    return N_("a value cannot be read (%(error)s)", error=type(exc).__name__)


def compose(text: str) -> yaml.Node | None:
    """The node tree of one YAML document (None if empty), or YamlError."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except FAILURES as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        raise YamlError(mark.line if mark else 0, _explain(exc)) from None


def value(node: yaml.Node) -> object:
    """The plain Python value of a node (as yaml.safe_load would give it), or YamlError at the node's line."""
    try:
        return SafeConstructor().construct_document(node)
    except FAILURES as exc:
        mark = getattr(exc, "problem_mark", None) or node.start_mark
        raise YamlError(mark.line, _explain(exc, node)) from None


def entries(node: yaml.MappingNode) -> list[tuple[object, yaml.Node, int]]:
    """A mapping's (key, value node, key's 0-based line) in order; YamlError for a key that is not plain or repeats."""
    found: list[tuple[object, yaml.Node, int]] = []
    seen: set[object] = set()
    for key_node, value_node in node.value:
        line = key_node.start_mark.line
        key = value(key_node)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise YamlError(line, N_("a key must be a plain word, not %(kind)s", kind=type(key).__name__))
        if key in seen:
            raise YamlError(line, N_("key %(key)r appears twice", key=key))
        seen.add(key)
        found.append((key, value_node, line))
    return found


def line_of(node: yaml.Node) -> int:
    """The 0-based line a node starts on."""
    return node.start_mark.line
