//! Time expressions as the extractor reads them, with articles dated Friday 2024-01-12.

use annalist_model::{DateInterval, DatePrecision};
use annalist_normalize::{find_times, TimeExpression, TimeKind, TimeOptions, TimeValue};
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn reference() -> Option<NaiveDate> {
    Some(d("2024-01-12"))
}

fn times(text: &str) -> Vec<TimeExpression> {
    find_times(text, reference(), &TimeOptions::default())
}

/// The one time expression in `text`, as (quoted words, start, end, precision).
fn one(text: &str) -> (String, NaiveDate, NaiveDate, DatePrecision, TimeKind) {
    let found = times(text);
    assert_eq!(found.len(), 1, "expected one time expression in {text:?}, got {found:?}");
    let e = &found[0];
    match e.value {
        TimeValue::Interval(DateInterval { start, end, precision }) => {
            (e.span.slice(text).to_string(), start, end, precision, e.kind)
        }
        TimeValue::RelativeToEvent { .. } => panic!("expected an interval in {text:?}, got {e:?}"),
    }
}

fn day(text: &str, expected: &str) {
    let (_, s, e, p, _) = one(text);
    assert_eq!((s, e, p), (d(expected), d(expected), DatePrecision::Day), "in {text:?}");
}

fn range(text: &str, start: &str, end: &str, precision: DatePrecision) {
    let (_, s, e, p, _) = one(text);
    assert_eq!((s, e, p), (d(start), d(end), precision), "in {text:?}");
}

fn offset(text: &str) -> i64 {
    let found = times(text);
    assert_eq!(found.len(), 1, "expected one time expression in {text:?}, got {found:?}");
    match found[0].value {
        TimeValue::RelativeToEvent { days } => days,
        _ => panic!("expected an offset from the event in {text:?}"),
    }
}

#[test]
fn full_dates_in_news_forms_are_single_days() {
    day("On January 3, 2024, two explosions hit the procession.", "2024-01-03");
    day("On Jan. 3, 2024, two explosions hit the procession.", "2024-01-03");
    day("The attack of 3 January 2024 killed dozens.", "2024-01-03");
    day("Published 2024-01-03 by the agency.", "2024-01-03");
    day("Wednesday, January 3, 2024 — Kerman", "2024-01-03");
    day("the 3rd of January, 2024", "2024-01-03");
}

#[test]
fn the_words_of_a_full_date_are_its_span() {
    let (words, ..) = one("On Jan. 3, 2024, two explosions hit the procession.");
    assert_eq!(words, "Jan. 3, 2024");
}

#[test]
fn numeric_dates_follow_the_day_month_option() {
    let text = "Filed 3/1/2024 in court.";
    let us = find_times(text, None, &TimeOptions::default());
    let uk = find_times(text, None, &TimeOptions { day_first: true });
    assert_eq!(us[0].value, TimeValue::Interval(DateInterval::day(d("2024-03-01"))));
    assert_eq!(uk[0].value, TimeValue::Interval(DateInterval::day(d("2024-01-03"))));
}

#[test]
fn a_month_and_day_without_year_is_the_latest_such_day_not_after_the_article() {
    day("On January 3rd, crowds gathered.", "2024-01-03");
    day("On January 4 the group claimed it.", "2024-01-04");
    day("On December 30 the police arrested four men.", "2023-12-30");
}

#[test]
fn months_and_years_are_whole_periods() {
    range("The attack in October 2022 killed 13.", "2022-10-01", "2022-10-31", DatePrecision::Month);
    range("A second attack in August 2023 killed two.", "2023-08-01", "2023-08-31", DatePrecision::Month);
    range("Elections were held in 2020.", "2020-01-01", "2020-12-31", DatePrecision::Year);
    range("the revolution in 1979", "1979-01-01", "1979-12-31", DatePrecision::Year);
    range("the end of 2017", "2017-09-01", "2017-12-31", DatePrecision::Season);
}

