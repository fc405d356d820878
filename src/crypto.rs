//! Encrypted backups at the browser edge: WebCrypto's PBKDF2-SHA256 key
//! derivation and AES-GCM, around the envelope in `kith_core::sealed`.

use js_sys::{Array, Object, Reflect, Uint8Array};
use kith_core::sealed::{Opened, Sealed, ITERATIONS, IV_BYTES, SALT_BYTES};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

fn subtle() -> Result<SubtleCrypto, String> {
    let crypto = web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(|_| "this browser has no WebCrypto")?;
    Ok(crypto.subtle())
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o
}

/// The AES-GCM key for `passphrase` and `salt`.
async fn derive(passphrase: &str, salt: &[u8], iterations: u32) -> Result<CryptoKey, String> {
    let subtle = subtle()?;
    let failed = |_| "the key could not be made".to_owned();
    let raw = Uint8Array::from(passphrase.as_bytes());
    let base = subtle
        .import_key_with_str(
            "raw",
            &raw,
            "PBKDF2",
            false,
            &Array::of1(&"deriveKey".into()),
        )
        .map_err(failed)?;
    let base: CryptoKey = JsFuture::from(base).await.map_err(failed)?.unchecked_into();
    let params = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("iterations", iterations.into()),
        ("salt", Uint8Array::from(salt).into()),
    ]);
    let aes = object(&[("name", "AES-GCM".into()), ("length", 256.into())]);
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let key = subtle
        .derive_key_with_object_and_object(&params, &base, &aes, false, &usages)
        .map_err(failed)?;
    Ok(JsFuture::from(key).await.map_err(failed)?.unchecked_into())
}

/// The backup file's text, sealed with `passphrase`: a new random salt
/// and IV every time.
pub async fn seal(passphrase: &str, plain: &str) -> Result<String, String> {
    let salt: [u8; SALT_BYTES] = crate::platform::random_bytes();
    let iv: Vec<u8> = crate::platform::random_bytes()[..IV_BYTES].to_vec();
    let key = derive(passphrase, &salt, ITERATIONS).await?;
    let params = object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(iv.as_slice()).into()),
    ]);
    let sealed = subtle()?
        .encrypt_with_object_and_u8_array(&params, &key, plain.as_bytes())
        .map_err(|_| "encryption failed".to_owned())?;
    let sealed = JsFuture::from(sealed)
        .await
        .map_err(|_| "encryption failed".to_owned())?;
    let bytes = Uint8Array::new(&sealed).to_vec();
    Ok(Sealed::new(&salt, &iv, &bytes).to_json())
}

/// The plain backup file's bytes, or why not in words.
pub async fn open(passphrase: &str, opened: &Opened) -> Result<Vec<u8>, String> {
    let key = derive(passphrase, &opened.salt, opened.iterations).await?;
    let params = object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(opened.iv.as_slice()).into()),
    ]);
    let wrong =
        |_| "The passphrase is wrong, or the file was changed after it was made.".to_owned();
    let plain = subtle()?
        .decrypt_with_object_and_u8_array(&params, &key, &opened.ciphertext)
        .map_err(wrong)?;
    let plain = JsFuture::from(plain).await.map_err(wrong)?;
    Ok(Uint8Array::new(&plain).to_vec())
}
