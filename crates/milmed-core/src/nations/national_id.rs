//! National identification numbers: generation and an independent validator.
//!
//! Every scheme has a generator (`gen_*`) and a validator (`val_*`). The validators never call
//! a generator: they parse the text, recompute check digits with their own code (where possible
//! in the "whole number" form, e.g. a weighted sum over all digits including the check digit
//! that must be ≡ 0), and compare the encoded birth date and sex with the expected ones.
//!
//! Generated numbers are synthetic: they are structurally valid but are drawn from the free
//! digits supplied by the caller, so a generated number may coincide with a real person's.
//!
//! | Nation | Scheme | Date | Sex | Check |
//! |---|---|---|---|---|
//! | ALB | NID (numri personal) `J00101999W` | yes | yes (month +50) | mod-23 letter as used by public decoders; no official specification is published |
//! | AUS | Tax File Number | – | – | weights 1,4,3,7,5,8,6,9,10 mod 11 |
//! | BEL | Rijksregisternummer | yes | serial parity | 97 − (n mod 97), `2` prefix for births ≥ 2000 |
//! | BGR | EGN | yes (+20/+40 month) | 9th digit even = male | weights 2,4,8,5,10,9,7,3,6 mod 11 (10 → 0) |
//! | CAN | SIN | – | – | Luhn |
//! | CZE/SVK | Rodné číslo | yes (+50 women) | yes | whole number ≡ 0 mod 11 |
//! | DEU | Personalausweis document number | – | – | ICAO 9303 weights 7,3,1 |
//! | DNK | CPR | yes (7th digit century) | last digit | modulus 11 generated, not required (see [`cpr_modulus11_ok`]) |
//! | ESP | DNI | – | – | letter by mod 23 |
//! | EST/LTU | Isikukood / asmens kodas | yes | first digit | two-stage mod 11 |
//! | FIN | HETU | yes | individual number parity | mod-31 character |
//! | FRA | NIR | year, month | first digit | 97 − (n mod 97) |
//! | GBR | NINO | – | – | none (prefix/suffix rules only) |
//! | GRC | AMKA | DDMMYY | 10th digit | Luhn |
//! | HRV | OIB | – | – | ISO 7064 MOD 11,10 |
//! | HUN | TAJ | – | – | weights 3,7 mod 10 |
//! | ISL | Kennitala | yes | – | weights 3,2,7,6,5,4,3,2 mod 11 |
//! | ITA | Codice fiscale | year, month, day | day +40 | odd/even tables mod 26 |
//! | LUX | Matricule | yes | – | Luhn + Verhoeff |
//! | LVA | Personas kods (old, date-based format) | yes | – | weights 1,6,3,7,9,10,5,8,4,2 mod 11 |
//! | MKD/MNE/SVN | EMBG / JMBG / EMŠO | yes | serial 000–499 male | weights 7,6,5,4,3,2 mod 11 |
//! | NLD | BSN | – | – | 11-proof |
//! | NOR | Fødselsnummer | yes | 9th digit | two mod-11 checks |
//! | NZL | NHI (AAANNNC) | – | – | mod 11 |
//! | POL | PESEL | yes | 10th digit | weights 1,3,7,9 mod 10 |
//! | PRT | NIF | – | – | weights 9..2 mod 11 |
//! | ROU | CNP | yes | first digit | weights 279146358279 mod 11 (10 → 1) |
//! | SWE | Personnummer | yes | 9th digit | Luhn |
//! | TUR | T.C. Kimlik No | – | – | two-digit mod-10 rule |
//! | UKR | RNOKPP | days since 1899-12-31 | 9th digit | weights −1,5,7,9,4,6,10,5,7 mod 11 mod 10 |
//! | USA | SSN | – | – | none (area/group/serial ranges only) |

// `u32::is_multiple_of` needs Rust 1.87; the workspace declares rust-version 1.80.
#![allow(clippy::manual_is_multiple_of)]

use super::Nation;

/// Birth date as `(year, month, day)`.
type Birth = (i32, u32, u32);

/// What a nation's identification number encodes, for callers and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdSchemeInfo {
    /// The number encodes (at least the year of) the birth date.
    pub encodes_birth_date: bool,
    /// The number encodes the holder's sex.
    pub encodes_sex: bool,
    /// The number carries a check digit / character that the validator enforces.
    pub has_check: bool,
}

/// Properties of the identification scheme used for `nation`.
#[must_use]
pub fn id_scheme_info(nation: &Nation) -> IdSchemeInfo {
    let (date, sex, check) = match nation.code {
        "ALB" | "BEL" | "BGR" | "CZE" | "SVK" | "EST" | "LTU" | "FIN" | "FRA" | "GRC" | "ITA"
        | "MKD" | "MNE" | "SVN" | "NOR" | "POL" | "ROU" | "SWE" | "UKR" => (true, true, true),
        "DNK" => (true, true, false),
        "ISL" | "LUX" | "LVA" => (true, false, true),
        "AUS" | "CAN" | "DEU" | "ESP" | "HRV" | "HUN" | "NLD" | "NZL" | "PRT" | "TUR" => {
            (false, false, true)
        }
        _ => (false, false, false),
    };
    IdSchemeInfo {
        encodes_birth_date: date,
        encodes_sex: sex,
        has_check: check,
    }
}

/// Appends a structurally valid national identification number for this person to `out`,
/// consistent with birth date and sex where the scheme encodes them, with a valid check digit
/// where a public algorithm exists. `random` supplies the free digits (serial numbers etc.);
/// the output is a pure function of the inputs. Birth years are expected in 1960..=2010; other
/// years are encoded on a best-effort basis. For a nation without a known scheme ten digits
/// are written.
pub fn write_national_id(
    nation: &Nation,
    birth: (i32, u32, u32),
    female: bool,
    random: u64,
    out: &mut String,
) {
    // Mix the nation code into the seed so that different schemes do not share free digits.
    let salt = nation.code.bytes().fold(0u64, |h, c| {
        (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01B3)
    });
    let mut rng = Mix::new(random ^ salt);
    let p = Person::new(birth, female);
    match nation.code {
        "ALB" => gen_alb(&p, &mut rng, out),
        "AUS" => gen_aus(&mut rng, out),
        "BEL" => gen_bel(&p, &mut rng, out),
        "BGR" => gen_bgr(&p, &mut rng, out),
        "CAN" => gen_can(&mut rng, out),
        "CZE" | "SVK" => gen_cze(&p, &mut rng, out),
        "DEU" => gen_deu(&mut rng, out),
        "DNK" => gen_dnk(&p, &mut rng, out),
        "ESP" => gen_esp(&mut rng, out),
        "EST" | "LTU" => gen_baltic(&p, &mut rng, out),
        "FIN" => gen_fin(&p, &mut rng, out),
        "FRA" => gen_fra(&p, &mut rng, out),
        "GBR" => gen_gbr(&mut rng, out),
        "GRC" => gen_grc(&p, &mut rng, out),
        "HRV" => gen_hrv(&mut rng, out),
        "HUN" => gen_hun(&mut rng, out),
        "ISL" => gen_isl(&p, &mut rng, out),
        "ITA" => gen_ita(&p, &mut rng, out),
        "LUX" => gen_lux(&p, &mut rng, out),
        "LVA" => gen_lva(&p, &mut rng, out),
        "MKD" => gen_jmbg(&p, &mut rng, 41, 49, out),
        "MNE" => gen_jmbg(&p, &mut rng, 21, 29, out),
        "SVN" => gen_jmbg(&p, &mut rng, 50, 50, out),
        "NLD" => gen_nld(&mut rng, out),
        "NOR" => gen_nor(&p, &mut rng, out),
        "NZL" => gen_nzl(&mut rng, out),
        "POL" => gen_pol(&p, &mut rng, out),
        "PRT" => gen_prt(&mut rng, out),
        "ROU" => gen_rou(&p, &mut rng, out),
        "SWE" => gen_swe(&p, &mut rng, out),
        "TUR" => gen_tur(&mut rng, out),
        "UKR" => gen_ukr(&p, &mut rng, out),
        "USA" => gen_usa(&mut rng, out),
        _ => {
            let mut d = [0u8; 10];
            rng.fill(&mut d);
            push_digits(out, &d);
        }
    }
}

