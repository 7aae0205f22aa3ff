//! The HTML nesting limit set from the environment: a page nested deeper is refused unparsed
//! with a message naming the limit and the variable; one within it is read. (Its own test
//! binary: the limit is read once per process.)

use annalist_model::{content_hash, Document, MediaType};

fn page(depth: usize) -> Document {
    let html = format!(
        "<html><body>{}<p>A bomb exploded in the market on Tuesday.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    Document {
        id: "deep".into(),
        origin: "deep.html".into(),
        url: None,
        media_type: MediaType::Html,
        declared_charset: None,
        declared_title: None,
        declared_date: None,
        declared_outlet: None,
        content_hash: content_hash(html.as_bytes()),
        raw: html.into_bytes(),
    }
}

#[test]
fn a_page_nested_past_the_configured_depth_is_refused_by_name() {
    std::env::set_var(annalist_clean::ENV_MAX_HTML_DEPTH, "40");
    assert_eq!(annalist_clean::max_html_depth(), 40);
    assert!(annalist_clean::clean(&page(30)).is_ok());
    let e = annalist_clean::clean(&page(60)).unwrap_err().to_string();
    assert!(e.contains("more than 40 levels") && e.contains("ANNALIST_MAX_HTML_DEPTH"), "{e}");
}
