//! Expressions relative to the reference date: `today`, `last week`, `two days ago`,
//! `in 3 weeks`, `the past two years`, weekdays (`on Monday`, `next Friday`), durations
//! (`a month`, `four-week`, `a few months`, `recent years` PXY, `two to three years` PXY,
//! `weeklong`), sets (`every Monday`, `weekly`, `annual`) and reference words (`now`,
//! `recently`, `at the moment`).

use chrono::Datelike;

use super::absolute::current_period;
use super::{Parser, M};
use crate::lexicon::time::{self as lexicon, TimeCue, TimeWord, Unit};
use crate::model::TimeType;
use crate::time::calendar::{self, add_days, add_months, day_in_week, wd_index, week_start};
use crate::time::lexer::Kind;
use crate::time::resolve;
use crate::time::value::{Grain, Pt, Tod, Val};

pub fn parse(p: &Parser, i: usize) -> Option<M> {
    let mut best: Option<M> = None;
    for m in [
        deictic(p, i),
        period(p, i),
        nth_of(p, i),
        week_of(p, i),
        anchored_span(p, i),
        shift(p, i),
        upcoming(p, i),
        weekday(p, i),
        duration(p, i),
        set(p, i),
        reference(p, i),
        present_noun(p, i),
        in_the_day(p, i),
    ]
    .into_iter()
    .flatten()
    {
        if best.as_ref().is_none_or(|b| m.e > b.e) {
            best = Some(m);
        }
    }
    best
}

fn raw(s: &str) -> Val {
    Val::Raw(s.to_string(), TimeType::Date)
}

fn part(p: &Parser, j: usize) -> Option<Tod> {
    p.tw(j)
        .and_then(TimeWord::part_of_day)
        .map(|(c, a, b)| Tod::Part(c, a, b))
}

fn day_val(p: &Parser, n: i64, tod: Option<Tod>, unresolved: &str) -> Val {
    match p.today().and_then(|r| add_days(r, n)) {
        Some(d) => Val::Pt(
            Pt {
                date: d,
                grain: if tod.is_some() {
                    Grain::PartOfDay
                } else {
                    Grain::Day
                },
                tod,
            },
            None,
        ),
        None => raw(unresolved),
    }
}

/// `today`, `tonight`, `tomorrow`, `yesterday`, `the day after tomorrow`, `last night`,
/// `this morning`, `yesterday afternoon`.
fn deictic(p: &Parser, i: usize) -> Option<M> {
    let w = p.w(i);
    let (n, e, unresolved) = match w {
        // `USA Today`, `Yucatan Today`: a capitalised name before a capitalised `Today`.
        "today"
            if p.cap(i)
                && i > 0
                && p.cap(i - 1)
                && p.is_word(i - 1)
                && !p.t[i].newline_before
                && p.clause.get(i - 1) == p.clause.get(i) =>
        {
            return None
        }
        "today" => (0, i + 1, "PRESENT_REF"),
        "tonight" => {
            let tod = part(p, 0).or(Some(Tod::Part("NI", 18, 24)));
            let val = day_val(p, 0, tod, "PRESENT_REF");
            return Some(M {
                s: i,
                e: i + 1,
                val,
            });
        }
        "tomorrow" | "tomorrows" => (1, i + 1, "XXXX-XX-XX"),
        "yesterday" => (-1, i + 1, "XXXX-XX-XX"),
        "the" if p.is(i + 1, "day") && p.any(i + 2, &["after", "before"]) => {
            let after = p.is(i + 2, "after");
            match (after, p.w(i + 3)) {
                (true, "tomorrow") => (2, i + 4, "XXXX-XX-XX"),
                (false, "yesterday") => (-2, i + 4, "XXXX-XX-XX"),
                _ => return None,
            }
        }
        // Narrative anaphora, from the last day mentioned: `the next day`, `the day before`,
        // `that day`, `the same day`.
        "the" | "that"
            if matches!(
                (p.w(i + 1), p.w(i + 2)),
                ("next" | "following" | "previous" | "same", "day") | ("day", "before" | "after")
            ) || (w == "that" && p.is(i + 1, "day")) =>
        {
            let (n, e) = match (p.w(i + 1), p.w(i + 2)) {
                ("next" | "following", _) => (1, i + 3),
                ("previous", _) => (-1, i + 3),
                ("same", _) => (0, i + 3),
                ("day", "before") if !p.any(i + 3, &["yesterday"]) => (-1, i + 3),
                ("day", "after") if !p.any(i + 3, &["tomorrow"]) => (1, i + 3),
                ("day", _) if w == "that" => (0, i + 2),
                _ => return None,
            };
            // `the day before the vote`: anchored to what follows, not resolved here.
            if e == i + 3 && p.w(i + 1) == "day" && p.t.get(e).is_some_and(|t| t.kind == Kind::Word)
            {
                return None;
            }
            let val = match p.anchor().and_then(|a| add_days(a, n)) {
                Some(d) => Val::Pt(Pt::day(d), None),
                None => raw("XXXX-XX-XX"),
            };
            return Some(M { s: i, e, val });
        }
        "last" if p.is(i + 1, "night") => {
            let val = day_val(p, -1, Some(Tod::Part("NI", 18, 24)), "XXXX-XX-XXTNI");
            return Some(M {
                s: i,
                e: i + 2,
                val,
            });
        }
        "this" => {
            let tod = part(p, i + 1)?;
            let val = day_val(p, 0, Some(tod), "PRESENT_REF");
            return Some(M {
                s: i,
                e: i + 2,
                val,
            });
        }
        _ => return None,
    };
    if let Some(tod) = part(p, e) {
        let val = day_val(p, n, Some(tod), unresolved);
        return Some(M {
            s: i,
            e: e + 1,
            val,
        });
    }
    Some(M {
        s: i,
        e,
        val: day_val(p, n, None, unresolved),
    })
}

