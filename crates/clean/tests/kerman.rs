//! The five real Kerman articles, checked against the evaluation kit's per-document facts
//! (boilerplate lines that must go, body lines that must stay, stated publication dates).

use annalist_clean::clean;
use annalist_model::{content_hash, Article, Document, MediaType};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The corpus and its facts file, or `None` where the kit is absent (see `annalist_testkit`).
fn kit() -> Option<(PathBuf, PathBuf)> {
    Some((annalist_testkit::shared("corpus/kerman-2024")?, annalist_testkit::shared("eval/kerman-2024.docs.json")?))
}

fn text_document(path: &Path) -> Document {
    let raw = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy();
    Document {
        id: name.split('.').next().unwrap().to_string(),
        origin: path.display().to_string(),
        url: None,
        media_type: MediaType::Text,
        declared_charset: None,
        declared_title: None,
        declared_date: None,
        declared_outlet: None,
        content_hash: content_hash(&raw),
        raw,
    }
}

/// The articles, or `None` (with a note) where the evaluation kit is absent.
fn articles() -> Option<Vec<Article>> {
    let (corpus, _) = kit()?;
    let mut paths: Vec<_> = std::fs::read_dir(corpus).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    Some(paths.iter().map(|p| clean(&text_document(p)).unwrap()).collect())
}

/// The scorer's normalisation: letters and digits, lower case, single spaces (accents kept,
/// which only makes the comparison stricter).
fn norm(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn facts() -> Value {
    serde_json::from_str(&std::fs::read_to_string(kit().expect("the kit").1).unwrap()).unwrap()
}

fn find<'a>(articles: &'a [Article], id: &str) -> &'a Article {
    articles.iter().find(|a| a.id == id).unwrap_or_else(|| panic!("no article {id}"))
}

#[test]
fn boilerplate_lines_are_gone() {
    let Some(articles) = articles() else { return };
    for (id, lines) in facts()["boilerplate"].as_object().unwrap() {
        let article = find(&articles, id);
        let kept: Vec<String> = article.text.lines().map(norm).collect();
        for line in lines.as_array().unwrap() {
            let line = norm(line.as_str().unwrap());
            assert!(!kept.iter().any(|k| k.starts_with(&line)), "{id}: boilerplate kept: {line}");
        }
    }
}

#[test]
fn body_lines_stay() {
    let Some(articles) = articles() else { return };
    for (id, lines) in facts()["body"].as_object().unwrap() {
        let text = norm(&find(&articles, id).text);
        for line in lines.as_array().unwrap() {
            let line = norm(line.as_str().unwrap());
            assert!(text.contains(&line), "{id}: body line lost: {line}");
        }
    }
}

#[test]
fn stated_publication_dates_are_read() {
    let Some(articles) = articles() else { return };
    for (id, range) in facts()["published"].as_object().unwrap() {
        let published = find(&articles, id).published.map(|d| d.to_string());
        let range: Vec<&str> = range.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let published = published.unwrap_or_else(|| panic!("{id}: no date"));
        assert!(range[0] <= published.as_str() && published.as_str() <= range[1], "{id}: {published}");
    }
}

#[test]
fn every_article_keeps_most_of_its_words_and_its_spans_are_consistent() {
    let Some(articles) = articles() else { return };
    for article in articles {
        assert!(article.text.split_whitespace().count() > 300, "{}: too little text", article.id);
        assert_eq!(article.language.as_deref(), Some("en"), "{}", article.id);
        assert!(!article.text.contains("\n\n"));
        let mut last_end = 0;
        for (i, p) in article.paragraphs.iter().enumerate() {
            assert!(p.start >= last_end && !p.is_empty());
            last_end = p.end;
            let inside = article.sentences.iter().filter(|s| s.paragraph == i);
            for s in inside {
                assert!(p.contains(s.span), "{}: sentence outside its paragraph", article.id);
                assert_eq!(s.span.slice(&article.text).trim(), s.span.slice(&article.text));
            }
        }
        assert!(article.sentences.len() >= article.paragraphs.len());
    }
}

#[test]
fn the_dateline_header_is_cut_from_the_syndicated_copy() {
    let Some(articles) = articles() else { return };
    let copy = articles.iter().find(|a| a.published.is_some() && a.outlet.is_some()).expect("a dated copy");
    let first = copy.paragraphs[0].slice(&copy.text);
    assert!(!first.to_lowercase().starts_with("date"), "{first}");
    assert!(!first.contains("MENAFN"));
}

#[test]
fn headline_first_lines_become_titles_and_leave_the_body() {
    let Some(articles) = articles() else { return };
    for article in articles {
        if let Some(title) = &article.title {
            assert!(!article.text.lines().any(|l| l == title), "{}: title left in the body", article.id);
        }
    }
}
