"""The queue domain: pure Python, no Flask, no SQL, no clock of its own."""
