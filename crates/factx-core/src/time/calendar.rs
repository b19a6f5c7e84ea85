//! Calendar arithmetic: month shifts, nth weekday of a month, week starts, Easter by the
//! computus, and a hand-written table of Eid dates (general knowledge, see `EID_AL_FITR`).

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::model::WeekStart;

pub fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

pub fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

pub fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let m = u32::try_from(n.unsigned_abs()).ok()?;
    if n >= 0 {
        d.checked_add_months(Months::new(m))
    } else {
        d.checked_sub_months(Months::new(m))
    }
}

pub fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    let first = ymd(y, m, 1);
    let next = first.and_then(|f| add_months(f, 1));
    match (first, next) {
        (Some(a), Some(b)) => (b - a).num_days() as u32,
        _ => 30,
    }
}

/// 0 = Monday .. 6 = Sunday.
pub fn wd_index(d: NaiveDate) -> u32 {
    d.weekday().num_days_from_monday()
}

/// First day of the week holding `d`.
pub fn week_start(d: NaiveDate, ws: WeekStart) -> NaiveDate {
    let back = match ws {
        WeekStart::Monday => d.weekday().num_days_from_monday(),
        WeekStart::Sunday => d.weekday().num_days_from_sunday(),
    };
    add_days(d, -(back as i64)).unwrap_or(d)
}

/// The day of the week starting `start` that falls on weekday `wd` (0 = Monday).
pub fn day_in_week(start: NaiveDate, wd: u32) -> Option<NaiveDate> {
    let off = (wd + 7 - wd_index(start)) % 7;
    add_days(start, off as i64)
}

/// The `n`th (1-based) weekday `wd` of a month; `n < 0` counts from the end (-1 = last).
pub fn nth_weekday(y: i32, m: u32, wd: u32, n: i32) -> Option<NaiveDate> {
    if n > 0 {
        let first = ymd(y, m, 1)?;
        let off = (wd + 7 - wd_index(first)) % 7;
        let d = add_days(first, off as i64 + 7 * (n as i64 - 1))?;
        (d.month() == m).then_some(d)
    } else if n < 0 {
        let last = ymd(y, m, days_in_month(y, m))?;
        let off = (wd_index(last) + 7 - wd) % 7;
        let d = add_days(last, -(off as i64) - 7 * (-(n as i64) - 1))?;
        (d.month() == m).then_some(d)
    } else {
        None
    }
}

/// Western (Gregorian) Easter Sunday, anonymous Gregorian algorithm.
pub fn easter(y: i32) -> Option<NaiveDate> {
    if y < 1583 {
        return None;
    }
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(y, month as u32, day as u32)
}

/// Orthodox Easter Sunday (Julian computus, shifted to the Gregorian calendar; 1900–2099).
pub fn orthodox_easter(y: i32) -> Option<NaiveDate> {
    if !(1900..=2099).contains(&y) {
        return None;
    }
    let a = y % 4;
    let b = y % 7;
    let c = y % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    add_days(ymd(y, month as u32, day as u32)?, 13)
}

/// Eid al-Fitr (1 Shawwal) as commonly observed, 2000–2040, written from general knowledge; the
/// local observance can differ by a day. Ramadan is taken as the 30 days before it.
const EID_AL_FITR: &[(i32, u32, u32)] = &[
    (2000, 1, 8),
    (2000, 12, 27),
    (2001, 12, 16),
    (2002, 12, 5),
    (2003, 11, 25),
    (2004, 11, 14),
    (2005, 11, 3),
    (2006, 10, 23),
    (2007, 10, 13),
    (2008, 10, 1),
    (2009, 9, 20),
    (2010, 9, 10),
    (2011, 8, 30),
    (2012, 8, 19),
    (2013, 8, 8),
    (2014, 7, 28),
    (2015, 7, 17),
    (2016, 7, 6),
    (2017, 6, 25),
    (2018, 6, 15),
    (2019, 6, 4),
    (2020, 5, 24),
    (2021, 5, 13),
    (2022, 5, 2),
    (2023, 4, 21),
    (2024, 4, 10),
    (2025, 3, 30),
    (2026, 3, 20),
    (2027, 3, 9),
    (2028, 2, 26),
    (2029, 2, 14),
    (2030, 2, 4),
    (2031, 1, 24),
    (2032, 1, 14),
    (2033, 1, 2),
    (2033, 12, 23),
    (2034, 12, 12),
    (2035, 12, 1),
    (2036, 11, 19),
    (2037, 11, 8),
    (2038, 10, 29),
    (2039, 10, 19),
    (2040, 10, 7),
];

