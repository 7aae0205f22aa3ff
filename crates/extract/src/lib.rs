//! Extract: reads the events one article reports — each as an `EventFrame` with its type,
//! status, date, place, perpetrators, casualties and attackers, every value with the span and
//! sentence it was read from.
//!
//! Not for: reading other articles (fusion across sources is `annalist-fuse`), normalising
//! dates or numbers (`annalist-normalize`), or knowing places and actors (`annalist-knowledge`);
//! this crate only ties their mentions to events. It is a pure function of one `Article`.
//!
//! How it reads an article:
//! 1. Mentions over the whole text, one pass each: triggers (an Aho–Corasick automaton over the
//!    lexicon in `lexicon.rs`; a violent verb that names an attack only with an armed agent as
//!    its subject, "gunmen killed four", is kept only with one: `agents.rs`; a bomber named by
//!    a place, "the Boston Marathon bomber", names the bombing there where the sentence tells of
//!    it no other way), time expressions anchored on the article's date (or, when the article
//!    has none, on the latest full date it states), quantities, places and actors.
//! 2. One raw frame per trigger; each argument mention of a sentence goes to the nearest trigger
//!    of that sentence, under cue rules and trained decisions: which count phrase ("two
//!    soldiers", "a civilian") is a death toll, an injury toll or neither is the toll model's
//!    (`tolls.rs`, counts of several groups of one phrase summed), an actor is a perpetrator only with a claim, blame, agent
//!    or subject cue, a place is not a location after "from" or "based in" (nor where people
//!    "had lived", the wounded were "taken to" or a speaker sits: "said an official in the
//!    ministry in Kabul"), a date after "since" bounds something else and one after a release
//!    or a sentence ("freed in June 1977") dates that. An event named in a phrase of what
//!    someone is charged with ("Abaaoud, suspected of organising the attacks, died in a raid in
//!    Saint-Denis on Wednesday") takes no date or place from the clause around it, nor does what
//!    a purchase was for from the purchase ("bought timers in Leeds to detonate the bombs"). A
//!    plural trigger with several dates ("attacks in October 2022 and August 2023") becomes one
//!    frame per date; a sentence that tells of a pattern through plural triggers alone
//!    ("multiple bombs have been a hallmark of militants in recent years") makes no frame it
//!    does not date by a time of its own.
//!    The main event's perpetrators are also read from the whole text by the perpetrator
//!    model (`perpetrators.rs`): which armed group named is the one that did it ("Al-Shabaab
//!    claimed responsibility for the incident", "sources attributed the attack to ...").
//! 3. Status from cues before the trigger: foiled, planned/threatened ("planning to detonate"),
//!    negated.
//! 4. Within-article coreference: frames that share a place or date and agree in type merge
//!    (and so do two nearby triggers of one sentence that share out its date and place: "gunmen
//!    and suicide bombers attacked", and a definite mention later in a sentence, "the April 15
//!    attack", with the event the sentence told of before it); frames with neither (anaphoric
//!    "the attack") join the article's main event when they agree with it. The main event is
//!    one the text does not set as background ("on high alert since the attacks of 2015", "a
//!    previous bombing", a gunfight "two days after the bombing", what came "days later" or
//!    "was later used", a trend "in recent years", what the story's event "came hours after",
//!    an event dated more than a year before the article), then the one mentioned most,
//!    counting the bare mentions that can be it; where only background events have arguments,
//!    the one another is set after ("the attack came hours after another bomb"), else the kind
//!    the text names bare ("lost a leg in the bombing"). Background events keep their own
//!    dates.
//!
//! Cost: automata are built once (`Extractor::builtin`); per article, one scan per mention
//! kind and work linear in mentions × triggers within a sentence.

mod agents;
mod attackers;
mod attribution;
mod claimants;
mod forces;
pub mod learn;
mod lexicon;
mod names;
mod narrative;
mod parties;
pub mod perpetrators;
mod proceedings;
pub mod relevance;
mod senses;
mod telling;
pub mod tolls;
pub mod types;

use aho_corasick::AhoCorasick;
use annalist_knowledge::{ActorBase, ActorKind, ActorMatch, Gazetteer, PlaceMatch, PlaceRole};
use annalist_model::{
    Article, Attribution, AttributionRelation, AttributionStatus, CountRange, DateInterval, DatePrecision, EventFrame,
    EventStatus, EventType, Evidenced, Mention, MentionKind, Perpetrator, Place, PlaceKind, Relevance, Span, Target,
    Telling, Weapon,
};
use annalist_normalize::{find_quantities, find_times, Quantity, TimeExpression, TimeKind, TimeOptions, TimeValue};
use chrono::{Duration, NaiveDate};
use lexicon::*;
use narrative::RETROSPECTIVE_DAYS;
use std::sync::OnceLock;
use tolls::TollRole;

/// The extractor with its automata and knowledge, built once and shared by all threads.
pub struct Extractor {
    triggers: AhoCorasick,
    weapons: AhoCorasick,
    targets: AhoCorasick,
    gazetteer: &'static Gazetteer,
    actors: &'static ActorBase,
    time_options: TimeOptions,
}

