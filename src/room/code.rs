//! Answer codes as forms.js writes them, read on the trainer's computer: the form's key
//! (a hash of its id and version), the answers as one number in mixed radix, a checksum.
//! The server checks every code it is sent exactly as the group view does, so a room only
//! ever counts answers that a page of this form and version could have given.

use crate::components::{Form, FormKind, PageComponents};

/// Crockford's base 32, as forms.js writes it (no I, L, O or U).
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// A prime: the weighted checksum over it catches every single wrong character.
const CHECK_MODULUS: usize = 1021;
const KEY_LENGTH: usize = 4;
const CHECK_LENGTH: usize = 2;

/// How a question's answer is a digit of the code: a bit per option, or the chosen option + 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Tick,
    OneOf,
}

/// A question that scores (notes never enter a code), with its options' labels in order.
#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub kind: Kind,
    pub labels: Vec<String>,
}

/// What a room needs of a form: its identity, where it is, and its scoring questions.
#[derive(Debug, Clone)]
pub struct RoomForm {
    pub id: String,
    pub version: String,
    pub title: String,
    /// The form's page, from the site's root (`fallgropar/kanner-du-igen.html`).
    pub page: String,
    pub questions: Vec<Question>,
}

/// One question's answer in a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Which options are ticked.
    Ticks(Vec<bool>),
    /// The chosen option, if any.
    Choice(Option<usize>),
}

/// Why a code is refused; the names are forms.js's (`form_code_…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    BadChars,
    /// The checksum does not hold, or the answers are out of range.
    Altered,
    /// A code of another form, or of another version of this one.
    Foreign,
}

impl Refusal {
    pub fn name(self) -> &'static str {
        match self {
            Refusal::BadChars => "bad_chars",
            Refusal::Altered => "altered",
            Refusal::Foreign => "foreign",
        }
    }
}

impl RoomForm {
    /// The form as a room reads its codes. The labels are the options forms.js numbers:
    /// a tick or choice question's options, a scale's labels, a staircase's steps.
    pub fn new(form: &Form, page: &str, components: &PageComponents) -> RoomForm {
        let questions = form
            .all_questions()
            .filter(|q| q.kind() != FormKind::Text)
            .map(|q| Question {
                id: q.id.clone(),
                text: q.text.clone(),
                kind: if q.kind() == FormKind::Tick { Kind::Tick } else { Kind::OneOf },
                labels: form.option_labels(q, components),
            })
            .collect();
        RoomForm {
            id: form.id.clone(),
            version: form.version(),
            title: form.title.clone(),
            page: page.to_string(),
            questions,
        }
    }

    /// The first four symbols of every code of this form and version: forms.js's 32-bit
    /// FNV-1a over the UTF-16 units of `id\nversion`, top 20 bits.
    fn key(&self) -> [usize; KEY_LENGTH] {
        let mut h: u32 = 0x811c_9dc5;
        for unit in format!("{}\n{}", self.id, self.version).encode_utf16() {
            h = (h ^ u32::from(unit)).wrapping_mul(0x0100_0193);
        }
        let h = (h >> 12) as usize;
        [(h >> 15) & 31, (h >> 10) & 31, (h >> 5) & 31, h & 31]
    }

    fn radix(question: &Question) -> Radix {
        match question.kind {
            Kind::Tick => Radix::Bits(question.labels.len()),
            Kind::OneOf => Radix::Small(question.labels.len() as u64 + 1),
        }
    }

    /// Symbols of the answers: enough for the largest number the answers can make.
    fn payload_length(&self) -> usize {
        let mut largest = Big::one();
        for q in &self.questions {
            match Self::radix(q) {
                Radix::Bits(n) => largest.shift_left(n),
                Radix::Small(m) => largest.mul_small(m),
            }
        }
        largest.sub_one();
        largest.bit_length().div_ceil(5).max(1)
    }

    /// The longest code of this form, as shown (symbols grouped by four with dashes).
    pub fn longest_code(&self) -> usize {
        let symbols = KEY_LENGTH + self.payload_length() + CHECK_LENGTH;
        symbols + (symbols - 1) / 4
    }

