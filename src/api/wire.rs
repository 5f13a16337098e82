//! Reading ZITADEL's JSON by the wire rules (proto3's JSON mapping): an omitted key or a
//! `null` is the field's default, unknown keys are ignored, int64 may come as a string,
//! and a value of the wrong type means the answer is not ZITADEL's.
//!
//! In the browser the text is parsed by the browser's own `JSON.parse` and read through
//! `js_sys`, so the wasm carries no JSON parser and no derived visitors; on the host
//! (tests, fuzzing, tools) `serde_json` parses it. The decoders are written once, against
//! [`Json`]'s accessors, and the host tests check them.

use super::ApiError;

#[cfg(target_arch = "wasm32")]
type Inner = wasm_bindgen::JsValue;
#[cfg(not(target_arch = "wasm32"))]
type Inner = serde_json::Value;

/// A parsed JSON value.
#[derive(Clone, Debug)]
pub struct Json(Inner);

/// The answer is not what ZITADEL sends (a value of the wrong type, not JSON at all).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotZitadel;

/// What reading a field gives.
pub type Read<T> = Result<T, NotZitadel>;

impl Json {
    /// Any JSON text.
    pub fn parse(body: &[u8]) -> Option<Json> {
        let text = std::str::from_utf8(body).ok()?;
        parse_text(text).map(Json)
    }

    /// A JSON object (ZITADEL's answers, OAuth's, the page's files always are one).
    pub fn object(body: &[u8]) -> Read<Json> {
        Json::parse(body).filter(Json::is_object).ok_or(NotZitadel)
    }

    pub fn is_object(&self) -> bool {
        is_object(&self.0)
    }

    /// The value at `key`, or `None` when it is absent or `null`. Only asked for the
    /// decoders' own key names, none of which an object inherits.
    fn get(&self, key: &str) -> Option<Json> {
        get(&self.0, key).map(Json)
    }

    /// Whether `key` holds anything but `null` (a oneof member whose content is unused).
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// This value as text, if it is a string.
    pub fn as_text(&self) -> Option<String> {
        as_string(&self.0)
    }

    /// A string field; `""` when absent.
    pub fn text(&self, key: &str) -> Read<String> {
        Ok(self.opt_text(key)?.unwrap_or_default())
    }

    /// A string field that may be absent.
    pub fn opt_text(&self, key: &str) -> Read<Option<String>> {
        self.get(key)
            .map(|v| v.as_text().ok_or(NotZitadel))
            .transpose()
    }

    /// A string field that must be there.
    pub fn required_text(&self, key: &str) -> Read<String> {
        self.opt_text(key)?.ok_or(NotZitadel)
    }

    /// A boolean field; `false` when absent.
    pub fn flag(&self, key: &str) -> Read<bool> {
        self.get(key)
            .map_or(Ok(false), |v| as_bool(&v.0).ok_or(NotZitadel))
    }

    /// A number field; `0` when absent.
    pub fn number(&self, key: &str) -> Read<f64> {
        Ok(self.opt_number(key)?.unwrap_or(0.0))
    }

    /// A number field that may be absent.
    pub fn opt_number(&self, key: &str) -> Read<Option<f64>> {
        self.get(key)
            .map(|v| as_f64(&v.0).ok_or(NotZitadel))
            .transpose()
    }

    /// An int64/uint64 field, which proto3 JSON sends as a string (`"42"`); a number is
    /// taken too, and anything else reads as 0 rather than failing the whole answer.
    pub fn int64(&self, key: &str) -> u64 {
        let Some(value) = self.get(key) else {
            return 0;
        };
        match (as_string(&value.0), as_f64(&value.0)) {
            (Some(text), _) => text.parse().unwrap_or(0),
            (None, Some(n)) if n >= 0.0 && n.fract() == 0.0 => n as u64,
            _ => 0,
        }
    }

    /// An object field that may be absent.
    pub fn member(&self, key: &str) -> Read<Option<Json>> {
        match self.get(key) {
            Some(v) if v.is_object() => Ok(Some(v)),
            Some(_) => Err(NotZitadel),
            None => Ok(None),
        }
    }

    /// A list field; empty when absent.
    pub fn list(&self, key: &str) -> Read<Vec<Json>> {
        match self.get(key) {
            Some(v) => Ok(as_array(&v.0)
                .ok_or(NotZitadel)?
                .into_iter()
                .map(Json)
                .collect()),
            None => Ok(Vec::new()),
        }
    }

    /// A list of objects; empty when absent.
    pub fn objects(&self, key: &str) -> Read<Vec<Json>> {
        let items = self.list(key)?;
        match items.iter().all(Json::is_object) {
            true => Ok(items),
            false => Err(NotZitadel),
        }
    }

    /// A list of strings (enum names, ids); empty when absent.
    pub fn texts(&self, key: &str) -> Read<Vec<String>> {
        self.list(key)?
            .iter()
            .map(|v| v.as_text().ok_or(NotZitadel))
            .collect()
    }
}