impl Extractor {
    /// The extractor over the built-in lexicon, gazetteer and actor base.
    pub fn builtin() -> &'static Extractor {
        static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
        EXTRACTOR.get_or_init(|| {
            let patterns: Vec<&str> = TRIGGERS
                .iter()
                .map(|(p, _)| *p)
                .chain(AGENT_TRIGGERS.iter().map(|(p, _, _)| *p))
                .chain(OBJECT_TRIGGERS.iter().map(|(p, _, _)| *p))
                .collect();
            let weapons: Vec<&str> = WEAPON_WORDS.iter().map(|(p, _)| *p).collect();
            let targets: Vec<&str> = TARGET_WORDS.iter().map(|(p, _)| *p).collect();
            Extractor {
                triggers: automaton(&patterns),
                weapons: automaton(&weapons),
                targets: automaton(&targets),
                gazetteer: Gazetteer::builtin(),
                actors: ActorBase::builtin(),
                time_options: TimeOptions { day_first: false },
            }
        })
    }

    /// Every typed mention of the article (triggers, times, quantities, places, actors).
    pub fn mentions(&self, article: &Article) -> Vec<Mention> {
        if let Some(view) = reading_view(article) {
            return self.mentions(&view);
        }
        let m = self.scan(article, self.find_triggers(&article.text));
        let mut out = Vec::new();
        for t in &m.triggers {
            out.push(Mention { span: t.span, kind: MentionKind::Trigger { event_type: t.sense.event_type } });
        }
        for t in &m.times {
            if let TimeValue::Interval(interval) = t.value {
                out.push(Mention { span: t.span, kind: MentionKind::Time { interval } });
            }
        }
        for q in &m.quantities {
            out.push(Mention { span: q.span, kind: MentionKind::Quantity { count: q.count } });
        }
        for p in &m.places {
            out.push(Mention { span: p.span, kind: MentionKind::Place { place: p.place.clone() } });
        }
        for a in &m.actors {
            out.push(Mention { span: a.span, kind: MentionKind::Actor { name: a.name.clone() } });
        }
        out.sort_by_key(|m| (m.span.start, m.span.end));
        out
    }

    /// The events the article reports, one frame per event: none where the document decision
    /// says it reports no incident (`Extractor::read`).
    pub fn frames(&self, article: &Article) -> Vec<EventFrame> {
        self.read(article).1
    }

    /// The document decision (does the article report a violent incident, arrest or plot at
    /// all? `relevance.rs`) and, where it does, the events it reports.
    pub fn read(&self, article: &Article) -> (Relevance, Vec<EventFrame>) {
        let (triggers, frames) = self.triggers_and_frames(article, true);
        let mut relevance =
            relevance::decide(relevance::model(), self.relevance_features_of(article, &triggers, &frames).ids());
        relevance.reported |= leads_with_a_toll(article, &frames);
        if relevance.reported || !relevance::gating() {
            (relevance, frames)
        } else {
            (relevance, Vec::new())
        }
    }

    /// The features the relevance model decides on: what the `train_extract` example learns from.
    pub fn relevance_features(&self, article: &Article) -> learn::Features {
        let (triggers, frames) = self.triggers_and_frames(article, true);
        self.relevance_features_of(article, &triggers, &frames)
    }

    fn relevance_features_of(
        &self,
        article: &Article,
        triggers: &[(Span, EventType)],
        frames: &[EventFrame],
    ) -> learn::Features {
        let mut out = learn::Features::new();
        match reading_view(article) {
            Some(view) => relevance::features(&view, triggers, frames, &mut out),
            None => relevance::features(article, triggers, frames, &mut out),
        }
        out
    }

    /// The events of an article whatever the document decision says.
    #[cfg(test)]
    fn event_frames(&self, article: &Article) -> Vec<EventFrame> {
        self.triggers_and_frames(article, true).1
    }

    /// The frames the type model decides on, each with its features (its type still the
    /// lexicon's): what the `train_extract` example learns from.
    pub fn type_candidates(&self, article: &Article) -> Vec<(EventFrame, learn::Features)> {
        let frames = self.triggers_and_frames(article, false).1;
        let view = reading_view(article);
        let read = view.as_ref().unwrap_or(article);
        (0..frames.len())
            .filter(|&i| types::decides(frames[i].event_type))
            .map(|i| {
                let mut features = learn::Features::new();
                types::features(read, &frames, i, &mut features);
                (frames[i].clone(), features)
            })
            .collect()
    }

    /// The article's triggers (span and type, as the document decision reads them) and its
    /// events whatever the decision says: one pass of the trigger automaton serves both. The
    /// perpetrator and type models decide where `trained` (not where their candidates are read
    /// for training).
    fn triggers_and_frames(&self, article: &Article, trained: bool) -> (Vec<(Span, EventType)>, Vec<EventFrame>) {
        // text in capitals is read in its case-restored view (same offsets), quoted as stored
        if let Some(view) = reading_view(article) {
            let (triggers, mut frames) = self.triggers_and_frames(&view, trained);
            frames.iter_mut().for_each(|f| f.requote(&article.text));
            return (triggers, frames);
        }
        let triggers = self.find_triggers(&article.text);
        let kinds = triggers.iter().map(|t| (t.span, t.sense.event_type)).collect();
        let mut frames = self.frames_of_triggers(article, triggers, trained);
        if trained {
            types::retype(article, &mut frames);
        }
        (kinds, frames)
    }

    /// The events an article's `triggers` tell of (with the perpetrators the perpetrator model
    /// finds anywhere in the text where `trained`).
    fn frames_of_triggers(&self, article: &Article, triggers: Vec<Trigger>, trained: bool) -> Vec<EventFrame> {
        // most news reports no violence at all: without a trigger there is nothing to read
        // (the one automaton pass that found none is all such an article costs)
        // (a bomber named by a place is a trigger only once places are read)
        if triggers.is_empty() && !article.text.as_bytes().windows(6).any(|w| w.eq_ignore_ascii_case(b"bomber")) {
            return Vec::new();
        }
        let m = self.scan(article, triggers);
        let mut raw = Vec::new();
        for (si, sentence) in article.sentences.iter().enumerate() {
            let triggers: Vec<&Trigger> = m.triggers.iter().filter(|t| sentence.span.contains(t.span)).collect();
            if triggers.is_empty() {
                continue;
            }
            raw.extend(self.sentence_frames(article, &m, si, &triggers));
        }
        attach_untriggered_casualties(article, &m, &mut raw);
        inherit_from_context(article, &m, &mut raw);
        date_by_timeline_headings(article, &m, &mut raw);
        let pending = parties::attach_untriggered(article, &m, &mut raw);
        let mut frames = corefer(article, m.told_from, raw, pending);
        telling::mark(m.told_from, &mut frames);
        if let Some(filing) = &m.filing {
            place_by_filing(article, filing, &mut frames);
        }
        for f in frames.iter_mut().filter(|f| f.event_type == EventType::Unknown) {
            if let Some(t) = f.weapon.as_ref().and_then(|w| type_by_weapon(w.value)) {
                f.event_type = t;
            }
        }
        if !trained {
            return frames;
        }
        // the main event's perpetrators the perpetrator model finds anywhere in the text (an
        // arrest is no group's act: the group its suspects serve is what the text says of them)
        let candidates = perpetrator_candidates_in(article, &m, &frames);
        // an event only threatened or foretold has no perpetrator the model may name: the
        // group that speaks of it is what the rules make of it
        let actual = |f: &EventFrame| matches!(f.status, EventStatus::Happened | EventStatus::Foiled);
        if let Some(main) = frames.iter_mut().find(|f| f.main && f.event_type != EventType::Arrest && actual(f)) {
            for c in candidates.into_iter().filter(|c| perpetrators::model().best(&c.features) == 1) {
                if !main.perpetrators.iter().any(|p| p.value.name == c.name) {
                    let p = Perpetrator { name: c.name, status: perpetrators::status(c.relation) };
                    main.perpetrators.push(Evidenced::read(p, c.span, article));
                }
            }
        }
        frames
    }

    /// The armed groups the perpetrator model decides on (every mention of one in an article
    /// with an event), each with its features: what the `train_extract` example learns from.
    pub fn perpetrator_candidates(&self, article: &Article) -> Vec<PerpetratorCandidate> {
        let triggers = self.find_triggers(&article.text);
        let m = self.scan(article, triggers);
        let mut frames = self.triggers_and_frames(article, false).1;
        // what the model itself added is not what it learns from
        for f in &mut frames {
            f.perpetrators.clear();
        }
        perpetrator_candidates_in(article, &m, &frames)
    }

    /// The count phrases the toll model decides on (those of sentences with a trigger, not
    /// ages), each with its features: what the `train_extract` example learns from.
    pub fn toll_candidates(&self, article: &Article) -> Vec<TollCandidate> {
        let triggers = self.find_triggers(&article.text);
        let m = self.scan(article, triggers);
        let text = &article.text;
        let mut out = Vec::new();
        let triggered: Vec<bool> =
            article.sentences.iter().map(|s| m.triggers.iter().any(|t| s.span.contains(t.span))).collect();
        for (si, sentence) in article.sentences.iter().enumerate() {
            // a sentence with a trigger, or one that may tell the casualties of the event told
            // just before it (`attach_untriggered_casualties`)
            let told_after = (si.saturating_sub(UNTRIGGERED_TOLL_REACH)..si)
                .any(|p| triggered[p] && article.sentences[p].paragraph == sentence.paragraph);
            if !triggered[si] && !told_after {
                continue;
            }
            let counts: Vec<&Quantity> =
                m.quantities.iter().filter(|q| sentence.span.contains(q.span) && counts_people(text, q.span)).collect();
            out.extend(toll_candidates_in(text, sentence.span, &counts));
        }
        out
    }

    fn scan(&self, article: &Article, triggers: Vec<Trigger>) -> Scan {
        let text = &article.text;
        let datelines = dateline_spans(article);
        let in_dateline = |s: Span| datelines.iter().any(|d| d.contains(s));
        // The reference for relative dates: the day the article is told from (its date, or a
        // retrospective's latest stated day), else its dateline's, else the latest full date
        // the text states.
        // (the times read against the publication day serve both the check and, for news, the
        // frames: a look back is read again from its own day)
        let published_times = article.published.map(|day| find_times(text, Some(day), &self.time_options));
        let told_from = narrative::told_from(article, published_times.as_deref(), &self.time_options);
        let reference = told_from
            .or_else(|| {
                find_times(text, None, &self.time_options).into_iter().find_map(|t| match t.value {
                    TimeValue::Interval(i) if in_dateline(t.span) && i.precision == DatePrecision::Day => Some(i.end),
                    _ => None,
                })
            })
            .or_else(|| latest_full_date(text, &self.time_options));
        // "since 1979" bounds something else, but "since the bombings of July 2005" dates them
        // "by Monday" is a deadline, but "a concert by the singer on Monday" names an agent
        let bounds_other = |t: &TimeExpression| {
            if last_words_any(&text[..t.span.start], 2, &["by", "by the end of"]) {
                return true;
            }
            let bounded = preceded_in_clause_by(text, t.span.start, SINCE_CUES, 60)
                .is_some_and(|cue| !triggers.iter().any(|tr| cue < tr.span.start && tr.span.end <= t.span.start));
            bounded && !followed_by_when(text, t.span) && !prev_words_are_agent(text, t.span.start)
        };
        let read = match published_times {
            Some(times) if told_from == article.published => times,
            _ => find_times(text, reference, &self.time_options),
        };
        let times: Vec<TimeExpression> = read
            .into_iter()
            // "PESHAWAR, 12 March 2023 —": the day of writing, not of the event
            .filter(|t| !in_dateline(t.span))
            .filter(|t| !dates_a_statement(text, t.span))
            // "exploded on a Friday afternoon", "every Monday": no one day (but "a Friday blast" is)
            .filter(|t| !last_words_any(&text[..t.span.start], 2, &["on a", "on an", "every", "each"]))
            .filter(|t| {
                matches!(t.kind, TimeKind::Date | TimeKind::Duration)
                    || (t.kind == TimeKind::Since && followed_by_when(text, t.span))
            })
            .filter(|t| matches!(t.value, TimeValue::Interval(_)))
            .filter(|t| !bounds_other(t))
            .collect();
        let quantities = find_quantities(text);
        let all_places = self.gazetteer.find_places(text);
        let place_names = all_places.iter().map(|p| p.span).collect();
        // demonyms and countries after "from": where people come from, not where events are
        let origins: Vec<PlaceMatch> = all_places
            .iter()
            .filter(|p| {
                p.role == PlaceRole::Demonym
                    || (p.place.kind == PlaceKind::Country && prev_word(text, p.span.start) == "from")
            })
            .cloned()
            .collect();
        let (filed_from, places): (Vec<PlaceMatch>, Vec<PlaceMatch>) = all_places
            .into_iter()
            .filter(|p| p.role == PlaceRole::Location)
            .filter(|p| !ends_with_any(&text[..p.span.start], NOT_LOCATION_BEFORE))
            // "the injured were taken to hospitals in Kabul": where victims were brought
            .filter(|p| !last_words_any(&text[..p.span.start], 4, TAKEN_TO_CUES))
            // "WASHINGTON (AP) —": where the story was filed, not where its event happened
            .partition(|p| in_dateline(p.span));
        let filing = filing_place(filed_from);
        let actors = self.actors.find_actors(text);
        let words = |automaton: &AhoCorasick| -> Vec<(Span, usize)> {
            automaton
                .find_iter(text)
                .map(|m| (Span::new(m.start(), m.end()), m.pattern().as_usize()))
                .filter(|(span, _)| is_word_at(text, *span))
                .collect()
        };
        let mut triggers = triggers;
        triggers.extend(bombers_named_by_place(text, &places, &triggers));
        triggers.sort_by_key(|t| t.span.start);
        let weapons = words(&self.weapons).into_iter().map(|(s, i)| (s, WEAPON_WORDS[i].1)).collect();
        let targets = words(&self.targets).into_iter().map(|(s, i)| (s, TARGET_WORDS[i].1)).collect();
        Scan {
            reference,
            told_from,
            times,
            quantities,
            places,
            filing,
            place_names,
            origins,
            actors,
            triggers,
            weapons,
            targets,
        }
    }

    fn find_triggers(&self, text: &str) -> Vec<Trigger> {
        let mut out: Vec<Trigger> = Vec::new();
        for m in self.triggers.find_iter(text) {
            let span = Span::new(m.start(), m.end());
            if !is_word_at(text, span) {
                continue;
            }
            let sense = match m.pattern().as_usize().checked_sub(TRIGGERS.len()) {
                None => TRIGGERS[m.pattern().as_usize()].1,
                // "defused two explosive devices": a verb that names an event by its object
                Some(i) if i >= AGENT_TRIGGERS.len() => {
                    let (_, sense, object) = OBJECT_TRIGGERS[i - AGENT_TRIGGERS.len()];
                    let (from, to) = sentence_bounds(text, span);
                    if !agents::object_fits(&text[span.end..to], object)
                        && !agents::passive_subject_fits(&text[from..span.start], object)
                    {
                        continue;
                    }
                    sense
                }
                // "gunmen killed four": a violent verb, only with an armed agent as its subject
                Some(i) => {
                    let (_, sense, object) = AGENT_TRIGGERS[i];
                    let Some(event_type) = agents::event_type(text, span, sense.event_type, object, self.actors) else {
                        continue;
                    };
                    TriggerSense { event_type, ..sense }
                }
            };
            let next = next_word(text, span.end);
            let prev = prev_word(text, span.start);
            // "attack network", "heart attack", "attack helicopters": not events
            if sense.event_type == EventType::Unknown
                && (matches!(
                    next.as_str(),
                    "network" | "networks" | "capabilities" | "capability" | "helicopter" | "helicopters" | "plans"
                ) || matches!(prev.as_str(), "heart" | "panic" | "cyber"))
            {
                continue;
            }
            // "clashed over tuition fees", "attacked the budget", "an explosion in rents"
            if senses::figurative(text, span, sense.event_type) {
                continue;
            }
            // "the striker was injured in training": an injury is an event only told by a count
            // of people ("352 people had been wounded")
            if is_passive_injury(span.slice(text)) && !injury_told_by_count(text, span) {
                continue;
            }
            // "three people were killed in a road accident": not an attack
            if sense.event_type == EventType::Unknown
                && (is_killing_phrase(span.slice(text)) || is_injury_phrase(span.slice(text)))
            {
                let (from, to) = sentence_bounds(text, span);
                if find_any_word(&text[from..to], ACCIDENT_CUES).is_some() {
                    continue;
                }
            }
            // "a foiled terror attack": the foiling trigger already names this event
            if let Some(last) = out.last() {
                if last.sense.event_type == EventType::FoiledPlot
                    && span.start.saturating_sub(last.span.end) <= 24
                    && !text[last.span.end..span.start].contains(['.', ';'])
                {
                    continue;
                }
            }
            out.push(Trigger { span, sense, bomber: false });
        }
        out
    }

    fn sentence_frames(&self, article: &Article, m: &Scan, si: usize, triggers: &[&Trigger]) -> Vec<RawFrame> {
        let text = &article.text;
        let sentence = article.sentences[si];
        let within = |s: Span| sentence.span.contains(s);
        let nearest = |s: Span| nearest_trigger(triggers, s);
        // what the sentence as a whole says, read once for all its triggers: a trend or a
        // pattern ("attacks have risen in recent months"), a vague time, a sequel, court words
        let stext = sentence.span.slice(text);
        let pattern = [TREND_CUES, PATTERN_CUES].iter().find_map(|cues| find_any_word(stext, cues));
        let vague_time = find_any_word(stext, VAGUE_TIME_CUES).is_some();
        let sequel_cue = find_any_word(stext, SEQUEL_CUES).is_some();
        let in_court = proceedings::tells_of_proceedings(stext);
        let mut frames: Vec<RawFrame> = triggers
            .iter()
            .map(|t| {
                let before = &text[sentence.span.start..t.span.start];
                let mut event_type = t.sense.event_type;
                let mut status = EventStatus::Happened;
                let foiling_verb = OBJECT_TRIGGERS.iter().any(|(p, _, _)| t.span.slice(text).eq_ignore_ascii_case(p));
                if foiling_verb {
                    // "security forces defused two explosive devices": a bombing that failed
                    status = EventStatus::Foiled;
                } else if event_type != EventType::FoiledPlot && last_words_any(before, 3, FOILED_CUES) {
                    event_type = EventType::FoiledPlot;
                } else if last_words_any(before, 2, NEGATION_CUES) {
                    status = EventStatus::Negated;
                } else if tail_contains_any(before, 60, MODAL_CUES) || tail_contains_any(before, 160, PLAN_CUES) {
                    status = if tail_contains_any(before, 60, HYPOTHETICAL_CUES) {
                        EventStatus::Hypothetical
                    } else if tail_contains_any(before, 60, ATTEMPT_CUES) {
                        EventStatus::Foiled
                    } else if tail_contains_any(before, 60, THREAT_CUES) {
                        EventStatus::Threatened
                    } else {
                        EventStatus::Planned
                    };
                } else if first_word_any(&text[t.span.end..sentence.span.end], THREAT_NOUNS)
                    || foretold_by_its_predicate(&text[t.span.end..sentence.span.end])
                {
                    status = EventStatus::Threatened;
                }
                let suicide = (t.sense.suicide || last_words_any(before, 3, &["suicide"]))
                    .then(|| Evidenced::read(true, t.span, article));
                // "two days before the attack", "after the bombing": a trigger that refers to an
                // event named elsewhere; what the sentence says before it is about other things
                let reference = last_words_any(before, 2, REFERENCE_CUES);
                // "on high alert since the group launched attacks", "a previous bombing": an
                // event the story recalls, not the one it reports
                // "attacks have risen in recent months": a trend, not one event
                let trend = pattern.is_some() || (t.sense.plural && vague_time);
                // "shot an officer three days later": what followed the story's event; so is
                // what the trigger's clause sets "later" ("the pistol was later used in a
                // shootout"), unless it is a later statement about it ("police later said the
                // bombing ...")
                let later = preceded_in_clause_by(text, t.span.start, &["later"], 120)
                    .is_some_and(|at| find_any_word(&text[at..t.span.start], STATEMENT_VERBS).is_none());
                let sequel = sequel_cue || later;
                let background = !reference
                    && (preceded_in_clause_by(text, t.span.start, BACKGROUND_CUES, 120).is_some()
                        || set_after(
                            &text[clause_start(text, sentence.span.start, t.span.start)..t.span.start],
                            false,
                        )
                        || last_words_any(before, 3, EARLIER_CUES)
                        || dated_back_after(&text[t.span.end..sentence.span.end])
                        || trend
                        || sequel);
                RawFrame {
                    trigger: t.span,
                    reference,
                    purpose: serves_a_purchase(before),
                    anchor: set_after(&text[t.span.end..sentence.span.end], true),
                    definite: is_definite(before),
                    bomber: t.bomber,
                    background,
                    recalled: in_court || proceedings::remembers(stext, t.span.start - sentence.span.start),
                    sentence: si,
                    paragraph: sentence.paragraph,
                    event_type,
                    status,
                    plural: t.sense.plural,
                    suicide,
                    dates: Vec::new(),
                    place: None,
                    perpetrators: Vec::new(),
                    killed: None,
                    wounded: None,
                    attackers: None,
                    attackers_killed: None,
                    weapon: None,
                    target: None,
                    attributions: Vec::new(),
                    nationalities: Vec::new(),
                    names: (!t.sense.verbal)
                        .then(|| names::event_name(text, sentence.span.start, t.span, m))
                        .flatten()
                        .map(|span| Evidenced::read(span.slice(text).to_string(), span, article))
                        .into_iter()
                        .collect(),
                }
            })
            .collect();

        // "another bomb went off beside a race in Trenton, though that blast hurt no one": a
        // trigger after "that" or "this" names the event its sentence told of before it, set
        // as background or not as that one is
        let told: Vec<(usize, bool)> = frames.iter().map(|f| (f.trigger.start, f.background)).collect();
        for f in frames.iter_mut() {
            if matches!(prev_word(text, f.trigger.start).as_str(), "that" | "this") {
                if let Some(&(_, background)) = told.iter().rev().find(|(at, _)| *at < f.trigger.start) {
                    f.background = background;
                }
            }
        }
        // dates: each to its nearest trigger, but not one that dates what came of the event for
        // its perpetrators ("tried for the bombing, as they were released in June 1977"); an
        // arrest keeps the day of its own charges ("arrested and charged on Monday")
        for t in m.times.iter().filter(|t| within(t.span)) {
            if let TimeValue::Interval(interval) = t.value {
                let when = followed_by_when(text, t.span);
                let i = triggers
                    .iter()
                    .position(|tr| when && tr.span.start >= t.span.end)
                    .unwrap_or_else(|| nearest(t.span));
                // "the Boston Marathon bomber rose to his feet Wednesday": his day, not the
                // bombing's (while "the April 15 bomber" is dated by its own modifier)
                let modifies =
                    |tr: &Trigger| tr.span.start >= t.span.end && text[t.span.end..tr.span.start].trim().is_empty();
                if triggers[i].bomber && !modifies(triggers[i]) {
                    continue;
                }
                let f = &mut frames[i];
                if f.event_type != EventType::Arrest && dates_an_aftermath(text, sentence.span.start, t.span, f.trigger)
                {
                    continue;
                }
                f.dates.push(Evidenced::read(interval, t.span, article));
            }
        }
        // places: each to its nearest trigger; one in a country the sentence names wins over
        // one elsewhere ("in Kuda, near Chibok, Borno, Nigeria": not a Kuda of India), then the
        // most specific one, and of two alike the one the text sets with a locative ("in
        // Germany" over "U.S. targets"). A country right before a trigger names its agent, not
        // its location ("a US drone strike").
        let named: Vec<&str> = m
            .places
            .iter()
            .filter(|p| within(p.span) && p.place.kind == PlaceKind::Country)
            .map(|p| p.place.country.as_str())
            .collect();
        let in_named = |p: &Place| named.is_empty() || named.contains(&p.country.as_str());
        for p in m.places.iter().filter(|p| within(p.span)) {
            if p.place.kind == PlaceKind::Country && modifies_trigger(text, p.span, triggers) {
                continue;
            }
            if describes_a_person(text, p.span)
                || speaks_for(text, &p.place, p.span)
                || in_speakers_phrase(text, sentence.span.start, p.span, triggers)
            {
                continue;
            }
            let f = &mut frames[nearest(p.span)];
            // "the bombing suspects in Dagestan", "the attack victims in hospital": a trigger that
            // modifies people is placed by its own compound ("the Boston bombing suspects"), not
            // by where those people are
            if p.span.start >= f.trigger.end && MODIFIED_PEOPLE.contains(&next_word(text, f.trigger.end).as_str()) {
                continue;
            }
            let locative = is_locative(text, p.span.start);
            let better = match &f.place {
                None => true,
                Some(cur) if in_named(&p.place) != in_named(&cur.value) => in_named(&p.place),
                Some(cur) => {
                    let (rank, cur_rank) = (p.place.kind.specificity(), cur.value.kind.specificity());
                    let same_level_better = rank == cur_rank && locative && !is_locative(text, cur.span.start);
                    same_level_better
                        || (rank > cur_rank
                            && (p.place.kind != PlaceKind::Country || cur.value.country == p.place.country))
                }
            };
            if better {
                f.place = Some(Evidenced::read(p.place.clone(), p.span, article));
            }
        }
        // casualties: the toll model's role for each count (summed over the groups of one
        // phrase), to the nearest trigger before it
        let counts: Vec<&Quantity> =
            m.quantities.iter().filter(|q| within(q.span) && counts_people(text, q.span)).collect();
        let candidates = toll_candidates_in(text, sentence.span, &counts);
        let roles: Vec<TollRole> = candidates.iter().map(|c| c.role(tolls::model())).collect();
        let local = |s: Span| (s.start - sentence.span.start, s.end - sentence.span.start);
        let read: Vec<_> = candidates.iter().zip(&roles).map(|(c, r)| (local(c.span), c.count, *r)).collect();
        for toll in tolls::group(stext, sentence.span.start, &read) {
            let target =
                triggers.iter().rposition(|t| t.span.end <= toll.span.start).unwrap_or_else(|| nearest(toll.span));
            add_toll(&mut frames[target], &toll, article);
        }
        let others = candidates.iter().zip(&roles).filter(|(c, r)| c.counted && **r == TollRole::None);
        for q in others.map(|(c, _)| c) {
            let after = &text[q.span.end..sentence.span.end];
            if let Some(noun) = attacker_noun_after(after) {
                if let Ok(n) = u32::try_from(q.count.low) {
                    if q.count.high == Some(q.count.low) && n > 0 && n < 1000 {
                        let f = &mut frames[nearest(q.span)];
                        if f.attackers.is_none() && f.event_type != EventType::Arrest {
                            // the words that count them: "two Tajik ISIS-K members", not "two"
                            let noun_end = find_any_word(after, &[noun]).map_or(q.span.end, |(_, e)| q.span.end + e);
                            f.attackers = Some(Evidenced::read(n, Span::new(q.span.start, noun_end), article));
                        }
                    }
                }
            }
        }
        // "a school teacher was killed", "Mazid Uddin was killed": one dead, unless a count
        // already says more
        let mut victims = one_victim_deaths(text, sentence.span);
        victims.extend(named_victim_deaths(text, sentence.span));
        victims.extend(one_victim_killed(text, sentence.span));
        for span in victims {
            let target = triggers.iter().rposition(|t| t.span.end <= span.end).unwrap_or_else(|| nearest(span));
            let f = &mut frames[target];
            if f.killed.is_none() {
                f.killed = Some(Evidenced::read(CountRange::exact(1), span, article));
            }
        }
        // "Ozdag was injured in the attack", "another was wounded": one hurt, unless a count
        // already says more
        let mut hurt = one_victim_injuries(text, sentence.span);
        hurt.extend(named_victim_injuries(text, sentence.span));
        hurt.extend(one_victim_injured(text, sentence.span));
        for span in hurt {
            let target = triggers.iter().rposition(|t| t.span.end <= span.end).unwrap_or_else(|| nearest(span));
            let f = &mut frames[target];
            if f.wounded.is_none() {
                f.wounded = Some(Evidenced::read(CountRange::exact(1), span, article));
            }
        }
        // "a Tajik militant", "an ISKP member": one attacker
        for (start, end) in singular_attackers(text, sentence.span) {
            let span = Span::new(start, end);
            let f = &mut frames[nearest(span)];
            if f.attackers.is_none() && f.event_type != EventType::Arrest && f.trigger.start > start {
                f.attackers = Some(Evidenced::read(1, span, article));
            }
        }
        // perpetrators
        for a in m.actors.iter().filter(|a| within(a.span)) {
            if let Some((status, target)) = perpetrator_status(text, sentence.span, a, triggers, &frames) {
                let f = &mut frames[target];
                let p = Perpetrator { name: a.name.clone(), status };
                if !f.perpetrators.iter().any(|e| e.value.name == p.name) {
                    f.perpetrators.push(Evidenced::read(p, a.span, article));
                }
            }
        }
        forces::attach(article, m, sentence.span, triggers, &mut frames);
        parties::attach_in_sentence(article, m, sentence.span, triggers, &mut frames);
        // weapons: each named one to its nearest trigger; else what the trigger itself says (a
        // bomber, a person, says none)
        for (span, weapon) in m.weapons.iter().filter(|(s, _)| within(*s)) {
            let f = &mut frames[nearest(*span)];
            if f.weapon.is_none() && f.event_type != EventType::Arrest {
                f.weapon = Some(Evidenced::read(*weapon, *span, article));
            }
        }
        for f in frames.iter_mut().filter(|f| f.weapon.is_none() && f.event_type != EventType::Arrest && !f.bomber) {
            if let Some(w) = weapon_of_trigger(f.trigger.slice(text), f.event_type) {
                f.weapon = Some(Evidenced::read(w, f.trigger, article));
            }
        }
        // targets: what the trigger struck ("an attack on a police station", "opened fire on
        // worshippers", "a market bombing"), not who spoke ("police said")
        for (span, target) in m.targets.iter().filter(|(s, _)| within(*s)) {
            if STATEMENT_VERBS.contains(&next_word(text, span.end).as_str()) {
                continue;
            }
            let Some(i) = struck_by(text, *span, triggers) else { continue };
            let f = &mut frames[i];
            if f.target.is_none() && f.event_type != EventType::Arrest {
                f.target = Some(Evidenced::read(*target, *span, article));
            }
        }
        // a name that is the perpetrator ("blamed Israel", "Iran launched") is not also the place
        for f in frames.iter_mut() {
            if f.place
                .as_ref()
                .is_some_and(|p| f.perpetrators.iter().any(|a| a.span.start < p.span.end && p.span.start < a.span.end))
            {
                f.place = None;
            }
        }
        // "died after a gunfight three days after the bombing": an event the sentence sets
        // after one it refers back to is a sequel of that one
        let refers_back: Vec<usize> = frames.iter().filter(|f| f.reference).map(|f| f.trigger.start).collect();
        for f in frames.iter_mut().filter(|f| !f.reference) {
            if refers_back.iter().any(|&at| at > f.trigger.start) {
                f.background = true;
            }
        }
        // "Abaaoud, suspected of organising the attacks, died in a raid in Saint-Denis on
        // Wednesday": an event named in what someone is charged with takes no date or place
        // from the clause around that phrase
        for f in frames.iter_mut() {
            if let Some(phrase) = charge_phrase(text, sentence.span, f.trigger) {
                f.dates.retain(|d| phrase.contains(d.span));
                if f.place.as_ref().is_some_and(|p| !phrase.contains(p.span)) {
                    f.place = None;
                }
            }
        }
        // a trigger that refers back keeps only what follows it; so does one that a purchase
        // was for ("bought a remote control in Malden to trigger the bombs": the shop's town
        // and day are the purchase's)
        // and one in a clause that opens the sentence ("less than a half hour after the bombs
        // went off, he was seen entering a shop in Cambridge") keeps only what its clause says:
        // the rest of the sentence is about what came after
        for f in frames.iter_mut().filter(|f| f.reference || f.purpose) {
            let after = f.trigger.end;
            let own_clause_end = opening_clause_end(text, sentence.span, f.trigger).filter(|_| f.reference);
            let outside = |span: Span| span.start < after || own_clause_end.is_some_and(|end| span.start >= end);
            f.dates.retain(|d| !outside(d.span));
            if f.place.as_ref().is_some_and(|p| outside(p.span)) {
                f.place = None;
            }
        }
        // recency: "recently apprehended" with no date is within a month before the reference
        // (but a cue that is itself a date, "last week, fighters set off a car bomb", is that
        // date, given to its nearest trigger)
        if let Some(reference) = m.reference {
            let stext = &text[sentence.span.start..sentence.span.end];
            for f in frames.iter_mut().filter(|f| f.dates.is_empty()) {
                if let Some(pos) = find_any_word(stext, RECENCY_CUES) {
                    let span = Span::new(sentence.span.start + pos.0, sentence.span.start + pos.1);
                    if m.times.iter().any(|t| t.span.start < span.end && span.start < t.span.end) {
                        continue;
                    }
                    let interval = DateInterval {
                        start: reference - Duration::days(30),
                        end: reference,
                        precision: DatePrecision::Month,
                    };
                    f.dates.push(Evidenced::read(interval, span, article));
                }
            }
        }
        // "apprehended two members who were planning to bomb the square of Jalal-Abad on New
        // Year's Eve": the arrest foils that plot, so it is placed where the plot was aimed and
        // happened before the day the plot was set for
        let planned: Vec<(Option<Evidenced<Place>>, Option<NaiveDate>, usize)> = frames
            .iter()
            .filter(|f| matches!(f.status, EventStatus::Planned | EventStatus::Threatened))
            .map(|f| {
                let day = f.date().filter(|d| d.value.days() <= 7).map(|d| d.value.end);
                (f.place.clone(), day, f.trigger.start)
            })
            .collect();
        for f in frames.iter_mut().filter(|f| f.event_type == EventType::Arrest && f.status == EventStatus::Happened) {
            let after: Vec<_> = planned.iter().filter(|(_, _, at)| *at > f.trigger.start).collect();
            if after.is_empty() {
                continue;
            }
            let place = after.iter().filter_map(|(p, _, _)| p.as_ref()).max_by_key(|p| p.value.kind.specificity());
            let day = after.iter().filter_map(|(_, d, _)| *d).min();
            if let Some(p) = place {
                let fits = f.place.as_ref().is_none_or(|cur| {
                    cur.value.country == p.value.country && p.value.kind.specificity() > cur.value.kind.specificity()
                });
                if fits {
                    f.place = Some(p.clone());
                }
            }
            if let Some(day) = day {
                for d in f.dates.iter_mut() {
                    if d.value.start <= day && day < d.value.end {
                        d.value.end = day;
                    }
                }
            }
        }
        // "multiple homemade bombs detonated at once have been a hallmark of militant groups in
        // recent years from Iraq to Israel": a sentence that tells of a pattern through plural
        // triggers alone names no one event; its period dates none, and what it does not date
        // by a time of its own is no frame
        let plural_only =
            triggers.iter().any(|t| t.sense.plural) && triggers.iter().all(|t| t.sense.plural || t.sense.verbal);
        if let (Some((start, end)), true) = (pattern, plural_only) {
            let period = Span::new(sentence.span.start + start, sentence.span.start + end);
            for f in frames.iter_mut() {
                f.dates.retain(|d| !(d.span.start < period.end && period.start < d.span.end));
            }
            frames.retain(|f| !f.dates.is_empty());
        }
        // a plural trigger with several dates: one event per date, placed only by the places
        // that stand with the trigger and those dates ("attacks on the shrine in Shiraz in
        // October 2022 and August 2023"), not by one named elsewhere in the sentence
        let mut out = Vec::new();
        for f in frames {
            if f.plural && f.dates.len() > 1 && coordinated(text, &f.dates) {
                let first = f.dates.iter().map(|d| d.span.start).min().unwrap_or(f.trigger.start);
                let last = f.dates.iter().map(|d| d.span.end).max().unwrap_or(f.trigger.end);
                let from = clause_start(text, sentence.span.start, first.min(f.trigger.start));
                let window = Span::new(from, last.max(f.trigger.end));
                let place = m
                    .places
                    .iter()
                    .filter(|p| window.contains(p.span))
                    .max_by_key(|p| {
                        (p.place.kind.specificity(), std::cmp::Reverse(p.span.start.abs_diff(f.trigger.start)))
                    })
                    .map(|p| Evidenced::read(p.place.clone(), p.span, article));
                for d in &f.dates {
                    let mut one = f.clone();
                    one.dates = vec![d.clone()];
                    one.place = place.clone();
                    out.push(one);
                }
            } else {
                out.push(f);
            }
        }
        out
    }
}

