//! Holidays common in news. Christian movable feasts follow Easter (computus); Thanksgiving and
//! the US Monday holidays follow their weekday rules; Ramadan and the Eids come from a small
//! hand-written table (2000–2040, see `calendar`).

use chrono::{Datelike, NaiveDate};

use super::{Parser, M};
use crate::model::TimeType;
use crate::time::calendar::{self, add_days, ymd};
use crate::time::resolve::{pick, pick_rel, Rel};
use crate::time::value::{Pt, Val};

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
    /// A fixed day of the Islamic calendar (month, day).
    Hijri(u32, u32),
    LunarNewYear,
    /// Days after Rosh Hashanah (first day, length in days).
    Tishri(i64, i64),
    /// Days after the first day of Passover (first day, length in days).
    Nisan(i64, i64),
    Hanukkah,
    Diwali,
    Holi,
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
    (&["islamic", "new", "year"], H::Hijri(1, 1), false),
    (&["hijri", "new", "year"], H::Hijri(1, 1), false),
    (&["ashura"], H::Hijri(1, 10), false),
    (&["day", "of", "ashura"], H::Hijri(1, 10), false),
    (&["mawlid"], H::Hijri(3, 12), false),
    (&["mawlid", "al", "nabi"], H::Hijri(3, 12), false),
    (&["mawlid", "al", "nabawi"], H::Hijri(3, 12), false),
    (&["milad", "un", "nabi"], H::Hijri(3, 12), false),
    (&["eid", "milad", "un", "nabi"], H::Hijri(3, 12), false),
    (&["isra", "and", "mi'raj"], H::Hijri(7, 27), false),
    (&["isra", "and", "miraj"], H::Hijri(7, 27), false),
    (&["shab", "e", "miraj"], H::Hijri(7, 27), false),
    (&["shab", "e", "barat"], H::Hijri(8, 15), false),
    (&["world", "vegan", "day"], H::Fixed(11, 1), false),
    (&["rosh", "hashanah"], H::Tishri(0, 2), false),
    (&["rosh", "hashana"], H::Tishri(0, 2), false),
    (&["rosh", "hashanna"], H::Tishri(0, 2), false),
    (&["jewish", "new", "year"], H::Tishri(0, 2), false),
    (&["yom", "kippur"], H::Tishri(9, 1), false),
    (&["sukkot"], H::Tishri(14, 7), false),
    (&["succot"], H::Tishri(14, 7), false),
    (&["succos"], H::Tishri(14, 7), false),
    (&["shemini", "atzeret"], H::Tishri(21, 1), false),
    (&["simchat", "torah"], H::Tishri(22, 1), false),
    (&["passover"], H::Nisan(0, 8), false),
    (&["pesach"], H::Nisan(0, 8), false),
    (&["shavuot"], H::Nisan(50, 2), false),
    (&["purim"], H::Nisan(-30, 1), false),
    (&["hanukkah"], H::Hanukkah, false),
    (&["chanukah"], H::Hanukkah, false),
    (&["hanukah"], H::Hanukkah, false),
    (&["hannukkah"], H::Hanukkah, false),
    (&["diwali"], H::Diwali, false),
    (&["deepavali"], H::Diwali, false),
    (&["holi"], H::Holi, true),
    (&["chinese", "new", "year"], H::LunarNewYear, false),
    (&["chinese", "new", "years"], H::LunarNewYear, false),
    (&["chinese", "lunar", "new", "year"], H::LunarNewYear, false),
    (&["lunar", "new", "year"], H::LunarNewYear, false),
    (&["spring", "festival"], H::LunarNewYear, true),
];

/// First words of the table, to reject most tokens with one lookup.
static FIRST_WORDS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| TABLE.iter().map(|(w, _, _)| w[0]).collect());

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
                | "around"
                | "over"
                | "throughout"
                | "for"
                | "of"
                | "from"
                | "through"
                | "till"
                | "ahead"
                | "celebrate"
                | "observe"
        )
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