/// Independent checker used by tests: true when `id` is a valid number of the nation's scheme
/// and consistent with the birth date and sex where the scheme encodes them. Common cosmetic
/// separators (spaces, and `-`, `.` or `/` where the scheme prints them) are accepted.
#[must_use]
pub fn validate_national_id(
    nation: &Nation,
    id: &str,
    birth: (i32, u32, u32),
    female: bool,
) -> bool {
    let b = birth;
    match nation.code {
        "ALB" => val_alb(id, b, female),
        "AUS" => val_aus(id),
        "BEL" => val_bel(id, b, female),
        "BGR" => val_bgr(id, b, female),
        "CAN" => val_can(id),
        "CZE" | "SVK" => val_cze(id, b, female),
        "DEU" => val_deu(id),
        "DNK" => val_dnk(id, b, female),
        "ESP" => val_esp(id),
        "EST" | "LTU" => val_baltic(id, b, female),
        "FIN" => val_fin(id, b, female),
        "FRA" => val_fra(id, b, female),
        "GBR" => val_gbr(id),
        "GRC" => val_grc(id, b, female),
        "HRV" => val_hrv(id),
        "HUN" => val_hun(id),
        "ISL" => val_isl(id, b),
        "ITA" => val_ita(id, b, female),
        "LUX" => val_lux(id, b),
        "LVA" => val_lva(id, b),
        "MKD" => val_jmbg(id, b, female, 41, 49),
        "MNE" => val_jmbg(id, b, female, 21, 29),
        "SVN" => val_jmbg(id, b, female, 50, 59),
        "NLD" => val_nld(id),
        "NOR" => val_nor(id, b, female),
        "NZL" => val_nzl(id),
        "POL" => val_pol(id, b, female),
        "PRT" => val_prt(id),
        "ROU" => val_rou(id, b, female),
        "SWE" => val_swe(id, b, female),
        "TUR" => val_tur(id),
        "UKR" => val_ukr(id, b, female),
        "USA" => val_usa(id),
        _ => false,
    }
}

/// True when a Danish CPR number satisfies the historical modulus-11 rule (weights
/// 4,3,2,7,6,5,4,3,2,1). Numbers issued before 2007 all do; since 2007 the CPR office also
/// issues numbers that do not, so [`validate_national_id`] does not require it. The generator
/// only produces numbers that satisfy it.
#[must_use]
pub fn cpr_modulus11_ok(id: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b"- ", &mut buf) else {
        return false;
    };
    let Some(d) = digits::<10>(s) else {
        return false;
    };
    weighted(&d, &[4, 3, 2, 7, 6, 5, 4, 3, 2, 1]) % 11 == 0
}

// =======================================================================================
// Shared helpers
// =======================================================================================

/// Deterministic stream of free digits derived from the caller's `random` word (SplitMix64).
struct Mix {
    state: u64,
}

impl Mix {
    fn new(seed: u64) -> Self {
        Mix {
            state: seed ^ 0x6A09_E667_F3BC_C909,
        }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform-enough value in `0..n` (`0` when `n == 0`).
    fn below(&mut self, n: u32) -> u32 {
        (((self.next_u64() >> 32) * u64::from(n)) >> 32) as u32
    }

    /// Value in `lo..=hi` (`lo` when `hi < lo`).
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    fn digit(&mut self) -> u8 {
        self.below(10) as u8
    }

    fn fill(&mut self, d: &mut [u8]) {
        for x in d {
            *x = self.digit();
        }
    }

    /// A digit whose parity is odd when `odd` is true.
    fn parity_digit(&mut self, odd: bool) -> u8 {
        (self.below(5) * 2) as u8 + u8::from(odd)
    }

    fn pick(&mut self, items: &[u8]) -> u8 {
        items[self.below(items.len() as u32) as usize]
    }
}

/// Birth date and sex, with the date parts pre-split.
struct Person {
    year: i32,
    month: u32,
    day: u32,
    female: bool,
}

impl Person {
    fn new(birth: Birth, female: bool) -> Self {
        Person {
            year: birth.0,
            month: birth.1,
            day: birth.2,
            female,
        }
    }

    /// Last two digits of the year.
    fn yy(&self) -> u32 {
        self.year.rem_euclid(100) as u32
    }
}

/// Writes `value` as `width` decimal digits (values 0..=9) into `d[at..at + width]`.
fn put(d: &mut [u8], at: usize, value: u64, width: usize) {
    let mut v = value;
    for i in (0..width).rev() {
        d[at + i] = (v % 10) as u8;
        v /= 10;
    }
}

fn push_digits(out: &mut String, d: &[u8]) {
    for &x in d {
        out.push(char::from(b'0' + x));
    }
}

/// `Σ d[i] * w[i]` over the shorter of the two slices.
fn weighted(d: &[u8], w: &[u32]) -> u32 {
    d.iter().zip(w).map(|(&x, &k)| u32::from(x) * k).sum()
}

/// The digits of `d` read as one decimal number.
fn number(d: &[u8]) -> u64 {
    d.iter().fold(0u64, |n, &x| n * 10 + u64::from(x))
}

/// Two-digit number at `d[i..i + 2]`.
fn two(d: &[u8], i: usize) -> u32 {
    u32::from(d[i]) * 10 + u32::from(d[i + 1])
}

/// Copies `id` into `buf` without the bytes in `drop`, upper-casing ASCII letters.
/// `None` when the result does not fit or `id` holds non-ASCII bytes.
fn compact<'a>(id: &str, drop: &[u8], buf: &'a mut [u8; 24]) -> Option<&'a [u8]> {
    let mut n = 0;
    for &c in id.as_bytes() {
        if !c.is_ascii() {
            return None;
        }
        if drop.contains(&c) {
            continue;
        }
        *buf.get_mut(n)? = c.to_ascii_uppercase();
        n += 1;
    }
    Some(&buf[..n])
}

/// Exactly `N` ASCII digits, as digit values.
fn digits<const N: usize>(s: &[u8]) -> Option<[u8; N]> {
    if s.len() != N {
        return None;
    }
    let mut d = [0u8; N];
    for (x, &c) in d.iter_mut().zip(s) {
        if !c.is_ascii_digit() {
            return None;
        }
        *x = c - b'0';
    }
    Some(d)
}

/// Exactly `N` digits once the separator bytes `seps` are removed.
fn plain<const N: usize>(id: &str, seps: &[u8]) -> Option<[u8; N]> {
    let mut buf = [0u8; 24];
    digits::<N>(compact(id, seps, &mut buf)?)
}

fn date_is(b: Birth, year: i32, month: u32, day: u32) -> bool {
    b.0 == year && b.1 == month && b.2 == day
}

/// Luhn check digit for `payload` (the digit to append).
fn luhn_digit(payload: &[u8]) -> u8 {
    let s: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            let x = u32::from(x);
            if i % 2 == 0 {
                let y = 2 * x;
                if y > 9 {
                    y - 9
                } else {
                    y
                }
            } else {
                x
            }
        })
        .sum();
    ((10 - s % 10) % 10) as u8
}

/// Luhn verification over a complete number (check digit last).
fn luhn_ok(all: &[u8]) -> bool {
    let mut sum = 0u32;
    let mut double = false;
    for &x in all.iter().rev() {
        let mut v = u32::from(x) * if double { 2 } else { 1 };
        if v > 9 {
            v -= 9;
        }
        sum += v;
        double = !double;
    }
    sum % 10 == 0
}

/// Days from 1970-01-01 (proleptic Gregorian calendar).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// =======================================================================================
// Poland — PESEL
// =======================================================================================

fn pesel_month_offset(year: i32) -> u32 {
    match year {
        1800..=1899 => 80,
        2000..=2099 => 20,
        2100..=2199 => 40,
        2200..=2299 => 60,
        _ => 0,
    }
}

fn gen_pol(p: &Person, rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 11];
    put(&mut d, 0, p.yy().into(), 2);
    put(&mut d, 2, (p.month + pesel_month_offset(p.year)).into(), 2);
    put(&mut d, 4, p.day.into(), 2);
    rng.fill(&mut d[6..9]);
    d[9] = rng.parity_digit(!p.female);
    let s = weighted(&d[..10], &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
    d[10] = ((10 - s % 10) % 10) as u8;
    push_digits(out, &d);
}

