"""A delivery as the API shows it (the pages read service.DeliveryView directly)."""

from dataclasses import asdict

from omnicourt.delivery import schemas
from omnicourt.delivery.service import DeliveryView


def delivery_out(view: DeliveryView) -> schemas.DeliveryOut:
    d = view.delivery
    return schemas.DeliveryOut(
        id=d.id, case_id=d.case_id, case_number=view.case_number, party_id=d.case_party_id,
        party_name=view.party_name, document_id=d.document_id, document_name=view.document_name,
        document_class=d.document_class, method=d.method, paper_way=d.paper_way, signed_by=d.signed_by,
        consented=d.consented, created_at=d.created_at,
        opened_at=d.opened_at, effective=view.effective, effective_at=d.effective_at, effective_on=d.effective_on,
        effective_channel=d.effective_channel, basis=d.basis, status=view.status_label,
        certificate_document_id=d.certificate_document_id, notice_text=d.notice_text,
        channels=[schemas.ChannelOut.model_validate(c) for c in view.channels],
        appeal=schemas.AppealOut(**asdict(view.appeal)) if view.appeal else None)