/// Decodes a successful answer, which ZITADEL always sends as a JSON object.
pub fn decode_object<T>(
    status: u16,
    body: &[u8],
    read: impl FnOnce(&Json) -> Read<T>,
) -> Result<T, ApiError> {
    Json::object(body)
        .and_then(|json| read(&json))
        .map_err(|NotZitadel| ApiError::UnexpectedBody { status })
}

#[cfg(target_arch = "wasm32")]
mod browser {
    //! `JSON.parse` and `js_sys` reads.
    use wasm_bindgen::{JsCast, JsValue};

    pub fn parse_text(text: &str) -> Option<JsValue> {
        js_sys::JSON::parse(text).ok()
    }

    pub fn is_object(v: &JsValue) -> bool {
        v.is_object() && !js_sys::Array::is_array(v)
    }

    pub fn get(v: &JsValue, key: &str) -> Option<JsValue> {
        if !is_object(v) {
            return None;
        }
        js_sys::Reflect::get(v, &JsValue::from_str(key))
            .ok()
            .filter(|found| !found.is_undefined() && !found.is_null())
    }

    pub fn as_string(v: &JsValue) -> Option<String> {
        v.as_string()
    }

    pub fn as_bool(v: &JsValue) -> Option<bool> {
        v.as_bool()
    }

    pub fn as_f64(v: &JsValue) -> Option<f64> {
        v.as_f64()
    }

    pub fn as_array(v: &JsValue) -> Option<Vec<JsValue>> {
        v.dyn_ref::<js_sys::Array>().map(|a| a.iter().collect())
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod host {
    //! `serde_json` reads, with the browser's semantics.
    use serde_json::Value;

    pub fn parse_text(text: &str) -> Option<Value> {
        serde_json::from_str(text).ok()
    }

    pub fn is_object(v: &Value) -> bool {
        v.is_object()
    }

    pub fn get(v: &Value, key: &str) -> Option<Value> {
        v.as_object()?.get(key).filter(|f| !f.is_null()).cloned()
    }

    pub fn as_string(v: &Value) -> Option<String> {
        v.as_str().map(str::to_string)
    }

    pub fn as_bool(v: &Value) -> Option<bool> {
        v.as_bool()
    }

    pub fn as_f64(v: &Value) -> Option<f64> {
        v.as_f64()
    }

    pub fn as_array(v: &Value) -> Option<Vec<Value>> {
        v.as_array().cloned()
    }
}

#[cfg(target_arch = "wasm32")]
use browser::*;
#[cfg(not(target_arch = "wasm32"))]
use host::*;

/// Run on the host against serde_json and in the browser against `JSON.parse`
/// (`wasm-pack test`): the two readers must agree.
#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Json {
        Json::object(text.as_bytes()).unwrap()
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn omitted_and_null_fields_are_defaults() {
        let j = json(r#"{"a":null}"#);
        assert_eq!(j.text("a"), Ok(String::new()));
        assert_eq!(j.text("b"), Ok(String::new()));
        assert_eq!(j.opt_text("a"), Ok(None));
        assert_eq!(j.flag("a"), Ok(false));
        assert_eq!(j.number("a"), Ok(0.0));
        assert_eq!(j.opt_number("a"), Ok(None));
        assert_eq!(j.required_text("a"), Err(NotZitadel));
        assert_eq!(j.int64("a"), 0);
        assert!(j.member("a").unwrap().is_none());
        assert!(j.list("a").unwrap().is_empty());
        assert_eq!(j.texts("a"), Ok(vec![]));
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn values_of_the_wrong_type_are_not_zitadels() {
        let j = json(r#"{"s":1,"b":"true","n":"1","o":[],"l":{},"t":["x",2],"os":[1]}"#);
        assert_eq!(j.text("s"), Err(NotZitadel));
        assert_eq!(j.flag("b"), Err(NotZitadel));
        assert_eq!(j.number("n"), Err(NotZitadel));
        assert!(j.member("o").is_err());
        assert!(j.list("l").is_err());
        assert_eq!(j.texts("t"), Err(NotZitadel));
        assert!(j.objects("os").is_err());
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn int64_comes_as_text_or_number_and_else_reads_zero() {
        let j = json(r#"{"a":"42","b":7,"c":"x","d":-1,"e":1.5,"f":true}"#);
        assert_eq!(
            ["a", "b", "c", "d", "e", "f"].map(|k| j.int64(k)),
            [42, 7, 0, 0, 0, 0]
        );
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn only_an_object_is_an_answer() {
        for body in [
            &b"[]"[..],
            b"\"x\"",
            b"1",
            b"null",
            b"<html>",
            b"",
            b"{",
            b"\xff",
        ] {
            assert_eq!(Json::object(body).map(|_| ()), Err(NotZitadel), "{body:?}");
        }
        assert!(Json::object(b" {\"unknown\":{\"deep\":[1]}} ").is_ok());
    }
}
