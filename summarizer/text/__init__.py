"""What comes in: from raw text to the sentences and chunks the models read.

Holds input checks (``inputs``), cleaning (``clean``, with the web-boilerplate
rules of ``boilerplate`` and the HTML-to-text reader of ``html_text``), sentence
splitting (``sentences``), token-budget chunking (``chunks``) and the script
test that tells Arabic from English (``language``).

Pure functions on strings: nothing here loads a model (a chunker is handed a
token counter), generates text or checks facts (see ``faithfulness``).
"""