/// An armed group's mention that may be the main event's perpetrator, with the perpetrator
/// model's features.
#[derive(Debug, Clone)]
pub struct PerpetratorCandidate {
    pub span: Span,
    /// The group's canonical name.
    pub name: String,
    /// What the attribution ledger of the main event says the group did.
    pub relation: Option<AttributionRelation>,
    pub features: Vec<u32>,
}

/// The perpetrator candidates of an article whose frames are `frames`.
fn perpetrator_candidates_in(article: &Article, m: &Scan, frames: &[EventFrame]) -> Vec<PerpetratorCandidate> {
    let Some(main) = frames.iter().find(|f| f.main) else { return Vec::new() };
    let text = &article.text;
    let n = article.sentences.len();
    let mut out = Vec::new();
    for a in m.actors.iter().filter(|a| a.kind == ActorKind::ArmedGroup) {
        let Some(si) = article.sentences.iter().position(|s| s.span.contains(a.span)) else { continue };
        let sentence = article.sentences[si].span;
        let relation = main
            .attributions
            .iter()
            .find(|e| e.value.actor.as_deref() == Some(a.name.as_str()))
            .map(|e| e.value.relation);
        let triggered = m.triggers.iter().any(|t| sentence.contains(t.span));
        let position = sentence_position(si, n);
        let mut features = learn::Features::new();
        let at = (a.span.start - sentence.start, a.span.end - sentence.start);
        perpetrators::features(sentence.slice(text), at, triggered, relation, position, &mut features);
        out.push(PerpetratorCandidate {
            span: a.span,
            name: a.name.clone(),
            relation,
            features: features.ids().to_vec(),
        });
    }
    // the groups the actor base does not know, named by a phrase of blame, suspicion or claim
    for (si, sentence) in article.sentences.iter().enumerate() {
        for c in claimants::find(text, sentence.span) {
            let known = m
                .actors
                .iter()
                .any(|a| a.kind == ActorKind::ArmedGroup && a.span.start < c.span.end && c.span.start < a.span.end);
            if known {
                continue;
            }
            let triggered = m.triggers.iter().any(|t| sentence.span.contains(t.span));
            let position = sentence_position(si, n);
            let mut features = learn::Features::new();
            let at = (c.span.start - sentence.span.start, c.span.end - sentence.span.start);
            let relation = Some(c.relation);
            perpetrators::features(sentence.span.slice(text), at, triggered, relation, position, &mut features);
            out.push(PerpetratorCandidate { span: c.span, name: c.name, relation, features: features.ids().to_vec() });
        }
    }
    out
}

/// Where sentence `si` of `n` stands, as the perpetrator model reads it.
fn sentence_position(si: usize, n: usize) -> &'static str {
    if si == 0 {
        "first"
    } else if si + 1 == n {
        "last"
    } else {
        "middle"
    }
}

/// A count phrase that may be a casualty toll, with the toll model's features.
#[derive(Debug, Clone)]
pub struct TollCandidate {
    pub sentence: Span,
    pub span: Span,
    pub count: CountRange,
    /// A number phrase ("two soldiers"), not one person ("a civilian").
    pub counted: bool,
    /// The role grammar gives it whatever the model says (`tolls::grammar_role`).
    pub grammar: Option<TollRole>,
    pub features: Vec<u32>,
}

impl TollCandidate {
    /// Its role: grammar's where grammar decides (none where it rules a toll out; the
    /// governing casualty word's in "killed 95 people", "the deaths of over 100"), else the
    /// model's.
    pub fn role(&self, model: &learn::Linear) -> TollRole {
        let read = TollRole::ALL[model.best(&self.features)];
        match (self.grammar, read) {
            (Some(TollRole::None), _) => TollRole::None,
            (Some(governed), _) => governed,
            (_, read) => read,
        }
    }
}

/// Gives frame `f` a toll of its sentence, where it is larger than the one it has: attackers
/// who died are kept apart from the victims ("six guards and three gunmen were killed":
/// six killed, three attackers killed); attackers hurt stay among the wounded, as GTD's coders
/// count them.
fn add_toll(f: &mut RawFrame, toll: &tolls::Toll, article: &Article) {
    let mut casualties =
        Casualties { killed: f.killed.take(), wounded: f.wounded.take(), attackers_killed: f.attackers_killed.take() };
    casualties.add(toll, article);
    (f.killed, f.wounded, f.attackers_killed) = (casualties.killed, casualties.wounded, casualties.attackers_killed);
}

/// The casualty fields of a frame.
#[derive(Default)]
struct Casualties {
    killed: Option<Evidenced<CountRange>>,
    wounded: Option<Evidenced<CountRange>>,
    attackers_killed: Option<Evidenced<CountRange>>,
}

impl Casualties {
    /// Adds a toll (see `add_toll`).
    fn add(&mut self, toll: &tolls::Toll, article: &Article) {
        let (count, slot) = match toll.role {
            TollRole::Killed => {
                if toll.attackers > 0 && self.attackers_killed.is_none() {
                    let attackers = CountRange::exact(toll.attackers);
                    self.attackers_killed = Some(Evidenced::read(attackers, toll.span, article));
                }
                (toll.victims(), &mut self.killed)
            }
            _ => (Some(toll.count), &mut self.wounded),
        };
        if let Some(count) = count {
            if slot.as_ref().is_none_or(|cur| count.low > cur.value.low) {
                *slot = Some(Evidenced::read(count, toll.span, article));
            }
        }
    }
}

