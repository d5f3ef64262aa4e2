from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images.forms import BaseImageForm

from .uploads import clean_image


class SafeImageForm(BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): every uploaded image is checked and
    re-encoded without metadata (a phone photo's GPS position never reaches the portal)."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is None or "file" not in self.changed_data:
            return uploaded
        uploaded.seek(0)
        cleaned = clean_image(uploaded)
        return SimpleUploadedFile(cleaned.name, cleaned.read(), content_type=None)
