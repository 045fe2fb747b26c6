"""Regenerates ../resources/dev/quorum/envelope/json/python-datetimes.txt: one published_at text per line as
<text> TAB <the UTC instant pydantic 2 reads from it (a datetime without an offset taken as UTC), or REJECT>.
Unix timestamps (numbers, digit strings) are left out: pydantic reads them, a publisher never writes them.
Run: python3 datetime_fixture.py > ../resources/dev/quorum/envelope/json/python-datetimes.txt"""
from datetime import UTC, datetime

from pydantic import BaseModel, ValidationError


class Box(BaseModel):
    at: datetime


texts = []
for date in ["2026-05-11", "2024-02-29", "2023-02-29", "2026-02-30", "2026-13-01", "0001-01-01", "0000-01-01",
             "9999-12-31", "2026-5-11", "20260511", "+2026-05-11"]:
    if not date.isdigit():  # all digits: a unix timestamp to pydantic
        texts.append(date)
    for sep in ["T", "t", " ", "_", "X", ""]:
        texts.append(f"{date}{sep}13:45:00Z")
for time in ["13:45", "13:45:00", "13:45:00.1", "13:45:00.123", "13:45:00.123456", "13:45:00.1234567",
             "13:45:00.123456789123", "13:45:00,5", "13:45:00.", "13", "1:45:00", "24:00:00", "23:59:59.999999",
             "13:60:00", "13:45:60", "00:00:00"]:
    for offset in ["", "Z", "z", "+00:00", "-00:00", "+0000", "+02:00", "-05:30", "+0530", "+14:00", "+23:59",
                   "+24:00", "+02", "+02:00:30", " Z", "+2:00", "UTC"]:
        texts.append(f"2026-05-11T{time}{offset}")
texts += ["", "now", "2026-05-11T13:45:00.123456+00:00", "2026-05-11Z", "2026-05-11T"]

for text in texts:
    try:
        at = Box.model_validate({"at": text}).at
        if at.tzinfo is None:
            at = at.replace(tzinfo=UTC)
        print(f"{text}\t{at.astimezone(UTC).isoformat()}")
    except ValidationError:
        print(f"{text}\tREJECT")
