//! HTML pages written for these tests: the chrome a news page carries around its article, dates
//! and outlets from the places pages keep them, legacy charsets, and a nesting bomb.

use annalist_clean::clean;
use annalist_model::{content_hash, Document, MediaType};
use encoding_rs::Encoding;

fn page(raw: Vec<u8>, url: Option<&str>, charset: Option<&str>) -> Document {
    Document {
        id: "p".into(),
        origin: "p.html".into(),
        url: url.map(String::from),
        media_type: MediaType::Html,
        declared_charset: charset.map(String::from),
        declared_title: None,
        declared_date: None,
        declared_outlet: None,
        content_hash: content_hash(&raw),
        raw,
    }
}

const NEWS_PAGE: &str = r##"<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Twin blasts hit memorial procession | Daily Example</title>
<meta property="og:title" content="Twin blasts hit memorial procession | Daily Example">
<meta property="og:site_name" content="Daily Example">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Twin blasts hit memorial procession","datePublished":"2024-01-03T16:20:00+03:30","publisher":{"@type":"Organization","name":"Daily Example Ltd"}}</script>
</head><body>
<div id="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<div class="breadcrumbs"><a href="/">Home</a> › <a href="/world">World</a> › Middle East</div>
<main>
<article>
<h1>Twin blasts hit memorial procession</h1>
<div class="byline">By A. Reporter</div>
<div class="share-tools"><a href="#">Share on Facebook</a><a href="#">Tweet</a></div>
<figure><img src="x.jpg"><figcaption>Mourners gather near the cemetery. Photo: Agency</figcaption></figure>
<div class="article-body">
<p>Two explosions tore through a crowd marking the anniversary of a commander's death on Wednesday, killing dozens of people, officials said.</p>
<p>The blasts struck minutes apart near the cemetery where he is buried, and <a href="/tag/rescue">rescue teams</a> were sent to the scene.</p>
<h2>Claim of responsibility</h2>
<p>A militant group said a day later that two of its members had carried out the attack, in a statement posted online.</p>
<blockquote><p>"We will find those responsible," the interior minister told state television.</p></blockquote>
<ul><li>Dozens of people were killed in the two blasts.</li><li>Hundreds more were taken to hospitals in the city.</li></ul>
<div class="ad-slot">Advertisement</div>
<p>The attack was the deadliest in the country since the revolution, analysts said, and raised fears of further violence.</p>
</div>
<section class="related-articles"><h3>Related</h3><ul>
<li><a href="/a">Leaders condemn attack on procession</a></li>
<li><a href="/b">What we know about the group</a></li></ul></section>
<section id="comments"><h3>Comments</h3><p>Comments are closed for this article. Please read our community guidelines before posting next time.</p></section>
</article>
</main>
<aside><h3>Most read</h3><p>A long story about something else entirely that sits in the sidebar of the page every day.</p></aside>
<footer><p>© 2024 Daily Example. All rights reserved.</p></footer>
</body></html>"##;

#[test]
fn a_news_page_keeps_its_article_in_order_and_drops_the_chrome() {
    let a = clean(&page(NEWS_PAGE.as_bytes().to_vec(), Some("https://www.daily.example/world/blasts"), None)).unwrap();
    assert_eq!(a.title.as_deref(), Some("Twin blasts hit memorial procession"));
    assert_eq!(a.published.map(|d| d.to_string()).as_deref(), Some("2024-01-03"));
    assert_eq!(a.outlet.as_deref(), Some("Daily Example"));
    assert_eq!(a.language.as_deref(), Some("en"));
    let lines: Vec<&str> = a.text.lines().collect();
    assert_eq!(
        lines,
        [
            "Two explosions tore through a crowd marking the anniversary of a commander's death on Wednesday, killing dozens of people, officials said.",
            "The blasts struck minutes apart near the cemetery where he is buried, and rescue teams were sent to the scene.",
            "Claim of responsibility",
            "A militant group said a day later that two of its members had carried out the attack, in a statement posted online.",
            "\"We will find those responsible,\" the interior minister told state television.",
            "Dozens of people were killed in the two blasts.",
            "Hundreds more were taken to hospitals in the city.",
            "The attack was the deadliest in the country since the revolution, analysts said, and raised fears of further violence.",
        ]
    );
    assert_eq!(a.paragraphs.len(), 8);
    assert_eq!(a.sentences.len(), 8);
}

#[test]
fn dates_come_from_time_elements_and_urls_when_metadata_is_missing() {
    let body = "<p>Police said the gunmen fled after the attack on the checkpoint, which left three officers dead and two wounded.</p>";
    let with_time = format!(
        "<html><body><article><time datetime=\"2023-08-13T09:00\">13 August</time>{body}</article></body></html>"
    );
    let a = clean(&page(with_time.into_bytes(), None, None)).unwrap();
    assert_eq!(a.published.map(|d| d.to_string()).as_deref(), Some("2023-08-13"));
    let with_line = format!("<html><body><h1>Checkpoint attacked</h1><div><span>March 12, 2023</span></div><div>{body}{body}</div></body></html>");
    let a = clean(&page(with_line.into_bytes(), None, None)).unwrap();
    assert_eq!(a.published.map(|d| d.to_string()).as_deref(), Some("2023-03-12"));
    let bare = format!("<html><body>{body}</body></html>");
    let a = clean(&page(bare.clone().into_bytes(), Some("https://news.example.org/2022/10/26/shrine-attack"), None))
        .unwrap();
    assert_eq!(a.published.map(|d| d.to_string()).as_deref(), Some("2022-10-26"));
    assert_eq!(a.outlet.as_deref(), Some("news.example.org"));
    let a = clean(&page(bare.into_bytes(), Some("https://news.example.org/world/shrine-attack"), None)).unwrap();
    assert_eq!(a.published, None);
}