fn val_pol(id: &str, b: Birth, female: bool) -> bool {
    let Some(d) = plain::<11>(id, b" ") else {
        return false;
    };
    if weighted(&d, &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3, 1]) % 10 != 0 {
        return false;
    }
    let mm = two(&d, 2);
    let (century, month) = match mm {
        1..=12 => (1900, mm),
        21..=32 => (2000, mm - 20),
        41..=52 => (2100, mm - 40),
        61..=72 => (2200, mm - 60),
        81..=92 => (1800, mm - 80),
        _ => return false,
    };
    date_is(b, century + two(&d, 0) as i32, month, two(&d, 4)) && (d[9] % 2 == 0) == female
}

// =======================================================================================
// Estonia, Lithuania — isikukood / asmens kodas
// =======================================================================================

fn gen_baltic(p: &Person, rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 11];
    let base: u8 = match p.year {
        ..=1899 => 1,
        1900..=1999 => 3,
        2000..=2099 => 5,
        _ => 7,
    };
    d[0] = base + u8::from(p.female);
    put(&mut d, 1, p.yy().into(), 2);
    put(&mut d, 3, p.month.into(), 2);
    put(&mut d, 5, p.day.into(), 2);
    rng.fill(&mut d[7..10]);
    // Stage one weights 1..9,1; stage two 3..9,1,2,3.
    let stage = |shift: usize| -> u32 {
        d[..10]
            .iter()
            .enumerate()
            .map(|(i, &x)| u32::from(x) * (((i + shift) % 9) as u32 + 1))
            .sum::<u32>()
            % 11
    };
    let mut c = stage(0);
    if c == 10 {
        c = stage(2) % 10;
    }
    d[10] = c as u8;
    push_digits(out, &d);
}

fn val_baltic(id: &str, b: Birth, female: bool) -> bool {
    let Some(d) = plain::<11>(id, b" ") else {
        return false;
    };
    const W1: [u32; 10] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1];
    const W2: [u32; 10] = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3];
    let mut r = weighted(&d[..10], &W1) % 11;
    if r == 10 {
        r = weighted(&d[..10], &W2) % 11;
        if r == 10 {
            r = 0;
        }
    }
    if r != u32::from(d[10]) {
        return false;
    }
    let century = match d[0] {
        1 | 2 => 1800,
        3 | 4 => 1900,
        5 | 6 => 2000,
        7 | 8 => 2100,
        _ => return false,
    };
    date_is(b, century + two(&d, 1) as i32, two(&d, 3), two(&d, 5)) && (d[0] % 2 == 0) == female
}

// =======================================================================================
// Finland — henkilötunnus (HETU)
// =======================================================================================

const HETU_CHECK: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

fn gen_fin(p: &Person, rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 9];
    put(&mut d, 0, p.day.into(), 2);
    put(&mut d, 2, p.month.into(), 2);
    put(&mut d, 4, p.yy().into(), 2);
    // Individual numbers 002..=899: odd for men, even for women.
    let k = rng.range(1, 449);
    let individual = if p.female { 2 * k } else { 2 * k + 1 };
    put(&mut d, 6, individual.into(), 3);
    let sign = match p.year {
        ..=1899 => '+',
        1900..=1999 => '-',
        _ => 'A',
    };
    push_digits(out, &d[..6]);
    out.push(sign);
    push_digits(out, &d[6..]);
    out.push(char::from(HETU_CHECK[(number(&d) % 31) as usize]));
}

fn val_fin(id: &str, b: Birth, female: bool) -> bool {
    let s = id.as_bytes();
    if s.len() != 11 {
        return false;
    }
    let century = match s[6].to_ascii_uppercase() {
        b'+' => 1800,
        b'-' | b'Y' | b'X' | b'W' | b'V' | b'U' => 1900,
        b'A'..=b'F' => 2000,
        _ => return false,
    };
    let (Some(date), Some(ind)) = (digits::<6>(&s[..6]), digits::<3>(&s[7..10])) else {
        return false;
    };
    let value = (u64::from(two(&date, 0)) * 10_000
        + u64::from(two(&date, 2)) * 100
        + u64::from(two(&date, 4)))
        * 1000
        + number(&ind);
    let expected = b"0123456789ABCDEFHJKLMNPRSTUVWXY"[(value % 31) as usize];
    let individual = number(&ind);
    s[10].to_ascii_uppercase() == expected
        && (2..=899).contains(&individual)
        && date_is(
            b,
            century + two(&date, 4) as i32,
            two(&date, 2),
            two(&date, 0),
        )
        && (individual % 2 == 0) == female
}

// =======================================================================================
// Sweden — personnummer
// =======================================================================================

fn gen_swe(p: &Person, rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 10];
    put(&mut d, 0, p.yy().into(), 2);
    put(&mut d, 2, p.month.into(), 2);
    put(&mut d, 4, p.day.into(), 2);
    rng.fill(&mut d[6..8]);
    d[8] = rng.parity_digit(!p.female);
    d[9] = luhn_digit(&d[..9]);
    push_digits(out, &d[..6]);
    out.push('-');
    push_digits(out, &d[6..]);
}

fn val_swe(id: &str, b: Birth, female: bool) -> bool {
    let s = id.as_bytes();
    // Accepted: YYMMDD-NNNC, YYMMDD+NNNC, YYMMDDNNNC, YYYYMMDD-NNNC, YYYYMMDDNNNC.
    let mut core = [0u8; 10];
    let mut full_year: Option<i32> = None;
    let (head, tail): (&[u8], &[u8]) = match s.len() {
        10 => (&s[..6], &s[6..]),
        11 if s[6] == b'-' || s[6] == b'+' => (&s[..6], &s[7..]),
        12 => (&s[..8], &s[8..]),
        13 if s[8] == b'-' => (&s[..8], &s[9..]),
        _ => return false,
    };
    if head.len() == 8 {
        let Some(h) = digits::<8>(head) else {
            return false;
        };
        full_year = Some(number(&h[..4]) as i32);
        core[..6].copy_from_slice(&h[2..]);
    } else {
        let Some(h) = digits::<6>(head) else {
            return false;
        };
        core[..6].copy_from_slice(&h);
    }
    let Some(t) = digits::<4>(tail) else {
        return false;
    };
    core[6..].copy_from_slice(&t);
    if !luhn_ok(&core) {
        return false;
    }
    let year_ok = match full_year {
        Some(y) => y == b.0,
        None => two(&core, 0) as i32 == b.0.rem_euclid(100),
    };
    year_ok && two(&core, 2) == b.1 && two(&core, 4) == b.2 && (core[8] % 2 == 0) == female
}

// =======================================================================================
// Norway — fødselsnummer
// =======================================================================================

fn gen_nor(p: &Person, rng: &mut Mix, out: &mut String) {
    const W1: [u32; 9] = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    const W2: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    let (lo, hi) = match p.year {
        1854..=1899 => (500, 749),
        2000..=2039 => (500, 999),
        _ => (0, 499),
    };
    let mut d = [0u8; 11];
    put(&mut d, 0, p.day.into(), 2);
    put(&mut d, 2, p.month.into(), 2);
    put(&mut d, 4, p.yy().into(), 2);
    let span = hi - lo + 1;
    let start = rng.below(span);
    for k in 0..span {
        let serial = lo + (start + k) % span;
        if (serial % 2 == 1) == p.female {
            continue;
        }
        put(&mut d, 6, serial.into(), 3);
        let k1 = (11 - weighted(&d[..9], &W1) % 11) % 11;
        if k1 == 10 {
            continue;
        }
        d[9] = k1 as u8;
        let k2 = (11 - weighted(&d[..10], &W2) % 11) % 11;
        if k2 == 10 {
            continue;
        }
        d[10] = k2 as u8;
        break;
    }
    push_digits(out, &d);
}

fn val_nor(id: &str, b: Birth, female: bool) -> bool {
    let Some(d) = plain::<11>(id, b" ") else {
        return false;
    };
    if weighted(&d, &[3, 7, 6, 1, 8, 9, 4, 5, 2, 1]) % 11 != 0
        || weighted(&d, &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1]) % 11 != 0
    {
        return false;
    }
    let yy = two(&d, 4);
    let individual = number(&d[6..9]);
    let century = if individual < 500 {
        1900
    } else if yy <= 39 {
        2000
    } else if individual >= 900 {
        1900
    } else if individual < 750 && yy >= 54 {
        1800
    } else {
        return false;
    };
    date_is(b, century + yy as i32, two(&d, 2), two(&d, 0)) && (d[8] % 2 == 0) == female
}

