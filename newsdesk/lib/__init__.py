"""Pure helpers grouped by topic (no Django models here)."""
