//! English time words (`data/time/`): month and weekday names, number words, calendar units,
//! seasons, parts of the day, holidays with their date rules, and the time grammar's cue words.
//! Lookups take the time lexer's lowercase token.

use std::sync::LazyLock;

use super::classes::word_classes;
use super::file::{data_file, DataFile, Row};
use super::hash::FxMap;
use super::word_map::WordMap;

word_classes! {
    /// `time/cues.tsv`: cue words of the time grammar (the file's header explains each class).
    pub enum TimeCue in "time/cues.tsv" {
        FutureCue = "future_cue",
        PastCue = "past_cue",
        EdNotPast = "ed_not_past",
        RangeJoiner = "range_joiner",
        DayRangeJoiner = "day_range_joiner",
        MonthJoiner = "month_joiner",
        TimePrep = "time_prep",
        YearPrep = "year_prep",
        StrongYearPrep = "strong_year_prep",
        QuantityWord = "quantity_word",
        TimeWord = "time_word",
        CountNoun = "count_noun",
        TermNoun = "term_noun",
        SeasonPrep = "season_prep",
        ClockPrep = "clock_prep",
        RelativeModifier = "relative_modifier",
        WeekendPrep = "weekend_prep",
        HolidayLead = "holiday_lead",
        CalendarQualifier = "calendar_qualifier",
        Zone = "zone",
        FutureBeforeTo = "future_before_to",
        PublicationHead = "publication_head",
        PresentNoun = "present_noun",
    }
}

pub(super) const FILES: [DataFile; 9] = [
    data_file!("time/months.tsv"),
    data_file!("time/weekdays.tsv"),
    data_file!("time/numbers.tsv"),
    data_file!("time/units.tsv"),
    data_file!("time/seasons.tsv"),
    data_file!("time/day_parts.tsv"),
    data_file!("time/holidays.tsv"),
    data_file!("time/observed_dates.tsv"),
    data_file!("time/frequencies.tsv"),
];

/// Calendar units a duration or a relative period can count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Everything one word can be, so that a token costs one lookup whatever is asked of it (the
/// time lexer keeps each token's).
#[derive(Debug, Default, Clone, Copy)]
pub struct TimeWord {
    month: Option<u32>,
    /// Weekday (0 = Monday) and whether the word is its full name.
    weekday: Option<(u32, bool)>,
    cardinal: Option<u32>,
    ordinal: Option<u32>,
    /// The unit and whether the word is plural.
    unit: Option<(Unit, bool)>,
    season: Option<u32>,
    /// TIMEX3 code, start hour, end hour (exclusive).
    day_part: Option<(&'static str, u32, u32)>,
    /// TIMEX3 period of a frequency adverb (`daily` → `P1D`).
    frequency: Option<&'static str>,
}

fn number(file: &DataFile, r: &Row, i: usize) -> u32 {
    r.get(i)
        .parse()
        .unwrap_or_else(|_| file.fail(r.line, &format!("field {} is not a number", i + 1)))
}

static WORDS: LazyLock<WordMap<TimeWord>> = LazyLock::new(|| {
    let [months, weekdays, numbers, units, seasons, day_parts, _, _, frequencies] = &FILES;
    let mut m: FxMap<&'static str, TimeWord> = FxMap::default();
    for r in months.rows(4, 4) {
        let n = number(months, &r, 0);
        for w in std::iter::once(r.get(1)).chain(r.list(2)) {
            m.entry(w).or_default().month = Some(n);
        }
    }
    for r in weekdays.rows(2, 3) {
        let n = number(weekdays, &r, 0);
        m.entry(r.get(1)).or_default().weekday = Some((n, true));
        for w in r.list(2) {
            m.entry(w).or_default().weekday = Some((n, false));
        }
    }
    for r in numbers.rows(3, 3) {
        let (w, n) = (m.entry(r.get(0)).or_default(), number(numbers, &r, 1));
        match r.get(2) {
            "cardinal" => w.cardinal = Some(n),
            "ordinal" => w.ordinal = Some(n),
            k => numbers.fail(r.line, &format!("kind `{k}`")),
        }
    }
    for r in units.rows(3, 3) {
        let unit = match r.get(1) {
            "second" => Unit::Second,
            "minute" => Unit::Minute,
            "hour" => Unit::Hour,
            "day" => Unit::Day,
            "week" => Unit::Week,
            "fortnight" => Unit::Fortnight,
            "month" => Unit::Month,
            "quarter" => Unit::Quarter,
            "year" => Unit::Year,
            "decade" => Unit::Decade,
            "century" => Unit::Century,
            u => units.fail(r.line, &format!("unit `{u}`")),
        };
        let plural = match r.get(2) {
            "sg" => false,
            "pl" => true,
            n => units.fail(r.line, &format!("number `{n}`")),
        };
        m.entry(r.get(0)).or_default().unit = Some((unit, plural));
    }
    for r in seasons.rows(2, 2) {
        m.entry(r.get(0)).or_default().season = Some(number(seasons, &r, 1));
    }
    for r in day_parts.rows(4, 4) {
        let part = (r.get(1), number(day_parts, &r, 2), number(day_parts, &r, 3));
        m.entry(r.get(0)).or_default().day_part = Some(part);
    }
    for r in frequencies.rows(2, 2) {
        m.entry(r.get(0)).or_default().frequency = Some(r.get(1));
    }
    WordMap::new(m.into_iter().collect())
});

impl TimeWord {
    pub fn month(&self) -> Option<u32> {
        self.month
    }
    pub fn weekday(&self) -> Option<(u32, bool)> {
        self.weekday
    }
    pub fn cardinal(&self) -> Option<u32> {
        self.cardinal
    }
    pub fn ordinal(&self) -> Option<u32> {
        self.ordinal
    }
    pub fn unit(&self) -> Option<(Unit, bool)> {
        self.unit
    }
    pub fn season(&self) -> Option<u32> {
        self.season
    }
    pub fn part_of_day(&self) -> Option<(&'static str, u32, u32)> {
        self.day_part
    }
    pub fn frequency(&self) -> Option<&'static str> {
        self.frequency
    }
}