    /// The answers in `text` (a code as shown, typed or scanned), one per scoring question.
    pub fn read(&self, text: &str) -> Result<Vec<Answer>, Refusal> {
        let cleaned: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .flat_map(char::to_uppercase)
            .map(|c| match c {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            })
            .collect();
        let symbols: Option<Vec<usize>> = cleaned.bytes().map(|b| ALPHABET.iter().position(|&a| a == b)).collect();
        let symbols = match symbols {
            Some(symbols) if !symbols.is_empty() && cleaned.is_ascii() => symbols,
            _ => return Err(Refusal::BadChars),
        };
        if symbols.len() <= KEY_LENGTH + CHECK_LENGTH {
            return Err(Refusal::Altered);
        }
        let (body, check) = symbols.split_at(symbols.len() - CHECK_LENGTH);
        if checksum(body) != [check[0], check[1]] {
            return Err(Refusal::Altered);
        }
        if body[..KEY_LENGTH] != self.key() || body.len() != KEY_LENGTH + self.payload_length() {
            return Err(Refusal::Foreign);
        }
        let mut value = Big::zero();
        for &symbol in &body[KEY_LENGTH..] {
            value.shift_left(5);
            value.add_small(symbol as u64);
        }
        let mut answers: Vec<Answer> = self
            .questions
            .iter()
            .rev()
            .map(|q| match Self::radix(q) {
                Radix::Bits(n) => Answer::Ticks(value.take_low_bits(n)),
                Radix::Small(m) => Answer::Choice(value.div_small(m).checked_sub(1).map(|d| d as usize)),
            })
            .collect();
        if !value.is_zero() {
            return Err(Refusal::Altered);
        }
        answers.reverse();
        Ok(answers)
    }
}

/// forms.js's checksum: the symbols weighted by their place, modulo a prime, as two symbols.
fn checksum(symbols: &[usize]) -> [usize; 2] {
    let total = symbols.iter().enumerate().fold(0, |total, (i, v)| (total + v * (i + 1)) % CHECK_MODULUS);
    [total >> 5, total & 31]
}

/// A question's radix: a power of two (a tick list, one bit per option) or a small number.
enum Radix {
    Bits(usize),
    Small(u64),
}

/// Just enough of a big unsigned number for codes (a form of 500 ticks makes a 500-bit
/// number): little-endian 64-bit limbs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Big(Vec<u64>);

impl Big {
    fn zero() -> Big {
        Big(Vec::new())
    }

    fn one() -> Big {
        Big(vec![1])
    }

    fn is_zero(&self) -> bool {
        self.0.iter().all(|&limb| limb == 0)
    }

    fn bit_length(&self) -> usize {
        let top = self.0.iter().rposition(|&limb| limb != 0);
        top.map_or(0, |i| i * 64 + 64 - self.0[i].leading_zeros() as usize)
    }

    fn shift_left(&mut self, bits: usize) {
        let (limbs, bits) = (bits / 64, bits % 64);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let next = *limb >> (64 - bits);
                *limb = (*limb << bits) | carry;
                carry = next;
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    fn mul_small(&mut self, m: u64) {
        let mut carry = 0u128;
        for limb in &mut self.0 {
            let product = u128::from(*limb) * u128::from(m) + carry;
            *limb = product as u64;
            carry = product >> 64;
        }
        if carry != 0 {
            self.0.push(carry as u64);
        }
    }

    fn add_small(&mut self, a: u64) {
        let mut carry = a;
        for limb in &mut self.0 {
            let (sum, overflow) = limb.overflowing_add(carry);
            *limb = sum;
            carry = u64::from(overflow);
            if carry == 0 {
                return;
            }
        }
        if carry != 0 {
            self.0.push(carry);
        }
    }

    /// Subtracts one from a number that is not zero.
    fn sub_one(&mut self) {
        for limb in &mut self.0 {
            let (difference, borrow) = limb.overflowing_sub(1);
            *limb = difference;
            if !borrow {
                return;
            }
        }
    }

    /// Divides by `d` (not zero) in place; returns the remainder.
    fn div_small(&mut self, d: u64) -> u64 {
        let mut remainder = 0u128;
        for limb in self.0.iter_mut().rev() {
            let current = (remainder << 64) | u128::from(*limb);
            *limb = (current / u128::from(d)) as u64;
            remainder = current % u128::from(d);
        }
        remainder as u64
    }

    /// The lowest `n` bits, lowest first, shifted out.
    fn take_low_bits(&mut self, n: usize) -> Vec<bool> {
        let bits = (0..n).map(|k| self.0.get(k / 64).is_some_and(|limb| (limb >> (k % 64)) & 1 == 1)).collect();
        let (limbs, rest) = (n / 64, n % 64);
        self.0.drain(..limbs.min(self.0.len()));
        if rest > 0 {
            for i in 0..self.0.len() {
                let high = self.0.get(i + 1).map_or(0, |next| next << (64 - rest));
                self.0[i] = (self.0[i] >> rest) | high;
            }
        }
        bits
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// forms.js writes codes with the same alphabet, checksum and lengths as this reads.
    #[test]
    fn forms_js_writes_codes_as_this_reads_them() {
        let js = |name| crate::theme::js_constant("js/forms.js", name);
        assert_eq!(js("ALPHABET").as_deref().map(str::as_bytes), Some(&ALPHABET[..]));
        assert_eq!(js("CHECK_MODULUS"), Some(CHECK_MODULUS.to_string()));
        assert_eq!(js("KEY_LENGTH"), Some(KEY_LENGTH.to_string()));
        assert_eq!(js("CHECK_LENGTH"), Some(CHECK_LENGTH.to_string()));
    }

    /// A form `f` of the questions' kinds and option counts (also for the pool's tests).
    pub(crate) fn form(questions: Vec<(Kind, usize)>) -> RoomForm {
        RoomForm {
            id: "f".into(),
            version: "0000abcd".into(),
            title: "F".into(),
            page: "f.html".into(),
            questions: questions
                .into_iter()
                .enumerate()
                .map(|(i, (kind, n))| Question {
                    id: format!("q{i}"),
                    text: format!("Q{i}"),
                    kind,
                    labels: (0..n).map(|k| format!("o{k}")).collect(),
                })
                .collect(),
        }
    }

    /// A code of `form` for `digits`, written here from the format (forms.js writes the
    /// same; the browser test of the room sends codes forms.js made).
    pub(crate) fn code(form: &RoomForm, digits: &[u64]) -> String {
        let mut value = Big::zero();
        for (q, &digit) in form.questions.iter().zip(digits) {
            match RoomForm::radix(q) {
                Radix::Bits(n) => value.shift_left(n),
                Radix::Small(m) => value.mul_small(m),
            }
            value.add_small(digit);
        }
        let mut payload = Vec::new();
        for _ in 0..form.payload_length() {
            payload.push(value.div_small(32) as usize);
        }
        payload.reverse();
        let mut symbols: Vec<usize> = form.key().into_iter().chain(payload).collect();
        symbols.extend(checksum(&symbols));
        symbols.iter().map(|&v| ALPHABET[v] as char).collect()
    }

    #[test]
    fn codes_read_back_their_answers() {
        let f = form(vec![(Kind::Tick, 3), (Kind::OneOf, 4), (Kind::OneOf, 2)]);
        let text = code(&f, &[0b101, 3, 0]);
        let answers = f.read(&text).unwrap();
        assert_eq!(
            answers,
            vec![Answer::Ticks(vec![true, false, true]), Answer::Choice(Some(2)), Answer::Choice(None)]
        );
        let grouped: Vec<String> =
            text.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).to_lowercase()).collect();
        assert_eq!(f.read(&format!(" {} \n", grouped.join("-"))), Ok(answers), "dashes, spaces, lower case");
    }

