//! CSV exports read by column name, never by position (Pocket's early exports have an extra `cursor` column, and
//! any service may add one): the header names the columns, case and spaces aside; a row with another number of
//! fields than the header is an error at its line; blank lines are passed over; an empty file has no rows.

use super::{ImportError, Origin};
use std::collections::HashMap;

/// One row of a CSV export, its fields found by column name.
pub(super) struct CsvRow<'r> {
    record: &'r csv::StringRecord,
    columns: &'r HashMap<String, usize>,
}

impl CsvRow<'_> {
    /// The field under `column` (named in lower case), or `""` when the file has no such column.
    pub fn field(&self, column: &str) -> &str {
        self.columns.get(column).and_then(|&index| self.record.get(index)).unwrap_or_default()
    }
}

/// Reads every row of the CSV `text` in order, handing each to `on_row`; a reason `on_row` returns becomes an error
/// at the row's line. The columns in `required` (lower case) must be in the header.
pub(super) fn read_rows(
    origin: Origin<'_>,
    text: &str,
    required: &[&str],
    mut on_row: impl FnMut(&CsvRow<'_>) -> Result<(), String>,
) -> Result<(), ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Ok(());
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| csv_error(origin, text, &e))?;
    let mut columns = HashMap::new();
    for (index, name) in header.iter().enumerate() {
        columns.entry(name.trim().to_lowercase()).or_insert(index);
    }
    for column in required {
        if !columns.contains_key(*column) {
            return Err(origin.at_line(1, format!("the column \"{column}\" is missing")));
        }
    }
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let line = record.position().map_or(0, |pos| record_line(text, pos));
                on_row(&CsvRow { record: &record, columns: &columns }).map_err(|r| origin.at_line(line, r))?;
            }
            Err(e) => return Err(csv_error(origin, text, &e)),
        }
    }
}

/// The line a record starts on. The reader places a record after blank lines (which it passes over) at the first
/// of them, so they are counted here.
fn record_line(text: &str, position: &csv::Position) -> u64 {
    let start = usize::try_from(position.byte()).unwrap_or(usize::MAX).min(text.len());
    let blank_lines =
        text.as_bytes()[start..].iter().take_while(|&&b| b == b'\n' || b == b'\r').filter(|&&b| b == b'\n').count();
    position.line() + blank_lines as u64
}

/// A CSV error in plain words, at its line when the reader knows it.
fn csv_error(origin: Origin<'_>, text: &str, error: &csv::Error) -> ImportError {
    match error.kind() {
        csv::ErrorKind::UnequalLengths { pos, expected_len, len } => {
            let plural = if *len == 1 { "" } else { "s" };
            let reason = format!("the row has {len} field{plural} where the header has {expected_len}");
            match pos {
                Some(pos) => origin.at_line(record_line(text, pos), reason),
                None => origin.whole(reason),
            }
        }
        _ => match error.position() {
            Some(pos) => origin.at_line(record_line(text, pos), format!("the CSV cannot be read ({error})")),
            None => origin.whole(format!("the CSV cannot be read ({error})")),
        },
    }
}

/// Whether `text` starts with a CSV header naming the column `column` (lower case): how a reader that takes more
/// than one kind of file tells a CSV file.
pub(super) fn has_header_with(text: &str, column: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().find(|line| !line.trim().is_empty()).unwrap_or_default();
    first_line.split(',').any(|name| name.trim().trim_matches('"').trim().eq_ignore_ascii_case(column))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Result<Vec<(String, String)>, ImportError> {
        let mut rows = Vec::new();
        read_rows(Origin::file("f.csv"), text, &["url"], |row| {
            rows.push((row.field("url").to_string(), row.field("title").to_string()));
            Ok(())
        })?;
        Ok(rows)
    }

    #[test]
    fn columns_are_found_by_name_in_any_order_and_case() {
        let text = "\u{feff}Extra, URL ,Title\nx,https://a.test,\"A, quoted\"\n\ny,https://b.test,\"two\nlines\"\nz,https://c.test,C\n";
        assert_eq!(
            rows(text).unwrap(),
            [
                ("https://a.test".into(), "A, quoted".into()),
                ("https://b.test".into(), "two\nlines".into()),
                ("https://c.test".into(), "C".into()),
            ]
        );
    }

    #[test]
    fn a_missing_column_or_a_short_row_names_the_line() {
        assert_eq!(rows("title\nx\n").unwrap_err().to_string(), "f.csv, line 1: the column \"url\" is missing");
        assert_eq!(
            rows("url,title\nhttps://a.test,A\nhttps://b.test\n").unwrap_err().to_string(),
            "f.csv, line 3: the row has 1 field where the header has 2"
        );
        assert_eq!(rows("").unwrap(), []);
        assert_eq!(rows("url,title\n").unwrap(), []);
    }

    #[test]
    fn a_reason_from_the_row_names_its_line() {
        let error = read_rows(Origin::file("f.csv").entry("part_000001.csv"), "url\na\nb\n", &["url"], |row| {
            if row.field("url") == "b" { Err("bad".into()) } else { Ok(()) }
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "f.csv, part_000001.csv, line 3: bad");
        // Blank lines and a field over two lines count.
        let text = "url,title\n\r\n\nhttps://a.test,\"two\nlines\"\nb,B\n";
        let error = read_rows(Origin::file("f.csv"), text, &["url"], |row| {
            if row.field("url") == "b" { Err("bad".into()) } else { Ok(()) }
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "f.csv, line 6: bad");
    }

    #[test]
    fn a_header_is_recognised() {
        assert!(has_header_with("title,url,time_added\n", "url"));
        assert!(has_header_with("\"Title\",\"URL\"\n", "url"));
        assert!(!has_header_with("<html>url", "url"));
    }
}
