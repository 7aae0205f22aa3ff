//! Page chrome as lines: the vocabulary and shapes of navigation, breadcrumbs, credits,
//! share bars, and notices about comments, subscriptions and cookies. Shared by the plain-text
//! and HTML cleaners; every test here is on one line of text, position is their business.

use aho_corasick::AhoCorasick;
use std::sync::OnceLock;

/// Lines that are navigation or widgets when they are the whole line (compared lower-cased,
/// with punctuation and extra spaces removed).
#[rustfmt::skip]
const NAV_LINES: &[&str] = &[
    "previous", "next", "previous article", "next article", "previous post", "next post", "next story",
    "previous story", "prev", "older", "newer", "recent features", "recent posts", "recent articles", "features",
    "related", "related articles", "related posts", "related stories", "related content", "related news",
    "related topics", "read more", "read next", "more", "more stories", "more news", "share", "share this",
    "share this article", "share this story", "share on facebook", "share on twitter", "tweet", "email", "print",
    "comments", "comment", "leave a comment", "leave a reply", "post a comment", "view comments", "show comments",
    "advertisement", "advertising", "ad", "sponsored", "sponsored content", "subscribe", "subscribe now", "sign up",
    "sign in", "log in", "login", "register", "menu", "home", "search", "skip to content", "skip to main content",
    "back to top", "most popular", "most read", "popular", "trending", "trending now", "latest", "latest news",
    "top stories", "you may also like", "you might also like", "recommended", "recommended for you", "follow us",
    "topics", "tags", "loading", "close", "facebook", "twitter", "x", "linkedin", "whatsapp", "reddit", "telegram",
    "copy link", "copy", "listen", "listen to this article", "newsletter", "editor s picks", "editors picks",
    "also read", "see also", "photo", "video", "watch", "continue reading", "click here", "opinion", "analysis",
    "news", "world", "politics", "about us", "contact us", "privacy policy", "terms of use", "terms of service",
    "cookie policy", "all rights reserved", "image", "gallery", "open in app", "go to comments", "jump to comments",
    "print this article",
];

/// Headings that introduce lists of other articles (lower-cased, punctuation removed), in the
/// languages news crawls hold most.
#[rustfmt::skip]
const LIST_HEADINGS: &[&str] = &[
    "related", "related articles", "related posts", "related stories", "related content", "related news",
    "you may also like", "you might also like", "you may like", "more stories", "more from", "recommended",
    "recommended for you", "most read", "most popular", "trending now", "more on this story", "read next",
    "voce pode gostar", "você pode gostar", "leia tambem", "leia também", "veja tambem", "veja também",
    "lea tambien", "lea también", "te puede interesar", "articulos relacionados", "artículos relacionados",
    "noticias relacionadas", "lire aussi", "à lire aussi", "a lire aussi", "voir aussi", "articles similaires",
    "sur le même sujet", "das könnte sie auch interessieren", "mehr zum thema", "weitere artikel",
    "leggi anche", "potrebbe interessarti", "articoli correlati", "похожие статьи", "читайте также",
    "اقرأ أيضا", "اقرأ أيضاً", "مقالات ذات صلة", "相关文章", "相关新闻",
];

/// A heading that introduces a list of other articles ("Related", "You may also like").
pub(crate) fn is_list_heading(line: &str) -> bool {
    LIST_HEADINGS.contains(&normalized(line).as_str())
}

/// Prefixes that make a short line a link to somewhere else.
#[rustfmt::skip]
const NAV_PREFIXES: &[&str] = &[
    "related:", "read more:", "also read:", "see also:", "read also:", "watch:", "recommended:", "more:", "read:",
    "listen:", "tags:", "topics:", "filed under:", "follow us on", "share on", "click here", "subscribe to",
    "sign up for", "advertisement", "sponsored by",
];

/// Beginnings of image credits and captions' credit parts.
#[rustfmt::skip]
const CREDIT_PREFIXES: &[&str] = &[
    "credit:", "credits:", "photo:", "photos:", "photo credit", "photograph:", "photographs:", "image:",
    "image credit", "image source", "images:", "picture:", "pictures:", "pictured:", "file photo", "(photo",
    "photo by", "photos by", "illustration:", "illustration by", "video:", "source: screenshot", "screenshot:",
    "(image", "(credit", "featured image", "header image", "cover image", "caption:",
];

