//! The checks of single values the format defines: years, dates, `http(s)`
//! URLs and country codes (used by the loader and the converters).

/// Whether `year` is in the range the format allows (1000–2100).
pub fn is_valid_year(year: i64) -> bool {
    (1000..=2100).contains(&year)
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar date, year 1000–2100.
pub fn is_valid_date(date: &str) -> bool {
    let number = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let mut parts = date.split('-');
    let Some(year) = parts.next().and_then(|y| number(y, 4)) else {
        return false;
    };
    if !is_valid_year(i64::from(year)) {
        return false;
    }
    let month = match parts.next() {
        None => return true,
        Some(m) => match number(m, 2) {
            Some(m @ 1..=12) => m,
            _ => return false,
        },
    };
    let day = match parts.next() {
        None => return true,
        Some(d) => match number(d, 2) {
            Some(d) => d,
            None => return false,
        },
    };
    if parts.next().is_some() {
        return false;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=days).contains(&day)
}

/// An absolute `http://` or `https://` URL with a host, and no whitespace,
/// control characters, quotes, backslashes or angle brackets (which rules
/// out `javascript:`, `data:`, `vbscript:` and relative URLs).
pub fn is_http_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return false;
    }
    let bad_char =
        |c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\' | '`');
    if url.chars().any(bad_char) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    !host.is_empty() && !host.starts_with(':') && !host.starts_with('.')
}

/// Whether `country` is two capital ASCII letters (ISO 3166-1 alpha-2 form).
pub fn is_country_code(country: &str) -> bool {
    country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase())
}
