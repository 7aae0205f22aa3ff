//! Escaping and the page frame. Every string that came from an article, a document id or a
//! request goes through [`esc`] (text and attribute values) or [`enc`] (URL parts) before it is
//! written into a page; nothing else writes user data into HTML.

use std::fmt::Write;

/// `s` with `& < > " '` replaced by entities: safe in element text and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    esc_into(&mut out, s);
    out
}

pub fn esc_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // control characters other than tab and newline have no business in a page
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// `s` percent-encoded for a URL path segment or query value (all but unreserved characters).
pub fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A query string from pairs, values encoded; empty values left out.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> =
        pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", enc(v))).collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Which top-level page a page belongs to, for the navigation bar.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Ledger,
    Timeline,
    Map,
    Search,
    Reviews,
    None,
}

/// A whole page: `title` is escaped here, `body` must already be safe HTML.
pub fn page(title: &str, nav: Nav, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 1024);
    out.push_str("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    out.push_str("<title>");
    esc_into(&mut out, title);
    out.push_str(" · annalist</title><link rel=\"stylesheet\" href=\"/assets/style.css\"></head><body>");
    out.push_str("<header class=\"top\"><a class=\"brand\" href=\"/\">annalist</a><nav>");
    for (n, href, label) in [
        (Nav::Ledger, "/", "Ledger"),
        (Nav::Timeline, "/timeline", "Timeline"),
        (Nav::Map, "/map", "Map"),
        (Nav::Search, "/search", "Search"),
        (Nav::Reviews, "/reviews", "Reviews"),
    ] {
        let class = if n == nav { " class=\"here\"" } else { "" };
        let _ = write!(out, "<a href=\"{href}\"{class}>{label}</a>");
    }
    out.push_str("</nav></header><main>");
    out.push_str(body);
    out.push_str("</main><footer>annalist · every figure cites the sentence it came from</footer></body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_urls_encoded() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(enc("a b/ü?&"), "a%20b%2F%C3%BC%3F%26");
        assert_eq!(query_string(&[("q", "x y".into()), ("country", String::new())]), "?q=x%20y");
    }
}
