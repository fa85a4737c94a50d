//! How results are printed: aligned tables for people, one JSON document per line with `--json`.
//!
//! The JSON forms are documented in `cli/README.md`; objects are printed in the core's serde form.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::time::Duration;

use comfy_table::{presets, Table};
use openrsm::{Detail, Object, ObjectId, Result, Session, Timestamp};
use serde::Serialize;
use serde_json::Value;

/// The output mode of a run. Writes are whole documents under the stdout lock, so output of a
/// background `watch` in a batch never interleaves inside another command's output.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    json: bool,
}

/// The acknowledgement of a command that changes something without producing an object.
#[derive(Debug, Serialize)]
pub struct Ack<'a> {
    /// Always `true`: failures go to stderr with a non-zero exit code.
    pub ok: bool,
    /// The command, e.g. `"pool delete"`.
    pub action: &'a str,
    /// The objects it acted on.
    pub ids: Vec<ObjectId>,
}

impl Output {
    /// Human output, or JSON when `json`.
    pub fn new(json: bool) -> Output {
        Output { json }
    }

    /// Whether output is JSON.
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Print `value` as one JSON line, or the text `human()` makes.
    pub fn emit<T: Serialize + ?Sized>(&self, value: &T, human: impl FnOnce() -> String) -> Result<()> {
        if self.json {
            self.json_line(value)
        } else {
            self.text(&human())
        }
    }

    /// Print one JSON document on one line and flush it.
    pub fn json_line<T: Serialize + ?Sized>(&self, value: &T) -> Result<()> {
        let mut line = serde_json::to_string(value).map_err(|e| {
            openrsm::Error::new(openrsm::ErrorKind::InvalidParameter, "cannot encode the result as JSON").with_source(e)
        })?;
        line.push('\n');
        self.write(line.as_bytes());
        Ok(())
    }

    /// Print text, ending it with a newline if it has none.
    pub fn text(&self, text: &str) -> Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        if text.ends_with('\n') {
            self.write(text.as_bytes());
        } else {
            self.write(format!("{text}\n").as_bytes());
        }
        Ok(())
    }

    /// Write bytes to stdout as they are (an attribute value).
    pub fn raw(&self, bytes: &[u8]) {
        self.write(bytes);
    }

    fn write(&self, bytes: &[u8]) {
        let mut out = std::io::stdout().lock();
        if let Err(e) = out.write_all(bytes).and_then(|()| out.flush()) {
            // Nothing sensible is left to do when the output is gone: a closed pipe (`| head`)
            // ends quietly, anything else says why.
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("error: cannot write the output: {e}");
            }
            std::process::exit(1);
        }
    }

    /// Print the acknowledgement of an action.
    pub fn ack(&self, action: &str, ids: &[ObjectId], human: impl FnOnce() -> String) -> Result<()> {
        self.emit(&Ack { ok: true, action, ids: ids.to_vec() }, human)
    }

    /// Print a list of objects: a JSON array, or a table of the columns that suit their type.
    pub fn objects(&self, session: &Session, objects: &[Object]) -> Result<()> {
        self.emit(objects, || {
            if objects.is_empty() {
                return "(none)".to_owned();
            }
            render(object_table(objects, &Names::new(session)))
        })
    }

    /// A spinner on stderr while something slow runs; hidden with `--json` or when stderr is no terminal.
    pub fn spinner(&self, message: impl Into<String>) -> indicatif::ProgressBar {
        if self.json || !std::io::stderr().is_terminal() {
            return indicatif::ProgressBar::hidden();
        }
        let bar = indicatif::ProgressBar::new_spinner().with_message(message.into());
        bar.enable_steady_tick(Duration::from_millis(100));
        bar
    }
}

/// A table in the style of every `rsm` table: no borders, no colours, headers in capitals.
pub fn table<I, S>(headers: I) -> Table
where
    I: IntoIterator<Item = S>,
    S: Into<comfy_table::Cell>,
{
    let mut table = Table::new();
    table.load_style(presets::NOTHING).force_no_tty().set_header(headers);
    table
}