#[test]
fn early_mid_and_late_cut_a_month_into_halves_and_the_end_of_a_year_is_its_last_third() {
    range("In late October 2022 a gunman opened fire.", "2022-10-16", "2022-10-31", DatePrecision::Week);
    range("arrests in mid-December", "2023-12-10", "2023-12-20", DatePrecision::Week);
    range("arrested in early December", "2023-12-01", "2023-12-15", DatePrecision::Week);
    range("a plan hatched in early 2023", "2023-01-01", "2023-06-30", DatePrecision::Season);
    range("arrests in late 2023", "2023-07-01", "2023-12-31", DatePrecision::Season);
    range("talks in mid-2023", "2023-05-01", "2023-08-31", DatePrecision::Season);
    range("by the end of 2023", "2023-09-01", "2023-12-31", DatePrecision::Season);
}

#[test]
fn weekdays_count_back_from_the_article_date() {
    day("The blasts last Wednesday killed 95.", "2024-01-10");
    day("Officials said on Tuesday that the toll rose.", "2024-01-09");
    day("The bombing happened yesterday.", "2024-01-11");
    day("Officials said on Friday that the toll rose.", "2024-01-12");
}

#[test]
fn offsets_from_the_event_need_no_article_date() {
    assert_eq!(offset("The next day, the group claimed responsibility."), 1);
    assert_eq!(offset("Two days before the attack, police raided a house."), -2);
    assert_eq!(offset("a week later, the toll rose"), 7);
    let none = find_times("The next day it was claimed.", None, &TimeOptions::default());
    assert_eq!(none[0].value, TimeValue::RelativeToEvent { days: 1 });
}

#[test]
fn seasons_and_recent_periods_are_intervals_ending_at_or_before_the_article() {
    range("Over the summer, several cells were dismantled.", "2023-06-01", "2023-08-31", DatePrecision::Season);
    range("in the summer of 2023", "2023-06-01", "2023-08-31", DatePrecision::Season);
    let (words, s, e, _, kind) = one("Attacks rose in the past few weeks.");
    assert_eq!((words.as_str(), e, kind), ("past few weeks", d("2024-01-12"), TimeKind::Duration));
    assert!(s <= d("2023-12-22"), "a few weeks reach back at least three weeks, got {s}");
    range("earlier this month", "2024-01-01", "2024-01-12", DatePrecision::Month);
    range("last year", "2023-01-01", "2023-12-31", DatePrecision::Year);
    range("the 1990s", "1990-01-01", "1999-12-31", DatePrecision::Decade);
}

#[test]
fn since_and_until_keep_the_interval_and_say_which_side() {
    let (_, s, _, _, kind) = one("The group has been active since 2021.");
    assert_eq!((s, kind), (d("2021-01-01"), TimeKind::Since));
    let (_, _, e, _, kind) = one("It had been defeated by 2018.");
    assert_eq!((e, kind), (d("2018-12-31"), TimeKind::Until));
}

#[test]
fn relative_dates_without_a_reference_are_left_out() {
    let none = |text: &str| find_times(text, None, &TimeOptions::default());
    assert!(none("It happened yesterday, last Wednesday and in the past few weeks.").is_empty());
    assert!(none("On January 3rd crowds gathered.").is_empty());
    assert_eq!(none("On January 3, 2024 crowds gathered.").len(), 1);
}

#[test]
fn numbers_that_are_not_dates_stay_numbers() {
    for text in [
        "See Issue 31 of the magazine.",
        "He quoted Quran 2:191 in the video.",
        "a 35-minute gun battle",
        "a reward of $2,000",
        "1,200 people were evacuated",
        "The march began at 10:30 a.m.",
        "They may 2 be wrong",
        "one of 2000 people",
        "in 35 cities",
    ] {
        assert!(times(text).is_empty(), "{text:?} gave {:?}", times(text));
    }
}

