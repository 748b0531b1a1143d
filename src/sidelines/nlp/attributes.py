"""The packaged attribute ruler and lemmatizer, applied through token arrays.

The model's ``attribute_ruler`` maps every token's tag to its coarse part of speech and morphology
(about 180 rules, nearly all on one token's tag, lower-case form and dependency) and its rule
``lemmatizer`` then looks up each token's lemma. Both do it one ``Token`` object at a time, which
costs a sixth of the packaged pipeline's time on news. The same rules give the same answer for the
same (form, tag, dependency): ``TokenAttributes`` works that answer out once per distinct key and
writes the document's columns at once; ``ArrayLemmatizer`` does the same per (form, part of speech,
morphology), calling the packaged lemmatizer only for a key it has not seen. The packaged components
stay the reference: their rules are read from them (a rule in a form not read here goes through a
spaCy ``Matcher``), and the output is the same, token for token (``tests/nlp/test_attributes.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from thinc.types import Ints2d

#: The token attributes a one-token rule may test, in the order of a key's fields.
_KEY_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_KEY_IDS = [LOWER, TAG, DEP, IS_SPACE]
#: What a rule may set, and the column each is written to.
_SET = {"POS": POS, "MORPH": MORPH, "LEMMA": LEMMA, "TAG": TAG, "DEP": DEP}
#: What is written as columns (a dependency label is set token by token: it goes with a head).
_WRITTEN = ("POS", "MORPH", "LEMMA", "TAG")

Test = Callable[[Any], bool]


def _test(value: Any) -> Test | None:
    """One pattern value as a test of the token's value, or None for a form this module does not read."""
    if isinstance(value, (str, bool)):
        return lambda v: v == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            return lambda v: v in arg
        if op == "NOT_IN":
            return lambda v: v not in arg
        if op == "REGEX":
            pattern = re.compile(arg)
            return lambda v: isinstance(v, str) and pattern.search(v) is not None
    return None


#: Words whose key (or lemma) is kept between documents, at most.
KEPT_KEYS = 200_000
#: The key's form for a word no rule names.
_OTHER_FORM = 0


class _Forms:
    """The key's word form: the form itself where a rule names it (by equality, a list or a pattern),
    or one stand-in for every other form, so that keys stay few."""

    def __init__(self, patterns: list[dict], strings: Any) -> None:
        self.strings = strings
        self.named: set[str] = set()
        self.patterns: list[re.Pattern[str]] = []
        self.unread = False  # a test of forms this class does not read: every form keys as itself
        for value in (spec["LOWER"] for entry in patterns for pattern in entry["patterns"] for spec in pattern
                      if "LOWER" in spec):
            if isinstance(value, str):
                self.named.add(value)
            elif isinstance(value, dict) and list(value) == ["IN"]:
                self.named.update(value["IN"])
            elif isinstance(value, dict) and list(value) == ["REGEX"]:
                self.patterns.append(re.compile(value["REGEX"]))
            else:
                self.unread = True
        self._keys: dict[int, int] = {}

    def key(self, lower: int) -> int:
        found = self._keys.get(lower)
        if found is None:
            if len(self._keys) >= KEPT_KEYS:  # a long run meets ever more words: start again
                self._keys.clear()
            form = self.strings[lower]
            own = self.unread or form in self.named or any(p.search(form) for p in self.patterns)
            found = self._keys[lower] = lower if own else _OTHER_FORM
        return found


@dataclass(frozen=True)
class _Rule:
    """A rule of fixed length: alternative patterns, each a test per attribute of each token; the
    token it sets (``index`` into the match) and what it sets."""

    order: int
    alternatives: tuple[tuple[dict[str, Test], ...], ...]
    index: int
    attrs: dict[str, Any]

    @property
    def length(self) -> int:
        return len(self.alternatives[0])


