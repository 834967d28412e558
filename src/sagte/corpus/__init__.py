"""The corpus: identities across articles (:mod:`.identity`), the store and its queries."""