#[test]
fn results_are_in_text_order_and_do_not_overlap() {
    let text = "On January 3, 2024, after attacks in October 2022 and August 2023, and two days later, yesterday.";
    let found = times(text);
    assert_eq!(found.len(), 5, "{found:?}");
    for pair in found.windows(2) {
        assert!(pair[0].span.end <= pair[1].span.start);
    }
}

#[test]
fn holidays_are_the_latest_such_day_unless_a_year_is_given() {
    day("plotting attacks on New Year's Eve", "2023-12-31");
    day("a market bombing on Christmas Day 2016", "2016-12-25");
    day("the Easter 2019 bombings", "2019-04-21");
    day("since Nowruz", "2023-03-21");
}

#[test]
fn quarters_and_weekends() {
    range("profits fell in Q3 2023", "2023-07-01", "2023-09-30", DatePrecision::Season);
    range("in the third quarter of 2022", "2022-07-01", "2022-09-30", DatePrecision::Season);
    range("last quarter", "2023-10-01", "2023-12-31", DatePrecision::Season);
    range("Police made arrests over the weekend.", "2024-01-06", "2024-01-07", DatePrecision::Day);
}

#[test]
fn ranges_join_their_ends() {
    range("from 2014 to 2018", "2014-01-01", "2018-12-31", DatePrecision::Year);
    range("between 4 and 22 January 1995", "1995-01-04", "1995-01-22", DatePrecision::Day);
    range("from January to April 2015", "2015-01-01", "2015-04-30", DatePrecision::Month);
    range("Nov 18-Dec 19, 2015", "2015-11-18", "2015-12-19", DatePrecision::Day);
}

#[test]
fn decades_centuries_and_split_years() {
    range("in the seventies", "1970-01-01", "1979-12-31", DatePrecision::Decade);
    range("in the 19th century", "1800-01-01", "1899-12-31", DatePrecision::Decade);
    range("the 2016-17 season", "2016-01-01", "2017-12-31", DatePrecision::Year);
    range("for the rest of the month", "2024-01-12", "2024-01-31", DatePrecision::Month);
}

#[test]
fn ordinals_that_rank_are_not_days() {
    assert!(times("the seventh-largest carrier").is_empty());
    assert!(times("for the seventh time").is_empty());
    assert!(times("She finished the seventh, behind him.").is_empty());
    day("It reopens on the 27th.", "2023-12-27");
}

#[test]
fn years_in_words() {
    day("She was born on January twenty five nineteen eighty six.", "1986-01-25");
    day("On 15 August nineteen hundred ninety three, the plant opened.", "1993-08-15");
    range("It was in October two thousand and five.", "2005-10-01", "2005-10-31", DatePrecision::Month);
    range("They left in nineteen ninety six and came back.", "1996-01-01", "1996-12-31", DatePrecision::Year);
    range("It began in one thousand seven hundred and eighty nine.", "1789-01-01", "1789-12-31", DatePrecision::Year);
    // counts stay counts
    assert!(times("It resulted in two thousand deaths.").is_empty());
    assert!(times("In March twenty people were killed.")
        .iter()
        .all(|e| e.span.slice("In March twenty people were killed.") == "March"));
}

#[test]
fn a_weekday_with_a_day_of_the_month() {
    // 2024-01-12 is a Friday; the nearest Monday the 8th is 2024-01-08, Friday the 15th is 2023-12-15.
    day("He arrived on Monday 8th.", "2024-01-08");
    day("It happened on Friday the 15th.", "2023-12-15");
    day("It happened on Tuesday the ninth.", "2024-01-09");
}

#[test]
fn quarters_are_calendar_quarters() {
    range("Sales fell in the last quarter.", "2023-10-01", "2023-12-31", DatePrecision::Season);
    range("Sales fell in the past two quarters.", "2023-07-01", "2023-12-31", DatePrecision::Season);
    range("Sales will rise in the next 3 quarters.", "2024-04-01", "2024-12-31", DatePrecision::Season);
}

#[test]
fn a_range_up_to_now_ends_on_the_article_date() {
    range("Prices rose between March 2023 and now.", "2023-03-01", "2024-01-12", DatePrecision::Month);
}

