//! Scenario parsing and validation: defaults, aliases, legacy keys, and errors naming fields.

use milmed_core::scenario::{
    parse_str, parse_value, to_canonical_json, Environment, Role, WarfareType,
};

fn first_error(json: &str) -> String {
    match parse_str(json) {
        Ok(_) => panic!("expected an error for {json}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn empty_object_is_a_valid_scenario_with_defaults() {
    let p = parse_str("{}").expect("valid");
    let s = p.scenario;
    assert_eq!(s.total_patients, 1000);
    assert_eq!(s.days, 8);
    assert_eq!(s.fronts.len(), 3);
    assert!(s.facilities.iter().any(|f| f.role == Role::R1));
    assert!((s.injury_mix.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    assert!(p.warnings.is_empty());
}

#[test]
fn count_alias_and_percentages() {
    let s = parse_str(r#"{"count": 5000, "injury_mix": {"Disease": 52, "Non-Battle Injury": 33, "Battle Injury": 15}}"#)
        .expect("valid")
        .scenario;
    assert_eq!(s.total_patients, 5000);
    assert!((s.injury_mix[0] - 0.52).abs() < 1e-9);
}

#[test]
fn predecessor_ui_request_is_accepted_with_warnings() {
    let text = include_str!("fixtures/predecessor-ui-request.json");
    let body: serde_json::Value = serde_json::from_str(text).expect("example is JSON");
    let parsed = parse_value(&body["configuration"]).expect("predecessor request must parse");
    let s = &parsed.scenario;
    assert_eq!(s.total_patients, 1440);
    assert_eq!(s.days, 8);
    assert!(s.facilities.iter().all(|f| f.role == Role::R2));
    assert!(s.environment.has(Environment::NightOperations));
    assert!(
        !s.environment.has(Environment::Storm),
        "extreme_weather was false"
    );
    let w = parsed.warnings.join("\n");
    for key in [
        "medical_simulation",
        "advanced_overrides",
        "capacity",
        "nationality",
        "extreme_weather",
        "urban_environment",
    ] {
        assert!(w.contains(key), "warning about {key} expected in {w}");
    }
    assert_eq!(s.warfare[WarfareType::Conventional as usize], 1.0);
    assert_eq!(s.warfare[WarfareType::Naval as usize], 0.0);
}

#[test]
fn seed_curl_request_is_accepted() {
    let text = include_str!("fixtures/seed-curl-request.json");
    let body: serde_json::Value = serde_json::from_str(text).expect("example is JSON");
    let s = parse_value(&body["configuration"]).expect("valid").scenario;
    assert_eq!(s.total_patients, 5000);
}

#[test]
fn errors_name_the_field() {
    let cases = [
        (r#"{"days_of_fighting": 0}"#, "days_of_fighting"),
        (r#"{"days_of_fighting": 366}"#, "days_of_fighting"),
        (r#"{"total_patients": -5}"#, "total_patients"),
        (r#"{"total_patients": 0}"#, "total_patients"),
        (r#"{"unknown_key": 1}"#, "unknown_key"),
        (
            r#"{"injury_distribution": {"Disease": 0.5, "Battle Injury": 0.4}}"#,
            "injury_distribution",
        ),
        (
            r#"{"warfare_types": {"space": true}}"#,
            "warfare_types.space",
        ),
        (
            r#"{"warfare_types": {"conventional": false}}"#,
            "warfare_types",
        ),
        (r#"{"intensity": "apocalyptic"}"#, "intensity"),
        (r#"{"tempo": "chaotic"}"#, "tempo"),
        (r#"{"base_date": "2025-02-30"}"#, "base_date"),
        (
            r#"{"environmental_conditions": {"volcano": true}}"#,
            "environmental_conditions.volcano",
        ),
        (r#"{"front_configs": []}"#, "front_configs"),
        (
            r#"{"front_configs": [{"id": "a", "nationality_distribution": [{"nationality_code": "XXX", "percentage": 100}]}]}"#,
            "front_configs[0].nationality_distribution[0].nationality_code",
        ),
        (
            r#"{"front_configs": [{"id": "a", "nationality_distribution": [{"nationality_code": "POL", "percentage": 90}]}]}"#,
            "percentages sum to 90, expected 100",
        ),
        (
            r#"{"facility_configs": [{"role": "Role 9"}]}"#,
            "facility_configs[0].role",
        ),
        (
            r#"{"facility_configs": [{"role": "R2", "front_id": "nowhere"}]}"#,
            "facility_configs[0].front_id",
        ),
        (
            r#"{"special_events": [{"type": "mass_casualty", "day": 9, "size": 5}]}"#,
            "special_events[0].day",
        ),
        (
            r#"{"total_patients": 10, "special_events": [{"type": "ambush", "day": 1, "size": 50}]}"#,
            "special_events",
        ),
        (
            r#"{"front_configs": [{"id": "a", "nationality_distribution": [{"nationality_code": "POL", "percentage": 100, "x": 1}]}]}"#,
            "front_configs[0].nationality_distribution[0]",
        ),
        (r#"{"days_of_fighting": "eight"}"#, "days_of_fighting"),
        (r#"{"start_time": "06:00xyz"}"#, "start_time"),
        (r#"{"start_time": "06:5"}"#, "start_time"),
        (r#"{"start_time": "24:00"}"#, "start_time"),
        (r#"{"start_time": "06:60"}"#, "start_time"),
        (r#"{"start_time": "06:00:00:00"}"#, "start_time"),
        (r#"{"name": 5}"#, "name"),
        ("{", "invalid JSON"),
        ("[1,2]", "invalid"),
    ];
    for (json, needle) in cases {
        let msg = first_error(json);
        assert!(
            msg.contains(needle),
            "error for {json} should mention {needle:?}, got {msg:?}"
        );
    }
}

#[test]
fn start_time_accepts_minutes_and_seconds() {
    for (text, offset) in [
        ("00:00", 0),
        ("6:00", 21_600),
        ("06:30", 23_400),
        ("23:59:59", 86_399),
    ] {
        let json = format!(r#"{{"start_time": "{text}"}}"#);
        let s = parse_str(&json).expect("valid start_time").scenario;
        assert_eq!(s.start_offset_s, offset, "{text}");
    }
}

#[test]
fn all_errors_are_reported_together() {
    match parse_str(r#"{"days_of_fighting": 0, "intensity": "x", "tempo": "y"}"#) {
        Ok(_) => panic!("must fail"),
        Err(e) => assert_eq!(e.field_errors().len(), 3, "{e}"),
    }
}

#[test]
fn role_spellings() {
    for (text, role) in [
        ("POI", Role::Poi),
        ("R1", Role::R1),
        ("Role2", Role::R2),
        ("Role 3", Role::R3),
        ("role 4", Role::R4),
        ("CSU", Role::Csu),
    ] {
        assert_eq!(Role::parse(text), Some(role), "{text}");
    }
    assert_eq!(Role::parse("Role 5"), None);
}

#[test]
fn canonical_form_round_trips() {
    for preset in milmed_core::presets::PRESETS {
        let s = preset.parse().expect("preset parses").scenario;
        let canonical = to_canonical_json(&s);
        let again = parse_value(&canonical)
            .expect("canonical form parses")
            .scenario;
        assert_eq!(to_canonical_json(&again), canonical, "preset {}", preset.id);
        assert_eq!(again.total_patients, s.total_patients);
        assert_eq!(again.fronts.len(), s.fronts.len());
    }
}

#[test]
fn custom_tempo_repeats_and_named_profiles_cover_any_length() {
    let s = parse_str(r#"{"tempo": [1, 0, 2], "days_of_fighting": 7}"#)
        .expect("valid")
        .scenario;
    assert_eq!(
        s.tempo.daily_weights(7),
        vec![1.0, 0.0, 2.0, 1.0, 0.0, 2.0, 1.0]
    );
    for name in [
        "sustained",
        "escalating",
        "surge",
        "declining",
        "intermittent",
    ] {
        for days in [1, 2, 9, 365] {
            let s = parse_str(&format!(
                r#"{{"tempo": "{name}", "days_of_fighting": {days}}}"#
            ))
            .expect("valid")
            .scenario;
            let w = s.tempo.daily_weights(days);
            assert_eq!(w.len(), days as usize);
            assert!(w.iter().all(|x| x.is_finite() && *x > 0.0), "{name} {days}");
        }
    }
}
