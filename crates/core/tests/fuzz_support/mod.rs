//! Shared pieces of the property and fuzz tests (tests/fuzz_*.rs): the
//! proptest configuration (case count and seed from the environment), the
//! real sample files, byte- and structure-aware mutations, the charsets
//! the browser has, and the linear-time check.
//!
//! Environment (documented in tests/regressions/README.md):
//! - `KITH_FUZZ_CASES`: cases per property (default 10,000 in release,
//!   256 in a debug build so the plain `cargo test` stays quick).
//! - `KITH_FUZZ_SEED`: the seed (a u64) to replay a run; without it each
//!   run takes a new one and prints it, so a failing run can be repeated.
//! - `KITH_FUZZ_SCALE`: the n of the linear-time checks (default 1,000,
//!   compared with 8n).
//!
//! A failing case is also saved by proptest under tests/regressions/
//! proptest/ and tried first on every later run.

#![allow(dead_code)] // each test file uses its own part of these helpers

pub mod backups;
pub mod people;

use kith_core::import::text::Charsets;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, RngSeed};
use std::time::{Duration, Instant};

/// The configuration of every fuzz property: the cases and seed the
/// environment asks for, failures kept in `tests/regressions/proptest/`.
pub fn config(file: &str) -> Config {
    // Debug builds (the plain `cargo test -p kith-core`) run a smoke
    // share; the release run (scripts/test.sh's own step) runs them all.
    let default = if cfg!(debug_assertions) { 256 } else { 10_000 };
    let cases = env_u64("KITH_FUZZ_CASES").unwrap_or(default) as u32;
    let seed = env_u64("KITH_FUZZ_SEED").unwrap_or_else(|| {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        t.as_nanos() as u64 ^ u64::from(std::process::id()).rotate_left(32)
    });
    // Shown by cargo test only when the test fails: the line to replay it.
    eprintln!(
        "fuzz {file}: {cases} cases, replay with KITH_FUZZ_SEED={seed} \
         cargo test -p kith-core --release --test {file}"
    );
    let path: &'static str = Box::leak(format!("tests/regressions/proptest/{file}.txt").into());
    Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(path))),
        // Shrinking a slow case must not run for ever.
        max_shrink_time: 60_000,
        ..Config::default()
    }
}

pub fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok()?.trim().parse().ok()
}

/// The WHATWG encodings, as the browser's TextDecoder has them.
pub struct Whatwg;

impl Charsets for Whatwg {
    fn decode(&self, label: &str, bytes: &[u8]) -> Option<String> {
        let enc = encoding_rs::Encoding::for_label(label.trim().as_bytes())?;
        Some(enc.decode_without_bom_handling(bytes).0.into_owned())
    }
}

/// Every sample file of one kind (`vcard`, `csv`) in tests/samples, sorted.
pub fn samples(kind: &str) -> Vec<Vec<u8>> {
    let dir = format!("{}/../../tests/samples/{kind}", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    names.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// A reproducer file in tests/regressions.
pub fn regression(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/regressions/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// One edit of a file. Positions are fractions of the length (an
/// [`prop::sample::Index`]), so the same edit applies to any file.
#[derive(Clone, Debug)]
pub enum Edit {
    /// Overwrite one byte.
    Byte(prop::sample::Index, u8),
    /// Insert one of the format's tokens.
    Token(prop::sample::Index, prop::sample::Index),
    /// Insert random bytes.
    Insert(prop::sample::Index, Vec<u8>),
    /// Remove up to this many bytes.
    Remove(prop::sample::Index, usize),
    /// Cut the file here.
    Cut(prop::sample::Index),
    /// Line-aware: repeat one line in place, `times` times.
    RepeatLine(prop::sample::Index, usize),
    /// Line-aware: remove one line.
    DropLine(prop::sample::Index),
    /// Line-aware: swap two lines.
    SwapLines(prop::sample::Index, prop::sample::Index),
}

pub fn edit() -> impl Strategy<Value = Edit> {
    use prop::sample::Index;
    let i = any::<Index>;
    prop_oneof![
        3 => (i(), any::<u8>()).prop_map(|(p, b)| Edit::Byte(p, b)),
        4 => (i(), i()).prop_map(|(p, t)| Edit::Token(p, t)),
        2 => (i(), prop::collection::vec(any::<u8>(), 1..16)).prop_map(|(p, b)| Edit::Insert(p, b)),
        2 => (i(), 1..64usize).prop_map(|(p, n)| Edit::Remove(p, n)),
        1 => i().prop_map(Edit::Cut),
        2 => (i(), 1..4usize).prop_map(|(p, n)| Edit::RepeatLine(p, n)),
        2 => i().prop_map(Edit::DropLine),
        2 => (i(), i()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
    ]
}

/// `bytes` with `edits` applied in order; `tokens` are the format's own
/// pieces of syntax, inserted whole.
pub fn mutate(bytes: &[u8], edits: &[Edit], tokens: &[&[u8]]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for e in edits {
        let at = |i: &prop::sample::Index, len: usize| if len == 0 { 0 } else { i.index(len + 1) };
        match e {
            Edit::Byte(p, v) if !b.is_empty() => {
                let n = p.index(b.len());
                b[n] = *v;
            }
            Edit::Byte(..) => {}
            Edit::Token(p, t) => {
                let n = at(p, b.len());
                let tok = tokens[t.index(tokens.len())];
                b.splice(n..n, tok.iter().copied());
            }
            Edit::Insert(p, v) => {
                let n = at(p, b.len());
                b.splice(n..n, v.iter().copied());
            }
            Edit::Remove(p, len) => {
                let n = at(p, b.len());
                let end = (n + len).min(b.len());
                b.drain(n..end);
            }
            Edit::Cut(p) => b.truncate(at(p, b.len())),
            Edit::RepeatLine(..) | Edit::DropLine(_) | Edit::SwapLines(..) => {
                let mut lines: Vec<Vec<u8>> = b
                    .split_inclusive(|c| *c == b'\n')
                    .map(<[u8]>::to_vec)
                    .collect();
                if lines.is_empty() {
                    continue;
                }
                match e {
                    Edit::RepeatLine(p, times) => {
                        let n = p.index(lines.len());
                        let line = lines[n].clone();
                        for _ in 0..*times {
                            lines.insert(n, line.clone());
                        }
                    }
                    Edit::DropLine(p) => {
                        lines.remove(p.index(lines.len()));
                    }
                    Edit::SwapLines(x, y) => {
                        let (x, y) = (x.index(lines.len()), y.index(lines.len()));
                        lines.swap(x, y);
                    }
                    _ => {}
                }
                b = lines.concat();
            }
        }
    }
    b
}

/// Up to `max` edits.
pub fn edits(max: usize) -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(), 1..=max)
}

/// Random bytes, biased towards the format's own characters.
pub fn noise(alphabet: &'static [u8], max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(alphabet),
            1 => any::<u8>(),
        ],
        0..max,
    )
}