/// How many sentences after its event's a sentence without a trigger may tell its casualties.
const UNTRIGGERED_TOLL_REACH: usize = 2;

/// "Assailants abducted a councillor in Kandahar. He was shot and killed the next day.": the
/// casualties a sentence without a trigger tells (its tolls, one person killed or hurt) belong
/// to the latest event of its paragraph told at most `UNTRIGGERED_TOLL_REACH` sentences before
/// it, where that event has no toll of the kind yet.
fn attach_untriggered_casualties(article: &Article, m: &Scan, raw: &mut [RawFrame]) {
    let text = &article.text;
    for (si, sentence) in article.sentences.iter().enumerate() {
        if m.triggers.iter().any(|t| sentence.span.contains(t.span)) {
            continue;
        }
        let Some(target) = raw.iter().rposition(|f| {
            f.paragraph == sentence.paragraph && f.sentence < si && si - f.sentence <= UNTRIGGERED_TOLL_REACH
        }) else {
            continue;
        };
        let f = &mut raw[target];
        let (had_killed, had_wounded) = (f.killed.is_some(), f.wounded.is_some());
        if had_killed && had_wounded {
            continue;
        }
        let counts: Vec<&Quantity> =
            m.quantities.iter().filter(|q| sentence.span.contains(q.span) && counts_people(text, q.span)).collect();
        let mut dead = one_victim_deaths(text, sentence.span);
        dead.extend(named_victim_deaths(text, sentence.span));
        dead.extend(one_victim_killed(text, sentence.span));
        let mut hurt = one_victim_injuries(text, sentence.span);
        hurt.extend(named_victim_injuries(text, sentence.span));
        hurt.extend(one_victim_injured(text, sentence.span));
        let candidates = toll_candidates_in(text, sentence.span, &counts);
        let local = |s: Span| (s.start - sentence.span.start, s.end - sentence.span.start);
        let read: Vec<_> = candidates.iter().map(|c| (local(c.span), c.count, c.role(tolls::model()))).collect();
        let mut fresh = Casualties::default();
        for toll in tolls::group(sentence.span.slice(text), sentence.span.start, &read) {
            fresh.add(&toll, article);
        }
        if fresh.killed.is_none() {
            fresh.killed = dead.first().map(|&span| Evidenced::read(CountRange::exact(1), span, article));
        }
        if fresh.wounded.is_none() {
            fresh.wounded = hurt.first().map(|&span| Evidenced::read(CountRange::exact(1), span, article));
        }
        if !had_killed {
            f.killed = fresh.killed;
            f.attackers_killed = f.attackers_killed.take().or(fresh.attackers_killed);
        }
        if !had_wounded {
            f.wounded = fresh.wounded;
        }
    }
}

/// The toll candidates of the counts of one sentence.
fn toll_candidates_in(text: &str, sentence: Span, counts: &[&Quantity]) -> Vec<TollCandidate> {
    let stext = sentence.slice(text);
    let mut local: Vec<(usize, usize, CountRange, bool)> =
        counts.iter().map(|q| (q.span.start - sentence.start, q.span.end - sentence.start, q.count, true)).collect();
    let numbers: Vec<(usize, usize)> = local.iter().map(|&(s, e, _, _)| (s, e)).collect();
    local.extend(tolls::one_person(stext, &numbers).into_iter().map(|(s, e)| (s, e, CountRange::exact(1), false)));
    // the people of a list of victims ("Mkhize and his assistant were killed") that no other
    // candidate holds, each with the role the list's verb gives it
    let listed = tolls::listed_victims(stext, &numbers);
    for victim in &listed {
        let (s, e) = victim.span;
        if victim.role == Some(TollRole::None) {
            // who a listed person is ("Karimov, a former judge, ..."): no one more
            local.retain(|&(ls, le, _, counted)| counted || !(ls < e && s < le));
        } else if !local.iter().any(|&(ls, le, _, _)| ls < e && s < le) {
            local.push((s, e, CountRange::exact(1), false));
        }
    }
    local.sort_by_key(|c| c.0);
    let spans: Vec<(usize, usize)> = local.iter().map(|&(s, e, _, _)| (s, e)).collect();
    local
        .iter()
        .map(|&(s, e, count, counted)| {
            let mut features = learn::Features::new();
            tolls::features(stext, (s, e), &spans, count, &mut features);
            let span = Span::new(sentence.start + s, sentence.start + e);
            let listed_role = listed.iter().find(|v| !counted && v.span.0 < e && s < v.span.1).and_then(|v| v.role);
            let grammar = listed_role.or_else(|| tolls::grammar_role(stext, (s, e), count));
            TollCandidate { sentence, span, count, counted, grammar, features: features.ids().to_vec() }
        })
        .collect()
}

/// "the Boston Marathon bomber", "the Manchester bombers": a bomber named by the place of the
/// bombing (past at most one name of what was struck) tells of that bombing.
fn bombers_named_by_place(text: &str, places: &[PlaceMatch], triggers: &[Trigger]) -> Vec<Trigger> {
    // the word that starts after `at` past spaces only
    let word_after = |at: usize| {
        let start = at + (text[at..].len() - text[at..].trim_start_matches(' ').len());
        let end = text[start..].find(|c: char| !c.is_alphanumeric()).map_or(text.len(), |i| start + i);
        Span::new(start, end)
    };
    let mut out = Vec::new();
    for p in places {
        let mut word = word_after(p.span.end);
        if word.slice(text).starts_with(char::is_uppercase) && !word.slice(text).eq_ignore_ascii_case("bomber") {
            word = word_after(word.end);
        }
        let plural = match word.slice(text).to_lowercase().as_str() {
            "bomber" => false,
            "bombers" => true,
            _ => continue,
        };
        // "the New York bomber pleaded not guilty to charges that he set off a device in
        // September": a sentence that tells of the bombing itself has its trigger
        let (from, to) = sentence_bounds(text, word);
        if triggers.iter().any(|t| {
            let bombing = t.sense.event_type == EventType::Bombing && from <= t.span.start && t.span.end <= to;
            bombing || (t.span.start < word.end && word.start < t.span.end)
        }) {
            continue;
        }
        let sense = TriggerSense { event_type: EventType::Bombing, suicide: false, plural, verbal: false };
        out.push(Trigger { span: word, sense, bomber: true });
    }
    out
}

/// Mentions of one article.
struct Scan {
    reference: Option<NaiveDate>,
    /// The day a dated article is told from (`narrative::told_from`).
    told_from: Option<NaiveDate>,
    times: Vec<TimeExpression>,
    quantities: Vec<Quantity>,
    places: Vec<PlaceMatch>,
    /// The place a wire dateline names (`filing_place`): no candidate of a sentence's, the
    /// event's place only where the text gives none (`place_by_filing`).
    filing: Option<PlaceMatch>,
    /// Demonyms and countries after "from" (where attackers come from).
    origins: Vec<PlaceMatch>,
    /// Every place name the gazetteer finds, whatever its role (for `names`).
    place_names: Vec<Span>,
    actors: Vec<ActorMatch>,
    triggers: Vec<Trigger>,
    weapons: Vec<(Span, Weapon)>,
    targets: Vec<(Span, Target)>,
}

#[derive(Debug, Clone, Copy)]
struct Trigger {
    span: Span,
    sense: TriggerSense,
    /// A bomber named by the place of the bombing ("the Boston Marathon bomber"): it names a
    /// person, so what the sentence dates is what that person did, not the bombing.
    bomber: bool,
}

/// One trigger's frame before within-article coreference.
#[derive(Debug, Clone)]
struct RawFrame {
    trigger: Span,
    /// The trigger refers back to an event ("before the attack"): arguments before it are not its own.
    reference: bool,
    /// The trigger is what a purchase was for ("bought backpacks in Watertown to carry the
    /// bombs"): arguments before it are the purchase's.
    purpose: bool,
    /// The sentence sets another event after this one ("the attack came hours after another
    /// bomb went off"): this is the story's own event.
    anchor: bool,
    /// The trigger is a definite mention ("the attack", "the April 15 attack").
    definite: bool,
    /// The trigger is a bomber named by the bombing's place ("the New York bomber").
    bomber: bool,
    /// The text sets the event as background ("since the attacks of 2015", "a previous
    /// bombing", "a gunfight three days after the bombing"): it is not the main event while
    /// another one is not.
    background: bool,
    /// The sentence tells of the event through what followed it, a plea, a trial, an
    /// anniversary (see `proceedings`).
    recalled: bool,
    sentence: usize,
    paragraph: usize,
    event_type: EventType,
    status: EventStatus,
    plural: bool,
    suicide: Option<Evidenced<bool>>,
    dates: Vec<Evidenced<DateInterval>>,
    place: Option<Evidenced<Place>>,
    perpetrators: Vec<Evidenced<Perpetrator>>,
    killed: Option<Evidenced<CountRange>>,
    /// The attackers who died (`tolls::Toll::attackers`).
    attackers_killed: Option<Evidenced<CountRange>>,
    wounded: Option<Evidenced<CountRange>>,
    attackers: Option<Evidenced<u32>>,
    weapon: Option<Evidenced<Weapon>>,
    target: Option<Evidenced<Target>>,
    attributions: Vec<Evidenced<Attribution>>,
    nationalities: Vec<Evidenced<String>>,
    /// The names the text gives the event (`names::event_name`).
    names: Vec<Evidenced<String>>,
}

impl RawFrame {
    fn date(&self) -> Option<&Evidenced<DateInterval>> {
        // the most precise date given
        self.dates.iter().min_by_key(|d| d.value.days())
    }
    fn is_bare(&self) -> bool {
        self.dates.is_empty() && self.place.as_ref().is_none_or(|p| p.value.kind == PlaceKind::Country)
    }
}

/// Datelines opening paragraphs ("PESHAWAR, 12 March 2023 —", "Kabul, Jan. 5 (Wire) -",
/// "WASHINGTON (AP) —"): the prefix before the dash, when it is short, starts with a capital
/// and holds no sentence.
fn dateline_spans(article: &Article) -> Vec<Span> {
    let text = &article.text;
    let mut out = Vec::new();
    for p in &article.paragraphs {
        let para = p.slice(text);
        let head_end = para.char_indices().nth(70).map_or(para.len(), |(i, _)| i);
        let head = &para[..head_end];
        let Some(dash) = [" — ", " – ", " -- ", " - "].iter().filter_map(|d| head.find(d)).min() else { continue };
        let prefix = &head[..dash];
        let starts_upper = prefix.chars().next().is_some_and(|c| c.is_uppercase());
        if starts_upper && prefix.contains(',') && !prefix.contains(['.', ';', '!', '?'])
            || is_abbreviated(prefix)
            || is_wire_head(prefix)
        {
            out.push(Span::new(p.start, p.start + dash));
        }
    }
    out
}

/// How many paragraphs open a story (its lede and what follows it at once).
const LEDE_PARAGRAPHS: usize = 4;

/// Whether the article opens by telling of people killed or hurt in an event that happened
/// ("More than 120 people were killed overnight in a series of shootings and explosions"),
/// not one its text dates over a month before its publication (or at all, where the article
/// is undated): news of an incident, whatever
/// the document model's score. The model's training texts are short summaries, wire copy and
/// general news of one outlet, so the style of a long modern report can pull its score down;
/// the extractor's own reading of the lede is the floor under it.
fn leads_with_a_toll(article: &Article, frames: &[EventFrame]) -> bool {
    frames.iter().any(|f| {
        let opening =
            article.sentence_at(f.sentence.start).is_some_and(|i| article.sentences[i].paragraph < LEDE_PARAGRAPHS);
        let toll = [&f.killed, &f.wounded].into_iter().flatten().any(|c| c.value.low >= 1);
        // (a dated event in an undated article may be news or history: the model decides)
        let recent = match (f.date.as_ref(), article.published) {
            (Some(d), Some(day)) => (day - d.value.end).num_days() <= 31,
            (Some(_), None) => false,
            (None, _) => true,
        };
        f.main && f.status == EventStatus::Happened && !f.recalled && opening && toll && recent
    })
}

/// The type of an attack told without its means ("assailants attacked a post", "killed in
/// the attack") from the weapon its frame names, as the GTD and ACLED codebooks type one: an
/// explosive or a projectile makes a bombing or explosion (grenades, mortars, rockets fired
/// by assailants; air and drone strikes are typed by their own words), a firearm or a blade
/// an armed assault, fire an attack on a facility. Vehicles and chemicals type nothing alone.
fn type_by_weapon(weapon: Weapon) -> Option<EventType> {
    match weapon {
        Weapon::Explosive | Weapon::Missile => Some(EventType::Bombing),
        Weapon::Firearm | Weapon::Melee => Some(EventType::ArmedAssault),
        Weapon::Incendiary => Some(EventType::FacilityAttack),
        Weapon::Vehicle | Weapon::Chemical => None,
    }
}

/// The filing place of a story among the places its datelines name: the first below a
/// country ("KABUL, Afghanistan (AP)": Kabul), else the first.
fn filing_place(named: Vec<PlaceMatch>) -> Option<PlaceMatch> {
    let below_country = named.iter().position(|p| p.place.kind != PlaceKind::Country);
    named.into_iter().nth(below_country.unwrap_or(0))
}

/// Where a story was filed places the events it tells only where its text places them nowhere:
/// the main event and those of the dateline's own sentence, when no place reached them and any
/// country they have is the filing place's ("WASHINGTON (AP) — A car bomb killed 12 in Mosul"
/// stays in Mosul; "KABUL, Afghanistan (AP) — A suicide bomber killed five" is in Kabul).
fn place_by_filing(article: &Article, filing: &PlaceMatch, frames: &mut [EventFrame]) {
    let dateline_sentence = article.sentence_at(filing.span.start);
    for f in frames.iter_mut().filter(|f| f.place.is_none()) {
        let told_there = dateline_sentence.is_some() && article.sentence_at(f.sentence.start) == dateline_sentence;
        if !(f.main || told_there) || f.country.as_ref().is_some_and(|c| c.value != filing.place.country) {
            continue;
        }
        if f.country.is_none() {
            f.country = Some(Evidenced::read(filing.place.country.clone(), filing.span, article));
        }
        f.place = Some(Evidenced::read(filing.place.clone(), filing.span, article));
    }
}

