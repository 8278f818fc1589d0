//! The related CSV tables (RFC 4180: CRLF line ends, UTF-8, header row) sharing `patient_id`.

use milmed_core::nations::NATIONS;
use milmed_core::record::{EventDetail, Patient};
use milmed_core::scenario::Scenario;
use milmed_core::time::write_timestamp;

use crate::json::{
    event_id_hex, hours_hundredths, place_labels, push_hundredths, push_tenths, severity_class,
};

/// The CSV tables, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// `patients.csv`: one row per patient.
    Patients,
    /// `conditions.csv`.
    Conditions,
    /// `treatments.csv`.
    Treatments,
    /// `events.csv`: the movement timeline.
    Events,
    /// `vitals.csv`.
    Vitals,
}

impl Table {
    /// All tables.
    pub const ALL: [Table; 5] = [
        Table::Patients,
        Table::Conditions,
        Table::Treatments,
        Table::Events,
        Table::Vitals,
    ];

    /// File name.
    pub fn file_name(self) -> &'static str {
        match self {
            Table::Patients => "patients.csv",
            Table::Conditions => "conditions.csv",
            Table::Treatments => "treatments.csv",
            Table::Events => "events.csv",
            Table::Vitals => "vitals.csv",
        }
    }

    /// Header columns (the predecessor's patient columns first).
    pub fn header(self) -> &'static [&'static str] {
        match self {
            Table::Patients => &[
                "patient_id",
                "name",
                "age",
                "gender",
                "nationality",
                "injury",
                "triage",
                "front",
                "final_status",
                "last_facility",
                "total_timeline_events",
                "injury_timestamp",
                "given_name",
                "family_name",
                "birthdate",
                "id_number",
                "service_number",
                "rank",
                "unit",
                "blood_type",
                "weight_kg",
                "height_cm",
                "status",
                "last_facility_id",
                "scenario",
                "event_id",
                "mass_casualty",
                "special_event",
                "day",
                "body_part",
                "mechanism",
                "primary_condition_code",
                "primary_condition",
                "severity",
                "severity_class",
                "environmental_conditions",
            ],
            Table::Conditions => &[
                "patient_id",
                "seq",
                "primary",
                "code",
                "name",
                "body_region",
                "mechanism",
            ],
            Table::Treatments => &["patient_id", "seq", "code", "name", "facility", "time"],
            Table::Events => &[
                "patient_id",
                "seq",
                "event_type",
                "facility",
                "facility_id",
                "timestamp",
                "hours_since_injury",
                "detail",
            ],
            Table::Vitals => &[
                "patient_id",
                "seq",
                "time",
                "facility",
                "heart_rate",
                "respiratory_rate",
                "systolic_bp",
                "diastolic_bp",
                "spo2",
                "temperature",
                "gcs",
                "pain",
            ],
        }
    }
}

/// Writes a header row.
pub fn write_header(table: Table, out: &mut Vec<u8>) {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let _ = w.write_record(table.header());
    let _ = w.flush();
}

struct Row<'a> {
    w: csv::Writer<&'a mut Vec<u8>>,
    scratch: Vec<u8>,
}

impl Row<'_> {
    fn s(&mut self, v: &str) {
        let _ = self.w.write_field(v);
    }
    fn n(&mut self, v: u64) {
        let mut b = itoa::Buffer::new();
        let _ = self.w.write_field(b.format(v));
    }
    fn t(&mut self, t: i64) {
        self.scratch.clear();
        write_timestamp(t, &mut self.scratch);
        let _ = self.w.write_field(&self.scratch);
    }
    fn raw(&mut self, f: impl FnOnce(&mut Vec<u8>)) {
        self.scratch.clear();
        f(&mut self.scratch);
        let _ = self.w.write_field(&self.scratch);
    }
    fn end(&mut self) {
        let _ = self.w.write_record(None::<&[u8]>);
    }
}

fn row<'a>(scratch: &mut Vec<u8>, out: &'a mut Vec<u8>) -> Row<'a> {
    Row {
        w: csv::WriterBuilder::new()
            .has_headers(false)
            .terminator(csv::Terminator::CRLF)
            .buffer_capacity(4096)
            .from_writer(out),
        scratch: std::mem::take(scratch),
    }
}

