"""Running the notebooks: papermill execution into a run folder, the only writer of tables and
figures, the manifest, the report and its verification. ``python -m lib.run CORPUS --out DIR``.
"""
