"""The models: loading, the torch and CTranslate2 backends, conversion, prompts, tiny test models.

``loading.load_model`` is the one place that calls ``from_pretrained``; it
returns a torch ``LoadedModel`` or, for a folder written by ``convert``, a
CTranslate2 ``Ct2Model`` (``ct2``, which cuts each call into batches for its
workers with ``sub_batches``) with the same ``generate()``/``count_tokens()``
interface (``base`` holds what both share), for seq2seq and decoder-only
instruction models alike. On torch, ``cpu_linear`` runs the large float32
linear layers through oneDNN on the CPU and ``beam_cache`` keeps beam search
from copying the encoder's keys and values at each step. ``chat`` renders chat
prompts and cleans and checks instruction models' replies, ``prompt_templates``
reads the prompt files, ``repetition`` spots generation loops, and ``tiny``
writes the tiny random models the tests and offline demos use.

This folder does not choose models (``summarizer.presets``) nor decide what to
generate (``summarizer.translate``, ``summarizer.abstracts``). Nothing is
loaded at import time: torch, transformers and ctranslate2 are imported on use.
"""
