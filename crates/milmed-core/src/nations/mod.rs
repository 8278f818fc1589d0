//! Static table of nations used to generate realistic people.
//!
//! The table covers the 32 NATO member states plus Australia, New Zealand and Ukraine. For
//! each nation it holds common given and family names in the national orthography, how a
//! family name changes for a woman ([`SurnameRule`]), the share of women among service
//! members, and the national identification number scheme, with a generator
//! ([`write_national_id`]) and an independent validator ([`validate_national_id`]).
//!
//! Everything here is static data and pure functions: no I/O, no allocation beyond pushing
//! to the caller's `String`.

#[rustfmt::skip]
mod names;
mod national_id;

pub use national_id::{
    cpr_modulus11_ok, id_scheme_info, validate_national_id, write_national_id, IdSchemeInfo,
};

use core::cmp::Ordering;

/// How a family name changes for a woman.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurnameRule {
    /// The same form for men and women.
    Invariant,
    /// Polish adjectival names: -ski/-cki/-dzki → -ska/-cka/-dzka; other names unchanged.
    Polish,
    /// Czech and Slovak: -ý → -á, -í unchanged, otherwise + "ová" with the usual stem changes
    /// (final -a/-o dropped, mobile e dropped in -ek/-ec, -něk → -ňk).
    CzechSlovak,
    /// Lithuanian: -as/-is/-ys/-us/-ius → -ienė (married) or -aitė/-ytė/-utė/-iūtė
    /// (unmarried), chosen by bit 0 of `variant` (set = married).
    Lithuanian,
    /// Latvian: -s/-š → -a, -is → -e, -ons → -one, -skis → -ska.
    Latvian,
    /// Bulgarian, Macedonian, Ukrainian: -ov/-ev/-in → +a, -ski → -ska, Ukrainian adjectival
    /// -yi (-skyi) → -a; other names (-enko, -uk, -iv …) unchanged.
    SouthSlavicOv,
    /// Greek (feminine = genitive): -os → -ou, -is → -i, -as → -a; -ou unchanged.
    Greek,
    /// Icelandic patronymic: father's name in the genitive + "son" / "dóttir". The nation's
    /// `family` list holds the genitive stems (e.g. "Jóns", "Magnús", "Guðmunds").
    IcelandicPatronymic,
}

/// One nation of the table.
#[derive(Debug)]
pub struct Nation {
    /// ISO 3166-1 alpha-3 code, e.g. `"POL"`.
    pub code: &'static str,
    /// English short name, e.g. `"Poland"`.
    pub name: &'static str,
    /// Share of women among the nation's service members, per mille (see [`NATIONS`] for the
    /// sources; 110 where no figure is known).
    pub female_share_permille: u16,
    /// At least 50 common male given names, native orthography (Latin script).
    pub male_given: &'static [&'static str],
    /// At least 50 common female given names, native orthography (Latin script).
    pub female_given: &'static [&'static str],
    /// At least 50 common family names in the masculine / base form. For Iceland these are
    /// genitive stems of fathers' given names used to build patronymics.
    pub family: &'static [&'static str],
    /// How the family name changes for a woman.
    pub surname_rule: SurnameRule,
    /// Human name of the national identification scheme, e.g. "PESEL", "HETU", "SSN".
    pub id_scheme: &'static str,
    /// A stable URI naming the identifier system: the public OID (`urn:oid:…`) where one is
    /// published, else a project-local `https://milmed.invalid/id/…` URI.
    pub id_system_uri: &'static str,
}

/// Builds a table row; keeps the table below compact.
macro_rules! nation {
    ($code:literal, $name:literal, $women:literal, $m:ident, $f:ident, $fam:ident, $rule:ident,
     $scheme:literal, $uri:expr) => {
        Nation {
            code: $code,
            name: $name,
            female_share_permille: $women,
            male_given: names::$m,
            female_given: names::$f,
            family: names::$fam,
            surname_rule: SurnameRule::$rule,
            id_scheme: $scheme,
            id_system_uri: $uri,
        }
    };
}

