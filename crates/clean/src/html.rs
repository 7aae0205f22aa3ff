//! HTML pages: main-content extraction on a real DOM (html5ever through `scraper`), and the
//! page's metadata (title, publication date, outlet, language, canonical URL).
//!
//! How the body is found: the page is walked once, without recursion (deeply nested "HTML
//! bombs" cost no stack; content nested deeper than `MAX_DEPTH` is ignored), leaving out
//! elements that are never article text (scripts, navigation, asides, footers, forms, figures,
//! hidden elements) and those whose class or id names them chrome (share, related, comments,
//! cookie, newsletter, breadcrumb, caption...). Text is cut into blocks at block-level elements.
//! Paragraph-like blocks vote for the elements that hold them (parent fully, grandparent half,
//! great-grandparent a third; more for longer text and more commas, less for link text); the
//! best-scored container and its well-scored siblings are the article. Their blocks, in document
//! order, go through the same line rules as plain text (notices, credits, link lists, position).

use crate::chrome::{self, normalized};
use crate::{dates, plain, Extracted};
use ego_tree::{NodeId, NodeRef};
use regex::Regex;
use scraper::{node::Element, Html, Node};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Elements nested deeper than this are not read.
const MAX_DEPTH: usize = 256;

/// How many ancestors of a block are remembered.
const MAX_CHAIN: usize = 64;

/// Elements that never hold article text.
#[rustfmt::skip]
const DROP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "nav", "aside", "footer", "button",
    "select", "input", "textarea", "label", "figure", "figcaption", "picture", "video", "audio", "object", "embed",
    "head", "dialog", "menu", "map", "header", "math", "source", "track", "img",
];

/// Elements that start a new block of text.
#[rustfmt::skip]
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "table", "tr", "td", "th", "tbody", "thead", "caption", "address", "center", "body", "hr",
    "details", "summary", "fieldset", "hgroup",
];

/// Class and id words of chrome containers (compared as whole words of the attribute): these
/// are dropped unless they hold most of the page's text.
#[rustfmt::skip]
const CHROME_WORDS: &[&str] = &[
    "comment", "comments", "commentlist", "share", "sharing", "sharebar", "social", "socials", "related",
    "newsletter", "newsletters", "cookie", "cookies", "consent", "gdpr", "breadcrumb", "breadcrumbs", "sidebar",
    "advert", "advertisement", "adslot", "adunit", "dfp", "promo", "promotion", "caption", "credit", "credits", "nav",
    "navbar", "navigation", "menu", "footer", "byline", "subscribe", "subscription", "signup", "popup", "modal",
    "outbrain", "taboola", "recirc", "recirculation", "trending", "recommended", "recommendations", "pagination",
    "pager", "disqus", "masthead", "banner", "overlay", "gallery", "slideshow", "carousel", "toolbar", "reactions",
    "donate", "survey",
];

/// Weaker signs of chrome: dropped only when the element holds little text or mostly links.
#[rustfmt::skip]
const WEAK_CHROME_WORDS: &[&str] = &[
    "ad", "ads", "paywall", "tags", "widget", "sponsored", "skip", "hidden", "meta", "author", "bio", "timestamp",
    "dateline", "tools", "topics", "teaser", "teasers", "more", "login", "register", "rating", "facebook", "twitter",
    "whatsapp", "embed", "video", "thumbnail", "thumb", "breaking", "ticker", "alert", "correction", "feedback",
    "popular", "read", "next", "prev", "previous", "print", "disclaimer", "sr", "visually", "offscreen", "toast",
    "list", "links", "headlines", "latest", "most",
];

/// Class and id words of article bodies: an element with one of these is never dropped by name.
const BODY_WORDS: &[&str] =
    &["article", "content", "body", "story", "entry", "text", "main", "post", "prose", "richtext", "rich"];

/// Pages whose tags nest deeper than this (by a quick count on the source) are refused: the
/// parser's cost grows with depth times tags, so a nesting bomb would stall a run.
pub(crate) const MAX_SOURCE_DEPTH: usize = 3000;

