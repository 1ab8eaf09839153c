"""Human-readable views of alignments (side-by-side text; reports come in a later issue)."""
