"""Statistics over the pass's counts: terms, n-grams, collocations, keyness, tf-idf, groups,
trends, readability, concordance.
"""
