"""What the API, the page and the command share of a verification: reading the upload, and the words for each
outcome."""

from omnicourt.db import Database
from omnicourt.errors import PayloadTooLarge
from omnicourt.signing import service
from omnicourt.signing.schemas import FoundSignature, VerificationResult

MESSAGES = {
    "valid": "文件与签名记录一致：签名有效，文件自签名后未被改动。",
    "changed": "文件与该校验码的签名记录不一致：文件已被改动，或不是该校验码对应的文书。",
    "unsigned": "未找到该文件的签名记录：文件未经本平台签名，或已被改动。",
    "forged": "签名记录与签名值不符：该记录不可信，请向签发法院核实。",
    "recorded": "校验码存在。请同时上传文件，以核对文件是否被改动。",
}


def check_content(content: bytes | None, *, max_bytes: int, field: str = "file") -> None:
    if content is not None and len(content) > max_bytes:
        raise PayloadTooLarge(f"文件超过 {max_bytes // (1024 * 1024)} MB 上限", field=field)


def verify(db: Database, *, content: bytes | None, code: str | None) -> VerificationResult:
    with db.reading() as session:
        verdict = service.check(session, content=content, code=code)
    return VerificationResult(
        state=verdict.state, ok=verdict.ok, message=MESSAGES[verdict.state],
        signatures=[FoundSignature(**found.__dict__) for found in verdict.signatures])
