"""Dorak (دورك): an Arabic-first queue and ticketing system for citizen-service centers."""