// =======================================================================================
// Denmark — CPR-nummer
// =======================================================================================

/// Allowed range of the 7th digit (first serial digit) for a birth year, which together with
/// the two-digit year tells the century.
fn cpr_seventh_digit_range(year: i32) -> (u32, u32) {
    match year {
        2000..=2036 => (4, 9),
        2037..=2057 | 1858..=1899 => (5, 8),
        _ => (0, 3),
    }
}

fn gen_dnk(p: &Person, rng: &mut Mix, out: &mut String) {
    const W: [u32; 9] = [4, 3, 2, 7, 6, 5, 4, 3, 2];
    let mut d = [0u8; 10];
    put(&mut d, 0, p.day.into(), 2);
    put(&mut d, 2, p.month.into(), 2);
    put(&mut d, 4, p.yy().into(), 2);
    let (lo7, hi7) = cpr_seventh_digit_range(p.year);
    let span = (hi7 - lo7 + 1) * 100;
    let start = rng.below(span);
    for k in 0..span {
        let s = (start + k) % span;
        put(&mut d, 6, u64::from(lo7 * 100 + s), 3);
        let last = (11 - weighted(&d[..9], &W) % 11) % 11;
        if last <= 9 && (last % 2 == 1) != p.female {
            d[9] = last as u8;
            break;
        }
    }
    push_digits(out, &d[..6]);
    out.push('-');
    push_digits(out, &d[6..]);
}

fn val_dnk(id: &str, b: Birth, female: bool) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b"- ", &mut buf) else {
        return false;
    };
    let Some(d) = digits::<10>(s) else {
        return false;
    };
    let yy = two(&d, 4);
    let century = match (d[6], yy) {
        (0..=3, _) => 1900,
        (4 | 9, 0..=36) => 2000,
        (4 | 9, _) => 1900,
        (5..=8, 0..=57) => 2000,
        (5..=8, _) => 1800,
        _ => return false,
    };
    date_is(b, century + yy as i32, two(&d, 2), two(&d, 0)) && (d[9] % 2 == 0) == female
}

// =======================================================================================
// Spain — DNI
// =======================================================================================

const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

fn gen_esp(rng: &mut Mix, out: &mut String) {
    let n = rng.range(1_000_000, 99_999_999);
    let mut d = [0u8; 8];
    put(&mut d, 0, n.into(), 8);
    push_digits(out, &d);
    out.push(char::from(DNI_LETTERS[(n % 23) as usize]));
}

fn val_esp(id: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b"- ", &mut buf) else {
        return false;
    };
    if s.len() != 9 {
        return false;
    }
    let Some(d) = digits::<8>(&s[..8]) else {
        return false;
    };
    let mut rem = 0u32;
    for &x in &d {
        rem = (rem * 10 + u32::from(x)) % 23;
    }
    b"TRWAGMYFPDXBNJZSQVHLCKE"[rem as usize] == s[8]
}

// =======================================================================================
// Netherlands — BSN
// =======================================================================================

fn gen_nld(rng: &mut Mix, out: &mut String) {
    const W: [u32; 8] = [9, 8, 7, 6, 5, 4, 3, 2];
    let mut d = [0u8; 9];
    d[0] = rng.range(1, 3) as u8;
    rng.fill(&mut d[1..8]);
    // Changing d[7] by one changes the sum by 2, so at most one of two tries gives 10.
    for _ in 0..10 {
        let r = weighted(&d[..8], &W) % 11;
        if r < 10 {
            d[8] = r as u8;
            break;
        }
        d[7] = (d[7] + 1) % 10;
    }
    push_digits(out, &d);
}

fn val_nld(id: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b". ", &mut buf) else {
        return false;
    };
    let Some(d) = digits::<9>(s) else {
        return false;
    };
    let positive: i64 = d[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(&x, w)| i64::from(x) * w)
        .sum();
    let total = positive - i64::from(d[8]);
    total > 0 && total % 11 == 0
}

// =======================================================================================
// Belgium — rijksregisternummer / numéro de registre national
// =======================================================================================

fn gen_bel(p: &Person, rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 11];
    put(&mut d, 0, p.yy().into(), 2);
    put(&mut d, 2, p.month.into(), 2);
    put(&mut d, 4, p.day.into(), 2);
    // Serial 001..=997 for men (odd), 002..=996 for women (even).
    let serial = if p.female {
        2 * rng.range(1, 498)
    } else {
        2 * rng.range(1, 499) - 1
    };
    put(&mut d, 6, serial.into(), 3);
    let mut base = number(&d[..9]);
    if p.year >= 2000 {
        base += 2_000_000_000;
    }
    put(&mut d, 9, 97 - base % 97, 2);
    push_digits(out, &d);
}

fn val_bel(id: &str, b: Birth, female: bool) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b".- ", &mut buf) else {
        return false;
    };
    let Some(d) = digits::<11>(s) else {
        return false;
    };
    let prefix: u64 = if b.0 >= 2000 { 2 } else { 0 };
    let n = prefix * 1_000_000_000 + number(&d[..9]);
    if 97 - n % 97 != number(&d[9..]) {
        return false;
    }
    let serial = number(&d[6..9]);
    (1..=998).contains(&serial)
        && two(&d, 0) as i32 == b.0.rem_euclid(100)
        && two(&d, 2) == b.1
        && two(&d, 4) == b.2
        && (serial % 2 == 0) == female
}

// =======================================================================================
// Italy — codice fiscale
// =======================================================================================

/// Value of a character in an odd (1-based) position; digits map like A..J.
const CF_ODD: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];
const CF_MONTHS: &[u8; 12] = b"ABCDEHLMPRST";
/// Cadastral (Belfiore) codes of large Italian municipalities.
const CF_PLACES: [&[u8; 4]; 17] = [
    b"H501", b"F205", b"F839", b"L219", b"G273", b"D969", b"A944", b"D612", b"A662", b"C351",
    b"L736", b"L781", b"G224", b"L424", b"B157", b"B354", b"A794",
];

fn gen_ita(p: &Person, rng: &mut Mix, out: &mut String) {
    const CONSONANTS: &[u8] = b"BCDFGLMNPRSTVZ";
    const VOWELS: &[u8] = b"AEIOU";
    let mut s = [0u8; 16];
    // Surname and given-name codes: two consonants, then a consonant (usually) or a vowel,
    // as produced for short or vowel-rich names.
    for t in 0..2 {
        s[3 * t] = rng.pick(CONSONANTS);
        s[3 * t + 1] = rng.pick(CONSONANTS);
        s[3 * t + 2] = if rng.below(10) < 7 {
            rng.pick(CONSONANTS)
        } else {
            rng.pick(VOWELS)
        };
    }
    let yy = p.yy();
    s[6] = b'0' + (yy / 10) as u8;
    s[7] = b'0' + (yy % 10) as u8;
    s[8] = CF_MONTHS[(p.month.clamp(1, 12) - 1) as usize];
    let day = p.day % 100 + if p.female { 40 } else { 0 };
    s[9] = b'0' + (day / 10 % 10) as u8;
    s[10] = b'0' + (day % 10) as u8;
    let place = CF_PLACES[rng.below(CF_PLACES.len() as u32) as usize];
    s[11..15].copy_from_slice(place);
    let mut sum = 0u32;
    for (i, &c) in s[..15].iter().enumerate() {
        let v = if c.is_ascii_digit() {
            c - b'0'
        } else {
            c - b'A'
        };
        sum += if i % 2 == 0 {
            CF_ODD[usize::from(v)]
        } else {
            u32::from(v)
        };
    }
    s[15] = b'A' + (sum % 26) as u8;
    for &c in &s {
        out.push(char::from(c));
    }
}

/// Digit value of a numeric position, accepting the omocodia substitutes L..V.
fn cf_digit(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        _ => b"LMNPQRSTUV".iter().position(|&x| x == c).map(|i| i as u32),
    }
}

