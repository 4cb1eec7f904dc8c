//! Dates as pages write them, turned into ISO 8601: machine values (`2016-12-15T14:00:00-05:00`, `20161215`)
//! keep their time and offset; dates read from visible text (`December 15, 2016`, `2016년 12월 15일`,
//! `15.12.2016`) become a plain `YYYY-MM-DD`.
//!
//! Every date is checked (month 1–12, a day the month has, a year in [`rules::YEAR_RANGE`]), so a stray number
//! never becomes a date.

use super::rules;
use regex::{Captures, Regex};

/// Normalises a machine-readable date from a meta tag, a `datetime` attribute or JSON-LD.
/// Falls back to [`find_in_text`] for values written for people.
pub fn normalise(value: &str) -> Option<String> {
    if !has_ascii_digit(value) {
        return None;
    }
    if let Some(c) = rules::ISO_DATE.captures(value) {
        let date = ymd(num(&c, 1)?, num(&c, 2)?, num(&c, 3)?)?;
        let (Some(h), Some(m)) = (c.get(4), c.get(5)) else {
            return Some(date);
        };
        let (hour, minute): (u32, u32) = (h.as_str().parse().ok()?, m.as_str().parse().ok()?);
        if hour > 23 || minute > 59 {
            return Some(date);
        }
        let second = c.get(6).map_or("00", |s| s.as_str());
        let offset = match c.get(7).map(|o| o.as_str()) {
            None => String::new(),
            Some("Z") => "Z".to_string(),
            Some(o) if o.len() == 5 => format!("{}:{}", &o[..3], &o[3..]),
            Some(o) => o.to_string(),
        };
        return Some(format!("{date}T{hour:02}:{minute:02}:{second}{offset}"));
    }
    if let Some(c) = rules::COMPACT_DATE.captures(value)
        && let (Some(y), Some(m), Some(d)) = (num(&c, 1), num(&c, 2), num(&c, 3))
        && let Some(date) = ymd(y, m, d)
    {
        return Some(date);
    }
    find_in_text(value)
}

/// Finds the first date written for people in `text`, as `YYYY-MM-DD`.
pub fn find_in_text(text: &str) -> Option<String> {
    find_all_in_text(text).into_iter().next().map(|(_, date)| date)
}

