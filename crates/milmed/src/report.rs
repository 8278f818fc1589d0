//! `milmed report FILE`: statistics of an output file (NDJSON or JSON, both JSON shapes),
//! read as a stream.

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use anyhow::{bail, Context, Result};
use milmed_core::catalog::TimelineStep;
use milmed_core::catalog::{Mechanism, Region};
use milmed_core::flow::FlowEvent;
use milmed_core::record::{EventKind, Outcome, Triage};
use milmed_core::scenario::{Category, Role, WarfareType};
use milmed_core::stats::{first_steps, Accumulator, Report, Summary, Verdict};
use milmed_core::time::parse_timestamp;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

#[derive(Deserialize)]
struct Rec {
    nationality: String,
    gender: String,
    injury_type: String,
    triage_category: String,
    front: String,
    final_status: String,
    demographics: Demo,
    conditions: Vec<Cond>,
    #[serde(default)]
    additional_conditions: Vec<Cond>,
    #[serde(default)]
    treatments: Vec<Treat>,
    movement_timeline: Vec<Ev>,
    injury_time: String,
    scenario: String,
    mass_casualty: bool,
}

#[derive(Deserialize)]
struct Demo {
    age: u32,
}

#[derive(Deserialize)]
struct Cond {
    body_region: String,
    mechanism: String,
}

#[derive(Deserialize)]
struct Treat {
    code: String,
    time: String,
}

#[derive(Deserialize)]
struct Ev {
    event_type: String,
    facility: String,
    #[serde(default)]
    facility_id: Option<String>,
    timestamp: String,
    #[serde(default)]
    transport: Option<String>,
}

/// A parsed timeline event; checked once, before anything is counted.
struct Step<'a> {
    kind: EventKind,
    role: Role,
    time: i64,
    ev: &'a Ev,
}

fn timeline(r: &Rec) -> Result<Vec<Step<'_>>> {
    r.movement_timeline
        .iter()
        .enumerate()
        .map(|(i, ev)| {
            let at = || format!("movement_timeline[{i}]");
            Ok(Step {
                kind: EventKind::from_code(&ev.event_type)
                    .with_context(|| format!("{}: unknown event_type", at()))?,
                role: Role::parse(&ev.facility)
                    .with_context(|| format!("{}: unknown facility", at()))?,
                time: parse_timestamp(&ev.timestamp)
                    .with_context(|| format!("{}: bad timestamp", at()))?,
                ev,
            })
        })
        .collect()
}

/// Adds one record to the statistics and the flow figures.
fn add(acc: &mut Accumulator, r: &Rec) -> Result<()> {
    let steps = timeline(r)?;
    acc.add(&summary(r)?);
    let t0 = parse_timestamp(&r.injury_time).context("bad injury_time")?;
    acc.add_flow(
        &r.front,
        t0,
        steps.iter().map(|s| FlowEvent {
            kind: s.kind,
            role: s.role,
            facility: s.ev.facility_id.as_deref(),
            time: s.time,
            transport: s.ev.transport.as_deref(),
        }),
    );
    Ok(())
}