/// A table as text: columns two spaces apart, no leading or trailing blanks.
pub fn render(mut table: Table) -> String {
    let columns = table.column_count();
    for i in 0..columns {
        if let Some(column) = table.column_mut(i) {
            column.set_padding((0, 2));
        }
    }
    table.lines().map(|line| line.trim_end().to_owned()).collect::<Vec<_>>().join("\n")
}

/// Object names by id, looked up once each: how tables show references.
pub struct Names<'a> {
    session: &'a Session,
    cache: RefCell<HashMap<ObjectId, String>>,
}

impl<'a> Names<'a> {
    /// Names looked up in `session`.
    pub fn new(session: &'a Session) -> Names<'a> {
        Names { session, cache: RefCell::new(HashMap::new()) }
    }

    /// How to show the object `id`: a pool by its path, anything else by its name, something
    /// that no longer exists by its id.
    pub fn label(&self, id: ObjectId) -> String {
        if let Some(name) = self.cache.borrow().get(&id) {
            return name.clone();
        }
        let name = match self.session.object(id) {
            Ok(Object { detail: Detail::MediaPool(pool), .. }) => pool.path,
            Ok(object) => object.name,
            Err(_) => id.to_string(),
        };
        self.cache.borrow_mut().insert(id, name.clone());
        name
    }

    /// [`label`](Names::label) of an optional reference, `-` for none.
    pub fn label_opt(&self, id: Option<ObjectId>) -> String {
        id.map_or_else(|| "-".to_owned(), |id| self.label(id))
    }

    /// The name of an existing object, if it exists.
    pub fn existing(&self, id: ObjectId) -> Option<String> {
        self.session.object(id).ok().map(|_| self.label(id))
    }
}

fn yes_no(value: bool) -> &'static str {
    if value {
        "yes"
    } else {
        "no"
    }
}

/// A time as people read it: local time to the second.
pub fn when(t: &Timestamp) -> String {
    t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M:%S").to_string()
}

/// A table of objects with the columns of their type (the type of the first; a mixed list
/// falls back to the common columns).
pub fn object_table(objects: &[Object], names: &Names<'_>) -> Table {
    let same_type = objects.windows(2).all(|w| w[0].object_type == w[1].object_type);
    let first = objects.first().map(|o| &o.detail);
    match first {
        Some(Detail::MediaPool(_)) if same_type => {
            let mut t = table(["ID", "PATH", "KIND", "MEDIA TYPE", "DRAW", "RETURN", "MAX ALLOC", "ENABLED"]);
            for o in objects {
                if let Detail::MediaPool(p) = &o.detail {
                    t.add_row([
                        o.id.to_string(),
                        p.path.clone(),
                        p.kind.name().to_owned(),
                        names.label_opt(p.media_type),
                        yes_no(p.draw_from_free).to_owned(),
                        yes_no(p.return_to_free).to_owned(),
                        if p.max_allocations == 0 { "-".to_owned() } else { p.max_allocations.to_string() },
                        yes_no(o.enabled).to_owned(),
                    ]);
                }
            }
            t
        }
        Some(Detail::PhysicalMedia(_)) if same_type => {
            let mut t = table(["ID", "NAME", "BARCODE", "MEDIA TYPE", "POOL", "LOCATION", "STATE", "SIDES", "ENABLED"]);
            for o in objects {
                if let Detail::PhysicalMedia(m) = &o.detail {
                    let location = match m.location.element {
                        Some(element) => format!("{} {}", m.location.kind.name(), names.label(element)),
                        None => m.location.kind.name().to_owned(),
                    };
                    t.add_row([
                        o.id.to_string(),
                        o.name.clone(),
                        m.barcode.clone().unwrap_or_else(|| "-".to_owned()),
                        names.label(m.media_type),
                        names.label(m.pool),
                        location,
                        m.media_state.name().to_owned(),
                        m.sides.to_string(),
                        yes_no(o.enabled).to_owned(),
                    ]);
                }
            }
            t
        }
        Some(Detail::Partition(_)) if same_type => {
            let mut t = table(["ID", "NAME", "SIDE", "STATE", "ALLOCATIONS", "LOGICAL MEDIA", "ENABLED"]);
            for o in objects {
                if let Detail::Partition(p) = &o.detail {
                    t.add_row([
                        o.id.to_string(),
                        o.name.clone(),
                        p.side.to_string(),
                        p.partition_state.name().to_owned(),
                        p.allocation_count.to_string(),
                        p.logical_media.map_or_else(|| "-".to_owned(), |l| l.to_string()),
                        yes_no(o.enabled).to_owned(),
                    ]);
                }
            }
            t
        }
        Some(Detail::LogicalMedia(_)) if same_type => {
            let mut t = table(["ID", "NAME", "POOL", "PHYSICAL MEDIA", "SIDE"]);
            for o in objects {
                if let Detail::LogicalMedia(l) = &o.detail {
                    t.add_row([
                        o.id.to_string(),
                        o.name.clone(),
                        names.label(l.pool),
                        names.label(l.physical_media),
                        names.label(l.partition),
                    ]);
                }
            }
            t
        }
        Some(Detail::MediaType(_)) if same_type => {
            let mut t = table(["ID", "NAME", "SIDES", "READ/WRITE", "ENABLED", "DESCRIPTION"]);
            for o in objects {
                if let Detail::MediaType(m) = &o.detail {
                    t.add_row([
                        o.id.to_string(),
                        o.name.clone(),
                        m.sides.to_string(),
                        m.read_write.name().to_owned(),
                        yes_no(o.enabled).to_owned(),
                        o.description.clone(),
                    ]);
                }
            }
            t
        }
        _ => {
            let mut t = table(["ID", "TYPE", "NAME", "STATE", "ENABLED", "DESCRIPTION"]);
            for o in objects {
                t.add_row([
                    o.id.to_string(),
                    o.object_type.name().to_owned(),
                    o.name.clone(),
                    o.state.name().to_owned(),
                    yes_no(o.enabled).to_owned(),
                    o.description.clone(),
                ]);
            }
            t
        }
    }
}

