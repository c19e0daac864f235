"""Where document files live: local files (the default) or an S3-compatible object store (production), behind one
small interface the dossier's service uses.

Both keep the same layout: a file under its SHA-256 digest (``ab/abcd…``), and files not yet committed under a
staging name (``.staging/<random>.part``). The service stages a file inside the transaction and publishes it under
its digest when the transaction commits, or discards it on a rollback; neither store knows about transactions.
A missing file is an OSError (FileNotFoundError) from both, as callers already expect of files on disk.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from omnicourt import clock
from omnicourt.settings import Settings

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

STAGING_DIR = ".staging"


@dataclass(frozen=True)
class StoredFile:
    """A file in the store: its name (digest path or staging name) and when it was last written."""

    name: str
    modified: datetime

    @property
    def staged(self) -> bool:
        return self.name.startswith(STAGING_DIR + "/")

    @property
    def digest(self) -> str:
        return self.name.rsplit("/", 1)[-1]


class Storage(Protocol):
    def exists(self, digest: str) -> bool: ...

    def stage(self, content: bytes) -> str:
        """Write ``content`` under a new staging name, returned."""

    def read_staged(self, staged: str) -> bytes: ...

    def publish(self, staged: str, digest: str) -> None:
        """Move a staged file to its place under ``digest``: whole or not at all."""

    def discard(self, staged: str) -> None: ...

    def read(self, digest: str) -> bytes: ...

    def files(self) -> Iterator[StoredFile]:
        """Every file, stored and staged, in order of name (so files of one digest prefix come together)."""

    def delete(self, name: str) -> None: ...


def digest_name(digest: str) -> str:
    return f"{digest[:2]}/{digest}"


def _staging_name() -> str:
    return f"{STAGING_DIR}/{uuid.uuid4().hex}.part"


class LocalStorage:
    """Files under a directory; a file is published by an atomic rename, so a reader never sees half of one."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def exists(self, digest: str) -> bool:
        return (self.root / digest_name(digest)).exists()

    def stage(self, content: bytes) -> str:
        staged = _staging_name()
        path = self.root / staged
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return staged

    def read_staged(self, staged: str) -> bytes:
        return (self.root / staged).read_bytes()

    def publish(self, staged: str, digest: str) -> None:
        path = self.root / digest_name(digest)
        path.parent.mkdir(parents=True, exist_ok=True)
        (self.root / staged).replace(path)

    def discard(self, staged: str) -> None:
        (self.root / staged).unlink(missing_ok=True)

    def read(self, digest: str) -> bytes:
        return (self.root / digest_name(digest)).read_bytes()

    def files(self) -> Iterator[StoredFile]:
        for folder in sorted(p for p in self.root.glob("*") if p.is_dir()):
            for path in sorted(folder.iterdir()):
                if path.is_file():
                    yield StoredFile(f"{folder.name}/{path.name}", clock.from_timestamp(path.stat().st_mtime))

    def delete(self, name: str) -> None:
        (self.root / name).unlink(missing_ok=True)


class S3Storage:
    """Objects in a bucket of an S3-compatible store (MinIO, Ceph, a cloud's object storage). S3 has no rename:
    publishing copies the staged object to its digest's key on the server, then deletes the staged one; the
    bytes travel once, before the transaction commits."""

    def __init__(self, client: S3Client, bucket: str) -> None:
        self.client = client
        self.bucket = bucket

    def exists(self, digest: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=digest_name(digest))
        except ClientError as error:
            if _missing(error):
                return False
            raise
        return True

    def stage(self, content: bytes) -> str:
        staged = _staging_name()
        self.client.put_object(Bucket=self.bucket, Key=staged, Body=content)
        return staged

    def read_staged(self, staged: str) -> bytes:
        return self._get(staged)

    def publish(self, staged: str, digest: str) -> None:
        self.client.copy_object(Bucket=self.bucket, Key=digest_name(digest),
                                CopySource={"Bucket": self.bucket, "Key": staged})
        self.client.delete_object(Bucket=self.bucket, Key=staged)

    def discard(self, staged: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=staged)

    def read(self, digest: str) -> bytes:
        return self._get(digest_name(digest))

    def files(self) -> Iterator[StoredFile]:
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket):
            for item in page.get("Contents", []):
                yield StoredFile(item["Key"], item["LastModified"])

    def delete(self, name: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=name)

    def _get(self, key: str) -> bytes:
        from botocore.exceptions import ClientError

        try:
            return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except ClientError as error:
            if _missing(error):
                raise FileNotFoundError(key) from None
            raise


def _missing(error: Any) -> bool:
    return error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound")


def storage_of(settings: Settings) -> Storage:
    """The store the settings name (checked when the settings were read: settings.py)."""
    if settings.storage == "s3":
        return _s3_storage(settings.s3_endpoint_url, settings.s3_region, settings.s3_bucket,
                           settings.s3_access_key_id, settings.s3_secret_access_key)
    return LocalStorage(settings.storage_dir)


@lru_cache(maxsize=8)
def _s3_storage(endpoint_url: str, region: str, bucket: str, access_key_id: str, secret_access_key: str) -> S3Storage:
    """One client per configuration and process: making one reads botocore's service models (tens of ms), and a
    client is safe to share between threads. Empty keys: boto3's own chain (environment, instance role)."""
    import boto3

    client = boto3.client("s3", endpoint_url=endpoint_url or None, region_name=region,
                          aws_access_key_id=access_key_id or None, aws_secret_access_key=secret_access_key or None)
    return S3Storage(client, bucket)
