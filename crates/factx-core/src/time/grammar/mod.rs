//! The grammar: at each token that may start a time expression (`may_start`: most tokens are
//! rejected with a look-up or two), every family of rules proposes a match; the longest wins, then
//! it is extended into a range (`July 13-15`, `from 2010 to 2012`) or given a time of day
//! (`Monday at 3 p.m.`). Every rule looks at a bounded number of tokens, so a pass is linear.

mod absolute;
mod clock;
mod holidays;
mod relative;

use chrono::{Datelike, NaiveDate};

use super::lexer::{Kind, Tok};
use super::resolve::Dir;
use super::tense;
use super::value::{Grain, Pt, Tod, Val};
use super::{Bias, TimeContext};
use crate::lexicon::time::{self as lexicon, TimeCue, TimeWord};
use crate::model::WeekdayReading;

/// A match over tokens `[s, e)`.
#[derive(Debug, Clone)]
pub struct M {
    pub s: usize,
    pub e: usize,
    pub val: Val,
}

pub struct Parser<'a> {
    pub t: &'a [Tok],
    pub ctx: &'a TimeContext,
    pub clause: &'a [u32],
    /// Nesting of `core` calls (`the end of early March`); bounded so that every start token
    /// costs a constant amount of work.
    depth: std::cell::Cell<u8>,
    /// The last day mentioned, for narrative anaphora (`the next day`, `two days later`).
    anchor: std::cell::Cell<Option<Pt>>,
}

const MAX_DEPTH: u8 = 3;

const EMPTY: &str = "";

impl<'a> Parser<'a> {
    pub fn new(t: &'a [Tok], ctx: &'a TimeContext, clause: &'a [u32]) -> Self {
        Parser {
            t,
            ctx,
            clause,
            depth: std::cell::Cell::new(0),
            anchor: std::cell::Cell::new(None),
        }
    }