/// `earlier in the day`, `later in the day`: the day last mentioned (the reference day when none).
fn in_the_day(p: &Parser, i: usize) -> Option<M> {
    if !(p.any(i, &["earlier", "later"]) && p.is(i + 1, "in") && p.is(i + 2, "the")) {
        return None;
    }
    if !p.is(i + 3, "day") {
        return None;
    }
    let val = match p.anchor() {
        Some(d) => Val::Pt(Pt::day(d), None),
        None => raw("XXXX-XX-XX"),
    };
    Some(M {
        s: i,
        e: i + 4,
        val,
    })
}

fn rel_offset(w: &str) -> Option<i64> {
    Some(match w {
        "this" | "current" => 0,
        "last" | "past" | "previous" => -1,
        "next" | "coming" | "upcoming" | "following" => 1,
        _ => return None,
    })
}

/// The calendar period a singular unit word names (`week`, `qtr`; `time/units.tsv`).
fn period_unit(w: &str) -> Option<Grain> {
    let w = w.strip_suffix("'s").unwrap_or(w);
    Some(match lexicon::unit(w)? {
        (_, true) => return None,
        (Unit::Week, _) => Grain::Week,
        (Unit::Month, _) => Grain::Month,
        (Unit::Year, _) => Grain::Year,
        (Unit::Quarter, _) => Grain::Quarter,
        (Unit::Decade, _) => Grain::Decade,
        (Unit::Century, _) => Grain::Century,
        _ => return None,
    })
}

fn x_value(g: Grain) -> &'static str {
    match g {
        Grain::Week => "XXXX-WXX",
        Grain::Month => "XXXX-XX",
        Grain::Quarter => "XXXX-QX",
        Grain::Decade => "XXX",
        Grain::Century => "XX",
        _ => "XXXX",
    }
}

/// `[earlier|later] this/last/next week|month|year|quarter|decade`, `the following week`,
/// `this weekend`, `the 20th of next month`.
fn period(p: &Parser, i: usize) -> Option<M> {
    let mut j = i;
    if p.any(j, &["earlier", "later"]) {
        j += 1;
    }
    if p.is(j, "the") && p.cue(j + 1, TimeCue::RelativeModifier) {
        j += 1;
    }
    if p.is(j, "the") && p.is(j + 1, "weekend") && i > 0 && p.cue(i - 1, TimeCue::WeekendPrep) {
        let val = match p.today() {
            Some(r) => {
                // The weekend of the clause's direction: the last one in the past, or the next.
                let sat_back = (wd_index(r) + 7 - 5) % 7;
                let last_sat = add_days(r, -(sat_back as i64))?;
                let sat = match p.dir(j, j + 2, true) {
                    resolve::Dir::Future if sat_back > 1 => add_days(last_sat, 7)?,
                    _ => last_sat,
                };
                let wk = Pt::new(sat, Grain::Week);
                Val::Raw(
                    format!("{}-WE", crate::time::value::format_pt(&wk)),
                    TimeType::Date,
                )
            }
            None => raw("XXXX-WXX-WE"),
        };
        return Some(M {
            s: i,
            e: j + 2,
            val,
        });
    }
    // `that year`, `the same month`, `later that week`: the period of the last point mentioned.
    let same = p.is(j, "that") || (p.is(j, "the") && p.is(j + 1, "same"));
    if same {
        let k = if p.is(j, "that") { j + 1 } else { j + 2 };
        let g = period_unit(p.w(k)).filter(|g| *g != Grain::Quarter || p.is(j, "that"))?;
        let base = p.anchor_pt().map(|a| a.date);
        let val = match base.and_then(|b| super::absolute::period_at(p, b, g, 0)) {
            Some(pt) => Val::Pt(pt, None),
            None => raw(x_value(g)),
        };
        return Some(M {
            s: i,
            e: k + 1,
            val,
        });
    }
    let off = rel_offset(p.w(j))?;
    let uw = p.w(j + 1);
    if uw == "weekend" {
        let e = j + 2;
        let val = match p.today() {
            Some(r) => {
                let ws = week_start(r, crate::model::WeekStart::Monday);
                let sat = add_days(ws, 5 + 7 * off)?;
                let wk = Pt::new(sat, Grain::Week);
                Val::Raw(
                    format!("{}-WE", crate::time::value::format_pt(&wk)),
                    TimeType::Date,
                )
            }
            None => raw("XXXX-WXX-WE"),
        };
        return Some(M { s: i, e, val });
    }
    let g = period_unit(uw)?;
    let e = j + 2;
    // `the past year`, `over the last month`: a duration reaching back to the reference.
    if j > i && p.is(j - 1, "the") && p.any(j, &["past", "last"]) && !p.t[j + 1].poss {
        let (u, _) = lexicon::unit(uw)?;
        let anchor = current_period(p, g, -1).map(|a| (a, a));
        return Some(M {
            s: i,
            e,
            val: Val::Dur {
                value: unit_code(u, Some(1)),
                anchor,
            },
        });
    }
    // `the following month`, `the previous year`: from the last point mentioned, if any.
    let anaphoric = j > i && p.is(j - 1, "the") && p.any(j, &["following", "previous", "next"]);
    let base = match p.anchor_pt() {
        Some(a) if anaphoric && p.has_anchor() => Some(a.date),
        _ => p.today(),
    };
    let val = match base.and_then(|b| super::absolute::period_at(p, b, g, off)) {
        Some(pt) if p.ctx.reference.is_some() => Val::Pt(pt, None),
        _ => raw(x_value(g)),
    };
    Some(M { s: i, e, val })
}

