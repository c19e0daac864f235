"""Hearings: the trial of a case in court, online or asynchronously."""
