"""The Resolution 57 monitor as people read it: figures formatted per language (`figures`), the
trend charts (`charts`), the public page (`page`), and the quarterly report for the People's
Committee (`report`, its PDF and XLSX, and its admin page)."""
