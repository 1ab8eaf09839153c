"""Text normalisation for lexical matching: folding, tokens, stems, numbers, stopwords.

Entry points: `align.text.normalize.content_tokens` / `analyse` (the shared normal form),
`align.text.numbers.numbers`, `align.text.stem.stem`, `align.text.tokenize.tokenize`,
`align.text.casefold.fold` / `ascii_fold`. Importing this package loads no data; word lists
in ``align/data/{stem,stopwords,numbers}`` are read on first use.
"""
