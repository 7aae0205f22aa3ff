//! Word tokens with byte spans, and the lookup key both names and text are folded to.
//!
//! A key is the lower-case, accent-free form of a name's words joined by single spaces:
//! "Jalal-Abad", "Jalal Abad" and "JALAL‑ABAD" all become `jalal abad`; apostrophes inside a
//! word vanish ("Ma’arrat" → `maarrat`). Names in the data and word sequences in articles
//! are folded the same way, so a lookup is one hash probe per candidate word sequence.

/// One word of a text: its byte range and whether it starts with a capital letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub capital: bool,
    /// Bytes between the previous token and this one are only spaces or a hyphen.
    pub joined: bool,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | '`' | '´')
}

/// Splits `text` into word tokens: runs of letters and digits, with apostrophes and periods
/// inside a word kept ("Ra’s", "U.S").
pub(crate) fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut gap_ok = true;
    let mut dots = 0;
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            let start = i;
            let mut end = i + c.len_utf8();
            // Letters since the token's start or its last inner period.
            let mut segment = 1;
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    segment += 1;
                    chars.next();
                } else if is_apostrophe(d) || d == '.' {
                    // Keep an inner apostrophe or period only when a letter follows it, and
                    // not the possessive "’s" ("Russia’s" is "Russia").
                    let mut look = chars.clone();
                    look.next();
                    let next = look.next().map(|(_, e)| e);
                    let after = look.next().map(|(_, e)| e);
                    let possessive = is_apostrophe(d) && next == Some('s') && !after.is_some_and(char::is_alphanumeric);
                    // A period inside a word ends an abbreviation of one or two letters ("U.S",
                    // "St.Cloud"); after a longer word it is a sentence's end that lost its
                    // space ("on Sunday.The explosion", "in Kabul.A car bomb").
                    let inner_period = |e: char| !e.is_lowercase() && segment <= 2;
                    match next {
                        Some(e) if e.is_alphabetic() && (d != '.' || inner_period(e)) && !possessive => {
                            if d == '.' {
                                segment = 0;
                            }
                            chars.next();
                        }
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            // "St. Louis", "Ft. Worth": a period after a short capitalised word does not separate.
            let after_abbrev = out.last().is_some_and(|p: &Token| p.capital && p.end - p.start <= 2);
            let joined = gap_ok && !out.is_empty() && (dots == 0 || (dots == 1 && after_abbrev));
            out.push(Token { start, end, capital: c.is_uppercase(), joined });
            gap_ok = true;
            dots = 0;
        } else if c == '.' {
            dots += 1;
        } else if !(c == ' ' || c == '-' || c == '\u{2010}' || c == '\u{2011}' || c == '\u{a0}') {
            gap_ok = false;
        }
    }
    out
}

/// Folds one character to its key form, pushing zero or more characters onto `out`.
fn fold_char(c: char, out: &mut String) {
    if is_apostrophe(c) {
        return;
    }
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => {
            'a'
        }
        'ç' | 'ć' | 'č' | 'ĉ' | 'Ç' | 'Ć' | 'Č' => 'c',
        'ď' | 'đ' | 'Ď' | 'Đ' | 'ḍ' | 'Ḍ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => {
            'e'
        }
        'ğ' | 'ġ' | 'Ğ' | 'Ġ' => 'g',
        'ḥ' | 'Ḥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'İ' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => 'i',
        'ł' | 'ľ' | 'ĺ' | 'Ł' | 'Ľ' | 'Ĺ' => 'l',
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => {
            'o'
        }
        'ř' | 'ŕ' | 'Ř' => 'r',
        'ś' | 'š' | 'ş' | 'ṣ' | 'Ś' | 'Š' | 'Ş' | 'Ṣ' | 'ș' | 'Ș' => 's',
        'ť' | 'ţ' | 'ṭ' | 'Ť' | 'Ţ' | 'Ṭ' | 'ț' | 'Ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ź' | 'ż' | 'ž' | 'ẓ' | 'Ź' | 'Ż' | 'Ž' => 'z',
        'ß' => {
            out.push_str("ss");
            return;
        }
        _ => {
            for l in c.to_lowercase() {
                out.push(l);
            }
            return;
        }
    };
    out.push(base);
}