/// A wire head in capitals or with its source in brackets: "CAIRO", "WASHINGTON (AP)",
/// "Kabul (Reuters)"; a few words, no sentence.
fn is_wire_head(prefix: &str) -> bool {
    let (head, sourced) = match prefix.strip_suffix(')').and_then(|p| p.rsplit_once('(')) {
        Some((head, source)) => (head.trim_end(), !source.trim().is_empty()),
        None => (prefix, false),
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 || head.contains(['.', ';', '!', '?', ',', '"']) {
        return false;
    }
    let letters = || head.chars().filter(|c| c.is_alphabetic());
    let in_capitals = letters().count() >= 3 && letters().all(char::is_uppercase);
    in_capitals || sourced && words.iter().all(|w| w.starts_with(char::is_uppercase))
}

/// A dateline whose only full stops are abbreviations ("WASHINGTON, Jan. 5").
fn is_abbreviated(prefix: &str) -> bool {
    prefix.chars().next().is_some_and(|c| c.is_uppercase())
        && prefix.contains(',')
        && prefix.split_whitespace().count() <= 6
        && prefix.split('.').count() <= 3
        && !prefix.contains([';', '!', '?'])
}

/// Whether the time expression at `span` dates a statement: a verb of saying or claiming
/// right after it ("on Tuesday claimed") or right before it ("said early on Monday").
fn dates_a_statement(text: &str, span: Span) -> bool {
    if STATEMENT_VERBS.contains(&next_word(text, span.end).as_str()) {
        return true;
    }
    // "in 1981 Lidia Falcón published a denunciation which suggested that ... the attack": a
    // date right before a named speaker or writer and their verb dates what they said or wrote
    let words: Vec<&str> = text[span.end..].split_whitespace().take(5).collect();
    let named = words.iter().take_while(|w| w.starts_with(char::is_uppercase) && !w.ends_with([',', '.', ';'])).count();
    let verb = words.get(named).map(|w| w.trim_end_matches([',', '.']).to_lowercase());
    if (1..=3).contains(&named)
        && verb.is_some_and(|v| STATEMENT_VERBS.contains(&v.as_str()) || matches!(v.as_str(), "published" | "wrote"))
    {
        return true;
    }
    // "pleaded not guilty on Thursday": the plea's words may stand between
    let mut at = span.start;
    for _ in 0..5 {
        let w = prev_word(text, at);
        if STATEMENT_VERBS.contains(&w.as_str()) {
            return true;
        }
        if !matches!(
            w.as_str(),
            "on" | "early" | "late" | "earlier" | "later" | "last" | "this" | "guilty" | "not" | "innocent"
        ) {
            // "told parliament on Tuesday", "briefed reporters on Monday": the addressee between
            let start = text[..at].trim_end().len().saturating_sub(w.len());
            return matches!(prev_word(text, start).as_str(), "told" | "briefed" | "informed" | "addressed");
        }
        at = text[..at].trim_end().len().saturating_sub(w.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
    }
    false
}

/// Whether the date at `date` follows, within four words, a verb of what came of an event
/// ("they were released in June 1977", "sentenced to death on Wednesday") with `trigger` not
/// among those words ("convicted of the 2013 bombing" still dates the bombing).
fn dates_an_aftermath(text: &str, from: usize, date: Span, trigger: Span) -> bool {
    let before = &text[from..date.start];
    let window = from + last_words_start(before, 4);
    // "a thirteenth victim died in 1977 of injuries suffered during the attack": a later death
    let later_death = find_any_word(&text[window..date.start], &["died", "succumbed"]).is_some() && {
        let after: Vec<String> = text[date.end..]
            .split_whitespace()
            .take(4)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase())
            .collect();
        matches!(after.first().map(String::as_str), Some("of" | "from" | "to"))
            && after.iter().any(|w| matches!(w.as_str(), "injuries" | "wounds" | "injury"))
    };
    let verb = later_death || find_any_word(&text[window..date.start], AFTERMATH_VERBS).is_some();
    // "convicted of the April 15, 2013, bombing": a date right before the trigger modifies it
    let modifier = trigger.start >= date.end
        && text[date.end..trigger.start]
            .trim_matches(|c: char| c == ',' || c.is_whitespace())
            .split_whitespace()
            .count()
            <= 1;
    verb && !modifier && !(window <= trigger.start && trigger.end <= date.start)
}

/// Whether dates form one coordinated list ("in October 2022 and August 2023", "in 2017, 2019
/// and 2022"): only "and", "or" and commas between them. Dates scattered over a sentence ("the
/// Easter Sunday bombings, whose toll rose on Wednesday") date different things.
fn coordinated(text: &str, dates: &[Evidenced<DateInterval>]) -> bool {
    let mut spans: Vec<Span> = dates.iter().map(|d| d.span).collect();
    spans.sort();
    spans.windows(2).all(|w| {
        let gap = text.get(w[0].end..w[1].start).unwrap_or("x");
        gap.split(|c: char| c.is_whitespace() || c == ',')
            .filter(|t| !t.is_empty())
            .all(|t| matches!(t.to_lowercase().as_str(), "and" | "or" | "in" | "on" | "then"))
    })
}

/// The trigger a target word is the object or modifier of: after a trigger in its clause and
/// set by "on", "at", "against", "targeting" or as its object ("attacked a police station"),
/// or right before it as a modifier ("the market bombing").
fn struck_by(text: &str, span: Span, triggers: &[&Trigger]) -> Option<usize> {
    let before: Option<usize> = triggers.iter().rposition(|t| t.span.end <= span.start);
    if let Some(i) = before {
        let gap = &text[triggers[i].span.end..span.start];
        let clause_break = gap.contains([';', '.', '(', ')']) || gap.contains(", and ") || gap.contains(", but ");
        let words: Vec<String> = gap.split_whitespace().map(|w| w.to_lowercase()).collect();
        let set_by = words.iter().any(|w| {
            matches!(
                w.as_str(),
                "on" | "at" | "against" | "targeting" | "targeted" | "into" | "near" | "outside" | "inside" | "in"
            )
        });
        // "attacked by gunmen", "found by soldiers": the agent, not what was struck
        let agent = words
            .iter()
            .rev()
            .find(|w| matches!(w.as_str(), "on" | "at" | "against" | "targeting" | "into" | "by"))
            .is_some_and(|w| w == "by");
        if !clause_break && !agent && gap.len() <= 100 && (set_by || words.len() <= 3) {
            return Some(i);
        }
    }
    triggers.iter().position(|t| {
        t.span.start >= span.end && {
            let gap = &text[span.end..t.span.start];
            gap.len() <= 14 && gap.split_whitespace().count() <= 1 && !gap.contains([',', '.', ';'])
        }
    })
}

/// Whether a place mention says where a person is from, not where something happened: "a
/// Texas woman who lost a leg", "a Delaware resident", "a native of Lahore", "born in Grozny".
fn describes_a_person(text: &str, span: Span) -> bool {
    let before = last_words(&text[..span.start], 2);
    // "rebels who were in Havana for peace talks", "Dzhokhar and his brother"
    // ("brothers who had lived in the United States for a decade")
    let mut stay: Vec<String> = last_words(&text[..span.start], 5).split(' ').map(str::to_string).collect();
    if stay.last().is_some_and(|w| w == "the") {
        stay.pop();
    }
    let stayed = stay.len() >= 3
        && matches!(stay[stay.len() - 1].as_str(), "in" | "at")
        && stay[..stay.len() - 1].iter().any(|w| w == "who")
        && stay[..stay.len() - 1].iter().skip_while(|w| *w != "who").skip(1).all(|w| STAY_VERBS.contains(&w.as_str()));
    // "from Iraq to Israel": a range of places names a region, no one place
    let range_end = prev_word(text, span.start) == "to" && {
        let head = &text[..text[..span.start].trim_end().len().saturating_sub(2)];
        head.rfind(" from ").is_some_and(|at| {
            let between = &head[at + 6..];
            between.len() < 40 && between.split_whitespace().all(|w| w.starts_with(char::is_uppercase))
        })
    };
    let after = text[span.end..].trim_start().to_lowercase();
    range_end
        || ORIGIN_NOUNS.contains(&next_word(text, span.end).as_str())
        || matches!(before.as_str(), "native of" | "born in" | "natives of" | "hometown of")
        || before.ends_with(" hometown")
        || stayed
        || after.starts_with("and his ")
        || after.starts_with("and her ")
}

/// Whether a place stands in the phrase of a speaker, set by "in" or "at" after a speaker
/// noun a few words back, with the statement verb right after the place ("an official in Kabul
/// said") or before the speaker ("said a senior official in the defense ministry in Kabul"):
/// where the speaker sits. An event told between them keeps the place ("an official said a
/// bomb exploded in Kabul").
fn in_speakers_phrase(text: &str, floor: usize, span: Span, triggers: &[&Trigger]) -> bool {
    if !matches!(prev_word(text, span.start).as_str(), "in" | "at") {
        return false;
    }
    let before = &text[floor..span.start];
    let from = floor + last_words_start(before, 10);
    let phrase = &text[from..span.start];
    let marks = [',', ';', '"', '“', '”', '(', ')'];
    let clause_from =
        from + phrase.rfind(marks).map_or(0, |i| i + phrase[i..].chars().next().map_or(1, char::len_utf8));
    let clause = &text[clause_from..span.start];
    let last = |cues: &[&str]| find_last_word(clause, cues).map(|(at, _)| at);
    let Some(at) = last(SPEAKER_NOUNS).max(last(SOURCE_NOUNS)) else { return false };
    let noun = clause_from + at;
    if triggers.iter().any(|t| t.span.start >= noun && t.span.end <= span.start) {
        return false;
    }
    let said_after = STATEMENT_VERBS.contains(&next_word(text, span.end).as_str());
    // the attribution closes the sentence: "officials said Taliban forces in Helmand attacked a
    // post" has its event after the place
    let said_before = find_any_word(&text[clause_from..noun], &["said", "says", "told", "according to"]).is_some()
        && !triggers.iter().any(|t| t.span.start >= span.end);
    said_after || said_before
}

/// The last whole-word occurrence in `s` of one of `cues`.
fn find_last_word(s: &str, cues: &[&str]) -> Option<(usize, usize)> {
    let lower = s.to_ascii_lowercase();
    cues.iter()
        .flat_map(|c| lower.match_indices(c).map(move |(i, _)| (i, i + c.len())))
        .filter(|&(a, b)| is_word_at(&lower, Span::new(a, b)))
        .max()
}

/// Whether a place name stands for an institution that speaks or acts ("the White House said",
/// "the White House Office of the Press Secretary", "the U.S. Secretary of Defense", "U.S.
/// officials"): the place of the speaker, not of the event.
fn speaks_for(text: &str, place: &Place, span: Span) -> bool {
    let next = next_word(text, span.end);
    // "a bombing in Kabul claimed 20 lives": a place set by a locative is where things happened
    // (the full stop of "U.S. officials", "U.S. Secretary" is the abbreviated name's own)
    let abbreviated = span.slice(text).contains('.');
    let rest = text[span.end..]
        .strip_prefix(". ")
        .filter(|r| abbreviated || r.starts_with(char::is_lowercase))
        .unwrap_or(&text[span.end..]);
    let glued = !rest.starts_with([',', '.', ';', ':']) && !is_locative(text, span.start);
    let speaker = glued && (STATEMENT_VERBS.contains(&next.as_str()) || SPEAKER_AFTER.contains(&next.as_str()));
    speaker || (place.kind == PlaceKind::Country && glued && OFFICE_NOUNS.contains(&next.as_str()))
}

/// Whether a place mention is set by a locative preposition ("in Germany", "near Kabul").
fn is_locative(text: &str, start: usize) -> bool {
    matches!(prev_word(text, start).as_str(), "in" | "at" | "near" | "outside" | "inside" | "across" | "within")
}

/// Whether the name at `span` stands right before a trigger, as its modifier ("a US drone
/// strike", "Israeli airstrikes"): at most one word between, no punctuation.
fn modifies_trigger(text: &str, span: Span, triggers: &[&Trigger]) -> bool {
    triggers.iter().any(|t| {
        t.span.start >= span.end && {
            let gap = text[span.end..t.span.start].strip_prefix('.').unwrap_or(&text[span.end..t.span.start]);
            gap.len() <= 12 && gap.split_whitespace().count() <= 1 && !gap.contains([',', '.', ';', ':', '(', ')'])
        }
    })
}

/// Where the clause holding byte `at` begins: just after the last clause mark (comma,
/// semicolon, dash, bracket) within 60 bytes before it, or at `floor` (the sentence start).
fn clause_start(text: &str, floor: usize, at: usize) -> usize {
    let mut from = at.saturating_sub(60).max(floor);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    // past the whole bound (a dash is three bytes)
    match text[from..at].char_indices().rfind(|(_, c)| matches!(c, ',' | ';' | '—' | '–' | '(' | ')')) {
        Some((i, c)) => from + i + c.len_utf8(),
        None => from,
    }
}

/// The latest fully stated day in the text (an estimate of when an undated article was written).
fn latest_full_date(text: &str, options: &TimeOptions) -> Option<NaiveDate> {
    find_times(text, None, options)
        .into_iter()
        .filter_map(|t| match t.value {
            TimeValue::Interval(i) if i.precision == DatePrecision::Day && t.kind == TimeKind::Date => Some(i.end),
            _ => None,
        })
        .max()
}

fn nearest_trigger(triggers: &[&Trigger], s: Span) -> usize {
    let distance = |t: &Trigger| {
        if s.end <= t.span.start {
            t.span.start - s.end
        } else {
            s.start.saturating_sub(t.span.end)
        }
    };
    triggers.iter().enumerate().min_by_key(|(_, t)| distance(t)).map(|(i, _)| i).unwrap_or(0)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

fn is_word_at(text: &str, span: Span) -> bool {
    let before_ok = text[..span.start].chars().next_back().is_none_or(|c| !is_word_char(c));
    let after_ok = text[span.end..].chars().next().is_none_or(|c| !is_word_char(c));
    before_ok && after_ok
}

fn next_word(text: &str, from: usize) -> String {
    text[from..].split(|c: char| !is_word_char(c)).find(|w| !w.is_empty()).unwrap_or("").to_ascii_lowercase()
}

fn prev_word(text: &str, to: usize) -> String {
    text[..to].rsplit(|c: char| !is_word_char(c)).find(|w| !w.is_empty()).unwrap_or("").to_ascii_lowercase()
}

/// Where the word `prev_word(text, to)` starts (`to` itself when there is none): a byte offset
/// on a char boundary, whatever punctuation lies between the word and `to`.
fn prev_word_start(text: &str, to: usize) -> usize {
    let end = text[..to].trim_end_matches(|c: char| !is_word_char(c)).len();
    let start = text[..end].trim_end_matches(is_word_char).len();
    if start == end {
        to
    } else {
        start
    }
}

/// The last `n` words of `s`, lowercase, joined by single spaces.
fn last_words(s: &str, n: usize) -> String {
    // read from the end: callers pass whole prefixes of the text, and only n words matter
    let mut words: Vec<&str> =
        s.rsplit(|c: char| !(is_word_char(c) || c == '\'' || c == '’')).filter(|w| !w.is_empty()).take(n).collect();
    words.reverse();
    words.join(" ").to_lowercase()
}

/// Whether one of `cues` ends the last `n` words of `s` (cue words matched whole).
fn last_words_any(s: &str, n: usize, cues: &[&str]) -> bool {
    let tail = format!(" {}", last_words(s, n));
    cues.iter().any(|c| {
        let c = c.to_lowercase();
        tail.ends_with(&format!(" {c}"))
            || tail.split(' ').collect::<Vec<_>>().windows(c.split(' ').count()).any(|w| w.join(" ") == c)
    })
}

/// Whether a when-clause follows the time at `span` ("since 7 July 2005, when four bombers
/// killed 52"): the clause tells the day's event, which the time dates.
fn followed_by_when(text: &str, span: Span) -> bool {
    let after = text[span.end..].trim_start_matches([',', ' ']);
    after.get(..5).is_some_and(|w| w.eq_ignore_ascii_case("when "))
}

/// Whether the first word of `s` is one of `cues` (lowercase, matched whole).
/// Whether the words after a trigger (`after`) make it an event foretold, not one that
/// happened: within its first six words, before any comma or relative pronoun, a future modal
/// and then a verb of going on or coming ("attacks in Kabul would go on", "the strikes will
/// continue"). "The attack, which could have killed hundreds" stays an attack.
fn foretold_by_its_predicate(after: &str) -> bool {
    let clause = after.split([',', ';', ':']).next().unwrap_or("");
    let words: Vec<&str> = clause.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).take(6).collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    for (i, w) in lower.iter().enumerate() {
        if matches!(w.as_str(), "which" | "that" | "who") {
            return false;
        }
        if FUTURE_MODALS.contains(&w.as_str()) {
            let next = lower.get(i + 1).map(String::as_str).unwrap_or("");
            let verb = if next == "not" { lower.get(i + 2).map(String::as_str).unwrap_or("") } else { next };
            return CONTINUATION_VERBS.contains(&verb);
        }
    }
    false
}

fn first_word_any(s: &str, cues: &[&str]) -> bool {
    let first = s.split(|c: char| !is_word_char(c)).find(|w| !w.is_empty()).unwrap_or("");
    cues.iter().any(|c| first.eq_ignore_ascii_case(c))
}

/// Whether `s` ends with one of `cues` as whole words (ignoring trailing spaces).
fn ends_with_any(s: &str, cues: &[&str]) -> bool {
    let tail = format!(" {}", last_words(s, 3));
    cues.iter().any(|c| tail.ends_with(&format!(" {c}")))
}

/// Whether one of `cues` occurs as whole words in the last `chars` bytes of `s`.
fn tail_contains_any(s: &str, chars: usize, cues: &[&str]) -> bool {
    let mut from = s.len().saturating_sub(chars);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    // stop at a clause boundary
    let tail = &s[from..];
    let tail = tail.rsplit([';', '—', '–', '(', ')']).next().unwrap_or(tail);
    find_any_word(tail, cues).is_some()
}

/// "A school teacher was killed", "an activist hacked to death": spans of phrases that tell
/// of one dead victim, each from its article to the end of its death phrase.
fn one_victim_deaths(text: &str, sentence: Span) -> Vec<Span> {
    one_victim_phrases(text, sentence, ONE_VICTIM_DEATHS)
}

/// "Assailants shot and killed Reynaldo Bugayong", "killed the head of the council": spans
/// (verb to object) of active killings whose object is one person. The object is the noun
/// phrase after the verb up to a clause mark or a word that ends it (`OBJECT_STOPS`); it is
/// one person when its head is not plural (a name's last word may end in "s") and it opens
/// with a name, "a", "an", "the", a possessive or "him" / "her". A count, a plural, an
/// attacker ("killed the assailant": attackers who died are not among the killed) or a
/// passive ("was killed in") is none.
fn one_victim_killed(text: &str, sentence: Span) -> Vec<Span> {
    one_victim_of(text, sentence, KILLING_VERBS)
}

/// "Gunmen shot and injured a shopkeeper": spans of active injuries of one person (as
/// `one_victim_killed` reads killings).
fn one_victim_injured(text: &str, sentence: Span) -> Vec<Span> {
    one_victim_of(text, sentence, INJURING_VERBS)
}

/// The spans (verb to object) of active `verbs` whose object is one person (see
/// `one_victim_killed`).
fn one_victim_of(text: &str, sentence: Span, verbs: &[&str]) -> Vec<Span> {
    let s = sentence.slice(text);
    let lower = s.to_lowercase();
    if lower.len() != s.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for verb in verbs {
        let mut from = 0;
        while let Some(i) = lower[from..].find(verb) {
            let at = from + i;
            from = at + verb.len();
            if !is_word_at(s, Span::new(at, at + verb.len())) {
                continue;
            }
            // passive or participle: "was killed", "were shot dead", "being executed"
            let prev = s[..at].split(|c: char| !is_word_char(c)).rfind(|w| !w.is_empty()).unwrap_or("");
            if matches!(prev.to_lowercase().as_str(), "was" | "were" | "been" | "be" | "being" | "is" | "are") {
                continue;
            }
            if let Some(len) = one_person_object(&s[from..]) {
                out.push(Span::new(sentence.start + at, sentence.start + from + len));
            }
        }
    }
    out.sort_by_key(|sp| sp.start);
    out.dedup_by(|a, b| a.start < b.end && b.start < a.end);
    out
}

/// The length of the noun phrase opening `after` (past its leading spaces) when it names one
/// person (see `one_victim_killed`).
fn one_person_object(after: &str) -> Option<usize> {
    let end = after.find([',', '.', ';', ':', '(', ')', '"', '—', '–']).unwrap_or(after.len());
    let phrase = &after[..end];
    let words = word_spans(phrase);
    let (first_start, first_end) = *words.first()?;
    let first = &phrase[first_start..first_end];
    let first_lower = first.to_lowercase();
    if matches!(first_lower.as_str(), "him" | "her") {
        return Some(first_end);
    }
    let opens = first.starts_with(char::is_uppercase)
        || matches!(first_lower.as_str(), "a" | "an" | "the" | "his" | "her" | "their" | "its");
    if !opens || annalist_normalize::find_quantities(phrase).first().is_some_and(|q| q.span.start == first_start) {
        return None;
    }
    let mut last = 0;
    for (k, &(a, b)) in words.iter().enumerate() {
        let w = phrase[a..b].to_lowercase();
        if k > 0 && OBJECT_STOPS.contains(&w.as_str()) {
            break;
        }
        // "killed two soldiers", "the three men": a count is the toll's to tell
        if k > 0 && !annalist_normalize::find_quantities(&phrase[a..b]).is_empty() {
            return None;
        }
        last = k;
    }
    let (a, b) = words[last];
    let head = &phrase[a..b];
    let head_lower = head.to_lowercase();
    let named = head.starts_with(char::is_uppercase);
    let plural = head_lower.ends_with('s') && !head_lower.ends_with("ss") && !named;
    let attacker =
        ATTACKER_NOUNS.contains(&head_lower.as_str()) && !matches!(head_lower.as_str(), "member" | "fighter");
    if plural || attacker || (last == 0 && !named) {
        return None;
    }
    Some(b)
}

/// "a school teacher was injured", "another was wounded": spans of injuries of one described
/// victim (as `one_victim_deaths` reads deaths).
fn one_victim_injuries(text: &str, sentence: Span) -> Vec<Span> {
    one_victim_phrases(text, sentence, ONE_VICTIM_INJURIES)
}

/// The spans of one of `phrases` told of one victim an article opens ("an activist of the
/// local party unit, 45, was killed", "the driver was hurt"; not an attacker), or "another"
/// alone ("another was wounded").
fn one_victim_phrases(text: &str, sentence: Span, phrases: &[&str]) -> Vec<Span> {
    let s = &text[sentence.start..sentence.end];
    let words: Vec<(usize, usize)> = word_spans(s);
    let lower: Vec<String> = words.iter().map(|&(a, b)| s[a..b].to_lowercase()).collect();
    let mut out = Vec::new();
    for (i, w) in lower.iter().enumerate() {
        // "his nephew was hurt", "her guard was killed": one person by kin or role too
        if !matches!(w.as_str(), "a" | "an" | "another" | "the" | "his" | "her") {
            continue;
        }
        // "a thirteenth victim died": the toll rose to thirteen, not one
        if lower.get(i + 1).is_some_and(|next| annalist_normalize::is_ordinal(next) && next != "first") {
            continue;
        }
        // up to a dozen words of the victim's description ("an activist of the local party
        // unit, 45, was killed"), not past the sentence's clause marks or another victim
        let first = if w == "another" { i + 1 } else { i + 2 };
        for j in first..(i + 14).min(lower.len()) {
            if s[words[j - 1].1..words[j].0].contains([';', ':']) || matches!(lower[j].as_str(), "a" | "an") {
                break;
            }
            let hit = phrases.iter().find(|phrase| {
                let parts: Vec<&str> = phrase.split(' ').collect();
                lower.len() >= j + parts.len() && parts.iter().zip(&lower[j..]).all(|(p, w)| p == w)
            });
            if let Some(phrase) = hit {
                // "the bomber was killed": attackers who died are not among the killed
                let attacker = matches!(w.as_str(), "the" | "his" | "her")
                    && lower[i + 1..j]
                        .iter()
                        .any(|d| ATTACKER_NOUNS.contains(&d.as_str()) && !matches!(d.as_str(), "member" | "fighter"));
                if !attacker {
                    let last = j + phrase.split(' ').count() - 1;
                    out.push(Span::new(sentence.start + words[i].0, sentence.start + words[last].1));
                }
                break;
            }
            // a finite verb of its own ends the description ("a bomb attack killed ...")
            if matches!(lower[j].as_str(), "killed" | "killing" | "kills" | "attacked" | "injured" | "wounded") {
                break;
            }
        }
    }
    out
}

/// Whether the only bounding cue before `at` is an agent's "by" ("a concert by the singer").
fn prev_words_are_agent(text: &str, at: usize) -> bool {
    let clause = tail(&text[..at], 60);
    let clause = clause.rsplit([',', ';', '.', '—', '–', '(', ')', '\n']).next().unwrap_or(clause);
    let found = |w: &str| find_any_word(clause, &[w]).is_some();
    found("by") && !found("since") && !found("until") && !found("till")
}

/// The last `n` bytes of `s` or fewer, starting on a char boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut from = s.len().saturating_sub(n);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    &s[from..]
}