/// Project-local identifier-system URI for schemes without a published OID.
macro_rules! local_uri {
    ($slug:literal) => {
        concat!("https://milmed.invalid/id/", $slug)
    };
}

/// All nations, sorted by ISO alpha-3 code.
///
/// `female_share_permille` is an approximate, rounded share of women among active-duty
/// service members. For the NATO members it follows the figures published in NATO's
/// "Summary of the National Reports of NATO Member and Partner Nations to the NATO Committee
/// on Gender Perspectives" (2019 and 2020 editions); for the United States about 17.5 %
/// (Department of Defense demographics reports); for Australia, New Zealand and Ukraine the
/// figures their defence ministries report (about 20 %, 19 % and 15 %). Where no comparable
/// figure is published (Finland and Sweden, which joined NATO after those reports, and
/// Iceland, which has no armed forces) the default of 110 (11 %) is used. The figures only
/// steer the sex ratio of generated people; they are not authoritative statistics.
///
/// `id_system_uri` uses published OIDs for the Danish CPR (1.2.208.176.1.2), Finnish HETU
/// (1.2.246.21), French NIR (1.2.250.1.213.1.4.8), Italian codice fiscale
/// (2.16.840.1.113883.2.9.4.3.2), Dutch BSN (2.16.840.1.113883.2.4.6.3), Norwegian
/// fødselsnummer (2.16.578.1.12.4.1.4.1), Polish PESEL (2.16.840.1.113883.3.4424.1.1.616),
/// Swedish personnummer (1.2.752.129.2.1.3.1) and US SSN (2.16.840.1.113883.4.1); the others
/// are project-local.
#[rustfmt::skip]
pub static NATIONS: &[Nation] = &[
    nation!("ALB", "Albania", 150, ALB_MALE, ALB_FEMALE, ALB_FAMILY, Invariant,
        "NID", local_uri!("ALB-NID")),
    nation!("AUS", "Australia", 200, AUS_MALE, AUS_FEMALE, AUS_FAMILY, Invariant,
        "TFN", local_uri!("AUS-TFN")),
    nation!("BEL", "Belgium", 83, BEL_MALE, BEL_FEMALE, BEL_FAMILY, Invariant,
        "Rijksregisternummer", local_uri!("BEL-RRN")),
    nation!("BGR", "Bulgaria", 150, BGR_MALE, BGR_FEMALE, BGR_FAMILY, SouthSlavicOv,
        "EGN", local_uri!("BGR-EGN")),
    nation!("CAN", "Canada", 160, CAN_MALE, CAN_FEMALE, CAN_FAMILY, Invariant,
        "SIN", local_uri!("CAN-SIN")),
    nation!("CZE", "Czechia", 132, CZE_MALE, CZE_FEMALE, CZE_FAMILY, CzechSlovak,
        "Rodné číslo", local_uri!("CZE-RC")),
    nation!("DEU", "Germany", 120, DEU_MALE, DEU_FEMALE, DEU_FAMILY, Invariant,
        "Personalausweisnummer", local_uri!("DEU-PA")),
    nation!("DNK", "Denmark", 75, DNK_MALE, DNK_FEMALE, DNK_FAMILY, Invariant,
        "CPR", "urn:oid:1.2.208.176.1.2"),
    nation!("ESP", "Spain", 130, ESP_MALE, ESP_FEMALE, ESP_FAMILY, Invariant,
        "DNI", local_uri!("ESP-DNI")),
    nation!("EST", "Estonia", 105, EST_MALE, EST_FEMALE, EST_FAMILY, Invariant,
        "Isikukood", local_uri!("EST-IK")),
    nation!("FIN", "Finland", 110, FIN_MALE, FIN_FEMALE, FIN_FAMILY, Invariant,
        "HETU", "urn:oid:1.2.246.21"),
    nation!("FRA", "France", 160, FRA_MALE, FRA_FEMALE, FRA_FAMILY, Invariant,
        "NIR", "urn:oid:1.2.250.1.213.1.4.8"),
    nation!("GBR", "United Kingdom", 110, GBR_MALE, GBR_FEMALE, GBR_FAMILY, Invariant,
        "NINO", local_uri!("GBR-NINO")),
    nation!("GRC", "Greece", 150, GRC_MALE, GRC_FEMALE, GRC_FAMILY, Greek,
        "AMKA", local_uri!("GRC-AMKA")),
    nation!("HRV", "Croatia", 125, HRV_MALE, HRV_FEMALE, HRV_FAMILY, Invariant,
        "OIB", local_uri!("HRV-OIB")),
    nation!("HUN", "Hungary", 200, HUN_MALE, HUN_FEMALE, HUN_FAMILY, Invariant,
        "TAJ", local_uri!("HUN-TAJ")),
    nation!("ISL", "Iceland", 110, ISL_MALE, ISL_FEMALE, ISL_FAMILY, IcelandicPatronymic,
        "Kennitala", local_uri!("ISL-KT")),
    nation!("ITA", "Italy", 60, ITA_MALE, ITA_FEMALE, ITA_FAMILY, Invariant,
        "Codice fiscale", "urn:oid:2.16.840.1.113883.2.9.4.3.2"),
    nation!("LTU", "Lithuania", 120, LTU_MALE, LTU_FEMALE, LTU_FAMILY, Lithuanian,
        "Asmens kodas", local_uri!("LTU-AK")),
    nation!("LUX", "Luxembourg", 65, LUX_MALE, LUX_FEMALE, LUX_FAMILY, Invariant,
        "Matricule", local_uri!("LUX-MATRICULE")),
    nation!("LVA", "Latvia", 165, LVA_MALE, LVA_FEMALE, LVA_FAMILY, Latvian,
        "Personas kods", local_uri!("LVA-PK")),
    nation!("MKD", "North Macedonia", 110, MKD_MALE, MKD_FEMALE, MKD_FAMILY, SouthSlavicOv,
        "EMBG", local_uri!("MKD-EMBG")),
    nation!("MNE", "Montenegro", 100, MNE_MALE, MNE_FEMALE, MNE_FAMILY, Invariant,
        "JMBG", local_uri!("MNE-JMBG")),
    nation!("NLD", "Netherlands", 95, NLD_MALE, NLD_FEMALE, NLD_FAMILY, Invariant,
        "BSN", "urn:oid:2.16.840.1.113883.2.4.6.3"),
    nation!("NOR", "Norway", 150, NOR_MALE, NOR_FEMALE, NOR_FAMILY, Invariant,
        "Fødselsnummer", "urn:oid:2.16.578.1.12.4.1.4.1"),
    nation!("NZL", "New Zealand", 190, NZL_MALE, NZL_FEMALE, NZL_FAMILY, Invariant,
        "NHI", local_uri!("NZL-NHI")),
    nation!("POL", "Poland", 70, POL_MALE, POL_FEMALE, POL_FAMILY, Polish,
        "PESEL", "urn:oid:2.16.840.1.113883.3.4424.1.1.616"),
    nation!("PRT", "Portugal", 120, PRT_MALE, PRT_FEMALE, PRT_FAMILY, Invariant,
        "NIF", local_uri!("PRT-NIF")),
    nation!("ROU", "Romania", 70, ROU_MALE, ROU_FEMALE, ROU_FAMILY, Invariant,
        "CNP", local_uri!("ROU-CNP")),
    nation!("SVK", "Slovakia", 110, SVK_MALE, SVK_FEMALE, SVK_FAMILY, CzechSlovak,
        "Rodné číslo", local_uri!("SVK-RC")),
    nation!("SVN", "Slovenia", 160, SVN_MALE, SVN_FEMALE, SVN_FAMILY, Invariant,
        "EMŠO", local_uri!("SVN-EMSO")),
    nation!("SWE", "Sweden", 110, SWE_MALE, SWE_FEMALE, SWE_FAMILY, Invariant,
        "Personnummer", "urn:oid:1.2.752.129.2.1.3.1"),
    nation!("TUR", "Türkiye", 8, TUR_MALE, TUR_FEMALE, TUR_FAMILY, Invariant,
        "T.C. Kimlik No", local_uri!("TUR-TCKN")),
    nation!("UKR", "Ukraine", 150, UKR_MALE, UKR_FEMALE, UKR_FAMILY, SouthSlavicOv,
        "RNOKPP", local_uri!("UKR-RNOKPP")),
    nation!("USA", "United States", 175, USA_MALE, USA_FEMALE, USA_FAMILY, Invariant,
        "SSN", "urn:oid:2.16.840.1.113883.4.1"),
];

