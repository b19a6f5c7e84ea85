//! Clock times: `3 p.m.`, `3:30pm`, `15:00 GMT`, `noon`, `midnight`, `9 o'clock`. Without a
//! date they are anchored to the reference day.

use super::{tod_grain, Parser, M};
use crate::lexicon::time::TimeCue;
use crate::model::TimeType;
use crate::time::value::{Pt, Tod, Val};

/// `am`/`pm` in any spelling: `pm`, `p.m.`, `PM`. Returns (end, is_pm).
fn meridiem(p: &Parser, j: usize) -> Option<(usize, bool)> {
    match p.w(j) {
        "am" => Some((p.skip_dot(j + 1), false)),
        "pm" => Some((p.skip_dot(j + 1), true)),
        "a" | "p" if p.is(j + 1, ".") && p.glued(j + 1) && p.is(j + 2, "m") && p.glued(j + 2) => {
            Some((p.skip_dot(j + 3), p.is(j, "p")))
        }
        _ => None,
    }
}

fn zone(p: &Parser, j: usize) -> usize {
    if let Some(t) = p.t.get(j) {
        if t.all_caps && t.cues & TimeCue::Zone.bit() != 0 {
            let mut e = j + 1;
            // `GMT+5`, `UTC-3`
            if p.any(e, &["+", "-"])
                && p.glued(e)
                && p.glued(e + 1)
                && p.digits(e + 1) <= 2
                && p.num(e + 1).is_some()
            {
                e += 2;
            }
            return e;
        }
    }
    if p.is(j, "local") && p.is(j + 1, "time") {
        return j + 2;
    }
    j
}

/// A clock time starting at token `j`.
pub fn clock(p: &Parser, j: usize) -> Option<(usize, Tod)> {
    match p.w(j) {
        "noon" | "midday" => {
            return Some((
                j + 1,
                Tod::Clock {
                    h: 12,
                    m: 0,
                    minutes: false,
                },
            ))
        }
        "midnight" => {
            return Some((
                j + 1,
                Tod::Clock {
                    h: 0,
                    m: 0,
                    minutes: false,
                },
            ))
        }
        _ => {}
    }
    let h = p.num(j)?;
    if p.digits(j) > 2 {
        return None;
    }
    let mut e = j + 1;
    let mut m = 0;
    let mut minutes = false;
    if matches!(p.w(e), ":" | ".") && p.glued(e) && p.glued(e + 1) && p.digits(e + 1) == 2 {
        m = p.num(e + 1)?;
        if m > 59 {
            return None;
        }
        minutes = true;
        e += 2;
        if matches!(p.w(e), ":" | ".") && p.glued(e) && p.digits(e + 1) > 0 && p.glued(e + 1) {
            return None;
        }
    }
    if let Some((me, pm)) = meridiem(p, e) {
        if !(1..=12).contains(&h) {
            return None;
        }
        let h = match (pm, h) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        };
        return Some((zone(p, me), Tod::Clock { h, m, minutes }));
    }
    if p.is(e, "o'clock") && !minutes && (1..=12).contains(&h) {
        return Some((zone(p, e + 1), Tod::Clock { h, m, minutes }));
    }
    if minutes && h <= 23 && p.w(j + 1) == ":" {
        // 24-hour clock needs its colon and two-digit minutes; a glued number after is a score.
        if p.glued(e) && p.num(e).is_some() {
            return None;
        }
        let ze = zone(p, e);
        let ze = if p.any(ze, &["hrs", "hours", "h"]) && ze == e {
            e + 1
        } else {
            ze
        };
        // Without am/pm a bare `9:25` could be a verse, a score or a ratio: it needs a zone, a
        // time preposition before it, or a date right before it.
        let prep = j > 0 && p.cue(j - 1, TimeCue::ClockPrep);
        if ze == e && !prep {
            return None;
        }
        return Some((ze, Tod::Clock { h, m, minutes }));
    }
    None
}

pub fn is_clock_only(p: &Parser, s: usize) -> bool {
    clock(p, s).is_some()
}

pub fn parse(p: &Parser, i: usize) -> Option<M> {
    let (e, tod) = clock(p, i)?;
    let val = match p.today() {
        Some(d) => Val::Pt(
            Pt {
                date: d,
                grain: tod_grain(&tod),
                tod: Some(tod),
            },
            None,
        ),
        None => {
            let Tod::Clock { h, m, .. } = tod else {
                return None;
            };
            Val::Raw(format!("XXXX-XX-XXT{h:02}:{m:02}"), TimeType::Time)
        }
    };
    Some(M { s: i, e, val })
}
