//! Numbers, dates and sizes as each language writes them, and a word
//! capitalised.

use crate::model::view::state::Lang;

/// `n` with thousands separated the way `lang` writes them.
pub fn number(lang: Lang, n: usize) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::Fr => '\u{202f}',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date of the format in words: "2 février 1995", "1er mars 2015",
/// "février 1995", "1995" / "2 February 1995".
pub fn date(lang: Lang, d: &crate::model::view::timeline::Date) -> String {
    let months = match lang {
        Lang::Fr => &MONTHS_FR,
        Lang::En => &MONTHS_EN,
    };
    let month = d
        .month
        .and_then(|m| months.get(usize::from(m).wrapping_sub(1)));
    match (month, d.day) {
        (Some(m), Some(1)) if lang == Lang::Fr => format!("1er {m} {}", d.year),
        (Some(m), Some(day)) => format!("{day} {m} {}", d.year),
        (Some(m), None) => format!("{m} {}", d.year),
        _ => d.year.to_string(),
    }
}

/// A size in bytes, in decimal units: "850 octets", "100 Ko", "1,5 Mo",
/// "20 Mo" (one decimal at most, dropped when it is 0).
pub fn size(lang: Lang, bytes: u64) -> String {
    // The unit is chosen on the rounded value: 999,960 bytes is "1 Mo".
    let (unit, fr, en): (u64, &str, &str) = if bytes >= 999_950_000 {
        (1_000_000_000, "Go", "GB")
    } else if bytes >= 999_950 {
        (1_000_000, "Mo", "MB")
    } else if bytes >= 1_000 {
        (1_000, "Ko", "KB")
    } else {
        return match lang {
            Lang::Fr if bytes <= 1 => format!("{bytes}\u{a0}octet"),
            Lang::Fr => format!("{bytes}\u{a0}octets"),
            Lang::En if bytes == 1 => format!("{bytes}\u{a0}byte"),
            Lang::En => format!("{bytes}\u{a0}bytes"),
        };
    };
    let tenths = (u128::from(bytes) * 10 + u128::from(unit) / 2) / u128::from(unit);
    let whole = usize::try_from(tenths / 10).unwrap_or(usize::MAX);
    let frac = tenths % 10;
    let (mark, word) = match lang {
        Lang::Fr => (',', fr),
        Lang::En => ('.', en),
    };
    if frac == 0 {
        format!("{}\u{a0}{word}", number(lang, whole))
    } else {
        format!("{}{mark}{frac}\u{a0}{word}", number(lang, whole))
    }
}

/// `s` with its first letter in capitals, for the UI's own words (French
/// and English: ASCII letters, Latin-1's and `œ`, `ÿ`). Not
/// `char::to_uppercase`: that links Unicode's whole uppercase table into
/// the wasm for a first letter that is always one of these.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let upper = match first {
        'a'..='z' => first.to_ascii_uppercase(),
        'à'..='þ' if first != '÷' => char::from_u32(u32::from(first) - 0x20).unwrap_or(first),
        'œ' => 'Œ',
        'ÿ' => 'Ÿ',
        _ => first,
    };
    std::iter::once(upper).chain(chars).collect()
}
