//! Holidays common in news. Christian movable feasts follow Easter (computus); Thanksgiving and
//! the US Monday holidays follow their weekday rules; Ramadan and the Eids come from a small
//! hand-written table (2000–2040, see `calendar`).

use chrono::{Datelike, NaiveDate};

use super::{Parser, M};
use crate::model::TimeType;
use crate::time::calendar::{self, add_days, ymd};
use crate::time::resolve::{pick, pick_rel, Rel};
use crate::time::value::{Grain, Pt, Val};

#[derive(Clone, Copy)]
enum H {
    Fixed(u32, u32),
    /// nth weekday (0 = Monday) of a month; n < 0 counts from the end.
    Nth(u32, u32, i32),
    Easter(i64),
    Orthodox(i64),
    Thanksgiving(i64),
    Lent,
    GreatLent,
    Ramadan,
    EidFitr,
    EidAdha,
    AnyEid,
    LaylatQadr,
}

/// (words, holiday, the first word must be capitalised). Possessives are matched without
/// their `'s`; hyphens and abbreviation dots between words are skipped.
const TABLE: &[(&[&str], H, bool)] = &[
    (&["christmas", "eve"], H::Fixed(12, 24), false),
    (&["christmas"], H::Fixed(12, 25), false),
    (&["xmas"], H::Fixed(12, 25), false),
    (&["new", "year", "eve"], H::Fixed(12, 31), false),
    (&["new", "years", "eve"], H::Fixed(12, 31), false),
    (&["new", "year", "day"], H::Fixed(1, 1), false),
    (&["new", "years", "day"], H::Fixed(1, 1), false),
    (&["new", "year"], H::Fixed(1, 1), true),
    (&["valentine", "day"], H::Fixed(2, 14), false),
    (&["valentines", "day"], H::Fixed(2, 14), false),
    (&["halloween"], H::Fixed(10, 31), false),
    (&["boxing", "day"], H::Fixed(12, 26), true),
    (&["st", "patrick", "day"], H::Fixed(3, 17), false),
    (&["saint", "patrick", "day"], H::Fixed(3, 17), false),
    (&["st", "patricks", "day"], H::Fixed(3, 17), false),
    (&["saint", "patricks", "day"], H::Fixed(3, 17), false),
    (&["st", "paddy", "day"], H::Fixed(3, 17), false),
    (&["saint", "paddy", "day"], H::Fixed(3, 17), false),
    (&["veterans", "day"], H::Fixed(11, 11), true),
    (&["armistice", "day"], H::Fixed(11, 11), true),
    (&["remembrance", "day"], H::Fixed(11, 11), true),
    (&["earth", "day"], H::Fixed(4, 22), true),
    (&["may", "day"], H::Fixed(5, 1), true),
    (&["labour", "day"], H::Fixed(5, 1), true),
    (&["international", "women", "day"], H::Fixed(3, 8), true),
    (&["women", "day"], H::Fixed(3, 8), true),
    (&["international", "workers", "day"], H::Fixed(5, 1), true),
    (&["human", "rights", "day"], H::Fixed(12, 10), true),
    (&["world", "aids", "day"], H::Fixed(12, 1), true),
    (&["thanksgiving"], H::Thanksgiving(0), false),
    (&["black", "friday"], H::Thanksgiving(1), false),
    (&["cyber", "monday"], H::Thanksgiving(4), false),
    (
        &["martin", "luther", "king", "jr", "day"],
        H::Nth(1, 0, 3),
        false,
    ),
    (&["martin", "luther", "king", "day"], H::Nth(1, 0, 3), false),
    (
        &["martin", "luther", "kings", "day"],
        H::Nth(1, 0, 3),
        false,
    ),
    (&["mlk", "jr", "day"], H::Nth(1, 0, 3), false),
    (&["mlk", "day"], H::Nth(1, 0, 3), false),
    (&["civil", "rights", "day"], H::Nth(1, 0, 3), false),
    (&["presidents", "day"], H::Nth(2, 0, 3), true),
    (&["president", "day"], H::Nth(2, 0, 3), true),
    (&["memorial", "day"], H::Nth(5, 0, -1), true),
    (&["labor", "day"], H::Nth(9, 0, 1), true),
    (&["columbus", "day"], H::Nth(10, 0, 2), true),
    (&["mother", "day"], H::Nth(5, 6, 2), true),
    (&["mothers", "day"], H::Nth(5, 6, 2), true),
    (&["father", "day"], H::Nth(6, 6, 3), true),
    (&["fathers", "day"], H::Nth(6, 6, 3), true),
    (&["easter", "sunday"], H::Easter(0), false),
    (&["easter", "monday"], H::Easter(1), false),
    (&["easter", "mon"], H::Easter(1), false),
    (&["easter"], H::Easter(0), false),
    (&["good", "friday"], H::Easter(-2), true),
    (&["holy", "saturday"], H::Easter(-1), true),
    (&["maundy", "thursday"], H::Easter(-3), false),
    (&["holy", "thursday"], H::Easter(-3), true),
    (&["palm", "sunday"], H::Easter(-7), false),
    (&["branch", "sunday"], H::Easter(-7), false),
    (&["ash", "wednesday"], H::Easter(-46), false),
    (&["shrove", "tuesday"], H::Easter(-47), false),
    (&["mardi", "gras"], H::Easter(-47), false),
    (&["pancake", "day"], H::Easter(-47), false),
    (&["ascension", "day"], H::Easter(39), true),
    (&["pentecost"], H::Easter(49), false),
    (&["whit", "sunday"], H::Easter(49), false),
    (&["whitsunday"], H::Easter(49), false),
    (&["white", "sunday"], H::Easter(49), false),
    (&["whit", "monday"], H::Easter(50), false),
    (&["pentecost", "monday"], H::Easter(50), false),
    (
        &["monday", "of", "the", "holy", "spirit"],
        H::Easter(50),
        false,
    ),
    (&["trinity", "sunday"], H::Easter(56), false),
    (&["lent"], H::Lent, true),
    (&["orthodox", "easter"], H::Orthodox(0), false),
    (&["orthodox", "good", "friday"], H::Orthodox(-2), false),
    (&["orthodox", "great", "friday"], H::Orthodox(-2), false),
    (&["clean", "monday"], H::Orthodox(-48), false),
    (&["orthodox", "shrove", "monday"], H::Orthodox(-48), false),
    (&["lazarus", "saturday"], H::Orthodox(-8), false),
    (&["great", "lent"], H::GreatLent, false),
    (&["great", "fast"], H::GreatLent, false),
    (&["ramadan"], H::Ramadan, false),
    (&["ramazan"], H::Ramadan, false),
    (&["eid", "al", "fitr"], H::EidFitr, false),
    (&["eid", "ul", "fitr"], H::EidFitr, false),
    (&["eid", "el", "fitr"], H::EidFitr, false),
    (&["id", "ul", "fitr"], H::EidFitr, false),
    (&["eid", "al", "adha"], H::EidAdha, false),
    (&["eid", "ul", "adha"], H::EidAdha, false),
    (&["eid", "el", "adha"], H::EidAdha, false),
    (&["eid", "ul", "azha"], H::EidAdha, false),
    (&["id", "ul", "adha"], H::EidAdha, false),
    (&["bakr", "id"], H::EidAdha, false),
    (&["bakrid"], H::EidAdha, false),
    (&["bakra", "eid"], H::EidAdha, false),
    (&["sacrifice", "feast"], H::EidAdha, false),
    (&["feast", "of", "sacrifice"], H::EidAdha, false),
    (&["eid"], H::AnyEid, true),
    (&["laylat", "al", "qadr"], H::LaylatQadr, false),
    (&["laylat", "al", "kadr"], H::LaylatQadr, false),
    (&["night", "of", "power"], H::LaylatQadr, false),
    (&["shab", "e", "qadr"], H::LaylatQadr, false),
];

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
    }
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
    let mut best: Option<(usize, H)> = None;
    for (words, h, cap) in TABLE {
        if norm(first) != words[0] || (*cap && !p.cap(j)) {
            continue;
        }
        if let Some(e) = match_words(p, j, words) {
            if best.is_none_or(|(b, _)| e > b) {
                best = Some((e, *h));
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
        && !matches!(
            p.w(j - 1),
            "on" | "at"
                | "since"
                | "until"
                | "by"
                | "before"
                | "after"
                | "during"
                | "this"
                | "last"
                | "next"
                | "the"
                | "in"
                | "orthodox"
                | "merry"
                | "happy"
        )
        && !(j >= 2 && matches!(p.w(j - 2), "." | "!" | "?" | ":"))
        && j - 1 > 0
    {
        return None;
    }
    if matches!(h, H::Fixed(1, 1))
        && j > 0
        && p.any(
            j - 1,
            &[
                "chinese",
                "lunar",
                "islamic",
                "hijri",
                "persian",
                "jewish",
                "parsi",
                "tamil",
                "thai",
                "sinhala",
                "nepali",
                "bengali",
                "iranian",
                "vietnamese",
                "korean",
                "tibetan",
            ],
        )
    {
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
            && crate::time::lexicon::weekday(&t.low).is_none()
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
    let _ = Grain::Day;
    let _ = a.year();
    Some(M {
        s: i,
        e,
        val: to_val(a, b),
    })
}
