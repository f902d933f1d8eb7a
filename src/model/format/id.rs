//! The id grammar of the format, `^[a-z0-9][a-z0-9._-]{0,99}$`, in one
//! place: actors, taxonomy entries, events and stakes use it in files, and
//! the URL codec and the view state use it for the ids they accept.

/// The id grammar as a regular expression (for the JSON Schema and for
/// messages); [`is_valid_id`] is the check.
pub const PATTERN: &str = "^[a-z0-9][a-z0-9._-]{0,99}$";

/// The longest id, in bytes (all of them ASCII).
pub const MAX_LEN: usize = 100;

/// Whether `id` matches [`PATTERN`]: a lower-case ASCII letter or digit,
/// then up to 99 lower-case letters, digits, `.`, `_` or `-`.
pub fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    match bytes.split_first() {
        Some((first, rest)) => {
            alnum(first)
                && bytes.len() <= MAX_LEN
                && rest
                    .iter()
                    .all(|b| alnum(b) || matches!(b, b'.' | b'_' | b'-'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_grammar() {
        let longest = "a".repeat(MAX_LEN);
        for ok in [
            "a",
            "0",
            "decidim",
            "open-data.fr",
            "a_b-c.d",
            longest.as_str(),
        ] {
            assert!(is_valid_id(ok), "{ok}");
        }
        let too_long = "a".repeat(MAX_LEN + 1);
        for bad in [
            "",
            "-a",
            ".a",
            "_a",
            "A",
            "é",
            "a b",
            "a/b",
            "a?b",
            too_long.as_str(),
        ] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn the_pattern_says_what_the_check_does() {
        assert_eq!(PATTERN, "^[a-z0-9][a-z0-9._-]{0,99}$");
        assert_eq!(PATTERN, crate::model::format::dataset::ID_PATTERN);
    }
}
