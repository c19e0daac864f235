"""The electronic delivery certificate (电子送达凭证), the delivery receipt of an electronic delivery (在线诉讼规则
art. 31): what was delivered (with its digests), to whom, on which channels and when each reached, when the
addressee opened it, and the legal time of delivery with its basis. Written by dossier/pdf.py."""

from dataclasses import dataclass
from datetime import datetime

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
