"""The electronic delivery certificate (电子送达凭证), the delivery receipt of an electronic delivery (在线诉讼规则
art. 31): what was delivered (with its digests), to whom, on which channels and when each reached, when the
addressee opened it, and the legal time of delivery with its basis; and the record of a delivery by public notice
(公告送达记录, CPL art. 95): the notice, its publication and the day it is deemed delivered. Written by
dossier/pdf.py."""

from dataclasses import dataclass
from datetime import date, datetime

from omnicourt import clock
from omnicourt.delivery import rules
from omnicourt.dossier import pdf


@dataclass(frozen=True)
class ChannelLine:
    channel: rules.Channel
    address: str | None
    reached_at: datetime | None


@dataclass(frozen=True)
class CertificateData:
    delivery_id: int
    court_name: str
    case_number: str
    addressee: str
    document_name: str
    document_class: rules.DocumentClass
    sha256: str
    sm3: str | None
    consented: bool
    channels: tuple[ChannelLine, ...]
    opened_at: datetime | None
    effective_at: datetime
    effective_channel: rules.Channel
    basis: str
    delivered_by: str


def _moment(at: datetime | None) -> str:
    return clock.local(at).strftime("%Y-%m-%d %H:%M:%S") if at is not None else "—"


def masked(address: str | None) -> str:
    """A mobile number or e-mail address as the certificate shows it: enough to recognise, not to reuse."""
    if not address:
        return "本人平台账户"
    if "@" in address:
        name, _, domain = address.partition("@")
        return f"{name[:2]}***@{domain}"
    return address[:3] + "****" + address[-4:]


def rows(data: CertificateData) -> list[tuple[str, str]]:
    lines = [("法院", data.court_name), ("案号", data.case_number), ("受送达人", data.addressee),
             ("送达文书", f"{data.document_name}（{rules.CLASS_LABELS[data.document_class]}）"),
             ("文书摘要 SHA-256", data.sha256), ("文书摘要 SM3", data.sm3 or "—"),
             ("送达地址确认", "已确认，同意电子送达" if data.consented else "未确认送达地址")]
    lines += [(rules.CHANNEL_LABELS[c.channel], f"{masked(c.address)}，到达时间 {_moment(c.reached_at)}")
              for c in data.channels]
    lines += [("查阅时间", _moment(data.opened_at)),
              ("送达时间", f"{_moment(data.effective_at)}（{rules.CHANNEL_LABELS[data.effective_channel]}）"),
              ("依据", data.basis), ("送达人", data.delivered_by)]
    return lines


def filename(data: CertificateData) -> str:
    return f"电子送达凭证-{data.delivery_id}.pdf"


def certificate_pdf(data: CertificateData) -> bytes:
    return pdf.one_page("电子送达凭证", rows(data),
                        "本凭证由平台依据送达系统记录自动生成，与送达回证具有同等效力（人民法院在线诉讼规则第三十一条）。")


@dataclass(frozen=True)
class NoticeRecordData:
    delivery_id: int
    court_name: str
    case_number: str
    addressee: str
    document_name: str
    document_class: rules.DocumentClass
    sha256: str
    sm3: str | None
    published_on: date
    deemed_on: date
    notice_text: str
    delivered_by: str


def notice_rows(data: NoticeRecordData) -> list[tuple[str, str]]:
    return [("法院", data.court_name), ("案号", data.case_number), ("受送达人", data.addressee),
            ("送达文书", f"{data.document_name}（{rules.CLASS_LABELS[data.document_class]}）"),
            ("文书摘要 SHA-256", data.sha256), ("文书摘要 SM3", data.sm3 or "—"), ("送达方式", "公告送达"),
            ("公告日期", f"{data.published_on:%Y-%m-%d}"),
            ("视为送达日期", f"{data.deemed_on:%Y-%m-%d}（公告期满三十日）"), ("公告内容", data.notice_text),
            ("依据", "受送达人下落不明，公告送达，自发出公告之日起经过三十日即视为送达（民事诉讼法第九十五条）"),
            ("经办人", data.delivered_by)]


def notice_filename(data: NoticeRecordData) -> str:
    return f"公告送达记录-{data.delivery_id}.pdf"


def notice_record_pdf(data: NoticeRecordData) -> bytes:
    return pdf.one_page("公告送达记录", notice_rows(data),
                        "本记录由平台依据公告送达的记录在公告期满后自动生成，附入卷宗（民事诉讼法第九十五条）。")
