"""The build's timestamp: SOURCE_DATE_EPOCH when set, so that builds are reproducible."""

from __future__ import annotations

import datetime
import os

ISO = "%Y-%m-%dT%H:%M:%SZ"


def source_date() -> str | None:
    """SOURCE_DATE_EPOCH as an ISO 8601 UTC timestamp, or None when it is not set (or not a number)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime(ISO)
