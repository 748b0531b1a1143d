"""The model's matrix products on numpy's BLAS give the annotations thinc's default gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, TAG
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info

from sidelines.config import Settings
from sidelines.nlp.matmul import use_matmul
from sidelines.nlp.spacy_pipeline import load_model

TEXT = (Path(__file__).parent / "fixtures" / "attributes.txt").read_text(encoding="utf-8")


def _layers(nlp):
    return [layer for _, c in nlp.pipeline if getattr(c, "model", None) is not None for layer in c.model.walk()]


@pytest.fixture(scope="module")
def models():
    default = load_model(Settings().spacy_model)
    numpy_blas = load_model(Settings().spacy_model)
    use_matmul(numpy_blas, "numpy")
    return default, numpy_blas


def test_every_layer_multiplies_with_numpy(models):
    _, numpy_blas = models
    layers = _layers(numpy_blas)
    assert layers and all(isinstance(layer.ops, NumpyOps) and not layer.ops.use_blis for layer in layers)


def test_blas_runs_one_thread(models):
    assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")


@pytest.mark.parametrize("attr", [TAG, DEP, HEAD, ENT_IOB, ENT_TYPE], ids=["tag", "dep", "head", "iob", "ent"])
def test_the_annotations_are_thinc_defaults(models, attr):
    default, numpy_blas = models
    expected, got = default(TEXT), numpy_blas(TEXT)
    assert expected.to_array([attr]).tolist() == got.to_array([attr]).tolist()


def test_blis_keeps_the_default(models):
    kept = load_model(Settings().spacy_model)
    use_matmul(kept, "blis")
    layers = _layers(kept)
    assert not any(isinstance(layer.ops, NumpyOps) and not layer.ops.use_blis for layer in layers)


def test_an_unknown_library_is_refused():
    with pytest.raises(ValueError, match="matmul"):
        Settings(matmul="mkl")
