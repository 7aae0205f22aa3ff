"""Writes a folder of .txt / .html articles as WARC response records (URI
http://example.org/NAME), in sorted path order, split over FILES files (OUT-000.warc, ...)."""

import os
import sys
import uuid


def record(name, body):
    kind = b"text/html" if name.endswith((".html", ".htm")) else b"text/plain"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: %s; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % (kind, len(body)) + body
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/%s\r\n"
        b"WARC-Date: 2024-01-05T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:%s>\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
    ) % (name.encode(), str(uuid.uuid4()).encode(), len(http))
    return head + http + b"\r\n\r\n"


def main():
    folder, out, files = sys.argv[1], sys.argv[2], int(sys.argv[3])
    paths = []
    for base, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        paths.extend(os.path.join(base, n) for n in names if n.endswith((".txt", ".html", ".htm")))
    paths.sort()
    per = max(1, -(-len(paths) // files))
    for k in range(files):
        with open(f"{out}-{k:03d}.warc", "wb") as sink:
            for path in paths[k * per:(k + 1) * per]:
                with open(path, "rb") as f:
                    sink.write(record(os.path.relpath(path, folder).replace(os.sep, "/"), f.read()))


if __name__ == "__main__":
    main()
