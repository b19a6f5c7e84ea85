//! The matcher. At each token of a sentence: a qualifier (or `between`), a currency, a number,
//! a range, a unit, a qualifier written after, then the counted noun; then the checks that keep
//! names, identifiers, phone numbers, scores and ages out. Durations come from the time stage.

use std::borrow::Cow;

use super::{DurationUnit, Qualifier, Quantity, Unit};
use crate::doc::{Sentence, Token, TokenKind};
use crate::lexicon::quantity::{ApproxKind, ScaleKind, WordClass, TABLES};
use crate::model::{Span, TimeExpression, TimeType};

/// Every quantity of the text, in text order, none overlapping another or a time expression
/// (except the durations, which are time expressions themselves). `times` must be in text order.
pub fn find(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    times: &[TimeExpression],
) -> Vec<Quantity> {
    let (words, sents, first) = join_hyphens(text, tokens, sentences);
    let mut out = find_in_words(text, &words, &sents, times);
    // A counted noun written with hyphens (`year-olds`) is its last part, the compound's head.
    for q in &mut out {
        q.noun = q
            .noun
            .map(|n| first.get(n + 1).map_or(tokens.len(), |&f| f) - 1);
    }
    out
}

fn is_hyphen(s: &str) -> bool {
    matches!(s, "-" | "\u{2010}" | "\u{2011}")
}

/// The tokens with hyphenated words joined again (`twenty-five`, `10-15`, `200-plus`): the
/// segmenter splits them as UD English does, but the matcher reads a compound as one word. Also
/// the sentences over the joined tokens, and the first original token of each joined one.
fn join_hyphens(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
) -> (Vec<Token>, Vec<Sentence>, Vec<usize>) {
    let word = |t: &Token| matches!(t.kind, TokenKind::Word | TokenKind::Number);
    let mut words: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut first = Vec::with_capacity(tokens.len());
    // For each original token, the index of the joined token holding it.
    let mut at = Vec::with_capacity(tokens.len());
    let mut k = 0;
    while k < tokens.len() {
        let start = k;
        let mut end = k + 1;
        while word(&tokens[end - 1])
            && end + 1 < tokens.len()
            && is_hyphen(tokens[end].span.slice(text))
            && tokens[end - 1].span.end == tokens[end].span.start
            && tokens[end].span.end == tokens[end + 1].span.start
            && word(&tokens[end + 1])
        {
            end += 2;
        }
        let span = Span::new(tokens[start].span.start, tokens[end - 1].span.end);
        let kind = if end - start == 1 {
            tokens[start].kind
        } else if span.slice(text).chars().any(char::is_alphabetic) {
            TokenKind::Word
        } else {
            TokenKind::Number
        };
        at.extend(std::iter::repeat_n(words.len(), end - start));
        first.push(start);
        words.push(Token { span, kind });
        k = end;
    }
    let joined = |i: usize| at.get(i).copied().unwrap_or(words.len());
    let sents = sentences
        .iter()
        .map(|s| Sentence {
            span: s.span,
            tokens: joined(s.tokens.start)..joined(s.tokens.end),
        })
        .collect();
    (words, sents, first)
}

fn find_in_words(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    times: &[TimeExpression],
) -> Vec<Quantity> {
    let low: Vec<Cow<'_, str>> = tokens
        .iter()
        .map(|t| {
            let s = t.span.slice(text);
            if s.is_ascii() {
                if s.bytes().any(|b| b.is_ascii_uppercase()) {
                    Cow::Owned(s.to_ascii_lowercase())
                } else {
                    Cow::Borrowed(s)
                }
            } else if s.chars().any(char::is_uppercase) {
                Cow::Owned(s.to_lowercase())
            } else {
                Cow::Borrowed(s)
            }
        })
        .collect();
    // A compound (`twenty-five`) opens a quantity when its first part does.
    let t = &*TABLES;
    let opens: Vec<bool> = low
        .iter()
        .map(|w| {
            let dashed = w.bytes().any(|b| b == b'-' || b == 0xE2);
            t.openers.contains(&**w)
                || (dashed
                    && t.openers
                        .contains(w.split(DASHES).next().unwrap_or_default()))
        })
        .collect();
    let (in_time, durations) = time_tokens(
        tokens,
        times,
        |k| starts_with_count(&low[k]),
        |k| low[k] == "to",
    );
    let mut out = Vec::new();
    // Tokens that end an amount or are its counted noun: `a day` right after one is a rate.
    let mut amount_end = vec![false; tokens.len()];
    let mut d = 0;
    for s in sentences {
        let v = View {
            text,
            tokens,
            low: &low,
            opens: &opens,
            in_time: &in_time,
            start: s.tokens.start,
            end: s.tokens.end.min(tokens.len()),
        };
        let mut i = v.start;
        while i < v.end {
            match v.quantity_at(i) {
                Some((q, next)) => {
                    amount_end[q.noun.unwrap_or(next - 1)] = true;
                    out.push(q);
                    i = next;
                }
                None => i += 1,
            }
        }
        while d < durations.len() && durations[d].0 < v.end {
            let (a, b, value, unit) = durations[d];
            let value = match value.is_nan() {
                true => match v.number(a, false) {
                    Some(n) => n.value,
                    None => {
                        d += 1;
                        continue;
                    }
                },
                false => value,
            };
            let rate = a > v.start && amount_end[a - 1] && matches!(v.word(a), Some("a" | "an"));
            // `six months old` is an age; `half an hour` is not the hour the time stage read.
            let age = v.word(b) == Some("old");
            let half = a > v.start && v.word(a - 1) == Some("half");
            if a >= v.start && !rate && !age && !half {
                out.push(v.duration(a, b, value, unit));
            }
            d += 1;
        }
    }
    out.sort_by_key(|q| (q.span.start, std::cmp::Reverse(q.span.end)));
    let mut last_end = 0;
    out.retain(|q| {
        let keep = q.span.start >= last_end;
        if keep {
            last_end = q.span.end;
        }
        keep
    });
    out
}

