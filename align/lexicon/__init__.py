"""Bilingual lexicons: loading TSV lexicons (`load`) and learning them with IBM Model 1.

Importing this package reads no file; `load_lexicon` reads lazily and caches.
"""
from align.lexicon.learn import learn_lexicon
from align.lexicon.load import Lexicon, load_lexicon

__all__ = ["Lexicon", "learn_lexicon", "load_lexicon"]