    #[test]
    fn altered_foreign_and_bad_codes_are_refused() {
        let f = form(vec![(Kind::Tick, 3), (Kind::OneOf, 4)]);
        let text = code(&f, &[0b011, 1]);
        let mut altered = text.clone().into_bytes();
        altered[KEY_LENGTH] = if altered[KEY_LENGTH] == b'1' { b'2' } else { b'1' };
        assert_eq!(f.read(std::str::from_utf8(&altered).unwrap()), Err(Refusal::Altered));
        let other = RoomForm { version: "0000abce".into(), ..f.clone() };
        assert_eq!(other.read(&text), Err(Refusal::Foreign), "another version");
        assert_eq!(form(vec![(Kind::Tick, 30)]).read(&text), Err(Refusal::Foreign), "another shape");
        for bad in ["", "K7QM-3XR9-U", "ÅÄÖ", "<script>"] {
            assert_eq!(f.read(bad), Err(Refusal::BadChars), "{bad:?}");
        }
        assert_eq!(f.read("K7QM"), Err(Refusal::Altered), "too short to hold a checksum");
    }

    #[test]
    fn answers_out_of_range_are_refused() {
        // 3 ticks and a one-of of 4: 8 × 5 = 40 values, two symbols (up to 1023) hold more.
        let f = form(vec![(Kind::Tick, 3), (Kind::OneOf, 4)]);
        let mut symbols: Vec<usize> = f.key().into_iter().chain([31, 31]).collect();
        symbols.extend(checksum(&symbols));
        let text: String = symbols.iter().map(|&v| ALPHABET[v] as char).collect();
        assert_eq!(f.read(&text), Err(Refusal::Altered));
    }

    #[test]
    fn long_tick_lists_stay_exact() {
        let f = form(vec![(Kind::Tick, 100), (Kind::OneOf, 100), (Kind::Tick, 70)]);
        let text = code(&f, &[1, 100, 1 << 63]);
        let answers = f.read(&text).unwrap();
        let Answer::Ticks(first) = &answers[0] else { panic!("ticks") };
        assert!(first[0] && first[1..].iter().all(|t| !t));
        assert_eq!(answers[1], Answer::Choice(Some(99)));
        let Answer::Ticks(last) = &answers[2] else { panic!("ticks") };
        assert_eq!(last.iter().position(|&t| t), Some(63));
    }
}
