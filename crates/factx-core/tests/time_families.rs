//! One test per family of time expressions, through the public `tag` API. The reference is
//! Tuesday 2024-08-13 06:00 unless a test says otherwise.

use chrono::{DateTime, NaiveDateTime, Utc};
use factx_core::model::{ExtractOptions, TimeType, WeekStart, WeekdayReading};
use factx_core::time::{tag, Mod, TimeContext};

const REF: &str = "2024-08-13T06:00:00";

fn ctx() -> TimeContext {
    TimeContext::new(NaiveDateTime::parse_from_str(REF, "%Y-%m-%dT%H:%M:%S").ok())
}

/// (matched text, value) of every expression in `text`.
fn tags_with(text: &str, c: &TimeContext) -> Vec<(String, String)> {
    tag(text, c)
        .into_iter()
        .map(|m| (text[m.span.start..m.span.end].to_string(), m.value))
        .collect()
}

fn tags(text: &str) -> Vec<(String, String)> {
    tags_with(text, &ctx())
}

/// The single expression of `text`.
fn one(text: &str) -> (String, String) {
    let t = tags(text);
    assert_eq!(t.len(), 1, "{text:?} gave {t:?}");
    t.into_iter().next().unwrap()
}

fn value(text: &str) -> String {
    one(text).1
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn absolute_dates() {
    assert_eq!(
        one("It happened on March 3, 2015."),
        pair("March 3, 2015", "2015-03-03")
    );
    assert_eq!(
        one("It happened on 3 March 2015."),
        pair("3 March 2015", "2015-03-03")
    );
    assert_eq!(value("filed 2015-03-03 in court"), "2015-03-03");
    assert_eq!(value("signed on 10/31/1974"), "1974-10-31");
    assert_eq!(value("filed on 3/15"), "2024-03-15");
    assert_eq!(value("due on 3/15"), "2025-03-15");
    // No year, no tense cue: the nearest occurrence.
    assert_eq!(value("the Jan. 5 meeting"), "2025-01-05");
    assert_eq!(value("the 4th of July parade"), "2024-07-04");
    assert_eq!(value("on Monday, Feb. 18, 2013"), "2013-02-18");
    assert_eq!(value("the 2 December deadline"), "2024-12-02");
}

#[test]
fn months_years_decades_centuries() {
    assert_eq!(value("The summit was held in March."), "2024-03");
    assert_eq!(value("The summit will be held in March."), "2025-03");
    assert_eq!(one("elected in 2015"), pair("2015", "2015"));
    assert_eq!(value("growth in October 2014 was weak"), "2014-10");
    assert_eq!(one("in the 1990s"), pair("1990s", "199"));
    assert_eq!(value("music of the '80s"), "198");
    assert_eq!(value("the 21st century"), "20");
}

#[test]
fn words_that_are_not_times() {
    for text in [
        "You may go now if you must.",
        "They march on the capital.",
        "About 2000 people attended and 1,500 were turned away.",
        "John Bass travelled to Islamabad.",
        "Call 650-650-6500 for details.",
        "A ratio of 1/2 of the votes.",
        "a 45-year-old man",
        "He sat. She said.",
        "He scored a second goal.",
        "Pay ABC 2000",
        "Johnnie Christmas drew the cover.",
    ] {
        let t: Vec<_> = tags(text)
            .into_iter()
            .filter(|(_, v)| v != "PRESENT_REF")
            .collect();
        assert!(t.is_empty(), "{text:?} gave {t:?}");
    }
}

#[test]
fn quarters_halves_fiscal_years() {
    assert_eq!(value("profit in the third quarter of 2023"), "2023-Q3");
    assert_eq!(value("results for Q4 2018"), "2018-Q4");
    assert_eq!(value("in the first half of 2020"), "2020-H1");
    assert_eq!(value("the budget for fiscal 2024"), "FY2024");
    assert_eq!(value("the FY2025 budget"), "FY2025");
    assert_eq!(value("the 2024-25 fiscal year"), "2024/2025");
    assert_eq!(value("sales this quarter"), "2024-Q3");
}

#[test]
fn weekdays_follow_tense() {
    assert_eq!(value("The minister met him on Monday."), "2024-08-12");
    assert_eq!(value("The minister will meet him on Monday."), "2024-08-19");
    assert_eq!(value("He is going to visit on Friday."), "2024-08-16");
    // No cue: the most recent such day, the reference day included.
    assert_eq!(value("talks on Tuesday"), "2024-08-13");
    assert_eq!(value("talks on Friday"), "2024-08-09");
    assert_eq!(value("next Friday"), "2024-08-23");
    assert_eq!(value("last Friday"), "2024-08-09");
    assert_eq!(value("Wednesday of next week"), "2024-08-21");
    assert_eq!(value("on Mon. the office opened"), "2024-08-12");
    assert_eq!(one("Sunday's vote"), pair("Sunday's", "2024-08-11"));
}

#[test]
fn relative_days_and_periods() {
    assert_eq!(value("yesterday"), "2024-08-12");
    assert_eq!(value("today's decision"), "2024-08-13");
    assert_eq!(value("last year's election"), "2023");
    assert_eq!(value("tomorrow"), "2024-08-14");
    assert_eq!(value("the day after tomorrow"), "2024-08-15");
    assert_eq!(value("last week"), "2024-W32");
    assert_eq!(value("next month"), "2024-09");
    assert_eq!(value("last year"), "2023");
    assert_eq!(value("two days ago"), "2024-08-11");
    assert_eq!(value("three years ago"), "2021");
    assert_eq!(value("in two weeks"), "2024-08-27");
    assert_eq!(one("earlier this year"), pair("earlier this year", "2024"));
    // A vague stretch of units is a DURATION with an X count (TimeML, eval/gold/GUIDELINES.md).
    assert_eq!(one("stable in recent years"), pair("recent years", "PXY"));
    assert_eq!(value("now"), "PRESENT_REF");
    assert_eq!(one("in the coming weeks"), pair("the coming weeks", "PXW"));
    let past = tag("over the past two weeks", &ctx());
    assert_eq!(past.len(), 1);
    assert_eq!(past[0].value, "P2W");
    assert_eq!(past[0].time_type, TimeType::Duration);
    let b = past[0].bounds.unwrap();
    assert_eq!(b.start.date().to_string(), "2024-07-29");
    assert_eq!(b.end.date().to_string(), "2024-08-12");
}

#[test]
fn narrative_anaphora_and_weekends() {
    assert_eq!(
        tags("The talks began on Aug. 5. The next day, they ended. Two days later they met."),
        vec![
            pair("Aug. 5", "2024-08-05"),
            pair("The next day", "2024-08-06"),
            pair("Two days later", "2024-08-08")
        ]
    );
    assert_eq!(value("a year earlier"), "2023");
    assert_eq!(
        tags("He moved in 1998 and married later that year."),
        vec![pair("1998", "1998"), pair("later that year", "1998")]
    );
    assert_eq!(value("protests over the weekend"), "2024-W32-WE");
    assert_eq!(value("will rally over the weekend"), "2024-W33-WE");
    let t = tag("over the past year", &ctx());
    assert_eq!(
        (t[0].value.as_str(), t[0].time_type),
        ("P1Y", TimeType::Duration)
    );
}

#[test]
fn parts_of_day_clock_times_and_zones() {
    assert_eq!(
        one("Monday at 3 p.m."),
        pair("Monday at 3 p.m.", "2024-08-12T15:00")
    );
    assert_eq!(value("at 15:30 GMT"), "2024-08-13T15:30");
    assert_eq!(one("at 9:45am EST"), pair("9:45am EST", "2024-08-13T09:45"));
    assert_eq!(value("this morning"), "2024-08-13TMO");
    assert_eq!(value("last night"), "2024-08-12TNI");
    assert_eq!(value("Monday night"), "2024-08-12TNI");
    assert_eq!(value("by noon"), "2024-08-13T12:00");
    let t = tag("at 3 p.m.", &ctx());
    assert_eq!(t[0].time_type, TimeType::Time);
    assert!(tags("verse 9:25 says").is_empty());
}

#[test]
fn durations() {
    assert_eq!(one("for a month"), pair("a month", "P1M"));
    assert_eq!(value("a four-week course"), "P4W");
    assert_eq!(value("in a few months"), "PXM");
    assert_eq!(value("within 48 hours"), "PT48H");
    assert_eq!(value("three years"), "P3Y");
    assert_eq!(value("for decades"), "PXDE");
    assert_eq!(tag("for a month", &ctx())[0].time_type, TimeType::Duration);
}

#[test]
fn sets() {
    let t = tag("He runs every Monday.", &ctx());
    assert_eq!(t[0].value, "XXXX-WXX-1");
    assert_eq!(t[0].time_type, TimeType::Set);
    assert_eq!(value("a weekly magazine"), "P1W");
    assert_eq!(value("meets twice a week"), "P1W");
    assert_eq!(value("every two years"), "P2Y");
    assert_eq!(value("closed on Sundays"), "XXXX-WXX-7");
    assert_eq!(value("held every summer"), "XXXX-SU");
}

#[test]
fn ranges_and_terms() {
    assert_eq!(one("the 2025-2026 term"), pair("2025-2026", "2025/2026"));
    assert_eq!(one("the 2025–26 term"), pair("2025–26", "2025/2026"));
    assert_eq!(
        one("the Jan. 5-7 talks"),
        pair("Jan. 5-7", "2025-01-05/2025-01-07")
    );
    assert_eq!(
        one("talks held Jan. 5-7"),
        pair("Jan. 5-7", "2024-01-05/2024-01-07")
    );
    assert_eq!(value("from 13 to 15 July"), "2024-07-13/2024-07-15");
    // Two complete dates joined by words are two expressions, as TimeML has them.
    assert_eq!(
        tags("from 2010 to 2012"),
        vec![pair("2010", "2010"), pair("2012", "2012")]
    );
    assert_eq!(
        tags("(1704 – 1787)"),
        vec![pair("1704", "1704"), pair("1787", "1787")]
    );
    assert_eq!(value("over 2000-2050"), "2000/2050");
}

#[test]
fn holidays() {
    assert_eq!(value("Christmas"), "2024-12-25");
    assert_eq!(value("Easter 2025"), "2025-04-20");
    assert_eq!(value("Thanksgiving 2024"), "2024-11-28");
    assert_eq!(value("Ramadan 2024"), "2024-03-11/2024-04-09");
    assert_eq!(value("Eid al-Adha 2024"), "2024-06-16");
    assert_eq!(value("They will celebrate Eid al-Fitr."), "2025-03-30");
    assert_eq!(value("last Christmas"), "2023-12-25");
    assert_eq!(value("New Year's Eve"), "2024-12-31");
    assert_eq!(value("Good Friday 2024"), "2024-03-29");
}

#[test]
fn seasons() {
    assert_eq!(value("last summer"), "2023-SU");
    assert_eq!(value("summer 2024"), "2024-SU");
    assert_eq!(value("It rained heavily in the spring."), "2024-SP");
    assert!(tags("the fall of communism").is_empty());
}

#[test]
fn modifiers_keep_the_period() {
    let t = tag("early March", &ctx());
    assert_eq!(
        (t[0].value.as_str(), t[0].modifier),
        ("2024-03", Some(Mod::Start))
    );
    let t = tag("mid-2024", &ctx());
    assert_eq!(
        (t[0].value.as_str(), t[0].modifier),
        ("2024", Some(Mod::Mid))
    );
    let t = tag("by the end of the year", &ctx());
    assert_eq!(
        (t[0].value.as_str(), t[0].modifier),
        ("2024", Some(Mod::End))
    );
    let t = tag("said late Monday", &ctx());
    assert_eq!(
        (t[0].value.as_str(), t[0].modifier),
        ("2024-08-12", Some(Mod::End))
    );
    let t = tag("the late 1990s", &ctx());
    assert_eq!(
        (t[0].value.as_str(), t[0].modifier),
        ("199", Some(Mod::End))
    );
}

#[test]
fn without_reference_relative_values_stay_unresolved() {
    let c = TimeContext::new(None);
    let v = |s: &str| tags_with(s, &c).into_iter().next().map(|x| x.1);
    assert_eq!(v("met on Monday").as_deref(), Some("XXXX-WXX-1"));
    assert_eq!(v("met today").as_deref(), Some("PRESENT_REF"));
    assert_eq!(v("on March 3").as_deref(), Some("XXXX-03-03"));
    assert_eq!(v("last week").as_deref(), Some("XXXX-WXX"));
    assert_eq!(v("in 2015").as_deref(), Some("2015"));
    assert_eq!(v("March 3, 2015").as_deref(), Some("2015-03-03"));
}

#[test]
fn settings_week_start_and_utc_offset() {
    // 22:00 UTC on Monday is already Tuesday in UTC+5.
    let published: DateTime<Utc> = "2024-08-12T22:00:00Z".parse().unwrap();
    let opts = ExtractOptions {
        utc_offset_seconds: 5 * 3600,
        ..Default::default()
    };
    let c = TimeContext::for_article(Some(published), &opts);
    assert_eq!(tags_with("today", &c)[0].1, "2024-08-13");
    let utc = TimeContext::for_article(Some(published), &ExtractOptions::default());
    assert_eq!(tags_with("today", &utc)[0].1, "2024-08-12");

    // On Sunday 2024-08-18, "this week" starts that day when weeks start on Sunday.
    let sunday: DateTime<Utc> = "2024-08-18T12:00:00Z".parse().unwrap();
    let sun_opts = ExtractOptions {
        week_start: WeekStart::Sunday,
        ..Default::default()
    };
    let c = TimeContext::for_article(Some(sunday), &sun_opts);
    let m = &tag("this week", &c)[0];
    assert_eq!(m.bounds.unwrap().start.date().to_string(), "2024-08-18");
    assert_eq!(m.value, "2024-W34");
    let c = TimeContext::for_article(Some(sunday), &ExtractOptions::default());
    let m = &tag("this week", &c)[0];
    assert_eq!(m.bounds.unwrap().start.date().to_string(), "2024-08-12");
    assert_eq!(m.value, "2024-W33");
}

#[test]
fn never_panics_and_spans_slice() {
    let long_the = "the end of ".repeat(5000);
    let digits = "9".repeat(10000);
    let inputs = [
        "",
        " ",
        "\u{0}\u{1}\u{7f}",
        "1/1/1/1/1/1",
        "99999999999999999999/2/3",
        "12:99 pm",
        "31/02/2020 Feb 30 2024-13-45",
        "年 2024年8月13日 — 𝟚𝟘𝟚𝟜 ٢٠٢٤",
        "e\u{301}arly March\u{301}",
        "Monday,,,,",
        "the the the 1990s's",
        "'",
        "in 9999999999 years",
        "every 4294967296 days",
        long_the.as_str(),
        digits.as_str(),
    ];
    for text in inputs {
        for c in [ctx(), TimeContext::new(None)] {
            for m in tag(text, &c) {
                assert!(text.get(m.span.start..m.span.end).is_some(), "{text:?}");
                assert!(m.span.start < m.span.end);
            }
        }
    }
}

/// The error classes of issue 18 on news: durations vs points, reference words, ranges of
/// counts, compound lengths, frequencies, and names or measures that are no times.
#[test]
fn news_durations_references_and_false_times() {
    let kinds = |text: &str| -> Vec<(String, String, TimeType)> {
        tag(text, &ctx())
            .into_iter()
            .map(|m| {
                (
                    text[m.span.start..m.span.end].to_string(),
                    m.value,
                    m.time_type,
                )
            })
            .collect()
    };
    let dur = |a: &str, v: &str| (a.to_string(), v.to_string(), TimeType::Duration);
    assert_eq!(kinds("The talks lasted a month."), [dur("a month", "P1M")]);
    assert_eq!(kinds("It took a decade."), [dur("a decade", "P1DE")]);
    assert_eq!(
        kinds("Prices rose over the last week."),
        [dur("the last week", "P1W")]
    );
    assert_eq!(
        kinds("In recent weeks, fighting grew."),
        [dur("recent weeks", "PXW")]
    );
    assert_eq!(kinds("It grew in last years."), [dur("last years", "PXY")]);
    assert_eq!(
        kinds("He faces two to three years."),
        [dur("two to three years", "PXY")]
    );
    assert_eq!(kinds("a 3-5 years sentence"), [dur("3-5 years", "PXY")]);
    assert_eq!(kinds("the weeklong festival"), [dur("weeklong", "P1W")]);
    assert_eq!(kinds("an hourslong siege"), [dur("hourslong", "PTXH")]);
    assert_eq!(
        kinds("not a single day in jail"),
        [dur("a single day", "P1D")]
    );
    // Sub-day units after `later`/`earlier` have no day to land on: the duration alone.
    assert_eq!(
        kinds("Five hours later it fell."),
        [dur("Five hours", "PT5H")]
    );
    // Ages and measures are no durations.
    assert!(kinds("Indonesian 15-year-olds ranked low.").is_empty());
    assert!(kinds("It bought six second-hand airplanes.").is_empty());
    assert_eq!(
        kinds("They meet every week and publish an annual report."),
        [
            ("every week".into(), "P1W".into(), TimeType::Set),
            ("annual".into(), "P1Y".into(), TimeType::Set)
        ]
    );
    assert_eq!(
        one("That is unclear at the moment."),
        pair("the moment", "PRESENT_REF")
    );
    assert_eq!(
        one("at this point, talks go on"),
        pair("this point", "PRESENT_REF")
    );
    assert!(tags("at the moment of impact").is_empty());
    assert_eq!(
        one("It opened in July this year."),
        pair("July this year", "2024-07")
    );
    assert_eq!(
        one("It opened in January of last year."),
        pair("January of last year", "2023-01")
    );
    assert_eq!(
        tags("They met on Aug. 5. Earlier in the day, he spoke."),
        vec![
            pair("Aug. 5", "2024-08-05"),
            pair("Earlier in the day", "2024-08-05")
        ]
    );
    // A weekday that begins a name is no date.
    assert!(tags("He told the Sunday Times about it.").is_empty());
    assert!(tags("an interview with the Sunday Telegraph").is_empty());
    assert_eq!(
        one("On Sunday Ukraine's president spoke."),
        pair("Sunday", "2024-08-11")
    );
    // `plans`, `going` are future cues only before `to`.
    assert_eq!(value("The plans were made in January."), "2024-01");
    assert_eq!(
        value("They are going all out after the launch in March."),
        "2024-03"
    );
    assert_eq!(value("He plans to visit in January."), "2025-01");
    // Seasons and the end of the year are anchored to the publication year.
    assert_eq!(value("The company will expand this summer."), "2024-SU");
    assert_eq!(value("by the end of the year"), "2024");
}

/// `ExtractOptions.weekday_reading`: news reads an untensed weekday as past (Duckling, as
/// future); a tense cue decides either way, and dates keep the nearest occurrence.
#[test]
fn weekday_reading_option() {
    // Published Wednesday 2024-08-14.
    let published: DateTime<Utc> = "2024-08-14T12:00:00Z".parse().unwrap();
    let news = TimeContext::for_article(Some(published), &ExtractOptions::default());
    let future_opts = ExtractOptions {
        weekday_reading: WeekdayReading::NearestFuture,
        ..Default::default()
    };
    let future = TimeContext::for_article(Some(published), &future_opts);
    assert_eq!(tags_with("talks Tuesday", &news)[0].1, "2024-08-13");
    assert_eq!(tags_with("talks Tuesday", &future)[0].1, "2024-08-20");
    assert_eq!(
        tags_with("They will meet Tuesday.", &news)[0].1,
        "2024-08-20"
    );
    assert_eq!(tags_with("They met Thursday.", &future)[0].1, "2024-08-08");
    assert_eq!(tags_with("the Aug. 20 vote", &future)[0].1, "2024-08-20");
    assert_eq!(tags_with("the Aug. 10 vote", &future)[0].1, "2024-08-10");
}