/// Which tokens overlap a time expression, and the durations with a definite count whose span
/// starts and ends on token boundaries: `(first token, end token, count, unit)`.
#[allow(clippy::type_complexity)]
fn time_tokens(
    tokens: &[Token],
    times: &[TimeExpression],
    count_at: impl Fn(usize) -> bool,
    joiner_at: impl Fn(usize) -> bool,
) -> (Vec<bool>, Vec<(usize, usize, f64, DurationUnit)>) {
    let mut in_time = vec![false; tokens.len()];
    let mut durations = Vec::new();
    let mut sorted: Vec<&TimeExpression> = times.iter().collect();
    sorted.sort_by_key(|t| t.span.start);
    let mut k = 0;
    for t in sorted {
        while k < tokens.len() && tokens[k].span.end <= t.span.start {
            k += 1;
        }
        let mut e = k;
        while e < tokens.len() && tokens[e].span.start < t.span.end {
            in_time[e] = true;
            e += 1;
        }
        let aligned =
            e > k && tokens[k].span.start == t.span.start && tokens[e - 1].span.end == t.span.end;
        // `six years`, `a decade`, `10-year`; not `the past six months`, a period of the calendar.
        if aligned && t.time_type == TimeType::Duration && count_at(k) {
            if let Some((n, u)) = duration_value(&t.value) {
                durations.push((k, e, n, u));
            } else if let Some((_, u)) = duration_value(&t.value.replacen('X', "1", 1)) {
                // `three to five years` (`PXY`): its second count and unit, read like `five
                // years` (NaN: the count is read from the text); the first count is taken back
                // as the range's low end, as for any `N to M units`.
                if let Some(j) = (k + 1..e).rev().find(|&j| joiner_at(j)) {
                    durations.push((j + 1, e, f64::NAN, u));
                }
            }
        }
    }
    (in_time, durations)
}

/// A lowercase token that opens a count: digits, a number word (`twenty-five`), `a`/`an`.
fn starts_with_count(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        || matches!(w, "a" | "an")
        || w.split(DASHES)
            .next()
            .is_some_and(|p| TABLES.numbers.contains_key(p))
}

/// A TIMEX3 duration with one definite count: `P6Y`, `PT5H`, `P2DE`, `P1.5Y`.
fn duration_value(v: &str) -> Option<(f64, DurationUnit)> {
    use DurationUnit::*;
    let rest = v.strip_prefix('P')?;
    let (time, rest) = match rest.strip_prefix('T') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let split = rest.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (n, designator) = rest.split_at(split);
    let n: f64 = n.parse().ok()?;
    let unit = match (time, designator) {
        (true, "H") => Hour,
        (true, "M") => Minute,
        (true, "S") => Second,
        (false, "D") => Day,
        (false, "W") => Week,
        (false, "M") => Month,
        (false, "Q") => Quarter,
        (false, "Y") => Year,
        (false, "DE") => Decade,
        (false, "CE") => Century,
        _ => return None,
    };
    Some((n, unit))
}

/// One number read at a token: digits or words, with its scale words, or an approximate amount.
#[derive(Debug, Clone, Copy)]
struct Num {
    end: usize,
    value: f64,
    max: Option<f64>,
    /// Product of the scale words applied (`1.5 million` → 1e6).
    scale: f64,
    approximate: bool,
    /// A unit glued to the digits (`10km`).
    unit: Option<Unit>,
    /// A qualifier glued to the digits (`200-plus`).
    after: Option<Qualifier>,
    /// The word `one` (or `a`) alone: a count only when qualified.
    lone_one: bool,
}

impl Num {
    fn new(end: usize, value: f64) -> Self {
        Num {
            end,
            value,
            max: None,
            scale: 1.0,
            approximate: false,
            unit: None,
            after: None,
            lone_one: false,
        }
    }
}

struct View<'a> {
    text: &'a str,
    tokens: &'a [Token],
    low: &'a [Cow<'a, str>],
    /// Whether each token is a word that can open a quantity (`TABLES.openers`).
    opens: &'a [bool],
    in_time: &'a [bool],
    /// The sentence's token range.
    start: usize,
    end: usize,
}

const DASHES: [char; 4] = ['-', '\u{2010}', '\u{2011}', '\u{2013}'];

