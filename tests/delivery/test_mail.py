"""E-mail delivery against a local SMTP server (aiosmtpd) started by the test: the document attached, the channel
recorded as reached; a server that refuses leaves the channel to be tried again, and the last try gives it up."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller

from omnicourt.delivery import sending, service
from omnicourt.delivery.rules import DocumentClass
from tests.delivery.test_service import channels, confirm, deliver, row


class Inbox:
    def __init__(self):
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's handler name
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def test_the_document_goes_by_email_and_the_channel_reaches(db, settings, world, smtp):
    controller, inbox = smtp
    mailing = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": controller.port,
                                          "mail_from": "songda@xihu.court.example"})
    confirm(db, world, email="zhang.san@example.com", mobile="")
    (delivery_id,) = deliver(db, mailing, world, document_class=DocumentClass.JUDGMENT)
    assert channels(db, delivery_id)["email"].status == "pending"
    sending.send(db, mailing, delivery_id=delivery_id)
    (message,) = inbox.messages
    assert message["To"] == "zhang.san@example.com" and "电子送达" in message["Subject"]
    assert message["Message-ID"] == f"<delivery-{delivery_id}@xihu.court.example>"
    (attachment,) = [part for part in message.walk() if part.get_filename()]
    assert attachment.get_filename() == "开庭传票.pdf" and attachment.get_payload(decode=True).startswith(b"%PDF")
    assert f"/portal/deliveries/{delivery_id}" in message.get_body(("plain",)).get_content()
    reached = channels(db, delivery_id)["email"]
    assert (reached.status, reached.tries) == ("reached", 1) and reached.reached_at is not None
    sending.send(db, mailing, delivery_id=delivery_id)  # a retried job sends nothing again
    assert len(inbox.messages) == 1
    # the inbox reached first: the legal time is the inbox's, and the certificate names both channels
    assert row(db, delivery_id).effective_channel == "inbox"


def test_a_server_away_leaves_the_channel_for_the_next_try(db, settings, world):
    away = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": free_port()})
    confirm(db, world, email="zhang.san@example.com", mobile="")
    (delivery_id,) = deliver(db, away, world)
    with pytest.raises(sending.ChannelsFailed):
        sending.send(db, away, delivery_id=delivery_id)
    waiting = channels(db, delivery_id)["email"]
    assert (waiting.status, waiting.tries) == ("pending", 1) and "ConnectionRefused" in waiting.last_error
    assert row(db, delivery_id).certificate_document_id is not None  # the inbox made it effective already
    sending.send(db, away, delivery_id=delivery_id, last_attempt=True)
    assert channels(db, delivery_id)["email"].status == "failed"
    with db.reading() as session:
        assert not service.needs_sending(session.get(service.Delivery, delivery_id),
                                         service.channels_of(session, delivery_id))