/// The most nesting work a page may ask of the parser, in tags × the depth each is met at
/// (see [`source_shape`]): html5ever's tree builder looks through the open elements for most
/// tags, so a page of many tags deep down costs their product (a 12 MB page of tags 2,900 deep
/// took 15 s). Real pages need far less (100,000 tags 40 deep is 4 million).
pub(crate) const MAX_NESTING_WORK: u64 = 100_000_000;

/// The deepest nesting of the page's tags, counted on the source without parsing: opening tags
/// minus closing ones, leaving out void elements and those the parser closes by itself.
#[cfg(test)]
pub(crate) fn source_depth(html: &str) -> usize {
    source_shape(html).0
}

/// The page's deepest nesting (as [`source_depth`]) and its nesting work: the sum, over its
/// tags, of the depth each is met at.
pub(crate) fn source_shape(html: &str) -> (usize, u64) {
    const NOT_NESTING: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup", "rb",
        "rt", "rp", "html", "head", "body",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut work, mut next_gt) = (0usize, 0usize, 0u64, 0usize);
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        i += offset + 1;
        work = work.saturating_add(depth as u64);
        match bytes.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end =
                    bytes[i..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |e| i + e);
                let name = &html[i..name_end];
                // (the next '>' is looked for once, not once per '<' before it: "a<b a<b ..." stays linear)
                if next_gt < name_end {
                    next_gt = bytes[name_end..].iter().position(|&b| b == b'>').map_or(bytes.len(), |e| name_end + e);
                }
                let tag_end = next_gt;
                let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
                if !self_closing && !NOT_NESTING.iter().any(|t| t.eq_ignore_ascii_case(name)) {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
            }
            _ => {}
        }
    }
    (deepest, work)
}

/// The page without comments and without the bodies of scripts (JSON-LD metadata kept), style
/// sheets and inline SVG, which are often most of a page's bytes and never article text: the
/// parser then has less to read.
fn without_code(html: &str) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut changed = false;
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + offset;
        i = start + 1;
        if bytes[start..].starts_with(b"<!--") {
            let Some(end) = find_ignore_case(&bytes[start + 4..], b"-->").map(|e| start + 4 + e + 3) else { break };
            out.push_str(&html[copied..start]);
            (copied, i, changed) = (end, end, true);
            continue;
        }
        let tag = if bytes.get(start + 1..start + 7).is_some_and(|t| t.eq_ignore_ascii_case(b"script")) {
            "script"
        } else if bytes.get(start + 1..start + 6).is_some_and(|t| t.eq_ignore_ascii_case(b"style")) {
            "style"
        } else if bytes.get(start + 1..start + 4).is_some_and(|t| t.eq_ignore_ascii_case(b"svg")) {
            "svg"
        } else {
            continue;
        };
        let name_end = start + 1 + tag.len();
        if bytes.get(name_end).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-') {
            continue; // <scripts>, <style-x>: another element
        }
        let Some(open_end) = bytes[name_end..].iter().position(|&b| b == b'>').map(|e| name_end + e + 1) else { break };
        let attributes = &html[name_end..open_end];
        if tag == "script" && attributes.to_ascii_lowercase().contains("ld+json") {
            i = open_end;
            continue;
        }
        let closing: &[u8] = match tag {
            "script" => b"</script",
            "style" => b"</style",
            _ => b"</svg",
        };
        let Some(close) = find_ignore_case(&bytes[open_end..], closing).map(|c| open_end + c) else { break };
        out.push_str(&html[copied..open_end]);
        (copied, i, changed) = (close, close + 2, true);
    }
    if !changed {
        return std::borrow::Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    std::borrow::Cow::Owned(out)
}

/// The most attributes the parser is handed on one element: html5ever checks each new
/// attribute against the element's earlier ones (a duplicate is dropped), so its cost is
/// quadratic in one element's attributes (100,000 on one tag took 13.7 s). Past this the rest
/// of the tag's attributes are cut before parsing; no page's content lives there.
pub(crate) const MAX_ATTRIBUTES: usize = 256;

