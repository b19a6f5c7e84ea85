//! Calendar arithmetic: month shifts, nth weekday of a month, week starts, Easter by the
//! computus, Hebrew and arithmetic Islamic calendars; observed dates of lunar holidays come from
//! `data/time/observed_dates.tsv`.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::lexicon::time::{observed_dates, Observed};
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

/// Tabular (arithmetic) Islamic calendar, shifted one day earlier, which matches observed dates
/// within a day; used outside the hand-written tables.
pub fn hijri(hy: i32, hm: u32, hd: u32) -> Option<NaiveDate> {
    let (hy, hm, hd) = (hy as i64, hm as i64, hd as i64);
    let days =
        hd + (59 * (hm - 1) + 1) / 2 + (hy - 1) * 354 + (3 + 11 * hy).div_euclid(30) + 1948439
            - 1721425
            - 1;
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).ok()?)
}

/// Gregorian dates in year `y` of Hijri month/day `hm`/`hd` (zero, one or two of them).
pub fn hijri_in_year(y: i32, hm: u32, hd: u32) -> Vec<NaiveDate> {
    let approx = (y - 622) * 33 / 32;
    (approx - 1..=approx + 2)
        .filter_map(|hy| hijri(hy, hm, hd))
        .filter(|d| d.year() == y)
        .collect()
}

/// Days from the Hebrew epoch to the molad-based new year of Hebrew year `y`, with the
/// postponement rules (Calendrical Calculations, Reingold & Dershowitz).
fn hebrew_elapsed_days(y: i64) -> i64 {
    let months = (235 * y - 234).div_euclid(19);
    let parts = 12084 + 13753 * months;
    let day = 29 * months + parts.div_euclid(25920);
    if (3 * (day + 1)).rem_euclid(7) < 3 {
        day + 1
    } else {
        day
    }
}

/// Rosh Hashanah (1 Tishri) of Hebrew year `y`, as a count of days from 0001-01-01.
fn hebrew_new_year_rd(y: i64) -> i64 {
    let (a, b, c) = (
        hebrew_elapsed_days(y - 1),
        hebrew_elapsed_days(y),
        hebrew_elapsed_days(y + 1),
    );
    let correction = if c - b == 356 {
        2
    } else if b - a == 382 {
        1
    } else {
        0
    };
    -1373427 + b + correction
}

fn from_rd(rd: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(rd).ok()?)
}

/// Rosh Hashanah falling in (the autumn of) Gregorian year `y`.
pub fn rosh_hashanah(y: i32) -> Option<NaiveDate> {
    if !(1..=9999).contains(&y) {
        return None;
    }
    from_rd(hebrew_new_year_rd(y as i64 + 3761))
}

/// First day of Passover (15 Nisan) in Gregorian year `y`: 163 days before the next new year.
pub fn passover(y: i32) -> Option<NaiveDate> {
    add_days(rosh_hashanah(y)?, -163)
}

/// First day of Hanukkah (25 Kislev) in the Hebrew year starting in the autumn of `y`.
pub fn hanukkah(y: i32) -> Option<NaiveDate> {
    if !(1..=9999).contains(&y) {
        return None;
    }
    let h = y as i64 + 3761;
    let start = hebrew_new_year_rd(h);
    let length = hebrew_new_year_rd(h + 1) - start;
    let heshvan = if length % 10 == 5 { 30 } else { 29 };
    from_rd(start + 30 + heshvan + 24)
}

pub fn diwali(y: i32) -> Option<NaiveDate> {
    table_in_year(observed_dates(Observed::Diwali), y)
}

pub fn holi(y: i32) -> Option<NaiveDate> {
    table_in_year(observed_dates(Observed::Holi), y)
}

pub fn lunar_new_year(y: i32) -> Option<NaiveDate> {
    table_in_year(observed_dates(Observed::LunarNewYear), y)
}

fn table_in_year(table: &[(i32, u32, u32)], y: i32) -> Option<NaiveDate> {
    table
        .iter()
        .find(|(ty, _, _)| *ty == y)
        .and_then(|&(y, m, d)| ymd(y, m, d))
}

/// Whether the observed Eid dates cover year `y`.
fn in_table_range(y: i32) -> bool {
    let eids = observed_dates(Observed::EidAlFitr);
    matches!((eids.first(), eids.last()), (Some(a), Some(b)) if (a.0..=b.0).contains(&y))
}

pub fn eid_al_fitr(y: i32) -> Option<NaiveDate> {
    if in_table_range(y) {
        table_in_year(observed_dates(Observed::EidAlFitr), y)
    } else {
        hijri_in_year(y, 10, 1).first().copied()
    }
}

pub fn eid_al_adha(y: i32) -> Option<NaiveDate> {
    if in_table_range(y) {
        table_in_year(observed_dates(Observed::EidAlAdha), y)
    } else {
        hijri_in_year(y, 12, 10).first().copied()
    }
}

/// First day of Ramadan in year `y` (the Ramadan that ends with the first Eid al-Fitr of `y`,
/// or, when that Ramadan began the year before, the next one if it starts in `y`).
pub fn ramadan_start(y: i32) -> Option<NaiveDate> {
    if !in_table_range(y) {
        return hijri_in_year(y, 9, 1).first().copied();
    }
    observed_dates(Observed::EidAlFitr)
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

    #[test]
    fn hebrew_calendar() {
        assert_eq!(rosh_hashanah(2018), ymd(2018, 9, 10));
        assert_eq!(rosh_hashanah(2024), ymd(2024, 10, 3));
        assert_eq!(passover(2018), ymd(2018, 3, 31));
        assert_eq!(passover(2024), ymd(2024, 4, 23));
        assert_eq!(hanukkah(2018), ymd(2018, 12, 3));
        assert_eq!(hanukkah(2024), ymd(2024, 12, 26));
        assert_eq!(rosh_hashanah(i32::MAX), None);
    }

    #[test]
    fn islamic_calendar_outside_the_table() {
        // Eid al-Adha 1980 and 1974, the Islamic new year 2018 (1 Muharram 1440).
        assert_eq!(eid_al_adha(1980), ymd(1980, 10, 19));
        assert_eq!(eid_al_adha(1974), ymd(1974, 1, 3));
        assert_eq!(hijri_in_year(2018, 1, 1), vec![ymd(2018, 9, 11).unwrap()]);
        assert!(hijri(i32::MAX, 1, 1).is_none());
    }
}