/// Every field of an object as `(field, value)` rows: the common fields, then the fields of its
/// type under their JSON names, references shown as `name (id)`.
pub fn object_rows(object: &Object, names: &Names<'_>) -> Vec<(String, String)> {
    let mut rows = vec![
        ("id".to_owned(), object.id.to_string()),
        ("type".to_owned(), object.object_type.name().to_owned()),
        ("name".to_owned(), object.name.clone()),
        ("description".to_owned(), object.description.clone()),
        ("created".to_owned(), when(&object.created)),
        ("modified".to_owned(), when(&object.modified)),
        ("enabled".to_owned(), yes_no(object.enabled).to_owned()),
        ("state".to_owned(), object.state.name().to_owned()),
    ];
    // The detail is `{"<type>": {fields}}` in its serde form.
    if let Ok(Value::Object(outer)) = serde_json::to_value(&object.detail) {
        for (_, fields) in outer {
            flatten("", &fields, names, &mut rows);
        }
    }
    rows
}

fn flatten(prefix: &str, value: &Value, names: &Names<'_>, rows: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let key = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                flatten(&key, v, names, rows);
            }
        }
        other => rows.push((prefix.to_owned(), show_value(other, names))),
    }
}

fn show_value(value: &Value, names: &Names<'_>) -> String {
    match value {
        Value::Null => "-".to_owned(),
        Value::Bool(b) => yes_no(*b).to_owned(),
        Value::String(s) => match s.parse::<ObjectId>() {
            Ok(id) => match names.existing(id) {
                Some(name) => format!("{name} ({id})"),
                None => s.clone(),
            },
            Err(_) => s.clone(),
        },
        Value::Array(items) => {
            let shown: Vec<String> = items.iter().map(|v| show_value(v, names)).collect();
            if shown.is_empty() {
                "-".to_owned()
            } else {
                shown.join(", ")
            }
        }
        other => other.to_string(),
    }
}

/// A two-column table of `(field, value)` rows.
pub fn rows_table(rows: &[(String, String)]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::NOTHING).force_no_tty();
    for (k, v) in rows {
        t.add_row([k.as_str(), v.as_str()]);
    }
    t
}
