//! The scenario: input model, parsing and canonical form.

mod model;
mod parse;

pub use model::*;
pub use parse::{
    default_beds, default_evacuation, default_holding, limits, parse_str, parse_value, Parsed,
};

use serde_json::{json, Map, Value};

use crate::nations;

/// The canonical (normalised) JSON form of a scenario: every default filled in, keys sorted,
/// fractions instead of percentages. Parsing it again gives the same scenario; its SHA-256 is
/// the scenario hash recorded in every output.
pub fn to_canonical_json(s: &Scenario) -> Value {
    let fronts: Vec<Value> = s
        .fronts
        .iter()
        .map(|f| {
            json!({
                "id": f.id,
                "name": f.name,
                "casualty_rate": f.share,
                "nationality_distribution": f.nations.iter().map(|(i, share)| json!({
                    "nationality_code": nations::NATIONS.get(*i).map(|n| n.code).unwrap_or("?"),
                    "percentage": share * 100.0,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let facilities: Vec<Value> = s
        .facilities
        .iter()
        .map(|f| {
            let mut m = Map::new();
            m.insert("id".into(), json!(f.id));
            m.insert("name".into(), json!(f.name));
            m.insert("role".into(), json!(f.role.code()));
            if let Some(fr) = f.front {
                m.insert("front_id".into(), json!(s.fronts[fr].id));
            }
            m.insert("count".into(), json!(f.count));
            m.insert(
                "beds".into(),
                json!({"T1": f.beds.t1, "T2": f.beds.t2, "T3": f.beds.t3}),
            );
            m.insert("operating_tables".into(), json!(f.operating_tables));
            m.insert("holding".into(), json!(f.holding));
            if let Some(r) = f.kia_rate {
                m.insert("kia_rate".into(), json!(r));
            }
            if let Some(r) = f.rtd_rate {
                m.insert("rtd_rate".into(), json!(r));
            }
            Value::Object(m)
        })
        .collect();
    let legs: Map<String, Value> = Leg::ALL
        .iter()
        .map(|l| {
            let cfg = &s.evacuation.legs[*l as usize];
            (
                l.key().to_string(),
                json!({
                    "distance_km": cfg.distance_km,
                    "assets": cfg.assets.iter().map(|a| json!({
                        "kind": match a.kind {
                            AssetKind::GroundAmbulance => "ground_ambulance",
                            AssetKind::Helicopter => "helicopter",
                            AssetKind::Bus => "bus",
                        },
                        "count": a.count,
                        "capacity": a.capacity,
                        "speed_kmh": a.speed_kmh,
                    })).collect::<Vec<_>>(),
                }),
            )
        })
        .collect();
    let warfare: Map<String, Value> = WarfareType::ALL
        .iter()
        .zip(s.warfare)
        .map(|(w, x)| (w.key().to_string(), json!(x)))
        .collect();
    let env: Map<String, Value> = Environment::ALL
        .iter()
        .map(|e| (e.key().to_string(), json!(s.environment.has(*e))))
        .collect();
    let tempo = match &s.tempo {
        Tempo::Profile(p) => json!(p.key()),
        Tempo::Custom(w) => json!(w),
    };
    let mut demo = Map::new();
    if let Some(f) = s.demographics.female_share {
        demo.insert("female_share".into(), json!(f));
    }
    demo.insert("min_age".into(), json!(s.demographics.min_age));
    demo.insert("max_age".into(), json!(s.demographics.max_age));
    let h = s.start_offset_s / 3600;
    let m = s.start_offset_s / 60 % 60;
    json!({
        "name": s.name,
        "description": s.description,
        "total_patients": s.total_patients,
        "days_of_fighting": s.days,
        "base_date": s.base_date.to_string(),
        "start_time": format!("{h:02}:{m:02}"),
        "front_configs": fronts,
        "facility_configs": facilities,
        "evacuation": {"air_superiority": s.evacuation.air_superiority, "legs": legs},
        "capacity": s.capacity.key(),
        "injury_distribution": {
            "Disease": s.injury_mix[0],
            "Non-Battle Injury": s.injury_mix[1],
            "Battle Injury": s.injury_mix[2],
        },
        "warfare_types": warfare,
        "intensity": s.intensity.key(),
        "tempo": tempo,
        "special_events": {
            "major_offensive": s.special_events.major_offensive,
            "ambush": s.special_events.ambush,
            "mass_casualty": s.special_events.mass_casualty,
            "events": s.special_events.explicit.iter().map(|e| {
                let mut m = Map::new();
                m.insert("type".into(), json!(e.kind.key()));
                m.insert("day".into(), json!(e.day));
                m.insert("hour".into(), json!(e.hour));
                m.insert("size".into(), json!(e.size));
                if let Some(w) = e.warfare {
                    m.insert("warfare_type".into(), json!(w.key()));
                }
                Value::Object(m)
            }).collect::<Vec<_>>(),
        },
        "environmental_conditions": env,
        "demographics": demo,
        "seed": s.seed,
    })
}
