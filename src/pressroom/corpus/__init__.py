"""The normaliser's corpus with known truth: documents written for it (tests/corpus/documents/),
typeset in several page designs by two engines, exported by five extractors, normalised, and
scored against the source Markdown (score.py). `make corpus` runs it; see README "Corpus and scorer".
"""
