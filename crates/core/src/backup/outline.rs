//! Where each record of a backup file is, found a slice of the file at a
//! time. serde reading the whole envelope at once was one task of
//! 150–300 ms for a 40 MB file; this walks the same structure in steps.
//!
//! Invariant: it only ever answers for a well-formed file laid out as
//! Kith writes it (an object of known keys, each list an array). Anything
//! else (a syntax error, a repeated key, a key with an escape, a list that
//! is not an array) gives up, and the caller reads the file with serde as
//! before, so every refusal keeps its words. Records are only delimited
//! here; each is parsed, and so checked, by serde later.

use super::format::LISTS;

/// The top level of a backup file: the envelope's values and each list's
/// records, as text.
#[derive(Default)]
pub(super) struct Found<'a> {
    pub format: Option<&'a str>,
    pub version: Option<&'a str>,
    pub app_version: Option<&'a str>,
    pub exported_at: Option<&'a str>,
    pub settings: Option<&'a str>,
    pub lists: [Vec<&'a str>; 6],
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    /// Before a key (or the closing brace).
    Key {
        first: bool,
    },
    /// Inside list `n`, before a record (or the closing bracket).
    Record {
        list: usize,
        first: bool,
    },
    Done,
}

/// The walk through a file, resumable.
pub(super) struct Outline<'a> {
    text: &'a str,
    pos: usize,
    at: At,
    seen: Vec<&'a str>,
    pub found: Found<'a>,
}

impl<'a> Outline<'a> {
    /// `None` when the file is not UTF-8 or does not open as an object.
    pub fn new(bytes: &'a [u8]) -> Option<Outline<'a>> {
        let text = std::str::from_utf8(bytes).ok()?;
        let mut o = Outline {
            text,
            pos: 0,
            at: At::Key { first: true },
            seen: Vec::new(),
            found: Found::default(),
        };
        o.ws();
        o.eat(b'{')?;
        Some(o)
    }

    /// Bytes walked, and in all (for progress).
    pub fn progress(&self) -> (usize, usize) {
        (self.pos, self.text.len())
    }

    /// Walks about `budget` more bytes: `Some(true)` at the end of the
    /// file, `Some(false)` with more to walk, `None` to give up.
    pub fn step(&mut self, budget: usize) -> Option<bool> {
        let stop = self.pos.saturating_add(budget);
        while self.pos < stop {
            match self.at {
                At::Done => break,
                At::Key { first } => self.key(first)?,
                At::Record { list, first } => self.record(list, first)?,
            }
        }
        Some(self.at == At::Done)
    }

    fn key(&mut self, first: bool) -> Option<()> {
        self.ws();
        if self.peek()? == b'}' {
            self.pos += 1;
            self.ws();
            // Nothing may follow the object.
            return (self.pos == self.text.len()).then(|| self.at = At::Done);
        }
        if !first {
            self.eat(b',')?;
            self.ws();
        }
        self.eat(b'"')?;
        let start = self.pos;
        let len = self.text[start..].find(['"', '\\'])?;
        self.pos += len;
        self.eat(b'"')?;
        let key = &self.text[start..start + len];
        if self.seen.contains(&key) {
            return None;
        }
        self.seen.push(key);
        self.ws();
        self.eat(b':')?;
        self.ws();
        if let Some(list) = LISTS.iter().position(|k| *k == key) {
            self.eat(b'[')?;
            self.at = At::Record { list, first: true };
            return Some(());
        }
        let value = self.value()?;
        let f = &mut self.found;
        match key {
            "format" => f.format = Some(value),
            "version" => f.version = Some(value),
            "app_version" => f.app_version = Some(value),
            "exported_at" => f.exported_at = Some(value),
            "settings" => f.settings = Some(value),
            _ => {}
        }
        self.at = At::Key { first: false };
        Some(())
    }

    fn record(&mut self, list: usize, first: bool) -> Option<()> {
        self.ws();
        if self.peek()? == b']' {
            self.pos += 1;
            self.at = At::Key { first: false };
            return Some(());
        }
        if !first {
            self.eat(b',')?;
            self.ws();
        }
        let value = self.value()?;
        self.found.lists[list].push(value);
        self.at = At::Record { list, first: false };
        Some(())
    }

    /// One value (a string, a number, a word, or a whole object or array),
    /// its text. Brackets must balance and strings close; what is inside
    /// is left to serde.
    fn value(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut depth = 0usize;
        loop {
            let b = *bytes.get(self.pos)?;
            match b {
                b'"' => self.string()?,
                b'{' | b'[' => {
                    depth += 1;
                    self.pos += 1;
                }
                b'}' | b']' => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                    self.pos += 1;
                }
                b',' if depth == 0 => break,
                _ => self.pos += 1,
            }
            if depth == 0 && matches!(bytes[self.pos - 1], b'"' | b'}' | b']') {
                break;
            }
        }
        let text = self.text[start..self.pos].trim_end();
        (!text.is_empty()).then_some(text)
    }

    /// Past one string, its quotes and escapes included.
    fn string(&mut self) -> Option<()> {
        let bytes = self.text.as_bytes();
        self.pos += 1;
        loop {
            match *bytes.get(self.pos)? {
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                b'\\' => self.pos += 2,
                b if b < 0x20 => return None,
                _ => self.pos += 1,
            }
        }
    }

    fn ws(&mut self) {
        let rest = &self.text.as_bytes()[self.pos..];
        self.pos += rest
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .count();
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.pos += 1)
    }
}
