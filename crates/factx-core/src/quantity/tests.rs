//! Invented sentences for every construction the stage reads, and for what it must leave alone.

use super::{DurationUnit, Qualifier, Quantity, QuantityStage, Unit};
use crate::doc::Doc;
use crate::model::{Article, ExtractOptions};
use crate::stage::Stage;
use chrono::{TimeZone, Utc};

use Qualifier::*;

/// The quantities of `body`, after the segment and time stages.
fn run(body: &str) -> Vec<(String, Quantity)> {
    let article = Article {
        body: body.into(),
        published_at: Some(Utc.with_ymd_and_hms(2024, 8, 13, 6, 0, 0).unwrap()),
        ..Default::default()
    };
    let opts = ExtractOptions::default();
    let mut doc = Doc::new(&article, &opts);
    crate::segment::SegmentStage.run(&mut doc).unwrap();
    crate::time::TimeStage.run(&mut doc).unwrap();
    QuantityStage.run(&mut doc).unwrap();
    doc.quantities
        .iter()
        .map(|q| (q.span.slice(&article.body).to_string(), q.clone()))
        .collect()
}

fn texts(body: &str) -> Vec<String> {
    run(body).into_iter().map(|(t, _)| t).collect()
}

/// The only quantity of `body`.
fn one(body: &str) -> (String, Quantity) {
    let mut all = run(body);
    assert_eq!(all.len(), 1, "{body:?}: {all:?}");
    all.remove(0)
}

fn noun(body: &str) -> Option<String> {
    let article = Article {
        body: body.into(),
        ..Default::default()
    };
    let opts = ExtractOptions::default();
    let mut doc = Doc::new(&article, &opts);
    crate::segment::SegmentStage.run(&mut doc).unwrap();
    crate::time::TimeStage.run(&mut doc).unwrap();
    QuantityStage.run(&mut doc).unwrap();
    let q = doc.quantities.first()?;
    q.noun.map(|n| doc.token_text(n).to_string())
}

#[track_caller]
fn check(body: &str, text: &str, value: f64, max: Option<f64>, unit: Unit, qualifier: Qualifier) {
    let (t, q) = one(body);
    assert_eq!(t, text, "{body:?}");
    assert_eq!(q.value, value, "{body:?}");
    assert_eq!(q.value_max, max, "{body:?}");
    assert_eq!(q.unit, unit, "{body:?}");
    assert_eq!(q.qualifier, qualifier, "{body:?}");
}

#[test]
fn digits_with_separators_and_decimals() {
    check(
        "Police detained 1,200 people.",
        "1,200",
        1200.0,
        None,
        Unit::Count,
        Exact,
    );
    check(
        "The river rose 3.5 meters.",
        "3.5 meters",
        3.5,
        None,
        Unit::Measure("m"),
        Exact,
    );
    check(
        "About 1,234,567 voters",
        "About 1,234,567",
        1_234_567.0,
        None,
        Unit::Count,
        About,
    );
}

#[test]
fn scale_words_and_abbreviations() {
    check(
        "It has 1.5 million residents.",
        "1.5 million",
        1.5e6,
        None,
        Unit::Count,
        Exact,
    );
    let usd = Unit::Currency("USD");
    check("a $69 billion deal", "$69 billion", 69e9, None, usd, Exact);
    check("a 69bn takeover", "69bn", 69e9, None, Unit::Count, Exact);
    check("They paid $5m for it.", "$5m", 5e6, None, usd, Exact);
    check(
        "They raised 2.5 mln euros.",
        "2.5 mln euros",
        2.5e6,
        None,
        Unit::Currency("EUR"),
        Exact,
    );
    check(
        "Rs 3 crore was seized.",
        "Rs 3 crore",
        3e7,
        None,
        Unit::Currency("INR"),
        Exact,
    );
}

#[test]
fn number_words() {
    check(
        "twelve people died",
        "twelve",
        12.0,
        None,
        Unit::Count,
        Exact,
    );
    check(
        "Twenty-five soldiers were hurt.",
        "Twenty-five",
        25.0,
        None,
        Unit::Count,
        Exact,
    );
    check(
        "a hundred cars",
        "a hundred",
        100.0,
        None,
        Unit::Count,
        Exact,
    );
    check(
        "two dozen eggs",
        "two dozen",
        24.0,
        None,
        Unit::Count,
        Exact,
    );
    check(
        "two hundred fifty thousand voters",
        "two hundred fifty thousand",
        250_000.0,
        None,
        Unit::Count,
        Exact,
    );
    check(
        "a hundred and twenty homes",
        "a hundred and twenty",
        120.0,
        None,
        Unit::Count,
        Exact,
    );
    check("Four were killed.", "Four", 4.0, None, Unit::Count, Exact);
}

