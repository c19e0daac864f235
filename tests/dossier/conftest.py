"""The API fixtures (an app over the prepared database and its client), and each document store: local files
and an S3-compatible store (moto's server, run in this process on a free port)."""

import uuid
from collections.abc import Iterator

import pytest

from omnicourt.dossier.storage import LocalStorage, S3Storage, Storage
from tests.app.conftest import app, client  # noqa: F401


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def s3_client(endpoint: str):
    import boto3

    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing",
                        aws_secret_access_key="testing")


@pytest.fixture(params=["local", "s3"])
def storage(request, tmp_path) -> Storage:
    """An empty store of each kind; an S3 store gets a bucket of its own."""
    if request.param == "local":
        return LocalStorage(tmp_path / "documents")
    s3 = s3_client(request.getfixturevalue("s3_endpoint"))
    bucket = f"dossier-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=bucket)
    return S3Storage(s3, bucket)
