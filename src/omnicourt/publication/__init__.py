"""Publication of judgments online (法释〔2016〕19号)."""
