"""Typographic normalisation that keeps every character offset.

Each replacement maps one character to one character, so an offset into the
normalised text is the same offset into the original: ``original[s:e]`` is
always the surface form of ``normalised[s:e]``.
"""
from __future__ import annotations

# One character in, one character out: offsets stay valid.
_TYPOGRAPHIC = {
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark / apostrophe
    "\u201a": "'",  # single low-9 quotation mark
    "\u201b": "'",  # single high-reversed-9 quotation mark
    "\u2032": "'",  # prime
    "\u201c": '"',  # left double quotation mark
    "\u201d": '"',  # right double quotation mark
    "\u201e": '"',  # double low-9 quotation mark
    "\u201f": '"',  # double high-reversed-9 quotation mark
    "\u2033": '"',  # double prime
    "\u00ab": '"',  # left guillemet
    "\u00bb": '"',  # right guillemet
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2015": "-",  # horizontal bar
    "\u2212": "-",  # minus sign
    "\u00a0": " ",  # no-break space
    "\u2007": " ",  # figure space
    "\u202f": " ",  # narrow no-break space
    "\u2009": " ",  # thin space
    "\u200a": " ",  # hair space
}
_TABLE = str.maketrans(_TYPOGRAPHIC)


def normalize_typography(text: str) -> str:
    """Replace curly quotes, dashes and odd spaces with their ASCII forms.

    The result has exactly the length of ``text``.

    >>> normalize_typography("Russia\u2019s \u201cwar\u201d \u2013 now")
    'Russia\\'s "war" - now'
    """
    if text.isascii():  # nothing to replace: skips the per-character table lookup of translate
        return text
    return text.translate(_TABLE)
