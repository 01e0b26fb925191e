"""One document's text: normalised, cleaned of page furniture, split into sentences and tokens.

* :mod:`lib.text.normalize`: typographic normalisation, one character for one;
* :mod:`lib.text.cleaning`: headline, byline, furniture and body paragraphs;
* :mod:`lib.text.sentences`: Punkt with the project's corrections;
* :mod:`lib.text.tokens`: the token regex and the one token type;
* :mod:`lib.text.stopwords`: the stopword list;
* :mod:`lib.text.language`: is a document English.
"""