/// What a lowercase word is as a time word, if anything.
#[inline]
pub fn word(w: &str) -> Option<&'static TimeWord> {
    WORDS.get(w)
}

/// Month number of a month name or abbreviation (`sept`, `jan`).
pub fn month(w: &str) -> Option<u32> {
    word(w)?.month
}

/// Weekday as 0 = Monday .. 6 = Sunday, and whether the word is the full name.
pub fn weekday(w: &str) -> Option<(u32, bool)> {
    word(w)?.weekday
}

/// Plural weekday (`mondays`), used for sets.
pub fn weekday_plural(w: &str) -> Option<u32> {
    let stem = w.strip_suffix('s')?;
    weekday(stem).filter(|(_, full)| *full).map(|(d, _)| d)
}

/// Cardinal number words up to ninety.
pub fn number_word(w: &str) -> Option<u32> {
    word(w)?.cardinal
}

/// Ordinal words up to thirty-first (compounds are joined by the grammar).
pub fn ordinal_word(w: &str) -> Option<u32> {
    word(w)?.ordinal
}

/// Unit of a singular or plural unit word, and whether it was plural.
pub fn unit(w: &str) -> Option<(Unit, bool)> {
    word(w)?.unit
}

/// Season index: 0 spring, 1 summer, 2 fall, 3 winter.
pub fn season(w: &str) -> Option<u32> {
    word(w)?.season
}

/// Part of the day: (TIMEX code, start hour, end hour exclusive).
pub fn part_of_day(w: &str) -> Option<(&'static str, u32, u32)> {
    word(w)?.day_part
}

/// A month or weekday name with its abbreviations (lowercase, no period).
#[derive(Debug, Clone)]
pub struct CalendarName {
    pub name: &'static str,
    pub abbreviations: Vec<&'static str>,
    pub month: bool,
    /// The capitalized name may also be a person's name by itself (`May`).
    pub may_be_a_name: bool,
}

static CALENDAR: LazyLock<Vec<CalendarName>> = LazyLock::new(|| {
    let [months, weekdays, ..] = &FILES;
    let mut out = Vec::new();
    for r in months.rows(4, 4) {
        out.push(CalendarName {
            name: r.get(1),
            abbreviations: r.list(2).collect(),
            month: true,
            may_be_a_name: match r.get(3) {
                "name" => true,
                "-" => false,
                x => months.fail(r.line, &format!("`{x}`, want name or -")),
            },
        });
    }
    for r in weekdays.rows(2, 3) {
        out.push(CalendarName {
            name: r.get(1),
            abbreviations: r.list(2).collect(),
            month: false,
            may_be_a_name: false,
        });
    }
    out
});

/// Month names (January first), then weekday names (Monday first).
pub fn calendar_names() -> &'static [CalendarName] {
    &CALENDAR
}

/// How a holiday's date is found in a given year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayRule {
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

