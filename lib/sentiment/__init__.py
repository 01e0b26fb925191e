"""How the text feels: VADER scores of sentences and the evidence behind them.

* :mod:`lib.sentiment.vader`: the reference VADER 3.3.2 rules written out for speed;
* :mod:`lib.sentiment.scores`: scores, labels and the evidence rows of a sentence or headline;
* :mod:`lib.sentiment.summaries`: per document, per paragraph, the arc and the extremes.
"""
