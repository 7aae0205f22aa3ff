//! The one pass over the text: a tokenizer that cuts words, digit runs and punctuation,
//! and a lexicon that gives each word the one meaning the scanners care about.
//!
//! Words are looked up by packing their lower-cased bytes (at most 16) into one `u128` and
//! probing an open-addressing hash table of the vocabulary built once (1,024 slots for about
//! 440 words, so a probe is one or two integer comparisons): no allocation per word. Longer
//! words and words with non-ASCII letters are `Lex::Other` without a lookup.

use std::sync::OnceLock;

/// One token: a byte range of the text with what it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    /// Whitespace (or the start of the text) comes right before this token.
    pub gap: bool,
    /// The first character is an uppercase letter.
    pub cap: bool,
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    Word(Lex),
    Num(Num),
    Punct(char),
}

/// A run of digits, possibly with thousands separators ("1,200") and one decimal part ("1.2").
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Num {
    /// The integer part (saturating).
    pub int: u64,
    /// The value with its decimal part.
    pub value: f64,
    /// Digits in the integer part, separators not counted.
    pub digits: u8,
    /// Written with thousands separators.
    pub grouped: bool,
    /// Written with a decimal part.
    pub decimal: bool,
    /// The digits after the decimal point as an integer, and how many there are ("13.05" → 5, 2).
    pub frac: u64,
    pub frac_digits: u8,
}

impl Num {
    pub fn is_plain(&self) -> bool {
        !self.grouped && !self.decimal
    }
}

/// What a word means to the scanners. Everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    Other,
    /// 1..=12; `abbr` for "Jan", "Sept"; `ambiguous` for words that are also common English ("may", "march").
    Month {
        m: u32,
        abbr: bool,
        ambiguous: bool,
    },
    /// 0 = Monday.
    Weekday(u32),
    /// "mon", "wed", "sat", "sun": weekdays that are also words, 0 = Monday.
    WeekdayAbbr(u32),
    /// "mondays".."sundays": counted weekdays ("two Sundays from now"), 0 = Monday.
    Weekdays(u32),
    /// zero..nineteen, twenty..ninety.
    Card(u64),
    /// first..thirty-first as single words (first..twentieth, thirtieth).
    Ordinal(u32),
    /// "st", "nd", "rd", "th" after digits.
    OrdSuffix,
    /// hundred, thousand, million, billion.
    Scale(u64),
    Dozen,
    Score,
    Vague(Vague),
    Unit(Unit),
    /// 0 spring, 1 summer, 2 autumn, 3 winter.
    Season(u32),
    Part(Part),
    /// yesterday -1, today 0, tomorrow +1.
    DayWord(i64),
    Holiday(Holiday),
    /// "seventies": the decade of the 1900s (or 2000s for "noughties") ending in this many years.
    DecadeWord(u32),
    W(W),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Vague {
    Dozens,
    Scores,
    Hundreds,
    Thousands,
    Millions,
    Tens,
    Several,
    Handful,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Fortnight,
    Month,
    Year,
    Decade,
    /// morning, evening, night, afternoon: a part of one day.
    DayPart,
    Weekend,
    Hour,
    Quarter,
}

/// Holidays with a date fixed by the Gregorian calendar (Easter by its computus), and the
/// first words of holidays named with "Day" ("Independence Day", "Labor Day").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holiday {
    Christmas,
    Easter,
    Halloween,
    /// The Persian new year, taken as 21 March.
    Nowruz,
    /// The fourth Thursday of November (United States).
    Thanksgiving,
    /// Saint Patrick's Day, 17 March ("Patrick" after "St" or "Saint").
    Patrick,
    /// Valentine's Day, 14 February.
    Valentine,
    /// Words that name a holiday only before "Day" (or "Friday" for "Black").
    Independence,
    Memorial,
    Labor,
    Mother,
    Father,
    Mlk,
    Earth,
    Veterans,
    Workers,
    Boxing,
    Black,
    /// "Eid", before "al-Fitr" or "al-Adha" (`Fitr`, `Adha`).
    Eid,
    Fitr,
    Adha,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Early,
    Mid,
    Late,
}

