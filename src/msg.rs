//! Error messages built without `core::fmt`: `msg!("body too large: ", len, " bytes")` appends
//! each piece to one `String` (strings as they are, integers in decimal through the
//! wasm-friendly [`Digits`]). `format!` would pull the formatting machinery (`Formatter`,
//! padding, `Display` for integers: several KB) into the verify-only `.wasm` of the npm package;
//! `make bench` (size section, twiggy) reports what is left of it. The texts are the same as
//! `format!` gave: tests/vectors/callbacks.json holds the messages byte for byte.

use crate::signature::Digits;

/// One piece of a message.
pub(crate) trait Piece {
    /// Appends the piece to `out`.
    fn push_to(&self, out: &mut String);
}

impl Piece for str {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for std::borrow::Cow<'_, str> {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out);
    }
}

impl Piece for u64 {
    fn push_to(&self, out: &mut String) {
        out.push_str(Digits::new(*self).as_str());
    }
}

impl Piece for usize {
    fn push_to(&self, out: &mut String) {
        (*self as u64).push_to(out);
    }
}

impl Piece for u32 {
    fn push_to(&self, out: &mut String) {
        u64::from(*self).push_to(out);
    }
}

/// A code point as at least four hexadecimal digits (`{:04x}` / `{:04X}`).
pub(crate) struct Hex4 {
    /// The value.
    pub(crate) value: u32,
    /// Upper-case digits.
    pub(crate) upper: bool,
}

impl Piece for Hex4 {
    fn push_to(&self, out: &mut String) {
        let digits: &[u8; 16] = if self.upper {
            b"0123456789ABCDEF"
        } else {
            b"0123456789abcdef"
        };
        let mut shift = 28;
        // Skip leading zero nibbles beyond the fourth digit.
        while shift > 12 && (self.value >> shift) & 15 == 0 {
            shift -= 4;
        }
        loop {
            out.push(char::from(digits[((self.value >> shift) & 15) as usize]));
            if shift == 0 {
                break;
            }
            shift -= 4;
        }
    }
}

/// `msg!(piece, piece, …)`: the pieces ([`Piece`]) concatenated into a new `String`.
macro_rules! msg {
    ($($piece:expr),+ $(,)?) => {{
        let mut out = String::new();
        $( $crate::msg::Piece::push_to(&$piece, &mut out); )+
        out
    }};
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
