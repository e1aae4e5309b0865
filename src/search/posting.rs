//! Postings as letters: strings of variable-length numbers in a 64-letter alphabet that needs
//! no escaping in JavaScript (5 bits per letter; the upper 32 letters mean "more follows").
//! Below both the index, which encodes each posting as it is made, and the shard files.

const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Appends `n` as a variable-length number.
pub fn push_number(out: &mut String, mut n: u32) {
    while n >= 32 {
        out.push(ALPHABET[32 + (n & 31) as usize] as char);
        n >>= 5;
    }
    out.push(ALPHABET[n as usize] as char);
}

/// A term's posting in one document, without the document: the impact, the number of
/// positions and the gaps between them.
pub fn encode_posting(out: &mut String, impact: u32, positions: &[u32]) {
    push_number(out, impact);
    push_number(out, positions.len() as u32);
    let mut previous = None;
    for &p in positions {
        push_number(out, previous.map_or(p, |q: u32| p - q - 1));
        previous = Some(p);
    }
}

/// One term's postings, encoded as they are added (in increasing document order): for each
/// document the gap to the previous one, the impact, the number of positions and the gaps
/// between them.
#[derive(Default)]
pub struct PostingWriter {
    encoded: String,
    last_doc: Option<u32>,
}

impl PostingWriter {
    /// Adds document `doc` (after every document added so far) with its posting as
    /// [`encode_posting`] wrote it.
    pub fn push_encoded(&mut self, doc: u32, posting: &str) {
        let gap = match self.last_doc {
            Some(last) => doc - last - 1,
            None => doc,
        };
        self.last_doc = Some(doc);
        push_number(&mut self.encoded, gap);
        self.encoded.push_str(posting);
    }

    pub fn as_str(&self) -> &str {
        &self.encoded
    }

    /// (document, impact, positions) in order; what search.js decodes.
    #[cfg(test)]
    pub fn decode(&self) -> Vec<(u32, u32, Vec<u32>)> {
        let mut numbers = self.encoded.bytes().scan((0u32, 0u32), |(value, shift), byte| {
            let digit = ALPHABET.iter().position(|&a| a == byte).expect("alphabet letter") as u32;
            *value |= (digit & 31) << *shift;
            if digit >= 32 {
                *shift += 5;
                Some(None)
            } else {
                let n = *value;
                (*value, *shift) = (0, 0);
                Some(Some(n))
            }
        });
        let mut next = || numbers.by_ref().flatten().next();
        let mut out = Vec::new();
        let mut doc: Option<u32> = None;
        while let Some(gap) = next() {
            let d = doc.map_or(gap, |d| d + gap + 1);
            doc = Some(d);
            let impact = next().expect("impact");
            let count = next().expect("count");
            let mut positions: Vec<u32> = Vec::new();
            for _ in 0..count {
                let g = next().expect("position");
                positions.push(positions.last().map_or(g, |p| p + g + 1));
            }
            out.push((d, impact, positions));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// search.js decodes with the same alphabet.
    #[test]
    fn search_js_reads_this_alphabet() {
        let alphabet = crate::theme::js_constant("js/search.js", "ALPHABET");
        assert_eq!(alphabet.as_deref().map(str::as_bytes), Some(&ALPHABET[..]));
    }

    #[test]
    fn postings_round_trip_through_the_letter_encoding() {
        let mut postings = PostingWriter::default();
        for (doc, impact, positions) in [(0, 61, &[0, 1, 40][..]), (1, 3, &[]), (70_000, 1, &[5, 1_000_000])] {
            let mut posting = String::new();
            encode_posting(&mut posting, impact, positions);
            postings.push_encoded(doc, &posting);
        }
        assert_eq!(postings.decode(), [(0, 61, vec![0, 1, 40]), (1, 3, vec![]), (70_000, 1, vec![5, 1_000_000])]);
        assert!(postings.as_str().bytes().all(|b| ALPHABET.contains(&b)));
        let mut small = String::new();
        push_number(&mut small, 31);
        push_number(&mut small, 32);
        assert_eq!(small, "VW1", "31 is one letter, 32 two");
    }
}