/// "was injured", "had been hurt": an injury told in the passive, whose subject says who.
fn is_passive_injury(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    is_injury_phrase(s) && ["was ", "were ", "been "].iter().any(|p| lower.starts_with(p))
}

fn is_injury_phrase(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    s.ends_with("wounded") || s.ends_with("injured") || s.ends_with("hurt")
}

/// Whether the passive injury at `span` has a count of people as its subject, up to three
/// words before it ("352 people had been wounded", "dozens of others were hurt").
fn injury_told_by_count(text: &str, span: Span) -> bool {
    let (from, _) = sentence_bounds(text, span);
    // the clause by its commas, semicolons and dashes (a bracketed acronym stays inside it)
    let clause = text[from..span.start]
        .char_indices()
        .rfind(|(_, c)| matches!(c, ',' | ';' | '—' | '–'))
        .map_or(from, |(i, c)| from + i + c.len_utf8());
    let before = &text[clause..span.start];
    find_quantities(before).iter().any(|q| {
        let q_span = Span::new(clause + q.span.start, clause + q.span.end);
        let between = &text[q_span.end..span.start];
        let words = word_spans(between).len();
        // the count opens the clause, so what stands between is its noun phrase ("Two Popular
        // Mobilization Forces (PMF) fighters were injured"), not another clause
        let opens = word_spans(&text[clause..q_span.start]).len() <= 1 && !between.contains([',', ';']);
        counts_people(text, q_span) && (words <= 3 || (opens && words <= 8))
    })
}

fn is_killing_phrase(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    s.ends_with("killed") || s.ends_with("murdered")
}

/// The bounds of the sentence around `span`, by its stops (triggers are found before sentences
/// are looked at).
fn sentence_bounds(text: &str, span: Span) -> (usize, usize) {
    let from = text[..span.start].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    let to = text[span.end..].find(['.', '!', '?', '\n']).map_or(text.len(), |i| span.end + i);
    (from, to)
}

/// Whether the count at `span` is a person's age: "aged 34", "Mazid Uddin (45)", "Rubel, 22,".
/// Whether the number at `span` may count people: not an age, not the first part of a
/// compound modifier ("a one-time event", "a two-day siege", "a 12-hour curfew") and not
/// the pronoun "one" after a determiner or adjective ("a political one", "the one that").
fn counts_people(text: &str, span: Span) -> bool {
    if is_age(text, span) {
        return false;
    }
    let after = &text[span.end..];
    if after.starts_with('-') && after[1..].starts_with(|c: char| c.is_alphabetic()) {
        return false;
    }
    if span.slice(text).eq_ignore_ascii_case("one") {
        let before = text[..span.start].trim_end();
        let previous = before.rsplit(|c: char| !is_word_char(c)).next().unwrap_or("").to_lowercase();
        let adjective_before =
            matches!(previous.as_str(), "a" | "an" | "the" | "this" | "that" | "which" | "every" | "any" | "no")
                || (previous.ends_with("al") || previous.ends_with("ic") || previous.ends_with("ous"))
                    && !before.ends_with(',');
        if adjective_before {
            return false;
        }
    }
    true
}

fn is_age(text: &str, span: Span) -> bool {
    if AGE_CUES.contains(&prev_word(text, span.start).as_str()) {
        return true;
    }
    let before = text[..span.start].trim_end();
    let after = text[span.end..].trim_start();
    let named = |s: &str| {
        s.trim_end_matches(['(', ',', ' '])
            .rsplit(|c: char| !is_word_char(c))
            .next()
            .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
    };
    (before.ends_with('(') && after.starts_with(')') && named(before))
        || (before.ends_with(',') && after.starts_with(',') && named(before))
}

/// "Mazid Uddin (45), an activist of the party, was killed": spans of deaths of one named
/// victim, from the name to the end of the death phrase. The subject is the run of capitalised
/// words right before the phrase, past one appositive set off by commas and a bracketed age.
fn named_victim_deaths(text: &str, sentence: Span) -> Vec<Span> {
    named_victim_phrases(text, sentence, NAMED_VICTIM_DEATHS)
}

/// "Ozdag was injured in the attack": spans of injuries of one named victim (as
/// `named_victim_deaths` reads deaths).
fn named_victim_injuries(text: &str, sentence: Span) -> Vec<Span> {
    named_victim_phrases(text, sentence, ONE_VICTIM_INJURIES)
}

/// The spans of one of `phrases` whose subject is a name (see `named_victim_deaths`).
fn named_victim_phrases(text: &str, sentence: Span, phrases: &[&str]) -> Vec<Span> {
    let s = &text[sentence.start..sentence.end];
    let lower = s.to_lowercase();
    if lower.len() != s.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for phrase in phrases {
        let mut from = 0;
        while let Some(i) = lower[from..].find(phrase) {
            let at = from + i;
            from = at + phrase.len();
            if !is_word_at(s, Span::new(at, at + phrase.len())) {
                continue;
            }
            let mut before = s[..at].trim_end();
            if let Some(rest) = before.strip_suffix(',') {
                // skip the appositive back to the comma that opens it
                before = rest.rfind(',').map_or(rest, |c| rest[..c].trim_end());
            }
            if before.ends_with(')') {
                before = before.rfind('(').map_or(before, |c| before[..c].trim_end());
            }
            let words: Vec<&str> = before.split_whitespace().rev().take(4).collect();
            let name: Vec<&&str> = words
                .iter()
                .take_while(|w| {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                    w.chars().next().is_some_and(|c| c.is_uppercase())
                        && !NOT_VICTIM_NAMES.contains(&w.to_lowercase().as_str())
                        && !ATTACKER_NOUNS.contains(&w.to_lowercase().as_str())
                })
                .collect();
            // a name of one or more words, not the sentence's first word alone ("Police died"?)
            if name.is_empty() {
                continue;
            }
            let start = last_words_start(before, name.len());
            // "Rakib and Raihan were shot dead" has its own plural verb; "X and Y died" is two
            if before[..start].trim_end().ends_with(" and") || before[..start].trim_end() == "and" {
                continue;
            }
            out.push(Span::new(sentence.start + start, sentence.start + at + phrase.len()));
        }
    }
    out
}

/// Where the last `n` whitespace-separated words of `s` begin.
fn last_words_start(s: &str, n: usize) -> usize {
    let mut start = s.len();
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices().rev() {
        if c.is_whitespace() {
            if in_word {
                seen += 1;
                if seen == n {
                    return start;
                }
            }
            in_word = false;
        } else {
            in_word = true;
            start = i;
        }
    }
    start
}

/// Byte spans of the words of `s` (runs of word characters and apostrophes).
fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let inside = is_word_char(c) || c == '\'';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                out.push((a, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        out.push((a, s.len()));
    }
    out
}

/// An attacker noun among the next three words of `s` ("Tajik ISIS-K members").
fn attacker_noun_after(s: &str) -> Option<&'static str> {
    let mut rest = s;
    for _ in 0..4 {
        let trimmed = rest.trim_start();
        if trimmed.starts_with([',', '.', ';', ':']) {
            return None;
        }
        let end =
            trimmed.find(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':')).unwrap_or(trimmed.len());
        let word = trimmed[..end].to_lowercase();
        if let Some(n) = ATTACKER_NOUNS.iter().find(|n| **n == word) {
            return Some(n);
        }
        rest = &trimmed[end..];
        if rest.is_empty() {
            break;
        }
    }
    None
}

