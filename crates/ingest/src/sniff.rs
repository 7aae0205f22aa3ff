//! Looking at the first bytes of an input: compression, container format, binary data.

/// How a byte stream is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compression {
    None,
    Gzip,
    Zstd,
}

/// What kind of container a stream holds once decompressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Html,
    JsonLines,
    Warc,
    /// A table with a header row: comma-separated, or tab-separated with `tabs`.
    Table {
        tabs: bool,
    },
}

pub(crate) fn compression_of(head: &[u8]) -> Compression {
    if head.starts_with(&[0x1f, 0x8b]) {
        Compression::Gzip
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Compression::Zstd
    } else {
        Compression::None
    }
}

/// The file name's extensions: `(compression, format)`, either `None` when the name does not say.
/// `x.warc.gz` → (Gzip, Warc); `x.html` → (None, Html); `x.bin` → (None, None).
pub(crate) fn by_name(name: &str) -> (Option<Compression>, Option<Format>) {
    let lower = name.to_ascii_lowercase();
    let (compression, rest) = if let Some(rest) = lower.strip_suffix(".gz") {
        (Some(Compression::Gzip), rest)
    } else if let Some(rest) = lower.strip_suffix(".zst").or_else(|| lower.strip_suffix(".zstd")) {
        (Some(Compression::Zstd), rest)
    } else {
        (None, lower.as_str())
    };
    let ext = rest.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let format = match ext {
        "txt" | "text" => Some(Format::Text),
        "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
        "jsonl" | "ndjson" | "json" => Some(Format::JsonLines),
        "warc" => Some(Format::Warc),
        "csv" => Some(Format::Table { tabs: false }),
        "tsv" | "tab" => Some(Format::Table { tabs: true }),
        _ => None,
    };
    (compression, format)
}

/// The document id of a file: its name without any extension (`x.html.gz` → `x`).
pub(crate) fn id_of_file_name(name: &str) -> String {
    match name.find('.') {
        Some(0) | None => name.to_string(),
        Some(i) => name[..i].to_string(),
    }
}

/// A guess at the format from the first bytes, for inputs whose name does not say.
pub(crate) fn format_of(head: &[u8]) -> Format {
    let trimmed = trim_start(head);
    if trimmed.starts_with(b"WARC/") {
        return Format::Warc;
    }
    if trimmed.first() == Some(&b'{') {
        return Format::JsonLines;
    }
    if looks_like_html(trimmed) {
        return Format::Html;
    }
    Format::Text
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    &bytes[start..]
}

/// True when the bytes begin like an HTML document (doctype, `<html`, `<head`, a comment).
pub(crate) fn looks_like_html(head: &[u8]) -> bool {
    let head = trim_start(head);
    let n = head.len().min(512);
    let lower: Vec<u8> = head[..n].iter().map(|b| b.to_ascii_lowercase()).collect();
    ["<!doctype html", "<html", "<head", "<!--", "<body", "<meta", "<?xml"]
        .iter()
        .any(|p| lower.starts_with(p.as_bytes()))
}

/// Why these bytes are not text, if they are not: a known binary signature, or NUL bytes
/// (outside UTF-16 text) among the first 8 KiB.
pub(crate) fn binary_reason(bytes: &[u8]) -> Option<String> {
    const SIGNATURES: [(&[u8], &str); 12] = [
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF file"),
        (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
        (b"\x7fELF", "an executable"),
        (b"MZ", "a Windows executable"),
        (b"\x1f\x8b", "gzip data that could not be opened"),
        (b"\x28\xb5\x2f\xfd", "zstd data that could not be opened"),
        (b"RIFF", "a RIFF media file"),
        (b"OggS", "an Ogg media file"),
        (b"\xd0\xcf\x11\xe0", "an old Office document"),
    ];
    for (sig, what) in SIGNATURES {
        if bytes.starts_with(sig) && (sig.len() > 2 || bytes.len() > 2) {
            // "MZ" alone is too short to judge a two-letter text file by.
            if sig == b"MZ" && bytes.get(2..4).is_none_or(|b| b.iter().all(|c| c.is_ascii_alphanumeric())) {
                continue;
            }
            return Some(format!("binary data ({what}), not text"));
        }
    }
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return None; // UTF-16 with a byte-order mark: NULs are expected
    }
    let head = &bytes[..bytes.len().min(8192)];
    let nuls = head.iter().filter(|&&b| b == 0).count();
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b)).count();
    if nuls > 0 || controls * 20 > head.len().max(1) {
        return Some("binary data (control bytes in the first 8 KiB), not text".to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_give_compression_format_and_id() {
        assert_eq!(by_name("a.warc.gz"), (Some(Compression::Gzip), Some(Format::Warc)));
        assert_eq!(by_name("A.HTML"), (None, Some(Format::Html)));
        assert_eq!(by_name("b.jsonl.zst"), (Some(Compression::Zstd), Some(Format::JsonLines)));
        assert_eq!(by_name("README"), (None, None));
        assert_eq!(id_of_file_name("000_223a02e823e94c0a.txt"), "000_223a02e823e94c0a");
        assert_eq!(id_of_file_name("x.html.gz"), "x");
        assert_eq!(id_of_file_name(".hidden"), ".hidden");
    }

    #[test]
    fn sniffing_tells_containers_apart() {
        assert_eq!(format_of(b"WARC/1.1\r\n"), Format::Warc);
        assert_eq!(format_of(b"\n{\"url\": 1}"), Format::JsonLines);
        assert_eq!(format_of(b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(format_of(b"Kerman, Iran - Two blasts"), Format::Text);
    }

    #[test]
    fn binary_data_is_recognised_and_text_is_not() {
        assert!(binary_reason(b"\x89PNG\r\n\x1a\n\0\0").unwrap().contains("PNG"));
        assert!(binary_reason(b"abc\0def").is_some());
        assert!(binary_reason("Plain text, with – unicode.\n".as_bytes()).is_none());
        assert!(binary_reason(b"MZ").is_none());
    }
}