fn val_ita(id: &str, b: Birth, female: bool) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b" ", &mut buf) else {
        return false;
    };
    if s.len() != 16 || !s.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    // Odd positions (1-based) use the odd table, even positions the plain value.
    let value = |c: u8| -> usize {
        if c.is_ascii_digit() {
            usize::from(c - b'0')
        } else {
            usize::from(c - b'A')
        }
    };
    let odd: u32 = s[..15].iter().step_by(2).map(|&c| CF_ODD[value(c)]).sum();
    let even: u32 = s[1..15].iter().step_by(2).map(|&c| value(c) as u32).sum();
    if s[15] != b'A' + ((odd + even) % 26) as u8 {
        return false;
    }
    if !s[..6].iter().all(u8::is_ascii_uppercase) || !s[11].is_ascii_uppercase() {
        return false;
    }
    let mut numeric = [0u32; 7];
    for (n, &i) in numeric.iter_mut().zip(&[6usize, 7, 9, 10, 12, 13, 14]) {
        match cf_digit(s[i]) {
            Some(v) => *n = v,
            None => return false,
        }
    }
    let yy = numeric[0] * 10 + numeric[1];
    let Some(month) = CF_MONTHS.iter().position(|&c| c == s[8]) else {
        return false;
    };
    let day_code = numeric[2] * 10 + numeric[3];
    let (day, is_female) = if day_code > 40 {
        (day_code - 40, true)
    } else {
        (day_code, false)
    };
    yy as i32 == b.0.rem_euclid(100) && month as u32 + 1 == b.1 && day == b.2 && is_female == female
}

// =======================================================================================
// Romania — CNP
// =======================================================================================

const CNP_WEIGHTS: [u32; 12] = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];

fn gen_rou(p: &Person, rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 13];
    let base: u8 = match p.year {
        ..=1899 => 3,
        2000.. => 5,
        _ => 1,
    };
    d[0] = base + u8::from(p.female);
    put(&mut d, 1, p.yy().into(), 2);
    put(&mut d, 3, p.month.into(), 2);
    put(&mut d, 5, p.day.into(), 2);
    // Counties 01..=46 (41..=46 are Bucharest sectors), 51 Călărași, 52 Giurgiu.
    let r = rng.below(48);
    let county = if r < 46 { r + 1 } else { r + 5 };
    put(&mut d, 7, county.into(), 2);
    put(&mut d, 9, rng.range(1, 999).into(), 3);
    let c = weighted(&d[..12], &CNP_WEIGHTS) % 11;
    d[12] = if c == 10 { 1 } else { c as u8 };
    push_digits(out, &d);
}

fn val_rou(id: &str, b: Birth, female: bool) -> bool {
    let Some(d) = plain::<13>(id, b" ") else {
        return false;
    };
    let mut c = CNP_WEIGHTS
        .iter()
        .zip(&d)
        .fold(0u32, |acc, (&w, &x)| (acc + w * u32::from(x)) % 11);
    if c == 10 {
        c = 1;
    }
    if c != u32::from(d[12]) {
        return false;
    }
    let century = match d[0] {
        1 | 2 => 1900,
        3 | 4 => 1800,
        5 | 6 => 2000,
        _ => return false,
    };
    let county = two(&d, 7);
    ((1..=46).contains(&county) || (51..=52).contains(&county))
        && number(&d[9..12]) >= 1
        && date_is(b, century + two(&d, 1) as i32, two(&d, 3), two(&d, 5))
        && (d[0] % 2 == 0) == female
}

// =======================================================================================
// Bulgaria — EGN
// =======================================================================================

fn gen_bgr(p: &Person, rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 10];
    let offset = match p.year {
        ..=1899 => 20,
        2000.. => 40,
        _ => 0,
    };
    put(&mut d, 0, p.yy().into(), 2);
    put(&mut d, 2, (p.month + offset).into(), 2);
    put(&mut d, 4, p.day.into(), 2);
    rng.fill(&mut d[6..8]);
    d[8] = rng.parity_digit(p.female); // even = male
    let c = weighted(&d[..9], &[2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11;
    d[9] = (c % 10) as u8;
    push_digits(out, &d);
}

fn val_bgr(id: &str, b: Birth, female: bool) -> bool {
    let Some(d) = plain::<10>(id, b" ") else {
        return false;
    };
    let r = weighted(&d[..9], &[2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11;
    let expected = if r == 10 { 0 } else { r };
    if expected != u32::from(d[9]) {
        return false;
    }
    let mm = two(&d, 2);
    let (century, month) = match mm {
        1..=12 => (1900, mm),
        21..=32 => (1800, mm - 20),
        41..=52 => (2000, mm - 40),
        _ => return false,
    };
    date_is(b, century + two(&d, 0) as i32, month, two(&d, 4)) && (d[8] % 2 == 1) == female
}

// =======================================================================================
// Croatia — OIB
// =======================================================================================

fn gen_hrv(rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 11];
    d[0] = rng.range(1, 9) as u8;
    rng.fill(&mut d[1..10]);
    let mut a = 10u32;
    for &x in &d[..10] {
        let mut t = (a + u32::from(x)) % 10;
        if t == 0 {
            t = 10;
        }
        a = (2 * t) % 11;
    }
    d[10] = ((11 - a) % 10) as u8;
    push_digits(out, &d);
}

fn val_hrv(id: &str) -> bool {
    let Some(d) = plain::<11>(id, b" ") else {
        return false;
    };
    // ISO 7064 MOD 11,10 verification: after the payload, product + check ≡ 1 (mod 10).
    let product = d[..10].iter().fold(10u32, |p, &x| {
        let s = (p + u32::from(x)) % 10;
        (if s == 0 { 20 } else { 2 * s }) % 11
    });
    (product + u32::from(d[10])) % 10 == 1
}

// =======================================================================================
// Czechia, Slovakia — rodné číslo
// =======================================================================================

fn gen_cze(p: &Person, rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 10];
    put(&mut d, 0, p.yy().into(), 2);
    put(
        &mut d,
        2,
        (p.month + if p.female { 50 } else { 0 }).into(),
        2,
    );
    put(&mut d, 4, p.day.into(), 2);
    let start = rng.below(1000);
    for k in 0..1000 {
        put(&mut d, 6, u64::from((start + k) % 1000), 3);
        let r = number(&d[..9]) % 11;
        if r < 10 {
            d[9] = r as u8;
            break;
        }
    }
    push_digits(out, &d[..6]);
    out.push('/');
    push_digits(out, &d[6..]);
}

fn val_cze(id: &str, b: Birth, female: bool) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b"/ ", &mut buf) else {
        return false;
    };
    let (d, century): ([u8; 10], i32) = if let Some(d) = digits::<10>(s) {
        let n9 = number(&d[..9]);
        let ok = number(&d) % 11 == 0
            // Before 1985 a remainder of 10 was written as check digit 0.
            || (n9 % 11 == 10 && d[9] == 0 && b.0 < 1986);
        if !ok {
            return false;
        }
        (d, if two(&d, 0) >= 54 { 1900 } else { 2000 })
    } else if let Some(d9) = digits::<9>(s) {
        // Nine-digit numbers without a check digit were issued before 1954.
        let mut d = [0u8; 10];
        d[..9].copy_from_slice(&d9);
        (d, if two(&d, 0) >= 54 { 1800 } else { 1900 })
    } else {
        return false;
    };
    let mm = two(&d, 2);
    let (month, is_female, late) = match mm {
        1..=12 => (mm, false, false),
        21..=32 => (mm - 20, false, true),
        51..=62 => (mm - 50, true, false),
        71..=82 => (mm - 70, true, true),
        _ => return false,
    };
    // The +20 month offsets exist only since 2004.
    let year = century + two(&d, 0) as i32;
    (!late || year >= 2004) && date_is(b, year, month, two(&d, 4)) && is_female == female
}

// =======================================================================================
// France — NIR (numéro de sécurité sociale)
// =======================================================================================

fn gen_fra(p: &Person, rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 15];
    d[0] = if p.female { 2 } else { 1 };
    put(&mut d, 1, p.yy().into(), 2);
    put(&mut d, 3, p.month.into(), 2);
    // Metropolitan departments 01..=95 except 20 (Corsica is coded 2A/2B).
    let r = rng.range(1, 94);
    let dept = if r >= 20 { r + 1 } else { r };
    put(&mut d, 5, dept.into(), 2);
    put(&mut d, 7, rng.range(1, 990).into(), 3);
    put(&mut d, 10, rng.range(1, 999).into(), 3);
    let n = number(&d[..13]);
    put(&mut d, 13, 97 - n % 97, 2);
    push_digits(out, &d);
}

