"""Uploaded files: the local disk by default, an S3-compatible bucket when S3_BUCKET is set.

The switch is read as a production process reads it: manage.py in a subprocess with a controlled environment
(tests/slf/test_deployment.py's ``manage``). The download view reads through whatever storage is configured.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import time
from datetime import date
from pathlib import Path

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from logbook.models import Attachment, Entry
from tests.slf.test_deployment import ROOT, manage

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
SHOW_STORAGE = (
    "import json; from django.conf import settings; from django.core.files.storage import storages; "
    "s = storages['default']; "
    "print(json.dumps({'backend': settings.STORAGES['default']['BACKEND'], 'class': type(s).__name__, "
    "**{k: str(getattr(s, k, None)) for k in ('location', 'bucket_name', 'endpoint_url', 'region_name', "
    "'access_key', 'secret_key', 'addressing_style', 'signature_version', 'default_acl', 'querystring_auth')}}))"
)
PRODUCTION = {"SECRET_KEY": secrets.token_urlsafe(50), "DATABASE_URL": "postgres://slf:x@db.invalid/slf"}


def storage_of(**variables) -> dict:
    result = manage("shell", "-c", SHOW_STORAGE, **PRODUCTION, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_bucket_uploads_go_to_the_local_disk_under_media_root(tmp_path):
    storage = storage_of(MEDIA_ROOT=str(tmp_path / "media"))
    assert storage["backend"] == "django.core.files.storage.FileSystemStorage"
    assert storage["location"] == str(tmp_path / "media")


def test_with_a_bucket_uploads_go_to_the_s3_compatible_object_storage_named_by_the_environment():
    storage = storage_of(
        S3_BUCKET="slf-filer",
        S3_ENDPOINT_URL="https://objects.kommune.example",
        S3_REGION="dk-1",
        S3_ACCESS_KEY_ID="slf-app",
        S3_SECRET_ACCESS_KEY="very-secret",
    )
    assert storage["backend"] == "storages.backends.s3.S3Storage" and storage["class"] == "S3Storage"
    assert storage["bucket_name"] == "slf-filer"
    assert storage["endpoint_url"] == "https://objects.kommune.example"
    assert storage["region_name"] == "dk-1"
    assert storage["access_key"] == "slf-app" and storage["secret_key"] == "very-secret"
    assert storage["addressing_style"] == "path"  # MinIO, Ceph and most non-AWS servers want path-style
    assert storage["signature_version"] == "s3v4"
    assert storage["default_acl"] == "None"  # never a public-read object: the bucket's own (private) policy
    assert storage["querystring_auth"] == "True"  # any URL made would be signed and expire
    assert storage["location"] == ""


def test_without_keys_the_bucket_uses_the_machines_own_credentials():
    # Unset keys are None (boto3's chain: instance role, AWS_* variables), not empty strings that fail to sign.
    storage = storage_of(S3_BUCKET="slf-filer")
    assert storage["access_key"] == "None" and storage["secret_key"] == "None"
    assert storage["endpoint_url"] == "None"


@pytest.fixture
def entry(world):
    return Entry.objects.create(
        office=world.a.office, author=world.a.resource_person, kind="note", title="Tal", date=date(2026, 3, 2)
    )


def test_attachments_are_stored_and_served_through_the_configured_storage_not_a_path(
    settings, tmp_path, login, world, entry
):
    # Not the disk: an in-memory storage stands for the bucket. Upload and download see only the storage API.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    from django.core.files.storage import default_storage

    url = reverse("logbook:entry-attachment-create", args=[world.a.office.slug, entry.pk])
    assert login(world.a.resource_person).post(url, {"file": SimpleUploadedFile("tal.pdf", PDF)}).status_code == 302
    attachment = Attachment.objects.get()
    assert default_storage.exists(attachment.file.name)
    assert not any(tmp_path.iterdir())  # nothing written to the local disk

    download = login(world.a.staff).get(
        reverse("logbook:attachment-download", args=[world.a.office.slug, attachment.pk])
    )
    assert download.status_code == 200 and download.streaming
    assert b"".join(download.streaming_content) == PDF
    assert "private" in download["Cache-Control"]
    default_storage.delete(attachment.file.name)  # a file gone from the bucket is a 404, not a 500
    missing = login(world.a.staff).get(
        reverse("logbook:attachment-download", args=[world.a.office.slug, attachment.pk])
    )
    assert missing.status_code == 404


def _s3rver() -> str | None:
    """npm's s3rver, a small offline S3 server: ``$S3RVER``, on PATH, or ``npm install s3rver`` in the project."""
    for candidate in (os.environ.get("S3RVER"), shutil.which("s3rver"), str(ROOT / "node_modules/.bin/s3rver")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture
def bucket(tmp_path):
    command = _s3rver()
    if command is None:
        pytest.skip("no S3 server: `npm install s3rver` (or S3RVER=/path/to/s3rver) for the live round trip")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [command, "-d", str(tmp_path / "s3"), "-a", "127.0.0.1", "-p", str(port), "--configure-bucket", "slf-test"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline and server.poll() is None, "s3rver did not start"
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


def test_an_attachment_goes_to_the_bucket_and_comes_back_through_the_permission_checked_view(
    settings, tmp_path, login, world, entry, bucket, django_capture_on_commit_callbacks
):
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    result = manage(
        "shell",
        "-c",
        "import json; from django.conf import settings; print(json.dumps(settings.STORAGES['default']))",
        **PRODUCTION,
        S3_BUCKET="slf-test",
        S3_ENDPOINT_URL=bucket,
        S3_REGION="us-east-1",
        S3_ACCESS_KEY_ID="S3RVER",
        S3_SECRET_ACCESS_KEY="S3RVER",
        S3_PREFIX="slf",
    )
    assert result.returncode == 0, result.stderr
    settings.STORAGES = {**settings.STORAGES, "default": json.loads(result.stdout.strip().splitlines()[-1])}
    from django.core.files.storage import storages

    url = reverse("logbook:entry-attachment-create", args=[world.a.office.slug, entry.pk])
    assert login(world.a.resource_person).post(url, {"file": SimpleUploadedFile("tal.pdf", PDF)}).status_code == 302
    attachment = Attachment.objects.get()
    assert not any(media.iterdir())  # nothing on the local disk

    client = boto3.client(
        "s3", endpoint_url=bucket, aws_access_key_id="S3RVER", aws_secret_access_key="S3RVER", region_name="us-east-1"
    )
    keys = [item["Key"] for item in client.list_objects_v2(Bucket="slf-test").get("Contents", [])]
    assert keys == [f"slf/{attachment.file.name}"]  # in the bucket, under the prefix

    download_url = reverse("logbook:attachment-download", args=[world.a.office.slug, attachment.pk])
    download = login(world.a.staff).get(download_url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert login(world.b.staff).get(download_url).status_code == 404  # the bucket changes nothing about who may

    delete_url = reverse("logbook:attachment-delete", args=[world.a.office.slug, attachment.pk])
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the row is gone for good
        assert login(world.a.resource_person).post(delete_url).status_code == 302
    assert client.list_objects_v2(Bucket="slf-test").get("KeyCount") == 0
    assert storages["default"].bucket_name == "slf-test"
