"""Batches of cases heard together (多案联审)."""
