//! Pass options as written in pipelines: `name{key=value list=1,2,3}`, or
//! on the command line as `--name="key=value list=1,2,3"`.

use std::collections::BTreeMap;

/// A declared option: its key, what it means, and its default as text.
#[derive(Clone, Copy, Debug)]
pub struct OptionInfo {
    pub name: &'static str,
    pub description: &'static str,
    pub default: &'static str,
}

/// Option values of one pass instance, checked against its declaration.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PassOptions {
    values: BTreeMap<String, String>,
}

impl PassOptions {
    /// Parses `key=value key2=v1,v2` (values may be `{...}` or quoted with
    /// `"`), rejecting keys not in `declared`.
    pub fn parse(text: &str, declared: &[OptionInfo]) -> Result<PassOptions, String> {
        let mut values = BTreeMap::new();
        let mut rest = text.trim();
        while !rest.is_empty() {
            let eq = rest.find('=');
            let space = rest.find(char::is_whitespace);
            let (key, value, after) = match (eq, space) {
                (Some(e), s) if s.is_none_or(|s| e < s) => {
                    let key = rest[..e].trim();
                    let (value, after) = split_value(&rest[e + 1..])?;
                    (key, value, after)
                }
                // A bare key is a boolean set to true.
                _ => {
                    let end = space.unwrap_or(rest.len());
                    (&rest[..end], "true".to_string(), &rest[end..])
                }
            };
            if !declared.iter().any(|o| o.name == key) {
                let known: Vec<&str> = declared.iter().map(|o| o.name).collect();
                return Err(format!(
                    "no such option '{key}'; options are: {}",
                    if known.is_empty() { "none".to_string() } else { known.join(", ") }
                ));
            }
            values.insert(key.to_string(), value);
            rest = after.trim_start();
        }
        for o in declared {
            values.entry(o.name.to_string()).or_insert_with(|| o.default.to_string());
        }
        Ok(PassOptions { values })
    }

    /// The text value of `key` (declared options always have one).
    pub fn get(&self, key: &str) -> &str {
        self.values.get(key).map_or("", String::as_str)
    }

    pub fn get_bool(&self, key: &str) -> Result<bool, String> {
        match self.get(key) {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            other => Err(format!("option '{key}' expects true or false, got '{other}'")),
        }
    }

    pub fn get_int(&self, key: &str) -> Result<i64, String> {
        self.get(key).parse().map_err(|_| format!("option '{key}' expects an integer, got '{}'", self.get(key)))
    }

    /// A comma-separated list of integers (empty for an empty value).
    pub fn get_int_list(&self, key: &str) -> Result<Vec<i64>, String> {
        let text = self.get(key);
        if text.is_empty() {
            return Ok(Vec::new());
        }
        text.split(',')
            .map(|v| v.trim().parse().map_err(|_| format!("option '{key}' expects a list of integers, got '{text}'")))
            .collect()
    }

    /// The options as written in a pipeline, non-default values only.
    pub fn to_pipeline_text(&self, declared: &[OptionInfo]) -> String {
        declared
            .iter()
            .filter(|o| self.get(o.name) != o.default)
            .map(|o| format!("{}={}", o.name, self.get(o.name)))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A value up to the next unbracketed space: `{...}`, `"..."` or plain.
fn split_value(text: &str) -> Result<(String, &str), String> {
    if let Some(body) = text.strip_prefix('"') {
        let end = body.find('"').ok_or("unterminated quoted option value")?;
        return Ok((body[..end].to_string(), &body[end + 1..]));
    }
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.checked_sub(1).ok_or("unbalanced '}' in option value")?,
            c if c.is_whitespace() && depth == 0 => return Ok((text[..i].to_string(), &text[i..])),
            _ => {}
        }
    }
    if depth != 0 {
        return Err("unbalanced '{' in option value".into());
    }
    Ok((text.to_string(), ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECLARED: &[OptionInfo] = &[
        OptionInfo { name: "sizes", description: "tile sizes", default: "" },
        OptionInfo { name: "max-iterations", description: "bound", default: "10" },
        OptionInfo { name: "verbose", description: "talk", default: "false" },
    ];

    #[test]
    fn values_lists_booleans_and_defaults() {
        let o = PassOptions::parse("sizes=32,32,8 verbose", DECLARED).expect("valid");
        assert_eq!(o.get_int_list("sizes"), Ok(vec![32, 32, 8]));
        assert_eq!(o.get_bool("verbose"), Ok(true));
        assert_eq!(o.get_int("max-iterations"), Ok(10));
        assert_eq!(o.to_pipeline_text(DECLARED), "sizes=32,32,8 verbose=true");
    }

    #[test]
    fn unknown_keys_and_bad_values_are_errors() {
        assert_eq!(
            PassOptions::parse("size=1", DECLARED).unwrap_err(),
            "no such option 'size'; options are: sizes, max-iterations, verbose"
        );
        let o = PassOptions::parse("max-iterations=x", DECLARED).expect("parsed as text");
        assert_eq!(o.get_int("max-iterations").unwrap_err(), "option 'max-iterations' expects an integer, got 'x'");
    }
}
