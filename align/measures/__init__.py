"""Measures the scorers and the QA checks share, below both so neither imports the other.

- :mod:`align.measures.matchkeys`: sentence -> weighted tokens -> match keys, the lexical
  scorer's evidence and the QA checks' notion of "this word is rendered".
- :mod:`align.measures.mt_metrics`: chrF/chrF++, BLEU and TER, the one module that imports
  sacrebleu (the ``mt`` scorer, adequacy and post-edit distance use it).
"""
