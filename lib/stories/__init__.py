"""Which stories are the same story (notebook 06_stories).

* :mod:`lib.stories.shingles`: word shingles and MinHash signatures of one document (a pure
  function of its text, run in the workers; no pandas);
* :mod:`lib.stories.reuse`: across documents, near-duplicate pairs, shared passages, story
  groups and each document's reused share;
* :mod:`lib.stories.topics`: a topic model (NMF or LDA, scikit-learn) over the pass's
  document-term matrix, with its number of topics chosen by coherence;
* :mod:`lib.views.story_plots`: the notebook's figures; :mod:`lib.views.reading`: a pair read
  side by side; :mod:`lib.views.notes`: the sentences that say what a corpus allows.
"""
