"""Training the models sagte ships (``sagte train NAME``), from ``../shared/data``.

One module per model (:mod:`.ner`), the corpus converters it uses (:mod:`.corpora`), and the
spaCy configs under ``configs/``. Work files go to ``runs/`` (ignored by git); the finished
model directory is copied to ``sagte/models/<name>/``.
"""
