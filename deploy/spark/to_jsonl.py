"""Writes a folder of .txt / .html articles as JSON Lines (one record per file: `id` = the file
stem, as `annalist ingest` names files; `text` or `html` = its content), in sorted path order."""

import json
import os
import sys


def main():
    folder, out = sys.argv[1], sys.argv[2]
    paths = []
    for base, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        paths.extend(os.path.join(base, f) for f in files if not f.startswith("."))
    with open(out, "w", encoding="utf-8") as sink:
        for path in sorted(paths):
            stem, ext = os.path.splitext(os.path.basename(path))
            if ext.lower() not in (".txt", ".html", ".htm"):
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                body = f.read()
            kind = "html" if ext.lower() in (".html", ".htm") else "text"
            sink.write(json.dumps({"id": stem, kind: body}) + "\n")


if __name__ == "__main__":
    main()
