"""Build pages/kivu-observer.warc.gz from the HTML pages beside this script, a record each."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
URLS = {"kivu-observer-goma.html": "https://kivu-observer.example/news/goma-fighting-munigi"}
CAPTURED = "2024-03-09T18:00:00Z"


def main() -> None:
    with (HERE / "pages" / "kivu-observer.warc.gz").open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for page in sorted(HERE.glob("*.html")):
            body = page.read_bytes()
            headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                URLS[page.name],
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": CAPTURED},
            )
            writer.write_record(record)


if __name__ == "__main__":
    main()
