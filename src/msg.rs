//! Error messages built without `core::fmt`: `msg!("body too large: ", len, " bytes")` appends
//! each piece to one `String` (strings as they are, integers in decimal through the
//! wasm-friendly [`Digits`]). `format!` would pull the formatting machinery (`Formatter`,
//! padding, `Display` for integers: several KB) into the verify-only `.wasm` of the npm package;
//! `make bench` (size section, twiggy) reports what is left of it. The texts are the same as
//! `format!` gave: tests/vectors/callbacks.json holds the messages byte for byte.

use std::borrow::Cow;

use crate::num::Digits;

/// One piece of a message, as [`concat`] takes it.
pub(crate) enum Piece<'a> {
    /// Text, as it is.
    Str(&'a str),
    /// An integer, in decimal.
    Int(u64),
    /// A code point in hexadecimal, at least four digits ([`Hex4`]).
    Hex(u32, bool),
}

/// What `msg!` accepts as a piece.
pub(crate) trait IntoPiece {
    /// The piece.
    fn piece(&self) -> Piece<'_>;
}

impl IntoPiece for str {
    fn piece(&self) -> Piece<'_> {
        Piece::Str(self)
    }
}

impl IntoPiece for String {
    fn piece(&self) -> Piece<'_> {
        Piece::Str(self)
    }
}

impl IntoPiece for Cow<'_, str> {
    fn piece(&self) -> Piece<'_> {
        Piece::Str(self)
    }
}

impl<T: IntoPiece + ?Sized> IntoPiece for &T {
    fn piece(&self) -> Piece<'_> {
        (**self).piece()
    }
}

impl IntoPiece for u64 {
    fn piece(&self) -> Piece<'_> {
        Piece::Int(*self)
    }
}

impl IntoPiece for usize {
    fn piece(&self) -> Piece<'_> {
        Piece::Int(*self as u64)
    }
}

impl IntoPiece for u32 {
    fn piece(&self) -> Piece<'_> {
        Piece::Int(u64::from(*self))
    }
}

/// A code point as at least four hexadecimal digits (`{:04x}` / `{:04X}`).
pub(crate) struct Hex4 {
    /// The value.
    pub(crate) value: u32,
    /// Upper-case digits.
    pub(crate) upper: bool,
}

impl IntoPiece for Hex4 {
    fn piece(&self) -> Piece<'_> {
        Piece::Hex(self.value, self.upper)
    }
}

/// The pieces, concatenated. Not inlined: each `msg!` is an array of pieces and one call, so
/// the many messages cost little code each.
#[inline(never)]
pub(crate) fn concat(pieces: &[Piece<'_>]) -> String {
    let mut out = String::new();
    for p in pieces {
        match *p {
            Piece::Str(s) => out.push_str(s),
            Piece::Int(v) => out.push_str(Digits::new(v).as_str()),
            Piece::Hex(value, upper) => push_hex4(&mut out, value, upper),
        }
    }
    out
}

/// `items` separated by `sep` (`[..].join(sep)`, one function for every message that lists).
#[inline(never)]
pub(crate) fn join(items: &[&str], sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item);
    }
    out
}

/// Appends `value` as at least four hexadecimal digits (`{:04x}` / `{:04X}`).
pub(crate) fn push_hex4(out: &mut String, value: u32, upper: bool) {
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut shift = 28;
    // Leading zero nibbles beyond the fourth digit are left out.
    while shift > 12 && (value >> shift) & 15 == 0 {
        shift -= 4;
    }
    loop {
        out.push(char::from(digits[((value >> shift) & 15) as usize]));
        if shift == 0 {
            break;
        }
        shift -= 4;
    }
}

/// `msg!(piece, piece, …)`: the pieces ([`IntoPiece`]) concatenated into a new `String`.
macro_rules! msg {
    ($($piece:expr),+ $(,)?) => {
        $crate::msg::concat(&[$($crate::msg::IntoPiece::piece(&$piece)),+])
    };
}
pub(crate) use msg;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_match_format() {
        let (len, max, n) = (1_048_577usize, u64::MAX, 7u32);
        assert_eq!(
            msg!(
                "body too large: ",
                len,
                " bytes > ",
                max,
                " ",
                n,
                String::from("!")
            ),
            format!("body too large: {len} bytes > {max} {n}!")
        );
        for v in [
            0u32,
            7,
            0x1f,
            0x7f,
            0xabc,
            0xffff,
            0x1_0000,
            0x10_ffff,
            u32::MAX,
        ] {
            let lower = Hex4 {
                value: v,
                upper: false,
            };
            let upper = Hex4 {
                value: v,
                upper: true,
            };
            assert_eq!(msg!(lower), format!("{v:04x}"));
            assert_eq!(msg!(upper), format!("{v:04X}"));
        }
        assert_eq!(msg!(0u64), "0");
    }
}
