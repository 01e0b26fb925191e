"""What a reader sees: figures (each returns a Figure or a NoFigure, never saves), explorers for
JupyterLab, and the sentences that say what a corpus allows.
"""