#[test]
fn holidays_by_their_rules() {
    day("Protests on Labor Day 2023 turned violent.", "2023-09-04");
    day("the Thanksgiving 2023 parade", "2023-11-23");
    day("a rally on Memorial Day 2023", "2023-05-29");
    day("marches on MLK Day 2024", "2024-01-15");
    day("fireworks on Independence Day", "2023-07-04");
    day("St. Patrick's Day 2023 in Belfast", "2023-03-17");
    day("Mother's Day 2023 was quiet.", "2023-05-14");
    day("shoppers on Black Friday 2023", "2023-11-24");
    day("Easter Sunday 2024 services", "2024-03-31");
    assert!(times("a memorial service was held").is_empty());
}

#[test]
fn weeks_named_by_a_day_a_number_or_a_step() {
    range("talks in the week of January 8, 2024", "2024-01-08", "2024-01-14", DatePrecision::Week);
    range("a summit the week after next", "2024-01-22", "2024-01-28", DatePrecision::Week);
    range("strikes in Week 31 of 2023", "2023-07-31", "2023-08-06", DatePrecision::Week);
    assert!(times("in week 10 of the war").is_empty());
}

#[test]
fn units_counted_in_a_period() {
    range("in the first six months of 2023", "2023-01-01", "2023-06-30", DatePrecision::Month);
    range("the last three weeks of 2023", "2023-12-11", "2023-12-31", DatePrecision::Week);
    day("on the 15th day of next month", "2024-02-15");
    range("the third month of 2023", "2023-03-01", "2023-03-31", DatePrecision::Month);
    range("results for H1 2023", "2023-01-01", "2023-06-30", DatePrecision::Season);
    assert!(times("during H2, sales fell").is_empty());
}

#[test]
fn spans_counted_from_a_day() {
    range("a curfew for three days starting Monday", "2024-01-08", "2024-01-10", DatePrecision::Day);
    range("aid for 2 weeks from January 2, 2024", "2024-01-02", "2024-01-15", DatePrecision::Week);
    day("It ends 16 days from 01/02/2024.", "2024-01-18");
    day("We met 1 month and 21 days ago.", "2023-11-21");
    range("a decision in the next fortnight", "2024-01-13", "2024-01-26", DatePrecision::Week);
    range("results 4 weeks in the future", "2024-01-13", "2024-02-09", DatePrecision::Week);
}

#[test]
fn more_day_forms() {
    day("The vote is on 4.22 as planned.", "2023-04-22");
    assert!(times("Prices rose on 4.22 percent growth.").is_empty());
    day("logged at 2023-12-16T12:23:59", "2023-12-16");
    day("16. Nov. 2023", "2023-11-16");
    day("a wedding on 28 June in 2020", "2020-06-28");
    day("a march on the second Sunday.", "2024-01-14");
    range("in the nineteen seventies", "1970-01-01", "1979-12-31", DatePrecision::Decade);
    let (_, s, _, _, kind) = one("later than 2018");
    assert_eq!((s, kind), (d("2018-01-01"), TimeKind::Since));
}

#[test]
fn ranges_of_numeric_dates_and_weekdays() {
    range("closed from 1/2/2024-1/9/2024", "2024-01-02", "2024-01-09", DatePrecision::Day);
    range("closed from 1/2-1/9, 2024", "2024-01-02", "2024-01-09", DatePrecision::Day);
    range("strikes from Monday to Friday", "2024-01-08", "2024-01-12", DatePrecision::Day);
    day("a vote on Friday the 5th.", "2024-01-05");
    day("talks this coming Friday", "2024-01-19");
    assert!(times("call +86 138-2010-2015 now").is_empty());
    assert!(times("part 133-03-03-2020 failed").is_empty());
    assert_eq!(times("from 2015 and 2016").len(), 2);
    range("music in nineties", "1990-01-01", "1999-12-31", DatePrecision::Decade);
}

