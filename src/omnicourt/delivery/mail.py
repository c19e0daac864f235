"""E-mail of electronic delivery through the court's SMTP server (smtplib): the document attached, a Message-ID
fixed per delivery so that a message sent twice (a retried job) reads as one to the recipient's mail system."""

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from omnicourt.settings import Settings

TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str
    key: str  # unique per message sent: the Message-ID's left part
    attachment: tuple[str, bytes, str] | None = None  # filename, content, media type


def enabled(settings: Settings) -> bool:
    return bool(settings.smtp_host)


def message(settings: Settings, mail: Mail) -> EmailMessage:
    built = EmailMessage()
    built["From"], built["To"], built["Subject"] = settings.mail_from, mail.to, mail.subject
    built["Message-ID"] = f"<{mail.key}@{settings.mail_from.rpartition('@')[2] or 'omnicourt'}>"
    built.set_content(mail.body)
    if mail.attachment is not None:
        filename, content, media_type = mail.attachment
        main, _, sub = media_type.partition("/")
        built.add_attachment(content, maintype=main, subtype=sub or "octet-stream", filename=filename)
    return built


def send(settings: Settings, mail: Mail) -> None:
    """Hand the message to the SMTP server; raises if the server does not accept it (the job then retries)."""
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_SECONDS) as server:
        if settings.smtp_starttls:
            server.starttls()
        if settings.smtp_username:
            server.login(settings.smtp_username, settings.smtp_password)
        server.send_message(message(settings, mail))
