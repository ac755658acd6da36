//! SHA-256, HMAC-SHA256 (RFC 2104) and MD5 (RFC 1321): the three hashes the signature schemes
//! use (spec §1, §2, §4, §5), as small streaming states.
//!
//! SHA-256's compression function is RustCrypto's (`sha2::compress256`: unrolled in the full
//! build, the compact loop in the verify-only one through the bindings' `small` feature). The
//! rest is here instead of the `digest` / `hmac` / `md-5` trait stack, which cost the
//! verify-only `.wasm` several KB for what is a block buffer and two paddings: the byte count,
//! the 0x80 marker, the bit length (big-endian for SHA-256, little-endian for MD5), HMAC's two
//! padded keys, and MD5's 64 steps as one loop (the MD5 scheme hashes one or two blocks per
//! call: its speed does not matter). `tests/primitives.rs` checks all three against RFC 4231,
//! Wycheproof and RFC 1321, and against the RustCrypto crates on random inputs.

use sha2::digest::generic_array::GenericArray;

/// A 64-byte block buffer with the count of bytes absorbed, shared by both hashes.
#[derive(Clone)]
struct Blocks {
    block: [u8; 64],
    /// Bytes in `block`, always < 64 between calls.
    used: usize,
    /// Bytes absorbed in all.
    total: u64,
}

impl Blocks {
    const fn new() -> Self {
        Blocks {
            block: [0; 64],
            used: 0,
            total: 0,
        }
    }

    /// Absorbs `data`, calling `compress` on each full block.
    fn update(&mut self, mut data: &[u8], mut compress: impl FnMut(&[u8; 64])) {
        self.total = self.total.wrapping_add(data.len() as u64);
        if self.used > 0 {
            let take = (64 - self.used).min(data.len());
            self.block[self.used..self.used + take].copy_from_slice(&data[..take]);
            self.used += take;
            data = &data[take..];
            if self.used < 64 {
                return;
            }
            compress(&self.block);
            self.used = 0;
        }
        let mut chunks = data.chunks_exact(64);
        for chunk in &mut chunks {
            // Always 64 bytes (chunks_exact): compressed where it lies, not copied first.
            if let Ok(block) = <&[u8; 64]>::try_from(chunk) {
                compress(block);
            }
        }
        let rest = chunks.remainder();
        self.block[..rest.len()].copy_from_slice(rest);
        self.used = rest.len();
    }

    /// The final padding: 0x80, zeros, and the message length in bits as 8 bytes.
    fn finish(mut self, big_endian: bool, mut compress: impl FnMut(&[u8; 64])) {
        let bits = self.total.wrapping_mul(8);
        self.block[self.used] = 0x80;
        self.block[self.used + 1..].fill(0);
        if self.used >= 56 {
            compress(&self.block);
            self.block = [0; 64];
        }
        self.block[56..].copy_from_slice(&if big_endian {
            bits.to_be_bytes()
        } else {
            bits.to_le_bytes()
        });
        compress(&self.block);
    }
}

/// A SHA-256 state (FIPS 180-4).
#[derive(Clone)]
pub(crate) struct Sha256 {
    state: [u32; 8],
    blocks: Blocks,
}

fn sha256_compress(state: &mut [u32; 8], block: &[u8; 64]) {
    sha2::compress256(
        state,
        core::slice::from_ref(GenericArray::from_slice(block)),
    );
}

impl Sha256 {
    /// The initial state.
    pub(crate) const fn new() -> Self {
        Sha256 {
            state: [
                0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
                0x5be0cd19,
            ],
            blocks: Blocks::new(),
        }
    }

    /// Absorbs `data`.
    pub(crate) fn update(&mut self, data: &[u8]) {
        let state = &mut self.state;
        self.blocks
            .update(data, |block| sha256_compress(state, block));
    }

    /// The digest.
    pub(crate) fn finalize(self) -> [u8; 32] {
        let mut state = self.state;
        self.blocks
            .finish(true, |block| sha256_compress(&mut state, block));
        let mut out = [0u8; 32];
        for (bytes, word) in out.chunks_exact_mut(4).zip(state) {
            bytes.copy_from_slice(&word.to_be_bytes());
        }
        out
    }
}

