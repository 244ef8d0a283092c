"""What comes in: from raw text to the sentences and chunks the models read.

Holds input checks (``inputs``), reading an article and its page's metadata
(``article``, with the main-content extractor of ``extract``), fetching a page
by URL (``fetch``), cleaning (``clean``, with the widget rules of
``boilerplate``, the pasted-page rules of ``furniture`` and the HTML-to-text
reader of ``html_text``), sentence splitting (``sentences``), token-budget
chunking (``chunks``), the script test that tells Arabic from English
(``language``) and language identification that refuses other languages
(``identify``).

Pure functions on strings (``fetch`` alone touches the network, when called):
nothing here loads a summarization model (a chunker is handed a
token counter), generates text or checks facts (see ``faithfulness``).
"""
