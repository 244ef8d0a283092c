"""Chat prompts and replies of instruction models: rendering, cleaning, script checks."""

from __future__ import annotations

import pytest

from summarizer import InputError
from summarizer.models.chat import clean_chat_output, is_decoder_only, render_chat, script_share, wrong_script
from summarizer.models.prompt_templates import available_prompts, load_chat_prompt

ARABIC_ABSTRACT = "قال وزير الخارجية إن المغرب والولايات المتحدة وقعا اتفاقا أمنيا يوم ١٢ مارس ٢٠٢٤."


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("<think>\nThe user wants a summary.\n</think>\n\nThe cabinet met on Monday.", "The cabinet met on Monday."),
        ("<think>an unfinished thought that runs out of tokens", ""),
        ("Here is a summary of the article:\n\nThe cabinet met on Monday.", "The cabinet met on Monday."),
        ("Sure! Here's a concise summary:\n**Summary:**\nThe cabinet met.", "The cabinet met."),
        ("Summary: The **cabinet** met on `Monday`.", "The cabinet met on Monday."),
        ("## Key points\n- Rabat signed the deal\n- Talks resume in May\n", "Key points. Rabat signed the deal. Talks resume in May"),
        ("1. The first point.\n2) The second point.", "The first point. The second point."),
        ("The cabinet met.<|im_end|>\n<|im_start|>user\nMore?", "The cabinet met."),
        ("The cabinet met.<end_of_turn>\n<start_of_turn>user", "The cabinet met."),
        ("<|im_start|>assistant\nThe cabinet met.", "The cabinet met."),
        ("إليك ملخص المقال:\n\n" + ARABIC_ABSTRACT, ARABIC_ABSTRACT),
        ("الملخص: " + ARABIC_ABSTRACT, ARABIC_ABSTRACT),
        ("• النقطة الأولى\n• النقطة الثانية.", "النقطة الأولى. النقطة الثانية."),
        ("", ""),
        ("   \n ", ""),
        ("***", ""),
    ],
)
def test_clean_chat_output_keeps_only_the_abstract(reply, expected):
    assert clean_chat_output(reply) == expected


def test_clean_chat_output_leaves_an_ordinary_abstract_alone():
    text = "Here, in Rabat, 3.5% of voters (1,200 people) said: \"no\". Summary judgments followed."
    assert clean_chat_output(text) == text
    assert clean_chat_output(ARABIC_ABSTRACT) == ARABIC_ABSTRACT


@pytest.mark.parametrize(
    ("text", "language", "wrong"),
    [
        (ARABIC_ABSTRACT, "ar", False),
        ("قالت شركة Apple إن مبيعات iPhone ارتفعت في الرباط.", "ar", False),  # Latin names inside Arabic
        ("The foreign minister said the deal was signed.", "ar", True),  # drifted into English
        ("Министр иностранных дел заявил.", "en", True),  # drifted into Russian
        ("外交部长表示协议已经签署。", "en", True),
        ("The minister met Nasser Bourita in Rabat on 12 March.", "en", False),
        ("Café owners in Fès protested.", "en", False),
        ("١٢ / ٢٠٢٤ - 45%", "ar", False),  # no letters: nothing to judge
        ("", "en", False),
    ],
)
def test_wrong_script(text, language, wrong):
    assert wrong_script(text, language) is wrong


def test_script_share_counts_letters_only():
    assert script_share("abc ١٢٣ ...", "en") == 1.0
    assert script_share("ab جد", "ar") == 0.5


def test_chat_prompts_ship_with_system_user_and_retry_parts():
    assert {"chat_summarize_en", "chat_summarize_ar"} <= set(available_prompts())
    for name in ("chat_summarize_en", "chat_summarize_ar"):
        prompt = load_chat_prompt(name)
        system, user = prompt.messages("نص المقال", 70)
        assert system and "{" not in system and "نص المقال" in user and "70" in user
        firmer = prompt.messages("نص المقال", 70, firmer=True)
        assert firmer[0] == system and firmer[1].startswith(user) and firmer[1].endswith(prompt.retry)
    # A plain template is all user part.
    plain = load_chat_prompt("summarize_en")
    assert plain.system == "" and "{text}" in plain.user
    with pytest.raises(InputError, match="chat_summarize_en"):
        load_chat_prompt("no_such_prompt")


def test_render_chat_uses_the_system_turn_and_turns_thinking_off(tiny_llm):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_llm)
    prompt = render_chat(tokenizer, "كن موجزا.", "لخص المقال.")
    assert prompt.startswith("<|im_start|>system\nكن موجزا.<|im_end|>")
    assert prompt.endswith("<|im_start|>assistant\n<think>\n\n</think>\n\n")


GEMMA_STYLE = (
    "{{ bos_token }}{% for message in messages %}"
    "{% if message['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}"
    "{{ '<start_of_turn>' + message['role'] + '\n' + message['content'] + '<end_of_turn>\n' }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<start_of_turn>model\n' }}{% endif %}"
)
SILENT_SYSTEM = (
    "{% for message in messages %}{% if message['role'] != 'system' %}"
    "{{ '[' + message['role'] + '] ' + message['content'] + '\n' }}{% endif %}{% endfor %}[assistant] "
)


@pytest.mark.parametrize("template", [GEMMA_STYLE, SILENT_SYSTEM], ids=["raises", "drops"])
def test_a_template_without_system_role_gets_it_merged_into_the_user_turn(tiny_llm, template):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_llm)
    tokenizer.chat_template = template
    prompt = render_chat(tokenizer, "كن موجزا.", "لخص المقال.")
    assert "كن موجزا.\n\nلخص المقال." in prompt and prompt.count("كن موجزا.") == 1


def test_a_tokenizer_without_chat_template_is_refused(tiny_models):
    from transformers import AutoTokenizer

    with pytest.raises(ValueError, match="chat template"):
        render_chat(AutoTokenizer.from_pretrained(tiny_models["summarizer"]), "system", "user")


def test_is_decoder_only_reads_the_config(tiny_build):
    from transformers import AutoConfig

    kinds = {role: is_decoder_only(AutoConfig.from_pretrained(path)) for role, path in tiny_build.items()}
    assert kinds == {"translator": False, "summarizer": False, "back_translator": False,
                     "direct_summarizer": False, "llm": True}