/// Marks of an agency credit inside a caption ("REUTERS/Name", "via Getty Images").
#[rustfmt::skip]
const CREDIT_MARKS: &[&str] = &[
    "reuters/", "afp/", "ap photo", "via getty images", "getty images", "/ getty", "/getty", "epa-efe", "/ afp",
    "/afp", "/ reuters", "shutterstock", "anadolu agency via", "(photo by", "photo by ", "wana (west asia news",
];

/// Words and phrases of notices about comments, subscriptions, cookies, rights and sharing.
#[rustfmt::skip]
const NOTICE_PHRASES: &[&str] = &[
    "comment", "subscrib", "membership", "guest pass", "sign in", "sign up", "log in", "newsletter", "cookie",
    "privacy policy", "terms of service", "terms of use", "all rights reserved", "copyright", "©", "advertis",
    "click here", "republished", "creative commons", "join the conversation", "upgrade", "your inbox",
    "email address", "javascript", "your browser", "paywall", "free trial", "unlock", "follow us", "share this",
    "download the app", "our app", "reprint", "reproduced", "community guidelines",
    "moderat", "donate", "support our", "support us", "opt-out", "opt out",
    "your experience",
];

/// Lower-case words of a line (letters and digits), for comparisons.
pub(crate) fn normalized(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Words in a line: space-separated tokens with a letter or digit. Chinese and Japanese write
/// without spaces, so there every two ideographs or kana count as a word (about what the same
/// sentence has in English), lest a whole paragraph pass for a one-word label.
pub(crate) fn word_count(line: &str) -> usize {
    line.split_whitespace().map(token_words).sum()
}

fn token_words(token: &str) -> usize {
    if token.is_ascii() {
        return usize::from(token.bytes().any(|b| b.is_ascii_alphanumeric()));
    }
    let (mut spaceless, mut other) = (0usize, false);
    for c in token.chars() {
        if is_spaceless_script(c) {
            spaceless += 1;
        } else if c.is_alphanumeric() {
            other = true;
        }
    }
    usize::from(other) + spaceless.div_ceil(2)
}

/// Han ideographs, kana: scripts written without spaces between words.
fn is_spaceless_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0x20000..=0x3134f)
}

/// True when the line ends like a sentence (a stop, possibly inside closing quotes or brackets).
pub(crate) fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end().trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '*']);
    trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？', ':', ';'])
}

/// A line without any letter or digit ("* * *", "———", spaces).
pub(crate) fn is_separator(line: &str) -> bool {
    !line.chars().any(char::is_alphanumeric)
}

/// Whether `line` begins with `prefix`, ASCII letters compared without case.
pub(crate) fn starts_with_ignore_case(line: &str, prefix: &str) -> bool {
    line.as_bytes().get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Navigation and widget labels: a whole line from `NAV_LINES`, or a short line with a nav prefix.
pub(crate) fn is_nav(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed.len() > 400 {
        return false;
    }
    if NAV_LINES.contains(&normalized(trimmed).as_str()) {
        return true;
    }
    word_count(line) <= 14 && NAV_PREFIXES.iter().any(|p| starts_with_ignore_case(trimmed, p))
}

/// Phrase automata, built once: notice phrases and agency credit marks, ASCII case ignored.
fn automaton(patterns: &[&str]) -> AhoCorasick {
    AhoCorasick::builder().ascii_case_insensitive(true).build(patterns).expect("phrase automaton")
}

fn notice_automaton() -> &'static AhoCorasick {
    static AUTOMATON: OnceLock<AhoCorasick> = OnceLock::new();
    AUTOMATON.get_or_init(|| automaton(NOTICE_PHRASES))
}

fn credit_automaton() -> &'static AhoCorasick {
    static AUTOMATON: OnceLock<AhoCorasick> = OnceLock::new();
    AUTOMATON.get_or_init(|| automaton(CREDIT_MARKS))
}

/// An image credit line, or a caption carrying an agency credit.
pub(crate) fn is_credit(line: &str) -> bool {
    let trimmed = line.trim();
    if CREDIT_PREFIXES.iter().any(|p| starts_with_ignore_case(trimmed, p)) {
        return true;
    }
    word_count(line) <= 60 && credit_automaton().is_match(trimmed)
}