/// Function words that steer the scanners.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum W {
    A,
    The,
    In,
    On,
    At,
    Of,
    Since,
    Until,
    By,
    Before,
    After,
    During,
    From,
    To,
    Through,
    And,
    Or,
    Between,
    Last,
    This,
    Next,
    Past,
    Previous,
    Following,
    Coming,
    Ago,
    Earlier,
    Later,
    Recent,
    Few,
    Couple,
    Over,
    More,
    Less,
    Fewer,
    Than,
    Least,
    Most,
    Up,
    /// "date" of "to date", "till current date": the reference day.
    Date,
    /// "time" of "in two weeks' time".
    Time,
    /// "workweek": Monday to Friday.
    Workweek,
    As,
    Many,
    Nearly,
    Almost,
    About,
    Around,
    Approx,
    Some,
    Estimated,
    Under,
    Just,
    Close,
    Upwards,
    Excess,
    Equal,
    But,
    Rest,
    /// Words after a length: "1m tall", "100m sprint".
    Measure,
    Century,
    Now,
    Q,
    New,
    Eve,
    /// "k", "m", "bn" glued to digits: thousand, million, billion.
    Kilo,
    Mega,
    Giga,
    /// "mn", "mln", "bn", "bln": also apart from the digits ("10 bn").
    MegaWord,
    GigaWord,
    /// "tn", "trn", "tln": trillion, glued to the digits or apart.
    TeraWord,
    /// "half": "half a million", "one and a half million".
    Half,
    No,
    Not,
    Beginning,
    End,
    Middle,
    Percent,
    Clock,
    Id,
    That,
    Same,
    Any,
    Each,
    Every,
    Only,
    S,
    Pronoun,
    Currency,
    /// "Saint" before "Patrick".
    Saint,
    Hence,
    Future,
    /// "H1", "H2": a half of a year.
    H,
    Within,
    For,
    Calendar,
    /// "will", "shall", "'ll": the clause speaks of the future.
    Will,
    /// "please": a request, which speaks of the future too.
    Please,
    /// "plan", "intend", "want", "hope", "expects": an intent or expectation, whose object lies
    /// ahead ("plans to build it in two years"); not "expected", also a past participle ("as
    /// expected on 3 January").
    Intend,
    /// "w" of "w/c" (week commencing).
    Wc,
    /// "business", "working" before "days": weekdays.
    Business,
    /// "fiscal"; "financial", only before "year".
    Fiscal,
    Financial,
    /// "school", "academic" before "year".
    School,
    /// "FY", "CY", "SY" before a year: fiscal, calendar, school.
    Fy,
    Cy,
    Sy,
}

/// Looks a word up, ignoring ASCII case: one hash of a packed integer, no allocation.
/// Non-ASCII or long words are `Other`.
pub(crate) fn lookup(word: &str) -> Lex {
    let bytes = word.as_bytes();
    if bytes.len() > 16 || !word.is_ascii() {
        return Lex::Other;
    }
    if bytes.is_empty() {
        return Lex::Other;
    }
    let key = pack(bytes);
    let table = table();
    let mut i = slot(key);
    loop {
        match table.keys[i] {
            0 => return Lex::Other,
            k if k == key => return table.lexes[i],
            _ => i = (i + 1) & (SLOTS - 1),
        }
    }
}