#[test]
fn holiday_weekends_and_other_day_forms() {
    range("shootings over the Memorial Day weekend 2023", "2023-05-27", "2023-05-29", DatePrecision::Week);
    range("the weekend of Thanksgiving 2023", "2023-11-23", "2023-11-26", DatePrecision::Week);
    day("born on twenty five January nineteen eighty six", "1986-01-25");
    day("It said:30 December 2023 was the day.", "2023-12-30");
    range("the riots of August '99", "1999-08-01", "1999-08-31", DatePrecision::Month);
    range("born in April of 87", "1987-04-01", "1987-04-30", DatePrecision::Month);
    range("a truce between now and March 15th", "2024-01-12", "2024-03-15", DatePrecision::Day);
    range("a poll later in the year", "2024-01-12", "2024-12-31", DatePrecision::Year);
    range("from December 20 to January 5", "2023-12-20", "2024-01-05", DatePrecision::Day);
    assert!(times("at 10:30 people gathered").is_empty());
}

#[test]
fn spans_ahead_only_where_the_clause_speaks_of_the_future() {
    day("Elections will be held in two weeks.", "2024-01-26");
    range("They will respond within 5 days.", "2024-01-12", "2024-01-16", DatePrecision::Day);
    assert!(times("Rebels killed 40 in two days.").is_empty());
    assert!(times("It will end. Rebels took the city in two days.").is_empty());
}

#[test]
fn short_weekday_names_only_before_a_day() {
    day("a rally on Sat 13th", "2024-01-13");
    assert!(times("he sat 14 hours in Mon State").is_empty());
}

#[test]
fn days_between_in_a_month_and_weeks_of_a_relative_year() {
    range("talks in November between 19 and 20", "2023-11-19", "2023-11-20", DatePrecision::Day);
    range("Feb between 2-7 2023", "2023-02-02", "2023-02-07", DatePrecision::Day);
    range("exams in the third week next year", "2025-01-13", "2025-01-19", DatePrecision::Week);
    range("records for August 99", "1999-08-01", "1999-08-31", DatePrecision::Month);
    let (_, s, _, p, _) = one("In August 45 people died.");
    assert_eq!((s, p), (d("2023-08-01"), DatePrecision::Month));
}

#[test]
fn compound_spans_word_year_ranges_and_dotted_months() {
    range("They will decide within 1 year and 2 months.", "2024-01-12", "2025-03-11", DatePrecision::Day);
    range("from two thousand until two thousand and fourteen", "2000-01-01", "2014-12-31", DatePrecision::Year);
    range("figures for 2015.3", "2015-03-01", "2015-03-31", DatePrecision::Month);
    assert!(times("GDP was 2015.3 billion").is_empty());
    range("a meeting w/c 8 January 2024", "2024-01-08", "2024-01-14", DatePrecision::Week);
    range("aid within 2 weeks from today", "2024-01-12", "2024-01-25", DatePrecision::Week);
}

#[test]
fn ranges_of_bare_days_with_the_and_next_dates() {
    range("off between the ninth and the seventeenth of April 2023", "2023-04-09", "2023-04-17", DatePrecision::Day);
    range("from April the ninth, 2023 till the seventeenth", "2023-04-09", "2023-04-17", DatePrecision::Day);
    day("a vote next 6th of April", "2024-04-06");
    range("for the last 3 months and 2 weeks", "2023-09-28", "2024-01-12", DatePrecision::Day);
    assert_eq!(times("before 2018 or before 2000").len(), 2);
}

#[test]
fn business_days_are_weekdays() {
    range("a decision in the next 3 business days", "2024-01-15", "2024-01-17", DatePrecision::Day);
    range("over the previous 2 working days", "2024-01-10", "2024-01-11", DatePrecision::Day);
    range("They will answer within next 2 weeks.", "2024-01-12", "2024-01-25", DatePrecision::Week);
}