/// Compares two codes ignoring ASCII case.
fn cmp_code(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_uppercase())
        .cmp(b.bytes().map(|c| c.to_ascii_uppercase()))
}

/// The nation with this ISO alpha-3 code (ASCII case-insensitive).
#[must_use]
pub fn nation_by_code(code: &str) -> Option<&'static Nation> {
    nation_index(code).map(|i| &NATIONS[i])
}

/// Index into [`NATIONS`] of the nation with this ISO alpha-3 code (ASCII case-insensitive).
#[must_use]
pub fn nation_index(code: &str) -> Option<usize> {
    NATIONS.binary_search_by(|n| cmp_code(n.code, code)).ok()
}

/// Writes the family name for the person into `out` (appends): the base form for men and the
/// feminine form where the language has one (see [`SurnameRule`]). For Iceland the
/// patronymic is built for both sexes. `family_index` wraps around the nation's list;
/// `variant` bit 0 selects the married Lithuanian form. Appends nothing if the list is empty.
pub fn write_family_name(
    nation: &Nation,
    family_index: usize,
    female: bool,
    variant: u64,
    out: &mut String,
) {
    if nation.family.is_empty() {
        return;
    }
    let base = nation.family[family_index % nation.family.len()];
    match nation.surname_rule {
        SurnameRule::IcelandicPatronymic => {
            out.push_str(base);
            out.push_str(if female { "dóttir" } else { "son" });
        }
        _ if !female => out.push_str(base),
        SurnameRule::Invariant => out.push_str(base),
        SurnameRule::Polish => feminine_polish(base, out),
        SurnameRule::CzechSlovak => feminine_czech_slovak(base, out),
        SurnameRule::Lithuanian => feminine_lithuanian(base, variant & 1 == 1, out),
        SurnameRule::Latvian => feminine_latvian(base, out),
        SurnameRule::SouthSlavicOv => feminine_south_slavic(base, out),
        SurnameRule::Greek => feminine_greek(base, out),
    }
}

