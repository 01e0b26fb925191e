"""newslens: explore news text in Jupyter.

Each module has one job; notebooks call them one step per cell. Only
:mod:`lib.run.folder` writes files.
"""
