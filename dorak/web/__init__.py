"""The thin web layer: identity, CSRF, error translation, shared by every blueprint."""