impl<'a> View<'a> {
    /// The lowercase text of token `i`, if it is in the sentence.
    fn word(&self, i: usize) -> Option<&str> {
        (i >= self.start && i < self.end).then(|| &*self.low[i])
    }
    /// The text of token `i` as written; empty outside the sentence.
    fn raw(&self, i: usize) -> &'a str {
        if i >= self.start && i < self.end {
            self.tokens[i].span.slice(self.text)
        } else {
            ""
        }
    }
    fn kind(&self, i: usize) -> Option<TokenKind> {
        (i >= self.start && i < self.end).then(|| self.tokens[i].kind)
    }
    /// Token `i` starts right where token `i - 1` ends (both in the sentence).
    fn glued(&self, i: usize) -> bool {
        i > self.start && i < self.end && self.tokens[i - 1].span.end == self.tokens[i].span.start
    }
    fn opens(&self, i: usize) -> bool {
        i >= self.start && i < self.end && self.opens[i]
    }
    fn class(&self, i: usize) -> Option<WordClass> {
        self.word(i).and_then(|w| TABLES.words.get(w).copied())
    }
    /// A label word, singular or plural (`article`, `articles`), or `#`.
    fn is_label(&self, i: usize) -> bool {
        let label = |w: &str| TABLES.words.get(w) == Some(&WordClass::Label);
        self.word(i)
            .is_some_and(|w| w == "#" || label(w) || w.strip_suffix('s').is_some_and(label))
    }

    fn quantity_at(&self, i: usize) -> Option<(Quantity, usize)> {
        let t = &*TABLES;
        let mut j = i;
        let mut qualifier = Qualifier::Exact;
        let mut qualified = false;
        let between = self.word(i) == Some("between");
        if between {
            j += 1;
        } else if let Some((e, q)) = self
            .opens(i)
            .then(|| t.before.longest(i, |k| self.word(k)))
            .flatten()
        {
            qualifier = *q;
            qualified = true;
            j = e;
            // `up to about $47,000`: the first qualifier bounds, the second only hedges. Two hedges
            // (`around roughly 100`) make the first a preposition: read from the second.
            if let Some((e2, q2)) = t.before.longest(j, |k| self.word(k)) {
                if *q2 != Qualifier::About || qualifier == Qualifier::About {
                    return None;
                }
                j = e2;
            }
        }
        let currency = self.currency_before(j);
        let core = currency.map_or(j, |(e, _)| e);
        let currency = currency.map(|(_, code)| code);
        let first = self.number(core, currency.is_some())?;
        let mut value = first.value;
        let mut max = first.max;
        let mut k = first.end;
        let mut unit = currency.map(Unit::Currency).or(first.unit);

        // A range: `between 10 and 20`, `10 to 15`, `$5 to $10`; not `from 10 to 20` (a change).
        if max.is_none() && !first.approximate {
            let joiner = if between {
                self.word(k) == Some("and")
            } else {
                self.word(k) == Some("to")
                    && first.scale == 1.0
                    && first.unit.is_none()
                    && (i == self.start || self.word(i - 1) != Some("from"))
            };
            if joiner {
                let mut m = k + 1;
                let again = self.currency_before(m);
                match (currency, again) {
                    (Some(c), Some((e, c2))) if c == c2 => m = e,
                    (_, None) => {}
                    _ => m = self.end,
                }
                if let Some(second) = self.number(m, currency.is_some()).filter(|s| {
                    !s.approximate && s.max.is_none() && !s.lone_one && s.after.is_none()
                }) {
                    let mut low = value;
                    if first.scale == 1.0 && second.scale > 1.0 && low * second.scale < second.value
                    {
                        low *= second.scale;
                    }
                    if second.value > low && (unit.is_none() || second.unit.is_none()) {
                        value = low;
                        max = Some(second.value);
                        k = second.end;
                        unit = unit.or(second.unit);
                    }
                }
            }
        }
        if between && max.is_none() {
            return None;
        }
        // A range is bounded already: only a hedge fits before it (`about 10 to 15`). Read the
        // number again without the word (`over` is then a preposition).
        if max.is_some() && qualified && !matches!(qualifier, Qualifier::About) {
            return None;
        }

        // A unit after the number: `5€`, `5 euros`, `5 million US dollars`, `5 USD`, `12 percent`.
        // A bare `$` is shared by many dollars: a currency named after it wins (`$1 billion
        // Singapore dollars`).
        if currency.is_some() && self.raw(j) == "$" {
            let name = t.names.longest(k, |m| self.word(m));
            if let Some((e, code)) = name {
                unit = Some(Unit::Currency(code));
                k = e;
            }
        }
        if unit.is_none() {
            if let Some((e, u)) = self.unit_after(k, first.scale > 1.0 || first.approximate) {
                unit = Some(u);
                k = e;
            }
        }
        let mut after = first.after;
        if after.is_none() {
            if let Some((e, q)) = t.after.longest(k, |m| self.word(m)) {
                if self.kind(e) != Some(TokenKind::Number) {
                    after = Some(*q);
                    k = e;
                }
            }
        }
        // A measure over something is another unit: `200 km / h`, `190 kilometers per hour`.
        if matches!(unit, Some(Unit::Measure(_))) && matches!(self.word(k), Some("per" | "/")) {
            return None;
        }
        if let Some(q) = after {
            if !qualified {
                qualifier = q;
                qualified = true;
            }
        }
        if first.approximate && !qualified {
            qualifier = Qualifier::Approximate;
        }
        let unit = unit.unwrap_or(Unit::Count);

        if first.lone_one && !qualified && max.is_none() && unit == Unit::Count {
            return None;
        }
        if (i..k).any(|m| self.in_time[m]) {
            return None;
        }
        // An age: `19 year old`, `25 years old`.
        if self.class(k) == Some(WordClass::AgeUnit) && self.word(k + 1) == Some("old") {
            return None;
        }
        if currency.is_none() && !qualified && !between && !self.free_before(core) {
            return None;
        }
        if !self.free_after(k) {
            return None;
        }
        let noun = self.noun(k, value, max, unit, first.scale > 1.0 || first.approximate);
        // A year the time stage did not take (`the 1948 war`, `up 14% over 2017`).
        if unit == Unit::Count
            && noun.is_none()
            && first.scale == 1.0
            && max.is_none()
            && is_year(self.raw(core), value)
        {
            return None;
        }
        let bare = !qualified
            && !between
            && unit == Unit::Count
            && first.scale == 1.0
            && !first.approximate
            && max.is_none();
        if bare && !self.bare_number_ok(core, k, value, noun) {
            return None;
        }
        let span = Span::new(self.tokens[i].span.start, self.tokens[k - 1].span.end);
        let q = Quantity {
            span,
            value,
            value_max: max,
            unit,
            qualifier,
            noun,
        };
        Some((q, k))
    }

    /// A duration from the time stage over tokens `[a, b)`, with a qualifier written before or
    /// after it.
    fn duration(&self, a: usize, b: usize, value: f64, unit: DurationUnit) -> Quantity {
        let t = &*TABLES;
        let mut start = a;
        let mut low = value;
        let mut max = None;
        let mut qualifier = Qualifier::Exact;
        // `three to five years`, `between two and three days`: the time stage took the second
        // number only.
        if a >= self.start + 2 && matches!(self.word(a - 1), Some("to" | "and")) {
            for s in a.saturating_sub(4).max(self.start)..a - 1 {
                let between = self.word(s) == Some("between");
                let joiner_ok = (self.word(a - 1) == Some("and")) == between
                    && (s == self.start || self.word(s - 1) != Some("from"));
                let n = self.number(s + usize::from(between), false);
                if let Some(n) = n.filter(|n| n.end == a - 1 && !n.approximate && n.max.is_none()) {
                    if joiner_ok && n.value < value && n.unit.is_none() {
                        start = s;
                        low = n.value;
                        max = Some(value);
                        break;
                    }
                }
            }
        }
        let opened = start;
        let before = (opened.saturating_sub(4).max(self.start)..opened).find_map(|s| {
            t.before
                .longest(s, |k| self.word(k))
                .filter(|(e, _)| *e == opened)
                .map(|(_, q)| (s, *q))
        });
        // A range is bounded already: only a hedge fits before it (`about three to five years`;
        // in `over three to five years`, `over` is a preposition).
        if let Some((s, q)) = before.filter(|(_, q)| max.is_none() || *q == Qualifier::About) {
            start = s;
            qualifier = q;
        }
        let mut end = b;
        if qualifier == Qualifier::Exact {
            if let Some((e, q)) = t.after.longest(b, |k| self.word(k)) {
                if self.kind(e) != Some(TokenKind::Number) {
                    end = e;
                    qualifier = *q;
                }
            }
        }
        Quantity {
            span: Span::new(self.tokens[start].span.start, self.tokens[end - 1].span.end),
            value: low,
            value_max: max,
            unit: Unit::Duration(unit),
            qualifier,
            noun: None,
        }
    }

    /// A currency written before the number at token `i` (or after `i`, when nothing is written):
    /// the index of the number's token and the ISO code.
    fn currency_before(&self, i: usize) -> Option<(usize, &'static str)> {
        if i >= self.end {
            return None;
        }
        let t = &*TABLES;
        let raw = self.raw(i);
        let symbols = &t.symbols_by_byte[usize::from(*raw.as_bytes().first()?)];
        let code_shape = raw.len() == 3 && raw.bytes().all(|b| b.is_ascii_uppercase());
        let spaced_symbol = self.kind(i + 1) == Some(TokenKind::Symbol) && !self.glued(i + 1);
        if symbols.is_empty() && !code_shape && !spaced_symbol {
            return None;
        }
        if let Some(&code) = code_shape.then(|| t.codes.get(raw)).flatten() {
            // `USD 5`: a code is spaced from its number.
            let next = self.kind(i + 1);
            return (matches!(next, Some(TokenKind::Number)) && !self.glued(i + 1))
                .then_some((i + 1, code));
        }
        // `NZ $ 26`, as some sources space it.
        if spaced_symbol && self.tokens[i].kind == TokenKind::Word && i + 2 < self.end {
            let joined = format!("{}{}", raw, self.raw(i + 1));
            if let Some(&(_, code)) = t.symbols.iter().find(|(f, _)| *f == joined) {
                if self.raw(i + 2).starts_with(|c: char| c.is_ascii_digit()) {
                    return Some((i + 2, code));
                }
            }
        }
        let from = self.tokens[i].span.start;
        let rest = &self.text[from..];
        for &(form, code) in symbols {
            if !rest.starts_with(form) {
                continue;
            }
            // The symbol must end on a token boundary; the number follows, glued or spaced.
            let stop = from + form.len();
            let mut e = i;
            while e < self.end && self.tokens[e].span.end < stop {
                e += 1;
            }
            if e < self.end && self.tokens[e].span.end == stop {
                let number_next = self
                    .raw(e + 1)
                    .starts_with(|c: char| c.is_ascii_digit())
                    .then_some(e + 1)
                    .filter(|&n| n < self.end);
                if let Some(n) = number_next {
                    return Some((n, code));
                }
            }
        }
        None
    }

    /// A unit written after a number ending before token `k`: a currency glued (`5€`) or named
    /// (`5 euros`, `millions of dollars` when `of_ok`), an ISO code, percent, or a measure.
    fn unit_after(&self, k: usize, of_ok: bool) -> Option<(usize, Unit)> {
        let t = &*TABLES;
        if k >= self.end {
            return None;
        }
        let raw = self.raw(k);
        if self.glued(k) && raw.chars().count() == 1 {
            if let Some(&(_, code)) = t.symbols.iter().find(|(f, _)| *f == raw && *f != "$") {
                return Some((k + 1, Unit::Currency(code)));
            }
        }
        let word = |m: usize| self.word(m);
        if let Some((e, code)) = t.names.longest(k, word) {
            return Some((e, Unit::Currency(code)));
        }
        if of_ok && self.word(k) == Some("of") {
            if let Some((e, code)) = t.names.longest(k + 1, word) {
                return Some((e, Unit::Currency(code)));
            }
        }
        if let Some(&code) = t.codes.get(raw) {
            return (!self.glued(k)).then_some((k + 1, Unit::Currency(code)));
        }
        t.units.longest(k, word).map(|(e, u)| (e, *u))
    }

    /// One number at token `i` (no range): digits, words, or an approximate amount. `money`: a
    /// currency was written before it, so `m`, `b`, `k` are scales.
    fn number(&self, i: usize, money: bool) -> Option<Num> {
        let t = &*TABLES;
        let raw = self.raw_in(i)?;
        let mut n = if raw.starts_with(|c: char| c.is_ascii_digit()) {
            let mut n = digit_token(raw, money)?;
            n.end = i + 1;
            n
        } else if !self.opens(i) {
            return None;
        } else if let Some(n) = self.approximate(i) {
            return Some(n);
        } else {
            self.number_words(i)?
        };
        // Scale words after digits or words: `1.5 million`, `two dozen`, `5 hundred thousand`.
        for _ in 0..2 {
            match self.scale_word(n.end, false) {
                Some((s, _)) if s > 1.0 => {
                    n.value *= s;
                    n.max = n.max.map(|m| m * s);
                    n.scale *= s;
                    n.end += 1;
                    n.lone_one = false;
                }
                _ => break,
            }
        }
        // A scale opening a compound: `3.5 million-square-kilometer`, `5 million-dollar`. Only a
        // unit may follow it; anything else (`1 million-strong`) leaves the number out.
        if let Some(w) = self.word(n.end).filter(|w| w.contains(DASHES)) {
            let parts: Vec<&str> = w.split(DASHES).collect();
            if let [head, rest @ ..] = parts.as_slice() {
                if let (Some(&(s, ScaleKind::Word)), false) = (t.scales.get(*head), rest.is_empty())
                {
                    let at = |k: usize| rest.get(k).copied();
                    let whole = |m: Option<(usize, Unit)>| m.filter(|(e, _)| *e == rest.len());
                    let unit = whole(t.units.longest(0, at).map(|(e, u)| (e, *u))).or_else(|| {
                        whole(t.names.longest(0, at).map(|(e, c)| (e, Unit::Currency(c))))
                    });
                    let (_, unit) = unit?;
                    n.value *= s;
                    n.max = n.max.map(|m| m * s);
                    n.scale *= s;
                    n.end += 1;
                    n.unit = Some(unit);
                    n.lone_one = false;
                }
            }
        }
        Some(n)
    }

    fn raw_in(&self, i: usize) -> Option<&'a str> {
        (i >= self.start && i < self.end).then(|| self.raw(i))
    }

    /// A spelled scale word at `i` (`million`, `dozen`, `bn`): its value.
    fn scale_word(&self, i: usize, money: bool) -> Option<(f64, ScaleKind)> {
        let &(v, kind) = TABLES.scales.get(self.word(i)?)?;
        (kind != ScaleKind::Money || money).then_some((v, kind))
    }

    /// `dozens`, `hundreds of thousands`, `tens of thousands`, `several hundred`, `a few dozen`.
    fn approximate(&self, i: usize) -> Option<Num> {
        let t = &*TABLES;
        let word = |m: usize| self.word(m);
        let (e, a) = t.approximate.longest(i, word)?;
        let plural_after_of = || {
            (self.word(e) == Some("of"))
                .then(|| t.approximate.longest(e + 1, word))
                .flatten()
                .filter(|(_, b)| b.kind == ApproxKind::Plural)
        };
        let mut n = match a.kind {
            ApproxKind::Plural | ApproxKind::Of => match plural_after_of() {
                Some((e2, b)) => {
                    let mut n = Num::new(e2, a.low * b.base);
                    n.max = Some(a.high * b.base);
                    n.scale = b.base;
                    n
                }
                None if a.kind == ApproxKind::Plural => {
                    let mut n = Num::new(e, a.low);
                    n.max = Some(a.high);
                    n.scale = a.base;
                    n
                }
                None => return None,
            },
            ApproxKind::Vague => {
                let (s, kind) = self.scale_word(e, false)?;
                if kind != ScaleKind::Word {
                    return None;
                }
                let mut n = Num::new(e + 1, a.low * s);
                n.max = Some(a.high * s);
                n.scale = s;
                // `several hundred thousand`
                if let Some((s2, ScaleKind::Word)) = self.scale_word(e + 1, false) {
                    if s2 > s {
                        n.value *= s2;
                        n.max = n.max.map(|m| m * s2);
                        n.scale *= s2;
                        n.end += 1;
                    }
                }
                n
            }
        };
        n.approximate = true;
        Some(n)
    }

    /// Spelled numbers: `twelve`, `twenty-five`, `two hundred fifty`, `a hundred and twenty`,
    /// `a dozen`, `three thousand`.
    fn number_words(&self, i: usize) -> Option<Num> {
        #[derive(PartialEq, Clone, Copy)]
        enum Last {
            None,
            Unit,
            Teen,
            Tens,
            Hundred,
            Big,
        }
        let mut total = 0.0;
        let mut cur = 0.0;
        let mut last = Last::None;
        let mut j = i;
        // `a hundred`, `a dozen`, `a million`: the article stands for one.
        if matches!(self.word(i), Some("a" | "an")) {
            if !matches!(self.scale_word(i + 1, false), Some((_, ScaleKind::Word))) {
                return None;
            }
            cur = 1.0;
            last = Last::Unit;
            j += 1;
        }
        let mut end = j;
        while let Some(w) = self.word(j) {
            if let Some(n) = word_value(w) {
                let kind = if n < 10.0 {
                    Last::Unit
                } else if n < 20.0 {
                    Last::Teen
                } else if n % 10.0 == 0.0 {
                    Last::Tens
                } else {
                    Last::Teen // a compound like `twenty-five` takes no unit after it
                };
                let fits = match kind {
                    Last::Unit => {
                        matches!(last, Last::None | Last::Tens | Last::Hundred | Last::Big)
                    }
                    _ => matches!(last, Last::None | Last::Hundred | Last::Big),
                };
                if !fits {
                    break;
                }
                cur += n;
                last = kind;
            } else if let Some(&(s, ScaleKind::Word)) = TABLES.scales.get(w) {
                if last == Last::None || last == Last::Hundred && s < 1000.0 {
                    break;
                }
                if s < 1000.0 {
                    cur *= s;
                    last = Last::Hundred;
                } else {
                    total += cur * s;
                    cur = 0.0;
                    last = Last::Big;
                }
            } else if w == "and"
                && matches!(last, Last::Hundred | Last::Big)
                && self.word(j + 1).and_then(word_value).is_some()
            {
                // `a hundred and twenty`
                j += 1;
                continue;
            } else {
                break;
            }
            j += 1;
            end = j;
        }
        if last == Last::None {
            return None;
        }
        let mut n = Num::new(end, total + cur);
        n.lone_one = end == i + 1 && n.value == 1.0;
        Some(n)
    }

    /// Whether the number at `core` stands free on its left: not glued to a word or a sign, not
    /// after a label (`article 5`) or a name (`Boeing 737`).
    fn free_before(&self, core: usize) -> bool {
        if core == self.start {
            return true;
        }
        let p = core - 1;
        if self.glued(core) {
            let prev = self.raw(p);
            let ok = matches!(
                prev,
                "(" | "[" | "\"" | "\u{201C}" | "'" | "\u{2018}" | "\u{2014}"
            );
            if !ok {
                return false;
            }
        }
        // `article 5`, `flights 370`; `the age of five`; `posts 542 and 543`.
        if self.is_label(p) {
            return false;
        }
        if p > self.start && self.word(p) == Some("of") && self.is_label(p - 1) {
            return false;
        }
        if p >= self.start + 2
            && matches!(self.word(p), Some("and" | "or" | ","))
            && self.kind(p - 1) == Some(TokenKind::Number)
            && self.is_label(p - 2)
        {
            return false;
        }
        let prev = self.raw(p);
        let capitalized =
            self.tokens[p].kind == TokenKind::Word && prev.starts_with(char::is_uppercase);
        // A capitalized word that is not an ordinary word written at a sentence start or in a
        // title-case headline (`Only 12`, `Bomb Kills 12`) names the thing numbered.
        !capitalized || crate::lexicon::is_common_word(self.word(p).unwrap_or_default())
    }

    /// Whether the quantity ending before token `k` stands free on its right (`24/7`, `3:1`).
    fn free_after(&self, k: usize) -> bool {
        if !self.glued(k) {
            return true;
        }
        !(matches!(self.raw(k), "/" | ":" | "-" | "\u{2013}" | "+")
            || self.tokens[k].kind == TokenKind::Symbol
            || self.tokens[k].kind == TokenKind::Word
            || self.tokens[k].kind == TokenKind::Number)
    }

    /// Checks for a number without qualifier, currency, unit or scale, which is more often
    /// something else than a number written with any of them.
    fn bare_number_ok(&self, core: usize, k: usize, value: f64, noun: Option<usize>) -> bool {
        let digits = self.raw(core).starts_with(|c: char| c.is_ascii_digit());
        // A run of numbers: phone numbers, codes, `555 0100`, `(202) 555-0100`.
        let is_num = |m: usize| self.kind(m) == Some(TokenKind::Number);
        // Scores are such runs too: `1 – 0`, `2:1`.
        let joint = |m: usize| {
            self.kind(m) == Some(TokenKind::Punct)
                && matches!(
                    self.raw(m),
                    "(" | ")" | "-" | "." | ":" | "\u{2013}" | "\u{2014}"
                )
        };
        let near_left = core > self.start
            && (is_num(core - 1) || (joint(core - 1) && core - 1 > self.start && is_num(core - 2)));
        let near_right = is_num(k) || (joint(k) && is_num(k + 1));
        if digits && (near_left || near_right) {
            return false;
        }
        // A number word capitalized inside a sentence is a name: `Ground Zero`, `Formula One`.
        if !digits
            && core > self.start
            && self.tokens[core - 1].kind == TokenKind::Word
            && self.raw(core).starts_with(char::is_uppercase)
        {
            return false;
        }
        if noun.is_none() {
            // A list marker: `1.` opening a line, `2)` without an opening bracket.
            if core == self.start && self.glued(k) && matches!(self.raw(k), "." | ")") {
                return false;
            }
            let opened = (core.saturating_sub(8).max(self.start)..core).any(|m| self.raw(m) == "(");
            if self.glued(k) && self.raw_in(k) == Some(")") && !opened {
                return false;
            }
            // Before a name: `10 Downing Street`, `30 Rock`, `1 – 0 Korea Republic`.
            if self.kind(k) == Some(TokenKind::Word)
                && self.raw(k).starts_with(char::is_uppercase)
                && !crate::lexicon::is_common_word(self.word(k).unwrap_or_default())
            {
                return false;
            }
            // `(12)` and ages set off by commas after a name: `Jane Doe, 45, said`.
            let prev = core.checked_sub(1).filter(|&p| p >= self.start);
            let next = (k < self.end).then(|| self.raw(k));
            if prev.is_some_and(|p| self.raw(p) == "(") && next == Some(")") {
                return false;
            }
            // An age: `when she was six`, `I am 61 now`.
            let age = prev.is_some_and(|p| {
                p > self.start
                    && self.class(p) == Some(WordClass::Be)
                    && self.word(p - 1).is_some_and(|w| {
                        w != "it"
                            && crate::lexicon::pronoun(w).is_some_and(|x| {
                                x.number == crate::lexicon::Number::Singular && !x.possessive
                            })
                    })
            });
            if age {
                return false;
            }
            let after_name = prev.is_some_and(|p| {
                self.raw(p) == ","
                    && p > self.start
                    && self.tokens[p - 1].kind == TokenKind::Word
                    && self.raw(p - 1).starts_with(char::is_uppercase)
            });
            if after_name && matches!(next, None | Some("," | ")" | ";" | ".")) && value < 130.0 {
                return false;
            }
        }
        true
    }

    /// The noun a quantity ending before token `k` counts: the first plural in the next three
    /// words (`12 armed men`), or a singular right after money, a percentage, a measure or the
    /// number one (`$69 billion deal`, `one person`). `of` is skipped after scale words and
    /// approximate plurals (`thousands of protesters`).
    fn noun(
        &self,
        k: usize,
        value: f64,
        max: Option<f64>,
        unit: Unit,
        of_ok: bool,
    ) -> Option<usize> {
        let first = if of_ok && self.word(k) == Some("of") {
            k + 1
        } else {
            k
        };
        let candidate = |m: usize| {
            self.kind(m) == Some(TokenKind::Word)
                && !self.in_time[m]
                && !matches!(self.class(m), Some(WordClass::Stop | WordClass::Be))
        };
        for m in first..first + 3 {
            if !candidate(m) {
                break;
            }
            if self.class(m) == Some(WordClass::Plural) || looks_plural(self.raw(m)) {
                return Some(m);
            }
        }
        let singular_ok =
            !matches!(unit, Unit::Count | Unit::Duration(_)) || (value == 1.0 && max.is_none());
        let w = self.raw_in(first)?;
        (singular_ok
            && candidate(first)
            && w.starts_with(char::is_lowercase)
            && !w.ends_with("ed")
            && !w.ends_with("ing")
            && !w.ends_with("ly"))
        .then_some(first)
    }
}

