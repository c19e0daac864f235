"""Trial-deadline supervision: the long-pending ledger, weekly progress, reports, reminders and supervision notices."""