#[test]
fn odds_names_and_counted_years_are_not_dates() {
    assert!(times("He has moved from 4/1 to 5/2 favourite.").is_empty());
    let odds = "Bookmakers have given the film 4/9 and 8/13.";
    assert!(times(odds).iter().all(|e| e.span.slice(odds) != "4/9"));
    assert!(times("said Tuesday. Patrick Vieira scored.")
        .iter()
        .all(|e| e.span.slice("said Tuesday. Patrick Vieira scored.") == "Tuesday"));
    assert!(times("workers' days off were cut").is_empty());
    assert!(times("It will be the first annual fall in nine years.").is_empty());
    assert!(times("a length of five months from 3 August to 24 December 2023")
        .iter()
        .all(|e| !e.span.slice("a length of five months from 3 August to 24 December 2023").starts_with("five")));
    assert_eq!(times("shows on 14, 20 and 27 April.").len(), 1);
}

#[test]
fn a_day_that_does_not_exist_leaves_its_month() {
    range("The ceasefire was signed on February 30, 2023.", "2023-02-01", "2023-02-28", DatePrecision::Month);
    range("The raid was on 2/29/2023, officials said.", "2023-02-01", "2023-02-28", DatePrecision::Month);
    range("Protests began on 31 November.", "2023-11-01", "2023-11-30", DatePrecision::Month);
    day("Protests began on 29 February.", "2020-02-29");
}

#[test]
fn counts_before_their_direction() {
    range("Raids rose in the 3 previous weeks.", "2023-12-22", "2024-01-12", DatePrecision::Week);
    range("Talks are due in the 2 coming months.", "2024-01-13", "2024-03-12", DatePrecision::Month);
    assert!(times("Of the 3 next matches, two are away.").is_empty());
}

#[test]
fn whole_dates_in_digits_glued_to_names() {
    day("The leaked file was named casualties-2023-12-28.xlsx by the ministry.", "2023-12-28");
    day("See the archive at example.org/reports/brief-20231228.pdf for details.", "2023-12-28");
    day("Case 20231228 was opened in Kerman.", "2023-12-28");
    assert!(times("Serial 2023-12-28-4 was recalled.").is_empty());
    assert!(times("He was fined 20231399 rials.").is_empty());
}

#[test]
fn counted_weekdays_and_fifth_weekdays() {
    day("The market was bombed three Fridays ago, residents said.", "2023-12-22");
    day("The vote is two Sundays from now.", "2024-01-21");
    day("He was released on Friday the thirteen.", "2023-10-13");
    range("They meet on the fifth Sunday of February.", "2023-02-01", "2023-02-28", DatePrecision::Month);
    range("The 31st of this month", "2024-01-31", "2024-01-31", DatePrecision::Day);
    assert!(times("Markets close on Sundays.").is_empty());
}

#[test]
fn business_days_ahead_in_a_request() {
    day("Please reply in four business days.", "2024-01-18");
    assert!(times("The strike lasted in four business days.").is_empty());
}

#[test]
fn a_future_clause_takes_the_nearest_date() {
    day("The funeral will be held on Sunday.", "2024-01-14");
    day("The court will rule 3 days after February 2.", "2024-02-05");
    day("Parliament will honour the victims of January 3.", "2024-01-03");
    day("The funeral was held on Sunday.", "2024-01-07");
    day("The court ruled 3 days after February 2.", "2023-02-05");
}

#[test]
fn a_weekday_joined_to_a_counted_day_or_a_week() {
    day("Voting will end in 3 days on Tuesday.", "2024-01-16");
    day("Talks resume next week Mon, diplomats said.", "2024-01-15");
    day("The raid came two weeks ago on Friday.", "2023-12-29");
    day("Polls open Monday two weeks from now.", "2024-01-22");
    assert_eq!(times("He came on January 3 on Friday.").len(), 2);
}