/// The page with every tag cut to its first [`MAX_ATTRIBUTES`] attributes, in one pass over
/// the source (quotes respected, as the parser's tokenizer reads them).
fn bounded_attributes(html: &str) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        i += offset + 1;
        let name_start = if bytes.get(i) == Some(&b'/') { i + 1 } else { i };
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
        let mut j = name_start;
        while j < bytes.len() && !space(bytes[j]) && bytes[j] != b'>' && bytes[j] != b'/' {
            j += 1;
        }
        let (mut count, mut cut) = (0usize, None);
        // the attributes, up to the tag's '>'
        loop {
            while j < bytes.len() && (space(bytes[j]) || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                break;
            }
            count += 1;
            if count > MAX_ATTRIBUTES && cut.is_none() {
                cut = Some(j);
            }
            // the name (an '=' first is part of it), then an optional value
            j += 1;
            while j < bytes.len() && !space(bytes[j]) && !matches!(bytes[j], b'>' | b'/' | b'=') {
                j += 1;
            }
            let mut k = j;
            while k < bytes.len() && space(bytes[k]) {
                k += 1;
            }
            if bytes.get(k) != Some(&b'=') {
                continue;
            }
            j = k + 1;
            while j < bytes.len() && space(bytes[j]) {
                j += 1;
            }
            match bytes.get(j) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    j = bytes[j + 1..].iter().position(|&b| b == q).map_or(bytes.len(), |e| j + 1 + e + 1);
                }
                _ => {
                    while j < bytes.len() && !space(bytes[j]) && bytes[j] != b'>' {
                        j += 1;
                    }
                }
            }
        }
        if let Some(cut) = cut {
            out.push_str(&html[copied..cut]);
            copied = j.min(bytes.len());
        }
        i = j.min(bytes.len());
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    std::borrow::Cow::Owned(out)
}

/// The first place `needle` occurs in `haystack`, ASCII case ignored.
fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(offset) = haystack[from..].iter().position(|&b| b == needle[0]) {
        let at = from + offset;
        if haystack.get(at..at + needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(needle)) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

pub(crate) fn extract(html: &str, url: Option<&str>) -> Extracted {
    let html = without_code(html);
    let html = bounded_attributes(&html);
    let document = Html::parse_document(&html);
    let meta = Meta::read(&document);
    let blocks = collect_blocks(&document);
    let mut found = Extracted {
        language: meta.language.clone(),
        url: meta.url.clone(),
        outlet: meta.outlet.clone(),
        ..Extracted::default()
    };
    found.title = meta.title(&blocks);
    let page_url = url.or(meta.url.as_deref());
    found.published = meta.published.or_else(|| page_url.and_then(dates::from_url));

    let chosen = choose_blocks(&blocks);
    if found.published.is_none() {
        found.published = date_above(&blocks, &chosen);
    }
    let lines: Vec<String> = chosen.iter().map(|b| b.text.clone()).collect();
    let mut dropped: Vec<bool> = chosen
        .iter()
        .map(|b| b.kind == Kind::Heading && b.level == 1 || b.link_density() > 0.5 || is_meta_line(&b.text))
        .collect();
    // a heading that is a link, then a short paragraph: a teaser card for another article
    for i in 1..chosen.len() {
        let (heading, summary) = (chosen[i - 1], chosen[i]);
        let linked_heading = heading.kind == Kind::Heading && heading.link_density() > 0.5;
        // in one small card: their nearest common ancestor is close above the heading
        let same_card = heading.ancestors.iter().take(3).any(|a| summary.ancestors.contains(a));
        if linked_heading && same_card && summary.kind != Kind::Heading && chrome::word_count(&summary.text) <= 50 {
            dropped[i] = true;
        }
    }
    let title_norm = found.title.as_deref().map(normalized).unwrap_or_default();
    let keep = plain::select(
        &lines,
        &title_norm,
        &dropped,
        plain::Rules { positional: false, link_runs: false, repeats: false },
    );
    found.paragraphs = lines.into_iter().zip(keep).filter_map(|(l, k)| k.then_some(l)).collect();
    if found.published.is_none() {
        if let Some((date, outlet, rest)) = found.paragraphs.first().and_then(|p| plain::dateline(p)) {
            found.published = Some(date);
            found.outlet = found.outlet.or(outlet);
            found.paragraphs[0] = rest;
        }
    }
    found
}

/// A date written near the top of the article: the nearest short line holding a date among the
/// few blocks above the article's first block (where bylines and datelines sit).
fn date_above(blocks: &[Block], chosen: &[&Block]) -> Option<chrono::NaiveDate> {
    let first = chosen.first()?;
    let index = blocks.iter().position(|b| std::ptr::eq(b, *first))?;
    blocks[index.saturating_sub(12)..=index]
        .iter()
        .rev()
        .filter(|b| chrome::word_count(&b.text) <= 12)
        .find_map(|b| dates::parse(&b.text))
}

/// Short lines that only give a date, a reading time or an author.
fn is_meta_line(text: &str) -> bool {
    let words = chrome::word_count(text);
    if words > 12 {
        return false;
    }
    let lower = text.to_lowercase();
    (words <= 8 && dates::parse(text).is_some())
        || lower.ends_with("min read")
        || lower.ends_with("minute read")
        || lower.ends_with("minutes read")
        || lower.starts_with("updated ")
        || lower.starts_with("published ")
        || lower.starts_with("last updated")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Paragraph,
    Heading,
    ListItem,
    Quote,
    Other,
}

#[derive(Debug)]
struct Block {
    text: String,
    link_chars: usize,
    kind: Kind,
    level: u8,
    /// The element holding the text, then its ancestors (nearest first, at most `MAX_CHAIN`).
    ancestors: Vec<NodeId>,
}

impl Block {
    fn link_density(&self) -> f64 {
        self.link_chars as f64 / self.text.chars().count().max(1) as f64
    }
}

/// Calls `f` with each word of a class or id attribute, lower-cased: words are split at
/// non-letters and at lower-to-upper case changes ("c-shareBar" → "c", "share", "bar").
/// Stops early when `f` returns false.
fn for_each_attribute_word(value: &str, word: &mut String, mut f: impl FnMut(&str) -> bool) {
    word.clear();
    let mut last_lower = false;
    for c in value.chars() {
        let boundary = !c.is_ascii_alphanumeric() || (c.is_ascii_uppercase() && last_lower);
        if boundary && !word.is_empty() {
            if !f(word) {
                return;
            }
            word.clear();
        }
        last_lower = c.is_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        }
    }
    if !word.is_empty() {
        f(word);
    }
}

