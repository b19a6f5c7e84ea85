//! The time stage: finds time expressions in raw text and resolves them to TIMEX3 values
//! against the article's publication date.
//!
//! `tag(text, ctx)` is usable on its own; `TimeStage` runs it inside the pipeline.
//!
//! # Values
//! Points at their grain (`2024-08-12`, `2024-W33`, `2024-08`, `2024-Q3`, `2024-H2`, `2024-SU`,
//! `2024`, `199` for the 1990s, `20` for the 21st century), times of day (`2024-08-12T15:00`,
//! `2024-08-12TMO`), intervals `START/END` with END inclusive at its grain (`2025/2026` = both
//! years, `2013-07-13/2013-07-15`), durations (`P3D`, `PXM` for "a few months"), sets
//! (`XXXX-WXX-1` for "every Monday", `P1W` for "weekly"), and reference words (`PRESENT_REF`,
//! `PAST_REF`, `FUTURE_REF`). `early/mid/late` and `the end of` keep the period's value and set
//! `modifier` (TIMEX3 `mod`). Every calendar value also carries concrete `bounds`.
//!
//! # Reference time and settings
//! `TimeContext::for_article` converts `published_at` to the article's local date with
//! `ExtractOptions.utc_offset_seconds` before anything is resolved, and takes
//! `ExtractOptions.week_start` for week arithmetic ("this week", "Monday of next week"); ISO week
//! labels name a Sunday-started week by the ISO week of its Monday. Without a reference date,
//! relative expressions stay unresolved (`XXXX-WXX-1`, `XXXX-03-03`, `PRESENT_REF` for "today");
//! the clock is never read.
//!
//! # Direction (tense)
//! An under-specified day ("on Monday", "March 3", "Christmas") is placed by the nearest tense
//! cue in its clause (will/shall/'ll/going/expected... → future; was/were/had/-ed verbs/common
//! irregular past forms/ago → past). Without a cue, news convention (`Bias::News`): weekdays
//! are the most recent such day (the reference day itself included: "said Monday" published on
//! a Monday is that day), dates and months the nearest occurrence. `Bias::Future` (assistant
//! convention, used to check against Duckling) resolves them forward. A caller who wants only
//! weekdays read forward sets `ExtractOptions.weekday_reading` to `NearestFuture`.
//!
//! # Reported speech
//! Deixis inside reported speech ("said John met today") resolves to the publication date: the
//! article does not tell us when the statement was made.
//!
//! # Narrative anchors
//! "the next day", "that day", "two days later", "a year earlier", "the following month" count
//! from the last point the text mentioned (at its grain: "1724 ... two years later" is `1726`),
//! or from the reference when nothing was mentioned yet.
//!
//! # Ranges
//! A range is one expression when it is written tight (`2025-2026`, `Jan. 5-7`, `2024-25`) or
//! when one side is incomplete (`July 13 to 15`, `13 to 15 July`); two complete expressions
//! joined by words or a spaced dash (`from 2010 to 2012`, `1704 – 1787`) are two expressions,
//! as TimeML annotates them.
//!
//! # Holidays
//! Fixed-date and weekday-rule holidays, Easter-based feasts (computus, Western and Orthodox),
//! Jewish holidays (Hebrew calendar arithmetic), Ramadan and the Eids (hand-written table of
//! observed dates 2000–2040, arithmetic Islamic calendar outside it), Lunar New Year (table
//! 2000–2030). Jewish holidays take the first full day, not the eve.
//!
//! # Cost
//! One lexing pass, then at each token a fixed set of rules that look at a bounded number of
//! tokens; nested sub-parses are capped at depth 3. Linear in the length of the text.

mod calendar;
mod grammar;
mod lexer;
mod resolve;
mod stage;
mod tense;
mod value;

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};

pub use stage::TimeStage;
pub use value::{Grain, Mod};

use crate::model::{ExtractOptions, Span, TimeType, WeekStart, WeekdayReading};

/// How to place under-specified expressions that have no tense cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bias {
    /// Weekdays in the past, dates and months at the nearest occurrence.
    #[default]
    News,
    /// Everything in the future (Duckling's assistant convention).
    Future,
}

