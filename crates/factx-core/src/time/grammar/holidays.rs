//! Holidays common in news, by name (`data/time/holidays.tsv`, with each one's date rule).
//! Christian movable feasts follow Easter (computus); Thanksgiving and the US Monday holidays
//! follow their weekday rules; Ramadan and the Eids come from a small hand-written table
//! (2000–2040, see `calendar`).

use chrono::{Datelike, NaiveDate};

use super::{Parser, M};
use crate::lexicon::time::{holidays, HolidayRule as H, TimeCue};
use crate::model::TimeType;
use crate::time::calendar::{self, add_days, ymd};
use crate::time::resolve::{pick, pick_rel, Rel};
use crate::time::value::{Pt, Val};

/// First words of the table, to reject most tokens with one lookup.
static FIRST_WORDS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| holidays().iter().map(|h| h.words[0]).collect());

/// Whether a holiday name (after `this`, `next` or `last`, words `may_start` keeps) can start
/// at a token written `w`.
pub fn may_start(w: &str) -> bool {
    FIRST_WORDS.contains(norm(w))
}

fn norm(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix('\''))
        .unwrap_or(w)
}

/// Matches `words` at `i`; returns the end token.
fn match_words(p: &Parser, i: usize, words: &[&str]) -> Option<usize> {
    let mut j = i;
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            j = p.skip_dot(j);
            if p.is(j, "-") {
                j += 1;
            }
        }
        if norm(p.w(j)) != *w {
            return None;
        }
        j += 1;
    }
    Some(j)
}

fn occurrences(h: H, y: i32) -> Vec<(NaiveDate, NaiveDate)> {
    let one = |d: Option<NaiveDate>| d.map(|d| (d, d)).into_iter().collect::<Vec<_>>();
    match h {
        H::Fixed(m, d) => one(ymd(y, m, d)),
        H::Nth(m, wd, n) => one(calendar::nth_weekday(y, m, wd, n)),
        H::Easter(k) => one(calendar::easter(y).and_then(|e| add_days(e, k))),
        H::Orthodox(k) => one(calendar::orthodox_easter(y).and_then(|e| add_days(e, k))),
        H::Thanksgiving(k) => one(calendar::nth_weekday(y, 11, 3, 4).and_then(|d| add_days(d, k))),
        H::Lent => calendar::easter(y)
            .and_then(|e| Some((add_days(e, -46)?, add_days(e, -1)?)))
            .into_iter()
            .collect(),
        H::GreatLent => calendar::orthodox_easter(y)
            .and_then(|e| Some((add_days(e, -48)?, add_days(e, -9)?)))
            .into_iter()
            .collect(),
        H::Ramadan => calendar::ramadan_start(y)
            .and_then(|s| Some((s, add_days(s, 29)?)))
            .into_iter()
            .collect(),
        H::EidFitr => one(calendar::eid_al_fitr(y)),
        H::EidAdha => one(calendar::eid_al_adha(y)),
        H::AnyEid => {
            let mut v = one(calendar::eid_al_fitr(y));
            v.extend(one(calendar::eid_al_adha(y)));
            v
        }
        H::LaylatQadr => one(calendar::ramadan_start(y).and_then(|s| add_days(s, 26))),
        H::LunarNewYear => one(calendar::lunar_new_year(y)),
        H::Tishri(k, n) => span(calendar::rosh_hashanah(y), k, n),
        H::Nisan(k, n) => span(calendar::passover(y), k, n),
        H::Hanukkah => span(calendar::hanukkah(y), 0, 8),
        H::Diwali => one(calendar::diwali(y)),
        H::Holi => one(calendar::holi(y)),
        H::Hijri(m, d) => calendar::hijri_in_year(y, m, d)
            .into_iter()
            .map(|d| (d, d))
            .collect(),
    }
}

/// `n` days starting `k` days after `base`.
fn span(base: Option<NaiveDate>, k: i64, n: i64) -> Vec<(NaiveDate, NaiveDate)> {
    base.and_then(|b| Some((add_days(b, k)?, add_days(b, k + n - 1)?)))
        .into_iter()
        .collect()
}

