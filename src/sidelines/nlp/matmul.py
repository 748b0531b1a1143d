"""The model's matrix products on numpy's BLAS, one thread per process.

thinc multiplies with blis unless told otherwise. numpy's OpenBLAS computes the same products
(the same tags, parses and entities, token for token, on the real-news and ECB+ corpora) about a third
faster on this project's x86 machines, which is most of what separates reading news from running
the packaged model alone (``bench/throughput.py``). BLAS is held to one thread: the work is many small
matrices, where a second thread costs more CPU than it saves, and a machine's cores are better spent
on worker processes (``--workers``). ``Settings.matmul = "blis"`` keeps thinc's default.
"""

from __future__ import annotations

from spacy.language import Language
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits


def use_matmul(nlp: Language, library: str) -> None:
    """Give every layer of the pipeline's models the ops that multiply with ``library``."""
    if library == "blis":
        return
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for layer in model.walk():
                layer.ops = ops
    threadpool_limits(limits=1, user_api="blas")
