"""Which stories are the same story (notebook 06_stories).

* :mod:`lib.stories.reuse`: word shingles and MinHash signatures per document (a pure
  function of one document, run in the workers), then near-duplicate pairs, shared passages,
  story groups and each document's reused share across the corpus;
* :mod:`lib.stories.topics`: a topic model (NMF or LDA, scikit-learn) over the pass's
  document-term matrix, with its number of topics chosen by coherence;
* :mod:`lib.stories.plots`: the notebook's figures; :mod:`lib.stories.reading`: a pair read
  side by side; :mod:`lib.stories.notes`: the sentences that say what a corpus allows.
"""
