"""Evidence exchange online: the evidence period, evidence lists, cross-examination opinions and findings."""
