//! Spellings that survive Meilisearch unchanged.
//!
//! Meilisearch compares filter values after normalising them (trimmed, Unicode compatibility
//! decomposition, lowercased), so `EMEA` and `emea` would be one region to it, and it only
//! accepts document ids made of `a-z A-Z 0-9 - _`. Our ids and metadata values are arbitrary
//! strings, so both are stored in an injective encoding whose output the normalisation leaves
//! alone: the usual lowercase snake_case values are stored as they are.

/// Longest encoded filterable value, in bytes. Meilisearch truncates facet values beyond
/// roughly 470 bytes, so longer ones could collide; documents carrying one are refused and
/// filter values beyond it (which then match nothing stored) are left out of queries.
pub const MAX_FILTER_VALUE_BYTES: usize = 400;

/// Longest document id Meilisearch accepts, in bytes.
pub const MAX_DOCUMENT_ID_BYTES: usize = 511;

/// Encodes a filterable value: bytes among `a-z 0-9 _ - . : # / @` are kept, every other
/// byte becomes `~` and two lowercase hex digits; the empty string becomes `~`.
pub fn encode_value(value: &str) -> String {
    if value.is_empty() {
        return "~".into();
    }
    let mut out = String::with_capacity(value.len());
    for &byte in value.as_bytes() {
        if byte.is_ascii_lowercase() || byte.is_ascii_digit() || b"_-.:#/@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            push_hex(&mut out, '~', byte);
        }
    }
    out
}

/// Encodes a chunk id as a Meilisearch document id: bytes among `a-z A-Z 0-9 -` are kept,
/// every other byte becomes `_` and two lowercase hex digits.
pub fn encode_document_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for &byte in id.as_bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'-' {
            out.push(char::from(byte));
        } else {
            push_hex(&mut out, '_', byte);
        }
    }
    out
}

/// Longest chunk-order key, in bytes: within the facet length Meilisearch keeps, so keys of
/// ids up to half as long compare exactly (longer ids compare by their first 200 bytes).
pub const MAX_ORDER_KEY_BYTES: usize = 400;

/// A sort key ordering like the chunk id's bytes under Meilisearch's string sort: the id's
/// bytes as lower-case hex (two digits each, so byte order is kept, and nothing for the
/// server's case folding or Unicode normalisation to change), cut at [`MAX_ORDER_KEY_BYTES`].
pub fn order_key(id: &str) -> String {
    let mut out = String::with_capacity(id.len() * 2);
    for &byte in id.as_bytes().iter().take(MAX_ORDER_KEY_BYTES / 2) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    out
}

/// `value` as a double-quoted Meilisearch filter string, with `\` and `"` escaped.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn push_hex(out: &mut String, marker: char, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(marker);
    out.push(char::from(HEX[usize::from(byte >> 4)]));
    out.push(char::from(HEX[usize::from(byte & 0x0f)]));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inverse of an encoding, to prove it injective on the examples.
    fn decode(encoded: &str, marker: char) -> Vec<u8> {
        if encoded == "~" && marker == '~' {
            return Vec::new();
        }
        let bytes = encoded.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if char::from(bytes[i]) == marker {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        out
    }

    #[test]
    fn lowercase_ids_are_stored_as_they_are() {
        assert_eq!(encode_value("emea"), "emea");
        assert_eq!(encode_value("user-42_b.c:d#e/f@g"), "user-42_b.c:d#e/f@g");
        assert_eq!(encode_document_id("tr-000123-7"), "tr-000123-7");
    }

    #[test]
    fn everything_else_is_escaped_and_reversible() {
        for value in [
            "EMEA", "", "~", "a b", "é", "\"x\\", " emea ", "ﬁ", "~7e", "Ü-ü",
        ] {
            let encoded = encode_value(value);
            assert!(encoded.bytes().all(|b| b.is_ascii_graphic()), "{encoded}");
            assert_eq!(
                encoded,
                encoded.to_lowercase(),
                "normalisation must not change it"
            );
            assert_eq!(encoded, encoded.trim());
            assert!(!encoded.contains('"') && !encoded.contains('\\'));
            assert_eq!(decode(&encoded, '~'), value.as_bytes(), "{value:?}");
        }
        assert_ne!(encode_value("EMEA"), encode_value("emea"));
        assert_eq!(encode_value("A"), "~41");
    }

    #[test]
    fn document_ids_use_only_meilisearch_id_characters() {
        for id in ["tr-000123#4-7", "a_b", "Ünïcode id", "_5f", ""] {
            let encoded = encode_document_id(id);
            assert!(
                encoded
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            );
            assert_eq!(decode(&encoded, '_'), id.as_bytes());
        }
        assert_eq!(encode_document_id("tr-000123#4-7"), "tr-000123_234-7");
        assert_ne!(encode_document_id("a_b"), encode_document_id("a#b"));
    }

    #[test]
    fn order_keys_sort_like_the_ids_bytes_and_survive_case_folding() {
        let mut ids = [
            "tr-1#2-3",
            "TR-1#2-3",
            "tr-10#0-0",
            "tr-1_x",
            "a",
            "",
            "é",
            "Z~",
        ];
        let mut keys: Vec<String> = ids.iter().map(|id| order_key(id)).collect();
        ids.sort();
        keys.sort();
        let by_key: Vec<String> = ids.iter().map(|id| order_key(id)).collect();
        assert_eq!(keys, by_key);
        for key in &keys {
            assert_eq!(*key, key.to_lowercase());
            assert!(key.len() <= MAX_ORDER_KEY_BYTES);
        }
        assert_eq!(order_key("A#"), "4123");
        assert_eq!(order_key(&"x".repeat(500)).len(), MAX_ORDER_KEY_BYTES);
    }

    #[test]
    fn quoting_escapes_quotes_and_backslashes() {
        assert_eq!(quote("emea"), r#""emea""#);
        assert_eq!(quote(r#"a"b"#), r#""a\"b""#);
        assert_eq!(quote(r"a\b"), r#""a\\b""#);
        assert_eq!(quote(r#"\""#), r#""\\\"""#);
        assert_eq!(quote(r#"x" OR region = "y"#), r#""x\" OR region = \"y""#);
    }
}
