"""The interchange format (docs/interchange.md): one mapping, used by import and export."""