/// The value of a number word, or of a compound written as one token (`twenty-five`).
fn word_value(w: &str) -> Option<f64> {
    let mut parts = w.split(DASHES);
    let tens = *TABLES.numbers.get(parts.next()?)?;
    match (parts.next(), parts.next()) {
        (None, _) => Some(tens),
        (Some(unit), None) => {
            let unit = *TABLES.numbers.get(unit)?;
            let ok =
                (20.0..100.0).contains(&tens) && tens % 10.0 == 0.0 && (1.0..10.0).contains(&unit);
            ok.then_some(tens + unit)
        }
        _ => None,
    }
}

/// Four digits that read as a year: `1948`, `2017` (not `1,948`).
fn is_year(raw: &str, value: f64) -> bool {
    raw.len() == 4 && raw.bytes().all(|b| b.is_ascii_digit()) && (1000.0..=2100.0).contains(&value)
}

/// `-s` plurals (`suspects`, `Palestinians`; not `press`, `census`, `crisis`, `was`) and the
/// compounds of `men` and `people` (`gunmen`, `townspeople`).
fn looks_plural(w: &str) -> bool {
    let s_plural =
        w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is");
    w.len() >= 4
        && (s_plural || w.ends_with("men") || w.ends_with("people"))
        && w.chars().all(|c| c.is_alphabetic() || DASHES.contains(&c))
}