fn unit_grain(u: Unit) -> Option<Grain> {
    Some(match u {
        Unit::Day => Grain::Day,
        Unit::Week | Unit::Fortnight => Grain::Week,
        Unit::Month => Grain::Month,
        Unit::Quarter => Grain::Quarter,
        Unit::Year => Grain::Year,
        Unit::Decade => Grain::Decade,
        Unit::Century => Grain::Century,
        _ => return None,
    })
}

fn unit_code(u: Unit, n: Option<u32>) -> String {
    let n = n.map_or("X".to_string(), |n| n.to_string());
    match u {
        Unit::Second => format!("PT{n}S"),
        Unit::Minute => format!("PT{n}M"),
        Unit::Hour => format!("PT{n}H"),
        Unit::Day => format!("P{n}D"),
        Unit::Week => format!("P{n}W"),
        Unit::Fortnight => match n.parse::<u32>() {
            Ok(k) => format!("P{}W", 2 * k),
            Err(_) => "PXW".into(),
        },
        Unit::Month => format!("P{n}M"),
        Unit::Quarter => format!("P{n}Q"),
        Unit::Year => format!("P{n}Y"),
        Unit::Decade => format!("P{n}DE"),
        Unit::Century => format!("P{n}CE"),
    }
}

/// A count of units: `3 days`, `three weeks`, `a month`, `a few months`, `several years`,
/// `a couple of days`. Returns (end, count or None for vague, unit).
fn counted(p: &Parser, i: usize) -> Option<(usize, Option<u32>, Unit)> {
    let (j, n) = match p.w(i) {
        "few" | "several" | "many" | "some" => (i + 1, None),
        "a" | "the" if p.is(i + 1, "few") => (i + 2, None),
        "a" if p.is(i + 1, "single") => (i + 2, Some(1)),
        "a" if p.is(i + 1, "couple") => (if p.is(i + 2, "of") { i + 3 } else { i + 2 }, Some(2)),
        "couple" if i > 0 && p.any(i - 1, &["last", "past", "next", "few"]) => {
            (if p.is(i + 1, "of") { i + 2 } else { i + 1 }, Some(2))
        }
        _ => {
            let (j, n) = p.count(i)?;
            (j, Some(n))
        }
    };
    // `four-week`, `48-hour`
    let j = if p.is(j, "-") && p.glued(j) && p.glued(j + 1) && n.is_some() {
        j + 1
    } else {
        j
    };
    let (u, plural) = p.tw(j).and_then(TimeWord::unit)?;
    if let Some(n) = n {
        // `a 20 minute walk`: a singular unit after a count is adjectival, if a word follows.
        let adjectival = p.is(j - 1, "-") || p.t.get(j + 1).is_some_and(|t| t.kind == Kind::Word);
        if n != 1 && !plural && !adjectival {
            return None;
        }
        if n == 1 && plural {
            return None;
        }
    }
    if n.is_none() && !plural {
        return None;
    }
    // `a second goal`, `a quarter of voters`: ordinals and fractions, not durations.
    if matches!(u, Unit::Second | Unit::Quarter) && n == Some(1) && p.is_word(i) {
        return None;
    }
    Some((j + 1, n, u))
}

fn shifted(p: &Parser, u: Unit, n: i64) -> Option<Pt> {
    let r = p.today()?;
    Some(match u {
        Unit::Day => Pt::day(add_days(r, n)?),
        Unit::Week => Pt::day(add_days(r, 7 * n)?),
        Unit::Fortnight => Pt::day(add_days(r, 14 * n)?),
        Unit::Month => Pt::new(calendar::month_start(add_months(r, n)?), Grain::Month),
        Unit::Quarter => {
            let d = add_months(r, 3 * n)?;
            Pt::new(
                calendar::ymd(d.year(), (d.month() - 1) / 3 * 3 + 1, 1)?,
                Grain::Quarter,
            )
        }
        Unit::Year => Pt::new(calendar::ymd(r.year() + n as i32, 1, 1)?, Grain::Year),
        Unit::Decade => Pt::new(calendar::ymd(r.year() + 10 * n as i32, 1, 1)?, Grain::Year),
        _ => return None,
    })
}

