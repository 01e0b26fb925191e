"""Who speaks: quotations, attributions and their sources, names, numbers and whose words they are.

* :mod:`lib.voices.document`: every rule over one document, in the order they need each other
  (:func:`lib.voices.document.analyse`: a document's tokens in, the rows of its tables out);
* :mod:`lib.voices.quotes`: quotation marks paired, quotation kinds and speakers;
* :mod:`lib.voices.attribution`: reporting cues and their sources;
* :mod:`lib.voices.coref`: pronouns and role nouns resolved to people;
* :mod:`lib.voices.entities`: proper-noun phrases, their kinds and aliases;
* :mod:`lib.voices.quantities`: numbers, hedges and what they count;
* :mod:`lib.voices.speech`: narrator and quoted words, speakers, voice sentiment.
"""
