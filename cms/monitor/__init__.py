"""The Resolution 57 monitor as people read it: figures formatted per language (`figures`), the
trend charts (`charts`, also used by the quarterly report), and the public page (`page`)."""