#[test]
fn to_date_runs_to_the_reference_day() {
    let found = times("The floods have killed 300 people to date.");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, TimeKind::Until);
    range("Prices rose from March to date.", "2023-03-01", "2024-01-12", DatePrecision::Month);
    range("Shares fell 4% in the year to date.", "2024-01-01", "2024-01-12", DatePrecision::Day);
    assert!(times("The list is kept up to date.").is_empty());
    assert!(times("rows where the field is equal to date 5").is_empty());
}

#[test]
fn months_after_a_day_weeks_time_and_split_decades() {
    day("The truce will end two months after next Friday.", "2024-03-19");
    day("Elections are due in two weeks' time.", "2024-01-26");
    range("Growth slowed in the 1990 s.", "1990-01-01", "1999-12-31", DatePrecision::Decade);
    range("Polls closed 2/29-3/1, officials said.", "2020-02-29", "2020-03-01", DatePrecision::Day);
    let found = times("The talks ran Thursday, week 2, and after.");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[1].span.slice("The talks ran Thursday, week 2, and after."), "week 2");
}

#[test]
fn a_counted_weekday_with_its_date_and_the_previous_week() {
    day("The summit opens this Friday, January 19.", "2024-01-19");
    day("Results came last Friday 1/5, officials said.", "2024-01-05");
    day("It began last week - Tuesday, to be exact.", "2024-01-02");
}

#[test]
fn an_intent_speaks_of_the_future() {
    day("The airline plans to open the route in two weeks.", "2024-01-26");
    day("The show did not return as expected on 3 January.", "2024-01-03");
    assert!(times("Rebels took the town in two weeks.").is_empty());
}

#[test]
fn lower_case_months_where_no_verb_can_stand() {
    range("The vote could be held in may.", "2023-05-01", "2023-05-31", DatePrecision::Month);
    range("The school reopened in the april.", "2023-04-01", "2023-04-30", DatePrecision::Month);
    assert!(times("What they believe in may change.").is_empty());
}

#[test]
fn working_weeks_are_monday_to_friday() {
    range("Talks resume next working week.", "2024-01-15", "2024-01-19", DatePrecision::Week);
    range("Strikes hit this workweek.", "2024-01-08", "2024-01-12", DatePrecision::Week);
}

#[test]
fn new_year_after_before_or_after() {
    day("Prices rose 5 days before new year.", "2023-12-27");
    assert!(times("Talks will resume in the new year.").is_empty());
}

#[test]
fn range_ends_written_as_the_start_middle_or_end_of_a_period_are_days() {
    let (_, s, e, _, _) = one("Prices rose from the end of March 2023 to the middle of September 2023.");
    assert_eq!((s, e), (d("2023-04-01"), d("2023-09-15")));
    let (_, s, e, _, _) = one("The talks ran from 2019 to the start of 2021.");
    assert_eq!((s, e), (d("2019-01-01"), d("2020-12-31")));
    let (_, s, e, _, _) = one("Output fell between the middle of 2021 and the end of 2022.");
    assert_eq!((s, e), (d("2021-07-02"), d("2022-12-31")));
    // without a year: the latest March before the article, and the September after it
    let (_, s, e, _, _) = one("Rain fell from the end of March to the middle of September.");
    assert_eq!((s, e), (d("2023-04-01"), d("2023-09-15")));
    // a lone "the end of 2022" is still its last third
    range("The plant closed at the end of 2022.", "2022-09-01", "2022-12-31", DatePrecision::Season);
}