/// How many times notice phrases occur in a line (each phrase counted at most three times).
pub(crate) fn notice_score(line: &str) -> usize {
    let mut counts = [0u8; 64];
    for m in notice_automaton().find_overlapping_iter(line) {
        if let Some(c) = counts.get_mut(m.pattern().as_usize()) {
            *c = (*c + 1).min(3);
        }
    }
    counts.iter().map(|&c| c as usize).sum()
}

/// A notice about comments, subscriptions, cookies or rights: several notice phrases, or one in
/// a short line.
pub(crate) fn is_notice(line: &str) -> bool {
    let score = notice_score(line);
    let words = word_count(line);
    // long paragraphs need a density of notice words: a story about civil servants or software
    // piracy mentions "membership" and "copyright" in passing
    (score >= 3 && score * 25 >= words)
        || (score >= 2 && words <= 40)
        || (score >= 1 && words <= 8 && !ends_sentence(line))
}

/// A breadcrumb trail: short segments between `|`, `›`, `»`, `>` or ` / `, no sentence in it.
pub(crate) fn is_breadcrumb(line: &str) -> bool {
    let seps = ['|', '›', '»', '>', '•', '·'];
    let mut parts: Vec<&str> = line.split(|c| seps.contains(&c)).collect();
    if parts.len() < 2 {
        parts = line.split(" / ").collect();
    }
    if parts.len() < 2 || ends_sentence(line) {
        return false;
    }
    let parts: Vec<&str> = parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect();
    parts.len() >= 2 && parts.iter().all(|p| word_count(p) <= 4) && word_count(line) <= 16
}

/// A short line in title case with no closing stop: a headline or a link to another article.
pub(crate) fn is_headline_like(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 24 || line.trim_end().ends_with(['.', ',', ';']) {
        return false;
    }
    let content: Vec<&&str> = words.iter().filter(|w| w.chars().count() > 3).collect();
    let capitalised =
        content.iter().filter(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)).count();
    content.is_empty() || capitalised * 3 >= content.len() * 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_by_spaces_and_by_ideographs_where_there_are_none() {
        assert_eq!(word_count("Two blasts — killed 95 people."), 5);
        assert_eq!(word_count("Керман: два взрыва"), 3);
        assert_eq!(word_count("伊朗克尔曼市发生爆炸"), 5);
        assert_eq!(word_count("2024年1月3日 爆炸"), 4);
        assert_eq!(word_count("* * *"), 0);
    }

    #[test]
    fn notice_phrases_fit_the_counting_table() {
        assert!(NOTICE_PHRASES.len() <= 64);
        assert_eq!(notice_score("Comments, COMMENTS and comments and comments; subscribe"), 4);
    }

    #[test]
    fn navigation_labels_and_prefixed_links() {
        assert!(is_nav("Recent Features"));
        assert!(is_nav("  Previous "));
        assert!(is_nav("Related: Iran vows revenge after twin blasts"));
        assert!(!is_nav("Next week the parliament will vote on the budget."));
    }

    #[test]
    fn breadcrumbs_are_short_segments_between_separators() {
        assert!(is_breadcrumb("Flashpoints\u{a0}|\u{a0}Security\u{a0}|\u{a0}Central Asia"));
        assert!(is_breadcrumb("Home › World › Middle East"));
        assert!(!is_breadcrumb(
            "The blast | which killed dozens | was claimed by the group on Thursday after a long delay."
        ));
        assert!(!is_breadcrumb("A plain heading"));
    }

    #[test]
    fn credits_and_agency_captions() {
        assert!(is_credit("Credit: Screenshot from social media"));
        assert!(is_credit("Mourners gather in Kerman, Iran, January 4, 2024. REUTERS/Somebody"));
        assert!(!is_credit("The credit for the attack was claimed by the group."));
    }

    #[test]
    fn notices_need_several_signals_in_long_lines() {
        assert!(is_notice(
            "You are currently using a limited time guest pass and do not have access to commenting. Consider subscribing to join the conversation."
        ));
        assert!(!is_notice("Officials declined to comment on the investigation, which is continuing in three provinces of the country."));
    }

    #[test]
    fn headlines_are_short_title_case_lines() {
        assert!(is_headline_like("Transitional Justice in Iraq: The Impact of De-Baathification Twenty Years Later"));
        assert!(is_headline_like("Reform or Repression? An Assessment of Women’s Rights in Saudi Arabia"));
        assert!(!is_headline_like("The attack in Iran was not completely unexpected to those monitoring the group."));
    }
}