/// Every date written for people in `text`, with the byte offset where it starts, in order of position.
pub fn find_all_in_text(text: &str) -> Vec<(usize, String)> {
    let mut found: Vec<(usize, String)> = Vec::new();
    if !has_ascii_digit(text) {
        return found;
    }
    for c in rules::YMD_DATE.captures_iter(text) {
        if let (Some(all), Some(date)) = (c.get(0), (|| ymd(num(&c, 1)?, num(&c, 2)?, num(&c, 3)?))()) {
            found.push((all.start(), date));
        }
    }
    for c in rules::NUMERIC_DMY_DATE.captures_iter(text) {
        let Some(all) = c.get(0) else { continue };
        let (Some(a), Some(b), Some(y)) = (num(&c, 1), num(&c, 3), num(&c, 4)) else {
            continue;
        };
        let dotted = c.get(2).is_some_and(|s| s.as_str() == ".");
        // Dots are day-first everywhere; slashes are month-first when that is the only valid reading.
        let date = if dotted || a > 12 {
            ymd(y, b, a)
        } else if b > 12 {
            ymd(y, a, b)
        } else {
            ymd(y, b, a)
        };
        if let Some(date) = date {
            found.push((all.start(), date));
        }
    }
    for c in with_month_names(&rules::MDY_WORDS_DATE, &[1], text) {
        let Some(all) = c.get(0) else { continue };
        let month = c.get(1).and_then(|m| month_number(m.as_str()));
        if let Some(date) = month.and_then(|m| ymd(num(&c, 3)?, m, num(&c, 2)?)) {
            found.push((all.start(), date));
        }
    }
    for c in with_month_names(&rules::YMD_WORDS_DATE, &[2], text) {
        let Some(all) = c.get(0) else { continue };
        let month = c.get(2).and_then(|m| month_number(m.as_str()));
        if let Some(date) = month.and_then(|m| ymd(num(&c, 1)?, m, num(&c, 3)?)) {
            found.push((all.start(), date));
        }
    }
    for c in with_month_names(&rules::DMY_WORDS_DATE, &[2, 3], text) {
        let Some(all) = c.get(0) else { continue };
        let month = c.get(2).or_else(|| c.get(3)).and_then(|m| month_number(m.as_str()));
        if let Some(date) = month.and_then(|m| ymd(num(&c, 4)?, m, num(&c, 1)?)) {
            found.push((all.start(), date));
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found
}

/// The matches of `pattern` in `text`, in order, as `captures_iter` gives them, keeping only those whose month
/// names (the capture groups `names`) have [`rules::MIN_MONTH_NAME_CHARS`] letters or more: after a match with a
/// shorter name the search goes on from the next character, which gives the matches of the pattern written with
/// the count (see the note above [`rules::MDY_WORDS_DATE`]).
fn with_month_names<'t>(pattern: &Regex, names: &[usize], text: &'t str) -> Vec<Captures<'t>> {
    let mut found = Vec::new();
    let mut at = 0;
    while at <= text.len()
        && let Some(c) = pattern.captures_at(text, at)
    {
        let Some(all) = c.get(0) else { break };
        let long_enough =
            |group: &usize| c.get(*group).is_none_or(|m| m.as_str().chars().count() >= rules::MIN_MONTH_NAME_CHARS);
        let next = all.start() + text.get(all.start()..).and_then(|t| t.chars().next()).map_or(1, char::len_utf8);
        if names.iter().all(long_enough) {
            at = all.end().max(next);
            found.push(c);
        } else {
            at = next;
        }
    }
    found
}

/// A text that is only a month and a year ("November 2003", "Nov. 2003"), as a partial date `YYYY-MM`.
pub fn month_year(text: &str) -> Option<String> {
    if !has_ascii_digit(text) {
        return None;
    }
    let c = rules::MONTH_YEAR_DATE.captures(text)?;
    let name = c.get(1)?.as_str();
    if name.chars().count() < rules::MIN_MONTH_NAME_CHARS {
        return None;
    }
    let month = month_number(name)?;
    let year = num(&c, 2)?;
    // Checked as the first of the month: a real month in the accepted years.
    ymd(year, month, 1).map(|d| d[..7].to_string())
}

/// Whether `text` has an ASCII digit: without one it holds no date, so the patterns are not run on it. Their `\d`
/// also matches other scripts' digits, but every date read here parses its numbers with [`num`] (or `parse`),
/// which takes ASCII digits only, and reads no date when one fails: the answer is the same, only cheaper.
fn has_ascii_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

/// The number of a capture group, if it is one.
fn num(c: &Captures<'_>, group: usize) -> Option<i64> {
    c.get(group)?.as_str().parse().ok()
}

/// The month a name or abbreviation (three letters or more) stands for, in any language of
/// [`rules::MONTH_NAMES`].
fn month_number(name: &str) -> Option<i64> {
    let lower = name.to_lowercase();
    if lower.chars().count() < 3 {
        return None;
    }
    let month_of = |test: &dyn Fn(&str) -> bool| {
        rules::MONTH_NAMES.iter().find_map(|names| names.iter().position(|n| test(n))).map(|i| i as i64 + 1)
    };
    month_of(&|n| n == lower)
        .or_else(|| rules::MONTH_VARIANTS.iter().find(|(v, _)| *v == lower).map(|(_, m)| i64::from(*m)))
        .or_else(|| month_of(&|n| n.starts_with(&lower)))
}

