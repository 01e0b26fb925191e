"""From a path to documents: files, folders, HTML pages and JSONL/CSV tables, decoded and with
their metadata; whatever cannot be read is a skipped row with the reason.

* :mod:`lib.ingest.corpus`: files and folders, decoding, binary and duplicate detection;
* :mod:`lib.ingest.readers`: HTML main text, JSONL and CSV rows, dates.
"""