/// "a Tajik ISKP militant", "an attacker": spans of singular attacker phrases in the sentence.
fn singular_attackers(text: &str, sentence: Span) -> Vec<(usize, usize)> {
    let s = &text[sentence.start..sentence.end];
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < s.len() {
        let Some(rel) = s[pos..].find(|c: char| c.is_alphabetic()) else { break };
        let start = pos + rel;
        let end = s[start..].find(|c: char| !is_word_char(c)).map_or(s.len(), |e| start + e);
        let word = s[start..end].to_lowercase();
        if matches!(word.as_str(), "a" | "an" | "one" | "lone" | "single") {
            if let Some(noun) = attacker_noun_after(&s[end..]) {
                if !noun.ends_with('s') {
                    let noun_end = s[end..].to_lowercase().find(noun).map(|i| end + i + noun.len()).unwrap_or(end);
                    out.push((sentence.start + start, sentence.start + noun_end));
                }
            }
        }
        pos = end.max(start + 1);
        while pos < s.len() && !s.is_char_boundary(pos) {
            pos += 1;
        }
    }
    out
}

/// Finds the first of `cues` in `s` as whole words, case-insensitively: (start, end) in `s`.
fn find_any_word(s: &str, cues: &[&str]) -> Option<(usize, usize)> {
    let lower = s.to_lowercase();
    if lower.len() != s.len() {
        // lowercasing changed byte lengths (rare scripts): fall back to ASCII lowercasing
        let lower = s.to_ascii_lowercase();
        return find_words_in(&lower, cues);
    }
    find_words_in(&lower, cues)
}

fn find_words_in(lower: &str, cues: &[&str]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for c in cues {
        let mut from = 0;
        while let Some(i) = lower[from..].find(c) {
            let start = from + i;
            let end = start + c.len();
            if is_word_at(lower, Span::new(start, end)) {
                if best.is_none_or(|b| start < b.0) {
                    best = Some((start, end));
                }
                break;
            }
            from = start + c.len().max(1);
            while from < lower.len() && !lower.is_char_boundary(from) {
                from += 1;
            }
        }
    }
    best
}

/// Whether a cue word stands before `at` in the same clause, within `chars` bytes.
/// Where such a cue starts (byte offset into `text`), if there is one.
fn preceded_in_clause_by(text: &str, at: usize, cues: &[&str], chars: usize) -> Option<usize> {
    let mut from = at.saturating_sub(chars);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..at];
    let clause_start = from + clause_start_in(window);
    find_any_word(&text[clause_start..at], cues).map(|(start, _)| clause_start + start)
}

/// Where the clause that `window` ends in begins (a byte offset in it): after its last clause
/// mark, past an acronym in brackets ("attacks by Israel Defense Forces (IDF) on"), which
/// ends no clause.
fn clause_start_in(window: &str) -> usize {
    let mut end = window.len();
    loop {
        let Some(mark) = window[..end].rfind([',', ';', '.', '—', '–', '(', ')', '\n']) else { return 0 };
        if window[mark..].starts_with(')') {
            if let Some(open) = window[..mark].rfind('(') {
                let inside = &window[open + 1..mark];
                if !inside.is_empty() && inside.len() <= 12 && inside.chars().all(|c| c.is_alphanumeric() || c == '-') {
                    end = open;
                    continue;
                }
            }
        }
        return mark + window[mark..].chars().next().map_or(1, char::len_utf8);
    }
}

/// Decides whether actor mention `a` is a perpetrator of one of the sentence's events, with
/// which status, and of which trigger.
fn perpetrator_status(
    text: &str,
    sentence: Span,
    a: &ActorMatch,
    triggers: &[&Trigger],
    frames: &[RawFrame],
) -> Option<(AttributionStatus, usize)> {
    let before = &text[sentence.start..a.span.start];
    let after = &text[a.span.end..sentence.end];
    let armed = a.kind == ActorKind::ArmedGroup;
    let nearest = nearest_trigger(triggers, a.span);
    let arrest = frames[nearest].event_type == EventType::Arrest;

    if arrest {
        // the arrested are suspects; the arresting state is not a perpetrator
        return armed.then_some((AttributionStatus::Suspected, nearest));
    }
    if tail_contains_any(before, 50, BLAME_CUES) {
        return Some((AttributionStatus::Alleged, nearest));
    }
    // claims: "X claimed responsibility for the attack"; a name governed by a preposition
    // ("the branch, based in Afghanistan, claimed credit") is not the one who claims
    let head: String = after.chars().take(80).collect();
    let governed = matches!(
        prev_word(text, a.span.start).as_str(),
        "in" | "from" | "of" | "at" | "near" | "to" | "into" | "across" | "inside"
    );
    if let Some((start, _)) = find_any_word(&head, CLAIM_CUES).filter(|_| !governed) {
        let between = &head[..start];
        if !between.contains(['.', ';']) {
            let target = triggers.iter().position(|t| t.span.start >= a.span.end).unwrap_or(nearest);
            return Some((AttributionStatus::Claimed, target));
        }
    }
    if let Some((start, _)) = find_any_word(&head, DENY_CUES).filter(|_| !governed) {
        if head[..start].split_whitespace().count() <= 3 {
            return Some((AttributionStatus::Denied, nearest));
        }
    }
    let suspected = last_words_any(before, 3, SUSPECT_CUES);
    let status = if suspected { AttributionStatus::Suspected } else { AttributionStatus::Attributed };
    // agent: "carried out by two Tajik ISIS-K members"
    if tail_contains_any(before, 40, AGENT_CUES) && (armed || frames[nearest].event_type == EventType::Airstrike) {
        let cue_near = last_words(before, 5);
        if cue_near.split(' ').any(|w| w == "by" || w == "to" || w == "behind") {
            return Some((status, nearest));
        }
    }
    // a member of the group: "ISKP members executed", "a Tajik ISKP militant opened fire"
    if armed && attacker_noun_after(after).is_some() {
        return Some((status, nearest));
    }
    // the group's members as agent: "killed by alleged members of the 22nd front of the FARC"
    if armed && forces::agent_through_members(text, sentence.start, a.span.start) {
        return Some((status, nearest));
    }
    // the group names the event: "a Shining Path attack", "an ELN bombing"
    if let Some(i) = forces::names_trigger(text, a.span, triggers).filter(|_| armed) {
        return Some((status, i));
    }
    // the subject of a verbal trigger: "Iran launched missile attacks", "ISIS-K attacked"
    let t = triggers[nearest];
    if t.span.start >= a.span.end {
        let gap = &text[a.span.end..t.span.start];
        let close = gap.len() <= 80 && !gap.contains([';', '(', ')']);
        let verbal = t.sense.verbal
            || gap.split_whitespace().any(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "launched" | "executed" | "carried" | "conducted" | "staged" | "mounted" | "launches"
                )
            });
        let adjacent_state =
            !armed && t.sense.event_type == EventType::Airstrike && gap.split_whitespace().count() <= 1;
        let state_airstrike = verbal && t.sense.event_type == EventType::Airstrike;
        if close && ((armed && verbal) || adjacent_state || (!armed && state_airstrike)) {
            return Some((status, nearest));
        }
    }
    None
}

/// Fills dates and places that the trigger's sentence lacks from its context in the paragraph:
/// a scene-setting sentence just before ("On January 3 in Kerman, a procession gathered. It was
/// targeted by an attack."), or the previous event of the paragraph ("at the same shrine").
fn inherit_from_context(article: &Article, m: &Scan, frames: &mut [RawFrame]) {
    let text = &article.text;
    share_a_place_named_after_coordinated_verbs(text, frames);
    for i in 0..frames.len() {
        // "died after a gunfight three days after the bombing": a trigger that refers back from
        // a sentence about another event takes no scene from the sentence before (while "After
        // the explosion, the mayor ordered ..." does)
        let (si, para) = (frames[i].sentence, frames[i].paragraph);
        if frames[i].reference && frames.iter().any(|f| f.sentence == si && !f.reference) {
            continue;
        }
        if si > 0 && article.sentences[si - 1].paragraph == para {
            let prev = article.sentences[si - 1].span;
            let prev_has_trigger = m.triggers.iter().any(|t| prev.contains(t.span));
            let own = article.sentences[si].span;
            // "In the past, militants executed two attacks": the sentence says its own (vague) time
            let vague_time = find_any_word(own.slice(text), VAGUE_TIME_CUES).is_some();
            // "Lyon will host the 7 July final. After the explosion, ...": a sentence about what
            // is to come sets no date for what happened
            let prev_lower = prev.slice(text).to_lowercase();
            let future = FUTURE_CUES.iter().any(|c| prev_lower.contains(c));
            if !prev_has_trigger {
                if frames[i].dates.is_empty() && !vague_time && !future {
                    if let Some(t) = m.times.iter().find(|t| prev.contains(t.span)) {
                        if let TimeValue::Interval(interval) = t.value {
                            frames[i].dates.push(Evidenced::read(interval, t.span, article));
                        }
                    }
                }
                if frames[i].place.is_none() {
                    let best = m
                        .places
                        .iter()
                        .filter(|p| prev.contains(p.span))
                        .max_by_key(|p| (p.place.kind.specificity(), std::cmp::Reverse(p.span.start)));
                    if let Some(p) = best {
                        frames[i].place = Some(Evidenced::read(p.place.clone(), p.span, article));
                    }
                }
                // "Assailants fired two rockets at the airport. No one was hurt in the attack.":
                // the means of an attack its own sentence only refers back to
                if frames[i].weapon.is_none() && frames[i].event_type == EventType::Unknown {
                    if let Some(&(span, weapon)) = m.weapons.iter().find(|(s, _)| prev.contains(*s)) {
                        frames[i].weapon = Some(Evidenced::read(weapon, span, article));
                    }
                }
            }
        }
        // a dated event with no place, right after an event of the paragraph with one
        if frames[i].place.is_none() && !frames[i].dates.is_empty() && i > 0 {
            let prev = &frames[i - 1];
            let same_para = prev.paragraph == para && prev.sentence + 1 >= si;
            let refers_back =
                text[article.sentences[si].span.start..article.sentences[si].span.end].to_lowercase().contains("same");
            if same_para && refers_back && prev.event_type.can_name_one_event_with(frames[i].event_type) {
                frames[i].place = prev.place.clone();
            }
        }
    }
}

/// "Assailants opened fire on civilians and set fire to buildings in Gujba, Yobe, Nigeria": the
/// place a sentence names after two verbs joined by "and" is where both were done, so an event
/// of the sentence with no place of its own takes the place of a later one, when only words of
/// one clause stand between their triggers (an "and", no semicolon, no second sentence).
fn share_a_place_named_after_coordinated_verbs(text: &str, frames: &mut [RawFrame]) {
    for i in 0..frames.len() {
        if frames[i].place.is_some() || frames[i].reference || frames[i].background {
            continue;
        }
        let found = frames.iter().enumerate().find_map(|(j, f)| {
            let place = f.place.as_ref()?;
            let (first, second) = (frames[i].trigger, f.trigger);
            let coordinated = j != i
                && f.sentence == frames[i].sentence
                && first.end <= second.start
                && place.span.start >= second.end
                && {
                    let between = &text[first.end..second.start];
                    !between.contains([';', ':']) && find_any_word(between, &["and"]).is_some()
                };
            coordinated.then(|| place.clone())
        });
        if let Some(place) = found {
            frames[i].place = Some(place);
        }
    }
}

/// A timeline ("April 14, 2013" / "Tamerlan buys two backpacks ..." / "April 15, 2013" / ...):
/// where at least two paragraphs are each nothing but a date, an event told after one with no
/// date of its own happened on that heading's date. Not an event set as background, nor one
/// named as known ("recovered from the Watertown shootout scene"), nor one a sentence refers
/// back to ("two days after the bombing, ..."), unless it sets it within hours ("less than a
/// half hour after the bombs went off, he was seen ...").
fn date_by_timeline_headings(article: &Article, m: &Scan, frames: &mut [RawFrame]) {
    let text = &article.text;
    let headings: Vec<(usize, &TimeExpression, DateInterval)> = article
        .paragraphs
        .iter()
        .filter_map(|p| {
            let own = p.slice(text).trim().trim_end_matches([':', '.', '-', '—', '–']).trim_end();
            // a heading is short; the times are in text order, so the paragraph's first is found
            // by bisection, not by a scan of the article's times per paragraph
            if own.len() > 40 {
                return None;
            }
            let t = m.times.get(m.times.partition_point(|t| t.span.start < p.start))?;
            if !p.contains(t.span) || t.span.slice(text) != own {
                return None;
            }
            match t.value {
                TimeValue::Interval(interval) if interval.days() <= 31 => Some((p.start, t, interval)),
                _ => None,
            }
        })
        .collect();
    if headings.len() < 2 {
        return;
    }
    for f in frames.iter_mut().filter(|f| f.dates.is_empty() && !f.background) {
        let sentence = article.sentences[f.sentence].span;
        let before = &text[sentence.start..f.trigger.start];
        if f.reference {
            if !last_words_any(before, 6, SAME_DAY_CUES) {
                continue;
            }
        } else if is_definite(before) {
            // "a receipt recovered from the Watertown shootout scene": an event the entry names
            // as known, not one it tells of
            continue;
        }
        if let Some((_, t, interval)) = headings.iter().rev().find(|(start, _, _)| *start < f.trigger.start) {
            f.dates.push(Evidenced::read(*interval, t.span, article));
        }
    }
}

fn same_place(a: &Place, b: &Place) -> bool {
    a.name.eq_ignore_ascii_case(&b.name) && a.country == b.country
}

/// Whether raw frame `f` can be the event of cluster `c` without contradiction.
fn agrees(c: &RawFrame, f: &RawFrame) -> bool {
    if !c.event_type.can_name_one_event_with(f.event_type) {
        return false;
    }
    let active = |s: EventStatus| matches!(s, EventStatus::Happened | EventStatus::Foiled);
    if active(c.status) != active(f.status) {
        return false;
    }
    // one sentence's event and the one it sets as background ("the bombings were carried out
    // in retaliation for the shootings") are two
    if c.sentence == f.sentence && c.background != f.background {
        return false;
    }
    if let (Some(a), Some(b)) = (c.date(), f.date()) {
        if !a.value.overlaps(&b.value, 1) {
            return false;
        }
    }
    if let (Some(a), Some(b)) = (&c.place, &f.place) {
        if a.value.country != b.value.country {
            return false;
        }
        let both_specific = a.value.kind != PlaceKind::Country && b.value.kind != PlaceKind::Country;
        if both_specific && !same_place(&a.value, &b.value) && a.value.kind == b.value.kind {
            return false;
        }
    }
    true
}

/// Whether `f` is positively linked to cluster `c` (beyond not contradicting it).
fn linked(c: &RawFrame, f: &RawFrame) -> bool {
    let place = matches!((&c.place, &f.place), (Some(a), Some(b)) if a.value.kind != PlaceKind::Country
        && (same_place(&a.value, &b.value) || annalist_model::site_in_city(&a.value, &b.value)));
    // a day's slack joins reports of one day that differ by one ("late on Monday", "on
    // Tuesday"), not a day to the week before it ("on Monday" and "last week")
    let slack = |a: &DateInterval, b: &DateInterval| i64::from(a.days() == 1 && b.days() == 1);
    let date = matches!((c.date(), f.date()), (Some(a), Some(b)) if a.value.days() <= 31 && b.value.days() <= 31
        && a.value.overlaps(&b.value, slack(&a.value, &b.value)));
    // "on 1 March gunmen and suicide bombers attacked a camp in Helmand": two nearby triggers of
    // one sentence that share out its date and its place name one event
    let both_dated = c.date().is_some() && f.date().is_some();
    let both_placed = c.place.is_some() && f.place.is_some();
    let complementary = near_in_sentence(c, f) && !f.reference && !both_dated && !both_placed;
    // "the parents of the two bombing suspects in Boston ... before the April 15 attack": a
    // definite mention later in the sentence refers back to its event, however far
    let back_reference = c.sentence == f.sentence
        && f.definite
        && f.trigger.start > c.trigger.end
        && !f.reference
        && !f.background
        && !both_dated
        && !both_placed;
    place || date || complementary || back_reference
}