#[derive(Debug, Clone, Default)]
pub struct TimeContext {
    /// Local date and time of publication.
    pub reference: Option<NaiveDateTime>,
    pub week_start: WeekStart,
    pub bias: Bias,
    /// Untensed weekdays under `Bias::News`: past (default) or the next such day.
    pub weekday_reading: WeekdayReading,
}

impl TimeContext {
    pub fn new(reference: Option<NaiveDateTime>) -> Self {
        TimeContext {
            reference,
            ..Default::default()
        }
    }

    /// Reference = `published_at` shifted to the article's local time.
    pub fn for_article(published_at: Option<DateTime<Utc>>, options: &ExtractOptions) -> Self {
        let reference = published_at
            .map(|t| t.naive_utc() + TimeDelta::seconds(options.utc_offset_seconds as i64));
        TimeContext {
            reference,
            week_start: options.week_start,
            bias: Bias::News,
            weekday_reading: options.weekday_reading,
        }
    }
}

/// Concrete extent of a value: `[start, end)` and its grain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub grain: Grain,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimeMatch {
    /// Byte span in the text given to `tag`.
    pub span: Span,
    /// TIMEX3 value.
    pub value: String,
    pub time_type: TimeType,
    /// TIMEX3 `mod` (`early March` → START).
    pub modifier: Option<Mod>,
    /// Where the expression lies on the calendar, when it can be placed. For an anchored
    /// duration ("the past two weeks") these are the whole units it covers.
    pub bounds: Option<Bounds>,
}

/// Finds and resolves the time expressions of `text`.
pub fn tag(text: &str, ctx: &TimeContext) -> Vec<TimeMatch> {
    tag_with_sentences(text, ctx, &[])
}

/// Like `tag`, with sentence spans (sorted byte spans) to bound the tense context.
pub fn tag_with_sentences(text: &str, ctx: &TimeContext, sentences: &[Span]) -> Vec<TimeMatch> {
    let mut toks = lexer::lex(text);
    let starts: Vec<usize> = sentences.iter().map(|s| s.start).collect();
    if !starts.is_empty() {
        // A line break inside a sentence wraps a line (hard-wrapped copy): not a boundary.
        for t in toks.iter_mut().filter(|t| t.newline_before) {
            t.newline_before = starts.binary_search(&t.start).is_ok();
        }
    }
    let clause = tense::clauses(&toks, &starts);
    let parser = grammar::Parser::new(&toks, ctx, &clause);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match parser.parse(i) {
            Some(m) if m.e > i => {
                parser.note(&m);
                let span = Span::new(toks[m.s].start, toks[m.e - 1].end);
                out.push(to_match(span, &m.val));
                i = m.e;
            }
            _ => i += 1,
        }
    }
    out
}

fn to_match(span: Span, v: &value::Val) -> TimeMatch {
    use value::Val;
    let (modifier, bounds) = match v {
        Val::Pt(p, m) => {
            let b = match m {
                Some(m) => value::mod_bounds(p, *m).map(|(s, e, g)| Bounds {
                    start: s,
                    end: e,
                    grain: g,
                }),
                None => value::pt_bounds(p).map(|(s, e)| Bounds {
                    start: s,
                    end: e,
                    grain: p.grain,
                }),
            };
            (*m, b)
        }
        Val::Iv(a, b) => {
            let bounds = match (value::pt_bounds(a), value::pt_bounds(b)) {
                (Some((s, _)), Some((_, e))) => Some(Bounds {
                    start: s,
                    end: e,
                    grain: a.grain.min(b.grain),
                }),
                _ => None,
            };
            (None, bounds)
        }
        Val::Dur {
            anchor: Some((a, b)),
            ..
        } => {
            let bounds = match (value::pt_bounds(a), value::pt_bounds(b)) {
                (Some((s, _)), Some((_, e))) => Some(Bounds {
                    start: s,
                    end: e,
                    grain: a.grain,
                }),
                _ => None,
            };
            (None, bounds)
        }
        _ => (None, None),
    };
    TimeMatch {
        span,
        value: value::format_val(v),
        time_type: value::time_type(v),
        modifier,
        bounds,
    }
}
