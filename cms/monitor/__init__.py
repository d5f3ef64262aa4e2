"""The Resolution 57 monitor as people read it: the quarterly report for the People's Committee
(`report`, its PDF and XLSX, and its admin page)."""