/// Pushes `stem` followed by `suffix`.
fn push2(out: &mut String, stem: &str, suffix: &str) {
    out.push_str(stem);
    out.push_str(suffix);
}

fn feminine_polish(base: &str, out: &mut String) {
    if base.ends_with("ski") || base.ends_with("cki") || base.ends_with("dzki") {
        push2(out, &base[..base.len() - 1], "a");
    } else {
        out.push_str(base);
    }
}

fn is_czech_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'a' | 'á'
            | 'ä'
            | 'e'
            | 'é'
            | 'ě'
            | 'i'
            | 'í'
            | 'o'
            | 'ó'
            | 'ô'
            | 'u'
            | 'ú'
            | 'ů'
            | 'y'
            | 'ý'
    )
}

fn feminine_czech_slovak(base: &str, out: &mut String) {
    if let Some(stem) = base.strip_suffix('ý') {
        // Černý → Černá, Kopecký → Kopecká
        push2(out, stem, "á");
    } else if base.ends_with('í') {
        // Krejčí: soft adjectival names do not change.
        out.push_str(base);
    } else if let Some(stem) = base.strip_suffix('a').or_else(|| base.strip_suffix('o')) {
        // Svoboda → Svobodová, Procházka → Procházková, Šimko → Šimková
        push2(out, stem, "ová");
    } else if let Some(stem) = base.strip_suffix("ěk") {
        // Vaněk → Vaňková: the ě marks a soft consonant that keeps its softness.
        let mut chars = stem.chars();
        match chars.next_back() {
            Some(c @ ('n' | 'd' | 't')) => {
                out.push_str(chars.as_str());
                out.push(match c {
                    'n' => 'ň',
                    'd' => 'ď',
                    _ => 'ť',
                });
            }
            _ => out.push_str(stem),
        }
        out.push_str("ková");
    } else if let Some(stem) = base.strip_suffix("ek") {
        // Mobile e: Marek → Marková, Hájek → Hájková, Vlček → Vlčková
        push2(out, stem, "ková");
    } else if let Some(stem) = base.strip_suffix("ec") {
        // Mobile e after a single consonant: Němec → Němcová, Moravec → Moravcová; kept after
        // a consonant cluster: Kadlec → Kadlecová, Švec → Švecová.
        let mut rev = stem.chars().rev();
        let mobile = matches!((rev.next(), rev.next()), (Some(c1), Some(c2))
            if !is_czech_vowel(c1) && is_czech_vowel(c2));
        if mobile {
            push2(out, stem, "cová");
        } else {
            push2(out, base, "ová");
        }
    } else {
        // Novák → Nováková, Dvořák → Dvořáková
        push2(out, base, "ová");
    }
}

