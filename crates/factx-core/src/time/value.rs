//! Internal values of the grammar and their TIMEX3 rendering: calendar points at a grain,
//! intervals (END inclusive at its grain), durations, sets and reference words.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

use super::calendar::{add_days, add_months, season_bounds, season_of};
use crate::model::TimeType;

/// Granularity of a calendar point, finest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grain {
    Minute,
    Hour,
    PartOfDay,
    Day,
    Week,
    Month,
    Quarter,
    Half,
    Season,
    Year,
    Decade,
    Century,
}

/// TIMEX3 `mod`: which part of a period is meant (`early March`, `the end of the year`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mod {
    Start,
    Mid,
    End,
}

impl Mod {
    pub fn as_str(self) -> &'static str {
        match self {
            Mod::Start => "START",
            Mod::Mid => "MID",
            Mod::End => "END",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tod {
    Clock {
        h: u32,
        m: u32,
        minutes: bool,
    },
    /// TIMEX code (`MO`), start hour, end hour (exclusive).
    Part(&'static str, u32, u32),
}

/// A resolved calendar point: the first day of a period at `grain`, optionally a time of day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pt {
    pub date: NaiveDate,
    pub grain: Grain,
    pub tod: Option<Tod>,
}

impl Pt {
    pub fn new(date: NaiveDate, grain: Grain) -> Pt {
        Pt {
            date,
            grain,
            tod: None,
        }
    }
    pub fn day(date: NaiveDate) -> Pt {
        Pt::new(date, Grain::Day)
    }
}

/// What a grammar rule produces before it becomes a `TimeMatch`.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Pt(Pt, Option<Mod>),
    /// Interval, both ends inclusive at their grain.
    Iv(Pt, Pt),
    /// A duration (`P3D`), optionally anchored to the calendar (`the past two days`).
    Dur {
        value: String,
        anchor: Option<(Pt, Pt)>,
    },
    Set(String),
    /// A value that cannot be put on the calendar: `PRESENT_REF`, `XXXX-WXX-1`, `XXXX-03-03`.
    Raw(String, TimeType),
}

fn year_str(y: i32) -> String {
    if y < 0 {
        format!("BC{:04}", -y)
    } else {
        format!("{y:04}")
    }
}

/// TIMEX3 value of a point.
pub fn format_pt(p: &Pt) -> String {
    let d = p.date;
    let y = year_str(d.year());
    let base = match p.grain {
        Grain::Minute | Grain::Hour | Grain::PartOfDay | Grain::Day => {
            format!("{y}-{:02}-{:02}", d.month(), d.day())
        }
        Grain::Week => {
            // Weeks are labelled by ISO week; a Sunday-started week by the ISO week of its Monday.
            let monday = if d.weekday() == chrono::Weekday::Sun {
                add_days(d, 1).unwrap_or(d)
            } else {
                d
            };
            let w = monday.iso_week();
            format!("{}-W{:02}", year_str(w.year()), w.week())
        }
        Grain::Month => format!("{y}-{:02}", d.month()),
        Grain::Quarter => format!("{y}-Q{}", (d.month() - 1) / 3 + 1),
        Grain::Half => format!("{y}-H{}", if d.month() <= 6 { 1 } else { 2 }),
        Grain::Season => {
            let (sy, s) = season_of(d);
            let code = ["SP", "SU", "FA", "WI"][s as usize % 4];
            format!("{}-{code}", year_str(sy))
        }
        Grain::Year => y,
        Grain::Decade => format!("{:03}", d.year().div_euclid(10)),
        Grain::Century => format!("{:02}", d.year().div_euclid(100)),
    };
    match p.tod {
        Some(Tod::Clock { h, m, .. }) => format!("{base}T{h:02}:{m:02}"),
        Some(Tod::Part(code, ..)) => format!("{base}T{code}"),
        None => base,
    }
}

/// Start (inclusive) and end (exclusive) of a point.
pub fn pt_bounds(p: &Pt) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let d = p.date;
    let at = |date: NaiveDate, h: u32| date.and_time(NaiveTime::MIN) + TimeDelta::hours(h as i64);
    if let Some(tod) = p.tod {
        return Some(match tod {
            Tod::Clock { h, m, minutes } => {
                let s = at(d, h) + TimeDelta::minutes(m as i64);
                (
                    s,
                    s + if minutes {
                        TimeDelta::minutes(1)
                    } else {
                        TimeDelta::hours(1)
                    },
                )
            }
            Tod::Part(_, a, b) => (at(d, a), at(d, b)),
        });
    }
    let end = match p.grain {
        Grain::Minute | Grain::Hour | Grain::PartOfDay | Grain::Day => add_days(d, 1)?,
        Grain::Week => add_days(d, 7)?,
        Grain::Month => add_months(d, 1)?,
        Grain::Quarter => add_months(d, 3)?,
        Grain::Half => add_months(d, 6)?,
        Grain::Season => {
            let (sy, s) = season_of(d);
            add_days(season_bounds(sy, s)?.1, 1)?
        }
        Grain::Year => add_months(d, 12)?,
        Grain::Decade => add_months(d, 120)?,
        Grain::Century => add_months(d, 1200)?,
    };
    Some((at(d, 0), at(end, 0)))
}