fn legacy_page(text: &str, label: &str, in_meta: bool) -> Vec<u8> {
    let encoding = Encoding::for_label(label.as_bytes()).unwrap();
    let meta = if in_meta { format!("<meta charset=\"{label}\">") } else { String::new() };
    let html = format!("<html><head>{meta}</head><body><article><p>{text}</p><p>{text}</p></article></body></html>");
    let (bytes, _, unmappable) = encoding.encode(&html);
    assert!(!unmappable);
    bytes.into_owned()
}

const ARABIC: &str = "قُتل ما يقرب من مئة شخص في انفجارين في مدينة كرمان خلال إحياء ذكرى مقتل قاسم سليماني، وأعلن تنظيم الدولة الإسلامية مسؤوليته عن الهجوم.";
const RUSSIAN: &str = "Около ста человек погибли в результате двух взрывов в иранском городе Керман во время церемонии памяти, ответственность взяло на себя Исламское государство.";
const CHINESE: &str = "伊朗克尔曼市在纪念苏莱曼尼的仪式上发生两起爆炸，造成近百人死亡，数百人受伤，伊斯兰国组织宣称对袭击负责，官员表示调查仍在进行。";
const LATIN1: &str = "Près de cent personnes ont été tuées à Kerman lors d'une cérémonie, a déclaré le ministère ; l'État islamique a revendiqué l'attentat.";

#[test]
fn legacy_charsets_are_read_from_meta_headers_or_detection() {
    let cases = [(ARABIC, "windows-1256"), (RUSSIAN, "cp1251"), (CHINESE, "gbk"), (LATIN1, "iso-8859-1")];
    for (text, label) in cases {
        let from_meta = clean(&page(legacy_page(text, label, true), None, None)).unwrap();
        assert!(from_meta.text.contains(text), "{label} from <meta>: {}", from_meta.text);
        let from_header = clean(&page(legacy_page(text, label, false), None, Some(label))).unwrap();
        assert!(from_header.text.contains(text), "{label} from the header");
        let detected = clean(&page(legacy_page(text, label, false), None, None)).unwrap();
        assert!(detected.text.contains(text), "{label} detected: {}", detected.text);
    }
}

fn nested(depth: usize) -> String {
    let mut html = String::from(
        "<html><body><p>The council met on Monday and agreed a budget, officials said after the long meeting.</p>",
    );
    html.push_str(&"<div>".repeat(depth));
    html.push_str("deep text that no reader would ever see in an article");
    html.push_str(&"</div>".repeat(depth));
    html.push_str("</body></html>");
    html
}

#[test]
fn deep_nesting_is_read_only_to_a_depth_and_a_nesting_bomb_is_refused() {
    let a = clean(&page(nested(1000).into_bytes(), None, None)).unwrap();
    assert!(a.text.starts_with("The council met on Monday"));
    assert!(!a.text.contains("deep text"));
    let err = clean(&page(nested(100_000).into_bytes(), None, None)).unwrap_err();
    assert!(err.to_string().contains("nested"), "{err}");
}

#[test]
fn a_page_without_text_is_an_error_that_says_so() {
    let html = "<html><head><title>Empty</title></head><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>";
    let err = clean(&page(html.as_bytes().to_vec(), None, None)).unwrap_err();
    assert!(err.to_string().contains("no article text"));
}

#[test]
fn what_the_container_declared_wins_over_the_page() {
    // JSON Lines fields (title, date, outlet) arrive as declarations; the page's own
    // og:title, JSON-LD date and og:site_name give way to them, and stand where they are absent.
    let mut doc = page(NEWS_PAGE.as_bytes().to_vec(), Some("https://www.daily.example/world/blasts"), None);
    doc.declared_title = Some("  Blasts at a procession  ".into());
    doc.declared_date = chrono::NaiveDate::from_ymd_opt(2024, 1, 4);
    doc.declared_outlet = Some("Feed Outlet".into());
    let a = clean(&doc).unwrap();
    assert_eq!(a.title.as_deref(), Some("Blasts at a procession"));
    assert_eq!(a.published.map(|d| d.to_string()).as_deref(), Some("2024-01-04"));
    assert_eq!(a.outlet.as_deref(), Some("Feed Outlet"));
    assert!(a.text.starts_with("Two explosions tore through a crowd"));
    doc.declared_title = Some("   ".into());
    doc.declared_date = None;
    doc.declared_outlet = None;
    let a = clean(&doc).unwrap();
    assert_eq!(a.title.as_deref(), Some("Twin blasts hit memorial procession"));
    assert_eq!(a.published.map(|d| d.to_string()).as_deref(), Some("2024-01-03"));
    assert_eq!(a.outlet.as_deref(), Some("Daily Example"));
}

#[test]
fn a_plain_text_page_in_a_legacy_charset_is_read_by_its_declared_charset() {
    // as a WARC record's `Content-Type: text/plain; charset=...` declares it
    let cases = [(ARABIC, "windows-1256"), (RUSSIAN, "cp1251"), (CHINESE, "gbk"), (LATIN1, "iso-8859-1")];
    for (text, label) in cases {
        let body = format!("{text}\n{text}\n");
        let (bytes, _, unmappable) = Encoding::for_label(label.as_bytes()).unwrap().encode(&body);
        assert!(!unmappable);
        let mut doc = page(bytes.into_owned(), None, Some(label));
        doc.media_type = MediaType::Text;
        let a = clean(&doc).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert!(a.text.contains(text), "{label}: {}", a.text);
    }
}
