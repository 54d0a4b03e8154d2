"""Files brought to the meeting: an allow-list of types checked by extension *and* content, a size limit."""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .models import Attachment

#: extension → (content type, the first bytes a real file of that type starts with; None = text)
ALLOWED = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", (b"PK\x03\x04",)),
    ".csv": ("text/csv", None),
    ".txt": ("text/plain", None),
}


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("PDF, Excel, Word, PowerPoint, CSV, text or an image."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = PurePath(upload.name).name[:200]
        extension = PurePath(name).suffix.lower()
        if extension not in ALLOWED:
            raise forms.ValidationError(
                _("This type of file is not allowed. Use PDF, Excel, Word, CSV, text or an image.")
            )
        if upload.size > settings.ATTACHMENT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large (at most %(limit)s).")
                % {"limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        content_type, signatures = ALLOWED[extension]
        head = upload.read(2048)
        upload.seek(0)
        ok = _looks_like_text(head) if signatures is None else head.startswith(signatures)
        if not ok:
            raise forms.ValidationError(_("The file's content does not match its name (%(ext)s).") % {"ext": extension})
        upload.name = name
        self.cleaned_data["content_type"] = content_type
        return upload

    def save(self, *, office, uploaded_by, entry=None, card=None) -> Attachment:
        upload = self.cleaned_data["file"]
        return Attachment.objects.create(
            office=office,
            entry=entry,
            card=card,
            file=upload,
            name=upload.name,
            content_type=self.cleaned_data["content_type"],
            size=upload.size,
            uploaded_by=uploaded_by,
        )
