//! Choosing which occurrence of a recurring day or period is meant, given the reference date
//! and the direction the clause points to.

use chrono::NaiveDate;

use super::calendar::{add_days, wd_index};

/// Where an under-specified expression lies relative to the reference date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// On or before the reference (`met on Monday`).
    Past,
    /// On or after the reference (`will meet on Monday`).
    Future,
    /// Whichever occurrence is closest (`in March`, no tense cue).
    Nearest,
}

/// Explicit relative word in front of a recurring expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rel {
    /// `this Christmas`: the one containing the reference or the next one.
    This,
    /// `next Christmas`: the first one starting after the reference.
    Next,
    /// `last Christmas`: the last one ending before the reference.
    Last,
}

type Cands = Vec<(NaiveDate, NaiveDate)>;

fn candidates(r: NaiveDate, f: &dyn Fn(i32) -> Cands) -> Cands {
    use chrono::Datelike;
    let y = r.year();
    let mut v: Cands = (y - 1..=y + 1).flat_map(f).collect();
    v.sort();
    v
}

/// Picks an occurrence (start, end inclusive) of a yearly recurring period in direction `dir`.
pub fn pick(r: NaiveDate, dir: Dir, f: &dyn Fn(i32) -> Cands) -> Option<(NaiveDate, NaiveDate)> {
    let v = candidates(r, f);
    match dir {
        Dir::Past => v.iter().rev().find(|(s, _)| *s <= r).copied(),
        Dir::Future => v.iter().find(|(_, e)| *e >= r).copied(),
        Dir::Nearest => v
            .iter()
            .min_by_key(|(s, e)| {
                if *s <= r && r <= *e {
                    0
                } else if *s > r {
                    (*s - r).num_days()
                } else {
                    (r - *e).num_days()
                }
            })
            .copied(),
    }
}

pub fn pick_rel(
    r: NaiveDate,
    rel: Rel,
    f: &dyn Fn(i32) -> Cands,
) -> Option<(NaiveDate, NaiveDate)> {
    let v = candidates(r, f);
    match rel {
        Rel::This => v.iter().find(|(_, e)| *e >= r).copied(),
        Rel::Next => v.iter().find(|(s, _)| *s > r).copied(),
        Rel::Last => v.iter().rev().find(|(_, e)| *e < r).copied(),
    }
}

/// The weekday `wd` (0 = Monday) nearest to `r` in direction `dir`; the reference day itself
/// counts in both directions (news style: "said Monday" published on a Monday is that day).
/// `Nearest` resolves like `Past`: news mostly reports what happened.
pub fn weekday(r: NaiveDate, wd: u32, dir: Dir) -> Option<NaiveDate> {
    let today = wd_index(r);
    match dir {
        Dir::Past | Dir::Nearest => add_days(r, -(((today + 7 - wd) % 7) as i64)),
        Dir::Future => add_days(r, ((wd + 7 - today) % 7) as i64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::calendar::ymd;

    #[test]
    fn weekday_directions() {
        let tue = ymd(2024, 8, 13).unwrap();
        assert_eq!(weekday(tue, 0, Dir::Past), ymd(2024, 8, 12));
        assert_eq!(weekday(tue, 0, Dir::Future), ymd(2024, 8, 19));
        assert_eq!(weekday(tue, 1, Dir::Past), Some(tue));
        assert_eq!(weekday(tue, 1, Dir::Future), Some(tue));
    }

    #[test]
    fn yearly_picks() {
        let r = ymd(2024, 8, 13).unwrap();
        let march = |y: i32| vec![(ymd(y, 3, 1).unwrap(), ymd(y, 3, 31).unwrap())];
        assert_eq!(
            pick(r, Dir::Past, &march).unwrap().0.to_string(),
            "2024-03-01"
        );
        assert_eq!(
            pick(r, Dir::Future, &march).unwrap().0.to_string(),
            "2025-03-01"
        );
        assert_eq!(
            pick(r, Dir::Nearest, &march).unwrap().0.to_string(),
            "2024-03-01"
        );
        let dec = |y: i32| vec![(ymd(y, 12, 1).unwrap(), ymd(y, 12, 31).unwrap())];
        assert_eq!(
            pick(r, Dir::Nearest, &dec).unwrap().0.to_string(),
            "2024-12-01"
        );
        assert_eq!(
            pick_rel(r, Rel::Last, &dec).unwrap().0.to_string(),
            "2023-12-01"
        );
    }
}
