"""E-mail out of the product: one way to build a message (sending is the task queue's: notifications.outbox).

Subjects carry what people typed (a meeting's title, a question's title, an entry's title). A line break in
one would make Django refuse the whole message (``BadHeaderError``), and raise after the change that sent it
was committed, so the person got an error page for something that did happen. ``message()`` therefore
cleans every subject with ``clean_header``: one line, no control characters, at most 200 characters.
Messages are sent only by the queue's job (``notifications.tasks.deliver``), which records every failure on
the message's Delivery and tries again (never a silent ``fail_silently``).
"""

import re

from django.core.mail import EmailMessage, EmailMultiAlternatives

#: Line breaks and other control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
MAX_SUBJECT = 200


def clean_header(value, max_length: int = MAX_SUBJECT) -> str:
    """``value`` as one header line: control characters become a space, spaces collapse, long text is cut."""
    text = " ".join(_CONTROL.sub(" ", str(value)).split())
    if len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


def message(subject, body, to, attachments=()) -> EmailMessage:
    """A message with a clean subject and addresses; ``attachments`` are ``(filename, content, mimetype)``.

    A calendar invitation (``text/calendar; method=…``) goes in twice: as an alternative to the text, where
    Outlook and Exchange look for a meeting request to show with Accept and Decline (RFC 6047 2.4), and as
    the attached file for clients that only offer attachments (the shape Google Calendar's own mails have)."""
    mail = EmailMultiAlternatives(clean_header(subject), body, to=[clean_header(address, 320) for address in to])
    for filename, content, mimetype in attachments:
        if mimetype.startswith("text/calendar"):
            mail.attach_alternative(content.decode() if isinstance(content, bytes) else content, mimetype)
        mail.attach(filename, content, mimetype)
    return mail