/// An HMAC-SHA256 state (RFC 2104): prepared once per key, cloned for each message.
#[derive(Clone)]
pub(crate) struct HmacSha256 {
    inner: Sha256,
    outer: Sha256,
}

impl HmacSha256 {
    /// The state keyed with `key`, of any length (a key longer than the 64-byte block is
    /// hashed first, as RFC 2104 says).
    pub(crate) fn new(key: &[u8]) -> Self {
        let mut padded = [0u8; 64];
        if key.len() > 64 {
            let mut h = Sha256::new();
            h.update(key);
            padded[..32].copy_from_slice(&h.finalize());
        } else {
            padded[..key.len()].copy_from_slice(key);
        }
        let mut inner = Sha256::new();
        let mut outer = Sha256::new();
        for b in &mut padded {
            *b ^= 0x36;
        }
        inner.update(&padded);
        for b in &mut padded {
            *b ^= 0x36 ^ 0x5c;
        }
        outer.update(&padded);
        HmacSha256 { inner, outer }
    }

    /// Absorbs message bytes.
    pub(crate) fn update(&mut self, data: &[u8]) {
        self.inner.update(data);
    }

    /// The tag.
    pub(crate) fn finalize(self) -> [u8; 32] {
        let mut outer = self.outer;
        outer.update(&self.inner.finalize());
        outer.finalize()
    }
}

/// An MD5 state (RFC 1321).
#[derive(Clone)]
pub(crate) struct Md5 {
    state: [u32; 4],
    blocks: Blocks,
}

/// RFC 1321 §3.4: the per-step shift amounts, four per round.
const MD5_SHIFTS: [u32; 16] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/// RFC 1321 §3.4: T[i] = floor(2^32 · |sin(i + 1)|).
const MD5_T: [u32; 64] = [
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
];

/// Not inlined: one copy of the 64 steps for the MD5 paths (key prefix, message, final block).
#[inline(never)]
fn md5_compress(state: &mut [u32; 4], block: &[u8; 64]) {
    let mut x = [0u32; 16];
    for (word, bytes) in x.iter_mut().zip(block.chunks_exact(4)) {
        *word = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    }
    let [mut a, mut b, mut c, mut d] = *state;
    for i in 0..64 {
        // The four auxiliary functions F, G, H, I and the message word each step uses.
        let (f, k) = match i / 16 {
            0 => ((b & c) | (!b & d), i),
            1 => ((b & d) | (c & !d), (5 * i + 1) % 16),
            2 => (b ^ c ^ d, (3 * i + 5) % 16),
            _ => (c ^ (b | !d), (7 * i) % 16),
        };
        let sum = a.wrapping_add(f).wrapping_add(MD5_T[i]).wrapping_add(x[k]);
        a = d;
        d = c;
        c = b;
        b = b.wrapping_add(sum.rotate_left(MD5_SHIFTS[(i / 16) * 4 + i % 4]));
    }
    for (s, v) in state.iter_mut().zip([a, b, c, d]) {
        *s = s.wrapping_add(v);
    }
}

impl Md5 {
    /// The initial state.
    pub(crate) const fn new() -> Self {
        Md5 {
            state: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476],
            blocks: Blocks::new(),
        }
    }

    /// Absorbs `data`.
    pub(crate) fn update(&mut self, data: &[u8]) {
        let state = &mut self.state;
        self.blocks.update(data, |block| md5_compress(state, block));
    }

    /// The digest.
    pub(crate) fn finalize(self) -> [u8; 16] {
        let mut state = self.state;
        self.blocks
            .finish(false, |block| md5_compress(&mut state, block));
        let mut out = [0u8; 16];
        for (bytes, word) in out.chunks_exact_mut(4).zip(state) {
            bytes.copy_from_slice(&word.to_le_bytes());
        }
        out
    }
}