#[test]
fn approximate_plurals_carry_a_range() {
    check(
        "Dozens were hurt.",
        "Dozens",
        24.0,
        Some(99.0),
        Unit::Count,
        Approximate,
    );
    check(
        "hundreds of people fled",
        "hundreds",
        200.0,
        Some(999.0),
        Unit::Count,
        Approximate,
    );
    check(
        "Tens of thousands of people marched.",
        "Tens of thousands",
        20_000.0,
        Some(99_000.0),
        Unit::Count,
        Approximate,
    );
    check(
        "hundreds of thousands of refugees",
        "hundreds of thousands",
        200_000.0,
        Some(999_000.0),
        Unit::Count,
        Approximate,
    );
    check(
        "several hundred soldiers",
        "several hundred",
        300.0,
        Some(900.0),
        Unit::Count,
        Approximate,
    );
    check(
        "a few dozen boats",
        "a few dozen",
        24.0,
        Some(60.0),
        Unit::Count,
        Approximate,
    );
    check(
        "It cost millions of dollars.",
        "millions of dollars",
        2e6,
        Some(9_999_999.0),
        Unit::Currency("USD"),
        Approximate,
    );
}

#[test]
fn currencies_symbols_codes_and_names() {
    let c = Unit::Currency;
    check("It costs US$5.", "US$5", 5.0, None, c("USD"), Exact);
    check("It costs €20.", "€20", 20.0, None, c("EUR"), Exact);
    check("It costs 20€ here.", "20€", 20.0, None, c("EUR"), Exact);
    check("It costs £3.50 today.", "£3.50", 3.5, None, c("GBP"), Exact);
    check("It costs ¥500 there.", "¥500", 500.0, None, c("JPY"), Exact);
    check(
        "It costs Rs 500 there.",
        "Rs 500",
        500.0,
        None,
        c("INR"),
        Exact,
    );
    // `Rs.` is a segmenter abbreviation: its period ends no sentence.
    check(
        "It costs Rs. 500 there.",
        "Rs. 500",
        500.0,
        None,
        c("INR"),
        Exact,
    );
    check(
        "It costs HK$ 12 there.",
        "HK$ 12",
        12.0,
        None,
        c("HKD"),
        Exact,
    );
    check(
        "They paid USD 5 million.",
        "USD 5 million",
        5e6,
        None,
        c("USD"),
        Exact,
    );
    check("They paid 5 EUR each.", "5 EUR", 5.0, None, c("EUR"), Exact);
    check(
        "They paid 5 euros each.",
        "5 euros",
        5.0,
        None,
        c("EUR"),
        Exact,
    );
    check(
        "a fine of 5 million dollars",
        "5 million dollars",
        5e6,
        None,
        c("USD"),
        Exact,
    );
    check(
        "a billion dollars in aid",
        "a billion dollars",
        1e9,
        None,
        c("USD"),
        Exact,
    );
    check(
        "10 Swiss francs",
        "10 Swiss francs",
        10.0,
        None,
        c("CHF"),
        Exact,
    );
}

#[test]
fn measures_and_compounds() {
    check(
        "the 3.5 million-square-kilometer sea",
        "3.5 million-square-kilometer",
        3.5e6,
        None,
        Unit::Measure("km2"),
        Exact,
    );
    check(
        "a 25-kilometer road",
        "25-kilometer",
        25.0,
        None,
        Unit::Measure("km"),
        Exact,
    );
    check(
        "It pumps 5 million barrels a day.",
        "5 million barrels",
        5e6,
        None,
        Unit::Measure("bbl"),
        Exact,
    );
    assert_eq!(texts("Revenue was up 14% over 2017."), ["14%"]);
}

#[test]
fn percentages() {
    check(
        "Prices rose 200%.",
        "200%",
        200.0,
        None,
        Unit::Percent,
        Exact,
    );
    check(
        "Prices rose 12 percent.",
        "12 percent",
        12.0,
        None,
        Unit::Percent,
        Exact,
    );
    check(
        "Prices rose 12 per cent.",
        "12 per cent",
        12.0,
        None,
        Unit::Percent,
        Exact,
    );
    check(
        "Rates rose 0.25 percentage points.",
        "0.25 percentage points",
        0.25,
        None,
        Unit::PercentagePoint,
        Exact,
    );
}