/// `two days ago`, `3 years from today`, `a week hence`, `in 3 weeks`, `2 thursdays ago`,
/// `3 fridays from now`.
fn shift(p: &Parser, i: usize) -> Option<M> {
    let leading_in = p.is(i, "in") || p.is(i, "within");
    let start = if leading_in { i + 1 } else { i };
    // Weekday counts: `3 fridays from now`, `2 thursdays back`.
    if let Some((j, n)) = p.count(start) {
        if let Some(wd) = lexicon::weekday_plural(p.w(j)).or_else(|| {
            (n == 1)
                .then(|| {
                    p.tw(j)
                        .and_then(TimeWord::weekday)
                        .filter(|x| x.1)
                        .map(|x| x.0)
                })
                .flatten()
        }) {
            let (e, sign) = direction_word(p, j + 1)?;
            let val = match p.today() {
                Some(r) => {
                    let today = wd_index(r);
                    let d = if sign > 0 {
                        let first = (wd + 7 - today) % 7;
                        let first = if first == 0 { 7 } else { first };
                        add_days(r, first as i64 + 7 * (n as i64 - 1))?
                    } else {
                        let first = (today + 7 - wd) % 7;
                        let first = if first == 0 { 7 } else { first };
                        add_days(r, -(first as i64) - 7 * (n as i64 - 1))?
                    };
                    Val::Pt(Pt::day(d), None)
                }
                None => raw("XXXX-XX-XX"),
            };
            return (!leading_in).then_some(M { s: i, e, val });
        }
    }
    let (j, n, u) = counted(p, start)?;
    let n = n?;
    if leading_in {
        if !p.is(i, "in") {
            return None;
        }
        let val = match shifted(p, u, n as i64) {
            Some(pt) => Val::Pt(pt, None),
            None => raw(x_value(unit_grain(u)?)),
        };
        return Some(M { s: i, e: j, val });
    }
    // `three days after Easter`, `a year from Christmas`: shifted from another date.
    if p.any(j, &["after", "before", "from"]) && !p.any(j + 1, &["now", "today"]) {
        let inner = p.core(j + 1)?;
        let Val::Pt(pt, None) = inner.val else {
            return None;
        };
        if pt.grain != Grain::Day || pt.tod.is_some() {
            return None;
        }
        let k = if p.is(j, "before") {
            -(n as i64)
        } else {
            n as i64
        };
        let d = match u {
            Unit::Day => add_days(pt.date, k)?,
            Unit::Week => add_days(pt.date, 7 * k)?,
            Unit::Month => add_months(pt.date, k)?,
            Unit::Year => add_months(pt.date, 12 * k)?,
            _ => return None,
        };
        return Some(M {
            s: i,
            e: inner.e,
            val: Val::Pt(Pt::day(d), None),
        });
    }
    let (e, sign) = direction_word(p, j)?;
    // `five hours earlier`, `an hour later`: no day to place; TimeML annotates the DURATION.
    if sign.abs() == 2 && matches!(u, Unit::Second | Unit::Minute | Unit::Hour) {
        return Some(M {
            s: i,
            e: j,
            val: Val::Dur {
                value: unit_code(u, Some(n)),
                anchor: None,
            },
        });
    }
    // `two days later`, `a year earlier`: from the last day mentioned.
    if sign.abs() == 2 {
        let sign = sign / 2;
        let val = match (p.anchor(), u) {
            (Some(a), Unit::Day) => Val::Pt(Pt::day(add_days(a, sign * n as i64)?), None),
            (Some(a), Unit::Week) => Val::Pt(Pt::day(add_days(a, 7 * sign * n as i64)?), None),
            (Some(a), Unit::Month) => {
                let d = add_months(a, sign * n as i64)?;
                Val::Pt(Pt::new(calendar::month_start(d), Grain::Month), None)
            }
            (Some(a), Unit::Year) => Val::Pt(
                Pt::new(
                    calendar::ymd(a.year() + (sign * n as i64) as i32, 1, 1)?,
                    Grain::Year,
                ),
                None,
            ),
            _ => raw("XXXX-XX-XX"),
        };
        return Some(M { s: i, e, val });
    }
    if p.is(j, "from") {
        // `3 years from today` names a day.
        let r = p.today();
        let val = match (r, u) {
            (Some(r), Unit::Day) => Val::Pt(Pt::day(add_days(r, sign * n as i64)?), None),
            (Some(r), Unit::Week) => Val::Pt(Pt::day(add_days(r, 7 * n as i64)?), None),
            (Some(r), Unit::Month) => Val::Pt(Pt::day(add_months(r, n as i64)?), None),
            (Some(r), Unit::Year) => Val::Pt(Pt::day(add_months(r, 12 * n as i64)?), None),
            _ => raw("XXXX-XX-XX"),
        };
        return Some(M { s: i, e, val });
    }
    let val = match shifted(p, u, sign * n as i64) {
        Some(pt) => Val::Pt(pt, None),
        None => raw(if unit_grain(u)? <= Grain::Week {
            "XXXX-XX-XX"
        } else {
            x_value(unit_grain(u)?)
        }),
    };
    Some(M { s: i, e, val })
}

/// `in 3 years`, `9 months from now`, `two years ago` after another expression: the reference
/// date moved by that much.
pub fn shifted_reference(p: &Parser, j: usize) -> Option<(usize, chrono::NaiveDate)> {
    let r = p.today()?;
    let leading_in = p.is(j, "in");
    let (k, n, u) = counted(p, if leading_in { j + 1 } else { j })?;
    let n = n? as i64;
    let (e, sign) = if leading_in {
        (k, 1)
    } else {
        direction_word(p, k).filter(|(_, s)| s.abs() == 1)?
    };
    let d = match u {
        Unit::Day => add_days(r, sign * n)?,
        Unit::Week => add_days(r, 7 * sign * n)?,
        Unit::Month => add_months(r, sign * n)?,
        Unit::Year => add_months(r, 12 * sign * n)?,
        _ => return None,
    };
    Some((e, d))
}

