//! The records of a JSON export and their fields: strict where the format needs a type (an address is a string, a
//! list is a list), lenient where the services' versions differ (a flag is `true` or `1` or `"1"`, a missing field
//! or `null` is "not said", a label is a string or an object with a name). The functions return plain-words
//! reasons; the reader adds the file and the record.

use super::{ImportError, Origin};
use serde_json::{Map, Value};

/// A JSON record: an object.
pub(super) type Record = Map<String, Value>;

/// The records of the JSON `text`: the elements of its top-level array (or a lone object, as one record). A
/// syntax error is placed at its line; an element that is not an object at its record.
pub(super) fn records(origin: Origin<'_>, text: &str) -> Result<Vec<Record>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let reason = format!("the JSON cannot be read ({e})");
        if e.line() > 0 { origin.at_line(e.line() as u64, reason) } else { origin.whole(reason) }
    })?;
    let elements = match value {
        Value::Array(elements) => elements,
        Value::Object(object) => return Ok(vec![object]),
        other => return Err(origin.whole(format!("the file holds {}, not a list of records", kind(&other)))),
    };
    elements
        .into_iter()
        .enumerate()
        .map(|(index, element)| match element {
            Value::Object(object) => Ok(object),
            other => Err(origin.at_record(index + 1, format!("the record is {}, not an object", kind(&other)))),
        })
        .collect()
}

/// The string `key`, if the record has one; missing or `null` is `None`, any other type a reason.
pub(super) fn string<'r>(record: &'r Record, key: &str) -> Result<Option<&'r str>, String> {
    match record.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!("\"{key}\" is {}, not a string", kind(other))),
    }
}

/// The flag `key`: `true`/`false`, `1`/`0`, or those as strings; missing or `null` is `false`.
pub(super) fn flag(record: &Record, key: &str) -> Result<bool, String> {
    match record.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(Value::Number(n)) if n.as_f64() == Some(0.0) => Ok(false),
        Some(Value::Number(n)) if n.as_f64() == Some(1.0) => Ok(true),
        Some(Value::String(s)) => match s.trim() {
            "" | "0" | "false" => Ok(false),
            "1" | "true" => Ok(true),
            _ => Err(format!("\"{key}\" is \"{s}\", neither true nor false")),
        },
        Some(other) => Err(format!("\"{key}\" is {}, neither true nor false", kind(other))),
    }
}

/// The number `key` (or a number written as a string); missing or `null` is `None`.
pub(super) fn number(record: &Record, key: &str) -> Result<Option<f64>, String> {
    match record.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s.trim().parse().map(Some).map_err(|_| format!("\"{key}\" is \"{s}\", not a number")),
        Some(other) => Err(format!("\"{key}\" is {}, not a number", kind(other))),
    }
}

/// The list `key`; missing or `null` is an empty list.
pub(super) fn list<'r>(record: &'r Record, key: &str) -> Result<&'r [Value], String> {
    match record.get(key) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(elements)) => Ok(elements),
        Some(other) => Err(format!("\"{key}\" is {}, not a list", kind(other))),
    }
}

/// The objects of the list `key`.
pub(super) fn objects<'r>(record: &'r Record, key: &str) -> Result<Vec<&'r Record>, String> {
    list(record, key)?
        .iter()
        .enumerate()
        .map(|(index, element)| match element {
            Value::Object(object) => Ok(object),
            other => Err(format!("\"{key}\" item {} is {}, not an object", index + 1, kind(other))),
        })
        .collect()
}

/// The names in the list `key`, each a string or an object whose first field of `name_keys` is a string (labels
/// are `"news"` in some exports and `{"name": "news", "color": "#f00"}` in others). A lone string is a list of one.
pub(super) fn names(record: &Record, key: &str, name_keys: &[&str]) -> Result<Vec<String>, String> {
    let elements = match record.get(key) {
        Some(Value::String(s)) => return Ok(vec![s.clone()]),
        _ => list(record, key)?,
    };
    let mut names = Vec::new();
    for (index, element) in elements.iter().enumerate() {
        match element {
            Value::String(s) => names.push(s.clone()),
            Value::Object(object) => match name_keys.iter().find_map(|k| object.get(*k)) {
                Some(Value::String(s)) => names.push(s.clone()),
                Some(Value::Null) | None => {
                    return Err(format!("\"{key}\" item {} has no {}", index + 1, name_keys.join(" or ")));
                }
                Some(other) => return Err(format!("\"{key}\" item {} has a name that is {}", index + 1, kind(other))),
            },
            Value::Null => {}
            other => return Err(format!("\"{key}\" item {} is {}, not a name", index + 1, kind(other))),
        }
    }
    Ok(names)
}

/// A Unix time in seconds under `key`: a number or a number written as a string; missing or `null` is `None`.
pub(super) fn unix_time(record: &Record, key: &str) -> Result<Option<time::OffsetDateTime>, String> {
    match record.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(seconds) => super::fields::unix_time_from_number(key, seconds),
            None => Err(format!("{key} \"{n}\" is not a Unix time")),
        },
        Some(Value::String(s)) => super::fields::unix_time(key, s),
        Some(other) => Err(format!("\"{key}\" is {}, not a Unix time", kind(other))),
    }
}

/// What a JSON value is, in words.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(value: Value) -> Record {
        match value {
            Value::Object(object) => object,
            _ => panic!("not an object"),
        }
    }

    #[test]
    fn records_are_the_objects_of_the_top_level_list() {
        let origin = Origin::file("e.json");
        assert_eq!(records(origin, "[{\"a\":1},{\"b\":2}]").unwrap().len(), 2);
        assert_eq!(records(origin, "\u{feff}{\"a\":1}").unwrap().len(), 1);
        assert_eq!(records(origin, "[]").unwrap().len(), 0);
        assert_eq!(
            records(origin, "[{}, 3]").unwrap_err().to_string(),
            "e.json, record 2: the record is a number, not an object"
        );
        assert!(
            records(origin, "[\n{\"a\":\n]")
                .unwrap_err()
                .to_string()
                .starts_with("e.json, line 3: the JSON cannot be read")
        );
        assert_eq!(
            records(origin, "\"x\"").unwrap_err().to_string(),
            "e.json: the file holds a string, not a list of records"
        );
    }

    #[test]
    fn fields_are_strict_on_types_and_lenient_on_spellings() {
        let r = record(
            json!({"s": "x", "n": 3, "t": true, "one": 1, "zero": "0", "null": null, "l": ["a", {"name": "b"}, {"label": "c"}]}),
        );
        assert_eq!(string(&r, "s"), Ok(Some("x")));
        assert_eq!(string(&r, "missing"), Ok(None));
        assert_eq!(string(&r, "null"), Ok(None));
        assert_eq!(string(&r, "n"), Err("\"n\" is a number, not a string".into()));
        assert_eq!(flag(&r, "t"), Ok(true));
        assert_eq!(flag(&r, "one"), Ok(true));
        assert_eq!(flag(&r, "zero"), Ok(false));
        assert_eq!(flag(&r, "missing"), Ok(false));
        assert!(flag(&r, "s").is_err());
        assert_eq!(number(&r, "n"), Ok(Some(3.0)));
        assert_eq!(names(&r, "l", &["name", "label"]), Ok(vec!["a".into(), "b".into(), "c".into()]));
        assert_eq!(names(&r, "s", &["name"]), Ok(vec!["x".into()]));
        assert_eq!(names(&r, "n", &["name"]), Err("\"n\" is a number, not a list".into()));
        assert!(objects(&r, "l").is_err());
    }
}
