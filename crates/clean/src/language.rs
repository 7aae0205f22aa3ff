//! The language of a cleaned text when the page does not declare one, only where the evidence is
//! plain: the writing system for scripts that mostly serve one language, and for Latin-script
//! text a clear majority of one language's commonest words. Otherwise unknown.

/// Common short words of languages written in Latin script (lower case).
const STOPWORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &["the", "and", "of", "to", "in", "is", "that", "for", "was", "on", "with", "said", "it", "by", "as", "are"],
    ),
    ("fr", &["le", "la", "les", "des", "et", "est", "une", "du", "dans", "que", "pour", "pas", "sur", "au", "qui"]),
    ("es", &["el", "los", "las", "del", "y", "que", "por", "con", "una", "para", "se", "su", "al", "lo", "como"]),
    ("pt", &["os", "as", "do", "da", "que", "não", "uma", "com", "para", "em", "dos", "das", "um", "foi", "por"]),
    ("de", &["der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "ein", "eine", "sich", "auf"]),
    ("it", &["il", "di", "che", "non", "per", "una", "della", "sono", "gli", "nel", "del", "le", "con", "si"]),
];

pub(crate) fn detect(text: &str) -> Option<String> {
    let sample: String = text.chars().take(3000).collect();
    let (mut letters, mut arabic, mut persian, mut cyrillic, mut ukrainian, mut han, mut kana, mut hangul) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    for c in sample.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        match c {
            '\u{0600}'..='\u{06FF}' => {
                arabic += 1;
                persian += usize::from(matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ی' | 'ک'));
            }
            '\u{0400}'..='\u{04FF}' => {
                cyrillic += 1;
                ukrainian += usize::from(matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є'));
            }
            '\u{4E00}'..='\u{9FFF}' => han += 1,
            '\u{3040}'..='\u{30FF}' => kana += 1,
            '\u{AC00}'..='\u{D7AF}' => hangul += 1,
            _ => {}
        }
    }
    if letters < 20 {
        return None;
    }
    let most = |n: usize| n * 2 > letters;
    if most(arabic) {
        // Persian letters are rare in Arabic; a few percent of them mean Persian (Urdu stays unknown)
        return Some(if persian * 20 > arabic { "fa" } else { "ar" }.into());
    }
    if most(cyrillic) {
        return Some(if ukrainian * 100 > cyrillic { "uk" } else { "ru" }.into());
    }
    if most(han + kana) {
        return Some(if kana * 10 > han + kana { "ja" } else { "zh" }.into());
    }
    if most(hangul) {
        return Some("ko".into());
    }
    let words: Vec<String> =
        sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect();
    if words.len() < 20 {
        return None;
    }
    let mut scores: Vec<(&str, usize)> = STOPWORDS
        .iter()
        .map(|(lang, list)| (*lang, words.iter().filter(|w| list.contains(&w.as_str())).count()))
        .collect();
    scores.sort_by_key(|s| std::cmp::Reverse(s.1));
    let (best, hits) = scores[0];
    let second = scores[1].1;
    // a fifth of the words, and twice as many as any other language's
    (hits * 5 >= words.len() && hits >= 2 * second.max(1)).then(|| best.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_evidence_gives_a_language_and_little_text_gives_none() {
        let en = "Two explosions tore through a crowd on Wednesday, killing dozens of people, officials said. The blasts struck near the cemetery and the group claimed it.";
        assert_eq!(detect(en).as_deref(), Some("en"));
        let fr = "Deux explosions ont frappé la foule mercredi, et le groupe a revendiqué l'attentat dans un communiqué publié sur les réseaux, selon les autorités de la ville.";
        assert_eq!(detect(fr).as_deref(), Some("fr"));
        assert_eq!(detect("قُتل ما يقرب من مئة شخص في انفجارين في مدينة كرمان خلال إحياء ذكرى").as_deref(), Some("ar"));
        assert_eq!(
            detect("Около ста человек погибли в результате двух взрывов в иранском городе").as_deref(),
            Some("ru")
        );
        assert_eq!(detect("伊朗克尔曼市在纪念苏莱曼尼的仪式上发生两起爆炸，造成近百人死亡").as_deref(), Some("zh"));
        assert_eq!(detect("Kerman ISIS-K 2024"), None);
    }
}
