"""API shapes of electronic delivery."""

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from omnicourt.delivery.rules import Channel, DocumentClass
from omnicourt.textcheck import Code, PlainText

Email = Annotated[str, PlainText(254)]


class AddressIn(BaseModel):
    party_id: int = Field(ge=1, description="the case party whose address this is (a party: itself)")
    consented: bool = Field(description="consent to electronic delivery (在线诉讼规则 art. 29)")
    email: Email = ""
    mobile: Code = ""


class AddressOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_party_id: int
    consented: bool
    email: str | None
    mobile: str | None
    method: str = Field(description="party: confirmed on the platform; court: recorded by the court")
    confirmed_at: datetime


class DeliverIn(BaseModel):
    document_id: int = Field(ge=1, description="a document of the case's main volume")
    party_ids: list[int] = Field(min_length=1, max_length=50)
    document_class: DocumentClass


class PublicNoticeIn(BaseModel):
    document_id: int = Field(ge=1)
    party_id: int = Field(ge=1)
    document_class: DocumentClass
    published_on: date
    online_hearing: bool = False


class ChannelOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    channel: Channel
    status: str = Field(description="pending / reached / failed")
    reached_at: datetime | None
    tries: int


class AppealOut(BaseModel):
    last_day: date
    days: int
    rolled_over: bool
    basis: str


class DeliveryOut(BaseModel):
    id: int
    case_id: int
    case_number: str
    party_id: int
    party_name: str
    document_id: int
    document_name: str
    document_class: DocumentClass
    method: str = Field(description="electronic / public_notice / paper")
    paper_way: str | None = Field(None, description="paper service: post (邮寄送达) / in_person (直接送达)")
    signed_by: str | None = Field(None, description="paper service: who signed the 送达回证")
    consented: bool
    created_at: datetime
    opened_at: datetime | None
    effective: bool = Field(description="legally delivered by today")
    effective_at: datetime | None
    effective_on: date | None = Field(description="the legal date of delivery (a public notice's deemed date)")
    effective_channel: Channel | None
    basis: str | None
    status: str
    certificate_document_id: int | None
    notice_text: str | None
    channels: list[ChannelOut]
    appeal: AppealOut | None = Field(description="the last day to appeal, where an appeal runs from this delivery")