/// `YYYY-MM-DD` if the three numbers make a real date in the accepted years.
fn ymd(year: i64, month: i64, day: i64) -> Option<String> {
    let year = i32::try_from(year).ok().filter(|y| rules::YEAR_RANGE.contains(y))?;
    let month = u8::try_from(month).ok().and_then(|m| time::Month::try_from(m).ok())?;
    let day = u8::try_from(day).ok()?;
    let date = time::Date::from_calendar_date(year, month, day).ok()?;
    Some(format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_the_same_characters_with_case_folding_or_with_u345() {
        let pairs = [(r"(?i)^\p{L}$", r"^[\p{L}\x{345}]$"), (r"(?i)^[^\p{L}]$", r"^[^\p{L}\x{345}]$")];
        for (folded, listed) in pairs {
            let (folded, listed) = (regex::Regex::new(folded).expect("test"), regex::Regex::new(listed).expect("test"));
            let mut buffer = [0; 4];
            for c in '\0'..=char::MAX {
                let one = c.encode_utf8(&mut buffer);
                assert_eq!(folded.is_match(one), listed.is_match(one), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn the_month_name_patterns_read_what_they_read_with_case_ignored_throughout() {
        let before = [
            r"(?i)(\p{L}{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})",
            r"(?i)(?-u:\b)(\d{4})\s+(\p{L}{3,})\.?\s+(\d{1,2})(?-u:\b)",
            r"(?i)(\d{1,2})(?:(?:er|st|nd|rd|th)?\.?\s+(?:de\s+)?(\p{L}{3,})\.?,?\s+(?:de\s+)?|-(\p{L}{3,})-)(\d{4})",
        ];
        let now: [(&Regex, &[usize]); 3] =
            [(&rules::MDY_WORDS_DATE, &[1]), (&rules::YMD_WORDS_DATE, &[2]), (&rules::DMY_WORDS_DATE, &[2, 3])];
        let texts = [
            "Published December 15, 2016",
            "Dec. 5TH, 2016 at 10:00, DEC 6ſt 2016",
            "15 décembre 2016 and 16 DE DICIEMBRE De 2016",
            "15. Dezember 2016",
            "15 de diciembre de 2016",
            "15 декабря 2016 года, 15 ДЕКАБРЯ 2016",
            "2016 Dec 15, 2016 DECEMBER 15",
            "on 04-ago-2021 5:11:10, 15-DEC-2016",
            "1ST Jan 2020, 2ND. März 2021, 3Er avril 2022",
            "ab 5 2016, abc 5 2016, ab\u{345}c 5 2016, \u{345}\u{345}\u{345} 7 2019",
            "Κυρ\u{345}ακή 5 2016",
            "ab 5 2016 Dec 6 2016, on 5 2016, x 12 2016 ab 3 2019",
            "15 de 2016, 15 de ab, de 2016, 15 de ab de 2016, 15 ab de 2016, 15-ab-2016, 15-abc-2016, 5 de de 2016",
            "2016 ab 5, 2016 abc 5, 12016 Jan 5, 2016 Ja 5 2017 Feb 6",
            "St 5 2016, a1b 5 2016, éé 5 2016, ééé 5 2016, 1ab 5 2016",
        ];
        let spans = |found: Vec<Captures<'_>>| -> Vec<Vec<Option<(usize, usize)>>> {
            found.iter().map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()).collect()
        };
        // And texts put together from pieces of dates, the same every run.
        let words = ["15", "2016", "5", "12016", "de", "Dec", "ab", "é", "ééé", "St", "5th", "x1"];
        let gaps = [" ", " ", ". ", ", ", "-", " de ", ""];
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mixed: Vec<String> = (0..3000)
            .map(|_| (0..6).map(|_| format!("{}{}", words[next(words.len())], gaps[next(gaps.len())])).collect())
            .collect();
        let day_first = regex::Regex::new(before[2]).expect("test pattern");
        let matched = mixed.iter().filter(|t| day_first.is_match(t)).count();
        assert!(matched > 50, "the mixed texts hold dates ({matched})");
        for (old, (new, names)) in before.iter().zip(now) {
            let old = regex::Regex::new(old).expect("test pattern");
            for text in texts.iter().copied().chain(mixed.iter().map(String::as_str)) {
                let expected = spans(old.captures_iter(text).collect());
                assert_eq!(spans(with_month_names(new, names, text)), expected, "{} on {text:?}", new.as_str());
            }
        }
        let old = regex::Regex::new(r"^\s*(\p{L}{3,})\.?,?\s+(\d{4})\s*$").expect("test pattern");
        for text in ["November 2003", " Nov. 2003 ", "No 2003", "Mai, 2003", "ab", "November  2003x", "Νοε 2003"] {
            let name = |r: &Regex| r.captures(text).and_then(|c| c.get(1)).map(|m| m.as_str().to_string());
            let short = |n: &String| n.chars().count() < rules::MIN_MONTH_NAME_CHARS;
            assert_eq!(name(&rules::MONTH_YEAR_DATE).filter(|n| !short(n)), name(&old), "{text:?}");
        }
    }

    #[test]
    fn machine_values_keep_time_and_offset() {
        assert_eq!(normalise("2016-12-15T14:00:00-05:00").as_deref(), Some("2016-12-15T14:00:00-05:00"));
        assert_eq!(normalise("2016-12-15T14:00:00+0900").as_deref(), Some("2016-12-15T14:00:00+09:00"));
        assert_eq!(normalise("2016-12-15 09:30").as_deref(), Some("2016-12-15T09:30:00"));
        assert_eq!(normalise("2016-12-15").as_deref(), Some("2016-12-15"));
        assert_eq!(normalise("20161215").as_deref(), Some("2016-12-15"));
        assert_eq!(normalise("Thu, 15 Dec 2016 14:00:00 GMT").as_deref(), Some("2016-12-15"));
    }

    #[test]
    fn digits_of_other_scripts_make_no_date() {
        // The patterns' `\d` takes them, the numbers then fail to parse: no date, with or without the patterns.
        for text in ["١٥.١٢.٢٠١٦", "１５.１２.２０１６", "٢٠١٦-١٢-١٥", "December ١٥, ٢٠١٦"]
        {
            assert!(
                rules::NUMERIC_DMY_DATE.is_match(text)
                    || rules::YMD_DATE.is_match(text)
                    || rules::MDY_WORDS_DATE.is_match(text)
                    || rules::ISO_DATE.is_match(text)
            );
            assert!(find_all_in_text(text).is_empty());
            assert_eq!(normalise(text), None);
        }
    }

    #[test]
    fn visible_dates_in_several_languages() {
        for (text, want) in [
            ("Published December 15, 2016", "2016-12-15"),
            ("Dec. 5th, 2016 at 10:00", "2016-12-05"),
            ("15 décembre 2016", "2016-12-15"),
            ("15. Dezember 2016", "2016-12-15"),
            ("15 de diciembre de 2016", "2016-12-15"),
            ("15 декабря 2016 года", "2016-12-15"),
            ("입력 2016.12.15 09:30", "2016-12-15"),
            ("2016년 12월 15일", "2016-12-15"),
            ("2016年12月15日 10時", "2016-12-15"),
            ("15.12.2016", "2016-12-15"),
            ("12/15/2016", "2016-12-15"),
            ("2016 Dec 15", "2016-12-15"),
            ("on 04-ago-2021 5:11:10", "2021-08-04"),
            ("15-Dec-2016", "2016-12-15"),
        ] {
            assert_eq!(find_in_text(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn a_month_and_year_alone_is_a_partial_date() {
        assert_eq!(month_year("November 2003").as_deref(), Some("2003-11"));
        assert_eq!(month_year(" Nov. 2003 ").as_deref(), Some("2003-11"));
        assert_eq!(month_year("Since November 2003"), None);
        assert_eq!(month_year("Smarch 2003"), None);
    }

    #[test]
    fn impossible_dates_and_plain_numbers_are_rejected() {
        assert_eq!(normalise("2016-13-40"), None);
        assert_eq!(normalise("2016-02-30"), None);
        assert_eq!(find_in_text("Call 1234 5678 or read 3 May items"), None);
        assert_eq!(normalise("0001-01-01"), None);
    }
}
