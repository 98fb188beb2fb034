"""Use cases over storage and domain, shared by the command line and the GUI (no Qt)."""