/// The vocabulary: every word the scanners know, lower-case, with its meaning.
const VOCABULARY: &[(&str, Lex)] = &[
    ("january", Lex::Month { m: 1, abbr: false, ambiguous: false }),
    ("february", Lex::Month { m: 2, abbr: false, ambiguous: false }),
    ("march", Lex::Month { m: 3, abbr: false, ambiguous: true }),
    ("april", Lex::Month { m: 4, abbr: false, ambiguous: false }),
    ("may", Lex::Month { m: 5, abbr: false, ambiguous: true }),
    ("june", Lex::Month { m: 6, abbr: false, ambiguous: false }),
    ("july", Lex::Month { m: 7, abbr: false, ambiguous: false }),
    ("august", Lex::Month { m: 8, abbr: false, ambiguous: false }),
    ("september", Lex::Month { m: 9, abbr: false, ambiguous: false }),
    ("october", Lex::Month { m: 10, abbr: false, ambiguous: false }),
    ("november", Lex::Month { m: 11, abbr: false, ambiguous: false }),
    ("december", Lex::Month { m: 12, abbr: false, ambiguous: false }),
    ("jan", Lex::Month { m: 1, abbr: true, ambiguous: false }),
    ("feb", Lex::Month { m: 2, abbr: true, ambiguous: false }),
    ("mar", Lex::Month { m: 3, abbr: true, ambiguous: true }),
    ("apr", Lex::Month { m: 4, abbr: true, ambiguous: false }),
    ("jun", Lex::Month { m: 6, abbr: true, ambiguous: false }),
    ("jul", Lex::Month { m: 7, abbr: true, ambiguous: false }),
    ("aug", Lex::Month { m: 8, abbr: true, ambiguous: false }),
    ("sep", Lex::Month { m: 9, abbr: true, ambiguous: false }),
    ("sept", Lex::Month { m: 9, abbr: true, ambiguous: false }),
    ("oct", Lex::Month { m: 10, abbr: true, ambiguous: false }),
    ("nov", Lex::Month { m: 11, abbr: true, ambiguous: false }),
    ("dec", Lex::Month { m: 12, abbr: true, ambiguous: false }),
    ("monday", Lex::Weekday(0)),
    ("tuesday", Lex::Weekday(1)),
    ("wednesday", Lex::Weekday(2)),
    ("thursday", Lex::Weekday(3)),
    ("friday", Lex::Weekday(4)),
    ("saturday", Lex::Weekday(5)),
    ("sunday", Lex::Weekday(6)),
    ("mondays", Lex::Weekdays(0)),
    ("tuesdays", Lex::Weekdays(1)),
    ("wednesdays", Lex::Weekdays(2)),
    ("thursdays", Lex::Weekdays(3)),
    ("fridays", Lex::Weekdays(4)),
    ("saturdays", Lex::Weekdays(5)),
    ("sundays", Lex::Weekdays(6)),
    ("tues", Lex::Weekday(1)),
    ("tue", Lex::Weekday(1)),
    ("weds", Lex::Weekday(2)),
    ("thur", Lex::Weekday(3)),
    ("thurs", Lex::Weekday(3)),
    ("thu", Lex::Weekday(3)),
    ("fri", Lex::Weekday(4)),
    ("mon", Lex::WeekdayAbbr(0)),
    ("wed", Lex::WeekdayAbbr(2)),
    ("sat", Lex::WeekdayAbbr(5)),
    ("sun", Lex::WeekdayAbbr(6)),
    ("now", Lex::W(W::Now)),
    ("quarter", Lex::Unit(Unit::Quarter)),
    ("quarters", Lex::Unit(Unit::Quarter)),
    ("q", Lex::W(W::Q)),
    ("new", Lex::W(W::New)),
    ("eve", Lex::W(W::Eve)),
    ("christmas", Lex::Holiday(Holiday::Christmas)),
    ("xmas", Lex::Holiday(Holiday::Christmas)),
    ("easter", Lex::Holiday(Holiday::Easter)),
    ("halloween", Lex::Holiday(Holiday::Halloween)),
    ("eid", Lex::Holiday(Holiday::Eid)),
    ("fitr", Lex::Holiday(Holiday::Fitr)),
    ("adha", Lex::Holiday(Holiday::Adha)),
    ("nowruz", Lex::Holiday(Holiday::Nowruz)),
    ("thanksgiving", Lex::Holiday(Holiday::Thanksgiving)),
    ("patrick", Lex::Holiday(Holiday::Patrick)),
    ("patricks", Lex::Holiday(Holiday::Patrick)),
    ("valentine", Lex::Holiday(Holiday::Valentine)),
    ("valentines", Lex::Holiday(Holiday::Valentine)),
    ("independence", Lex::Holiday(Holiday::Independence)),
    ("memorial", Lex::Holiday(Holiday::Memorial)),
    ("labor", Lex::Holiday(Holiday::Labor)),
    ("labour", Lex::Holiday(Holiday::Labor)),
    ("mother", Lex::Holiday(Holiday::Mother)),
    ("mothers", Lex::Holiday(Holiday::Mother)),
    ("father", Lex::Holiday(Holiday::Father)),
    ("fathers", Lex::Holiday(Holiday::Father)),
    ("mlk", Lex::Holiday(Holiday::Mlk)),
    ("earth", Lex::Holiday(Holiday::Earth)),
    ("veterans", Lex::Holiday(Holiday::Veterans)),
    ("veteran", Lex::Holiday(Holiday::Veterans)),
    ("workers", Lex::Holiday(Holiday::Workers)),
    ("boxing", Lex::Holiday(Holiday::Boxing)),
    ("black", Lex::Holiday(Holiday::Black)),
    ("saint", Lex::W(W::Saint)),
    ("tmrw", Lex::DayWord(1)),
    ("tmr", Lex::DayWord(1)),
    ("hence", Lex::W(W::Hence)),
    ("future", Lex::W(W::Future)),
    ("starting", Lex::W(W::Beginning)),
    ("beginning", Lex::W(W::Beginning)),
    ("commencing", Lex::W(W::Beginning)),
    ("h", Lex::W(W::H)),
    ("within", Lex::W(W::Within)),
    ("for", Lex::W(W::For)),
    ("calendar", Lex::W(W::Calendar)),
    ("fiscal", Lex::W(W::Fiscal)),
    ("financial", Lex::W(W::Financial)),
    ("school", Lex::W(W::School)),
    ("academic", Lex::W(W::School)),
    ("fy", Lex::W(W::Fy)),
    ("cy", Lex::W(W::Cy)),
    ("sy", Lex::W(W::Sy)),
    ("will", Lex::W(W::Will)),
    ("w", Lex::W(W::Wc)),
    ("business", Lex::W(W::Business)),
    ("working", Lex::W(W::Business)),
    ("shall", Lex::W(W::Will)),
    ("ll", Lex::W(W::Will)),
    ("please", Lex::W(W::Please)),
    ("plan", Lex::W(W::Intend)),
    ("plans", Lex::W(W::Intend)),
    ("intend", Lex::W(W::Intend)),
    ("intends", Lex::W(W::Intend)),
    ("want", Lex::W(W::Intend)),
    ("wants", Lex::W(W::Intend)),
    ("hope", Lex::W(W::Intend)),
    ("hopes", Lex::W(W::Intend)),
    ("expects", Lex::W(W::Intend)),
    ("norouz", Lex::Holiday(Holiday::Nowruz)),
    ("nowrouz", Lex::Holiday(Holiday::Nowruz)),
    ("zero", Lex::Card(0)),
    ("nil", Lex::Card(0)),
    ("one", Lex::Card(1)),
    ("two", Lex::Card(2)),
    ("three", Lex::Card(3)),
    ("four", Lex::Card(4)),
    ("five", Lex::Card(5)),
    ("six", Lex::Card(6)),
    ("seven", Lex::Card(7)),
    ("eight", Lex::Card(8)),
    ("nine", Lex::Card(9)),
    ("ten", Lex::Card(10)),
    ("eleven", Lex::Card(11)),
    ("twelve", Lex::Card(12)),
    ("thirteen", Lex::Card(13)),
    ("fourteen", Lex::Card(14)),
    ("fifteen", Lex::Card(15)),
    ("sixteen", Lex::Card(16)),
    ("seventeen", Lex::Card(17)),
    ("eighteen", Lex::Card(18)),
    ("nineteen", Lex::Card(19)),
    ("twenty", Lex::Card(20)),
    ("thirty", Lex::Card(30)),
    ("forty", Lex::Card(40)),
    ("fourty", Lex::Card(40)),
    ("fifty", Lex::Card(50)),
    ("sixty", Lex::Card(60)),
    ("seventy", Lex::Card(70)),
    ("eighty", Lex::Card(80)),
    ("ninety", Lex::Card(90)),
    ("first", Lex::Ordinal(1)),
    ("second", Lex::Ordinal(2)),
    ("third", Lex::Ordinal(3)),
    ("fourth", Lex::Ordinal(4)),
    ("fifth", Lex::Ordinal(5)),
    ("sixth", Lex::Ordinal(6)),
    ("seventh", Lex::Ordinal(7)),
    ("eighth", Lex::Ordinal(8)),
    ("ninth", Lex::Ordinal(9)),
    ("tenth", Lex::Ordinal(10)),
    ("eleventh", Lex::Ordinal(11)),
    ("twelfth", Lex::Ordinal(12)),
    ("thirteenth", Lex::Ordinal(13)),
    ("fourteenth", Lex::Ordinal(14)),
    ("fifteenth", Lex::Ordinal(15)),
    ("sixteenth", Lex::Ordinal(16)),
    ("seventeenth", Lex::Ordinal(17)),
    ("eighteenth", Lex::Ordinal(18)),
    ("nineteenth", Lex::Ordinal(19)),
    ("twentieth", Lex::Ordinal(20)),
    ("thirtieth", Lex::Ordinal(30)),
    ("st", Lex::OrdSuffix),
    ("nd", Lex::OrdSuffix),
    ("rd", Lex::OrdSuffix),
    ("th", Lex::OrdSuffix),
    ("hundred", Lex::Scale(100)),
    ("thousand", Lex::Scale(1_000)),
    ("million", Lex::Scale(1_000_000)),
    ("billion", Lex::Scale(1_000_000_000)),
    ("dozen", Lex::Dozen),
    ("score", Lex::Score),
    ("dozens", Lex::Vague(Vague::Dozens)),
    ("scores", Lex::Vague(Vague::Scores)),
    ("hundreds", Lex::Vague(Vague::Hundreds)),
    ("thousands", Lex::Vague(Vague::Thousands)),
    ("millions", Lex::Vague(Vague::Millions)),
    ("tens", Lex::Vague(Vague::Tens)),
    ("several", Lex::Vague(Vague::Several)),
    ("handful", Lex::Vague(Vague::Handful)),
    ("day", Lex::Unit(Unit::Day)),
    ("days", Lex::Unit(Unit::Day)),
    ("week", Lex::Unit(Unit::Week)),
    ("weeks", Lex::Unit(Unit::Week)),
    ("fortnight", Lex::Unit(Unit::Fortnight)),
    ("month", Lex::Unit(Unit::Month)),
    ("months", Lex::Unit(Unit::Month)),
    ("year", Lex::Unit(Unit::Year)),
    ("years", Lex::Unit(Unit::Year)),
    ("decade", Lex::Unit(Unit::Decade)),
    ("decades", Lex::Unit(Unit::Decade)),
    ("morning", Lex::Unit(Unit::DayPart)),
    ("evening", Lex::Unit(Unit::DayPart)),
    ("night", Lex::Unit(Unit::DayPart)),
    ("afternoon", Lex::Unit(Unit::DayPart)),
    ("weekend", Lex::Unit(Unit::Weekend)),
    ("hour", Lex::Unit(Unit::Hour)),
    ("hours", Lex::Unit(Unit::Hour)),
    ("spring", Lex::Season(0)),
    ("summer", Lex::Season(1)),
    ("autumn", Lex::Season(2)),
    ("fall", Lex::Season(2)),
    ("winter", Lex::Season(3)),
    ("early", Lex::Part(Part::Early)),
    ("mid", Lex::Part(Part::Mid)),
    ("late", Lex::Part(Part::Late)),
    ("yesterday", Lex::DayWord(-1)),
    ("today", Lex::DayWord(0)),
    ("tonight", Lex::DayWord(0)),
    ("tomorrow", Lex::DayWord(1)),
    ("a", Lex::W(W::A)),
    ("an", Lex::W(W::A)),
    ("the", Lex::W(W::The)),
    ("in", Lex::W(W::In)),
    ("on", Lex::W(W::On)),
    ("at", Lex::W(W::At)),
    ("of", Lex::W(W::Of)),
    ("since", Lex::W(W::Since)),
    ("until", Lex::W(W::Until)),
    ("till", Lex::W(W::Until)),
    ("til", Lex::W(W::Until)),
    ("by", Lex::W(W::By)),
    ("before", Lex::W(W::Before)),
    ("prior", Lex::W(W::Before)),
    ("after", Lex::W(W::After)),
    ("afterwards", Lex::W(W::After)),
    ("afterward", Lex::W(W::After)),
    ("during", Lex::W(W::During)),
    ("throughout", Lex::W(W::During)),
    ("from", Lex::W(W::From)),
    ("to", Lex::W(W::To)),
    ("through", Lex::W(W::Through)),
    ("thru", Lex::W(W::Through)),
    ("and", Lex::W(W::And)),
    ("or", Lex::W(W::Or)),
    ("between", Lex::W(W::Between)),
    ("last", Lex::W(W::Last)),
    ("this", Lex::W(W::This)),
    ("next", Lex::W(W::Next)),
    ("past", Lex::W(W::Past)),
    ("previous", Lex::W(W::Previous)),
    ("preceding", Lex::W(W::Previous)),
    ("following", Lex::W(W::Following)),
    ("subsequent", Lex::W(W::Following)),
    ("coming", Lex::W(W::Coming)),
    ("upcoming", Lex::W(W::Coming)),
    ("ago", Lex::W(W::Ago)),
    ("earlier", Lex::W(W::Earlier)),
    ("later", Lex::W(W::Later)),
    ("recent", Lex::W(W::Recent)),
    ("few", Lex::W(W::Few)),
    ("couple", Lex::W(W::Couple)),
    ("over", Lex::W(W::Over)),
    ("more", Lex::W(W::More)),
    ("greater", Lex::W(W::More)),
    ("larger", Lex::W(W::More)),
    ("bigger", Lex::W(W::More)),
    ("higher", Lex::W(W::More)),
    ("smaller", Lex::W(W::Less)),
    ("lower", Lex::W(W::Less)),
    ("above", Lex::W(W::Over)),
    ("exceed", Lex::W(W::Over)),
    ("exceeds", Lex::W(W::Over)),
    ("exceeding", Lex::W(W::Over)),
    ("surpass", Lex::W(W::Over)),
    ("surpassing", Lex::W(W::Over)),
    ("equal", Lex::W(W::Equal)),
    ("equals", Lex::W(W::Equal)),
    ("equaling", Lex::W(W::Equal)),
    ("equalling", Lex::W(W::Equal)),
    ("trillion", Lex::Scale(1_000_000_000_000)),
    ("lakh", Lex::Scale(100_000)),
    ("rest", Lex::W(W::Rest)),
    ("tall", Lex::W(W::Measure)),
    ("high", Lex::W(W::Measure)),
    ("wide", Lex::W(W::Measure)),
    ("long", Lex::W(W::Measure)),
    ("deep", Lex::W(W::Measure)),
    ("away", Lex::W(W::Measure)),
    ("sprint", Lex::W(W::Measure)),
    ("hurdles", Lex::W(W::Measure)),
    ("freestyle", Lex::W(W::Measure)),
    ("remainder", Lex::W(W::Rest)),
    ("current", Lex::W(W::This)),
    ("century", Lex::W(W::Century)),
    ("twenties", Lex::DecadeWord(20)),
    ("thirties", Lex::DecadeWord(30)),
    ("forties", Lex::DecadeWord(40)),
    ("fifties", Lex::DecadeWord(50)),
    ("sixties", Lex::DecadeWord(60)),
    ("seventies", Lex::DecadeWord(70)),
    ("eighties", Lex::DecadeWord(80)),
    ("nineties", Lex::DecadeWord(90)),
    ("noughties", Lex::DecadeWord(0)),
    ("lakhs", Lex::Scale(100_000)),
    ("crore", Lex::Scale(10_000_000)),
    ("crores", Lex::Scale(10_000_000)),
    ("mln", Lex::W(W::MegaWord)),
    ("nought", Lex::Card(0)),
    ("naught", Lex::Card(0)),
    ("which", Lex::W(W::That)),
    ("but", Lex::W(W::But)),
    ("k", Lex::W(W::Kilo)),
    ("m", Lex::W(W::Mega)),
    ("mn", Lex::W(W::MegaWord)),
    ("mil", Lex::W(W::Mega)),
    ("mm", Lex::W(W::Mega)),
    ("bn", Lex::W(W::GigaWord)),
    ("b", Lex::W(W::Giga)),
    ("bln", Lex::W(W::GigaWord)),
    ("tn", Lex::W(W::TeraWord)),
    ("trn", Lex::W(W::TeraWord)),
    ("tln", Lex::W(W::TeraWord)),
    ("half", Lex::W(W::Half)),
    ("dz", Lex::Dozen),
    ("dzs", Lex::Dozen),
    ("doz", Lex::Dozen),
    ("dozs", Lex::Dozen),
    ("less", Lex::W(W::Less)),
    ("fewer", Lex::W(W::Fewer)),
    ("than", Lex::W(W::Than)),
    ("least", Lex::W(W::Least)),
    ("most", Lex::W(W::Most)),
    ("up", Lex::W(W::Up)),
    ("date", Lex::W(W::Date)),
    ("time", Lex::W(W::Time)),
    ("workweek", Lex::W(W::Workweek)),
    ("as", Lex::W(W::As)),
    ("many", Lex::W(W::Many)),
    ("nearly", Lex::W(W::Nearly)),
    ("almost", Lex::W(W::Almost)),
    ("about", Lex::W(W::About)),
    ("around", Lex::W(W::Around)),
    ("approximately", Lex::W(W::Approx)),
    ("approx", Lex::W(W::Approx)),
    ("roughly", Lex::W(W::Approx)),
    ("circa", Lex::W(W::Approx)),
    ("some", Lex::W(W::Some)),
    ("estimated", Lex::W(W::Estimated)),
    ("under", Lex::W(W::Under)),
    ("below", Lex::W(W::Under)),
    ("just", Lex::W(W::Just)),
    ("close", Lex::W(W::Close)),
    ("upwards", Lex::W(W::Upwards)),
    ("upward", Lex::W(W::Upwards)),
    ("excess", Lex::W(W::Excess)),
    ("no", Lex::W(W::No)),
    ("not", Lex::W(W::Not)),
    ("start", Lex::W(W::Beginning)),
    ("end", Lex::W(W::End)),
    ("middle", Lex::W(W::Middle)),
    ("percent", Lex::W(W::Percent)),
    ("pc", Lex::W(W::Percent)),
    ("percentage", Lex::W(W::Percent)),
    ("am", Lex::W(W::Clock)),
    ("pm", Lex::W(W::Clock)),
    ("gmt", Lex::W(W::Clock)),
    ("utc", Lex::W(W::Clock)),
    ("hrs", Lex::W(W::Clock)),
    ("bst", Lex::W(W::Clock)),
    ("est", Lex::W(W::Clock)),
    ("edt", Lex::W(W::Clock)),
    ("pst", Lex::W(W::Clock)),
    ("issue", Lex::W(W::Id)),
    ("article", Lex::W(W::Id)),
    ("chapter", Lex::W(W::Id)),
    ("section", Lex::W(W::Id)),
    ("verse", Lex::W(W::Id)),
    ("page", Lex::W(W::Id)),
    ("flight", Lex::W(W::Id)),
    ("route", Lex::W(W::Id)),
    ("highway", Lex::W(W::Id)),
    ("resolution", Lex::W(W::Id)),
    ("room", Lex::W(W::Id)),
    ("vol", Lex::W(W::Id)),
    ("volume", Lex::W(W::Id)),
    ("phase", Lex::W(W::Id)),
    ("grade", Lex::W(W::Id)),
    ("surah", Lex::W(W::Id)),
    ("sura", Lex::W(W::Id)),
    ("psalm", Lex::W(W::Id)),
    ("psalms", Lex::W(W::Id)),
    ("number", Lex::W(W::Id)),
    ("num", Lex::W(W::Id)),
    ("channel", Lex::W(W::Id)),
    ("platform", Lex::W(W::Id)),
    ("gate", Lex::W(W::Id)),
    ("terminal", Lex::W(W::Id)),
    ("apartment", Lex::W(W::Id)),
    ("unit", Lex::W(W::Id)),
    ("block", Lex::W(W::Id)),
    ("sector", Lex::W(W::Id)),
    ("precinct", Lex::W(W::Id)),
    ("ward", Lex::W(W::Id)),
    ("district", Lex::W(W::Id)),
    ("lot", Lex::W(W::Id)),
    ("code", Lex::W(W::Id)),
    ("version", Lex::W(W::Id)),
    ("paragraph", Lex::W(W::Id)),
    ("clause", Lex::W(W::Id)),
    ("amendment", Lex::W(W::Id)),
    ("item", Lex::W(W::Id)),
    ("exhibit", Lex::W(W::Id)),
    ("bus", Lex::W(W::Id)),
    ("line", Lex::W(W::Id)),
    ("that", Lex::W(W::That)),
    ("same", Lex::W(W::Same)),
    ("any", Lex::W(W::Any)),
    ("someone", Lex::W(W::Any)),
    ("anyone", Lex::W(W::Any)),
    ("each", Lex::W(W::Each)),
    ("every", Lex::W(W::Every)),
    ("only", Lex::W(W::Only)),
    ("s", Lex::W(W::S)),
    ("i", Lex::W(W::Pronoun)),
    ("we", Lex::W(W::Pronoun)),
    ("you", Lex::W(W::Pronoun)),
    ("he", Lex::W(W::Pronoun)),
    ("she", Lex::W(W::Pronoun)),
    ("it", Lex::W(W::Pronoun)),
    ("they", Lex::W(W::Pronoun)),
    ("dollars", Lex::W(W::Currency)),
    ("dollar", Lex::W(W::Currency)),
    ("euros", Lex::W(W::Currency)),
    ("euro", Lex::W(W::Currency)),
    ("pounds", Lex::W(W::Currency)),
    ("rupees", Lex::W(W::Currency)),
    ("usd", Lex::W(W::Currency)),
    ("eur", Lex::W(W::Currency)),
    ("gbp", Lex::W(W::Currency)),
];