/// A holiday name: its lowercase words, date rule, and whether the first word must be
/// capitalised.
#[derive(Debug, Clone)]
pub struct Holiday {
    pub words: Vec<&'static str>,
    pub rule: HolidayRule,
    pub cap: bool,
}

fn holiday_rule(file: &DataFile, line: usize, rule: &str) -> HolidayRule {
    use HolidayRule as H;
    let mut parts = rule.split_whitespace();
    let name = parts.next().unwrap_or("");
    let args: Vec<i64> = parts
        .map(|a| {
            a.parse()
                .unwrap_or_else(|_| file.fail(line, &format!("`{a}` is not a number")))
        })
        .collect();
    let arity = |n: usize| {
        if args.len() != n {
            file.fail(line, &format!("rule `{name}` takes {n} numbers"));
        }
    };
    let u = |i: usize| args[i] as u32;
    match name {
        "fixed" | "hijri" | "tishri" | "nisan" | "nth" | "easter" | "orthodox" | "thanksgiving" => {
            arity(match name {
                "nth" => 3,
                "easter" | "orthodox" | "thanksgiving" => 1,
                _ => 2,
            })
        }
        _ => arity(0),
    }
    match name {
        "fixed" => H::Fixed(u(0), u(1)),
        "nth" => H::Nth(u(0), u(1), args[2] as i32),
        "easter" => H::Easter(args[0]),
        "orthodox" => H::Orthodox(args[0]),
        "thanksgiving" => H::Thanksgiving(args[0]),
        "hijri" => H::Hijri(u(0), u(1)),
        "tishri" => H::Tishri(args[0], args[1]),
        "nisan" => H::Nisan(args[0], args[1]),
        "lent" => H::Lent,
        "great_lent" => H::GreatLent,
        "ramadan" => H::Ramadan,
        "eid_fitr" => H::EidFitr,
        "eid_adha" => H::EidAdha,
        "any_eid" => H::AnyEid,
        "laylat_qadr" => H::LaylatQadr,
        "lunar_new_year" => H::LunarNewYear,
        "hanukkah" => H::Hanukkah,
        "diwali" => H::Diwali,
        "holi" => H::Holi,
        _ => file.fail(line, &format!("unknown rule `{name}`")),
    }
}

static HOLIDAYS: LazyLock<Vec<Holiday>> = LazyLock::new(|| {
    let file = &FILES[6];
    file.rows(3, 3)
        .map(|r| Holiday {
            words: r.get(0).split(' ').filter(|w| !w.is_empty()).collect(),
            rule: holiday_rule(file, r.line, r.get(1)),
            cap: match r.get(2) {
                "cap" => true,
                "-" => false,
                c => file.fail(r.line, &format!("`{c}`, want cap or -")),
            },
        })
        .collect()
});

/// Holiday names in the file's order (the longer match wins, then the earlier row).
pub fn holidays() -> &'static [Holiday] {
    &HOLIDAYS
}

/// Holidays whose dates are listed as observed (they follow a lunar or lunisolar calendar).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Observed {
    EidAlFitr,
    EidAlAdha,
    LunarNewYear,
    Diwali,
    Holi,
}

static OBSERVED: LazyLock<[Vec<(i32, u32, u32)>; 5]> = LazyLock::new(|| {
    let file = &FILES[7];
    let mut out: [Vec<(i32, u32, u32)>; 5] = Default::default();
    for r in file.rows(2, 2) {
        let k = match r.get(0) {
            "eid_al_fitr" => Observed::EidAlFitr,
            "eid_al_adha" => Observed::EidAlAdha,
            "lunar_new_year" => Observed::LunarNewYear,
            "diwali" => Observed::Diwali,
            "holi" => Observed::Holi,
            h => file.fail(r.line, &format!("holiday `{h}`")),
        };
        let date = chrono::NaiveDate::parse_from_str(r.get(1), "%Y-%m-%d")
            .unwrap_or_else(|_| file.fail(r.line, "date: want YYYY-MM-DD"));
        use chrono::Datelike;
        out[k as usize].push((date.year(), date.month(), date.day()));
    }
    out
});

/// Observed dates (year, month, day) of a holiday, in date order.
pub fn observed_dates(h: Observed) -> &'static [(i32, u32, u32)] {
    &OBSERVED[h as usize]
}

/// Builds every table of this module (the loader's test).
#[cfg(test)]
pub(super) fn force() {
    LazyLock::force(&WORDS);
    LazyLock::force(&HOLIDAYS);
    LazyLock::force(&CALENDAR);
    LazyLock::force(&OBSERVED);
}
