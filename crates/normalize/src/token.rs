//! The one pass over the text: a tokenizer that cuts words, digit runs and punctuation,
//! and a lexicon that gives each word the one meaning the scanners care about.
//!
//! Words are looked up by lowering them into a fixed stack buffer and matching the bytes
//! against a `match` table that the compiler turns into a decision tree: no allocation,
//! no hashing, one comparison chain per word. Words longer than the buffer, and words with
//! non-ASCII letters, are `Lex::Other` without a lookup.

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
}

/// Lowers `word` into a stack buffer and looks it up. Non-ASCII or long words are `Other`.
pub(crate) fn lookup(word: &str) -> Lex {
    const MAX: usize = 16;
    let bytes = word.as_bytes();
    if bytes.len() > MAX || !word.is_ascii() {
        return Lex::Other;
    }
    let mut buf = [0u8; MAX];
    for (slot, b) in buf.iter_mut().zip(bytes) {
        *slot = b.to_ascii_lowercase();
    }
    classify(&buf[..bytes.len()])
}

fn classify(w: &[u8]) -> Lex {
    use Lex::*;
    let month = |m, abbr, ambiguous| Month { m, abbr, ambiguous };
    match w {
        b"january" => month(1, false, false),
        b"february" => month(2, false, false),
        b"march" => month(3, false, true),
        b"april" => month(4, false, false),
        b"may" => month(5, false, true),
        b"june" => month(6, false, false),
        b"july" => month(7, false, false),
        b"august" => month(8, false, false),
        b"september" => month(9, false, false),
        b"october" => month(10, false, false),
        b"november" => month(11, false, false),
        b"december" => month(12, false, false),
        b"jan" => month(1, true, true),
        b"feb" => month(2, true, true),
        b"mar" => month(3, true, true),
        b"apr" => month(4, true, true),
        b"jun" => month(6, true, true),
        b"jul" => month(7, true, true),
        b"aug" => month(8, true, true),
        b"sep" | b"sept" => month(9, true, true),
        b"oct" => month(10, true, true),
        b"nov" => month(11, true, true),
        b"dec" => month(12, true, true),
        b"monday" => Weekday(0),
        b"tuesday" => Weekday(1),
        b"wednesday" => Weekday(2),
        b"thursday" => Weekday(3),
        b"friday" => Weekday(4),
        b"saturday" => Weekday(5),
        b"sunday" => Weekday(6),
        b"zero" | b"nil" => Card(0),
        b"one" => Card(1),
        b"two" => Card(2),
        b"three" => Card(3),
        b"four" => Card(4),
        b"five" => Card(5),
        b"six" => Card(6),
        b"seven" => Card(7),
        b"eight" => Card(8),
        b"nine" => Card(9),
        b"ten" => Card(10),
        b"eleven" => Card(11),
        b"twelve" => Card(12),
        b"thirteen" => Card(13),
        b"fourteen" => Card(14),
        b"fifteen" => Card(15),
        b"sixteen" => Card(16),
        b"seventeen" => Card(17),
        b"eighteen" => Card(18),
        b"nineteen" => Card(19),
        b"twenty" => Card(20),
        b"thirty" => Card(30),
        b"forty" | b"fourty" => Card(40),
        b"fifty" => Card(50),
        b"sixty" => Card(60),
        b"seventy" => Card(70),
        b"eighty" => Card(80),
        b"ninety" => Card(90),
        b"first" => Ordinal(1),
        b"second" => Ordinal(2),
        b"third" => Ordinal(3),
        b"fourth" => Ordinal(4),
        b"fifth" => Ordinal(5),
        b"sixth" => Ordinal(6),
        b"seventh" => Ordinal(7),
        b"eighth" => Ordinal(8),
        b"ninth" => Ordinal(9),
        b"tenth" => Ordinal(10),
        b"eleventh" => Ordinal(11),
        b"twelfth" => Ordinal(12),
        b"thirteenth" => Ordinal(13),
        b"fourteenth" => Ordinal(14),
        b"fifteenth" => Ordinal(15),
        b"sixteenth" => Ordinal(16),
        b"seventeenth" => Ordinal(17),
        b"eighteenth" => Ordinal(18),
        b"nineteenth" => Ordinal(19),
        b"twentieth" => Ordinal(20),
        b"thirtieth" => Ordinal(30),
        b"st" | b"nd" | b"rd" | b"th" => OrdSuffix,
        b"hundred" => Scale(100),
        b"thousand" => Scale(1_000),
        b"million" => Scale(1_000_000),
        b"billion" => Scale(1_000_000_000),
        b"dozen" => Dozen,
        b"score" => Score,
        b"dozens" => Vague(self::Vague::Dozens),
        b"scores" => Vague(self::Vague::Scores),
        b"hundreds" => Vague(self::Vague::Hundreds),
        b"thousands" => Vague(self::Vague::Thousands),
        b"millions" => Vague(self::Vague::Millions),
        b"tens" => Vague(self::Vague::Tens),
        b"several" => Vague(self::Vague::Several),
        b"handful" => Vague(self::Vague::Handful),
        b"day" | b"days" => Unit(self::Unit::Day),
        b"week" | b"weeks" => Unit(self::Unit::Week),
        b"fortnight" => Unit(self::Unit::Fortnight),
        b"month" | b"months" => Unit(self::Unit::Month),
        b"year" | b"years" => Unit(self::Unit::Year),
        b"decade" | b"decades" => Unit(self::Unit::Decade),
        b"morning" | b"evening" | b"night" | b"afternoon" => Unit(self::Unit::DayPart),
        b"weekend" => Unit(self::Unit::Weekend),
        b"hour" | b"hours" => Unit(self::Unit::Hour),
        b"spring" => Season(0),
        b"summer" => Season(1),
        b"autumn" | b"fall" => Season(2),
        b"winter" => Season(3),
        b"early" => Part(self::Part::Early),
        b"mid" => Part(self::Part::Mid),
        b"late" => Part(self::Part::Late),
        b"yesterday" => DayWord(-1),
        b"today" | b"tonight" => DayWord(0),
        b"tomorrow" => DayWord(1),
        _ => match function_word(w) {
            Option::Some(f) => W(f),
            None => Other,
        },
    }
}