    // ---- token helpers -------------------------------------------------------------------
    pub fn w(&self, i: usize) -> &str {
        self.t.get(i).map_or(EMPTY, |t| t.low.as_str())
    }
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.w(i) == w
    }
    pub fn any(&self, i: usize, ws: &[&str]) -> bool {
        let x = self.w(i);
        !x.is_empty() && ws.contains(&x)
    }
    /// Whether token `i` is a cue word of class `c` (`data/time/cues.tsv`).
    pub fn cue(&self, i: usize, c: TimeCue) -> bool {
        self.t.get(i).is_some_and(|t| t.cues & c.bit() != 0)
    }
    /// Token `i` as a time word (month, weekday, number, unit...).
    pub fn tw(&self, i: usize) -> Option<&'static TimeWord> {
        self.t.get(i).and_then(|t| t.time_word)
    }
    pub fn is_word(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == Kind::Word)
    }
    pub fn num(&self, i: usize) -> Option<u32> {
        self.t
            .get(i)
            .filter(|t| t.kind == Kind::Num)
            .and_then(|t| t.num)
    }
    pub fn digits(&self, i: usize) -> usize {
        self.t.get(i).map_or(0, |t| t.digits)
    }
    /// Token `i` exists and touches the previous token.
    pub fn glued(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.space_before)
    }
    pub fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.cap)
    }
    pub fn today(&self) -> Option<NaiveDate> {
        self.ctx.reference.map(|r| r.date())
    }
    /// The last day the text mentioned, else the reference day.
    pub fn anchor(&self) -> Option<NaiveDate> {
        self.anchor_pt().map(|p| p.date)
    }
    /// The last point the text mentioned (any grain up to a year), else the reference day.
    pub fn anchor_pt(&self) -> Option<Pt> {
        self.anchor.get().or_else(|| self.today().map(Pt::day))
    }
    /// Whether the text has mentioned a point yet.
    pub fn has_anchor(&self) -> bool {
        self.anchor.get().is_some()
    }
    /// Remembers the point a finished match names.
    pub fn note(&self, m: &M) {
        match &m.val {
            Val::Pt(p, _) if p.grain <= Grain::Year => {
                self.anchor.set(Some(Pt { tod: None, ..*p }))
            }
            Val::Iv(_, b) if b.grain <= Grain::Year => self.anchor.set(Some(*b)),
            _ => {}
        }
    }
    /// Skips a `.` glued to the previous token (abbreviations: `Jan.`, `St.`).
    pub fn skip_dot(&self, i: usize) -> usize {
        if self.is(i, ".") && self.glued(i) {
            i + 1
        } else {
            i
        }
    }
    /// Skips a hyphen or dash between words (`mid-March`, `al-Fitr`).
    pub fn skip_dash(&self, i: usize) -> usize {
        if self.any(i, &["-", "\u{2010}", "\u{2011}"]) {
            i + 1
        } else {
            i
        }
    }

    /// Tokens `[s, e)` make up their clause alone, apart from punctuation (a listing, a heading).
    pub fn alone(&self, s: usize, e: usize) -> bool {
        let c = self.clause.get(s);
        let left = s == 0 || self.clause.get(s - 1) != c || self.t[s - 1].kind == Kind::Punct;
        let right = e >= self.t.len() || self.clause.get(e) != c || self.t[e].kind == Kind::Punct;
        left && right
    }

    // ---- numbers -------------------------------------------------------------------------
    /// A small count: digits, a number word (`twenty-one`), `a`/`an`.
    pub fn count(&self, i: usize) -> Option<(usize, u32)> {
        if let Some(n) = self.num(i) {
            // Not a piece of a larger number (`5,000`, `2.5`).
            let inside = i >= 2
                && self.glued(i)
                && self.any(i - 1, &[",", "."])
                && self.t[i - 2].kind == Kind::Num;
            if self.digits(i) <= 4
                && n > 0
                && !inside
                && !(self.is(i + 1, ".") && self.glued(i + 1))
            {
                return Some((i + 1, n));
            }
            return None;
        }
        let w = self.w(i);
        if w == "a" || w == "an" {
            return Some((i + 1, 1));
        }
        let n = self.tw(i)?.cardinal()?;
        if (20..100).contains(&n) {
            let j = self.skip_dash(i + 1);
            if let Some(u) = self
                .tw(j)
                .and_then(TimeWord::cardinal)
                .filter(|u| *u < 10 && *u > 0)
            {
                return Some((j + 1, n + u));
            }
        }
        Some((i + 1, n))
    }

    /// Day of month: `15`, `15th`, `fifteenth`, `twenty-first`.
    pub fn dom(&self, i: usize) -> Option<(usize, u32)> {
        if let Some(n) = self.num(i) {
            if self.digits(i) > 2 || !(1..=31).contains(&n) {
                return None;
            }
            let j = if self.glued(i + 1) && ordinal_suffix(self.w(i + 1)) {
                i + 2
            } else {
                i + 1
            };
            return Some((j, n));
        }
        self.ordinal_word(i).filter(|(_, n)| (1..=31).contains(n))
    }

    pub fn ordinal(&self, i: usize) -> Option<(usize, u32)> {
        if let Some(n) = self.num(i) {
            if self.glued(i + 1) && ordinal_suffix(self.w(i + 1)) {
                return Some((i + 2, n));
            }
            return None;
        }
        self.ordinal_word(i)
    }

    fn ordinal_word(&self, i: usize) -> Option<(usize, u32)> {
        let w = self.w(i);
        if let Some(n) = self.tw(i).and_then(TimeWord::ordinal) {
            return Some((i + 1, n));
        }
        if w == "twenty" || w == "thirty" {
            let base = if w == "twenty" { 20 } else { 30 };
            let j = self.skip_dash(i + 1);
            if let Some(u) = self.tw(j).and_then(TimeWord::ordinal).filter(|u| *u < 10) {
                return Some((j + 1, base + u));
            }
        }
        None
    }

    /// A year: four digits, `'98`, or words (`two thousand ten`).
    pub fn year(&self, i: usize) -> Option<(usize, i32)> {
        if let Some(n) = self.num(i) {
            if self.digits(i) == 4 && (1000..=2999).contains(&n) {
                return Some((i + 1, n as i32));
            }
            return None;
        }
        if self.is(i, "'") && self.digits(i + 1) == 2 && self.glued(i + 1) {
            let n = self.num(i + 1)? as i32;
            return Some((i + 2, if n < 50 { 2000 + n } else { 1900 + n }));
        }
        if self.is(i, "two") && self.is(i + 1, "thousand") {
            let mut j = i + 2;
            if self.is(j, "and") {
                j += 1;
            }
            if let Some((k, n)) = self.count(j).filter(|(_, n)| *n < 100) {
                if self.is_word(j) {
                    return Some((k, 2000 + n as i32));
                }
            }
            return Some((i + 2, 2000));
        }
        None
    }

    /// A month name; `strict` months must be written as names a reader can't take for a verb.
    pub fn month(&self, i: usize) -> Option<(usize, u32)> {
        let m = self.tw(i)?.month()?;
        let t = &self.t[i];
        if t.all_caps && t.end - t.start > 3 {
            // `MAY`, `MARCH` in headlines are as ambiguous as lower case.
            return None;
        }
        // Only abbreviations own a following dot; `in April.` ends a sentence.
        let abbreviation =
            t.end - t.start <= 4 && !matches!(t.low.as_str(), "may" | "june" | "july");
        let e = if abbreviation {
            self.skip_dot(i + 1)
        } else {
            i + 1
        };
        Some((e, m))
    }

    // ---- context -------------------------------------------------------------------------
    /// Direction of an under-specified expression over tokens `[s, e)`: the clause's tense cue,
    /// else the convention (`Bias`). Weekdays default to the past in news, dates to the nearest.
    pub fn dir(&self, s: usize, e: usize, weekday: bool) -> Dir {
        let c = self.clause.get(s).copied().unwrap_or(0);
        let mut lo = s;
        while lo > 0 && s - lo < 12 && self.clause.get(lo - 1) == Some(&c) {
            lo -= 1;
        }
        let mut hi = e;
        while hi < self.t.len() && hi - e < 8 && self.clause.get(hi) == Some(&c) {
            hi += 1;
        }
        if let Some(d) = tense::cue(self.t, s, e, lo, hi) {
            return d;
        }
        match self.ctx.bias {
            Bias::Future => Dir::Future,
            Bias::News if weekday => match self.ctx.weekday_reading {
                WeekdayReading::NewsPast => Dir::Past,
                WeekdayReading::NearestFuture => Dir::Future,
            },
            Bias::News => Dir::Nearest,
        }
    }

    // ---- dispatch ------------------------------------------------------------------------
    /// Longest match of any family starting at token `i`, without range extension.
    pub fn core(&self, i: usize) -> Option<M> {
        let t = self.t.get(i)?;
        if !may_start(t) {
            return None;
        }
        if self.depth.get() >= MAX_DEPTH {
            return None;
        }
        self.depth.set(self.depth.get() + 1);
        let best = self.core_inner(i);
        self.depth.set(self.depth.get() - 1);
        best
    }

    fn core_inner(&self, i: usize) -> Option<M> {
        let mut best: Option<M> = None;
        let mut offer = |m: Option<M>| {
            if let Some(m) = m {
                if m.e > m.s && best.as_ref().is_none_or(|b| m.e > b.e) {
                    best = Some(m);
                }
            }
        };
        offer(absolute::parse(self, i));
        offer(relative::parse(self, i));
        offer(holidays::parse(self, i));
        offer(clock::parse(self, i));
        best
    }

    /// The match starting at `i`, extended into ranges and with times of day attached.
    pub fn parse(&self, i: usize) -> Option<M> {
        let m = self.core(i)?;
        let m = self.attach_time(m);
        Some(self.range(m))
    }

    /// `Monday at 3 p.m.`, `Monday morning`, `3 p.m. on Monday`.
    fn attach_time(&self, m: M) -> M {
        if let Val::Pt(p, None) = &m.val {
            if p.grain == Grain::Day && p.tod.is_none() {
                let mut j = m.e;
                if self.any(j, &["at", ",", "around", "about", "by"]) {
                    j += 1;
                }
                if let Some((e, tod)) = clock::clock(self, j) {
                    let val = Val::Pt(
                        Pt {
                            tod: Some(tod),
                            grain: tod_grain(&tod),
                            ..*p
                        },
                        None,
                    );
                    return M { s: m.s, e, val };
                }
                if let Some((code, a, b)) = self.tw(m.e).and_then(TimeWord::part_of_day) {
                    let tod = Tod::Part(code, a, b);
                    let val = Val::Pt(
                        Pt {
                            tod: Some(tod),
                            grain: Grain::PartOfDay,
                            ..*p
                        },
                        None,
                    );
                    return M {
                        s: m.s,
                        e: m.e + 1,
                        val,
                    };
                }
            }
        }
        if let Val::Pt(p, None) = &m.val {
            if p.tod.is_some() && m.e > m.s && clock::is_clock_only(self, m.s) {
                // `3 p.m. Monday`, `3 p.m. on Monday`
                let mut j = m.e;
                if self.any(j, &["on", ","]) {
                    j += 1;
                }
                if let Some(d) = self.core(j) {
                    if let Val::Pt(dp, None) = d.val {
                        if dp.grain == Grain::Day && dp.tod.is_none() {
                            let val = Val::Pt(
                                Pt {
                                    date: dp.date,
                                    ..*p
                                },
                                None,
                            );
                            return M {
                                s: m.s,
                                e: d.e,
                                val,
                            };
                        }
                    }
                }
            }
        }
        m
    }

    /// `X - Y`, `X to Y`, `from X to Y`, `between X and Y`, and a bare day after a full date
    /// (`July 13-15`, `August 27th - 29th`).
    fn range(&self, m: M) -> M {
        let Val::Pt(a, None) = m.val.clone() else {
            return m;
        };
        if a.tod.is_some() {
            return m;
        }
        let j = m.e;
        let between = m.s > 0 && self.is(m.s - 1, "between");
        let conn = self.cue(j, TimeCue::RangeJoiner) || (between && self.is(j, "and"));
        if !conn {
            return m;
        }
        let k = j + 1;
        // Bare day of month after a day-grain date: `July 13-15`.
        if a.grain == Grain::Day {
            if let Some((e, d)) = self.dom(k) {
                let not_month_follows = self.month(e).is_none();
                if not_month_follows && self.num(e).is_none() && !self.is(e, "/") {
                    if let Some(b) = NaiveDate::from_ymd_opt(a.date.year(), a.date.month(), d) {
                        if b > a.date {
                            return M {
                                s: m.s,
                                e,
                                val: Val::Iv(a, Pt::day(b)),
                            };
                        }
                    }
                }
            }
        }
        // Short second year: `2025-26`.
        if a.grain == Grain::Year && self.digits(k) == 2 && self.glued(k) && self.glued(j) {
            if let Some(n) = self.num(k) {
                let y = a.date.year();
                let b = y - y % 100 + n as i32;
                if b > y && b - y <= 10 {
                    if let Some(d) = NaiveDate::from_ymd_opt(b, 1, 1) {
                        return M {
                            s: m.s,
                            e: k + 1,
                            val: Val::Iv(a, Pt::new(d, Grain::Year)),
                        };
                    }
                }
            }
        }
        // Two complete expressions are one range only across a dash written tight
        // (`2009-2016`, `Jan.-June 2016`); `1704 – 1787`, `from X to Y` and `between X and Y`
        // stay two expressions, as TimeML annotates them.
        if !(self.any(j, &["-", "\u{2013}", "\u{2014}"]) && self.glued(j) && self.glued(k)) {
            return m;
        }
        if let Some(b) = self.core(k) {
            if let Val::Pt(bp, None) = b.val {
                let same_kind = bp.tod.is_none()
                    && (bp.grain == a.grain || (a.grain <= Grain::Day && bp.grain <= Grain::Day));
                if same_kind && bp.date >= a.date {
                    return M {
                        s: m.s,
                        e: b.e,
                        val: Val::Iv(a, bp),
                    };
                }
            }
        }
        m
    }
}

