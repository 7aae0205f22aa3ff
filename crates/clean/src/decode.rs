//! Bytes to text. The order: a byte-order mark, the charset the container declared (unless the
//! bytes are plainly UTF-8 and the declaration a legacy single-byte one, a common mislabel), the
//! page's own `<meta charset>`, valid UTF-8, and last a statistical guess (chardetng).

use chardetng::EncodingDetector;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Text decoded from bytes, and the encoding that was used.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
}

pub(crate) fn has_utf16_bom(raw: &[u8]) -> bool {
    raw.starts_with(b"\xff\xfe") || raw.starts_with(b"\xfe\xff")
}

/// Decodes `raw`, given the charset the container declared, if any. Never fails: undecodable
/// bytes become U+FFFD.
pub fn decode(raw: &[u8], declared: Option<&str>, is_html: bool) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(raw) {
        return finish(&raw[bom_len..], encoding);
    }
    let utf8_ok = std::str::from_utf8(raw).is_ok();
    let declared = declared.and_then(|label| Encoding::for_label(label.trim().as_bytes()));
    if let Some(encoding) = declared {
        if !(utf8_ok && encoding.is_single_byte() && !raw.is_ascii()) {
            return finish(raw, usable(encoding));
        }
        return finish(raw, UTF_8);
    }
    if is_html {
        if let Some(encoding) = meta_charset(raw) {
            if !(utf8_ok && encoding.is_single_byte() && !raw.is_ascii()) {
                return finish(raw, usable(encoding));
            }
        }
    }
    if utf8_ok {
        return finish(raw, UTF_8);
    }
    let mut detector = EncodingDetector::new();
    detector.feed(raw, true);
    finish(raw, detector.guess(None, true))
}

/// UTF-16 named in a page that did not start with a BOM is a mislabel (the WHATWG rule).
fn usable(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else if encoding.name() == "replacement" {
        WINDOWS_1252
    } else {
        encoding
    }
}

fn finish(bytes: &[u8], encoding: &'static Encoding) -> Decoded {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding }
}

/// The charset a page declares in its first 4 KiB: `<meta charset=...>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">`.
pub(crate) fn meta_charset(raw: &[u8]) -> Option<&'static Encoding> {
    let head = &raw[..raw.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..].iter().position(|&b| b == b'>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = skip_while(rest, |b| b.is_ascii_whitespace());
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = skip_while(rest, |b| b.is_ascii_whitespace() || b == b'"' || b == b'\'');
                let len = rest
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'/' | b'>'))
                    .unwrap_or(rest.len());
                if let Some(encoding) = Encoding::for_label(&rest[..len]) {
                    return Some(encoding);
                }
            }
        }
        from = end.max(start + 5);
    }
    None
}

fn skip_while(bytes: &[u8], f: impl Fn(u8) -> bool) -> &[u8] {
    let n = bytes.iter().position(|&b| !f(b)).unwrap_or(bytes.len());
    &bytes[n..]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{GBK, WINDOWS_1251, WINDOWS_1256};

    fn encode(text: &str, encoding: &'static Encoding) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{text} is not representable in {}", encoding.name());
        bytes.into_owned()
    }

    const ARABIC: &str = "قُتل ما يقرب من مئة شخص في انفجارين في مدينة كرمان الإيرانية خلال إحياء ذكرى مقتل قاسم سليماني، وأعلن تنظيم الدولة الإسلامية مسؤوليته عن الهجوم.";
    const RUSSIAN: &str = "Около ста человек погибли в результате двух взрывов в иранском городе Керман во время церемонии памяти Касема Сулеймани; ответственность взяло на себя Исламское государство.";
    const CHINESE: &str =
        "伊朗克尔曼市在纪念苏莱曼尼的仪式上发生两起爆炸，造成近百人死亡，伊斯兰国组织宣称对袭击负责。";
    const FRENCH: &str = "Près de cent personnes ont été tuées à Kerman lors d'une cérémonie ; l'État islamique a revendiqué l'attentat à la bombe, déclarant qu'il « visait les chiites ».";

    #[test]
    fn undeclared_legacy_bytes_are_detected() {
        for (text, encoding) in
            [(ARABIC, WINDOWS_1256), (RUSSIAN, WINDOWS_1251), (CHINESE, GBK), (FRENCH, WINDOWS_1252)]
        {
            let bytes = encode(text, encoding);
            let decoded = decode(&bytes, None, false);
            assert_eq!(decoded.text, text, "guessed {} for {}", decoded.encoding.name(), encoding.name());
        }
    }

    #[test]
    fn meta_charset_is_read_from_the_page() {
        for (text, label) in [(ARABIC, "windows-1256"), (RUSSIAN, "cp1251"), (CHINESE, "gbk"), (FRENCH, "iso-8859-1")] {
            let encoding = Encoding::for_label(label.as_bytes()).unwrap();
            let mut page = format!(
                "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={label}\"></head><body><p>"
            )
            .into_bytes();
            page.extend(encode(text, encoding));
            page.extend_from_slice(b"</p></body></html>");
            assert!(decode(&page, None, true).text.contains(text), "{label}");
        }
        assert_eq!(meta_charset(b"<meta charset='KOI8-R'>").map(|e| e.name()), Some("KOI8-R"));
    }

    #[test]
    fn a_declared_charset_wins_but_utf8_mislabelled_as_latin1_is_kept_as_utf8() {
        let bytes = encode(RUSSIAN, WINDOWS_1251);
        assert_eq!(decode(&bytes, Some("windows-1251"), false).text, RUSSIAN);
        assert_eq!(decode(FRENCH.as_bytes(), Some("iso-8859-1"), true).text, FRENCH);
    }

    #[test]
    fn byte_order_marks_decide() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "Kerman".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes, Some("windows-1252"), false).text, "Kerman");
    }
}
