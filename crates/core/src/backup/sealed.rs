//! Encrypted backups: the backup file's bytes sealed with AES-GCM under a
//! key derived from the user's passphrase with PBKDF2-SHA256. The
//! cryptography itself runs in the browser (WebCrypto); this module is
//! the envelope: what is written around the ciphertext, and the checks a
//! file must pass before a passphrase is even tried. See
//! docs/backup-format.md.

use super::RestoreError;
use crate::encoding::{base64_decode, base64_encode};
use serde::Serialize;
use serde_json::Value;

/// The `format` field of an encrypted Kith backup.
pub const FORMAT: &str = "kith-backup-encrypted";
/// The envelope version this build writes and the newest it reads.
pub const VERSION: u32 = 1;
/// PBKDF2 iterations written (OWASP's 2023 figure for PBKDF2-HMAC-SHA256).
pub const ITERATIONS: u32 = 600_000;
/// Iterations accepted when reading: fewer would be a weak file, more
/// would keep the page busy for minutes.
pub const ITERATIONS_READ: std::ops::RangeInclusive<u32> = 100_000..=10_000_000;
pub const SALT_BYTES: usize = 16;
pub const IV_BYTES: usize = 12;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Kdf {
    /// Always "PBKDF2".
    pub name: String,
    /// Always "SHA-256".
    pub hash: String,
    pub iterations: u32,
    /// Base64, 16 random bytes.
    pub salt: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cipher {
    /// Always "AES-GCM" (256-bit key, 128-bit tag appended to the data).
    pub name: String,
    /// Base64, 12 random bytes.
    pub iv: String,
}

/// An encrypted backup file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sealed {
    pub format: String,
    pub version: u32,
    pub kdf: Kdf,
    pub cipher: Cipher,
    /// Base64 of the ciphertext of the plain backup file's UTF-8 bytes,
    /// with the GCM tag at its end.
    pub data: String,
}

/// What decryption needs, checked and decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opened {
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    pub iterations: u32,
    pub ciphertext: Vec<u8>,
}

fn damaged(why: &str) -> RestoreError {
    RestoreError::Sealed(format!("This encrypted backup is damaged: {why}."))
}

