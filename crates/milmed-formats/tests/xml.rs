//! patients.xml validates against the published XSD with xmllint, the schema rejects broken
//! documents, and names with markup characters, quotes, non-ASCII letters and characters XML
//! forbids come back intact (or as U+FFFD) through an independent parser.

mod support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use milmed_core::engine::Generator;
use milmed_formats::Format;
use quick_xml::events::Event;
use quick_xml::Reader;
use support::*;

fn xsd() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/formats/patients.xsd")
}

/// `xmllint --noout --schema patients.xsd FILE`: Ok or the validator's messages.
fn xmllint(file: &Path) -> Result<(), String> {
    let out = run_tool(
        "xmllint",
        &[
            OsStr::new("--noout"),
            OsStr::new("--schema"),
            xsd().as_os_str(),
            file.as_os_str(),
        ],
    );
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr)
            .chars()
            .take(3000)
            .collect())
    }
}

fn write_xml(dir: &Path, gen: &Generator) -> PathBuf {
    write_outputs(dir, gen, &[Format::Xml], 512, |_| {});
    dir.join("patients.xml")
}

#[test]
fn default_and_battle_runs_validate_against_the_xsd() {
    for (label, s) in [
        ("default", default_scenario(3_000, 42)),
        ("nato_article_5", preset("nato_article_5", 3_000, 7)),
        ("cbrn_incident", preset("cbrn_incident", 1_000, 9)),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = write_xml(dir.path(), &Generator::new(s));
        if let Err(e) = xmllint(&file) {
            panic!("{label}: patients.xml does not validate:\n{e}");
        }
    }
}

#[test]
fn the_schema_rejects_broken_documents() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write_xml(dir.path(), &Generator::new(default_scenario(20, 1)));
    assert!(xmllint(&file).is_ok(), "the unchanged document is valid");
    let good = std::fs::read_to_string(&file).expect("read");
    for (what, from, to) in [
        (
            "triage T5",
            "triage_category=\"T",
            "triage_category=\"T5\" x=\"",
        ),
        (
            "an unknown element",
            "<demographics>",
            "<demographics><nickname>Doc</nickname>",
        ),
        ("a timestamp without Z", "Z</injury_time>", "</injury_time>"),
        (
            "a non-numeric SNOMED code",
            "<condition code=\"",
            "<condition code=\"X",
        ),
        ("a missing root attribute", " seed=\"", " seeds=\""),
    ] {
        let broken = good.replacen(from, to, 1);
        assert_ne!(broken, good, "mutation {what} applies");
        let path = dir.path().join("broken.xml");
        std::fs::write(&path, broken).expect("write");
        assert!(xmllint(&path).is_err(), "the schema should reject {what}");
    }
}

/// Text of the first element named `name` inside the first `<patient>`.
fn first_text(xml: &str, name: &str) -> String {
    let mut reader = Reader::from_str(xml);
    let mut inside = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == name.as_bytes() => inside = true,
            Event::Text(t) if inside => {
                return t.decode().expect("UTF-8").into_owned() + &collect_rest(&mut reader, name);
            }
            Event::GeneralRef(r) if inside => {
                let resolved = resolve(&r);
                return resolved + &collect_rest(&mut reader, name);
            }
            Event::Eof => panic!("no <{name}>"),
            _ => {}
        }
    }
}

fn resolve(r: &quick_xml::events::BytesRef) -> String {
    match r.decode().expect("UTF-8").as_ref() {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        other => panic!("unexpected entity {other}"),
    }
}

fn collect_rest(reader: &mut Reader<&[u8]>, name: &str) -> String {
    let mut s = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Text(t) => s.push_str(&t.decode().expect("UTF-8")),
            Event::GeneralRef(r) => s.push_str(&resolve(&r)),
            Event::End(e) if e.name().as_ref() == name.as_bytes() => return s,
            other => panic!("unexpected {other:?} in <{name}>"),
        }
    }
}

#[test]
fn awkward_names_round_trip_and_forbidden_characters_are_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write_xml(dir.path(), &Generator::new(default_scenario(30, 5)));
    xmllint(&file).expect("valid");
    let xml = std::fs::read_to_string(&file).expect("read");
    assert_eq!(first_text(&xml, "given_name"), AWKWARD_GIVEN);
    assert_eq!(first_text(&xml, "family_name"), AWKWARD_FAMILY);
    assert_eq!(first_text(&xml, "unit"), "A&B \"Coy\", 1st <Bn>");

    // Characters XML 1.0 forbids never reach the file.
    let gen = Generator::new(default_scenario(3, 5));
    let mut p = awkward_patient(&gen);
    p.person.family_name = "Null\u{0}Bell\u{7}Esc\u{1b}\u{FFFE}".into();
    let mut out = milmed_formats::xml::prologue(&milmed_formats::json_metadata(
        gen.scenario(),
        &"0".repeat(64),
        "test",
    ));
    milmed_formats::xml::write_patient(&mut out, gen.scenario(), &p);
    out.extend_from_slice(milmed_formats::xml::EPILOGUE);
    let path = dir.path().join("controls.xml");
    std::fs::write(&path, &out).expect("write");
    xmllint(&path).expect("a document with replaced control characters is valid");
    let text = String::from_utf8(out).expect("UTF-8");
    assert_eq!(
        first_text(&text, "family_name"),
        "Null\u{FFFD}Bell\u{FFFD}Esc\u{FFFD}\u{FFFD}"
    );
}
