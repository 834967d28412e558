"""Named entities: the trained NER (``sagte/models/ner``) and the name-list stage after it."""
