"""The interchange format (shared/spec/interchange.md): one mapping, used by import and export."""
