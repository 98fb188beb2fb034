"""SNHR Desktop: offline, bilingual documentation of attacks, victims and damaged facilities."""