def _rule(order: int, entry: dict) -> _Rule | None:
    """A ruler entry as a rule read here, or None for one the ``Matcher`` must read (operators,
    other attributes, patterns of different lengths)."""
    alternatives = []
    for pattern in entry["patterns"]:
        tokens = []
        for spec in pattern:
            tests = {name: _test(value) for name, value in spec.items()}
            if any(name not in _KEY_ATTRS or test is None for name, test in tests.items()):
                return None
            tokens.append(cast(dict[str, Test], tests))
        alternatives.append(tuple(tokens))
    if len({len(a) for a in alternatives}) != 1 or any(name not in _SET for name in entry["attrs"]):
        return None
    rule = _Rule(order, tuple(alternatives), entry.get("index", 0), dict(entry["attrs"]))
    return rule if -rule.length <= rule.index < rule.length else None


class _Key:
    """What the rules say of tokens of one key: the one-token rules it matches and what they set,
    folded in order; and, for each (rule, alternative) of several tokens, the positions it fits."""

    def __init__(self, one: list[_Rule], folded: dict[str, int], fits: dict[tuple[int, int], frozenset[int]]) -> None:
        self.one, self.folded, self.fits = one, folded, fits


class TokenAttributes:
    """The attribute ruler's rules applied per distinct token key, in the ruler's order (a later rule
    wins), and written to the document's columns at once."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.one: list[_Rule] = []  # rules of one token
        self.several: list[_Rule] = []  # rules of several tokens
        self.matcher = Matcher(self.vocab)  # for any rule not read here
        self.spans: dict[int, tuple[int, int, dict[str, Any]]] = {}  # such a rule: (order, index, attrs)
        entries: list[dict[str, Any]] = [dict(entry) for entry in ruler.patterns]
        for order, entry in enumerate(entries):
            rule = _rule(order, entry)
            if rule is not None:
                (self.one if rule.length == 1 else self.several).append(rule)
            else:
                key = self.vocab.strings.add(f"sidelines_attributes_{order}")
                self.matcher.add(key, entry["patterns"])
                self.spans[key] = (order, entry.get("index", 0), dict(entry["attrs"]))
        self._by_key: dict[tuple[int, ...], _Key] = {}
        self._forms = _Forms(entries, self.vocab.strings)

    def _for_key(self, key: tuple[int, ...]) -> _Key:
        found = self._by_key.get(key)
        if found is None:
            strings = self.vocab.strings
            values: dict[str, Any] = {name: (strings[v] if name != "IS_SPACE" else bool(v))
                                      for name, v in zip(_KEY_ATTRS, key)}
            if key[0] == _OTHER_FORM:
                values["LOWER"] = None  # a form no rule names: equal to none, in no list
            one = [rule for rule in self.one if any(_fits(alt[0], values) for alt in rule.alternatives)]
            fits = {(r, a): frozenset(p for p, spec in enumerate(alt) if _fits(spec, values))
                    for r, rule in enumerate(self.several) for a, alt in enumerate(rule.alternatives)}
            found = self._by_key[key] = _Key(one, self._fold(one), fits)
        return found

    def _fold(self, rules: list[_Rule]) -> dict[str, int]:
        folded: dict[str, int] = {}
        for rule in sorted(rules, key=lambda rule: rule.order):
            for name, value in rule.attrs.items():
                if name == "MORPH":
                    folded[name] = self.vocab.morphology.add(value)
                else:
                    folded[name] = self.vocab.strings.add(value) if isinstance(value, str) else value
        return folded

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = doc.to_array(_KEY_IDS)
        lowers, where = np.unique(keys[:, 0], return_inverse=True)
        keys[:, 0] = np.array([self._forms.key(v) for v in lowers.tolist()], dtype=np.uint64)[where.ravel()]
        distinct, which = np.unique(keys, axis=0, return_inverse=True)
        which = which.ravel()
        found = [self._for_key(tuple(key)) for key in distinct.tolist()]
        columns = doc.to_array([_SET[name] for name in _WRITTEN])
        for j, name in enumerate(_WRITTEN):
            sets = np.array([name in k.folded for k in found])[which]
            values = np.array([k.folded.get(name, 0) for k in found], dtype=np.uint64)[which]
            columns[:, j] = np.where(sets, values, columns[:, j])
        for k, key in enumerate(found):
            if "DEP" in key.folded:  # a dependency label without its head: set one token at a time
                for i in np.flatnonzero(which == k).tolist():
                    doc[i].dep = key.folded["DEP"]
        for i, folded in self._several_tokens(doc, which, found):
            for j, name in enumerate(_WRITTEN):
                if name in folded:
                    columns[i, j] = folded[name]
            if "DEP" in folded:
                doc[i].dep = folded["DEP"]
        doc.from_array([_SET[name] for name in _WRITTEN], cast(Ints2d, columns))
        return doc

    def _several_tokens(self, doc: Doc, which: np.ndarray, found: list[_Key]) -> list[tuple[int, dict[str, int]]]:
        """The tokens a rule of several tokens sets, each with what all its rules set, in their order."""
        extra: dict[int, list[_Rule]] = {}
        n = len(doc)
        for r, rule in enumerate(self.several):
            for a in range(len(rule.alternatives)):
                starts = np.ones(max(n - rule.length + 1, 0), dtype=bool)
                for p in range(rule.length):
                    fits = np.array([p in k.fits[(r, a)] for k in found])[which]
                    starts &= fits[p:p + len(starts)]
                for start in np.flatnonzero(starts).tolist():
                    extra.setdefault(start + rule.index % rule.length, []).append(rule)
        for match_id, start, end in self.matcher(doc, allow_missing=True) if self.spans else ():
            order, index, attrs = self.spans[match_id]
            extra.setdefault(range(start, end)[index], []).append(_Rule(order, (), index, attrs))
        return [(i, self._fold(found[which[i]].one + rules)) for i, rules in extra.items()]


def _fits(spec: dict[str, Test], values: dict[str, Any]) -> bool:
    return all(test(values[name]) for name, test in spec.items())


class ArrayLemmatizer:
    """The rule lemmatizer's answer per (form, part of speech, morphology), asked once per key."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.vocab = lemmatizer.vocab
        self._lemmas: dict[tuple[int, int, int], int] = {}
        # The packaged index of known forms per part of speech is a list, which each rule's candidate
        # form is looked for in from the start (57,000 nouns): the same forms as a set.
        if lemmatizer.lookups.has_table("lemma_index"):
            index = lemmatizer.lookups.get_table("lemma_index")
            for pos, forms in list(index.items()):
                if isinstance(forms, list):
                    index[pos] = frozenset(forms)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA]).astype(np.uint64)
        lemmas = columns[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma:
                continue
            found = self._lemmas.get((orth, pos, morph))
            if found is None:
                if len(self._lemmas) >= KEPT_KEYS:
                    self._lemmas.clear()
                found = self._lemmas[(orth, pos, morph)] = self.vocab.strings.add(
                    self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], cast(Ints2d, lemmas.reshape(-1, 1)))
        return doc


