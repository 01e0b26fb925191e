"""The per-document pass: one function per document run in worker processes or on Dask, its
results merged in corpus order and cached, so every notebook reads one pass.
"""