fn direction_word(p: &Parser, j: usize) -> Option<(usize, i64)> {
    match p.w(j) {
        "later" => Some((j + 1, 2)),
        "earlier" => Some((j + 1, -2)),
        "ago" | "back" => Some((j + 1, -1)),
        "hence" => Some((j + 1, 1)),
        "from" if p.any(j + 1, &["now", "today"]) => Some((j + 2, 1)),
        _ => None,
    }
}

/// `upcoming two weeks`, `2 upcoming days`: the period that many units ahead.
fn upcoming(p: &Parser, i: usize) -> Option<M> {
    let (n, u, e) = if p.is(i, "upcoming") {
        let (j, n) = p.count(i + 1)?;
        let (u, _) = p.tw(j).and_then(TimeWord::unit)?;
        (n, u, j + 1)
    } else {
        let (j, n) = p.count(i)?;
        if !p.is(j, "upcoming") {
            return None;
        }
        let (u, _) = p.tw(j + 1).and_then(TimeWord::unit)?;
        (n, u, j + 2)
    };
    let g = unit_grain(u)?;
    let val = match current_period(p, g, n as i64) {
        Some(pt) => Val::Pt(pt, None),
        None => raw(x_value(g)),
    };
    Some(M { s: i, e, val })
}

/// `the past two weeks`, `last 2 days`, `next three months`, `the next few days`: a duration
/// anchored next to the reference (whole units before or after the current one).
fn anchored_span(p: &Parser, i: usize) -> Option<M> {
    let j = if p.is(i, "the") { i + 1 } else { i };
    let sign: i64 = match p.w(j) {
        "last" | "past" | "previous" => -1,
        "next" | "coming" | "following" => 1,
        _ => return None,
    };
    let (e, n, u) = counted(p, j + 1)?;
    if n == Some(1) && p.is(j + 1, "a") {
        return None;
    }
    let g = unit_grain(u)?;
    let value = unit_code(u, n);
    let anchor = match (n, p.today()) {
        (Some(n), Some(_)) => {
            let step = if u == Unit::Fortnight { 2 } else { 1 };
            let k = n as i64 * step;
            let g = if g == Grain::Decade { Grain::Year } else { g };
            let (a, b) = if sign < 0 {
                (current_period(p, g, -k)?, current_period(p, g, -1)?)
            } else {
                (current_period(p, g, 1)?, current_period(p, g, k)?)
            };
            Some((a, b))
        }
        _ => None,
    };
    Some(M {
        s: i,
        e,
        val: Val::Dur { value, anchor },
    })
}

/// Weekdays: `Monday`, `on Monday`, `this/next/last Monday`, `Monday of next week`,
/// `Wednesday after next`, `last week's Sunday`, `Tuesday the 19th`.
fn weekday(p: &Parser, i: usize) -> Option<M> {
    let (j, rel) = match p.w(i) {
        "this" | "coming" => (i + 1, Some(0i64)),
        "next" => (i + 1, Some(1)),
        "last" | "past" | "previous" => (i + 1, Some(-1)),
        _ => (i, None),
    };
    // `last week's sunday`
    if rel.is_some() && p.is(j, "week") && p.t[j].poss {
        let (wd, full) = p.tw(j + 1).and_then(TimeWord::weekday)?;
        if !full {
            return None;
        }
        let off = rel.unwrap_or(0);
        return Some(M {
            s: i,
            e: j + 2,
            val: week_day(p, off, wd)?,
        });
    }
    let (wd, full) = p.tw(j).and_then(TimeWord::weekday)?;
    if rel.is_none() && in_a_name(p, j) {
        return None;
    }
    // `on a Monday`, `any Friday`: no particular day.
    if j > 0 && p.any(j - 1, &["a", "an", "any", "each", "every", "one"]) {
        return None;
    }
    if !full && !abbreviation_ok(p, j, rel.is_some()) {
        return None;
    }
    let e = if full { j + 1 } else { p.skip_dot(j + 1) };
    // `Monday of next week`, `wednesday next week`, `sunday from last week`.
    let k = if p.any(e, &["of", "from"]) { e + 1 } else { e };
    if let Some(off) = rel_offset(p.w(k)) {
        if p.is(k + 1, "week") && rel.is_none() {
            return Some(M {
                s: i,
                e: k + 2,
                val: week_day(p, off, wd)?,
            });
        }
    }
    // `Tuesday the 19th`, `Thu 15th`: the nearest month where that day is that weekday.
    let k = if p.is(e, "the") { e + 1 } else { e };
    if rel.is_none() {
        if let Some((de, d)) = p.ordinal(k).filter(|(_, d)| (1..=31).contains(d)) {
            if p.month(de).is_none() {
                return Some(M {
                    s: i,
                    e: de,
                    val: weekday_dom(p, wd, d)?,
                });
            }
        }
    }
    if p.is(e, "after") && p.is(e + 1, "next") {
        return Some(M {
            s: i,
            e: e + 2,
            val: week_day(p, 1, wd)?,
        });
    }
    let val = match (p.today(), rel) {
        (None, _) => raw(&format!("XXXX-WXX-{}", wd + 1)),
        (Some(_), Some(1)) => week_day(p, 1, wd)?,
        (Some(r), Some(-1)) => {
            let back = (wd_index(r) + 7 - wd) % 7;
            let back = if back == 0 { 7 } else { back };
            Val::Pt(Pt::day(add_days(r, -(back as i64))?), None)
        }
        (Some(r), Some(_)) => Val::Pt(
            Pt::day(resolve::weekday(r, wd, resolve::Dir::Future)?),
            None,
        ),
        (Some(r), None) => {
            let dir = p.dir(i, e, true);
            Val::Pt(Pt::day(resolve::weekday(r, wd, dir)?), None)
        }
    };
    Some(M { s: i, e, val })
}

