//! Finds where a JSON pointer's node sits in a JSON spec (Stripe publishes `spec3.json` beside
//! the YAML), so errors found after parsing carry a line and column as they do for YAML. One
//! forward scan: it walks into the members and items the pointer names and skips every other
//! value without building it, iteratively, so depth and size cost no stack and no second pass.

/// The 1-based line and column of the node at `pointer`: a member's key, an item's value; or of
/// the nearest ancestor found. `None` for the root, or when the text is not JSON.
pub fn locate_json(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
    };
    let mut found = None;
    for segment in pointer.trim_start_matches('#').split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        scanner.skip_space();
        let at = match scanner.peek() {
            None => None,
            Some(b'{') => scanner.find_member(&segment),
            Some(b'[') => segment.parse().ok().and_then(|index| scanner.find_item(index)),
            _ => None,
        };
        match at {
            Some(offset) => found = Some(offset),
            None => break,
        }
    }
    found.map(|offset| line_column(text, offset))
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    /// At `{`: moves to the value of member `key` and returns where its key starts.
    fn find_member(&mut self, key: &str) -> Option<usize> {
        self.pos += 1;
        loop {
            self.skip_space();
            match self.peek()? {
                b'}' => return None,
                b',' => {
                    self.pos += 1;
                    continue;
                }
                b'"' => {}
                _ => return None,
            }
            let key_start = self.pos;
            let name = self.string()?;
            self.skip_space();
            if self.peek()? != b':' {
                return None;
            }
            self.pos += 1;
            self.skip_space();
            if name == key {
                return Some(key_start);
            }
            self.skip_value()?;
        }
    }

    /// At `[`: moves to item `index` and returns where it starts.
    fn find_item(&mut self, index: usize) -> Option<usize> {
        self.pos += 1;
        let mut current = 0;
        loop {
            self.skip_space();
            match self.peek()? {
                b']' => return None,
                b',' => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            if current == index {
                return Some(self.pos);
            }
            self.skip_value()?;
            current += 1;
        }
    }

    /// Reads a string at `"`, decoding the escapes a key may use.
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.skip_string()?;
        serde_json::from_slice(&self.bytes[start..self.pos]).ok()
    }

    fn skip_string(&mut self) -> Option<()> {
        self.pos += 1;
        loop {
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                b'\\' => self.pos += 2,
                _ => self.pos += 1,
            }
        }
    }

    /// Skips one value of any depth, counting brackets rather than recursing.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.peek()? {
                b'"' => self.skip_string()?,
                b'{' | b'[' => {
                    depth += 1;
                    self.pos += 1;
                }
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    self.pos += 1;
                }
                // The end of the enclosing container or the next member ends a scalar.
                b'}' | b']' | b',' if depth == 0 => return Some(()),
                _ => self.pos += 1,
            }
            if depth == 0 && matches!(self.bytes.get(self.pos.wrapping_sub(1)), Some(b'}' | b']' | b'"')) {
                return Some(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r##"{
  "openapi": "3.0.0",
  "paths": {"/v1/a/{id}": {"get": {"parameters": [{"name": "id"}, {"name": "x", "schema": {"type": "array"}}]}}},
  "components": {
    "schemas": {
      "a\/b": {"description": "has \"quotes\" and ] } brackets"},
      "thing": {
        "properties": {
          "b": {"$ref": "#/components/schemas/gone"}
        }
      }
    }
  }
}"##;

    #[test]
    fn finds_members_items_and_escaped_keys() {
        assert_eq!(locate_json(DOC, "#/openapi"), Some((2, 3)));
        assert_eq!(
            locate_json(DOC, "#/components/schemas/thing/properties/b"),
            Some((9, 11))
        );
        assert_eq!(locate_json(DOC, "#/components/schemas/a~1b"), Some((6, 7)));
        assert_eq!(
            locate_json(DOC, "#/paths/~1v1~1a~1{id}/get/parameters/1/schema/type"),
            Some((3, 92))
        );
    }

    #[test]
    fn falls_back_to_the_nearest_ancestor() {
        assert_eq!(locate_json(DOC, "#/components/schemas/missing"), Some((5, 5)));
        assert_eq!(
            locate_json(DOC, "#/paths/~1v1~1a~1{id}/get/parameters/7"),
            Some((3, 36))
        );
        assert_eq!(locate_json(DOC, "#"), None);
        assert_eq!(locate_json("{\"a\": ", "#/a/b"), Some((1, 2)));
        assert_eq!(locate_json("", "#/a"), None);
    }
}
