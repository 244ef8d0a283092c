"""The models: one interface, two engines, the hub, conversion, prompts, tiny test models.

``base`` holds the interface every loaded model implements (:class:`~.base.TextModel`:
count tokens, input limit, chat prompt, device, call size, decoder-only,
``generate(texts, GenerationSettings)``, and ``generate_each`` for several calls
in turn) and what a result records of it.
``load_options`` is :class:`~.load_options.LoadOptions`, every load setting in
one dataclass; ``loading.load_model`` is the one function that loads a model:
a torch ``LoadedModel`` (``loading``), or a CTranslate2 ``Ct2Model`` (``ct2``,
which cuts each call into batches for its workers with ``sub_batches`` and
queues the next call behind the current one), the
default on a CPU, converted once by ``convert``. ``hub`` is the only module
that talks to the Hugging Face hub: names in, folders and commits out. On
torch, ``beam_cache`` keeps beam search from copying the encoder's keys and
values at each step, and ``cpu_linear`` (opt-in) runs large float32 linear
layers through oneDNN. ``target_vocabulary`` keeps a Marian translator's
output to its target language's pieces, on both engines; ``memory`` lets a
model stage reuse freed memory and gives it back after. ``chat`` renders chat
prompts and cleans and checks instruction models' replies, ``prompt_templates`` reads the prompt files,
``repetition`` spots generation loops, and ``tiny`` writes the tiny random
models the tests and offline demos use.

This folder does not choose models (``summarizer.presets``) nor decide what to
generate (``summarizer.translate``, ``summarizer.abstracts``). Nothing is
loaded at import time: torch, transformers and ctranslate2 are imported on use.
"""
