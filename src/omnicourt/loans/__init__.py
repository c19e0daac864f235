"""The loan dispute as filing and the assistant both read it: elements.py the element contract (field names,
findings, the typed LoanTerms), compute.py what a loan owes at a cut-off date."""
