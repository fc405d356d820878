//! Search normalisation: case- and accent-insensitive matching without a
//! Unicode table crate (which would cost the wasm tens of kilobytes). Latin
//! letters with diacritics fold to their base letter; other scripts pass
//! through lower-cased, so "Zoë", "ZOE" and "zoe" all match "zoe".

/// Folds `s` for matching: lower case, Latin diacritics removed, runs of
/// white space collapsed to one space, trimmed.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        for lower in c.to_lowercase() {
            match fold(lower) {
                Some(base) => out.push_str(base),
                None => out.push(lower),
            }
        }
    }
    out
}

/// Whether two names or tags are the same to the user: equal once
/// normalised (case, accents and spacing ignored). The one comparison for
/// tags, organisation names and tag defaults everywhere.
pub fn same_words(a: &str, b: &str) -> bool {
    normalise(a) == normalise(b)
}

/// Whether every word of the normalised query occurs in the normalised
/// haystack (in any order): "cruz ana" finds "Ana de la Cruz".
pub fn matches(haystack: &str, normalised_query: &str) -> bool {
    normalised_query
        .split(' ')
        .filter(|w| !w.is_empty())
        .all(|w| haystack.contains(w))
}

fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        // Greek final sigma, so a word matches wherever it ends.
        'ς' => "σ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(normalise("Zoë ÅSTRÖM"), "zoe astrom");
        assert_eq!(normalise("Łukasz Żółć"), "lukasz zolc");
        assert_eq!(normalise("Straße"), "strasse");
        assert_eq!(normalise("François-Xavier"), "francois-xavier");
    }

    #[test]
    fn collapses_and_trims_white_space() {
        assert_eq!(normalise("  Ana \t  María\n"), "ana maria");
    }

    #[test]
    fn other_scripts_pass_through() {
        assert_eq!(normalise("山田 太郎"), "山田 太郎");
        assert_eq!(normalise("ΣΩΚΡΆΤΗΣ"), normalise("σωκράτης"));
        assert_eq!(normalise("ΣΩΚΡΆΤΗΣ"), "σωκράτησ");
    }

    #[test]
    fn every_query_word_must_match_in_any_order() {
        let hay = normalise("Ana María de la Cruz · Acme Ltd · ana@acme.test");
        assert!(matches(&hay, &normalise("cruz ANA")));
        assert!(matches(&hay, &normalise("acme")));
        assert!(matches(&hay, ""));
        assert!(!matches(&hay, &normalise("ana smith")));
    }
}
