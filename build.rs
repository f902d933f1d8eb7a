//! Build script: the tables that search folding uses
//! (`src/model/network/search.rs`: `bases`, `is_mark`), generated from
//! unicode-normalization: each character's canonical decomposition without
//! its combining marks, and the combining marks as ranges. The app then
//! carries these two small tables instead of the crate's decomposition and
//! mark tables (docs/performance.md); the tests
//! `every_character_folds_as_with_nfd` and `marks_are_the_crates` check
//! every character against the crate.

use std::fmt::Write as _;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Hangul syllables decompose by rule (`search.rs` applies it), not by table;
/// the generated file names them `HANGUL_SYLLABLES`.
const HANGUL: std::ops::RangeInclusive<u32> = 0xAC00..=0xD7A3;
/// A value with this bit is `start << 8 | len` into `FOLD_POOL`.
const POOL: u32 = 1 << 31;

/// `xs` written one after another by `item`.
fn joined<T>(
    xs: &[T],
    item: impl Fn(&mut String, &T) -> std::fmt::Result,
) -> Result<String, std::fmt::Error> {
    xs.iter().try_fold(String::new(), |mut s, x| {
        item(&mut s, x)?;
        Ok(s)
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=build.rs");
    let (mut keys, mut values, mut pool) = (Vec::new(), Vec::new(), Vec::<char>::new());
    for c in (0x80..=0x10_FFFF_u32)
        .filter(|u| !HANGUL.contains(u))
        .filter_map(char::from_u32)
    {
        let mut full = Vec::new();
        decompose_canonical(c, |d| full.push(d));
        if full == [c] {
            continue;
        }
        let bases: Vec<char> = full
            .into_iter()
            .filter(|&d| !is_combining_mark(d))
            .collect();
        keys.push(u32::from(c));
        values.push(match bases.as_slice() {
            [one] => u32::from(*one),
            more => {
                let (start, len) = (u32::try_from(pool.len())?, u32::try_from(more.len())?);
                if len > 0xFF || start >= 1 << 23 {
                    return Err("the pool outgrew its packing".into());
                }
                pool.extend_from_slice(more);
                POOL | start << 8 | len
            }
        });
    }
    // The combining marks as ranges of code points (a few hundred), for the
    // folding's test of a mark.
    let mut marks: Vec<(u32, u32)> = Vec::new();
    for c in (0..=0x10_FFFF_u32)
        .filter_map(char::from_u32)
        .filter(|&c| is_combining_mark(c))
    {
        let u = u32::from(c);
        match marks.last_mut() {
            Some((_, last)) if *last + 1 == u => *last = u,
            _ => marks.push((u, u)),
        }
    }
    let mark_list = joined(&marks, |s, (a, b)| write!(s, "({a},{b}),"))?;
    let pool_list = joined(&pool, |s, c| write!(s, "'\\u{{{:x}}}',", u32::from(*c)))?;
    let list = |xs: &[u32]| joined(xs, |s, x| write!(s, "{x},"));
    let code = format!(
        "/// Characters with a canonical decomposition (Hangul aside), sorted.\n\
         static FOLD_KEYS: [u32; {n}] = [{keys}];\n\
         /// Each key's base characters (its decomposition without combining\n\
         /// marks): one character, or `POOL | start << 8 | len` into `FOLD_POOL`.\n\
         static FOLD_VALUES: [u32; {n}] = [{values}];\n\
         /// The base characters of the keys that have none or several.\n\
         static FOLD_POOL: [char; {m}] = [{pool_list}];\n\
         /// The flag of a `FOLD_VALUES` entry that points into `FOLD_POOL`.\n\
         const POOL: u32 = {POOL};\n\
         /// The combining marks (General_Category M), as sorted inclusive ranges.\n\
         static MARKS: [(u32, u32); {k}] = [{mark_list}];\n\
         /// The Hangul syllables: they decompose by Unicode's rule, not by the table.\n\
         const HANGUL_SYLLABLES: std::ops::RangeInclusive<u32> = {h0}..={h1};\n",
        n = keys.len(),
        keys = list(&keys)?,
        values = list(&values)?,
        h0 = HANGUL.start(),
        h1 = HANGUL.end(),
        m = pool.len(),
        k = marks.len(),
    );
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").ok_or("no OUT_DIR")?);
    std::fs::write(out.join("fold_table.rs"), code)?;
    Ok(())
}