fn merge(into: &mut RawFrame, f: RawFrame) {
    let refines = into.event_type == EventType::Unknown
        || (into.event_type == EventType::FoiledPlot && f.event_type == EventType::Arrest);
    if refines && f.event_type != EventType::Unknown {
        into.event_type = f.event_type;
    }
    if into.status != EventStatus::Happened && f.status == EventStatus::Happened {
        into.status = f.status;
    }
    into.background &= f.background;
    into.recalled |= f.recalled;
    if into.suicide.is_none() {
        into.suicide = f.suicide;
    }
    into.dates.extend(f.dates);
    match (&into.place, f.place) {
        (None, Some(p)) => into.place = Some(p),
        (Some(cur), Some(p)) if p.value.kind.specificity() > cur.value.kind.specificity() => into.place = Some(p),
        _ => {}
    }
    for p in f.perpetrators {
        match into.perpetrators.iter_mut().find(|e| e.value.name == p.value.name) {
            Some(e) if p.value.status < e.value.status => *e = p,
            Some(_) => {}
            None => into.perpetrators.push(p),
        }
    }
    for (slot, new) in
        [(&mut into.killed, f.killed), (&mut into.wounded, f.wounded), (&mut into.attackers_killed, f.attackers_killed)]
    {
        if let Some(n) = new {
            if slot.as_ref().is_none_or(|cur| n.value.low > cur.value.low) {
                *slot = Some(n);
            }
        }
    }
    if into.attackers.is_none() {
        into.attackers = f.attackers;
    }
    if into.weapon.is_none() {
        into.weapon = f.weapon;
    }
    if into.target.is_none() {
        into.target = f.target;
    }
    for n in f.names {
        if !into.names.iter().any(|e| e.value == n.value) {
            into.names.push(n);
        }
    }
    parties::merge(into, f.attributions, f.nationalities);
}

/// Whether the words after a trigger set it a span of time back from the story, closing its
/// clause ("the assassination of Luis Carrero Blanco one year before.", "a bombing two weeks
/// earlier,"): an earlier event (but "two days before the election" dates it by another).
fn dated_back_after(after: &str) -> bool {
    let clause = after.split([',', ';', '.', '—', '(']).next().unwrap_or("");
    let words: Vec<String> = clause.split_whitespace().map(str::to_lowercase).collect();
    words.len() <= 10
        && words.len() >= 3
        && matches!(words[words.len() - 1].as_str(), "before" | "earlier")
        && UNITS_OF_TIME.contains(&words[words.len() - 2].trim_end_matches('s'))
        && (words[words.len() - 3].parse::<u32>().is_ok() || COUNT_WORDS.contains(&words[words.len() - 3].as_str()))
}

const UNITS_OF_TIME: &[&str] = &["day", "week", "month", "year", "decade"];
const COUNT_WORDS: &[&str] =
    &["a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "few"];

/// Whether `s` holds "came ... after" ("came hours after", "comes days after"), which sets the
/// event told before those words after the one told past them: in the words of a trigger's
/// clause before it ("the attack came hours after another"), the trigger is the earlier event;
/// with `opening`, the words must open `s`, the words after a trigger ("the attack came hours
/// after"), which make the trigger the later one, the story's.
fn set_after(s: &str, opening: bool) -> bool {
    let words: Vec<String> = s
        .split(|c: char| !(is_word_char(c) || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let verb = words.iter().position(|w| matches!(w.as_str(), "came" | "comes" | "come"));
    verb.filter(|&at| !opening || at == 0).is_some_and(|at| {
        // at most three words of time between ("came just two hours after")
        words[at + 1..].iter().take(4).position(|w| w == "after").is_some()
    })
}

/// "bought remote-control devices in Malden, which prosecutors say are needed to remotely
/// trigger the bombs", "buys two backpacks that were used to carry the bombs", "bought timers
/// to detonate them": the words before a trigger name a purchase, and the trigger is what the
/// things bought were for (or the verb of it).
fn serves_a_purchase(before: &str) -> bool {
    if find_any_word(before, PURCHASE_VERBS).is_none() {
        return false;
    }
    let words: Vec<String> = last_words(before, 5).split(' ').map(str::to_string).collect();
    // "to" right before the trigger, or past one adverb, makes the trigger the purpose's verb
    words.iter().rposition(|w| w == "to").is_some_and(|to| {
        words.len() - to <= 2 || words[to + 1..].iter().any(|w| PREPARATION_VERBS.contains(&w.as_str()))
    })
}

/// The phrase that tells what someone is charged with or suspected of, from its cue to the
/// end of its clause, where it holds `trigger` and the sentence sets it off on both sides
/// ("Abaaoud, a Belgian who is suspected of organising the attacks, was among those who
/// died"); none where the trigger's clause has no such cue or runs on to the sentence's end
/// ("indicted two men accused of carrying out the bombing at a shrine": the sentence is about
/// the bombing throughout).
fn charge_phrase(text: &str, sentence: Span, trigger: Span) -> Option<Span> {
    const BOUNDS: [char; 6] = [',', ';', '—', '–', '(', ')'];
    let before = &text[sentence.start..trigger.start];
    let from = sentence.start + before.rfind(BOUNDS)?;
    let (cue, _) = find_any_word(&text[from..trigger.start], CHARGE_CUES)?;
    let end = trigger.end + text[trigger.end..sentence.end].find(BOUNDS)?;
    Some(Span::new(from + cue, end))
}

/// Where the clause holding `trigger` ends, when that clause opens its sentence within a few
/// words and a comma closes it ("Hours after the blast, police sealed the street": the comma
/// after "blast"; not "he left just minutes before the blast occurred, during rush hour", where
/// the trigger ends a clause about something else and what follows the comma is its time).
fn opening_clause_end(text: &str, sentence: Span, trigger: Span) -> Option<usize> {
    let before = &text[sentence.start..trigger.start];
    if before.contains([',', ';', '—', '–']) || before.split_whitespace().count() > 8 {
        return None;
    }
    text[trigger.end..sentence.end].find(',').map(|i| trigger.end + i)
}

/// Whether the words before a trigger make it definite: "the" right before it, or before at
/// most three names and numbers ("the April 15 attack", "the Boston Marathon bombing").
fn is_definite(before: &str) -> bool {
    let words: Vec<&str> = before.split_whitespace().rev().take(4).collect();
    let Some(the) = words.iter().position(|w| w.eq_ignore_ascii_case("the")) else { return false };
    words[..the].iter().all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
}

/// Whether two frames give death tolls too far apart to be one event's (at least five more
/// than three times the smaller: 126 and 8, not 12 and 8, which a revised toll can be).
fn tolls_far_apart(c: &RawFrame, f: &RawFrame) -> bool {
    match (&c.killed, &f.killed) {
        (Some(a), Some(b)) => {
            let (lo, hi) = (a.value.low.min(b.value.low), a.value.low.max(b.value.low));
            hi >= 3 * lo + 5
        }
        _ => false,
    }
}

/// Whether two triggers stand close together in one sentence (a long run-on "sentence" of an
/// unpunctuated text is many).
fn near_in_sentence(c: &RawFrame, f: &RawFrame) -> bool {
    let gap = if c.trigger.start <= f.trigger.start {
        f.trigger.start.saturating_sub(c.trigger.end)
    } else {
        c.trigger.start.saturating_sub(f.trigger.end)
    };
    c.sentence == f.sentence && gap <= 80
}

/// Of bare mentions, the one that names the story's event when no event with arguments can:
/// one that happened, is not set as background and names a kind of attack (not "the attack",
/// not an arrest, nor the kind of `other`, the background event that followed it), the kind
/// mentioned most, its first mention; before all, one that another is set after, however it
/// is named.
fn bare_main(bare: &[RawFrame], other: Option<EventType>) -> Option<usize> {
    // the event another is set after ("the attack came hours after another bomb went off") is
    // the story's, of whatever kind it is named
    let candidate = |f: &RawFrame| {
        f.status == EventStatus::Happened
            && !f.background
            && (f.anchor
                || (!matches!(f.event_type, EventType::Unknown | EventType::Arrest)
                    && other.is_none_or(|t| t != f.event_type)))
    };
    let mentions = |t: EventType| bare.iter().filter(|f| candidate(f) && f.event_type == t).count();
    bare.iter()
        .enumerate()
        .filter(|(_, f)| candidate(f))
        .max_by_key(|(j, f)| (f.anchor, mentions(f.event_type), std::cmp::Reverse(*j)))
        .map(|(j, _)| j)
}

/// Within-article coreference: merges raw frames into one frame per event and marks the main one.
fn corefer(
    article: &Article,
    told_from: Option<NaiveDate>,
    raw: Vec<RawFrame>,
    pending: parties::Pending,
) -> Vec<EventFrame> {
    let mut clusters: Vec<(RawFrame, usize)> = Vec::new(); // (merged frame, mentions)
    let mut bare: Vec<RawFrame> = Vec::new();
    for f in raw {
        if f.is_bare() {
            bare.push(f);
            continue;
        }
        match clusters.iter_mut().find(|(c, _)| agrees(c, &f) && linked(c, &f)) {
            Some((c, n)) => {
                if c.sentence != f.sentence {
                    *n += 1;
                }
                merge(c, f);
            }
            None => clusters.push((f, 1)),
        }
    }
    // "the Rolando bombing was an attack on 13 September in Madrid": a bare trigger of a kind
    // names the kind of its sentence's event of none, unless it refers back to another (one
    // sentence naming its event twice is one mention of it)
    let mut rest = Vec::with_capacity(bare.len());
    for f in bare {
        let names_kind = |c: &RawFrame| c.event_type == EventType::Unknown && f.event_type != EventType::Unknown;
        match clusters
            .iter_mut()
            .find(|(c, _)| !f.reference && near_in_sentence(c, &f) && names_kind(c) && agrees(c, &f))
        {
            Some((c, _)) => merge(c, f),
            None => rest.push(f),
        }
    }
    let bare = rest;
    // the main event: a happened one the text does not set as background (nor dates more than a
    // year before the article), then the one mentioned most, counting the bare mentions that
    // can be it ("the bombing" for a bombing; "the attack", which names any kind, half), then
    // the first
    // "wanted for the 2003 attack" in a report of an arrest
    let long_before = |c: &RawFrame| {
        told_from.is_some_and(|day| c.date().is_some_and(|d| d.value.end + Duration::days(RETROSPECTIVE_DAYS) < day))
    };
    let salience = |c: &RawFrame, n: usize| {
        // in halves: a "bombing" weighs one for a bombing, an "attack" half for any event it can
        // be, and a "bombing" half for an event named only "an attack" (which it can be)
        let weight = |f: &RawFrame| match (f.event_type == c.event_type, f.event_type == EventType::Unknown) {
            (_, true) => 1,
            (true, false) => 2,
            (false, false) => usize::from(c.event_type == EventType::Unknown),
        };
        // (a mention with a toll far from the event's, "126 killed in the explosion" beside "a
        // bombing left eight dead", is of another event)
        2 * n + bare.iter().filter(|f| agrees(c, f) && !tolls_far_apart(c, f)).map(weight).sum::<usize>()
    };
    // (an attempt that failed, "an assailant attempted to stab soldiers", is an incident too,
    // the main one where none happened)
    let mut main = clusters
        .iter()
        .enumerate()
        .filter(|(_, (c, _))| matches!(c.status, EventStatus::Happened | EventStatus::Foiled))
        .max_by_key(|(i, (c, n))| {
            let happened = c.status == EventStatus::Happened;
            (!(c.background || long_before(c)), happened, salience(c, *n), std::cmp::Reverse(*i))
        })
        .map(|(i, _)| i);
    // "found guilty of a shooting three days later ... lost a leg in the bombing": where the
    // only events told with arguments are set as background, the story's own event is the one
    // it names bare, of another kind than what followed it
    // (an event long before the article is still the one its bare mentions name, and so is a
    // background event of no kind, unless the bare mention comes first: "the windows were
    // blown out", told before the text recalls "attacks across Paris", cannot refer back to
    // them; where every event told with arguments is not known to have happened, nothing is)
    let unsettled = match main {
        Some(i) => clusters[i].0.background,
        None => clusters.is_empty(),
    };
    let mut bare = bare;
    if unsettled {
        let typed_main = main.is_none_or(|i| clusters[i].0.event_type != EventType::Unknown);
        let first_told = |j: usize| main.is_none_or(|i| bare[j].trigger.start < clusters[i].0.trigger.start);
        if let Some(j) =
            bare_main(&bare, main.map(|i| clusters[i].0.event_type)).filter(|&j| typed_main || first_told(j))
        {
            clusters.push((bare.remove(j), 1));
            main = Some(clusters.len() - 1);
        }
    }
    let mut main_mentions = 0;
    for f in bare {
        let target = main.filter(|&i| agrees(&clusters[i].0, &f)).or_else(|| {
            // else the latest event of the same paragraph that agrees with it
            clusters
                .iter()
                .rposition(|(c, _)| c.paragraph == f.paragraph && c.trigger.start < f.trigger.start && agrees(c, &f))
        });
        match target {
            Some(i) => {
                if Some(i) == main {
                    main_mentions += 1;
                }
                merge(&mut clusters[i].0, f);
                clusters[i].1 += 1;
            }
            None => clusters.push((f, 1)),
        }
    }
    let _ = main_mentions;
    if let Some(i) = main.or((!clusters.is_empty()).then_some(0)) {
        parties::merge(&mut clusters[i].0, pending.attributions, pending.nationalities);
    }
    clusters
        .into_iter()
        .enumerate()
        .map(|(i, (c, _))| {
            let sentence = article.sentences[c.sentence].span;
            let date = c.dates.iter().min_by_key(|d| d.value.days()).cloned();
            let country = c.place.as_ref().map(|p| Evidenced {
                value: p.value.country.clone(),
                span: p.span,
                sentence: p.sentence,
                quote: p.quote.clone(),
            });
            EventFrame {
                document: article.id.clone(),
                event_type: c.event_type,
                status: c.status,
                trigger: c.trigger,
                sentence,
                quote: sentence.slice(&article.text).to_string(),
                date,
                country,
                place: c.place,
                perpetrators: c.perpetrators,
                killed: c.killed,
                wounded: c.wounded,
                suicide: c.suicide,
                attackers: c.attackers,
                attackers_killed: c.attackers_killed,
                weapon: c.weapon,
                target: c.target,
                main: Some(i) == main,
                recalled: c.recalled,
                attributions: c.attributions,
                attacker_nationalities: c.nationalities,
                names: c.names,
                telling: Telling::Reported,
            }
        })
        .collect()
}

/// The article as extraction reads it when it has a case-restored view (`Article::reading`, the
/// same byte length as its text): the view in place of the text, every offset the same.
fn reading_view(article: &Article) -> Option<Article> {
    let reading = article.reading.as_ref().filter(|r| r.len() == article.text.len())?;
    Some(Article { text: reading.clone(), reading: None, ..article.clone() })
}

#[cfg(test)]
mod tests;