fn feminine_lithuanian(base: &str, married: bool, out: &mut String) {
    const ENDINGS: [(&str, &str); 7] = [
        ("ius", "iūtė"),
        ("us", "utė"),
        ("as", "aitė"),
        ("ys", "ytė"),
        ("is", "ytė"),
        ("a", "aitė"),
        ("ė", "ytė"),
    ];
    for (ending, maiden) in ENDINGS {
        if let Some(stem) = base.strip_suffix(ending) {
            push2(out, stem, if married { "ienė" } else { maiden });
            return;
        }
    }
    out.push_str(base);
}

fn feminine_latvian(base: &str, out: &mut String) {
    const ENDINGS: [(&str, &str); 6] = [
        ("ons", "one"),
        ("skis", "ska"),
        ("ckis", "cka"),
        ("is", "e"),
        ("š", "a"),
        ("s", "a"),
    ];
    for (ending, feminine) in ENDINGS {
        if let Some(stem) = base.strip_suffix(ending) {
            push2(out, stem, feminine);
            return;
        }
    }
    out.push_str(base);
}

fn feminine_south_slavic(base: &str, out: &mut String) {
    if base.ends_with("ov") || base.ends_with("ev") || base.ends_with("in") {
        // Petrov → Petrova, Georgiev → Georgieva
        push2(out, base, "a");
    } else if base.ends_with("ski") || base.ends_with("cki") {
        // Stojanovski → Stojanovska
        push2(out, &base[..base.len() - 1], "a");
    } else if let Some(stem) = base.strip_suffix("yi") {
        // Ukrainian adjectival: Kovalskyi → Kovalska, Bilyi → Bila
        push2(out, stem, "a");
    } else {
        out.push_str(base);
    }
}

fn feminine_greek(base: &str, out: &mut String) {
    if let Some(stem) = base.strip_suffix("os") {
        push2(out, stem, "ou");
    } else if let Some(stem) = base.strip_suffix("is") {
        push2(out, stem, "i");
    } else if let Some(stem) = base.strip_suffix("as") {
        push2(out, stem, "a");
    } else {
        out.push_str(base);
    }
}

#[cfg(test)]
mod tests;
