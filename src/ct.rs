//! Constant-time comparison of a received signature against every configured key.
//!
//! The work done never depends on where the first differing byte is, nor on which key (if
//! any) matches: every byte of every candidate is compared, and the matching index is chosen
//! with masks, not branches.

use core::hint::black_box;

/// `0xFF` when `a == b`, else `0`, touching every byte. Lengths are public (they are fixed by
/// the algorithm), so unequal lengths return `0` at once.
#[inline]
pub(crate) fn eq_mask(a: &[u8], b: &[u8], mut observe: impl FnMut()) -> u8 {
    if a.len() != b.len() {
        return 0;
    }
    let mut diff = 0u8;
    for (x, y) in a.iter().zip(b) {
        observe();
        diff |= x ^ y;
    }
    let diff = black_box(diff);
    // diff == 0 → 0x00 - 1 = 0xFFFF → high byte 0xFF; otherwise the high byte is 0.
    ((u16::from(diff).wrapping_sub(1)) >> 8) as u8
}

/// Accumulates which key matched first, without early exit or data-dependent branches.
#[derive(Default)]
pub(crate) struct FirstMatch {
    found: u8,
    index: usize,
}

impl FirstMatch {
    /// Records the comparison result (`eq_mask`) for key `index`.
    #[inline]
    pub(crate) fn offer(&mut self, index: usize, eq: u8) {
        let take = eq & !self.found;
        let mask = usize::from(take & 1).wrapping_neg();
        self.index = (index & mask) | (self.index & !mask);
        self.found |= eq;
    }

    /// The index of the first key that matched, if any.
    pub(crate) fn get(&self) -> Option<usize> {
        (black_box(self.found) != 0).then_some(self.index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_and_not() {
        assert_eq!(eq_mask(b"abc", b"abc", || {}), 0xFF);
        assert_eq!(eq_mask(b"abc", b"abd", || {}), 0);
        assert_eq!(eq_mask(b"abc", b"ab", || {}), 0);
        assert_eq!(eq_mask(b"", b"", || {}), 0xFF);
    }

    #[test]
    fn same_work_for_first_and_last_byte_mismatch() {
        let good = [7u8; 32];
        let mut first = good;
        first[0] ^= 1;
        let mut last = good;
        last[31] ^= 0x80;
        let count = |other: &[u8]| {
            let mut n = 0;
            eq_mask(&good, other, || n += 1);
            n
        };
        assert_eq!(count(&first), 32);
        assert_eq!(count(&last), 32);
        assert_eq!(count(&good), 32);
    }

    #[test]
    fn first_match_wins_whatever_follows() {
        let mut m = FirstMatch::default();
        for (i, eq) in [0u8, 0xFF, 0, 0xFF].into_iter().enumerate() {
            m.offer(i, eq);
        }
        assert_eq!(m.get(), Some(1));
        let mut none = FirstMatch::default();
        none.offer(0, 0);
        assert_eq!(none.get(), None);
    }
}
