"""Printed tickets: the layout (Ticket -> 1-bit image) and the ESC/POS drivers.

Knows the ticket, not Flask."""