fn val_fra(id: &str, b: Birth, female: bool) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b" ", &mut buf) else {
        return false;
    };
    if s.len() != 15 {
        return false;
    }
    let mut t = [0u8; 15];
    t.copy_from_slice(s);
    // Corsica: 2A and 2B are replaced by 19 and 18 for the key computation.
    match (t[5], t[6]) {
        (b'2', b'A') => t[5..7].copy_from_slice(b"19"),
        (b'2', b'B') => t[5..7].copy_from_slice(b"18"),
        _ => {}
    }
    let Some(d) = digits::<15>(&t) else {
        return false;
    };
    let n = number(&d[..13]);
    if n % 97 + number(&d[13..]) != 97 {
        return false;
    }
    let is_female = match d[0] {
        1 => false,
        2 => true,
        _ => return false,
    };
    two(&d, 1) as i32 == b.0.rem_euclid(100) && two(&d, 3) == b.1 && is_female == female
}

// =======================================================================================
// United Kingdom — National Insurance number
// =======================================================================================

const NINO_FIRST: &[u8] = b"ABCEGHJKLMNOPRSTWXYZ";
const NINO_SECOND: &[u8] = b"ABCEGHJKLMNPRSTWXYZ";
const NINO_UNUSED: [&[u8; 2]; 7] = [b"BG", b"GB", b"NK", b"KN", b"TN", b"NT", b"ZZ"];

fn gen_gbr(rng: &mut Mix, out: &mut String) {
    let a = rng.pick(NINO_FIRST);
    let mut i = rng.below(NINO_SECOND.len() as u32) as usize;
    while NINO_UNUSED.contains(&&[a, NINO_SECOND[i]]) {
        i = (i + 1) % NINO_SECOND.len();
    }
    out.push(char::from(a));
    out.push(char::from(NINO_SECOND[i]));
    let mut d = [0u8; 6];
    rng.fill(&mut d);
    push_digits(out, &d);
    out.push(char::from(rng.pick(b"ABCD")));
}

fn val_gbr(id: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b" ", &mut buf) else {
        return false;
    };
    s.len() == 9
        && b"ABCEGHJKLMNOPRSTWXYZ".contains(&s[0])
        && b"ABCEGHJKLMNPRSTWXYZ".contains(&s[1])
        && !NINO_UNUSED.iter().any(|p| p[..] == s[..2])
        && s[2..8].iter().all(u8::is_ascii_digit)
        && (b'A'..=b'D').contains(&s[8])
}

// =======================================================================================
// United States — Social Security number
// =======================================================================================

fn gen_usa(rng: &mut Mix, out: &mut String) {
    let mut area = rng.range(1, 898);
    if area >= 666 {
        area += 1;
    }
    let mut d = [0u8; 9];
    put(&mut d, 0, area.into(), 3);
    put(&mut d, 3, rng.range(1, 99).into(), 2);
    put(&mut d, 5, rng.range(1, 9999).into(), 4);
    push_digits(out, &d[..3]);
    out.push('-');
    push_digits(out, &d[3..5]);
    out.push('-');
    push_digits(out, &d[5..]);
}

fn val_usa(id: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b"- ", &mut buf) else {
        return false;
    };
    let Some(d) = digits::<9>(s) else {
        return false;
    };
    let area = number(&d[..3]);
    area != 0 && area != 666 && area < 900 && number(&d[3..5]) != 0 && number(&d[5..]) != 0
}

// =======================================================================================
// Canada — Social Insurance Number
// =======================================================================================

fn gen_can(rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 9];
    d[0] = rng.range(1, 7) as u8;
    rng.fill(&mut d[1..8]);
    d[8] = luhn_digit(&d[..8]);
    push_digits(out, &d);
}

fn val_can(id: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b"- ", &mut buf) else {
        return false;
    };
    // First digit 8 is unused; 0 appears on specimen numbers, 9 on temporary ones.
    digits::<9>(s).is_some_and(|d| d[0] != 8 && luhn_ok(&d))
}

// =======================================================================================
// Latvia — personas kods (date-based format used until 2017)
// =======================================================================================

const LV_WEIGHTS: [u32; 10] = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

fn gen_lva(p: &Person, rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 11];
    put(&mut d, 0, p.day.into(), 2);
    put(&mut d, 2, p.month.into(), 2);
    put(&mut d, 4, p.yy().into(), 2);
    d[6] = match p.year {
        ..=1899 => 0,
        1900..=1999 => 1,
        _ => 2,
    };
    let start = rng.below(1000);
    for k in 0..1000 {
        put(&mut d, 7, u64::from((start + k) % 1000), 3);
        let c = (1101 - i64::from(weighted(&d[..10], &LV_WEIGHTS))).rem_euclid(11);
        if c < 10 {
            d[10] = c as u8;
            break;
        }
    }
    push_digits(out, &d[..6]);
    out.push('-');
    push_digits(out, &d[6..]);
}

fn val_lva(id: &str, b: Birth) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b"- ", &mut buf) else {
        return false;
    };
    let Some(d) = digits::<11>(s) else {
        return false;
    };
    // Σ w·d over the payload plus the check digit ≡ 1101 ≡ 1 (mod 11).
    let total: u32 = d[..10]
        .iter()
        .zip(LV_WEIGHTS)
        .map(|(&x, w)| u32::from(x) * w)
        .sum::<u32>()
        + u32::from(d[10]);
    if total % 11 != 1 {
        return false;
    }
    let century = match d[6] {
        0 => 1800,
        1 => 1900,
        2 => 2000,
        _ => return false,
    };
    date_is(b, century + two(&d, 4) as i32, two(&d, 2), two(&d, 0))
}

// =======================================================================================
// Slovenia, North Macedonia, Montenegro — EMŠO / EMBG / JMBG
// =======================================================================================

fn gen_jmbg(p: &Person, rng: &mut Mix, region_lo: u32, region_hi: u32, out: &mut String) {
    const W: [u32; 12] = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    let mut d = [0u8; 13];
    put(&mut d, 0, p.day.into(), 2);
    put(&mut d, 2, p.month.into(), 2);
    put(&mut d, 4, p.year.rem_euclid(1000) as u64, 3);
    put(&mut d, 7, rng.range(region_lo, region_hi).into(), 2);
    let base = if p.female { 500 } else { 0 };
    let start = rng.below(500);
    for k in 0..500 {
        put(&mut d, 9, u64::from(base + (start + k) % 500), 3);
        let m = 11 - weighted(&d[..12], &W) % 11;
        if m != 10 {
            d[12] = (m % 11) as u8;
            break;
        }
    }
    push_digits(out, &d);
}

fn val_jmbg(id: &str, b: Birth, female: bool, region_lo: u32, region_hi: u32) -> bool {
    let Some(d) = plain::<13>(id, b" ") else {
        return false;
    };
    if weighted(&d, &[7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1]) % 11 != 0 {
        return false;
    }
    let yyy = number(&d[4..7]) as i32;
    let year = if yyy >= 800 { 1000 + yyy } else { 2000 + yyy };
    let region = two(&d, 7);
    (region_lo..=region_hi).contains(&region)
        && date_is(b, year, two(&d, 2), two(&d, 0))
        && (number(&d[9..12]) >= 500) == female
}

// =======================================================================================
// Iceland — kennitala
// =======================================================================================

fn gen_isl(p: &Person, rng: &mut Mix, out: &mut String) {
    const W: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];
    let mut d = [0u8; 10];
    put(&mut d, 0, p.day.into(), 2);
    put(&mut d, 2, p.month.into(), 2);
    put(&mut d, 4, p.yy().into(), 2);
    let start = rng.below(80);
    for k in 0..80 {
        put(&mut d, 6, u64::from(20 + (start + k) % 80), 2);
        let c = 11 - weighted(&d[..8], &W) % 11;
        if c != 10 {
            d[8] = (c % 11) as u8;
            break;
        }
    }
    d[9] = match p.year {
        ..=1899 => 8,
        1900..=1999 => 9,
        _ => 0,
    };
    push_digits(out, &d[..6]);
    out.push('-');
    push_digits(out, &d[6..]);
}