/// Whether an element and everything in it is left out of the text.
fn is_chrome_element(node: NodeRef<'_, Node>, el: &Element, page_chars: usize) -> bool {
    let name = el.name();
    if DROP_TAGS.contains(&name) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = el.attr("role") {
        if matches!(
            role,
            "navigation" | "banner" | "contentinfo" | "complementary" | "menu" | "menubar" | "dialog" | "search"
        ) {
            return true;
        }
    }
    if matches!(name, "html" | "body" | "article" | "main") {
        return false;
    }
    let (mut strong, mut weak, mut body) = (false, false, false);
    let mut buffer = String::new();
    for attr in [el.attr("class"), el.attr("id")].into_iter().flatten() {
        for_each_attribute_word(attr, &mut buffer, |word| {
            body |= BODY_WORDS.contains(&word);
            strong |= CHROME_WORDS.contains(&word);
            weak |= WEAK_CHROME_WORDS.contains(&word);
            !body
        });
    }
    if body || !(strong || weak) {
        return false;
    }
    // a container named like chrome that holds much of the page's text is the page
    let (chars, link_chars) = text_size(node, page_chars / 3 + 1);
    if strong {
        chars * 10 <= page_chars * 3
    } else {
        chars < 200 || link_chars * 5 > chars * 2
    }
}

/// Characters of text (not counting spaces) under `node`, and how many of them are in links;
/// counting stops past `limit`.
fn text_size(node: NodeRef<'_, Node>, limit: usize) -> (usize, usize) {
    let (mut chars, mut links) = (0, 0);
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            let in_code = d.parent().is_some_and(|p| {
                matches!(p.value(), Node::Element(e) if matches!(e.name(), "script" | "style" | "noscript" | "template"))
            });
            if in_code {
                continue;
            }
            let n = t.chars().filter(|c| !c.is_whitespace()).count();
            chars += n;
            if d.ancestors().take(4).any(|a| matches!(a.value(), Node::Element(e) if e.name() == "a")) {
                links += n;
            }
            if chars > limit {
                break;
            }
        }
    }
    (chars, links)
}