/// A weekday that begins a name: `the Sunday Times`, `Sunday Telegraph`, `the Monday Club` (a
/// capitalised word after it that is no time word, after `the` or naming a publication).
fn in_a_name(p: &Parser, j: usize) -> bool {
    let Some(next) = p.t.get(j + 1) else {
        return false;
    };
    if !(p.cap(j) && next.cap && next.kind == Kind::Word && next.space_before) {
        return false;
    }
    let time_word = next.time_word.is_some() || next.cues & TimeCue::TimeWord.bit() != 0;
    !time_word && (p.cue(j + 1, TimeCue::PublicationHead) || (j > 0 && p.is(j - 1, "the")))
}

/// `Mon.`, `Thu 15th`, `sat` alone on its line: an abbreviated weekday needs a capital and a
/// dot, a date right after it, or a clause of its own (listings); `he sat.` stays a verb.
fn abbreviation_ok(p: &Parser, j: usize, after_rel: bool) -> bool {
    let t = &p.t[j];
    let dotted = p.is(j + 1, ".") && p.glued(j + 1);
    if t.cap && (dotted || after_rel) {
        return true;
    }
    let e = if dotted { j + 2 } else { j + 1 };
    if p.ordinal(e).is_some() || p.month(e).is_some() || p.is(e, ",") && p.month(e + 1).is_some() {
        return true;
    }
    p.alone(j, e)
}

/// `the week of October 7th`: the week holding a day.
fn week_of(p: &Parser, i: usize) -> Option<M> {
    let j = if p.is(i, "the") { i + 1 } else { i };
    if !(p.is(j, "week") && p.is(j + 1, "of")) {
        return None;
    }
    let inner = p.core(j + 2)?;
    let Val::Pt(pt, None) = inner.val else {
        return None;
    };
    if pt.grain != Grain::Day || pt.tod.is_some() {
        return None;
    }
    Some(M {
        s: i,
        e: inner.e,
        val: Val::Pt(
            Pt::new(week_start(pt.date, p.ctx.week_start), Grain::Week),
            None,
        ),
    })
}

/// `first Tuesday of October`, `last Monday of March 2014`, `the 20th of next month`,
/// `third day of October`, `fifth last day of May`, `first week of October 2014`,
/// `2nd last week of October 2018`, `the first Monday of this month`.
fn nth_of(p: &Parser, i: usize) -> Option<M> {
    let j = if p.is(i, "the") { i + 1 } else { i };
    let (mut k, mut n, cardinal) = if p.is(j, "last") {
        (j + 1, -1i32, false)
    } else if let Some((k, n)) = p.ordinal(j) {
        (k, n as i32, false)
    } else if let Some(n) = p
        .num(j)
        .filter(|n| (1..=31).contains(n) && p.digits(j) <= 2)
    {
        (j + 1, n as i32, true)
    } else {
        return None;
    };
    if n > 0 && p.is(k, "last") {
        n = -n;
        k += 1;
    }
    enum What {
        Weekday(u32),
        Day,
        Week,
    }
    let what = if let Some((wd, true)) = p.tw(k).and_then(TimeWord::weekday) {
        k += 1;
        What::Weekday(wd)
    } else if let Some((wd, false)) = p.tw(k).and_then(TimeWord::weekday).filter(|_| p.cap(k)) {
        k = p.skip_dot(k + 1);
        What::Weekday(wd)
    } else if p.is(k, "day") {
        k += 1;
        What::Day
    } else if p.is(k, "week") {
        k += 1;
        What::Week
    } else if p.any(k, &["of", "in"]) && n > 0 {
        What::Day
    } else {
        return None;
    };
    if cardinal && !matches!(what, What::Day) {
        return None;
    }
    if !p.any(k, &["of", "in"]) {
        return None;
    }
    let x = k + 1;
    // The period: `the month`, `the year`, or any month/year expression.
    let (e, period) = if p.is(x, "the") && p.any(x + 1, &["month", "year"]) {
        let g = if p.is(x + 1, "month") {
            Grain::Month
        } else {
            Grain::Year
        };
        (x + 2, current_period(p, g, 0)?)
    } else if let Some((me, m)) = p.month(x) {
        // A month name here needs no capital: `first tuesday of october`.
        let yk = if p.is(me, ",") { me + 1 } else { me };
        match p.year(yk) {
            Some((ye, y)) => (ye, Pt::new(calendar::ymd(y, m, 1)?, Grain::Month)),
            None => match super::absolute::month_no_year(p, x, me, m)? {
                Val::Pt(pt, _) => (me, pt),
                _ => return None,
            },
        }
    } else {
        let inner = p.core(x)?;
        match inner.val {
            Val::Pt(pt, None)
                if matches!(pt.grain, Grain::Month | Grain::Year) && pt.tod.is_none() =>
            {
                (inner.e, pt)
            }
            _ => return None,
        }
    };
    if cardinal && period.grain != Grain::Month {
        return None;
    }
    let start = period.date;
    let end = match period.grain {
        Grain::Month => add_months(start, 1)?,
        _ => add_months(start, 12)?,
    };
    let last = add_days(end, -1)?;
    let val = match what {
        What::Weekday(wd) => {
            if period.grain != Grain::Month {
                return None;
            }
            let d = calendar::nth_weekday(start.year(), start.month(), wd, n)?;
            Val::Pt(Pt::day(d), None)
        }
        What::Day => {
            let d = if n > 0 {
                add_days(start, n as i64 - 1)?
            } else {
                add_days(last, n as i64 + 1)?
            };
            if d < start || d > last {
                return None;
            }
            Val::Pt(Pt::day(d), None)
        }
        What::Week => {
            // Weeks wholly inside the period.
            let first = week_start(add_days(start, 6)?, p.ctx.week_start);
            let last_week = week_start(add_days(last, -6)?, p.ctx.week_start);
            let last_week = if add_days(last_week, 6)? > last {
                add_days(last_week, -7)?
            } else {
                last_week
            };
            let d = if n > 0 {
                add_days(first, 7 * (n as i64 - 1))?
            } else {
                add_days(last_week, 7 * (n as i64 + 1))?
            };
            if d < start || add_days(d, 6)? > last {
                return None;
            }
            Val::Pt(Pt::new(d, Grain::Week), None)
        }
    };
    Some(M { s: i, e, val })
}