/// Whether a match may start at `t`: the families' rules test a match's first token only as
/// digits, `'` (`'98`), a time word or cue of the lexicon (`data/time/`), a holiday's first
/// word, a plural weekday (`Fridays`), a `...long` compound (`weeklong`), or one of the words
/// the rules name (`RULE_WORDS`). Most tokens are none of these, and are rejected here with a
/// look-up or two instead of running every rule (a test checks that no rule matches at a
/// token rejected here, over the gold articles).
pub fn may_start(t: &Tok) -> bool {
    match t.kind {
        Kind::Num => true,
        Kind::Punct => t.low == "'",
        Kind::Word => {
            t.time_word.is_some()
                || t.cues != 0
                || RULE_WORDS.contains(t.low.as_str())
                || holidays::may_start(&t.low)
                || lexicon::weekday_plural(&t.low).is_some()
                || t.low.ends_with("long")
        }
    }
}

/// Every string literal of the grammar's sources: the words its rules compare tokens with
/// (and some output codes, which match no lower-cased token). Read from the sources so that a
/// word a rule starts to test is never filtered out by `may_start`.
static RULE_WORDS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        [
            include_str!("mod.rs"),
            include_str!("absolute.rs"),
            include_str!("relative.rs"),
            include_str!("holidays.rs"),
            include_str!("clock.rs"),
        ]
        .into_iter()
        .flat_map(string_literals)
        .collect()
    });