/// The page's text as blocks, in document order, chrome elements left out.
fn collect_blocks(document: &Html) -> Vec<Block> {
    struct Walk {
        blocks: Vec<Block>,
        text: String,
        link_chars: usize,
    }
    impl Walk {
        fn push_text(&mut self, s: &str, in_link: bool) {
            for (i, piece) in s.split_whitespace().enumerate() {
                let need_space = i > 0 || s.starts_with(char::is_whitespace);
                if need_space && !self.text.is_empty() && !self.text.ends_with(' ') {
                    self.text.push(' ');
                }
                self.text.push_str(piece);
                if in_link {
                    self.link_chars += piece.chars().count();
                }
            }
            if s.ends_with(char::is_whitespace) && !self.text.is_empty() && !self.text.ends_with(' ') {
                self.text.push(' ');
            }
        }
        fn flush(&mut self, holder: Option<NodeRef<'_, Node>>, in_quote: bool) {
            let text = self.text.trim();
            // markup shown as text (inside <noscript> when scripting is assumed) is not prose
            if text.is_empty() || (text.starts_with('<') && text.ends_with('>')) {
                self.text.clear();
                self.link_chars = 0;
                return;
            }
            let mut ancestors = Vec::with_capacity(24);
            let mut kind = Kind::Other;
            let mut level = 0;
            if let Some(holder) = holder {
                if let Node::Element(el) = holder.value() {
                    (kind, level) = match el.name() {
                        "p" | "pre" => (Kind::Paragraph, 0),
                        "li" | "dd" | "dt" => (Kind::ListItem, 0),
                        "blockquote" => (Kind::Quote, 0),
                        h if h.len() == 2 && h.starts_with('h') && h.as_bytes()[1].is_ascii_digit() => {
                            (Kind::Heading, h.as_bytes()[1] - b'0')
                        }
                        _ => (Kind::Other, 0),
                    };
                }
                let mut node = Some(holder);
                while let Some(n) = node {
                    if ancestors.len() == MAX_CHAIN {
                        break;
                    }
                    ancestors.push(n.id());
                    node = n.parent();
                }
            }
            if in_quote && kind == Kind::Other {
                kind = Kind::Quote;
            }
            self.blocks.push(Block { text: text.to_string(), link_chars: self.link_chars, kind, level, ancestors });
            self.text.clear();
            self.link_chars = 0;
        }
    }

    let mut walk = Walk { blocks: Vec::new(), text: String::new(), link_chars: 0 };
    let page_chars = document.select(body_selector()).next().map_or(0, |body| text_size(*body, usize::MAX).0);
    // (node, depth, entering); block holders and link/quote depth are tracked on the way down
    let mut stack: Vec<(NodeRef<'_, Node>, usize, bool)> = vec![(document.tree.root(), 0, true)];
    let mut holders: Vec<NodeRef<'_, Node>> = Vec::new();
    let mut links = 0usize;
    let mut quotes = 0usize;
    while let Some((node, depth, entering)) = stack.pop() {
        match node.value() {
            Node::Text(text) if entering => walk.push_text(text, links > 0),
            Node::Element(el) => {
                let name = el.name();
                let block = BLOCK_TAGS.contains(&name);
                if entering {
                    if depth > MAX_DEPTH || is_chrome_element(node, el, page_chars) {
                        if block || DROP_TAGS.contains(&name) {
                            walk.flush(holders.last().copied(), quotes > 0);
                        }
                        continue;
                    }
                    if name == "br" {
                        walk.flush(holders.last().copied(), quotes > 0);
                        continue;
                    }
                    if block {
                        walk.flush(holders.last().copied(), quotes > 0);
                        holders.push(node);
                    }
                    if name == "a" {
                        links += 1;
                    }
                    if name == "blockquote" {
                        quotes += 1;
                    }
                    stack.push((node, depth, false));
                    for child in node.children().rev() {
                        stack.push((child, depth + 1, true));
                    }
                } else {
                    if block {
                        walk.flush(holders.last().copied(), quotes > 0);
                        holders.pop();
                    }
                    if name == "a" {
                        links = links.saturating_sub(1);
                    }
                    if name == "blockquote" {
                        quotes = quotes.saturating_sub(1);
                    }
                }
            }
            Node::Document | Node::Fragment if entering => {
                for child in node.children().rev() {
                    stack.push((child, depth + 1, true));
                }
            }
            _ => {}
        }
    }
    walk.flush(holders.last().copied(), false);
    walk.blocks
}

/// How much a block says "article text here".
fn block_score(block: &Block) -> f64 {
    let len = block.text.chars().count();
    if len < 25 || block.link_density() > 0.5 || block.kind == Kind::Heading {
        return 0.0;
    }
    let commas = block.text.matches([',', '，', '،', '、']).count() as f64;
    let base = 1.0 + commas.min(10.0) + (len as f64 / 100.0).min(3.0);
    let base = if block.kind == Kind::Paragraph { base } else { base * 0.6 };
    base * (1.0 - block.link_density())
}

/// The blocks of the article. Paragraph-like blocks vote for their parent, grandparent and
/// great-grandparent; the winner is a seed. Among the seed and its ancestors, the article is
/// the one with the most good text (characters of paragraph-like blocks) less the text of poor
/// blocks (short or mostly links) under it: climbing takes in an article split into sections,
/// and stops before the page's navigation and link lists.
fn choose_blocks(blocks: &[Block]) -> Vec<&Block> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for block in blocks {
        let score = block_score(block);
        if score == 0.0 {
            continue;
        }
        // a <p> votes for its parent first; text directly in a <div> votes for that div
        let skip = usize::from(block.kind != Kind::Other);
        for (level, id) in block.ancestors.iter().skip(skip).take(3).enumerate() {
            *scores.entry(*id).or_default() += score / (level as f64 + 1.0);
        }
    }
    let Some((&seed, _)) = scores.iter().max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0))) else {
        return blocks.iter().filter(|b| b.text.chars().count() >= 25).collect();
    };
    // the seed's ancestors, nearest first, from any block under the seed
    let chain: Vec<NodeId> = blocks
        .iter()
        .find_map(|b| b.ancestors.iter().position(|&a| a == seed).map(|i| b.ancestors[i..].to_vec()))
        .unwrap_or_else(|| vec![seed]);
    let level_of: HashMap<NodeId, usize> = chain.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    let mut good = vec![0.0f64; chain.len()];
    let mut poor = vec![0.0f64; chain.len()];
    let mut under = Vec::with_capacity(blocks.len());
    for block in blocks {
        let level = block.ancestors.iter().find_map(|a| level_of.get(a).copied());
        under.push(level);
        let Some(level) = level else { continue };
        let chars = block.text.chars().count() as f64;
        // above the seed, only real paragraphs count as article text: teaser cards and link
        // lists are divs and list items
        let paragraph = matches!(block.kind, Kind::Paragraph | Kind::Quote) || level == 0;
        if block_score(block) > 0.0 && paragraph {
            good[level] += chars * (1.0 - block.link_density());
        } else if block.kind != Kind::Heading {
            poor[level] += chars;
        }
    }
    let (mut g, mut q) = (0.0, 0.0);
    let mut best = (f64::MIN, 0);
    for level in 0..chain.len() {
        g += good[level];
        q += poor[level];
        let value = g - q;
        if value > best.0 + 1e-9 {
            best = (value, level);
        }
    }
    blocks.iter().zip(under).filter(|(_, level)| level.is_some_and(|l| l <= best.1)).map(|(b, _)| b).collect()
}

