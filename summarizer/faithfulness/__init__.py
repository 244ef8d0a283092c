"""The evidence around an abstract: where each sentence comes from, and what the source does not say.

``attribution`` links abstract sentences to source sentences by word overlap;
``facts`` finds numbers (``numbers``, ``digits``, ``number_words``, and
``arabic_numbers`` for Arabic numbers in words), dates
(``dates``) and names (``names``; ``swaps`` finds a word put in the place of a
source word inside a copied span, ``short_forms`` the initials, clipped names
and people words of source names) of an abstract that its source lacks. The
shared word handling (tokens, Arabic spelling folds, stems, stop words) is in
``wordforms`` and ``stopwords``; what offline word lists (wordfreq, CLDR via
babel, english-words, arramooz, the ISRI stemmer) say of a word is in
``lexicon``, and how wordfreq inflects an Arabic word in ``inflections``; the
Hijri calendar in ``hijri``.

Offline and model-free: this folder reads text, and the word lists that ship
in those packages' wheels. It uses ``text`` for sentence splitting and script
tests, and nothing above it.
"""
