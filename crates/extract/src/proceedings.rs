//! Events a sentence recalls through what followed them: a plea, a trial, a verdict, a
//! sentence, an anniversary ("pleaded not guilty to charges over the Boston Marathon
//! bombing", "on the tenth anniversary of the attack"). Such a report is news of the
//! proceedings, not of the event: an undated event it names happened some time before the
//! report, not in the week it was published, so fusion must not date it by the report.

use crate::find_any_word;

/// Words of court proceedings and commemorations that come after an event, often long after.
/// "charged" and "arrested" are left out: police charge and arrest within days of an attack,
/// in the same reports that tell of it.
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
    "anniversary",
    "commemorated",
    "commemoration",
];

/// Whether `sentence` tells of an event through proceedings or a commemoration that came after it.
pub(crate) fn recalls(sentence: &str) -> bool {
    find_any_word(sentence, PROCEEDING_CUES).is_some()
}