/// The time of the fastest of `runs` runs of `f`.
fn best_of(runs: usize, f: &mut dyn FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Checks that `run` over the input `make(8n)` takes at most 25 times
/// as long as over `make(n)` (linear is 8x, n log n with allocation
/// measured 12-21x here, quadratic 64x); best of three runs each, the
/// figures printed. Below 50 ms for 8n there is nothing to measure.
pub fn linear<T>(shape: &str, make: impl Fn(usize) -> T, run: impl Fn(&T)) {
    // Timed in release, alone (scripts/test.sh runs them with one test
    // thread): debug figures, shared with the properties, are noise.
    if cfg!(debug_assertions) && env_u64("KITH_FUZZ_SCALE").is_none() {
        eprintln!("{shape}: timed in release only (or set KITH_FUZZ_SCALE)");
        return;
    }
    let n = env_u64("KITH_FUZZ_SCALE").unwrap_or(1_000) as usize;
    let (small, large) = (make(n), make(8 * n));
    let t_small = best_of(3, &mut || run(&small)).max(Duration::from_micros(50));
    // The large input once first: a quadratic one needs no second look.
    let mut t_large = best_of(1, &mut || run(&large));
    if t_large.as_secs_f64() / t_small.as_secs_f64() > 25.0 && t_large < Duration::from_secs(5) {
        t_large = t_large.min(best_of(2, &mut || run(&large)));
    }
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64();
    eprintln!(
        "{shape}: n={n} {:.1} ms, 8n={} {:.1} ms, ratio {ratio:.1} (linear 8, quadratic 64)",
        t_small.as_secs_f64() * 1e3,
        8 * n,
        t_large.as_secs_f64() * 1e3,
    );
    assert!(
        t_large < Duration::from_millis(50) || ratio <= 25.0,
        "{shape}: not linear: n={n} took {t_small:?}, 8n took {t_large:?} (ratio {ratio:.1}, limit 25)"
    );
}

/// A refusal's words are short, say something, and name where or what:
/// a number (a line, a position, a version) or one of `names` (a list or
/// a field).
pub fn names_what_and_where(message: &str, names: &[&str]) -> Result<(), String> {
    let chars = message.chars().count();
    if message.trim().is_empty() {
        return Err("the message is empty".into());
    }
    if chars >= 300 {
        return Err(format!("the message is {chars} characters long"));
    }
    let lower = message.to_lowercase();
    let has_number = message.chars().any(|c| c.is_ascii_digit());
    if has_number || names.iter().any(|n| lower.contains(&n.to_lowercase())) {
        Ok(())
    } else {
        Err(format!(
            "the message names no position or field: {message:?}"
        ))
    }
}

/// A generated file, shown as text when a case fails (not as numbers).
#[derive(Clone, PartialEq)]
pub struct File(pub Vec<u8>);

impl std::fmt::Debug for File {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "File({:?})", String::from_utf8_lossy(&self.0))
    }
}

impl std::ops::Deref for File {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}