impl Sealed {
    pub fn new(salt: &[u8], iv: &[u8], ciphertext: &[u8]) -> Sealed {
        Sealed {
            format: FORMAT.into(),
            version: VERSION,
            kdf: Kdf {
                name: "PBKDF2".into(),
                hash: "SHA-256".into(),
                iterations: ITERATIONS,
                salt: base64_encode(salt),
            },
            cipher: Cipher {
                name: "AES-GCM".into(),
                iv: base64_encode(iv),
            },
            data: base64_encode(ciphertext),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// `None` when the file is not an encrypted Kith backup (so it goes to
    /// the plain restore); otherwise the envelope, checked, or why not.
    pub fn detect(bytes: &[u8]) -> Option<Result<Opened, RestoreError>> {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).replace(' ', "");
        if !head.contains(&format!("\"format\":\"{FORMAT}\"")) {
            return None;
        }
        Some(Self::open(bytes))
    }

    /// The envelope's fields, read from its JSON by hand: a serde derive
    /// for three small records compiled about 6 kB into the wasm, for a
    /// file read once in a while (the JSON parser is there anyway).
    fn of(json: &Value) -> Result<Sealed, RestoreError> {
        let field = |at: &Value, name: &str| {
            at.get(name)
                .cloned()
                .ok_or_else(|| damaged(&format!("it has no {name}")))
        };
        let text = |at: &Value, name: &str| match field(at, name)? {
            Value::String(text) => Ok(text),
            _ => Err(damaged(&format!("its {name} is not text"))),
        };
        let number = |at: &Value, name: &str| {
            field(at, name)?
                .as_u64()
                .map(|n| n.min(u32::MAX as u64) as u32)
                .ok_or_else(|| damaged(&format!("its {name} is not a whole number")))
        };
        let (kdf, cipher) = (field(json, "kdf")?, field(json, "cipher")?);
        Ok(Sealed {
            format: text(json, "format")?,
            version: number(json, "version")?,
            kdf: Kdf {
                name: text(&kdf, "name")?,
                hash: text(&kdf, "hash")?,
                iterations: number(&kdf, "iterations")?,
                salt: text(&kdf, "salt")?,
            },
            cipher: Cipher {
                name: text(&cipher, "name")?,
                iv: text(&cipher, "iv")?,
            },
            data: text(json, "data")?,
        })
    }

    fn open(bytes: &[u8]) -> Result<Opened, RestoreError> {
        let json: Value = serde_json::from_slice(bytes).map_err(|e| {
            if e.is_eof() {
                RestoreError::Truncated { line: e.line() }
            } else {
                damaged(&e.to_string())
            }
        })?;
        let sealed = Sealed::of(&json)?;
        if sealed.version > VERSION {
            return Err(RestoreError::TooNew {
                found: sealed.version,
                supported: VERSION,
            });
        }
        if sealed.kdf.name != "PBKDF2" || sealed.kdf.hash != "SHA-256" {
            return Err(damaged("its key derivation is not PBKDF2 with SHA-256"));
        }
        if sealed.cipher.name != "AES-GCM" {
            return Err(damaged("its cipher is not AES-GCM"));
        }
        if !ITERATIONS_READ.contains(&sealed.kdf.iterations) {
            return Err(damaged(&format!(
                "{} PBKDF2 iterations is outside 100,000 to 10,000,000",
                sealed.kdf.iterations
            )));
        }
        let salt = base64_decode(&sealed.kdf.salt)
            .filter(|s| s.len() >= SALT_BYTES)
            .ok_or_else(|| damaged("its salt is not 16 or more base64 bytes"))?;
        let iv = base64_decode(&sealed.cipher.iv)
            .filter(|iv| iv.len() == IV_BYTES)
            .ok_or_else(|| damaged("its IV is not 12 base64 bytes"))?;
        let ciphertext = base64_decode(&sealed.data)
            .filter(|c| c.len() > 16)
            .ok_or_else(|| damaged("its data is not base64 ciphertext"))?;
        Ok(Opened {
            salt,
            iv,
            iterations: sealed.kdf.iterations,
            ciphertext,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_round_trips_and_plain_files_pass_through() {
        let sealed = Sealed::new(&[1; 16], &[2; 12], &[3; 40]);
        let json = sealed.to_json();
        assert!(json.starts_with("{\"format\":\"kith-backup-encrypted\",\"version\":1,"));
        let opened = Sealed::detect(json.as_bytes()).unwrap().unwrap();
        assert_eq!(opened.iterations, 600_000);
        assert_eq!(
            (opened.salt.len(), opened.iv.len(), opened.ciphertext.len()),
            (16, 12, 40)
        );
        assert!(Sealed::detect(b"{\"format\":\"kith-backup\",\"version\":2}").is_none());
        assert!(Sealed::detect(b"not json").is_none());
    }

    #[test]
    fn damaged_envelopes_say_what_is_wrong() {
        let good = Sealed::new(&[1; 16], &[2; 12], &[3; 40]);
        let mut weak = good.clone();
        weak.kdf.iterations = 1_000;
        let mut short_iv = good.clone();
        short_iv.cipher.iv = base64_encode(&[0; 4]);
        let mut newer = good.clone();
        newer.version = 9;
        let mut no_salt: Value = serde_json::from_str(&good.to_json()).unwrap();
        no_salt["kdf"].as_object_mut().unwrap().remove("salt");
        let mut wordy_version: Value = serde_json::from_str(&good.to_json()).unwrap();
        wordy_version["version"] = "one".into();
        let cases = [
            (no_salt.to_string(), "damaged: it has no salt."),
            (
                wordy_version.to_string(),
                "its version is not a whole number",
            ),
            (weak.to_json(), "1000 PBKDF2 iterations"),
            (short_iv.to_json(), "its IV is not 12 base64 bytes"),
            (newer.to_json(), "newer Kith"),
            (good.to_json()[..90].to_owned(), "ends too early"),
        ];
        for (json, expected) in cases {
            let err = Sealed::detect(json.as_bytes())
                .unwrap()
                .unwrap_err()
                .to_string();
            assert!(err.contains(expected), "{err}");
        }
    }
}