#[test]
fn fiscal_calendar_and_school_years() {
    // (text, first day, last day), all of year precision
    let years = [
        // a fiscal year named 2019 may end in January 2019 or start in April 2019
        ("Revenue fell in fiscal 2019, the company said.", "2018-02-01", "2020-03-31"),
        ("Its FY2019 results were late.", "2018-02-01", "2020-03-31"),
        ("The fy18 budget was cut.", "2017-02-01", "2019-03-31"),
        ("In the financial year 2020 it lost money.", "2019-02-01", "2021-03-31"),
        ("Sales in CY 2008 were flat.", "2008-01-01", "2008-12-31"),
        ("Sales in the cy18 rose.", "2018-01-01", "2018-12-31"),
        ("Enrolment in SY 2008 fell.", "2007-08-01", "2009-07-31"),
        // counted from the article (12 January 2024): twelve months starting on a month's first
        ("Profits rose in the last fiscal year.", "2022-02-01", "2023-12-31"),
        ("Profits rose this fiscal year.", "2023-02-01", "2024-12-31"),
        ("Profits rose in fiscal year.", "2023-02-01", "2024-12-31"),
        ("Three schools closed this school year.", "2023-08-01", "2024-07-31"),
        ("Three schools closed last academic year.", "2022-08-01", "2023-07-31"),
    ];
    for (text, start, end) in years {
        range(text, start, end, DatePrecision::Year);
    }
    // no year after it: not a date
    assert!(times("The fiscal hawks and the school board met.").is_empty());
    assert!(times("The fiscal year that ends now was hard.").is_empty());
}

#[test]
fn dates_in_uncommon_orders() {
    day("The file is dated September-2020-23.", "2020-09-23");
    day("The file is dated 23-2020-September.", "2020-09-23");
    day("The file is dated 2020/23/Sep.", "2020-09-23");
    day("On 2016 10 16, the conference started.", "2016-10-16");
    // not a date: a day that does not exist, a count after a year, a longer run of numbers
    assert!(one_or_none("Scores were 2016 13 16 in the table.").is_none_or(|s| !s.contains("13")));
    assert!(one_or_none("In 2016 10 people died.").is_some_and(|s| s == "2016"));
    assert!(one_or_none("Codes 4 2016 10 16 were used.").is_none_or(|s| !s.contains("10 16")));
}

/// The words of the one time expression in `text`, if there is one.
fn one_or_none(text: &str) -> Option<String> {
    let found = times(text);
    assert!(found.len() <= 1, "expected at most one time expression in {text:?}, got {found:?}");
    found.first().map(|e| e.span.slice(text).to_string())
}

#[test]
fn eid_from_a_table_of_years() {
    // the latest before the article (12 January 2024), or the year named
    day("Crowds prayed on Eid al-Fitr.", "2023-04-21");
    day("Crowds prayed on eid al fitr 2019.", "2019-06-04");
    day("Markets closed for Eid ul-Adha 2015.", "2015-09-24");
    day("Markets closed for Eid-al-Adha.", "2023-06-28");
    // which Eid is not said; a year outside the table is not resolved
    assert!(times("They met on Eid with family.").is_empty());
    assert!(times("Markets closed on Eid al-Fitr 1990.").is_empty());
}

#[test]
fn previous_week_without_the_is_last_week() {
    // Friday 12 January 2024: the week of 1 to 7 January, as "last week"
    range("Talks stalled previous week.", "2024-01-01", "2024-01-07", DatePrecision::Week);
    range("Talks stalled last week.", "2024-01-01", "2024-01-07", DatePrecision::Week);
    day("It happened previous week - Monday.", "2024-01-01");
    // with "the": the seven days up to the article
    let (_, s, e, _, _) = one("Talks stalled in the previous week.");
    assert_eq!((s, e), (d("2024-01-05"), d("2024-01-12")));
}

#[test]
fn a_weekday_in_the_name_of_a_day_is_no_date() {
    // a name ("Bloody Friday", "Black Sunday") says nothing of the week the article was written in
    for text in
        ["Bloody Friday was part of a campaign.", "the IRA's Bloody Friday attacks", "during Bloody Sunday in Derry"]
    {
        assert!(times(text).is_empty(), "{text}: {:?}", times(text));
    }
    // date words before a weekday still make a date, at a sentence's start too
    day("On Tuesday the market was bombed.", "2024-01-09");
    day("Last Wednesday, a car bomb went off.", "2024-01-10");
    day("Early Thursday a bomb went off.", "2024-01-11");
    day("Police said Thursday that two died.", "2024-01-11");
    day("Black Friday 2023 sales", "2023-11-24");
}