def use_array_attributes(nlp: Language) -> None:
    """Put the array versions in place of the packaged ``attribute_ruler`` and rule ``lemmatizer``
    (each only where the package has it in the form this module reads)."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        if isinstance(ruler, AttributeRuler):
            nlp.add_pipe("sidelines_attributes", after="attribute_ruler")
            nlp.get_pipe("sidelines_attributes").take(ruler)  # type: ignore[attr-defined]
            nlp.remove_pipe("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule" and not lemmatizer.overwrite:
            nlp.add_pipe("sidelines_lemmas", after="lemmatizer")
            nlp.get_pipe("sidelines_lemmas").take(lemmatizer)  # type: ignore[attr-defined]
            nlp.remove_pipe("lemmatizer")


class _Slot:
    """A pipeline component that holds a packaged component's array version once ``take`` gives it one."""

    def __init__(self, build: Callable[[Any], Callable[[Doc], Doc]]) -> None:
        self.build = build
        self.apply: Callable[[Doc], Doc] | None = None

    def take(self, packaged: Any) -> None:
        self.apply = self.build(packaged)

    def __call__(self, doc: Doc) -> Doc:
        if self.apply is None:
            raise RuntimeError("the component was added without the packaged one it stands for")
        return self.apply(doc)


@Language.factory("sidelines_attributes")
def make_attributes(nlp: Language, name: str) -> _Slot:
    return _Slot(TokenAttributes)


@Language.factory("sidelines_lemmas")
def make_lemmas(nlp: Language, name: str) -> _Slot:
    return _Slot(ArrayLemmatizer)