/// Eid al-Adha (10 Dhu al-Hijjah) as commonly observed, 2000–2040 (general knowledge).
const EID_AL_ADHA: &[(i32, u32, u32)] = &[
    (2000, 3, 16),
    (2001, 3, 5),
    (2002, 2, 22),
    (2003, 2, 11),
    (2004, 2, 1),
    (2005, 1, 20),
    (2006, 1, 10),
    (2006, 12, 31),
    (2007, 12, 20),
    (2008, 12, 8),
    (2009, 11, 27),
    (2010, 11, 16),
    (2011, 11, 6),
    (2012, 10, 26),
    (2013, 10, 15),
    (2014, 10, 4),
    (2015, 9, 24),
    (2016, 9, 12),
    (2017, 9, 1),
    (2018, 8, 21),
    (2019, 8, 11),
    (2020, 7, 31),
    (2021, 7, 20),
    (2022, 7, 9),
    (2023, 6, 28),
    (2024, 6, 16),
    (2025, 6, 6),
    (2026, 5, 27),
    (2027, 5, 16),
    (2028, 5, 5),
    (2029, 4, 24),
    (2030, 4, 13),
    (2031, 4, 2),
    (2032, 3, 22),
    (2033, 3, 11),
    (2034, 3, 1),
    (2035, 2, 18),
    (2036, 2, 7),
    (2037, 1, 27),
    (2038, 1, 16),
    (2039, 1, 5),
    (2039, 12, 26),
    (2040, 12, 14),
];

fn table_in_year(table: &[(i32, u32, u32)], y: i32) -> Option<NaiveDate> {
    table
        .iter()
        .find(|(ty, _, _)| *ty == y)
        .and_then(|&(y, m, d)| ymd(y, m, d))
}

pub fn eid_al_fitr(y: i32) -> Option<NaiveDate> {
    table_in_year(EID_AL_FITR, y)
}

pub fn eid_al_adha(y: i32) -> Option<NaiveDate> {
    table_in_year(EID_AL_ADHA, y)
}

/// First day of Ramadan in year `y` (the Ramadan that ends with the first Eid al-Fitr of `y`,
/// or, when that Ramadan began the year before, the next one if it starts in `y`).
pub fn ramadan_start(y: i32) -> Option<NaiveDate> {
    EID_AL_FITR
        .iter()
        .filter_map(|&(ty, m, d)| ymd(ty, m, d))
        .filter_map(|e| add_days(e, -30))
        .find(|s| s.year() == y)
}

/// Start and end (inclusive) of a meteorological-astronomical season: spring from 21 March,
/// summer from 21 June, fall from 24 September, winter from 21 December to 20 March. `year` is
/// the year the season starts in.
pub fn season_bounds(year: i32, s: u32) -> Option<(NaiveDate, NaiveDate)> {
    let (a, b) = match s {
        0 => (ymd(year, 3, 21)?, ymd(year, 6, 20)?),
        1 => (ymd(year, 6, 21)?, ymd(year, 9, 23)?),
        2 => (ymd(year, 9, 24)?, ymd(year, 12, 20)?),
        _ => (ymd(year, 12, 21)?, ymd(year + 1, 3, 20)?),
    };
    Some((a, b))
}

/// Season holding `d` and the year it started in.
pub fn season_of(d: NaiveDate) -> (i32, u32) {
    let y = d.year();
    for s in [3u32, 2, 1, 0] {
        if let Some((a, b)) = season_bounds(y, s) {
            if a <= d && d <= b {
                return (y, s);
            }
        }
    }
    (y - 1, 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_dates() {
        assert_eq!(easter(2013), ymd(2013, 3, 31));
        assert_eq!(easter(2010), ymd(2010, 4, 4));
        assert_eq!(easter(2024), ymd(2024, 3, 31));
        assert_eq!(orthodox_easter(2018), ymd(2018, 4, 8));
        assert_eq!(orthodox_easter(2020), ymd(2020, 4, 19));
    }

    #[test]
    fn nth_weekdays() {
        // Thanksgiving 2013: fourth Thursday of November.
        assert_eq!(nth_weekday(2013, 11, 3, 4), ymd(2013, 11, 28));
        assert_eq!(nth_weekday(2013, 3, 0, -1), ymd(2013, 3, 25));
        assert_eq!(nth_weekday(2013, 2, 0, 5), None);
    }

    #[test]
    fn weeks_and_seasons() {
        let d = ymd(2013, 2, 12).unwrap();
        assert_eq!(week_start(d, WeekStart::Monday), ymd(2013, 2, 11).unwrap());
        assert_eq!(week_start(d, WeekStart::Sunday), ymd(2013, 2, 10).unwrap());
        assert_eq!(season_of(d), (2012, 3));
        assert_eq!(ramadan_start(2018), ymd(2018, 5, 16));
    }
}
