"""CPU cost of an instruction model as summarizer: ``python benchmarks/llm_speed.py``.

Two contenders, each in its own fresh subprocess, on the same model:

* **torch**: ``load_model`` as a user gets it (the checkpoint's bfloat16 kept on CPU);
* **CTranslate2 int8**: the same model converted by ``summarizer convert`` (int8).

The model has random weights with the real architecture and size of the
``instruct`` preset's Qwen/Qwen3-1.7B, written from its published config.json:
hidden size 2048, 28 layers, 16 attention heads of 128 dims, 8 key/value heads,
MLP 6144, vocabulary 151,936 (tied embeddings), RMSNorm eps 1e-6, rope theta
1,000,000, 40,960 positions (2.03 B parameters). Its tokenizer is a byte-level
BPE in Qwen's pipeline trained here on the shared eval data (32,000 entries,
the rest of the 151,936 rows padding, so the compute per token is the real one).

Measured per contender:

* **prefill**: one 1,000-token chat prompt (system + user turn with an Arabic
  article, built by the library's chat prompt) generating 1 token;
  tokens/s = 1,000 / that time;
* **decode**: the same prompt generating a fixed 150 tokens
  (``min_new_tokens == max_new_tokens``); tokens/s = 149 / (time − prefill time);
* **peak memory**: the process's own VmHWM (``/proc/self/status``);
* **end-to-end chain**: ``BilingualSummarizer.summarize(strategy="direct")`` of
  the XL-Sum article closest to 600 words, translator = the real-size
  opus-mt-ar-en of ``benchmarks/speed.py`` (its build is reused, torch or its
  CTranslate2 int8 conversion to match the contender), both abstracts written
  by the instruction model. Random weights write junk, so each reply is fixed at
  150 tokens and replaced by a stand-in text in the right language (FLORES
  words), as ``speed.py`` does for its models.

One repeat (the model is large and the machine is shared): the times are noisy,
and the CPU other processes used during each run is reported beside them.
Everything is built once into ``--workdir`` (default
``~/.cache/bilingual-summarizer-bench``; about 4 GB for torch, 2 GB for int8).
It does not measure quality or GPU speed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
import zlib
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import speed  # noqa: E402  (the shared data, the translator build, stand-in texts, machine facts)

REPO = Path(__file__).resolve().parents[1]
# Qwen/Qwen3-1.7B config.json (Apache-2.0), the instruct preset's model.
QWEN3_1_7B = dict(
    hidden_size=2048, intermediate_size=6144, num_hidden_layers=28, num_attention_heads=16,
    num_key_value_heads=8, head_dim=128, vocab_size=151936, max_position_embeddings=40960,
    rms_norm_eps=1e-6, rope_theta=1_000_000.0, tie_word_embeddings=True, hidden_act="silu",
)
PROMPT_TOKENS, REPLY_TOKENS = 1000, 150


def build(workdir: Path, shared: Path) -> dict[str, str]:
    """The random Qwen3-1.7B-size model (bfloat16) and its int8 conversion, built once.

    ``$LLM_SPEED_LAYERS`` builds a shallower copy (a smoke test of the script).
    """
    layers = int(os.environ.get("LLM_SPEED_LAYERS") or QWEN3_1_7B["num_hidden_layers"])
    name = "qwen3-1.7b-random" + ("" if layers == QWEN3_1_7B["num_hidden_layers"] else f"-{layers}-layers")
    folders = {"torch": workdir / "models" / name, "ct2": workdir / "ct2" / name}
    if not (folders["ct2"] / "model.bin").is_file():
        import torch
        from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
        from transformers import GenerationConfig, PreTrainedTokenizerFast, Qwen3Config, Qwen3ForCausalLM
        from transformers.models.qwen2.tokenization_qwen2 import PRETOKENIZE_REGEX

        from summarizer.models.convert import convert_model
        from summarizer.models.tiny import CHAT_TEMPLATE

        started = time.perf_counter()
        target = folders["torch"]
        target.mkdir(parents=True, exist_ok=True)
        bpe = Tokenizer(models.BPE())
        bpe.normalizer = normalizers.NFC()
        bpe.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(PRETOKENIZE_REGEX), behavior="isolated", invert=False),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
        ])
        bpe.decoder = decoders.ByteLevel()
        specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
        trainer = trainers.BpeTrainer(vocab_size=32000, special_tokens=specials, show_progress=False,
                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
        bpe.train_from_iterator(speed.corpus(shared, "ar") + speed.corpus(shared, "en"), trainer=trainer)
        tokenizer = PreTrainedTokenizerFast(tokenizer_object=bpe, eos_token="<|im_end|>", pad_token="<|endoftext|>",
                                            chat_template=CHAT_TEMPLATE, model_max_length=131072)
        tokenizer.add_tokens(["<think>", "</think>"])
        tokenizer.save_pretrained(target)
        config_path = target / "tokenizer_config.json"
        config_path.write_text(json.dumps({**json.loads(config_path.read_text()), "tokenizer_class": "Qwen2Tokenizer"}))
        ids = tokenizer.convert_tokens_to_ids(specials)
        config = Qwen3Config(**{**QWEN3_1_7B, "num_hidden_layers": layers}, bos_token_id=ids[0], eos_token_id=ids[2], pad_token_id=ids[0],
                             architectures=["Qwen3ForCausalLM"])
        torch.manual_seed(0)
        torch.set_default_dtype(torch.bfloat16)
        model = Qwen3ForCausalLM(config).eval()
        torch.set_default_dtype(torch.float32)
        with torch.no_grad():  # rows past the tokenizer, as in the real 151,936-row table, never written
            model.model.embed_tokens.weight[len(tokenizer):] = 0.0
        model.generation_config = GenerationConfig(bos_token_id=ids[0], eos_token_id=[ids[2], ids[0]],
                                                   pad_token_id=ids[0], do_sample=True, temperature=0.6,
                                                   top_p=0.95, top_k=20)
        model.save_pretrained(target)
        del model
        convert_model(str(target), str(folders["ct2"]), quantization="int8", force=True)
        print(f"built {target} and its int8 conversion in {time.perf_counter() - started:.0f} s", flush=True)
    return {kind: str(folder) for kind, folder in folders.items()}


def peak_mb() -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def prompt_of(model: Any, article: str, tokens: int) -> str:
    """A chat prompt of at most ``tokens`` tokens (a word less would not reach it): the library's Arabic
    prompt around the longest start of the article that fits."""
    from summarizer.models.prompt_templates import load_chat_prompt

    chat = load_chat_prompt("chat_summarize_ar")
    words = article.split()
    low, high = 1, len(words)
    while low < high:  # the longest start of the article that fits
        middle = (low + high + 1) // 2
        if model.count_tokens(model.chat_prompt(*chat.messages(" ".join(words[:middle]), 70))) <= tokens:
            low = middle
        else:
            high = middle - 1
    return model.chat_prompt(*chat.messages(" ".join(words[:low]), 70))


class FixedReply:
    """Wraps the instruction model: replies of exactly 150 tokens, passed on as stand-in text (benchmark only)."""

    def __init__(self, inner: Any, work: Any):
        self.inner, self.work, self.calls = inner, work, []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def generate(self, texts: list[str], *, max_new_tokens: int, **settings: Any) -> list[str]:
        settings.pop("min_new_tokens", None)
        self.inner.generate(texts, max_new_tokens=REPLY_TOKENS, min_new_tokens=REPLY_TOKENS, **settings)
        self.calls.append([self.inner.count_tokens(t) for t in texts])
        out = []
        for text in texts:
            words = self.work.arabic if "باللغة العربية" in text else self.work.english
            start = random.Random(zlib.crc32(text.encode())).randrange(len(words) - 100)
            out.append(" ".join(words[start : start + 20]) + ". " + " ".join(words[start + 20 : start + 90]) + ".")
        return out


def worker(contender: str, workdir: Path) -> None:
    """Measure one contender; print JSON as the last line."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    import summarizer.pipeline as pipeline
    from summarizer import BilingualSummarizer
    from summarizer.models.loading import load_model

    shared = speed.shared_dir()
    llm = build(workdir, shared)[contender]
    translator = speed.build(workdir, shared)[contender]["translator"]
    article = speed.articles(shared)["600-word"]
    started = time.perf_counter()
    model = load_model(llm, device="cpu")
    load = time.perf_counter() - started
    prompt = prompt_of(model, article, PROMPT_TOKENS)
    model.generate([model.chat_prompt("", "hello")], max_new_tokens=2)  # warm-up
    t0 = time.perf_counter()
    model.generate([prompt], max_new_tokens=1)
    prefill = time.perf_counter() - t0
    t0 = time.perf_counter()
    model.generate([prompt], max_new_tokens=REPLY_TOKENS, min_new_tokens=REPLY_TOKENS)
    full = time.perf_counter() - t0
    micro_peak = peak_mb()
    # The whole chain, the same loaded model writing both abstracts.
    work = speed.Work(speed.word_pool(shared, "en"), speed.word_pool(shared, "ar"))
    real_load = pipeline.load_model
    wrapped = FixedReply(model, work)
    pipeline.load_model = lambda name, **kw: wrapped if name == llm else speed.FixedLengthModel(
        real_load(name, **kw), "translator", work)
    bilingual = BilingualSummarizer("instruct", translator=translator, summarizer=llm, direct_summarizer=llm,
                                    device="cpu", options={"translation": {"num_beams": 4}})
    bilingual.model("translator").inner.generate([speed.WARM_UP["translator"]], max_new_tokens=5)
    result = bilingual.summarize(article, strategy="direct", length="medium")
    print(json.dumps({
        "contender": contender, "load_s": load, "prompt_tokens": model.count_tokens(prompt),
        "prefill_s": prefill, "prefill_tok_s": model.count_tokens(prompt) / prefill, "decode_s": full - prefill,
        "decode_tok_s": (REPLY_TOKENS - 1) / (full - prefill), "generate_150_s": full, "peak_mb_micro": micro_peak,
        "chain_s": result.timings["total"], "chain_stages": {k: round(v, 1) for k, v in result.timings.items()},
        "chain_llm_prompts": wrapped.calls, "peak_mb": peak_mb(), "warnings": list(result.warnings)[:5],
    }))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--workdir", type=Path, default=Path.home() / ".cache" / "bilingual-summarizer-bench")
    parser.add_argument("--worker", choices=["torch", "ct2"])
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.workdir)
        return 0
    build(args.workdir, speed.shared_dir())
    speed.build(args.workdir, speed.shared_dir())
    print(speed.machine(), flush=True)
    env = {"OMP_WAIT_POLICY": "PASSIVE", **os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    rows = []
    for contender in ("torch", "ct2"):
        before, started = speed._cpu_seconds(), time.monotonic()
        children = speed._children_cpu()
        done = subprocess.run([sys.executable, __file__, "--worker", contender, "--workdir", str(args.workdir)],
                              capture_output=True, text=True, env=env, cwd=REPO)
        if done.returncode:
            raise SystemExit(f"{contender} failed:\n{done.stderr[-3000:]}")
        wall = time.monotonic() - started
        out = json.loads(done.stdout.strip().splitlines()[-1])
        out["others_cpus"] = max(0.0, (speed._cpu_seconds() - before) - (speed._children_cpu() - children)) / wall
        rows.append(out)
        print(json.dumps(out), flush=True)
    print("| contender | prefill tok/s (1,000 tokens) | decode tok/s (150) | peak MB | chain s (600-word, direct) | other CPUs busy |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['contender']} | {r['prefill_tok_s']:.0f} ({r['prefill_s']:.1f} s) | {r['decode_tok_s']:.1f} "
              f"({r['decode_s']:.1f} s) | {r['peak_mb']:.0f} | {r['chain_s']:.0f} | {r['others_cpus']:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