/// The digits of one token: `1,200`, `3.5`, `69bn` (`5m` after a currency), `10km`, `200-plus`,
/// a range `10-15` or `$10-15m`. Anything else written with digits is no number: ordinals
/// (`3rd`), years with a suffix (`1990s`), names (`4G`), dates and phone numbers (`555-0100`),
/// scores (`5-4`).
fn digit_token(s: &str, money: bool) -> Option<Num> {
    let parts: Vec<&str> = s.split(DASHES).collect();
    match parts.as_slice() {
        [one] => {
            let (v, rest) = digits(one)?;
            let mut n = Num::new(0, v);
            suffix(&mut n, rest, money)?;
            Some(n)
        }
        [a, b] => {
            let (lo, rest) = digits(a)?;
            if !rest.is_empty() {
                return None;
            }
            if let Some((_, q)) = TABLES.after.longest(0, |k| (k == 0).then_some(*b)) {
                let mut n = Num::new(0, lo);
                n.after = Some(*q);
                return Some(n);
            }
            // `25-kilometer`, `10-km`
            let unit_word = b.to_lowercase();
            if let Some((1, u)) = TABLES
                .units
                .longest(0, |k| (k == 0).then_some(unit_word.as_str()))
            {
                let mut n = Num::new(0, lo);
                n.unit = Some(*u);
                return Some(n);
            }
            let (hi, rest) = digits(b)?;
            // Phone numbers: `555-0100`, `555-1234`.
            let phone = b.starts_with('0') || (a.len() == 3 && b.len() == 4 && !a.contains(','));
            if phone || hi <= lo {
                return None;
            }
            let mut n = Num::new(0, lo);
            n.max = Some(hi);
            suffix(&mut n, rest, money)?;
            Some(n)
        }
        _ => None,
    }
}