fn val_isl(id: &str, b: Birth) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b"- ", &mut buf) else {
        return false;
    };
    let Some(d) = digits::<10>(s) else {
        return false;
    };
    if weighted(&d[..9], &[3, 2, 7, 6, 5, 4, 3, 2, 1]) % 11 != 0 {
        return false;
    }
    let century = match d[9] {
        8 => 1800,
        9 => 1900,
        0 => 2000,
        _ => return false,
    };
    date_is(b, century + two(&d, 4) as i32, two(&d, 2), two(&d, 0))
}

// =======================================================================================
// Türkiye — T.C. Kimlik No
// =======================================================================================

fn gen_tur(rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 11];
    d[0] = rng.range(1, 9) as u8;
    rng.fill(&mut d[1..9]);
    let odd: i32 = d[..9].iter().step_by(2).map(|&x| i32::from(x)).sum();
    let even: i32 = d[1..8].iter().step_by(2).map(|&x| i32::from(x)).sum();
    d[9] = (odd * 7 - even).rem_euclid(10) as u8;
    d[10] = (d[..10].iter().map(|&x| u32::from(x)).sum::<u32>() % 10) as u8;
    push_digits(out, &d);
}

fn val_tur(id: &str) -> bool {
    let Some(d) = plain::<11>(id, b" ") else {
        return false;
    };
    if d[0] == 0 {
        return false;
    }
    let (mut odd, mut even) = (0i32, 0i32);
    for (i, &x) in d[..9].iter().enumerate() {
        if i % 2 == 0 {
            odd += i32::from(x);
        } else {
            even += i32::from(x);
        }
    }
    let d10 = (7 * odd - even).rem_euclid(10);
    let d11 = (odd + even + d10) % 10;
    d10 == i32::from(d[9]) && d11 == i32::from(d[10])
}

// =======================================================================================
// Albania — NID (numri personal)
// =======================================================================================

/// Decade characters: `0`–`9` for 1800–1890, `A`–`T` for 1900–2090.
const ALB_DECADES: &[u8; 30] = b"0123456789ABCDEFGHIJKLMNOPQRST";
/// Check alphabet; letters in the payload take their index in it as value.
const ALB_CHECK: &[u8; 23] = b"WABCDEFGHIJKLMNOPQRSTUV";

fn gen_alb(p: &Person, rng: &mut Mix, out: &mut String) {
    let mut s = [0u8; 10];
    let decade = ((p.year - 1800).clamp(0, 299) / 10) as usize;
    s[0] = ALB_DECADES[decade];
    s[1] = b'0' + p.year.rem_euclid(10) as u8;
    let month = p.month + if p.female { 50 } else { 0 };
    s[2] = b'0' + (month / 10 % 10) as u8;
    s[3] = b'0' + (month % 10) as u8;
    s[4] = b'0' + (p.day / 10 % 10) as u8;
    s[5] = b'0' + (p.day % 10) as u8;
    for c in &mut s[6..9] {
        *c = b'0' + rng.digit();
    }
    let mut sum = 0usize;
    for (i, &c) in s[..9].iter().enumerate() {
        let v = if c.is_ascii_digit() {
            usize::from(c - b'0')
        } else {
            ALB_CHECK.iter().position(|&x| x == c).unwrap_or(0)
        };
        sum += v * i.max(1);
    }
    s[9] = ALB_CHECK[sum % 23];
    for &c in &s {
        out.push(char::from(c));
    }
}

fn val_alb(id: &str, b: Birth, female: bool) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b" ", &mut buf) else {
        return false;
    };
    if s.len() != 10 {
        return false;
    }
    let Some(decade) = ALB_DECADES.iter().position(|&c| c == s[0]) else {
        return false;
    };
    let Some(d) = digits::<8>(&s[1..9]) else {
        return false;
    };
    let lead = if s[0].is_ascii_digit() {
        u32::from(s[0] - b'0')
    } else {
        match ALB_CHECK.iter().position(|&c| c == s[0]) {
            Some(i) => i as u32,
            None => return false,
        }
    };
    let weights: [u32; 8] = [1, 2, 3, 4, 5, 6, 7, 8];
    let sum = lead + weighted(&d, &weights);
    if ALB_CHECK[(sum % 23) as usize] != s[9] {
        return false;
    }
    let year = 1800 + 10 * decade as i32 + i32::from(d[0]);
    let code = two(&d, 1);
    let (month, is_female) = match code {
        1..=12 => (code, false),
        51..=62 => (code - 50, true),
        _ => return false,
    };
    date_is(b, year, month, two(&d, 3)) && is_female == female
}

// =======================================================================================
// Germany — Personalausweis document number (ICAO 9303 check digit)
// =======================================================================================

/// Characters used in German identity card numbers (no vowels, no look-alikes).
const DEU_ALPHABET: &[u8] = b"0123456789CFGHJKLMNPRTVWXYZ";

fn icao_value(c: u8) -> u32 {
    if c.is_ascii_digit() {
        u32::from(c - b'0')
    } else {
        u32::from(c - b'A') + 10
    }
}

fn gen_deu(rng: &mut Mix, out: &mut String) {
    let mut s = [0u8; 10];
    s[0] = rng.pick(&DEU_ALPHABET[10..]);
    for c in &mut s[1..9] {
        *c = rng.pick(DEU_ALPHABET);
    }
    let sum: u32 = s[..9]
        .iter()
        .zip([7u32, 3, 1].iter().cycle())
        .map(|(&c, &w)| icao_value(c) * w)
        .sum();
    s[9] = b'0' + (sum % 10) as u8;
    for &c in &s {
        out.push(char::from(c));
    }
}

fn val_deu(id: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b" ", &mut buf) else {
        return false;
    };
    if s.len() != 10 || !s[..9].iter().all(|c| DEU_ALPHABET.contains(c)) {
        return false;
    }
    let mut sum = 0u32;
    for (i, &c) in s[..9].iter().enumerate() {
        let w = [7, 3, 1][i % 3];
        sum += w * icao_value(c);
    }
    s[9].is_ascii_digit() && u32::from(s[9] - b'0') == sum % 10
}

// =======================================================================================
// Greece — AMKA
// =======================================================================================

fn gen_grc(p: &Person, rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 11];
    put(&mut d, 0, p.day.into(), 2);
    put(&mut d, 2, p.month.into(), 2);
    put(&mut d, 4, p.yy().into(), 2);
    rng.fill(&mut d[6..9]);
    d[9] = rng.parity_digit(!p.female);
    d[10] = luhn_digit(&d[..10]);
    push_digits(out, &d);
}

fn val_grc(id: &str, b: Birth, female: bool) -> bool {
    let Some(d) = plain::<11>(id, b" ") else {
        return false;
    };
    luhn_ok(&d)
        && two(&d, 0) == b.2
        && two(&d, 2) == b.1
        && two(&d, 4) as i32 == b.0.rem_euclid(100)
        && (d[9] % 2 == 0) == female
}

// =======================================================================================
// Hungary — TAJ (social security number)
// =======================================================================================

fn gen_hun(rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 9];
    d[0] = rng.range(1, 9) as u8;
    rng.fill(&mut d[1..8]);
    let s: u32 = d[..8]
        .iter()
        .enumerate()
        .map(|(i, &x)| u32::from(x) * if i % 2 == 0 { 3 } else { 7 })
        .sum();
    d[8] = (s % 10) as u8;
    push_digits(out, &d);
}

fn val_hun(id: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b"- ", &mut buf) else {
        return false;
    };
    let Some(d) = digits::<9>(s) else {
        return false;
    };
    weighted(&d[..8], &[3, 7, 3, 7, 3, 7, 3, 7]) % 10 == u32::from(d[8])
}

// =======================================================================================
// Luxembourg — matricule (numéro d'identification national)
// =======================================================================================

const VERHOEFF_D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const VERHOEFF_INV: [u8; 10] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

/// Verhoeff check digit for `payload`.
fn verhoeff_digit(payload: &[u8]) -> u8 {
    let mut c = 0u8;
    for (i, &x) in payload.iter().rev().enumerate() {
        c = VERHOEFF_D[usize::from(c)][usize::from(VERHOEFF_P[(i + 1) % 8][usize::from(x)])];
    }
    VERHOEFF_INV[usize::from(c)]
}

