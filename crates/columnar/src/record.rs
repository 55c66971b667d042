//! Exchange JSON records to column cells and back.

use crate::schema::{Column, ColumnType, Kind, EXTRA_JSON};
use serde_json::{Map, Value};

/// One value of one column of one row.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell {
    Null,
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    List(Vec<Option<String>>),
}

impl Cell {
    /// Rough bytes the cell takes in a buffer (to bound memory).
    pub(crate) fn weight(&self) -> usize {
        match self {
            Cell::Null => 2,
            Cell::Str(s) => s.len() + 16,
            Cell::Int(_) | Cell::Float(_) => 10,
            Cell::Bool(_) => 3,
            Cell::List(items) => 4 + items.iter().map(|i| i.as_ref().map_or(4, |s| s.len() + 20)).sum::<usize>(),
        }
    }
}

/// The cells of one record, in the order of `kind.columns()`. The `kind`
/// key is not stored (the table is per kind); keys the schema lacks and
/// values that do not fit their column go to `extra_json` verbatim.
pub(crate) fn to_cells(kind: Kind, record: &Map<String, Value>) -> Vec<Cell> {
    let columns = kind.columns();
    let mut cells = vec![Cell::Null; columns.len()];
    let mut extra = Map::new();
    for (key, value) in record {
        if key == "kind" {
            continue;
        }
        let range = top_level_range(columns, key);
        if range.is_empty() {
            extra.insert(key.clone(), value.clone());
            continue;
        }
        let mut out = Vec::new();
        if fit(&columns[range.clone()], 0, value, range.start, &mut out) {
            for (i, cell) in out {
                cells[i] = cell;
            }
        } else {
            extra.insert(key.clone(), value.clone());
        }
    }
    if !extra.is_empty() {
        if let Some(i) = columns.iter().position(|c| c.name == EXTRA_JSON) {
            cells[i] = Cell::Str(Value::Object(extra).to_string());
        }
    }
    cells
}

/// The contiguous columns whose path starts with `key`.
fn top_level_range(columns: &[Column], key: &str) -> std::ops::Range<usize> {
    let start = columns.iter().position(|c| c.path.first() == Some(&key));
    match start {
        Some(s) => s..s + columns[s..].iter().take_while(|c| c.path.first() == Some(&key)).count(),
        None => 0..0,
    }
}

/// Puts `value` (the value at depth `depth` of `columns`' common path) into
/// cells; false when it does not fit the schema.
fn fit(columns: &[Column], depth: usize, value: &Value, offset: usize, out: &mut Vec<(usize, Cell)>) -> bool {
    if let [c] = columns {
        if c.path.len() == depth + 1 {
            return match leaf(c.ty, value) {
                Some(cell) => {
                    out.push((offset, cell));
                    true
                }
                None => false,
            };
        }
    }
    // An object: null, or an object whose keys all have columns and whose
    // marker (first column) is not null.
    let map = match value {
        Value::Null => return true,
        Value::Object(map) => map,
        _ => return false,
    };
    for key in map.keys() {
        if !columns.iter().any(|c| c.path.get(depth + 1) == Some(&key.as_str())) {
            return false;
        }
    }
    let before = out.len();
    let mut i = 0;
    while i < columns.len() {
        let key = columns[i].path[depth + 1];
        let n = columns[i..].iter().take_while(|c| c.path.get(depth + 1) == Some(&key)).count();
        let v = map.get(key).unwrap_or(&Value::Null);
        if !fit(&columns[i..i + n], depth + 1, v, offset + i, out) {
            return false;
        }
        i += n;
    }
    // The marker must be set, or the object would read back as null.
    out[before..].iter().any(|(i, cell)| *i == offset && *cell != Cell::Null)
}

fn leaf(ty: ColumnType, value: &Value) -> Option<Cell> {
    if value.is_null() {
        return Some(Cell::Null);
    }
    match ty {
        ColumnType::Str => value.as_str().map(|s| Cell::Str(s.to_owned())),
        ColumnType::Int => value.as_i64().map(Cell::Int),
        // An integer in a float column would read back as a float: keep it verbatim instead.
        ColumnType::Float => value.as_f64().filter(|_| value.is_f64()).map(Cell::Float),
        ColumnType::Bool => value.as_bool().map(Cell::Bool),
        ColumnType::StrList => {
            let items = value.as_array()?;
            let mut list = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::String(s) => list.push(Some(s.clone())),
                    Value::Null => list.push(None),
                    _ => return None,
                }
            }
            Some(Cell::List(list))
        }
        ColumnType::Json => Some(Cell::Str(value.to_string())),
    }
}

/// The exchange record (with `kind`) of one row's cells, by column index.
pub(crate) fn from_cells(kind: Kind, cells: &[Cell]) -> Value {
    let columns = kind.columns();
    let mut record = Map::new();
    record.insert("kind".into(), Value::from(kind.as_str()));
    let named: Vec<usize> = (0..columns.len()).filter(|&i| !columns[i].path.is_empty()).collect();
    build(columns, cells, &named, 0, &mut record);
    let extra = columns.iter().position(|c| c.name == EXTRA_JSON).and_then(|i| cells.get(i));
    if let Some(Cell::Str(json)) = extra {
        match serde_json::from_str::<Value>(json) {
            Ok(Value::Object(map)) => record.extend(map),
            _ => {
                record.insert(EXTRA_JSON.into(), Value::from(json.as_str()));
            }
        }
    }
    Value::Object(record)
}

