"""Hearings: scheduling in courtrooms without clashes, summonses, calendars, postponements and announcements; the
asynchronous trial (asynchronous/)."""
