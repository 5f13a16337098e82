//! A catalogue as the JSON file a release build loads at run time: an object whose
//! values are texts, or arrays of texts for tables (`"kind_title": ["Passkeys", …]`).
//! Written on the host (`cargo run --example catalogues`) and read back in the tests.

use serde_json::{Map, Value};

use super::{Messages, Source};

impl Messages {
    /// This catalogue as the JSON a release build loads.
    pub fn to_json(&self) -> String {
        let mut object = Map::new();
        for (key, text) in self.entries() {
            match key.split_once('[') {
                Some((table, _)) => {
                    let entry = object
                        .entry(table)
                        .or_insert_with(|| Value::Array(Vec::new()));
                    if let Value::Array(texts) = entry {
                        texts.push(Value::from(text));
                    }
                }
                None => {
                    object.insert(key, Value::from(text));
                }
            }
        }
        Value::Object(object).to_string()
    }
}

impl Source for Value {
    fn text(&self, key: &str, index: Option<usize>) -> Option<String> {
        let entry = self.get(key)?;
        let text = match index {
            Some(i) => entry.get(i)?,
            None => entry,
        };
        text.as_str().map(str::to_string)
    }
}