/// A word of up to 16 ASCII bytes packed into one integer, so that lookups compare integers.
fn pack(bytes: &[u8]) -> u128 {
    let mut key = 0u128;
    for &b in bytes {
        key = (key << 8) | u128::from(b.to_ascii_lowercase());
    }
    key
}

/// Slots of the vocabulary's hash table: a power of two, about three times the vocabulary, so
/// that the keys (16 KiB) stay in the first-level cache.
const SLOTS: usize = 1024;

fn slot(key: u128) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize & (SLOTS - 1)
}

/// The vocabulary as an open-addressing hash table: packed words (0 marks an empty slot; no
/// word packs to 0) and, beside them, their meanings. Built once.
struct Table {
    keys: Vec<u128>,
    lexes: Vec<Lex>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table { keys: vec![0; SLOTS], lexes: vec![Lex::Other; SLOTS] };
        for (word, lex) in VOCABULARY {
            let key = pack(word.as_bytes());
            let mut i = slot(key);
            while t.keys[i] != 0 {
                i = (i + 1) & (SLOTS - 1);
            }
            t.keys[i] = key;
            t.lexes[i] = *lex;
        }
        t
    })
}

/// Cuts `text` into tokens in one left-to-right pass. The only allocation is the returned vector.
/// ASCII bytes are classified directly; other characters are decoded one at a time.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let mut gap = true;
    let mut i = 0;
    let char_at = |i: usize| text.get(i..).and_then(|s| s.chars().next());
    while i < bytes.len() {
        let b = bytes[i];
        let (c, width) = if b < 0x80 {
            (b as char, 1)
        } else {
            match char_at(i) {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        if c.is_whitespace() {
            gap = true;
            i += width;
            continue;
        }
        let start = i;
        let cap = c.is_uppercase();
        let kind = if b.is_ascii_digit() {
            let (end, num) = read_number(bytes, start);
            i = end;
            Kind::Num(num)
        } else if c.is_alphabetic() {
            i += width;
            while i < bytes.len() {
                let b = bytes[i];
                if b < 0x80 {
                    if !b.is_ascii_alphabetic() {
                        break;
                    }
                    i += 1;
                } else {
                    match char_at(i) {
                        Some(d) if d.is_alphabetic() => i += d.len_utf8(),
                        _ => break,
                    }
                }
            }
            Kind::Word(lookup(&text[start..i]))
        } else {
            i += width;
            Kind::Punct(c)
        };
        out.push(Token { start, end: i, gap, cap, kind });
        gap = false;
    }
    out
}

/// Reads digits from `start` (an ASCII digit): groups of three after commas, one decimal part.
fn read_number(bytes: &[u8], start: usize) -> (usize, Num) {
    let digit = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_digit());
    let mut i = start;
    let mut int: u64 = 0;
    let mut digits: u8 = 0;
    let mut grouped = false;
    let mut lead = 0usize;
    while digit(i) {
        int = int.saturating_mul(10).saturating_add(u64::from(bytes[i] - b'0'));
        digits = digits.saturating_add(1);
        lead += 1;
        i += 1;
    }
    // Thousands separators: ",ddd" not followed by another digit, after a first group of 1-3 digits.
    if lead <= 3 {
        while bytes.get(i) == Some(&b',') && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4) {
            for k in 1..=3 {
                int = int.saturating_mul(10).saturating_add(u64::from(bytes[i + k] - b'0'));
            }
            digits = digits.saturating_add(3);
            grouped = true;
            i += 4;
        }
    }
    let mut value = int as f64;
    let mut decimal = false;
    let (mut frac, mut frac_digits) = (0u64, 0u8);
    if bytes.get(i) == Some(&b'.') && digit(i + 1) {
        decimal = true;
        i += 1;
        let mut scale = 0.1;
        while digit(i) {
            value += f64::from(bytes[i] - b'0') * scale;
            frac = frac.saturating_mul(10).saturating_add(u64::from(bytes[i] - b'0'));
            frac_digits = frac_digits.saturating_add(1);
            scale /= 10.0;
            i += 1;
        }
    }
    (i, Num { int, value, digits, grouped, decimal, frac, frac_digits })
}