/// Weekday `wd` of the week `off` weeks from the reference week.
fn week_day(p: &Parser, off: i64, wd: u32) -> Option<Val> {
    let Some(r) = p.today() else {
        return Some(raw(&format!("XXXX-WXX-{}", wd + 1)));
    };
    let ws = add_days(week_start(r, p.ctx.week_start), 7 * off)?;
    Some(Val::Pt(Pt::day(day_in_week(ws, wd)?), None))
}

fn weekday_dom(p: &Parser, wd: u32, d: u32) -> Option<Val> {
    let Some(r) = p.today() else {
        return Some(raw(&format!("XXXX-XX-{d:02}")));
    };
    let first = calendar::month_start(r);
    for k in 0..28 {
        let m = add_months(first, k)?;
        if let Some(x) = calendar::ymd(m.year(), m.month(), d) {
            if x >= r && wd_index(x) == wd {
                return Some(Val::Pt(Pt::day(x), None));
            }
        }
    }
    None
}

/// Durations: `three years`, `a month`, `four-week`, `48-hour`, `a few months`, `for years`.
fn duration(p: &Parser, i: usize) -> Option<M> {
    // Bare plural after `for`/`in`: `for years`, `in months`.
    if let Some((u, true)) = p.tw(i).and_then(TimeWord::unit) {
        if i > 0 && p.any(i - 1, &["for", "in", "over"]) && !p.is(i + 1, "of") {
            unit_grain(u)?;
            return Some(M {
                s: i,
                e: i + 1,
                val: Val::Dur {
                    value: unit_code(u, None),
                    anchor: None,
                },
            });
        }
        return None;
    }
    // `weeklong`, `hourslong`: a compound adjective of length.
    if let Some(stem) = p.w(i).strip_suffix("long") {
        let (u, plural) = lexicon::unit(stem)?;
        return Some(M {
            s: i,
            e: i + 1,
            val: Val::Dur {
                value: unit_code(u, (!plural).then_some(1)),
                anchor: None,
            },
        });
    }
    // `two to three months`, `3-5 years`: a range of counts is one DURATION with an X count.
    if let Some((j, a)) = p.count(i).filter(|_| !p.any(i, &["a", "an"])) {
        if p.any(j, &["to", "-", "\u{2013}"]) {
            if let Some((e, Some(b), u)) = counted(p, j + 1) {
                let age = p.is(e, "-") && p.any(e + 1, &["old", "olds"]) || p.is(e, "old");
                if b > a && !age {
                    return Some(M {
                        s: i,
                        e,
                        val: Val::Dur {
                            value: unit_code(u, None),
                            anchor: None,
                        },
                    });
                }
            }
        }
    }
    let (e, n, u) = counted(p, i)?;
    // Ages are not durations: `a 45-year-old man`, `ten years old`, `15-year-olds`.
    let age = |e: usize| p.is(e, "-") && p.any(e + 1, &["old", "olds"]) || p.is(e, "old");
    if age(e) {
        return None;
    }
    if p.is(i, "a") || p.is(i, "an") {
        // `a day` after a count is a frequency (`twice a day`): the set rule takes it.
        if i > 0 && p.any(i - 1, &["once", "twice", "thrice", "times"]) {
            return None;
        }
    }
    Some(M {
        s: i,
        e,
        val: Val::Dur {
            value: unit_code(u, n),
            anchor: None,
        },
    })
}