#[test]
fn qualifiers_before() {
    let cases = [
        ("at least 12 people", "at least 12", AtLeast),
        ("more than 200 people", "more than 200", MoreThan),
        ("over 200 people", "over 200", MoreThan),
        ("nearly 200 people", "nearly 200", LessThan),
        ("almost 200 people", "almost 200", LessThan),
        ("fewer than 20 people", "fewer than 20", LessThan),
        ("about 200 people", "about 200", About),
        ("around 200 people", "around 200", About),
        ("some 200 people", "some 200", About),
        ("roughly 200 people", "roughly 200", About),
        ("an estimated 200 people", "an estimated 200", About),
        ("close to 200 people", "close to 200", About),
        ("up to 30,000 people", "up to 30,000", UpTo),
        ("as many as 200 people", "as many as 200", UpTo),
        ("no more than 5 people", "no more than 5", AtMost),
        ("At least one person", "At least one", AtLeast),
        ("more than a dozen people", "more than a dozen", MoreThan),
        ("about $11 million", "about $11 million", About),
        ("fined up to about $47,000", "up to about $47,000", UpTo),
        ("an exhibit around roughly 100 photos", "roughly 100", About),
    ];
    for (body, text, q) in cases {
        let (t, got) = one(body);
        assert_eq!((t.as_str(), got.qualifier), (text, q), "{body:?}");
    }
}

#[test]
fn qualifiers_after() {
    check(
        "107 or more died.",
        "107 or more",
        107.0,
        None,
        Unit::Count,
        AtLeast,
    );
    check(
        "12 and counting.",
        "12 and counting",
        12.0,
        None,
        Unit::Count,
        AtLeast,
    );
    check(
        "200-plus guests",
        "200-plus",
        200.0,
        None,
        Unit::Count,
        MoreThan,
    );
    check(
        "200 or so guests",
        "200 or so",
        200.0,
        None,
        Unit::Count,
        About,
    );
}

#[test]
fn ranges() {
    check(
        "between 10 and 20 people",
        "between 10 and 20",
        10.0,
        Some(20.0),
        Unit::Count,
        Exact,
    );
    check(
        "10-15 people",
        "10-15",
        10.0,
        Some(15.0),
        Unit::Count,
        Exact,
    );
    check(
        "10 to 15 people",
        "10 to 15",
        10.0,
        Some(15.0),
        Unit::Count,
        Exact,
    );
    check(
        "two to three suspects",
        "two to three",
        2.0,
        Some(3.0),
        Unit::Count,
        Exact,
    );
    check(
        "between 1 and 2 million people",
        "between 1 and 2 million",
        1e6,
        Some(2e6),
        Unit::Count,
        Exact,
    );
    check(
        "$10-15 million",
        "$10-15 million",
        10e6,
        Some(15e6),
        Unit::Currency("USD"),
        Exact,
    );
    check(
        "5 to 10 percent",
        "5 to 10 percent",
        5.0,
        Some(10.0),
        Unit::Percent,
        Exact,
    );
    // A change, not a range: two quantities.
    assert_eq!(texts("It rose from 10 to 20 people."), ["10", "20"]);
    // A vote or a score is no range.
    assert_eq!(
        texts("The court ruled 5-4 on Monday."),
        Vec::<String>::new()
    );
}

#[test]
fn counted_nouns() {
    assert_eq!(noun("12 people were killed").as_deref(), Some("people"));
    assert_eq!(
        noun("Police arrested two suspects.").as_deref(),
        Some("suspects")
    );
    assert_eq!(
        noun("five armed Palestinian gunmen").as_deref(),
        Some("gunmen")
    );
    assert_eq!(noun("a $69 billion deal").as_deref(), Some("deal"));
    assert_eq!(
        noun("tens of thousands of protesters").as_deref(),
        Some("protesters")
    );
    assert_eq!(noun("200 police officers").as_deref(), Some("police"));
    assert_eq!(noun("12 were killed").as_deref(), None);
    assert_eq!(noun("12 killed in blast").as_deref(), None);
    assert_eq!(noun("12 dead").as_deref(), None);
    assert_eq!(noun("$2 billion in aid").as_deref(), None);
}