/// What the page says about itself in `<head>`, JSON-LD, `<time>` and `<html lang>`.
#[derive(Debug, Default)]
struct Meta {
    og_title: Option<String>,
    title_tag: Option<String>,
    headline: Option<String>,
    published: Option<chrono::NaiveDate>,
    outlet: Option<String>,
    language: Option<String>,
    url: Option<String>,
}

#[rustfmt::skip]
const DATE_KEYS: &[&str] = &[
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate", "publish-date",
    "publish_date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date", "sailthru.date",
    "parsely-pub-date", "article.published", "published_time", "published-date", "og:pubdate", "release_date",
    "originalpublicationdate", "article_date_original", "cxenseparse:recs:publishtime", "dc.date.created",
];

fn body_selector() -> &'static scraper::Selector {
    static SELECTOR: OnceLock<scraper::Selector> = OnceLock::new();
    SELECTOR.get_or_init(|| scraper::Selector::parse("body").expect("selector"))
}

fn json_ld_patterns() -> &'static [Regex; 3] {
    static PATTERNS: OnceLock<[Regex; 3]> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        [
            Regex::new(r#""datePublished"\s*:\s*"([^"]{8,40})""#).expect("pattern"),
            Regex::new(r#""headline"\s*:\s*"((?:[^"\\]|\\.){3,400})""#).expect("pattern"),
            Regex::new(r#""publisher"\s*:\s*\{[^{}]{0,300}?"name"\s*:\s*"([^"]{2,100})""#).expect("pattern"),
        ]
    })
}