fn to_val(a: NaiveDate, b: NaiveDate) -> Val {
    if a == b {
        Val::Pt(Pt::day(a), None)
    } else {
        Val::Iv(Pt::day(a), Pt::day(b))
    }
}

pub fn parse(p: &Parser, i: usize) -> Option<M> {
    let (j, rel) = match p.w(i) {
        "this" => (i + 1, Some(Rel::This)),
        "next" => (i + 1, Some(Rel::Next)),
        "last" => (i + 1, Some(Rel::Last)),
        _ => (i, None),
    };
    let first = p.w(j);
    if first.is_empty() || p.t[j].kind != crate::time::lexer::Kind::Word {
        return None;
    }
    if !FIRST_WORDS.contains(norm(first)) {
        return None;
    }
    let mut best: Option<(usize, H)> = None;
    for h in holidays() {
        if norm(first) != h.words[0] || (h.cap && !p.cap(j)) {
            continue;
        }
        if let Some(e) = match_words(p, j, &h.words) {
            if best.is_none_or(|(b, _)| e > b) {
                best = Some((e, h.rule));
            }
        }
    }
    let (mut e, h) = best?;
    // `Johnnie Christmas`: a capitalised word before a holiday name makes it a surname.
    if rel.is_none()
        && j > 0
        && p.t[j - 1].kind == crate::time::lexer::Kind::Word
        && p.cap(j - 1)
        && p.clause.get(j - 1) == p.clause.get(j)
        && !p.t[j - 1].newline_before
        && !p.cue(j - 1, TimeCue::HolidayLead)
    {
        return None;
    }
    if matches!(h, H::Fixed(1, 1)) && j > 0 && p.cue(j - 1, TimeCue::CalendarQualifier) {
        return None;
    }
    if p.is(e, "day") && !matches!(h, H::Lent | H::GreatLent | H::Ramadan) {
        e += 1;
    }
    // `Christmas Island`, `The Christmas Cottage`: a capitalised word after the name makes it
    // part of another name.
    if let Some(t) = p.t.get(e) {
        if t.kind == crate::time::lexer::Kind::Word
            && t.cap
            && !t.newline_before
            && p.clause.get(e) == p.clause.get(j)
            && p.month(e).is_none()
            && t.time_word.and_then(|w| w.weekday()).is_none()
        {
            return None;
        }
    }
    // Explicit year: `Easter 2010`, `christmas of 2014`, `Ramadan in 2018`.
    let k = if p.any(e, &["of", "in", ","]) {
        e + 1
    } else {
        e
    };
    if let Some((ye, y)) = p.year(k) {
        let occ = occurrences(h, y);
        let (a, b) = *occ.first()?;
        return Some(M {
            s: i,
            e: ye,
            val: to_val(a, b),
        });
    }
    // `Thanksgiving in 3 years`, `Easter two years ago`: the holiday of the shifted year.
    if let Some((se, d)) = super::relative::shifted_reference(p, e) {
        let occ = occurrences(h, d.year());
        if let Some(&(a, b)) = occ.first() {
            return Some(M {
                s: i,
                e: se,
                val: to_val(a, b),
            });
        }
    }
    let Some(r) = p.today() else {
        return Some(M {
            s: i,
            e,
            val: match h {
                H::Fixed(m, d) => Val::Raw(format!("XXXX-{m:02}-{d:02}"), TimeType::Date),
                _ => Val::Raw("XXXX-XX-XX".into(), TimeType::Date),
            },
        });
    };
    // `of next year`, `of last year`, `of this year`.
    if p.is(e, "of") {
        if let Some(off) = match p.w(e + 1) {
            "this" => Some(0),
            "next" => Some(1),
            "last" => Some(-1),
            _ => None,
        } {
            if p.is(e + 2, "year") {
                let occ = occurrences(h, r.year() + off);
                let (a, b) = *occ.first()?;
                return Some(M {
                    s: i,
                    e: e + 3,
                    val: to_val(a, b),
                });
            }
        }
    }
    let f = |y: i32| occurrences(h, y);
    let (a, b) = match rel {
        Some(rel) => pick_rel(r, rel, &f)?,
        None => pick(r, p.dir(i, e, false), &f)?,
    };
    Some(M {
        s: i,
        e,
        val: to_val(a, b),
    })
}