fn summary(r: &Rec) -> Result<Summary<'_>> {
    let t0 = parse_timestamp(&r.injury_time).context("bad injury_time")?;
    let minutes = |ts: &str| parse_timestamp(ts).map(|t| (t - t0) as f64 / 60.0);
    let category = Category::ALL
        .into_iter()
        .find(|c| c.label() == r.injury_type)
        .context("unknown injury_type")?;
    let triage = Triage::ALL
        .into_iter()
        .find(|t| t.code() == r.triage_category)
        .context("unknown triage_category")?;
    let outcome = Outcome::from_code(&r.final_status).context("unknown final_status")?;
    let primary = r.conditions.first().context("record without conditions")?;
    let region = Region::ALL
        .into_iter()
        .find(|x| x.key() == primary.body_region)
        .context("unknown body_region")?;
    let mechanism = Mechanism::ALL
        .into_iter()
        .find(|x| x.key() == primary.mechanism)
        .context("unknown mechanism")?;
    let warfare = WarfareType::from_key(&r.scenario).context("unknown scenario")?;
    let outcome_time = r
        .movement_timeline
        .iter()
        .rev()
        .find(|e| {
            ["kia", "dow", "died_dnbi", "rtd", "evacuated_r4"].contains(&e.event_type.as_str())
        })
        .and_then(|e| minutes(&e.timestamp));
    let r2 = r
        .movement_timeline
        .iter()
        .find(|e| {
            e.event_type == "arrival" && ["R2", "R3", "CSU", "R4"].contains(&e.facility.as_str())
        })
        .and_then(|e| minutes(&e.timestamp));
    let treatments = r
        .treatments
        .iter()
        .map(|t| {
            parse_timestamp(&t.time)
                .map(|time| (t.code.as_str(), time))
                .context("bad treatment time")
        })
        .collect::<Result<Vec<_>>>()?;
    let [bleeding, resuscitation, _] = first_steps(t0, treatments.iter().copied());
    // The first surgery in record order, as the engine records it.
    let surgery = treatments
        .iter()
        .find(|(code, _)| TimelineStep::of_code(code) == Some(TimelineStep::Surgery))
        .map(|(_, time)| (time - t0) as f64 / 60.0);
    let mut regions: Vec<&str> = r
        .conditions
        .iter()
        .chain(&r.additional_conditions)
        .map(|c| c.body_region.as_str())
        .collect();
    regions.sort_unstable();
    regions.dedup();
    Ok(Summary {
        category,
        triage,
        outcome,
        region,
        mechanism,
        nationality: &r.nationality,
        front: &r.front,
        warfare,
        mass_casualty: r.mass_casualty,
        female: r.gender == "female",
        age: r.demographics.age,
        minutes_to_surgery: surgery,
        minutes_to_bleeding_control: bleeding,
        minutes_to_resuscitation: resuscitation,
        minutes_to_outcome: outcome_time,
        minutes_to_r2: r2,
        regions_wounded: regions.len() as u8,
        reached_facility: r
            .movement_timeline
            .iter()
            .any(|e| e.event_type == "arrival"),
    })
}

/// Streams the records of a JSON document (object with `patients`, or a bare array).
struct Records<'a>(&'a mut dyn FnMut(Rec) -> Result<(), String>);

impl<'de> DeserializeSeed<'de> for Records<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Records<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a milmed JSON output (object with patients, or an array of patients)")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(rec) = seq.next_element::<Rec>()? {
            (self.0)(rec).map_err(serde::de::Error::custom)?;
        }
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut found = false;
        while let Some(k) = map.next_key::<String>()? {
            if k == "patients" {
                map.next_value_seed(Records(&mut *self.0))?;
                found = true;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if !found {
            return Err(serde::de::Error::custom("no \"patients\" array"));
        }
        Ok(())
    }
}

/// Reads a file and accumulates its statistics.
pub fn read(path: &Path) -> Result<Accumulator> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut acc = Accumulator::default();
    let first = {
        let buf = reader.fill_buf()?;
        buf.iter().copied().find(|b| !b.is_ascii_whitespace())
    };
    let ndjson = path
        .extension()
        .is_some_and(|e| e == "ndjson" || e == "jsonl")
        || first == Some(b'{') && path.extension().is_none_or(|e| e != "json");
    if ndjson {
        for (i, line) in reader.lines().enumerate() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let rec: Rec = serde_json::from_str(&line).with_context(|| {
                format!("{}: line {}: not a milmed record", path.display(), i + 1)
            })?;
            add(&mut acc, &rec).with_context(|| format!("{}: line {}", path.display(), i + 1))?;
        }
    } else {
        let mut add = |rec: Rec| -> Result<(), String> {
            add(&mut acc, &rec).map_err(|e| format!("{e:#}"))?;
            Ok(())
        };
        let mut de = serde_json::Deserializer::from_reader(&mut reader as &mut dyn Read);
        Records(&mut add)
            .deserialize(&mut de)
            .with_context(|| format!("{}: not a milmed JSON output", path.display()))?;
    }
    if acc.total() == 0 {
        bail!("{}: no patient records", path.display());
    }
    Ok(acc)
}

fn pct(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.1} %"))
        .unwrap_or_else(|| "n/a".into())
}

