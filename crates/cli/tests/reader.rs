//! Real text as it arrives, read as `annalist ingest` reads it: hard-wrapped stories, wire copy
//! in capitals with its dateline. Every quote is cut from the stored text.

use annalist_extract::Extractor;
use annalist_ingest::{read_reader, IngestOptions};
use annalist_model::Article;

fn read(name: &str, text: &str) -> Article {
    let mut docs =
        read_reader(name, Box::new(std::io::Cursor::new(text.as_bytes().to_vec())), &IngestOptions::BUILT_IN);
    let doc = docs.next().expect("a document").expect("not skipped");
    annalist_clean::clean(&doc).expect("cleaned")
}

fn quotes_point_into_the_text(article: &Article) {
    for f in Extractor::builtin().frames(article) {
        assert_eq!(f.quote, f.sentence.slice(&article.text));
        for e in f.killed.iter().chain(f.wounded.iter()) {
            assert_eq!(e.quote, e.sentence.slice(&article.text));
        }
    }
}

#[test]
fn a_story_wrapped_at_sixty_columns_gives_its_attack() {
    let story = "Gunmen opened fire on a bus carrying workers in Herat on\nSunday morning, killing four people and wounding\nnine others, a police spokesman said. No group said it\nhad carried out the attack.\n";
    let article = read("bus.txt", story);
    let frames = Extractor::builtin().frames(&article);
    let main = frames.iter().find(|f| f.main).expect("a main event");
    assert_eq!(main.killed.as_ref().map(|k| k.value.low), Some(4), "{frames:?}");
    assert_eq!(main.wounded.as_ref().map(|k| k.value.low), Some(9), "{frames:?}");
    quotes_point_into_the_text(&article);
}

#[test]
fn wire_copy_in_capitals_is_dated_by_its_dateline_and_read_in_mixed_case() {
    let copy = "   QUITO, 14 MAR 90 (WIRE SERVICE) -- [TEXT] A BOMB EXPLODED TONIGHT AT THE\nENTRANCE OF A BANK IN DOWNTOWN QUITO, KILLING TWO GUARDS AND WOUNDING\nTHREE PASSERSBY, THE NATIONAL POLICE REPORTED IN A COMMUNIQUE.\n\n   THE POLICE SAID THE BOMB HAD BEEN LEFT IN A CAR PARKED BESIDE THE\nBUILDING.\n";
    let article = read("quito.txt", copy);
    assert_eq!(article.published.map(|d| d.to_string()).as_deref(), Some("1990-03-14"));
    assert!(article.text.contains("A BOMB EXPLODED TONIGHT AT THE ENTRANCE"), "{}", article.text);
    let reading = article.reading.as_deref().expect("a reading view");
    assert_eq!(reading.len(), article.text.len());
    let frames = Extractor::builtin().frames(&article);
    let main = frames.iter().find(|f| f.main).expect("a main event");
    assert_eq!(main.killed.as_ref().map(|k| k.value.low), Some(2), "{frames:?}");
    assert!(main.quote.contains("A BOMB EXPLODED"), "{}", main.quote);
    quotes_point_into_the_text(&article);
}
