//! Closed word lists of English time language: months, weekdays, number words, units.

/// Month number of a month name or abbreviation (`sept`, `jan`).
pub fn month(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Weekday as 0 = Monday .. 6 = Sunday, and whether the word is the full name.
pub fn weekday(w: &str) -> Option<(u32, bool)> {
    Some(match w {
        "monday" => (0, true),
        "tuesday" => (1, true),
        "wednesday" => (2, true),
        "thursday" => (3, true),
        "friday" => (4, true),
        "saturday" => (5, true),
        "sunday" => (6, true),
        "mon" => (0, false),
        "tue" | "tues" => (1, false),
        "wed" => (2, false),
        "thu" | "thur" | "thurs" => (3, false),
        "fri" => (4, false),
        "sat" => (5, false),
        "sun" => (6, false),
        _ => return None,
    })
}

/// Plural weekday (`mondays`), used for sets.
pub fn weekday_plural(w: &str) -> Option<u32> {
    let stem = w.strip_suffix('s')?;
    weekday(stem).filter(|(_, full)| *full).map(|(d, _)| d)
}

/// Cardinal number words up to ninety.
pub fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Ordinal words up to thirty-first (compounds are joined by the grammar).
pub fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        _ => return None,
    })
}

pub fn ordinal_suffix(w: &str) -> bool {
    matches!(w, "st" | "nd" | "rd" | "th")
}

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

/// Unit of a singular or plural unit word, and whether it was plural.
pub fn unit(w: &str) -> Option<(Unit, bool)> {
    use Unit::*;
    Some(match w {
        "second" | "sec" => (Second, false),
        "seconds" | "secs" => (Second, true),
        "minute" | "min" => (Minute, false),
        "minutes" | "mins" => (Minute, true),
        "hour" | "hr" => (Hour, false),
        "hours" | "hrs" => (Hour, true),
        "day" => (Day, false),
        "days" => (Day, true),
        "week" | "wk" => (Week, false),
        "weeks" | "wks" => (Week, true),
        "fortnight" => (Fortnight, false),
        "fortnights" => (Fortnight, true),
        "month" => (Month, false),
        "months" => (Month, true),
        "quarter" | "qtr" => (Quarter, false),
        "quarters" | "qtrs" => (Quarter, true),
        "year" | "yr" => (Year, false),
        "years" | "yrs" => (Year, true),
        "decade" => (Decade, false),
        "decades" => (Decade, true),
        "century" => (Century, false),
        "centuries" => (Century, true),
        _ => return None,
    })
}

/// Season index: 0 spring, 1 summer, 2 fall, 3 winter.
pub fn season(w: &str) -> Option<u32> {
    Some(match w {
        "spring" => 0,
        "summer" => 1,
        "fall" | "autumn" => 2,
        "winter" => 3,
        _ => return None,
    })
}

/// Part of the day: (TIMEX code, start hour, end hour exclusive).
pub fn part_of_day(w: &str) -> Option<(&'static str, u32, u32)> {
    Some(match w {
        "morning" => ("MO", 0, 12),
        "afternoon" => ("AF", 12, 19),
        "evening" => ("EV", 18, 24),
        "night" => ("NI", 18, 24),
        _ => return None,
    })
}

/// Time zone abbreviations and their UTC offsets in minutes (informational; values stay local).
pub fn time_zone(w: &str) -> bool {
    matches!(
        w,
        "gmt"
            | "utc"
            | "est"
            | "edt"
            | "cst"
            | "cdt"
            | "mst"
            | "mdt"
            | "pst"
            | "pdt"
            | "bst"
            | "cet"
            | "cest"
            | "eet"
            | "eest"
            | "ist"
            | "pkt"
            | "jst"
            | "kst"
            | "aest"
            | "aedt"
            | "msk"
            | "et"
            | "pt"
            | "ct"
            | "wib"
            | "sgt"
            | "hkt"
    )
}
