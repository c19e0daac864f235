"""One screen for the province (一屏看全省): filings, closings, durations and deadline risk by province,
city, court, division and judge, read from aggregates kept current from the case timeline."""
