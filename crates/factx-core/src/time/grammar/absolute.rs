//! Calendar dates written out: numeric (`2015-03-03`, `3/15`, `10/31/74`), with month names
//! (`March 3, 2015`, `3 March 2015`, `Jan. 5`), months, years, decades, centuries, quarters,
//! halves, fiscal years, seasons, and `early`/`mid`/`late`/`the end of` modifiers.

use chrono::{Datelike, NaiveDate};

use super::{Parser, M};
use crate::lexicon::time::{TimeCue, TimeWord};
use crate::model::TimeType;
use crate::time::calendar::{self, add_months, season_bounds, ymd};
use crate::time::lexer::{Kind, Tok};
use crate::time::resolve::{pick, pick_rel, Rel};
use crate::time::value::{Grain, Mod, Pt, Val};

pub fn parse(p: &Parser, i: usize) -> Option<M> {
    let mut best: Option<M> = None;
    for m in [
        numeric(p, i),
        month_first(p, i),
        day_first(p, i),
        day_range(p, i),
        day_alone(p, i),
        year_forms(p, i),
        quarter(p, i),
        season(p, i),
        modified(p, i),
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

fn two_digit_year(n: u32) -> i32 {
    if n < 50 {
        2000 + n as i32
    } else {
        1900 + n as i32
    }
}

fn valid(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    ymd(y, m, d)
}

/// Neither glued to more digits/separators on the left nor on the right (phone numbers, IPs).
fn isolated(p: &Parser, s: usize, e: usize) -> bool {
    let num_sep = |k: usize| matches!(p.w(k), "/" | "-" | "." | ":" | "$" | "#" | "%");
    let word_or_num = |k: usize| matches!(p.t[k].kind, Kind::Num | Kind::Word);
    let left_blocked = word_or_num(s - usize::from(s > 0))
        || (s >= 2 && num_sep(s - 1) && p.glued(s - 1) && p.t[s - 2].kind == Kind::Num);
    let left_ok = s == 0 || !p.glued(s) || !left_blocked;
    let right_ok = e >= p.t.len()
        || !p.glued(e)
        || !(word_or_num(e) || (num_sep(e) && p.glued(e + 1) && p.num(e + 1).is_some()));
    left_ok && right_ok && !(s > 0 && p.glued(s) && matches!(p.w(s - 1), "$" | "#" | "€" | "£"))
}

/// Date with a year.
fn day(_p: &Parser, y: i32, m: u32, d: u32) -> Option<Val> {
    valid(y, m, d).map(|x| Val::Pt(Pt::day(x), None))
}

/// Month and day without a year: the occurrence in the clause's direction.
pub fn day_no_year(p: &Parser, s: usize, e: usize, m: u32, d: u32, wd: Option<u32>) -> Option<Val> {
    if d > 31 || m == 0 || m > 12 || (m == 2 && d > 29) || d > calendar::days_in_month(2000, m) {
        return None;
    }
    let Some(r) = p.today() else {
        return Some(Val::Raw(format!("XXXX-{m:02}-{d:02}"), TimeType::Date));
    };
    if let Some(wd) = wd {
        // The weekday names the year: the matching year closest to the reference.
        let best = (r.year() - 6..=r.year() + 6)
            .filter_map(|y| valid(y, m, d))
            .filter(|x| calendar::wd_index(*x) == wd)
            .min_by_key(|x| ((*x - r).num_days().abs(), -(x.year())));
        if let Some(x) = best {
            return Some(Val::Pt(Pt::day(x), None));
        }
    }
    let dir = p.dir(s, e, false);
    let f = |y: i32| valid(y, m, d).map(|x| (x, x)).into_iter().collect();
    pick(r, dir, &f).map(|(x, _)| Val::Pt(Pt::day(x), None))
}

pub fn month_no_year(p: &Parser, s: usize, e: usize, m: u32) -> Option<Val> {
    let Some(r) = p.today() else {
        return Some(Val::Raw(format!("XXXX-{m:02}"), TimeType::Date));
    };
    let f = |y: i32| {
        ymd(y, m, 1)
            .map(|a| (a, ymd(y, m, calendar::days_in_month(y, m)).unwrap_or(a)))
            .into_iter()
            .collect()
    };
    let rel = match p.w(s.wrapping_sub(1)) {
        "next" => Some(Rel::Next),
        "last" | "past" => Some(Rel::Last),
        "this" => Some(Rel::This),
        _ => None,
    };
    let (x, _) = match rel {
        Some(rel) if s > 0 => pick_rel(r, rel, &f)?,
        _ => pick(r, p.dir(s, e, false), &f)?,
    };
    Some(Val::Pt(Pt::new(x, Grain::Month), None))
}

/// `2015-03-03`, `2015-3-3`, `2014-10`, `2014/10`, `10/31/1974`, `10-31-74`, `10.31.1974`,
/// `31/Oct/1974`, `2/15`, `2/2013`.
fn numeric(p: &Parser, i: usize) -> Option<M> {
    let a = p.num(i)?;
    let sep = p.w(i + 1);
    if !matches!(sep, "/" | "-" | "." | "\u{2013}") {
        return None;
    }
    let tight = p.glued(i + 1) && p.glued(i + 2);
    let spaced = !p.glued(i + 1) && !p.glued(i + 2);
    if !(tight || spaced && matches!(sep, "/" | "-")) {
        return None;
    }
    let (da, db) = (p.digits(i), p.digits(i + 2));
    // 31/Oct/1974, 31-Oct-74
    if let (Some((k, m)), true) = (p.month(i + 2), da <= 2) {
        let k = if k > i + 3 { i + 3 } else { k };
        if p.is(k, sep) && p.glued(k) {
            let y = p.num(k + 1)?;
            let y = match p.digits(k + 1) {
                4 => y as i32,
                2 => two_digit_year(y),
                _ => return None,
            };
            let val = day(p, y, m, a)?;
            return isolated(p, i, k + 2).then_some(M {
                s: i,
                e: k + 2,
                val,
            });
        }
        return None;
    }
    let b = p.num(i + 2)?;
    let third = if p.is(i + 3, sep)
        && p.glued(i + 3) == tight
        && p.glued(i + 4) == tight
        && p.num(i + 4).is_some()
    {
        Some((p.num(i + 4)?, p.digits(i + 4)))
    } else {
        None
    };
    if da == 4 {
        let y = a as i32;
        if let Some((c, dc)) = third {
            if db <= 2 && dc <= 2 && sep != "\u{2013}" {
                let val = day(p, y, b, c)?;
                return isolated(p, i, i + 5).then_some(M {
                    s: i,
                    e: i + 5,
                    val,
                });
            }
            return None;
        }
        // 2014-10 is a month unless a term noun follows (`2010-11 season`): then the range rule.
        if db == 2 && (1..=12).contains(&b) && matches!(sep, "-" | "/") && tight {
            if p.cue(i + 3, TimeCue::TermNoun) {
                return None;
            }
            let d = ymd(y, b, 1)?;
            return isolated(p, i, i + 3).then_some(M {
                s: i,
                e: i + 3,
                val: Val::Pt(Pt::new(d, Grain::Month), None),
            });
        }
        return None;
    }
    if da > 2 || db > 4 {
        return None;
    }
    if let Some((c, dc)) = third {
        if db > 2 {
            return None;
        }
        let y = match dc {
            4 => c as i32,
            2 => two_digit_year(c),
            _ => return None,
        };
        // US order unless the first number cannot be a month.
        let (m, d) = if a > 12 && b <= 12 { (b, a) } else { (a, b) };
        let val = day(p, y, m, d)?;
        return isolated(p, i, i + 5).then_some(M {
            s: i,
            e: i + 5,
            val,
        });
    }
    if sep == "." {
        return None;
    }
    // 2/2013: month and year.
    if db == 4 && (1..=12).contains(&a) && sep == "/" {
        let d = ymd(b as i32, a, 1)?;
        return isolated(p, i, i + 3).then_some(M {
            s: i,
            e: i + 3,
            val: Val::Pt(Pt::new(d, Grain::Month), None),
        });
    }
    if db > 2 || !(1..=12).contains(&a) {
        return None;
    }
    // m/d: fractions (`1/2`, `3/4`) and scores (`a 3-1 vote`) look the same; take slashes that
    // can't be a proper fraction, and dashes only after a date preposition.
    let prep = i > 0 && p.any(i - 1, &["on", "by", "until", "since", "before", "after"]);
    let ok = match sep {
        "/" => prep || !(b <= 10 && a < b),
        _ => prep,
    };
    if !ok || p.is(i + 3, "of") {
        return None;
    }
    let val = day_no_year(p, i, i + 3, a, b, None)?;
    isolated(p, i, i + 3).then_some(M {
        s: i,
        e: i + 3,
        val,
    })
}

/// Optional leading weekday: `Monday, `, `Mon `, `Wed,`. Returns (next token, weekday).
fn weekday_prefix(p: &Parser, i: usize) -> Option<(usize, u32)> {
    let (wd, full) = p.tw(i).and_then(TimeWord::weekday)?;
    if !full && !p.cap(i) {
        return None;
    }
    let mut j = p.skip_dot(i + 1);
    if p.is(j, ",") {
        j += 1;
    }
    Some((j, wd))
}

/// Year after a day: `, 2015`, ` 2015`, ` '15`, or `15` glued after an ordinal (`14th April 15`).
fn year_after(p: &Parser, j: usize, allow_two_digits: bool) -> Option<(usize, i32)> {
    let k = if p.is(j, ",") { j + 1 } else { j };
    if let Some((e, y)) = p.year(k) {
        if p.is(e, ":") || (p.glued(e) && p.num(e).is_some()) {
            return None;
        }
        return Some((e, y));
    }
    if allow_two_digits && k == j && p.digits(j) == 2 && !p.glued(j + 1) {
        return Some((j + 1, two_digit_year(p.num(j)?)));
    }
    None
}

/// `[Monday,] March 3[rd][,] [2015]`, `March the 3rd`, `October 2014`, `Jul 18, Fri`, `March`.
fn month_first(p: &Parser, i: usize) -> Option<M> {
    let (j, wd) = match weekday_prefix(p, i) {
        Some((j, wd)) => (j, Some(wd)),
        None => (i, None),
    };
    let (k, m) = p.month(j)?;
    let month_word = p.w(j).to_string();
    let abbreviated = p.tw(j).and_then(TimeWord::month).is_some()
        && month_word.len() <= 4
        && month_word != "june"
        && month_word != "july";
    let mut k2 = k;
    if p.is(k2, "the") {
        k2 += 1;
    }
    if let Some((e, d)) = p
        .dom(k2)
        .filter(|_| p.num(k2).is_none() || p.digits(k2) <= 2)
    {
        // A number right after a month: a day unless it reads as `May 2015`-style year.
        if p.is(e, ":") || (p.is(e, ".") && p.num(e + 1).is_some()) {
            return None;
        }
        if let Some((ye, y)) = year_after(p, e, false) {
            let val = day(p, y, m, d)?;
            return Some(suffix_weekday(p, M { s: i, e: ye, val }));
        }
        if p.is(j, "may") && p.num(k2).is_some() && !p.cap(j) {
            return None;
        }
        let mut e2 = e;
        let mut wd2 = wd;
        if wd.is_none() && p.is(e, ",") {
            if let Some((w, _)) = p.tw(e + 1).and_then(TimeWord::weekday) {
                wd2 = Some(w);
                e2 = p.skip_dot(e + 2);
            }
        }
        let val = day_no_year(p, i, e2, m, d, wd2)?;
        return Some(M { s: i, e: e2, val });
    }
    // Month and year: `October 2014`, `October of 2014`, `Oct. 2014`.
    let yk = if p.is(k, "of") || p.is(k, ",") {
        k + 1
    } else {
        k
    };
    if let Some((e, y)) = p.year(yk) {
        if !(p.glued(e) && p.num(e).is_some()) {
            let d = ymd(y, m, 1)?;
            return Some(M {
                s: i,
                e,
                val: Val::Pt(Pt::new(d, Grain::Month), None),
            });
        }
    }
    if wd.is_some() {
        return None;
    }
    // `July this year`, `January of last year`: that month in the named year.
    let yk = if p.is(k, "of") { k + 1 } else { k };
    if p.any(yk, &["this", "last", "next"]) && p.is(yk + 1, "year") && !p.t[yk + 1].poss {
        if let Some(Pt { date, .. }) = current_period(
            p,
            Grain::Year,
            match p.w(yk) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            },
        ) {
            let d = ymd(date.year(), m, 1)?;
            return Some(M {
                s: i,
                e: yk + 2,
                val: Val::Pt(Pt::new(d, Grain::Month), None),
            });
        }
    }
    // `March in a year`, `March two years ago`: that month in the shifted year.
    if let Some((se, d)) = super::relative::shifted_reference(p, k) {
        let d = ymd(d.year(), m, 1)?;
        return Some(M {
            s: i,
            e: se,
            val: Val::Pt(Pt::new(d, Grain::Month), None),
        });
    }
    // `between May and June 1981`, `from March to August 2011`: the year of the second month.
    if let Some(y) = sibling_year(p, k) {
        let d = ymd(y, m, 1)?;
        return Some(M {
            s: i,
            e: k,
            val: Val::Pt(Pt::new(d, Grain::Month), None),
        });
    }
    // A month alone: a capitalised full name; `May`/`March` only after a time preposition.
    if !p.cap(j) || abbreviated || ambiguous_verb(p, j) && !time_prep(p, j) && !p.alone(j, k) {
        return None;
    }
    // `March after next`
    if p.is(k, "after") && p.is(k + 1, "next") {
        let Some(r) = p.today() else {
            return Some(M {
                s: i,
                e: k + 2,
                val: Val::Raw(format!("XXXX-{m:02}"), TimeType::Date),
            });
        };
        let f = |y: i32| ymd(y, m, 1).map(|a| (a, a)).into_iter().collect();
        let (next, _) = pick_rel(r, Rel::Next, &f)?;
        let d = add_months(next, 12)?;
        return Some(M {
            s: i,
            e: k + 2,
            val: Val::Pt(Pt::new(d, Grain::Month), None),
        });
    }
    if p.t[j].all_caps && p.t[j].end - p.t[j].start > 1 && p.t.len() > 1 {
        return None;
    }
    let val = month_no_year(p, j, k, m)?;
    Some(M { s: i, e: k, val })
}

/// The year closing a coordination of months: `May and June 1981` seen from after `May`.
fn sibling_year(p: &Parser, k: usize) -> Option<i32> {
    if !p.cue(k, TimeCue::MonthJoiner) {
        return None;
    }
    let (e, _) = p.month(k + 1)?;
    let e = if p.is(e, ",") || p.is(e, "of") {
        e + 1
    } else {
        e
    };
    let e = if p.is(e, "in") { e + 1 } else { e };
    p.year(e).map(|(_, y)| y)
}

fn suffix_weekday(p: &Parser, m: M) -> M {
    if p.is(m.e, ",") {
        if let Some((_, true)) = p.tw(m.e + 1).and_then(TimeWord::weekday) {
            return M { e: m.e + 2, ..m };
        }
    }
    m
}

/// `may`, `march` and their capitalised forms at a sentence start can be a verb.
fn ambiguous_verb(p: &Parser, j: usize) -> bool {
    matches!(p.w(j), "may" | "march")
}

fn time_prep(p: &Parser, j: usize) -> bool {
    j > 0 && p.cue(j - 1, TimeCue::TimePrep)
}

/// `[Monday,] [the] 3rd [of] March[,] [2015]`, `14april 2015`, `4th of July`.
fn day_first(p: &Parser, i: usize) -> Option<M> {
    let (j, wd) = match weekday_prefix(p, i) {
        Some((j, wd)) => (j, Some(wd)),
        None => (i, None),
    };
    let j2 = if p.is(j, "the") { j + 1 } else { j };
    let (k, d) = p.dom(j2)?;
    if p.num(j2).is_some() && p.glued(k) && k == j2 + 1 && p.month(k).is_none() {
        return None;
    }
    let k2 = if p.is(k, "of") { k + 1 } else { k };
    let (e, m) = p.month(k2)?;
    if let Some((ye, y)) = year_after(p, e, p.ordinal(j2).is_some()) {
        let val = day(p, y, m, d)?;
        return Some(M { s: i, e: ye, val });
    }
    let val = day_no_year(p, i, e, m, d, wd)?;
    Some(M { s: i, e, val })
}

/// `on the 15th`, `On 24th`, `on the first`: a day of the current, last or next month.
fn day_alone(p: &Parser, i: usize) -> Option<M> {
    if i == 0 || !p.is(i - 1, "on") {
        return None;
    }
    let j = if p.is(i, "the") { i + 1 } else { i };
    let (e, d) = p.ordinal(j).filter(|(_, d)| (1..=31).contains(d))?;
    if p.num(j).is_none() && j == i {
        return None;
    }
    let next = p.t.get(e);
    if next.is_some_and(|t| t.kind != Kind::Punct && p.clause.get(e) == p.clause.get(j)) {
        return None;
    }
    let Some(r) = p.today() else {
        return Some(M {
            s: i,
            e,
            val: Val::Raw(format!("XXXX-XX-{d:02}"), TimeType::Date),
        });
    };
    let dir = p.dir(i, e, false);
    let f = |_: i32| {
        (-1..=1)
            .filter_map(|k| add_months(calendar::month_start(r), k))
            .filter_map(|m| ymd(m.year(), m.month(), d))
            .map(|x| (x, x))
            .collect()
    };
    let (x, _) = pick(r, dir, &|y| if y == r.year() { f(y) } else { Vec::new() })?;
    Some(M {
        s: i,
        e,
        val: Val::Pt(Pt::day(x), None),
    })
}

/// `13 to 15 July`, `1-8 september`, `from the 13th to the 15th of July`, `23rd to 26th Oct`.
fn day_range(p: &Parser, i: usize) -> Option<M> {
    let j = if p.is(i, "the") { i + 1 } else { i };
    let (k, a) = p.dom(j)?;
    if !p.cue(k, TimeCue::DayRangeJoiner) {
        return None;
    }
    let k2 = if p.is(k + 1, "the") { k + 2 } else { k + 1 };
    let (e, b) = p.dom(k2)?;
    if b <= a {
        return None;
    }
    let e2 = if p.is(e, "of") { e + 1 } else { e };
    let (me, m) = p.month(e2)?;
    let (end, y) = match year_after(p, me, false) {
        Some((ye, y)) => (ye, Some(y)),
        None => (me, None),
    };
    let first = match y {
        Some(y) => day(p, y, m, a)?,
        None => day_no_year(p, i, end, m, a, None)?,
    };
    let val = match first {
        Val::Pt(pa, _) => {
            let pb = ymd(pa.date.year(), m, b)?;
            Val::Iv(pa, Pt::day(pb))
        }
        Val::Raw(..) => Val::Raw(
            format!("XXXX-{m:02}-{a:02}/XXXX-{m:02}-{b:02}"),
            TimeType::Date,
        ),
        other => other,
    };
    Some(M { s: i, e: end, val })
}

/// Years (`2015`, `in 14 a.d.`, `2014 BC`), decades (`the 1990s`, `'90s`), centuries
/// (`the 20th century`), fiscal years (`FY2024`, `fiscal 2024`), year ranges (`2025-2026`).
fn year_forms(p: &Parser, i: usize) -> Option<M> {
    // Decades.
    if p.is(i, "'") && p.digits(i + 1) == 2 && p.glued(i + 1) {
        let n = p.num(i + 1)?;
        if n % 10 == 0 && p.is(i + 2, "s") && p.glued(i + 2) {
            let y = two_digit_year(n);
            let d = ymd(y, 1, 1)?;
            return Some(M {
                s: i,
                e: i + 3,
                val: Val::Pt(Pt::new(d, Grain::Decade), None),
            });
        }
    }
    if p.digits(i) == 4 {
        let y = p.num(i)? as i32;
        let mut e = i + 1;
        if p.is(e, "'") && p.glued(e) {
            e += 1;
        }
        if y % 10 == 0 && p.is(e, "s") && p.glued(e) && (1000..=2999).contains(&y) {
            let d = ymd(y, 1, 1)?;
            return Some(M {
                s: i,
                e: e + 1,
                val: Val::Pt(Pt::new(d, Grain::Decade), None),
            });
        }
    }
    // `the sixties`: decades of the 1900s in words.
    if p.is(i, "the") {
        let decade = match p.w(i + 1) {
            "twenties" => Some(192),
            "thirties" => Some(193),
            "forties" => Some(194),
            "fifties" => Some(195),
            "sixties" => Some(196),
            "seventies" => Some(197),
            "eighties" => Some(198),
            "nineties" => Some(199),
            _ => None,
        };
        // `in his sixties` is an age; only `the sixties` names a decade.
        if let Some(d) = decade {
            return Some(M {
                s: i,
                e: i + 2,
                val: Val::Pt(Pt::new(ymd(d * 10, 1, 1)?, Grain::Decade), None),
            });
        }
    }
    // Centuries: `20th century`, `the twenty-first century`, `21st-century`.
    if let Some((k, n)) = p.ordinal(i) {
        let k2 = p.skip_dash(k);
        if p.is(k2, "century") && (1..=30).contains(&n) {
            let d = ymd((n as i32 - 1) * 100, 1, 1)?;
            return Some(M {
                s: i,
                e: k2 + 1,
                val: Val::Pt(Pt::new(d, Grain::Century), None),
            });
        }
    }
    // Fiscal years.
    if p.is(i, "fy")
        || (p.is(i, "fiscal") && !p.is(i + 1, "year"))
        || (p.is(i, "fiscal") && p.is(i + 1, "year"))
    {
        let mut j = if p.is(i, "fiscal") && p.is(i + 1, "year") {
            i + 2
        } else {
            i + 1
        };
        if p.is(j, "-") && p.glued(j) {
            j += 1;
        }
        let (e, y) = if let Some((e, y)) = p.year(j) {
            (e, y)
        } else if p.is(i, "fy") && p.digits(j) == 2 {
            (j + 1, two_digit_year(p.num(j)?))
        } else {
            return None;
        };
        return Some(M {
            s: i,
            e,
            val: Val::Raw(format!("FY{y:04}"), TimeType::Date),
        });
    }
    // Plain years with an era: `2014 AD`, `14 a.d.`, `2014 BC`.
    let n = p.num(i)?;
    let nd = p.digits(i);
    if nd > 4 {
        return None;
    }
    let era = era(p, i + 1);
    if let Some((e, bc)) = era {
        let y = if bc { -(n as i32) } else { n as i32 };
        if nd < 4 && !(i > 0 && p.is(i - 1, "in")) {
            return None;
        }
        let d = ymd(y, 1, 1)?;
        return Some(M {
            s: i,
            e,
            val: Val::Pt(Pt::new(d, Grain::Year), None),
        });
    }
    if nd != 4 {
        return None;
    }
    let (e, y) = p.year(i)?;
    if let Some(m) = year_range(p, i, e, y) {
        return Some(m);
    }
    if !standalone_year_ok(p, i, e, y) {
        return None;
    }
    // `2025-2026`, `2025–26` are ranges handled by the range extension.
    let d = ymd(y, 1, 1)?;
    Some(M {
        s: i,
        e,
        val: Val::Pt(Pt::new(d, Grain::Year), None),
    })
}

/// `2025-2026`, `2025–26`, `2024/25`: consecutive or close years joined without spaces.
fn year_range(p: &Parser, s: usize, e: usize, y: i32) -> Option<M> {
    // Spaced (`1704 – 1787`) they are two expressions, as TimeML has them.
    let dash = p.any(e, &["-", "\u{2013}", "\u{2014}", "/"]);
    if !(dash && p.glued(e) && p.glued(e + 1)) {
        return None;
    }
    let n = p.num(e + 1)? as i32;
    let b = match p.digits(e + 1) {
        4 => n,
        2 => y - y % 100 + n,
        _ => return None,
    };
    // `2014-10` is October 2014 unless a term noun follows; the numeric rule decides that.
    if p.digits(e + 1) == 2 && (1..=12).contains(&n) && !p.cue(e + 2, TimeCue::TermNoun) {
        return None;
    }
    let span_limit = if p.digits(e + 1) == 4 { 200 } else { 10 };
    if b <= y || b - y > span_limit || !isolated(p, s, e + 2) {
        return None;
    }
    Some(M {
        s,
        e: e + 2,
        val: Val::Iv(
            Pt::new(ymd(y, 1, 1)?, Grain::Year),
            Pt::new(ymd(b, 1, 1)?, Grain::Year),
        ),
    })
}

fn era(p: &Parser, j: usize) -> Option<(usize, bool)> {
    match p.w(j) {
        "ad" | "ce" => Some((j + 1, false)),
        "bc" | "bce" => Some((j + 1, true)),
        "a" | "b" if p.is(j + 1, ".") && p.glued(j + 1) => {
            let bc = p.is(j, "b");
            let want = if bc { "c" } else { "d" };
            if p.is(j + 2, want) && p.glued(j + 2) {
                Some((p.skip_dot(j + 3), bc))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A bare four-digit number is a year unless it reads as a quantity, a code or part of a name.
fn standalone_year_ok(p: &Parser, s: usize, e: usize, y: i32) -> bool {
    if !isolated(p, s, e) {
        return false;
    }
    let prep = s > 0 && p.cue(s - 1, TimeCue::YearPrep);
    let strong_prep = s > 0 && p.cue(s - 1, TimeCue::StrongYearPrep);
    // Older years need a time preposition or no lowercase word after them (`(1774–1821)`,
    // `in 1709`, but `1709 schoolchildren`).
    let word_after = p.t.get(e).is_some_and(|t| t.kind == Kind::Word && !t.cap);
    if !(1900..=2100).contains(&y) && !strong_prep && (word_after || y < 1500) {
        return false;
    }
    if s > 0 {
        let prev = &p.t[s - 1];
        // `ABC 2000` is a name; `World Cup 2018` still names the year.
        let name_like = prev.kind == Kind::Word
            && prev.all_caps
            && prev.end - prev.start > 1
            && !prep
            && !is_time_word(prev);
        let quantity = p.cue(s - 1, TimeCue::QuantityWord);
        // `over 2000 - 2050`: a year range is not a quantity.
        let range_follows = p.any(e, &["-", "\u{2013}", "\u{2014}"]) && p.digits(e + 1) == 4;
        if name_like || quantity && !range_follows {
            return false;
        }
        if matches!(p.w(s - 1), "," | ".") && p.glued(s) && s >= 2 && p.t[s - 2].kind == Kind::Num {
            return false;
        }
    }
    if p.is(e, ",") && p.glued(e) && p.digits(e + 1) == 3 && p.glued(e + 1) {
        return false;
    }
    !p.cue(e, TimeCue::CountNoun)
}

fn is_time_word(t: &Tok) -> bool {
    t.time_word
        .is_some_and(|w| w.month().is_some() || w.weekday().is_some() || w.season().is_some())
        || t.cues & TimeCue::TimeWord.bit() != 0
}

/// `third quarter [of] [2018]`, `Q3 2024`, `2018Q4`, `18q4`, `first half of 2019`, `H1 2020`.
fn quarter(p: &Parser, i: usize) -> Option<M> {
    let (mut j, q, half) = if let Some((k, n)) = p.ordinal(i) {
        match p.w(k) {
            "quarter" | "qtr" if (1..=4).contains(&n) => (k + 1, n, false),
            "half" if (1..=2).contains(&n) => (k + 1, n, true),
            _ => return None,
        }
    } else if matches!(p.w(i), "last" | "final")
        && p.is(i + 1, "quarter")
        && i > 0
        && p.is(i - 1, "the")
        && (p.is(i + 2, "of") || p.year(i + 2).is_some())
    {
        (i + 2, 4, false)
    } else if (p.is(i, "q") || p.is(i, "h")) && p.glued(i + 1) && p.digits(i + 1) == 1 {
        let n = p.num(i + 1)?;
        let half = p.is(i, "h");
        if !(1..=if half { 2 } else { 4 }).contains(&n) || !p.cap(i) {
            return None;
        }
        (i + 2, n, half)
    } else if p.digits(i) == 4 || p.digits(i) == 2 {
        // 2018Q4, 18q4
        if p.is(i + 1, "q") && p.glued(i + 1) && p.glued(i + 2) && p.digits(i + 2) == 1 {
            let n = p.num(i + 2)?;
            let y = p.num(i)?;
            let y = if p.digits(i) == 2 {
                two_digit_year(y)
            } else {
                y as i32
            };
            if !(1..=4).contains(&n)
                || (p.glued(i + 3) && p.t.get(i + 3).is_some_and(|t| t.kind != Kind::Punct))
            {
                return None;
            }
            let d = ymd(y, (n - 1) * 3 + 1, 1)?;
            return Some(M {
                s: i,
                e: i + 3,
                val: Val::Pt(Pt::new(d, Grain::Quarter), None),
            });
        }
        return None;
    } else {
        return None;
    };
    let grain = if half { Grain::Half } else { Grain::Quarter };
    let first_month = if half {
        (q - 1) * 6 + 1
    } else {
        (q - 1) * 3 + 1
    };
    let mut year: Option<i32> = None;
    let k = if p.is(j, "of") { j + 1 } else { j };
    let k = if p.is(k, "fiscal") { k + 1 } else { k };
    if let Some((e, y)) = p.year(k) {
        year = Some(y);
        j = e;
    } else if p.is(k, "the") && p.is(k + 1, "year") {
        j = k + 2;
    } else if matches!(p.w(k), "this" | "last" | "next" | "current") && p.is(k + 1, "year") && k > j
    {
        let r = p.today();
        let off = match p.w(k) {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        year = r.map(|r| r.year() + off);
        if r.is_none() {
            return Some(M {
                s: i,
                e: k + 2,
                val: Val::Raw(
                    format!("XXXX-{}{q}", if half { "H" } else { "Q" }),
                    TimeType::Date,
                ),
            });
        }
        j = k + 2;
    }
    let y = match year.or_else(|| p.today().map(|r| r.year())) {
        Some(y) => y,
        None => {
            return Some(M {
                s: i,
                e: j,
                val: Val::Raw(
                    format!("XXXX-{}{q}", if half { "H" } else { "Q" }),
                    TimeType::Date,
                ),
            })
        }
    };
    let d = ymd(y, first_month, 1)?;
    Some(M {
        s: i,
        e: j,
        val: Val::Pt(Pt::new(d, grain), None),
    })
}

/// `summer 2024`, `the summer of 2020`, `this summer`, `last winter`, `in the spring`.
fn season(p: &Parser, i: usize) -> Option<M> {
    let (j, rel) = match p.w(i) {
        "this" | "current" => (i + 1, Some(Rel::This)),
        "next" | "coming" => (i + 1, Some(Rel::Next)),
        "last" | "past" | "previous" => (i + 1, Some(Rel::Last)),
        "the" => (i + 1, None),
        _ => (i, None),
    };
    let s = p.tw(j).and_then(TimeWord::season)?;
    if p.w(j) == "fall" && rel.is_none() && j == i {
        return None;
    }
    let k = if p.is(j + 1, "of") { j + 2 } else { j + 1 };
    // `the fall of communism`: a season followed by `of` needs a year.
    if k == j + 2 && p.year(k).is_none() {
        return None;
    }
    if let Some((e, y)) = p.year(k) {
        // Winter 2024 is the winter starting in December 2024... except in early-year usage;
        // follow the common reading: the season that starts in that year.
        let (a, _) = season_bounds(y, s)?;
        return Some(M {
            s: i,
            e,
            val: Val::Pt(Pt::new(a, Grain::Season), None),
        });
    }
    let bare = j == i || p.w(i) == "the";
    if bare && !(i > 0 && p.cue(i - 1, TimeCue::SeasonPrep)) {
        return None;
    }
    let Some(r) = p.today() else {
        let code = ["SP", "SU", "FA", "WI"][s as usize];
        return Some(M {
            s: i,
            e: j + 1,
            val: Val::Raw(format!("XXXX-{code}"), TimeType::Date),
        });
    };
    let f = |y: i32| season_bounds(y, s).into_iter().collect();
    let (a, _) = match rel {
        Some(rel) => pick_rel(r, rel, &f)?,
        None => pick(r, p.dir(i, j + 1, false), &f)?,
    };
    Some(M {
        s: i,
        e: j + 1,
        val: Val::Pt(Pt::new(a, Grain::Season), None),
    })
}

/// `early March`, `mid-2024`, `late 1990s`, `the end of the year`, `the beginning of next month`,
/// `end of April`, `EOY`, `BOM`.
fn modified(p: &Parser, i: usize) -> Option<M> {
    let (j, m) = mod_prefix(p, i)?;
    if j == i + 1 && p.t[i].all_caps && matches!(p.w(i), "eom" | "bom" | "eoy" | "boy") {
        let grain = if p.w(i).ends_with('m') {
            Grain::Month
        } else {
            Grain::Year
        };
        let val = current_period(p, grain, 0).map(|pt| Val::Pt(pt, Some(m)));
        return val.map(|val| M { s: i, e: j, val });
    }
    // `the end of the month/year/week`: the current one.
    let k = if p.is(j, "the") { j + 1 } else { j };
    if let Some(grain) = match p.w(k) {
        "week" => Some(Grain::Week),
        "month" => Some(Grain::Month),
        "year" => Some(Grain::Year),
        "quarter" => Some(Grain::Quarter),
        "decade" => Some(Grain::Decade),
        "century" => Some(Grain::Century),
        _ => None,
    } {
        if p.is(k + 1, "of") {
            return None;
        }
        let val = match current_period(p, grain, 0) {
            Some(pt) => Val::Pt(pt, Some(m)),
            None => return None,
        };
        return Some(M {
            s: i,
            e: k + 1,
            val,
        });
    }
    let j = if p.is(j, "around") { j + 1 } else { j };
    let inner = p.core(j)?;
    if let Val::Pt(pt, None) = inner.val {
        // `late Monday`, `early Tuesday`: a day keeps its value; `the end of Monday` is rare.
        let day_ok = pt.grain == Grain::Day && matches!(p.w(i), "early" | "late");
        if (pt.grain >= Grain::Week || day_ok) && pt.tod.is_none() {
            return Some(M {
                s: i,
                e: inner.e,
                val: Val::Pt(pt, Some(m)),
            });
        }
    }
    None
}

fn mod_prefix(p: &Parser, i: usize) -> Option<(usize, Mod)> {
    let w = p.w(i);
    match w {
        "eom" | "eoy" => return Some((i + 1, Mod::End)),
        "bom" | "boy" => return Some((i + 1, Mod::Start)),
        "early" => return Some((p.skip_dash(i + 1), Mod::Start)),
        "mid" | "middle" if p.is(i + 1, "-") || w == "mid" => {
            return Some((p.skip_dash(i + 1), Mod::Mid))
        }
        "late" => return Some((p.skip_dash(i + 1), Mod::End)),
        _ => {}
    }
    let j = if matches!(w, "the" | "at") { i + 1 } else { i };
    let j = if p.is(j, "the") { j + 1 } else { j };
    let m = match p.w(j) {
        "end" => Mod::End,
        "beginning" | "start" => Mod::Start,
        "middle" => Mod::Mid,
        _ => return None,
    };
    p.is(j + 1, "of").then_some((j + 2, m))
}

/// The period of `grain` holding the reference, shifted by `n` periods.
pub fn current_period(p: &Parser, grain: Grain, n: i64) -> Option<Pt> {
    period_at(p, p.today()?, grain, n)
}

/// The period of `grain` holding `r`, shifted by `n` periods.
pub fn period_at(p: &Parser, r: NaiveDate, grain: Grain, n: i64) -> Option<Pt> {
    let d = match grain {
        Grain::Week => {
            let s = calendar::week_start(r, p.ctx.week_start);
            calendar::add_days(s, 7 * n)?
        }
        Grain::Month => add_months(calendar::month_start(r), n)?,
        Grain::Quarter => add_months(ymd(r.year(), (r.month() - 1) / 3 * 3 + 1, 1)?, 3 * n)?,
        Grain::Year => ymd(r.year() + n as i32, 1, 1)?,
        Grain::Decade => ymd(r.year() - r.year().rem_euclid(10) + 10 * n as i32, 1, 1)?,
        Grain::Century => ymd(r.year() - r.year().rem_euclid(100) + 100 * n as i32, 1, 1)?,
        Grain::Day => calendar::add_days(r, n)?,
        _ => return None,
    };
    Some(Pt::new(d, grain))
}
