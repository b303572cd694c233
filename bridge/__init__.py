"""Bridge: a private, phone-first app to map your own way to self-sufficiency."""