/// The contents of the `"..."` literals of Rust source `src` (escapes left as written).
fn string_literals(src: &'static str) -> impl Iterator<Item = &'static str> {
    let mut rest = src;
    std::iter::from_fn(move || {
        let open = rest.find('\u{22}')?;
        let body = &rest[open + 1..];
        let mut escaped = false;
        let close = body.char_indices().find_map(|(k, c)| {
            let end = c == '\u{22}' && !escaped;
            escaped = c == '\\' && !escaped;
            end.then_some(k)
        })?;
        rest = &body[close + 1..];
        Some(&body[..close])
    })
}

/// `st`, `nd`, `rd`, `th` after a number (`3rd`).
fn ordinal_suffix(w: &str) -> bool {
    matches!(w, "st" | "nd" | "rd" | "th")
}

pub fn tod_grain(t: &Tod) -> Grain {
    match t {
        Tod::Clock { minutes: true, .. } => Grain::Minute,
        Tod::Clock { .. } => Grain::Hour,
        Tod::Part(..) => Grain::PartOfDay,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::lexer::lex;

    fn rejected_tokens_match_nothing(text: &str, ctx: &TimeContext) -> usize {
        let toks = lex(text);
        let clause = tense::clauses(&toks, &[]);
        let p = Parser::new(&toks, ctx, &clause);
        let mut rejected = 0;
        for (i, t) in toks.iter().enumerate() {
            if !may_start(t) {
                rejected += 1;
                // The rules themselves, without the filter at this token.
                assert!(p.core_inner(i).is_none(), "a match starts at {:?}", t.low);
            }
        }
        rejected
    }

    #[test]
    fn no_rule_matches_at_a_token_may_start_rejects() {
        let reference = NaiveDate::from_ymd_opt(2024, 5, 15).and_then(|d| d.and_hms_opt(12, 0, 0));
        let ctx = TimeContext::new(reference);
        let odd = "On Fridays, a weeklong fair ran from mid-March to '98, EOM, the 3rd \
                   quarter of FY2019, Christmas Eve, Eid al-Fitr, twenty-first, noon.";
        assert!(rejected_tokens_match_nothing(odd, &ctx) > 0);
        let sample = "Fridays weeklong monthlong Christmas's Easter' nowadays tomorrows";
        for t in lex(sample) {
            assert!(may_start(&t), "{}", t.low);
        }
        // Every gold article (a property of the rules, not a figure tuned on them).
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../eval/gold/articles.jsonl"
        );
        let corpus = std::fs::read_to_string(path).expect("eval/gold/articles.jsonl");
        let mut rejected = 0;
        for line in corpus.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            let body = v["body"].as_str().expect("body");
            rejected += rejected_tokens_match_nothing(body, &ctx);
        }
        assert!(rejected > 10_000, "{rejected}");
    }
}
