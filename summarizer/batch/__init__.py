"""Many articles: the resumable JSON-lines batch (``local``) and the Ray engine (``ray_engine``, ``ray_batch``).

A shell over :class:`summarizer.BilingualSummarizer`, like the CLI: it reads
records, summarizes each and writes one line per record, resuming where a
killed run stopped. It does no text or model work of its own. Ray is optional
and imported only when the Ray engine runs.
"""