/// Verhoeff verification over a complete number (check digit last).
fn verhoeff_ok(all: &[u8]) -> bool {
    all.iter().rev().enumerate().fold(0u8, |c, (i, &x)| {
        VERHOEFF_D[usize::from(c)][usize::from(VERHOEFF_P[i % 8][usize::from(x)])]
    }) == 0
}

fn gen_lux(p: &Person, rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 13];
    put(&mut d, 0, p.year.rem_euclid(10_000) as u64, 4);
    put(&mut d, 4, p.month.into(), 2);
    put(&mut d, 6, p.day.into(), 2);
    rng.fill(&mut d[8..11]);
    d[11] = luhn_digit(&d[..11]);
    d[12] = verhoeff_digit(&d[..11]);
    push_digits(out, &d);
}

fn val_lux(id: &str, b: Birth) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b" ", &mut buf) else {
        return false;
    };
    let Some(d) = digits::<13>(s) else {
        return false;
    };
    let mut with_luhn = [0u8; 12];
    with_luhn[..11].copy_from_slice(&d[..11]);
    with_luhn[11] = d[11];
    let mut with_verhoeff = [0u8; 12];
    with_verhoeff[..11].copy_from_slice(&d[..11]);
    with_verhoeff[11] = d[12];
    luhn_ok(&with_luhn)
        && verhoeff_ok(&with_verhoeff)
        && date_is(b, number(&d[..4]) as i32, two(&d, 4), two(&d, 6))
}

// =======================================================================================
// Portugal — NIF (número de identificação fiscal)
// =======================================================================================

fn gen_prt(rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 9];
    d[0] = rng.range(1, 3) as u8; // 1–3: individuals
    rng.fill(&mut d[1..8]);
    let r = weighted(&d[..8], &[9, 8, 7, 6, 5, 4, 3, 2]) % 11;
    d[8] = if r < 2 { 0 } else { (11 - r) as u8 };
    push_digits(out, &d);
}

fn val_prt(id: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b" ", &mut buf) else {
        return false;
    };
    let Some(d) = digits::<9>(s) else {
        return false;
    };
    let total: u32 = d[..8]
        .iter()
        .enumerate()
        .map(|(i, &x)| u32::from(x) * (9 - i as u32))
        .sum();
    let expected = match total % 11 {
        0 | 1 => 0,
        r => 11 - r,
    };
    d[0] != 0 && expected == u32::from(d[8])
}

// =======================================================================================
// Ukraine — RNOKPP (taxpayer registration number)
// =======================================================================================

const UKR_WEIGHTS: [i32; 9] = [-1, 5, 7, 9, 4, 6, 10, 5, 7];

fn days_since_1899_12_31(year: i32, month: u32, day: u32) -> i64 {
    days_from_civil(year, month, day) - days_from_civil(1899, 12, 31)
}

fn gen_ukr(p: &Person, rng: &mut Mix, out: &mut String) {
    let mut d = [0u8; 10];
    let days = days_since_1899_12_31(p.year, p.month, p.day).rem_euclid(100_000);
    put(&mut d, 0, days as u64, 5);
    rng.fill(&mut d[5..8]);
    d[8] = rng.parity_digit(!p.female);
    let s: i32 = d[..9]
        .iter()
        .zip(UKR_WEIGHTS)
        .map(|(&x, w)| i32::from(x) * w)
        .sum();
    d[9] = (s.rem_euclid(11) % 10) as u8;
    push_digits(out, &d);
}

fn val_ukr(id: &str, b: Birth, female: bool) -> bool {
    let Some(d) = plain::<10>(id, b" ") else {
        return false;
    };
    let mut s = 0i32;
    for (i, &x) in d[..9].iter().enumerate() {
        s += UKR_WEIGHTS[i] * i32::from(x);
    }
    let expected = s.rem_euclid(11) % 10;
    expected == i32::from(d[9])
        && number(&d[..5]) as i64 == days_since_1899_12_31(b.0, b.1, b.2)
        && (d[8] % 2 == 0) == female
}

// =======================================================================================
// New Zealand — NHI number (AAANNNC format)
// =======================================================================================

/// NHI letters (I and O are not used); value = index + 1.
const NHI_LETTERS: &[u8; 24] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";

fn gen_nzl(rng: &mut Mix, out: &mut String) {
    let mut letters = [0u8; 3];
    for l in &mut letters {
        *l = rng.below(24) as u8;
    }
    let mut d = [0u8; 4];
    rng.fill(&mut d[..3]);
    let letter_sum: u32 = letters
        .iter()
        .zip([7u32, 6, 5])
        .map(|(&l, w)| (u32::from(l) + 1) * w)
        .sum();
    // Changing d[2] by one changes the sum by 2, so a zero remainder is left within two tries.
    for _ in 0..10 {
        let r = (letter_sum + weighted(&d[..3], &[4, 3, 2])) % 11;
        if r != 0 {
            d[3] = ((11 - r) % 10) as u8;
            break;
        }
        d[2] = (d[2] + 1) % 10;
    }
    for &l in &letters {
        out.push(char::from(NHI_LETTERS[usize::from(l)]));
    }
    push_digits(out, &d);
}

fn val_nzl(id: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b" ", &mut buf) else {
        return false;
    };
    if s.len() != 7 {
        return false;
    }
    let Some(d) = digits::<4>(&s[3..]) else {
        return false;
    };
    let mut sum = 0u32;
    for (&c, w) in s[..3].iter().zip([7u32, 6, 5]) {
        match NHI_LETTERS.iter().position(|&x| x == c) {
            Some(i) => sum += (i as u32 + 1) * w,
            None => return false,
        }
    }
    sum += 4 * u32::from(d[0]) + 3 * u32::from(d[1]) + 2 * u32::from(d[2]);
    let r = sum % 11;
    r != 0 && (11 - r) % 10 == u32::from(d[3])
}

// =======================================================================================
// Australia — Tax File Number
// =======================================================================================

fn gen_aus(rng: &mut Mix, out: &mut String) {
    const W: [u32; 8] = [1, 4, 3, 7, 5, 8, 6, 9];
    let mut d = [0u8; 9];
    d[0] = rng.range(1, 9) as u8;
    rng.fill(&mut d[1..8]);
    // The check digit has weight 10 ≡ −1, so it must equal the payload sum mod 11; changing
    // d[7] by one changes that sum by 9, so a remainder of 10 is left within two tries.
    for _ in 0..10 {
        let r = weighted(&d[..8], &W) % 11;
        if r < 10 {
            d[8] = r as u8;
            break;
        }
        d[7] = (d[7] + 1) % 10;
    }
    push_digits(out, &d);
}

fn val_aus(id: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(s) = compact(id, b" ", &mut buf) else {
        return false;
    };
    digits::<9>(s).is_some_and(|d| weighted(&d, &[1, 4, 3, 7, 5, 8, 6, 9, 10]) % 11 == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verhoeff_textbook_example() {
        assert_eq!(verhoeff_digit(&[2, 3, 6]), 3);
        assert!(verhoeff_ok(&[2, 3, 6, 3]));
        assert!(!verhoeff_ok(&[2, 3, 6, 4]));
        assert!(!verhoeff_ok(&[3, 2, 6, 3]));
    }

    #[test]
    fn luhn_textbook_example() {
        let payload = [7, 9, 9, 2, 7, 3, 9, 8, 7, 1];
        assert_eq!(luhn_digit(&payload), 3);
        assert!(luhn_ok(&[7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 3]));
        assert!(!luhn_ok(&[7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 4]));
    }

    #[test]
    fn civil_day_numbers() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_since_1899_12_31(1900, 1, 1), 1);
    }

    #[test]
    fn digit_stream_is_bounded() {
        let mut rng = Mix::new(0);
        for _ in 0..10_000 {
            assert!(rng.digit() <= 9);
            assert!((5..=7).contains(&rng.range(5, 7)));
            assert_eq!(rng.parity_digit(true) % 2, 1);
            assert_eq!(rng.parity_digit(false) % 2, 0);
        }
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.range(3, 1), 3);
    }

    #[test]
    fn unusual_birth_dates_do_not_panic() {
        for n in super::super::NATIONS {
            for birth in [(1850, 1, 1), (2150, 12, 31), (-5, 0, 0), (99_999, 99, 99)] {
                for female in [false, true] {
                    let mut s = String::new();
                    write_national_id(n, birth, female, 1, &mut s);
                    assert!(!s.is_empty());
                }
            }
        }
    }
}