/// Read access to a token slice by index, where every index out of range reads as nothing.
#[derive(Clone, Copy)]
pub(crate) struct Toks<'a>(pub &'a [Token]);

impl<'a> Toks<'a> {
    pub fn get(&self, i: usize) -> Option<&'a Token> {
        self.0.get(i)
    }
    pub fn lex(&self, i: usize) -> Lex {
        match self.0.get(i) {
            Some(Token { kind: Kind::Word(l), .. }) => *l,
            _ => Lex::Other,
        }
    }
    pub fn w(&self, i: usize) -> Option<W> {
        match self.lex(i) {
            Lex::W(w) => Some(w),
            _ => None,
        }
    }
    pub fn is_w(&self, i: usize, w: W) -> bool {
        self.w(i) == Some(w)
    }
    pub fn num(&self, i: usize) -> Option<Num> {
        match self.0.get(i) {
            Some(Token { kind: Kind::Num(n), .. }) => Some(*n),
            _ => None,
        }
    }
    pub fn is_word(&self, i: usize) -> bool {
        matches!(self.0.get(i), Some(Token { kind: Kind::Word(_), .. }))
    }
    pub fn punct(&self, i: usize, c: char) -> bool {
        matches!(self.0.get(i), Some(Token { kind: Kind::Punct(p), .. }) if *p == c)
    }
    pub fn is_dash(&self, i: usize) -> bool {
        matches!(self.0.get(i), Some(Token { kind: Kind::Punct('-' | '–' | '—' | '‐' | '‑'), .. }))
    }
    /// Token `i` exists and touches the token before it (no whitespace between).
    pub fn tight(&self, i: usize) -> bool {
        self.0.get(i).is_some_and(|t| !t.gap)
    }
    pub fn cap(&self, i: usize) -> bool {
        self.0.get(i).is_some_and(|t| t.cap)
    }
    /// The token before `i`, if any.
    pub fn prev(&self, i: usize) -> Option<usize> {
        i.checked_sub(1)
    }
    pub fn prev_lex(&self, i: usize) -> Lex {
        self.prev(i).map_or(Lex::Other, |p| self.lex(p))
    }
}
