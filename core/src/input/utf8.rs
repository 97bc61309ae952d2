//! The UTF-8 check of a text file's bytes.
//!
//! `std::str::from_utf8` looks at the bytes a word at a time; on a 64-bit machine with SIMD,
//! `simdutf8` checks 32 or 64 bytes an instruction and needs a tenth of the instructions (the
//! check was 35 M of 1,297 M instructions for every tenth federal law). It decides only whether
//! the bytes are valid; where they are not, the standard check runs once more for the error's
//! place (`valid_up_to`), so both answers are exactly those of `std`. The WebAssembly module
//! reads text already decoded and keeps the standard check (no dependency of its own there).

/// `std::str::from_utf8(bytes)`, the same result, faster on valid text.
pub fn from_utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    #[cfg(not(target_arch = "wasm32"))]
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Ok(s);
    }
    std::str::from_utf8(bytes)
}

#[cfg(test)]
mod tests {
    use super::from_utf8;

    #[test]
    fn same_answer_as_std() {
        let mut cases: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            "§ 3 Abs. 1 – schriftlich „Antrag“ €".as_bytes().to_vec(),
            vec![b'a'; 100],
            vec![0xC3],
            vec![0xE2, 0x82],
            vec![0xED, 0xA0, 0x80],
            vec![0xF4, 0x90, 0x80, 0x80],
            vec![0xC0, 0x80],
        ];
        // Invalid bytes at every place of a long text, so that each of the SIMD blocks and the
        // tail is exercised.
        let long = "Die Behörde übermittelt den Bescheid elektronisch. ".repeat(8).into_bytes();
        for at in 0..long.len() {
            let mut bad = long.clone();
            bad[at] = 0xFF;
            cases.push(bad);
        }
        cases.push(long);
        for bytes in &cases {
            let (ours, std) = (from_utf8(bytes), std::str::from_utf8(bytes));
            assert_eq!(ours.map_err(|e| (e.valid_up_to(), e.error_len())), std.map_err(|e| (e.valid_up_to(), e.error_len())));
        }
    }
}