impl Meta {
    fn read(document: &Html) -> Meta {
        let mut meta = Meta::default();
        let mut date_candidates: Vec<(usize, chrono::NaiveDate)> = Vec::new();
        let mut time_date = None;
        let mut h1 = None;
        for node in document.tree.root().descendants() {
            let Node::Element(el) = node.value() else { continue };
            match el.name() {
                "html" => {
                    meta.language = el.attr("lang").or(el.attr("xml:lang")).and_then(language_code);
                }
                "title" if meta.title_tag.is_none() => {
                    meta.title_tag = Some(node_text(node)).filter(|t| !t.is_empty());
                }
                "h1" if h1.is_none() => h1 = Some(node_text(node)).filter(|t| !t.is_empty()),
                "meta" => {
                    let key =
                        el.attr("property").or(el.attr("name")).or(el.attr("itemprop")).map(str::to_ascii_lowercase);
                    let content = el.attr("content").map(str::trim).filter(|c| !c.is_empty());
                    let (Some(key), Some(content)) = (key, content) else { continue };
                    match key.as_str() {
                        "og:title" | "twitter:title" if meta.og_title.is_none() => meta.og_title = Some(content.into()),
                        "og:site_name" | "application-name" if meta.outlet.is_none() => {
                            meta.outlet = Some(content.into())
                        }
                        "og:url" if meta.url.is_none() && content.starts_with("http") => {
                            meta.url = Some(content.into())
                        }
                        "og:locale" | "content-language" | "language" if meta.language.is_none() => {
                            meta.language = language_code(content)
                        }
                        k => {
                            if let Some(rank) = DATE_KEYS.iter().position(|d| *d == k) {
                                if let Some(date) = dates::parse(content) {
                                    date_candidates.push((rank, date));
                                }
                            }
                        }
                    }
                }
                "link" if el.attr("rel") == Some("canonical") && meta.url.is_none() => {
                    meta.url = el.attr("href").filter(|h| h.starts_with("http")).map(String::from);
                }
                "script" if el.attr("type").is_some_and(|t| t.contains("ld+json")) => {
                    let text = node_text_raw(node);
                    let [date, headline, publisher] = json_ld_patterns();
                    if let Some(d) = date.captures(&text).and_then(|c| dates::parse(&c[1])) {
                        date_candidates.push((0, d));
                    }
                    if meta.headline.is_none() {
                        meta.headline = headline.captures(&text).map(|c| unescape_json(&c[1]));
                    }
                    if meta.outlet.is_none() {
                        meta.outlet = publisher.captures(&text).map(|c| unescape_json(&c[1]));
                    }
                }
                "time" if time_date.is_none() => {
                    time_date = el.attr("datetime").and_then(dates::parse).or_else(|| dates::parse(&node_text(node)));
                }
                _ => {}
            }
        }
        date_candidates.sort_by_key(|(rank, _)| *rank);
        meta.published = date_candidates.first().map(|(_, d)| *d).or(time_date);
        if meta.headline.is_none() {
            meta.headline = h1;
        }
        meta
    }

    /// The article's title: the `<h1>`/JSON-LD headline when the page's titles agree with it,
    /// else `og:title`, else `<title>` without the site's name.
    fn title(&self, _blocks: &[Block]) -> Option<String> {
        let declared = [self.og_title.as_deref(), self.title_tag.as_deref()];
        if let Some(headline) = &self.headline {
            let h = normalized(headline);
            if !h.is_empty() && declared.iter().flatten().any(|t| normalized(t).contains(&h)) {
                return Some(headline.clone());
            }
        }
        self.og_title
            .as_deref()
            .or(self.title_tag.as_deref())
            .map(|t| strip_site_name(t, self.outlet.as_deref()))
            .or_else(|| self.headline.clone())
    }
}