/// Appends the rows of one patient to the five table buffers (in [`Table::ALL`] order).
pub fn write_rows(s: &Scenario, p: &Patient, bufs: &mut [Vec<u8>; 5], scratch: &mut Vec<u8>) {
    let [patients, conditions, treatments, events, vitals] = bufs;
    let nation = NATIONS.get(p.person.nation).map(|n| n.code).unwrap_or("");
    let gender = if p.person.female { "female" } else { "male" };
    {
        let mut r = row(scratch, patients);
        r.n(p.id);
        r.raw(|b| {
            b.extend_from_slice(p.person.given_name.as_bytes());
            b.push(b' ');
            b.extend_from_slice(p.person.family_name.as_bytes());
        });
        r.n(u64::from(p.person.age));
        r.s(gender);
        r.s(nation);
        r.s(p.category.label());
        r.s(p.triage.code());
        r.s(&s.fronts[p.front].id);
        r.s(p.outcome.code());
        let (role, fid) = place_labels(s, p.last_place);
        r.s(role);
        r.n(p.timeline.len() as u64);
        r.t(p.injury_time);
        r.s(p.person.given_name);
        r.s(&p.person.family_name);
        r.raw(|b| p.person.birth_date.write_iso(b));
        r.s(&p.person.id_number);
        r.s(&p.person.service_number);
        r.s(p.person.rank);
        r.s(&p.person.unit);
        r.s(p.person.blood_group.label());
        r.n(u64::from(p.person.weight_kg));
        r.n(u64::from(p.person.height_cm));
        r.s(p.outcome.status());
        r.s(fid.unwrap_or(""));
        r.s(p.warfare.key());
        r.raw(|b| event_id_hex(p.event_id, b));
        r.s(if p.mass_casualty { "true" } else { "false" });
        r.s(p.special_event.map(|k| k.key()).unwrap_or(""));
        r.n(u64::from(p.day));
        let primary = p.conditions.first();
        r.s(primary.map(|c| c.region.key()).unwrap_or(""));
        r.s(primary.map(|c| c.mechanism.key()).unwrap_or(""));
        r.s(primary.map(|c| c.def.code).unwrap_or(""));
        r.s(primary.map(|c| c.def.display).unwrap_or(""));
        r.n(u64::from(p.iss));
        r.s(severity_class(p.iss));
        r.raw(|b| {
            for (i, e) in p.environment.iter().enumerate() {
                if i > 0 {
                    b.push(b';');
                }
                b.extend_from_slice(e.key().as_bytes());
            }
        });
        r.end();
        let _ = r.w.flush();
        *scratch = r.scratch;
    }
    {
        let mut r = row(scratch, conditions);
        for (i, c) in p.conditions.iter().enumerate() {
            r.n(p.id);
            r.n(i as u64);
            r.s(if i == 0 { "true" } else { "false" });
            r.s(c.def.code);
            r.s(c.def.display);
            r.s(c.region.key());
            r.s(c.mechanism.key());
            r.end();
        }
        let _ = r.w.flush();
        *scratch = r.scratch;
    }
    {
        let mut r = row(scratch, treatments);
        for (i, t) in p.treatments.iter().enumerate() {
            r.n(p.id);
            r.n(i as u64);
            r.s(t.def.code);
            r.s(t.def.display);
            r.s(t.place.role.code());
            r.t(t.time);
            r.end();
        }
        let _ = r.w.flush();
        *scratch = r.scratch;
    }
    {
        let mut r = row(scratch, events);
        for (i, e) in p.timeline.iter().enumerate() {
            r.n(p.id);
            r.n(i as u64);
            r.s(e.kind.code());
            let (role, fid) = place_labels(s, e.place);
            r.s(role);
            r.s(fid.unwrap_or(""));
            r.t(e.time);
            r.raw(|b| push_hundredths(b, hours_hundredths(p.injury_time, e.time)));
            r.s(match e.detail {
                EventDetail::None => "",
                EventDetail::Triage(t) => t.code(),
                EventDetail::Procedure(d) => d.code,
                EventDetail::Transport(t) => t.key(),
            });
            r.end();
        }
        let _ = r.w.flush();
        *scratch = r.scratch;
    }
    {
        let mut r = row(scratch, vitals);
        for (i, v) in p.vitals.iter().enumerate() {
            r.n(p.id);
            r.n(i as u64);
            r.t(v.time);
            r.s(v.place.role.code());
            r.n(u64::from(v.heart_rate));
            r.n(u64::from(v.respiratory_rate));
            r.n(u64::from(v.systolic));
            r.n(u64::from(v.diastolic));
            r.n(u64::from(v.spo2));
            r.raw(|b| push_tenths(b, i64::from(v.temperature_dc)));
            r.n(u64::from(v.gcs));
            r.n(u64::from(v.pain));
            r.end();
        }
        let _ = r.w.flush();
        *scratch = r.scratch;
    }
}