/// Applies a suffix glued to digits: a scale abbreviation (`bn`, `m` after money) or a unit.
fn suffix(n: &mut Num, rest: &str, money: bool) -> Option<()> {
    if rest.is_empty() {
        return Some(());
    }
    let low = rest.to_lowercase();
    if let Some(&(s, kind)) = TABLES.scales.get(low.as_str()) {
        if kind == ScaleKind::Word || (kind == ScaleKind::Money && !money) {
            return None;
        }
        n.value *= s;
        n.max = n.max.map(|m| m * s);
        n.scale = s;
        return Some(());
    }
    let (e, unit) = TABLES
        .units
        .longest(0, |k| (k == 0).then_some(low.as_str()))?;
    (e == 1).then(|| n.unit = Some(*unit))
}

/// Leading digits with thousands separators and decimals: the value and the rest of the text.
fn digits(s: &str) -> Option<(f64, &str)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let head = i;
    if head == 0 || (head > 1 && b[0] == b'0' && b.get(head) != Some(&b'.')) {
        return None;
    }
    // `1,200,000`: groups of three after a head of one to three digits.
    while i < b.len() && b[i] == b',' {
        if head > 3 || b.len() < i + 4 || !b[i + 1..i + 4].iter().all(u8::is_ascii_digit) {
            return None;
        }
        if b.get(i + 4).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        i += 4;
    }
    if i < b.len() && b[i] == b'.' {
        let f = i + 1;
        let mut e = f;
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
        if e == f {
            return None;
        }
        i = e;
    }
    let number: String = s[..i].chars().filter(|c| *c != ',').collect();
    let v: f64 = number.parse().ok()?;
    v.is_finite().then_some((v, &s[i..]))
}
