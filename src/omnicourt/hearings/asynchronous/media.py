"""A party's self-recorded video of a stage (在线诉讼规则 art. 20(2)): its type and size checked before it is stored.

The platform does not decode video: a file is accepted when its name is of an accepted format and its bytes open as
that container (an ISO base media file's `ftyp` box for MP4 and MOV, an EBML header declaring `webm` for WebM), so a
renamed document or program is refused. The formats and the size limit are settings (async_trial_video_*).
"""

from pathlib import PurePath

from omnicourt.errors import InvalidInput, PayloadTooLarge

CONTENT_TYPES = {".mp4": "video/mp4", ".mov": "video/quicktime", ".webm": "video/webm"}
_EBML = b"\x1a\x45\xdf\xa3"


def _opens_as(suffix: str, content: bytes) -> bool:
    if suffix in (".mp4", ".mov"):
        return content[4:8] == b"ftyp"
    if suffix == ".webm":
        return content.startswith(_EBML) and b"webm" in content[:64]
    return False


def check_video(filename: str, content: bytes, *, formats: tuple[str, ...], max_bytes: int,
                field: str = "video") -> str:
    """The video's media type, or a refusal naming the file: wrong type, too large, empty, not the container its
    name claims."""
    name = PurePath(filename.replace("\\", "/")).name or "视频"
    suffix = PurePath(name).suffix.lower()
    accepted = [s for s in formats if s in CONTENT_TYPES]
    if suffix not in accepted:
        labels = "、".join(s.lstrip(".").upper() for s in accepted)
        raise InvalidInput(f"视频「{name}」格式不支持，仅接受 {labels}", field=field)
    if len(content) > max_bytes:
        raise PayloadTooLarge(f"视频「{name}」超过 {max_bytes // (1024 * 1024)} MB 上限", field=field)
    if not content:
        raise InvalidInput(f"视频「{name}」是空文件", field=field)
    if not _opens_as(suffix, content):
        raise InvalidInput(f"视频「{name}」不是有效的 {suffix.lstrip('.').upper()} 视频文件", field=field)
    return CONTENT_TYPES[suffix]