/// The key of a name: its tokens folded and joined by single spaces.
pub(crate) fn key(name: &str) -> String {
    let mut out = String::new();
    key_into(name, &mut out);
    out
}

/// [`key`] written into `out` (cleared first), so that a loop over many names reuses one buffer.
pub(crate) fn key_into(name: &str, out: &mut String) {
    out.clear();
    if name.is_ascii() {
        ascii_key_into(name.as_bytes(), out);
    } else {
        key_of_into(name, &tokens(name), out);
    }
}

/// [`key`] for ASCII names without building tokens: the same rules, one pass over the bytes
/// (most of the gazetteer's names are ASCII, and building the gazetteer folds every one).
#[cfg(test)]
fn ascii_key(b: &[u8]) -> String {
    let mut out = String::new();
    ascii_key_into(b, &mut out);
    out
}

fn ascii_key_into(b: &[u8], out: &mut String) {
    let mut gap = false;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c.to_ascii_lowercase() as char);
            continue;
        }
        let inner = (c == b'\'' || c == b'`' || c == b'.')
            && i > 0
            && b[i - 1].is_ascii_alphanumeric()
            && b.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic() && !(c == b'.' && n.is_ascii_lowercase()))
            && !(c != b'.' && b.get(i + 1) == Some(&b's') && !b.get(i + 2).is_some_and(u8::is_ascii_alphanumeric));
        if !inner {
            gap = true;
        }
    }
}

/// The key of a run of tokens of `text`.
pub(crate) fn key_of(text: &str, toks: &[Token]) -> String {
    let mut out = String::new();
    key_of_into(text, toks, &mut out);
    out
}

/// [`key_of`] appended to `out`.
pub(crate) fn key_of_into(text: &str, toks: &[Token], out: &mut String) {
    for (n, t) in toks.iter().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        for c in text[t.start..t.end].chars() {
            if c == '.' {
                continue;
            }
            fold_char(c, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphens_spaces_accents_and_apostrophes_fold_to_one_key() {
        assert_eq!(key("Jalal-Abad"), "jalal abad");
        assert_eq!(key("Jalal Abad"), "jalal abad");
        assert_eq!(key("Ra’s al-Khaymah"), key("Ra's al Khaymah"));
        assert_eq!(key("Zürich"), "zurich");
        assert_eq!(key("U.S."), "us");
    }

    #[test]
    fn tokens_carry_capitalisation_and_whether_punctuation_separates_them() {
        let t = tokens("in Kerman, Iran");
        assert_eq!(t.len(), 3);
        assert!(!t[0].capital && t[1].capital);
        assert!(t[1].joined && !t[2].joined);
    }

    #[test]
    fn the_ascii_shortcut_folds_like_the_general_path() {
        for name in [
            "St. Louis",
            "U.S.",
            "Ma'arrat al-Nu'man",
            "Iran's",
            "O'Fallon",
            "Winston-Salem",
            " a  b ",
            "X.y",
            "ab'",
            "'s",
            "",
        ] {
            assert_eq!(ascii_key(name.as_bytes()), key_of(name, &tokens(name)), "{name}");
        }
    }

    #[test]
    fn a_period_after_a_long_word_ends_a_sentence_that_lost_its_space() {
        let text = "bombs in Kabul.A car bomb hit the U.S. embassy in St.Cloud";
        let words: Vec<&str> = tokens(text).iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            words,
            ["bombs", "in", "Kabul", "A", "car", "bomb", "hit", "the", "U.S", "embassy", "in", "St.Cloud"]
        );
        assert!(!tokens(text)[3].joined, "a period separates Kabul from A");
    }

    #[test]
    fn a_possessive_is_not_part_of_the_name() {
        let text = "Russia’s envoy and Iran's";
        let t = tokens(text);
        assert_eq!(&text[t[0].start..t[0].end], "Russia");
        let t = tokens("Iran’s");
        assert_eq!(&"Iran’s"[t[0].start..t[0].end], "Iran");
        assert_eq!(key("Ma'arrat"), "maarrat");
    }
}
