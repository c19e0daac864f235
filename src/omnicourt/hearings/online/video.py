"""The video-conference system an online hearing runs on: the platform only asks it for a participant's join link.
The default "log" adapter makes a link on OMNICOURT_VIDEO_BASE_URL and logs it; a court plugs its system in with
OMNICOURT_VIDEO_ADAPTER="package.module:join_link", a function with the signature of `log_only`."""

import importlib
import logging
import secrets
from collections.abc import Callable

from omnicourt.settings import Settings

log = logging.getLogger("omnicourt.video")

JoinLink = Callable[[str, int, int, str], str]  # (base_url, hearing_id, participant_id, display name) -> link


def log_only(base_url: str, hearing_id: int, participant_id: int, name: str) -> str:
    link = f"{base_url.rstrip('/')}/room/hearing-{hearing_id}?p={participant_id}&t={secrets.token_urlsafe(16)}"
    log.info("video join link for hearing %s participant %s", hearing_id, participant_id)
    return link


def join_link(settings: Settings) -> JoinLink:
    if settings.video_adapter in ("", "log"):
        return log_only
    module, _, name = settings.video_adapter.partition(":")
    return getattr(importlib.import_module(module), name)
