"""quanteda YAML dictionaries: read and write.

A YAML dictionary maps category names to lists of words; categories may nest
(``trust: {positive: [...], negative: [...]}``). ``*`` and ``?`` are wildcards.
The file is composed, never constructed, and reading is bounded in depth, node
visits and category-name length, because a few kilobytes of nested aliases can
expand to billions of nodes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, NoReturn

import yaml

from trustlex.errors import LexiconError
from trustlex.lexicon.formats.common import Plan, _all_of, _category_order, _Source
from trustlex.lexicon.reading import MAX_NESTING, _too_deep

_VALENCE_KEYS = {"+": "positive", "-": "negative", "0": "neutral"}
# A YAML file of aliases can expand exponentially: reading stops after this many node visits (each
# mapping, key, list and word, again every time an alias leads to it). Real dictionaries need 1-2% of it.
_MAX_YAML_NODES = 1_000_000
# ... and after category names (key paths joined by '.') of this many characters in all.
_MAX_YAML_NAME_CHARS = 1_000_000


class _TooDeepError(Exception):
    """Raised by the composer at MAX_NESTING levels; carries the YAML mark of the node."""

    def __init__(self, mark: Any) -> None:
        super().__init__()
        self.mark = mark


class _StringLoader(yaml.SafeLoader):
    """A SafeLoader that resolves no implicit types: every plain scalar stays the string as written.

    YAML 1.1 reads ``no``, ``off``, ``on``, ``yes``, ``1.5`` and ``2020-01-01`` as booleans, numbers and
    dates; in a dictionary they are words. Composing stops at MAX_NESTING levels: PyYAML composes
    recursively, three frames a level, so 100,000 nested ``[`` would otherwise end in a RecursionError.
    Composing needs no other bound: an alias composes to the node its anchor made, never a copy.
    """

    # types-PyYAML declares it on the instance; PyYAML keeps it on the class, as here
    yaml_implicit_resolvers: ClassVar[dict] = {}  # type: ignore[misc]

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if not self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent):
            return super().compose_node(parent, index)  # a word or an alias: no recursion
        if self._depth >= MAX_NESTING:
            raise _TooDeepError(self.peek_event().start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_YAML_TAGS = {
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}


def _compose(text: str, path: str) -> yaml.Node | None:
    """Compose the YAML text into nodes, refusing syntax errors and deep nesting with the line."""
    loader = _StringLoader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise LexiconError(f"invalid YAML: {exc}", path=path, line=line) from exc
    except _TooDeepError as exc:
        _too_deep("YAML", path, exc.mark.line + 1)
    except RecursionError:  # only when called with most of the stack already in use
        _too_deep("YAML", path)
    finally:
        loader.dispose()


class _Walker:
    """Reads composed nodes into a _Source, paying for every node visit and category-name character.

    What reading may still spend: node visits (an alias makes its target's subtree be visited, and
    paid for, once more) and characters of category names. Without them a few kilobytes of nested
    aliases expand to billions of categories.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.src = _Source()
        self.nodes = _MAX_YAML_NODES
        self.name_chars = _MAX_YAML_NAME_CHARS
        self.active: set[int] = set()
        self.problems: list[LexiconError] = []

    def fail(self, node: yaml.Node, message: str) -> NoReturn:
        raise LexiconError(message, path=self.path, line=node.start_mark.line + 1)

    def note(self, node: yaml.Node, message: str) -> None:
        """Record a problem of one node, which is skipped, so that reading goes on to the others."""
        self.problems.append(LexiconError(message, path=self.path, line=node.start_mark.line + 1))

    def pay(self, node: yaml.Node) -> None:
        self.nodes -= 1
        if self.nodes < 0:
            self.fail(node, f"more than {_MAX_YAML_NODES:,} YAML nodes to read (aliases expanding?)")

    def walk(self, node: yaml.Node, keys: tuple[str, ...]) -> None:
        # Only composed nodes are read, never constructed: no tag can run code or build objects.
        self.pay(node)
        if node.tag not in _YAML_TAGS:
            self.note(
                node, f"unsupported YAML tag {node.tag!r}; a dictionary holds only mappings, lists and words"
            )
            return
        if id(node) in self.active:
            self.fail(node, "recursive YAML alias")
        if isinstance(node, yaml.MappingNode):
            self._mapping(node, keys)
        else:
            self._words(node, keys)

    def _mapping(self, node: yaml.MappingNode, keys: tuple[str, ...]) -> None:
        if len(keys) >= MAX_NESTING:  # only aliases lead this deep: composing stops earlier
            self.fail(node, f"YAML categories nested more than {MAX_NESTING} levels deep (through aliases)")
        self.active.add(id(node))
        for key, value in node.value:
            self.pay(key)
            if not isinstance(key, yaml.ScalarNode) or not key.value.strip():
                self.note(key, "category keys must be plain names")
                continue
            self.walk(value, (*keys, key.value.strip()))
        self.active.discard(id(node))

    def _words(self, node: yaml.Node, keys: tuple[str, ...]) -> None:
        if not keys:
            self.fail(node, "a YAML dictionary is a mapping of category names to lists of words")
        name = ".".join(keys)
        self.name_chars -= len(name)
        if self.name_chars < 0:
            limit = f"{_MAX_YAML_NAME_CHARS:,}"
            self.fail(node, f"more than {limit} characters of category names to read (aliases expanding?)")
        self.src.categories.setdefault(name, keys)
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for item in items:
            if not isinstance(item, yaml.ScalarNode):
                self.note(
                    item, f"category {name!r}: a list of words may hold only words, not lists or mappings"
                )
                continue
            if item is not node:
                self.pay(item)
            if item.tag not in _YAML_TAGS:
                self.note(item, f"unsupported YAML tag {item.tag!r}")
                continue
            if item.value.strip() and not (item.style is None and item.value.strip() == "~"):
                self.src.words.append((name, item.value, item.start_mark.line + 1))


def read_yaml(text: str, path: str) -> _Source:
    """Read the categories and words of a quanteda YAML dictionary's text.

    Parameters
    ----------
    text : str
        The file's text.
    path : str
        The file's path, for messages.

    Returns
    -------
    _Source
        Categories by name (nested keys joined by ``.``, with their key path)
        and words with their category and line.

    Raises
    ------
    LexiconError
        On invalid YAML, aliases that recurse or expand too far, and anything
        but a mapping of category names to lists of words. Problems of single
        keys and words (a list in a word list, an unsupported tag) are all
        named: the first with its line, the others in its message, each with its own.
    """
    root = _compose(text, path)
    if root is None:
        msg = "empty YAML dictionary"
        raise LexiconError(msg, path=path)
    walker = _Walker(path)
    if not isinstance(root, yaml.MappingNode):
        walker.fail(root, "a YAML dictionary is a mapping of category names to lists of words")
    walker.walk(root, ())
    if walker.problems:
        raise _all_of(walker.problems)
    return walker.src


def write_yaml(plan: Plan, path: Path) -> None:
    """Write an export plan (entries with their words) as nested quanteda YAML at ``path``."""
    tree: dict[str, dict[str, list[str]]] = {}
    for concept, valence in _category_order(plan):
        tree.setdefault(concept, {})[_VALENCE_KEYS[valence]] = []
    for e, texts in plan:
        bucket = tree[e.concept][_VALENCE_KEYS[e.valence]]
        bucket.extend(t for t in texts if t not in bucket)
    # safe_dump quotes every word that a YAML 1.1 reader would turn into a boolean, number or date
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    path.write_text(text, encoding="utf-8", newline="\n")
