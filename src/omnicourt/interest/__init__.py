"""Interest (court-rules.md §4): rates, the LPR table, the law of interest and caps, judgment wording."""
