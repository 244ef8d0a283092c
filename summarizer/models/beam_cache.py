"""The key/value cache of one beam search of a seq2seq model, without a copy it need not make.

After every decoding step, transformers' beam search reorders the whole cache
to follow the beams it kept: the decoder's own keys and values, which differ
from beam to beam, and the cross-attention keys and values of the encoder's
output. The latter are the same for every beam of an input (the encoder's
output is repeated once per beam, and a beam is only ever replaced by another
beam of the same input), so reordering them copies identical tensors into
place. For distilbart-cnn summarizing a 985-token article with 4 beams that is
6 layers x keys and values x 4 beams x 985 positions x 1024 float32 = 194 MB
read and written per output token. On 2 CPU cores (BENCHMARKS.md, "Run of
2026-12-02 (c)") the torch summary stage of that article took 13.7 s with this
module's cache against 15.0 s without, and of a 2,500-word one (four chunks
summarized in one call: 16 rows) 16.6 s against 23.1 s.

:func:`beam_search_cache` gives ``generate()`` a cache that reorders only the
decoder's own part. What is computed does not change: outputs are identical
(``tests/models/test_beam_cache.py``). It is used only for beam search of an
encoder-decoder model: greedy decoding reorders nothing, and a decoder-only
model has no cross-attention. The CTranslate2 backend has a beam search of
its own and does not use it.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any

__all__ = ["beam_search_cache"]


def beam_search_cache(model: Any, num_beams: int) -> dict[str, Any]:
    """Keyword arguments for one ``model.generate()`` call: an empty cache for beam search, or none.

    Args:
        model: A transformers model.
        num_beams: The beams of the call.

    Returns:
        ``{"cache": <empty cache>}`` (``past_key_values`` on transformers
        releases whose models still call it that) for beam search of an
        encoder-decoder model; ``{}`` otherwise, which leaves transformers' own.
    """
    if num_beams <= 1 or not getattr(model.config, "is_encoder_decoder", False):
        return {}
    from transformers.cache_utils import DynamicCache

    config = model.config.get_text_config(decoder=True)
    cache = _cache_class()(DynamicCache(config=config), DynamicCache(config=config))
    return {_cache_keyword(type(model)): cache}


@functools.cache
def _cache_keyword(model_class: type) -> str:
    """What a model class's ``forward`` calls its cache (looked up once per class, not per call)."""
    return "cache" if "cache" in inspect.signature(model_class.forward).parameters else "past_key_values"


@functools.cache
def _cache_class() -> type:
    """The cache class, defined on first use so that importing this module does not import transformers."""
    from transformers.cache_utils import EncoderDecoderCache

    class BeamSearchCache(EncoderDecoderCache):
        """An encoder-decoder cache whose cross-attention part, the same for every beam of an input, stays put."""

        def reorder_cache(self, beam_idx: Any) -> None:
            self.self_attention_cache.reorder_cache(beam_idx)

    return BeamSearchCache
