//! How an article tells of each event it names: as the news it reports, or in passing, as
//! background to that news ("since 7 July 2005, when four suicide bombers killed 52"; "the
//! attack on the same stadium in May 2002"). A background event is kept apart from the
//! article's news (never merged into it, so no field of it comes from the background); in
//! fusion it joins the incident it matches, which lists the article in `mentioned_in`, and an
//! event no story reports and only one tells in passing is no ledger row.
//!
//! An event is told in passing when the text tells of it through what followed it (`recalled`:
//! a trial, a verdict, an anniversary) beside other news, or when its own date ended over
//! `BACKGROUND_DAYS` before the day the article is told from (its publication, or a look back's
//! latest stated day; in an undated article, the day of its main event; in one whose news is
//! undated too, a date of a year alone is history). The article's main event is its news, however
//! old: a report that tells mainly of a past attack is a source of it (MUC-4's coders template
//! such attacks; marking them background cost its dev template F1 1.2 points).

use annalist_model::{DatePrecision, EventFrame, Telling};
use chrono::{Duration, NaiveDate};

/// How long before an article's day an event must have ended to be told in passing: a month,
/// past the days over which news of one incident (its toll revised, its arrests) still runs.
pub const BACKGROUND_DAYS: i64 = 31;

/// Marks each of an article's `frames` reported or background, from the day the article is
/// told from (`told_from`, None for an undated article).
pub(crate) fn mark(told_from: Option<NaiveDate>, frames: &mut [EventFrame]) {
    let main_day = frames.iter().find(|f| f.main).and_then(|f| f.date.as_ref()).map(|d| d.value.start);
    let Some(reference) = told_from.or(main_day) else {
        // an undated article whose news is undated tells of today: an event it dates by a
        // year alone ("the IRA pub bombings of 1974") is history told in passing
        for f in frames.iter_mut().filter(|f| !f.main) {
            if f.date.as_ref().is_some_and(|d| d.value.precision == DatePrecision::Year) {
                f.telling = Telling::Background;
            }
        }
        return;
    };
    let long_before =
        |f: &EventFrame| f.date.as_ref().is_some_and(|d| d.value.end + Duration::days(BACKGROUND_DAYS) < reference);
    for f in frames.iter_mut().filter(|f| !f.main) {
        if long_before(f) || f.recalled {
            f.telling = Telling::Background;
        }
    }
}
