"""Prompt templates for instruction-style summarizers, one ``.txt`` file per prompt.

Installed as the ``summarizer.prompts`` package so that the files ship in the
wheel; read them with :func:`summarizer.models.prompt_templates.load_prompt`.
"""