/// Human-readable report.
pub fn render(r: &Report) -> String {
    let mut s = String::new();
    let total = r.total_patients as f64;
    let table = |s: &mut String, title: &str, m: &std::collections::BTreeMap<String, u64>| {
        s.push_str(&format!("\n{title}\n"));
        let mut rows: Vec<_> = m.iter().collect();
        rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (k, v) in rows {
            s.push_str(&format!(
                "  {k:<24} {v:>10}  {:>6.1} %\n",
                100.0 * *v as f64 / total
            ));
        }
    };
    s.push_str(&format!("patients: {}\n", r.total_patients));
    table(&mut s, "by category", &r.by_category);
    table(&mut s, "by triage (first medical contact)", &r.by_triage);
    table(&mut s, "by outcome", &r.by_outcome);
    table(&mut s, "by primary body region", &r.by_body_region);
    table(&mut s, "by mechanism", &r.by_mechanism);
    table(&mut s, "by nationality", &r.by_nationality);
    table(&mut s, "by front", &r.by_front);
    let f = &r.figures;
    s.push_str("\nbattle casualties (Holcomb et al. 2006 definitions)\n");
    s.push_str(&format!(
        "  hits {}  KIA {}  DOW {}  RTD within 72 h {}\n",
        f.hits, f.kia, f.dow, f.rtd_within_72h
    ));
    s.push_str(&format!(
        "  %KIA {}  %DOW {}  case fatality rate {}\n",
        pct(f.pct_kia),
        pct(f.pct_dow),
        pct(f.case_fatality_rate)
    ));
    s.push_str(&format!(
        "  injury to first surgery: median {}  beyond 12 h {}\n",
        f.median_hours_to_first_surgery
            .map(|h| format!("{h:.1} h"))
            .unwrap_or_else(|| "n/a".into()),
        pct(f.surgery_beyond_12h_pct)
    ));
    render_flow(&mut s, r);
    s.push_str(&format!("\ncalibration ({:?})\n", r.calibration_profile));
    for c in &r.calibration {
        let mark = match c.verdict {
            Verdict::Inside => "ok",
            Verdict::Outside => "OUTSIDE",
            Verdict::NotApplicable => "n/a",
        };
        let v = c
            .value
            .map(|v| format!("{v:.2}"))
            .unwrap_or_else(|| "n/a".into());
        s.push_str(&format!(
            "  {:<32} {:>8}  target {:>6} – {:<6} {}\n",
            c.figure, v, c.min, c.max, mark
        ));
    }
    s.push_str(&format!(
        "\nverdict: {}\n",
        if r.plausible {
            "plausible"
        } else {
            "some figures are outside the published ranges"
        }
    ));
    s
}

fn minutes(m: Option<f64>) -> String {
    match m {
        None => "n/a".into(),
        Some(m) if m >= 120.0 => format!("{:.1} h", m / 60.0),
        Some(m) => format!("{m:.0} min"),
    }
}

/// The 10-1-2 timeline, places of care, evacuation legs and waits.
fn render_flow(s: &mut String, r: &Report) {
    s.push_str("\n10-1-2 timeline (battle injuries who received each step)\n");
    for step in &r.ten_one_two {
        s.push_str(&format!(
            "  {:<18} target {:>4} min  patients {:>9}  within {:>7}  median {:>9}  p90 {:>9}\n",
            step.step,
            step.target_minutes,
            step.patients,
            pct(step.within_target_pct),
            minutes(step.median_minutes),
            minutes(step.p90_minutes),
        ));
    }
    let f = &r.flow;
    s.push_str(
        "\nplaces of care (beds and queue: busiest hour's mean number of patients)\n  \
         place                    role   arrivals  diverted    waits   peak beds   peak queue\n",
    );
    for p in &f.facilities {
        let peak = |x: &Option<milmed_core::flow::Peak>| {
            x.as_ref()
                .map(|x| format!("{:.1}", x.patients))
                .unwrap_or_else(|| "0".into())
        };
        s.push_str(&format!(
            "  {:<24} {:<5} {:>9} {:>9} {:>8} {:>11} {:>12}\n",
            p.place,
            p.role,
            p.arrivals,
            p.diverted_away,
            p.waits,
            peak(&p.peak_occupancy),
            peak(&p.peak_queue),
        ));
    }
    s.push_str("\nevacuation legs (departure to arrival)\n");
    for l in &f.evacuation {
        let by: Vec<String> = l
            .by_transport
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        s.push_str(&format!(
            "  {:>3} -> {:<3} transits {:>9}  median {:>9}  p90 {:>9}  {}\n",
            l.from,
            l.to,
            l.transits,
            minutes(l.transit_minutes.median),
            minutes(l.transit_minutes.p90),
            by.join(", "),
        ));
    }
    s.push_str(&format!(
        "  injury to first facility: median {}  p90 {}\n",
        minutes(f.injury_to_first_facility_minutes.median),
        minutes(f.injury_to_first_facility_minutes.p90),
    ));
    s.push_str(&format!("\nwaits (diversions {})\n", f.diversions));
    for (kind, d) in &f.waits {
        s.push_str(&format!(
            "  {:<10} {:>9}  median {:>9}  p90 {:>9}  longest {:>9}\n",
            kind,
            d.count,
            minutes(d.median),
            minutes(d.p90),
            minutes(d.max),
        ));
    }
}
