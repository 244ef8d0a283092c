"""What comes in: from raw text to the sentences and chunks the models read.

A text passes each module once, in this order (``article.read_article``
runs the first three, the pipeline the rest):

1. ``inputs``: refuses what nothing could read (bytes, empty, over the size
   limit) and decides once whether the text is a whole HTML page;
2. ``extract`` (a page only): trafilatura's article, the page's visible lines
   (one parse by ``html_text``) and its metadata;
3. ``clean``: characters and whitespace, a markup fragment parsed by
   ``html_text``, boilerplate dropped by the rules of ``boilerplate`` and
   ``furniture``;
4. ``inputs.check_article``: refuses an article with nothing left in it;
5. ``sentences``, then ``identify`` (languages other than Arabic and English
   are refused), ``language`` (Arabic or English per sentence) and
   ``chunks`` (token-budget chunks for the models).

``fetch`` gets a page by URL and hands it to ``article``.

Pure functions on strings (``fetch`` alone touches the network, when called):
nothing here loads a summarization model (a chunker is handed a
token counter), generates text or checks facts (see ``faithfulness``).
"""
