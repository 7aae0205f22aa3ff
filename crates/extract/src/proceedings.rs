//! Events a sentence recalls through what followed them: a plea, a trial, a verdict, a
//! sentence, an anniversary ("pleaded not guilty to charges over the Boston Marathon
//! bombing", "on the tenth anniversary of the attack"). Such a report is news of the
//! proceedings, not of the event: an undated event it names happened some time before the
//! report, not in the week it was published, so fusion must not date it by the report.

use crate::find_any_word;

/// Words of court proceedings that come after an event, often long after: the sentence is about
/// them wherever its event is named. "charged" and "arrested" are left out: police charge and
/// arrest within days of an attack, in the same reports that tell of it.
const PROCEEDING_CUES: &[&str] = &[
    "pleaded",
    "pleads",
    "plead",
    "trial",
    "retrial",
    "convicted",
    "convicts",
    "conviction",
    "sentenced",
    "sentencing",
    "verdict",
    "jury",
    "jurors",
    "found guilty",
    "indicted",
    "indictment",
    "acquitted",
    "acquittal",
    "testified",
];

/// Words of remembrance: they recall the event only when it is what they are of ("the fifth
/// anniversary of the bombing"), not when the event struck them ("a bomb hit a procession
/// marking the anniversary of a general's death").
const MEMORIAL_CUES: &[&str] = &["anniversary", "commemorating", "commemoration", "commemorated", "memorial"];

/// How far after a remembrance word its event's trigger may stand ("the tenth anniversary of the
/// Madrid train bombings").
const MEMORIAL_REACH: usize = 40;

/// Whether `sentence` tells of court proceedings, which are about whatever event it names.
pub(crate) fn tells_of_proceedings(sentence: &str) -> bool {
    find_any_word(sentence, PROCEEDING_CUES).is_some()
}

/// Whether `sentence`, whose event trigger starts `trigger` bytes into it, remembers that event
/// ("the fifth anniversary of the bombing").
pub(crate) fn remembers(sentence: &str, trigger: usize) -> bool {
    let before = &sentence[..trigger.min(sentence.len())];
    let from = before.char_indices().map(|(i, _)| i).find(|&i| before.len() - i <= MEMORIAL_REACH).unwrap_or(0);
    let near = &before[from..];
    // "the anniversary of the bombing": the trigger is what the remembrance is of ("on the
    // anniversary of his death, a bomb exploded" is news of the bomb)
    find_any_word(near, MEMORIAL_CUES).is_some_and(|(_, end)| {
        let between = &near[end..];
        between.trim_start().starts_with("of ") && !between.contains([',', ';'])
    })
}
