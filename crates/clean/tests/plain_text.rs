//! Plain-text pages written for these tests: page chrome around a body, and junk.

use annalist_clean::clean;
use annalist_model::{content_hash, Document, MediaType};

fn doc(text: &[u8]) -> Document {
    Document {
        id: "t".into(),
        origin: "t.txt".into(),
        url: None,
        media_type: MediaType::Text,
        declared_charset: None,
        declared_title: None,
        declared_date: None,
        declared_outlet: None,
        content_hash: content_hash(text),
        raw: text.to_vec(),
    }
}

const PAGE: &str = "Gunmen Storm Market in Northern Town
Skip to content
World | Africa | Sahel
By Staff Reporter
Published: March 4, 2023
Gunmen Storm Market in Northern Town
Residents flee the market after the attack.
Photo: Local residents via social media
Armed men on motorbikes attacked a crowded market in the town on Saturday morning, killing at least 12 people, local officials said.
The attackers set fire to stalls before fleeing into the bush, a witness told reporters by telephone.
What we know
No group has claimed responsibility, but the army said it suspected a local militant faction.
Share this article
Related
Troops Retake Border Post After Overnight Clash
Ministers Meet to Discuss Regional Security Pact
Aid Agencies Warn of Growing Hunger in the North
Comments are moderated. Please log in or subscribe to join the discussion.
© 2023 Example News. All rights reserved.
";

#[test]
fn chrome_goes_and_the_body_stays_whole() {
    let a = clean(&doc(PAGE.as_bytes())).unwrap();
    assert_eq!(a.title.as_deref(), Some("Gunmen Storm Market in Northern Town"));
    assert_eq!(a.published.map(|d| d.to_string()).as_deref(), Some("2023-03-04"));
    let lines: Vec<&str> = a.text.lines().collect();
    assert_eq!(
        lines,
        [
            "Armed men on motorbikes attacked a crowded market in the town on Saturday morning, killing at least 12 people, local officials said.",
            "The attackers set fire to stalls before fleeing into the bush, a witness told reporters by telephone.",
            "What we know",
            "No group has claimed responsibility, but the army said it suspected a local militant faction.",
        ]
    );
    assert_eq!(a.sentences.len(), 4);
}

#[test]
fn an_article_without_chrome_is_kept_as_it_is() {
    let body = "The blast happened near the station. Police closed the road.\nTwo people were hurt, officials said.\n";
    let a = clean(&doc(body.as_bytes())).unwrap();
    assert_eq!(a.text, body.trim_end());
    assert_eq!(a.paragraphs.len(), 2);
    assert_eq!(a.sentences.len(), 3);
    assert_eq!(a.title, None);
}

#[test]
fn junk_gives_a_reason() {
    assert!(clean(&doc(b"")).unwrap_err().to_string().contains("empty"));
    assert!(clean(&doc(b"\x00\x01\x02binary")).unwrap_err().to_string().contains("binary"));
    let only_chrome = clean(&doc(b"Home\nShare\nPrevious\nNext\n")).unwrap_err();
    assert!(only_chrome.to_string().contains("no article text"), "{only_chrome}");
}

#[test]
fn a_list_closing_the_article_stays() {
    let page = "Awards night in London\nThe musical won three prizes at the annual theatre awards on Sunday night, beating its rival.\nThe winners were:\n - Best actor - A. Person for a play\n - Best new musical - The show at the theatre\nShare this article\n";
    let a = clean(&doc(page.as_bytes())).unwrap();
    assert!(a.text.ends_with("- Best new musical - The show at the theatre"), "{}", a.text);
    assert!(!a.text.contains("Share"));
}

#[test]
fn a_one_sentence_note_without_a_stop_is_the_whole_body() {
    let note = "Unidentified gunmen shot dead a village elder outside his home in the district on the night of the 4th";
    let a = clean(&doc(note.as_bytes())).unwrap();
    assert_eq!(a.text, note);
    let short = "Police said no comment on the blast";
    assert_eq!(clean(&doc(short.as_bytes())).unwrap().text, short);
}

#[test]
fn a_hard_wrapped_story_is_read_as_its_paragraphs() {
    let story = "Gunmen Attack Bus\n\nGunmen opened fire on a bus carrying workers on the road\nout of the city early on Sunday, killing six people and\nwounding eight others, a police spokesman said, adding that\nthe attackers fled on motorcycles.\n\nNo group said it had carried out the attack, which came a\nday after a roadside bomb struck an army convoy nearby.\n";
    let a = clean(&doc(story.as_bytes())).unwrap();
    assert_eq!(a.title.as_deref(), Some("Gunmen Attack Bus"));
    assert_eq!(a.paragraphs.len(), 2, "{}", a.text);
    assert!(a.text.contains("on the road out of the city") && a.text.contains("which came a day after"), "{}", a.text);
}
