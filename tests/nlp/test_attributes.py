"""The attribute ruler and lemmatizer applied through token arrays give the packaged components' answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from sidelines.config import Settings
from sidelines.nlp.attributes import use_array_attributes
from sidelines.nlp.spacy_pipeline import load_model

TEXT = (Path(__file__).parent / "fixtures" / "attributes.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def models():
    packaged = load_model(Settings().spacy_model)
    arrays = load_model(Settings().spacy_model)
    use_array_attributes(arrays)
    return packaged, arrays


def test_the_array_components_stand_in_for_the_packaged_ones(models):
    _, arrays = models
    assert "sidelines_attributes" in arrays.pipe_names and "attribute_ruler" not in arrays.pipe_names
    assert "sidelines_lemmas" in arrays.pipe_names and "lemmatizer" not in arrays.pipe_names


@pytest.mark.parametrize("attr", [POS, MORPH, LEMMA, TAG, DEP, HEAD], ids=["pos", "morph", "lemma", "tag", "dep", "head"])
def test_every_token_gets_the_packaged_answer(models, attr):
    packaged, arrays = models
    for paragraph in [TEXT, *TEXT.split("\n")]:  # whole, and line by line: keys seen before and not
        expected, got = packaged(paragraph), arrays(paragraph)
        differ = [(t.text, e, g) for t, e, g in zip(expected, expected.to_array([attr]).tolist(),
                                                    got.to_array([attr]).tolist()) if e != g]
        assert not differ


def test_rules_of_several_tokens_and_of_forms_still_apply(models):
    _, arrays = models
    doc = arrays("We're gonna see; nothin' was agreed.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["gon"], lemmas["na"], lemmas["nothin'"]) == ("go", "to", "nothing")


def test_an_empty_text_passes(models):
    assert len(models[1]("")) == 0
