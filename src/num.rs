//! Integers in text: reading canonical decimal and plain digit strings as `u64`, and writing a
//! `u64` as decimal digits, without the formatting machinery (these run on the verify path and
//! in the wasm build, where `u64` multiplication and division are calls).

/// Canonical decimal digits (no sign, no leading zero except "0") as `u64`.
pub(crate) fn decimal_u64(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.len() > 1 && b[0] == b'0' {
        return None;
    }
    digits_u64(b)
}

/// One to twenty ASCII digits as `u64`, `None` on anything else or overflow. Up to 19 digits
/// cannot overflow, so only a 20th digit is checked (a `checked_mul` on `u64` costs a 128-bit
/// multiplication call in wasm32).
pub(crate) fn digits_u64(b: &[u8]) -> Option<u64> {
    if b.is_empty() || b.len() > 20 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let (head, last) = b.split_at(b.len().min(19));
    let v = head.iter().fold(0u64, |v, &c| v * 10 + u64::from(c - b'0'));
    match last {
        [] => Some(v),
        [c] => v.checked_mul(10)?.checked_add(u64::from(c - b'0')),
        _ => None,
    }
}

/// `u64` as decimal digits without the formatting machinery (this is on the verify path).
pub(crate) struct Digits {
    buf: [u8; 20],
    start: u8,
}

impl Digits {
    pub(crate) fn new(mut v: u64) -> Digits {
        let mut buf = [0u8; 20];
        let mut i = buf.len();
        // `u64` division by 10 is a 128-bit multiplication call in wasm32; Unix times fit `u32`
        // until 2106, so the loop runs on `u32` once the value does.
        while v > u64::from(u32::MAX) {
            i -= 1;
            buf[i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
        let mut w = v as u32;
        loop {
            i -= 1;
            buf[i] = b'0' + (w % 10) as u8;
            w /= 10;
            if w == 0 {
                break;
            }
        }
        Digits {
            buf,
            start: i as u8,
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits were written.
        core::str::from_utf8(&self.buf[self.start as usize..]).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits() {
        for v in [
            0,
            7,
            10,
            1587954140,
            4294967295,
            4294967296,
            9999999999,
            u64::MAX,
        ] {
            assert_eq!(Digits::new(v).as_str(), v.to_string());
        }
    }

    #[test]
    fn decimal() {
        assert_eq!(decimal_u64("0"), Some(0));
        assert_eq!(decimal_u64("18446744073709551615"), Some(u64::MAX));
        assert_eq!(
            decimal_u64("9999999999999999999"),
            Some(9_999_999_999_999_999_999)
        );
        assert_eq!(digits_u64(b"00042"), Some(42));
        for bad in [
            "",
            "01",
            "18446744073709551616",
            "99999999999999999999",
            "1a",
            "+1",
            " 1",
        ] {
            assert_eq!(decimal_u64(bad), None, "{bad}");
        }
    }
}
