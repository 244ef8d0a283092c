"""What comes in: from raw text to the sentences and chunks the models read.

Holds input checks (``inputs``), cleaning (``clean``, with the web-boilerplate
rules of ``boilerplate`` and the HTML-to-text reader of ``html_text``), sentence
splitting (``sentences``), token-budget chunking (``chunks``), the script
test that tells Arabic from English (``language``), language identification
that refuses other languages (``identify``) and fetching a page by URL (``fetch``).

Pure functions on strings (``fetch`` alone touches the network, when called):
nothing here loads a summarization model (a chunker is handed a
token counter), generates text or checks facts (see ``faithfulness``).
"""