/// "Blast kills dozens | Example News" → "Blast kills dozens".
fn strip_site_name(title: &str, outlet: Option<&str>) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let site_like = tail.split_whitespace().count() <= 4
                || outlet.is_some_and(|o| normalized(tail).contains(&normalized(o)));
            if site_like && head.split_whitespace().count() >= 3 {
                return head.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

fn language_code(value: &str) -> Option<String> {
    let code: String = value.trim().chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    (code.len() == 2 || code.len() == 3).then(|| code.to_ascii_lowercase())
}

fn unescape_json(s: &str) -> String {
    serde_json::from_str::<String>(&format!("\"{s}\"")).unwrap_or_else(|_| s.to_string())
}

/// An element's text with whitespace collapsed.
fn node_text(node: NodeRef<'_, Node>) -> String {
    let raw = node_text_raw(node);
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn node_text_raw(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            out.push_str(t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_is_cut_to_its_first_attributes_and_quotes_hide_no_more() {
        let many: String = (0..1000).map(|i| format!(" a{i}=\"x > y\" b{i}='1' c{i}=v")).collect();
        let page = format!(
            "<html><body><div{many}><p>The bus stop bombing in Quetta killed three people.</p></div></body></html>"
        );
        let bounded = bounded_attributes(&page);
        let tag_end = bounded.find("><p>").expect("the tag closes where it did");
        let kept = bounded[..tag_end].matches('=').count();
        assert_eq!(kept, MAX_ATTRIBUTES, "{}", &bounded[..200]);
        assert!(bounded.ends_with("<p>The bus stop bombing in Quetta killed three people.</p></div></body></html>"));
        let found = extract(&page, None);
        assert_eq!(found.paragraphs, ["The bus stop bombing in Quetta killed three people."]);
        // a page with none past the limit is handed on as it is
        let plain = "<p class=\"a\" id='b'>x</p><a href=/x/>y</a>";
        assert!(matches!(bounded_attributes(plain), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn class_words_split_at_dashes_and_case_changes() {
        let mut words = Vec::new();
        for_each_attribute_word("c-shareBar related_links", &mut String::new(), |w| {
            words.push(w.to_string());
            true
        });
        assert_eq!(words, ["c", "share", "bar", "related", "links"]);
    }

    #[test]
    fn script_and_style_bodies_are_cut_before_parsing_but_json_ld_stays() {
        let page = "<head><STYLE>p{}</STYLE><script type=\"application/ld+json\">{\"a\":1}</script>\
                    <script>if (a<b) {}</script></head><body><!-- <p>old</p> --><p>x</p><scripts>y</scripts>\
                    <svg viewBox=\"0 0 1 1\"><path d=\"M0\"/></svg></body>";
        assert_eq!(
            without_code(page),
            "<head><STYLE></STYLE><script type=\"application/ld+json\">{\"a\":1}</script><script></script></head>\
             <body><p>x</p><scripts>y</scripts><svg viewBox=\"0 0 1 1\"></svg></body>"
        );
        assert_eq!(without_code("<p>plain</p>"), "<p>plain</p>");
        assert_eq!(without_code("<!-- never closed <p>x</p>"), "<!-- never closed <p>x</p>");
    }

    #[test]
    fn source_depth_counts_nesting_not_tags() {
        assert_eq!(source_depth("<div><p>a<p>b<br><img src=x/><span>c</span></div>"), 2);
        assert_eq!(source_depth(&"<div>".repeat(50)), 50);
        assert_eq!(source_depth(&"<p>x</p>".repeat(5000)), 0);
        assert_eq!(source_shape(&format!("{}<p>x</p>", "<div>".repeat(3))).1, 1 + 2 + 3 + 3);
    }

    #[test]
    fn site_names_leave_titles() {
        assert_eq!(
            strip_site_name("Twin blasts kill dozens in Kerman | Example News", None),
            "Twin blasts kill dozens in Kerman"
        );
        assert_eq!(strip_site_name("Iran - a country study", None), "Iran - a country study");
    }
}