#[test]
fn prison_terms_are_durations_from_the_time_stage() {
    let years = Unit::Duration(DurationUnit::Year);
    check(
        "He was sentenced to six years in prison.",
        "six years",
        6.0,
        None,
        years,
        Exact,
    );
    check(
        "She faces up to 10 years in jail.",
        "up to 10 years",
        10.0,
        None,
        years,
        UpTo,
    );
    check("a 10-year prison term", "10-year", 10.0, None, years, Exact);
    check(
        "It should stop for three to five years.",
        "three to five years",
        3.0,
        Some(5.0),
        years,
        Exact,
    );
    check(
        "The talks lasted more than three days.",
        "more than three days",
        3.0,
        None,
        Unit::Duration(DurationUnit::Day),
        MoreThan,
    );
}

#[test]
fn times_are_not_quantities() {
    for body in [
        "The law passed in 2019.",
        "They met on March 5, 2024.",
        "He left at 5 p.m. on Monday.",
        "It happened two days ago.",
        "in the 1990s",
        "for several years",
    ] {
        assert_eq!(texts(body), Vec::<String>::new(), "{body:?}");
    }
    assert_eq!(texts("12 people died on Tuesday"), ["12"]);
    assert_eq!(texts("The toll was 12."), ["12"]);
}

#[test]
fn not_quantities() {
    for body in [
        "He came third in the race.",
        "She finished 3rd overall.",
        "The G7 met in Italy.",
        "A Boeing 737 landed safely.",
        "COVID-19 spread fast.",
        "Call 555-0100 for details.",
        "Call (202) 555 0100 now.",
        "Article 5 of the treaty applies.",
        "under article 5 of the treaty",
        "Flight 370 vanished.",
        "He lives at No. 10 now.",
        "It runs 24/7 in the city.",
        "No one was hurt.",
        "One of the men fled.",
        "Jane Doe, 45, was hurt.",
        "1. Introduction",
        "the 1948 war",
        "4G networks and 5G phones",
        "a 100m sprint",
        "a 45-year-old man",
        "She joined aged 14 and left at age seventeen.",
        "children under the age of five",
        "near guard posts 542 and 543",
        "a 1 million-strong army",
        "over the past six months",
        "a 19 year old student and a man 25 years old",
        "Sweden beat South Korea 1 – 0 on the day.",
        "Group F — Sweden 1 – 0 Korea Republic",
        "He lives at 10 Downing Street.",
        "They watched 30 Rock at home.",
        "the site of Ground Zero",
        "You either 1) go or 2) stay.",
        "Work is in Building 31 now.",
        "I am 61 now and started when I was ten.",
        "winds of 190 kilometers per hour",
        "It ended after nearly half an hour.",
    ] {
        assert_eq!(texts(body), Vec::<String>::new(), "{body:?}");
    }
}

#[test]
fn several_quantities_in_text_order() {
    let body = "At least 12 people were killed and 30 injured; police arrested two suspects and \
                seized $2 million.";
    assert_eq!(texts(body), ["At least 12", "30", "two", "$2 million"]);
}

#[test]
fn spans_lie_on_token_boundaries() {
    let body = "Some 200 people, up to 30,000 protesters and US$5bn: 12% of 1.5 million voters.";
    let article = Article {
        body: body.into(),
        ..Default::default()
    };
    let opts = ExtractOptions::default();
    let mut doc = Doc::new(&article, &opts);
    crate::segment::SegmentStage.run(&mut doc).unwrap();
    crate::time::TimeStage.run(&mut doc).unwrap();
    QuantityStage.run(&mut doc).unwrap();
    assert_eq!(doc.quantities.len(), 4, "{:?}", doc.quantities);
    for q in &doc.quantities {
        assert!(doc.tokens.iter().any(|t| t.span.start == q.span.start));
        assert!(doc.tokens.iter().any(|t| t.span.end == q.span.end));
    }
}

#[test]
fn hostile_endings_do_not_panic() {
    // Found by the property tests: a symbol or code as the last token of the text.
    for body in [
        "£", "$", "a a a $", "USD", "NZ $", "between", "at least", "5-", "Rs",
    ] {
        assert!(texts(body).is_empty(), "{body:?}");
    }
    assert_eq!(texts("10 to"), ["10"]);
}