/// Fills `into` with the keys at `depth` of the columns `idx` (contiguous
/// groups by key).
fn build(columns: &[Column], cells: &[Cell], idx: &[usize], depth: usize, into: &mut Map<String, Value>) {
    let mut i = 0;
    while i < idx.len() {
        let key = columns[idx[i]].path[depth];
        let n = idx[i..].iter().take_while(|&&j| columns[j].path.get(depth) == Some(&key)).count();
        let group = &idx[i..i + n];
        let first = &columns[group[0]];
        if n == 1 && first.path.len() == depth + 1 {
            let cell = cells.get(group[0]).unwrap_or(&Cell::Null);
            let v = leaf_value(first.ty, cell);
            if !(v.is_null() && first.omit_null) {
                into.insert(key.to_owned(), v);
            }
        } else if matches!(cells.get(group[0]), None | Some(Cell::Null)) {
            into.insert(key.to_owned(), Value::Null);
        } else {
            let mut obj = Map::new();
            build(columns, cells, group, depth + 1, &mut obj);
            into.insert(key.to_owned(), Value::Object(obj));
        }
        i += n;
    }
}

fn leaf_value(ty: ColumnType, cell: &Cell) -> Value {
    match cell {
        Cell::Null => Value::Null,
        Cell::Str(s) if ty == ColumnType::Json => serde_json::from_str(s).unwrap_or_else(|_| Value::from(s.as_str())),
        Cell::Str(s) => Value::from(s.as_str()),
        Cell::Int(n) => Value::from(*n),
        Cell::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        Cell::Bool(b) => Value::Bool(*b),
        Cell::List(items) => {
            Value::Array(items.iter().map(|i| i.as_deref().map_or(Value::Null, Value::from)).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn round_trip(kind: Kind, v: Value) -> Value {
        let cells = to_cells(kind, v.as_object().unwrap());
        from_cells(kind, &cells)
    }

    fn event() -> Value {
        json!({"kind": "event", "id": "ev_1", "doc": "doc_1", "type": "ASSAULT", "mode": null, "cameo": "190",
            "source": ["YPG"], "target": [], "source_ids": ["ypg"], "target_ids": [],
            "place": {"name": "Daraa", "lat": 32.6, "lon": 36.1, "country": "SY", "precision": 1, "gazetteer_id": 170905},
            "date": {"start": "2013-02-02", "end": "2013-02-02", "precision": "day"},
            "modality": "asserted", "reported_by": null, "sentence": "x",
            "provenance": {"doc": "doc_1", "rule": "r", "sentence_index": 0,
                "sentence_span": {"start": 0, "end": 10}, "span": {"start": 2, "end": 5}}})
    }

    #[test]
    fn an_event_comes_back_as_it_went_in() {
        let e = event();
        assert_eq!(round_trip(Kind::Event, e.clone()), e);
        let cells = to_cells(Kind::Event, e.as_object().unwrap());
        assert_eq!(cells.last(), Some(&Cell::Null), "nothing extra");
    }

    #[test]
    fn nulls_lists_and_omitted_keys() {
        let mut e = event();
        e["place"] = Value::Null;
        e["date"] = Value::Null;
        e["source_ids"] = json!(["ypg", null]);
        e["diagnostics"] = json!(["odd"]);
        e["place"] = json!({"name": "Idlib", "lat": null, "lon": null, "country": null, "precision": 3});
        assert_eq!(round_trip(Kind::Event, e.clone()), e);
    }

    #[test]
    fn what_does_not_fit_is_kept_verbatim() {
        let mut e = event();
        e["place"]["lat"] = json!(32); // an integer where a float belongs
        e["mode"] = json!({"odd": true});
        e["new_key"] = json!([1, 2]);
        e["date"] = json!({"start": null, "end": "2013", "precision": "year"}); // no marker
        let cells = to_cells(Kind::Event, e.as_object().unwrap());
        let extra: Value = match cells.last() {
            Some(Cell::Str(s)) => serde_json::from_str(s).unwrap(),
            other => panic!("{other:?}"),
        };
        assert_eq!(extra.as_object().unwrap().len(), 4, "{extra}");
        assert_eq!(round_trip(Kind::Event, e.clone()), e);
    }

    #[test]
    fn statements_keep_their_verification() {
        let s = json!({"kind": "statement", "id": "s", "doc": "d", "speaker": "John Kirby", "speaker_id": "john_kirby",
            "role": null, "date": "2016-05-04", "venue": null, "text": "words", "form": "direct",
            "verification": {"status": "altered", "primary_doc": "doc_2", "similarity": 0.8,
                "edits": [{"op": "replace", "quoted": "a", "primary": "b"}]},
            "provenance": {"doc": "d", "rule": "r", "sentence_index": 3,
                "sentence_span": {"start": 0, "end": 10}, "span": {"start": 2, "end": 5}}});
        assert_eq!(round_trip(Kind::Statement, s.clone()), s);
        let mut unverified = s.clone();
        unverified["verification"] = Value::Null;
        assert_eq!(round_trip(Kind::Statement, unverified.clone()), unverified);
    }
}