fn function_word(w: &[u8]) -> Option<W> {
    use W::*;
    Option::Some(match w {
        b"a" | b"an" => A,
        b"the" => The,
        b"in" => In,
        b"on" => On,
        b"at" => At,
        b"of" => Of,
        b"since" => Since,
        b"until" | b"till" | b"til" => Until,
        b"by" => By,
        b"before" | b"prior" => Before,
        b"after" | b"afterwards" | b"afterward" => After,
        b"during" | b"throughout" => During,
        b"from" => From,
        b"to" => To,
        b"through" | b"thru" => Through,
        b"and" => And,
        b"or" => Or,
        b"between" => Between,
        b"last" => Last,
        b"this" => This,
        b"next" => Next,
        b"past" => Past,
        b"previous" | b"preceding" => Previous,
        b"following" | b"subsequent" => Following,
        b"coming" | b"upcoming" => Coming,
        b"ago" => Ago,
        b"earlier" => Earlier,
        b"later" => Later,
        b"recent" => Recent,
        b"few" => Few,
        b"couple" => Couple,
        b"over" => Over,
        b"more" => More,
        b"less" => Less,
        b"fewer" => Fewer,
        b"than" => Than,
        b"least" => Least,
        b"most" => Most,
        b"up" => Up,
        b"as" => As,
        b"many" => Many,
        b"nearly" => Nearly,
        b"almost" => Almost,
        b"about" => About,
        b"around" => Around,
        b"approximately" | b"approx" | b"roughly" | b"circa" => Approx,
        b"some" => Some,
        b"estimated" => Estimated,
        b"under" | b"below" => Under,
        b"just" => Just,
        b"close" => Close,
        b"upwards" | b"upward" => Upwards,
        b"excess" => Excess,
        b"no" => No,
        b"not" => Not,
        b"beginning" | b"start" => Beginning,
        b"end" => End,
        b"middle" => Middle,
        b"percent" | b"pc" | b"percentage" => Percent,
        b"am" | b"pm" | b"gmt" | b"utc" | b"hrs" | b"bst" | b"est" | b"edt" | b"pst" => Clock,
        b"issue" | b"article" | b"chapter" | b"section" | b"verse" | b"page" | b"flight" | b"route" | b"highway"
        | b"resolution" | b"room" | b"vol" | b"volume" | b"phase" | b"grade" | b"surah" | b"sura" | b"psalm"
        | b"psalms" | b"number" | b"num" | b"channel" | b"platform" | b"gate" | b"terminal" | b"apartment"
        | b"unit" | b"block" | b"sector" | b"precinct" | b"ward" | b"district" | b"lot" | b"code" | b"version"
        | b"paragraph" | b"clause" | b"amendment" | b"item" | b"exhibit" | b"bus" | b"line" => Id,
        b"that" => That,
        b"same" => Same,
        b"any" | b"someone" | b"anyone" => Any,
        b"each" => Each,
        b"every" => Every,
        b"only" => Only,
        b"s" => S,
        b"i" | b"we" | b"you" | b"he" | b"she" | b"it" | b"they" => Pronoun,
        b"dollars" | b"dollar" | b"euros" | b"euro" | b"pounds" | b"rupees" | b"usd" | b"eur" | b"gbp" => Currency,
        _ => return None,
    })
}

/// Cuts `text` into tokens in one left-to-right pass. The only allocation is the returned vector.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut gap = true;
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        let cap = c.is_uppercase();
        let (end, kind) = if c.is_ascii_digit() {
            let (end, num) = read_number(bytes, start);
            while iter.peek().is_some_and(|&(i, _)| i < end) {
                iter.next();
            }
            (end, Kind::Num(num))
        } else if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = iter.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                end = i + d.len_utf8();
                iter.next();
            }
            (end, Kind::Word(lookup(&text[start..end])))
        } else {
            (start + c.len_utf8(), Kind::Punct(c))
        };
        out.push(Token { start, end, gap, cap, kind });
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
    if bytes.get(i) == Some(&b'.') && digit(i + 1) {
        decimal = true;
        i += 1;
        let mut scale = 0.1;
        while digit(i) {
            value += f64::from(bytes[i] - b'0') * scale;
            scale /= 10.0;
            i += 1;
        }
    }
    (i, Num { int, value, digits, grouped, decimal })
}

/// Read access to a token slice by index, where every index out of range reads as nothing.
#[derive(Clone, Copy)]
pub(crate) struct Toks<'a>(pub &'a [Token]);

impl<'a> Toks<'a> {
    pub fn len(&self) -> usize {
        self.0.len()
    }
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