/// Sets: `every Monday`, `on Mondays`, `every day`, `each year`, `every two years`,
/// `twice a week`, `daily`, `weekly`.
fn set(p: &Parser, i: usize) -> Option<M> {
    let w = p.w(i);
    if let Some(v) = p.tw(i).and_then(TimeWord::frequency) {
        if p.t[i].cap {
            return None;
        }
        return Some(M {
            s: i,
            e: i + 1,
            val: Val::Set(v.into()),
        });
    }
    if let Some(wd) = lexicon::weekday_plural(w) {
        if i > 0 && p.any(i - 1, &["on", "every", "most", "some"]) {
            return Some(M {
                s: i,
                e: i + 1,
                val: Val::Set(format!("XXXX-WXX-{}", wd + 1)),
            });
        }
        return None;
    }
    if matches!(w, "once" | "twice" | "thrice") && p.any(i + 1, &["a", "per", "every", "each"]) {
        let (u, false) = p.tw(i + 2).and_then(TimeWord::unit)? else {
            return None;
        };
        return Some(M {
            s: i,
            e: i + 3,
            val: Val::Set(unit_code(u, Some(1))),
        });
    }
    if !matches!(w, "every" | "each") {
        return None;
    }
    if let Some((wd, true)) = p.tw(i + 1).and_then(TimeWord::weekday) {
        let mut e = i + 2;
        let mut v = format!("XXXX-WXX-{}", wd + 1);
        if let Some((code, ..)) = p.tw(e).and_then(TimeWord::part_of_day) {
            v.push_str(&format!("T{code}"));
            e += 1;
        }
        return Some(M {
            s: i,
            e,
            val: Val::Set(v),
        });
    }
    if let Some((code, ..)) = p.tw(i + 1).and_then(TimeWord::part_of_day) {
        return Some(M {
            s: i,
            e: i + 2,
            val: Val::Set(format!("XXXX-XX-XXT{code}")),
        });
    }
    if let Some(season) = p.tw(i + 1).and_then(TimeWord::season) {
        let code = ["SP", "SU", "FA", "WI"][season as usize];
        return Some(M {
            s: i,
            e: i + 2,
            val: Val::Set(format!("XXXX-{code}")),
        });
    }
    if p.is(i + 1, "weekend") {
        return Some(M {
            s: i,
            e: i + 2,
            val: Val::Set("XXXX-WXX-WE".into()),
        });
    }
    if let Some((u, false)) = p.tw(i + 1).and_then(TimeWord::unit) {
        return Some(M {
            s: i,
            e: i + 2,
            val: Val::Set(unit_code(u, Some(1))),
        });
    }
    let (j, n) = p.count(i + 1)?;
    let (u, true) = p.tw(j).and_then(TimeWord::unit)? else {
        return None;
    };
    Some(M {
        s: i,
        e: j + 1,
        val: Val::Set(unit_code(u, Some(n))),
    })
}

/// `recent weeks`, `the coming years`: a plural unit at `u` → DURATION `PX<unit>` over `[i, u]`.
fn vague_units(p: &Parser, i: usize, u: usize) -> Option<M> {
    let (unit, true) = p.tw(u).and_then(TimeWord::unit)? else {
        return None;
    };
    unit_grain(unit)?;
    Some(M {
        s: i,
        e: u + 1,
        val: Val::Dur {
            value: unit_code(unit, None),
            anchor: None,
        },
    })
}

/// `at this point`, `at the moment` (span without `at`): the present.
fn present_noun(p: &Parser, i: usize) -> Option<M> {
    let this = p.is(i, "this") || (p.is(i, "the") && p.is(i + 1, "moment"));
    let follows = |k: usize| p.is_word(k) && p.any(k, &["of", "when", "that", "where"]);
    if !(i > 0 && p.is(i - 1, "at") && this && p.cue(i + 1, TimeCue::PresentNoun)) || follows(i + 2)
    {
        return None;
    }
    Some(M {
        s: i,
        e: i + 2,
        val: Val::Raw("PRESENT_REF".into(), TimeType::Date),
    })
}

/// `now`, `currently`, `recently`, `in recent years`, `in the past`, `the coming weeks`.
fn reference(p: &Parser, i: usize) -> Option<M> {
    let w = p.w(i);
    let present = |e: usize| {
        Some(M {
            s: i,
            e,
            val: Val::Raw("PRESENT_REF".into(), TimeType::Date),
        })
    };
    let past = |e: usize| {
        Some(M {
            s: i,
            e,
            val: Val::Raw("PAST_REF".into(), TimeType::Date),
        })
    };
    match w {
        "now" | "currently" | "nowadays" => {
            let blocked = w == "now"
                && (p.is(i + 1, "that")
                    || (p.is(i + 1, "and") && p.any(i + 2, &["then", "again"]))
                    || (i > 0 && p.any(i - 1, &["from", "until", "till", "by", "right", "just"])));
            if blocked {
                None
            } else {
                present(i + 1)
            }
        }
        "right" | "just" if p.is(i + 1, "now") => present(i + 2),
        "at" if p.is(i + 1, "present") && !p.is(i + 2, "the") => present(i + 2),
        "recently" | "lately" => past(i + 1),
        // `recent weeks`, `coming years`, `last years`: a vague stretch of units next to the
        // reference is a DURATION with an X count (TimeML: `recent years` PXY).
        "recent" | "coming" | "last" | "past" => vague_units(p, i, i + 1),
        "the" => {
            let (kind, e) = match p.w(i + 1) {
                "past"
                    if i > 0
                        && p.any(i - 1, &["in", "from"])
                        && !p.t.get(i + 2).is_some_and(|t| {
                            t.kind == Kind::Word && t.time_word.and_then(TimeWord::unit).is_some()
                        })
                        && counted(p, i + 2).is_none() =>
                {
                    ("PAST_REF", i + 2)
                }
                "future" if i > 0 && p.any(i - 1, &["in", "near", "foreseeable"]) => {
                    ("FUTURE_REF", i + 2)
                }
                "near" | "foreseeable" if p.is(i + 2, "future") => ("FUTURE_REF", i + 3),
                "coming" | "next" if p.w(i + 2) == "few" => return None,
                "coming" | "recent" | "last" | "past" => return vague_units(p, i, i + 2),
                _ => return None,
            };
            Some(M {
                s: i,
                e,
                val: Val::Raw(kind.into(), TimeType::Date),
            })
        }
        _ => None,
    }
}