/// Bounds of a point narrowed by a `mod`: thirds of a month (days 1–10, 11–20, 21–end), the
/// first three / last three days of a week, January–March / May–August / September–December of
/// a year, the first / middle / last third of longer periods.
pub fn mod_bounds(p: &Pt, m: Mod) -> Option<(NaiveDateTime, NaiveDateTime, Grain)> {
    let (s, e) = pt_bounds(p)?;
    let d = p.date;
    let day = |x: NaiveDate| x.and_time(NaiveTime::MIN);
    Some(match p.grain {
        Grain::Month => match m {
            Mod::Start => (s, day(add_days(d, 10)?), Grain::Day),
            Mod::Mid => (day(add_days(d, 10)?), day(add_days(d, 20)?), Grain::Day),
            Mod::End => (day(add_days(d, 20)?), e, Grain::Day),
        },
        Grain::Week => match m {
            Mod::Start => (s, day(add_days(d, 3)?), Grain::Day),
            Mod::Mid => (day(add_days(d, 2)?), day(add_days(d, 5)?), Grain::Day),
            Mod::End => (day(add_days(d, 4)?), e, Grain::Day),
        },
        Grain::Year => match m {
            Mod::Start => (s, day(add_months(d, 3)?), Grain::Month),
            Mod::Mid => (day(add_months(d, 4)?), day(add_months(d, 8)?), Grain::Month),
            Mod::End => (day(add_months(d, 8)?), e, Grain::Month),
        },
        _ => {
            let third = (e - s) / 3;
            match m {
                Mod::Start => (s, s + third, p.grain),
                Mod::Mid => (s + third, e - third, p.grain),
                Mod::End => (e - third, e, p.grain),
            }
        }
    })
}

pub fn time_type(v: &Val) -> TimeType {
    match v {
        Val::Pt(p, _) if p.tod.is_some() => TimeType::Time,
        Val::Pt(..) | Val::Iv(..) => TimeType::Date,
        Val::Dur { .. } => TimeType::Duration,
        Val::Set(_) => TimeType::Set,
        Val::Raw(_, t) => *t,
    }
}

pub fn format_val(v: &Val) -> String {
    match v {
        Val::Pt(p, _) => format_pt(p),
        Val::Iv(a, b) => format!("{}/{}", format_pt(a), format_pt(b)),
        Val::Dur { value, .. } => value.clone(),
        Val::Set(s) => s.clone(),
        Val::Raw(s, _) => s.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::calendar::ymd;

    #[test]
    fn formats_every_grain() {
        let d = ymd(2024, 8, 12).unwrap();
        let f = |g| format_pt(&Pt::new(d, g));
        assert_eq!(f(Grain::Day), "2024-08-12");
        assert_eq!(f(Grain::Week), "2024-W33");
        assert_eq!(f(Grain::Month), "2024-08");
        assert_eq!(f(Grain::Quarter), "2024-Q3");
        assert_eq!(f(Grain::Half), "2024-H2");
        assert_eq!(f(Grain::Season), "2024-SU");
        assert_eq!(f(Grain::Year), "2024");
        assert_eq!(f(Grain::Decade), "202");
        assert_eq!(f(Grain::Century), "20");
        let sunday = ymd(2024, 8, 11).unwrap();
        assert_eq!(format_pt(&Pt::new(sunday, Grain::Week)), "2024-W33");
        let t = Pt {
            tod: Some(Tod::Clock {
                h: 15,
                m: 0,
                minutes: false,
            }),
            ..Pt::day(d)
        };
        assert_eq!(format_pt(&t), "2024-08-12T15:00");
    }

    #[test]
    fn bounds_are_end_exclusive() {
        let p = Pt::new(ymd(2013, 2, 1).unwrap(), Grain::Month);
        let (s, e) = pt_bounds(&p).unwrap();
        assert_eq!(s.date(), ymd(2013, 2, 1).unwrap());
        assert_eq!(e.date(), ymd(2013, 3, 1).unwrap());
        let (s, _, _) = mod_bounds(&p, Mod::End).unwrap();
        assert_eq!(s.date(), ymd(2013, 2, 21).unwrap());
    }
}
