//! The operator files in `ops/`: the Prometheus alert rules pass `promtool check rules` and
//! their unit tests, and the Grafana dashboard and the rules use only metrics the server
//! exports (so neither can reference a wrong name silently).

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use milmed_api::metrics::{Kind, Metrics, ScrapeSnapshot, CATALOG};
use serde_json::Value;

fn ops_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ops")
}

fn read(rel: &str) -> String {
    let p = ops_dir().join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
}

#[test]
fn alert_rules_pass_promtool_check() {
    let path = ops_dir().join("prometheus/alerts.yml");
    let out = common::promtool(&["check", "rules", &path.to_string_lossy()], "");
    common::assert_promtool_ok(&out, "check rules");
}

#[test]
fn alert_rules_unit_tests_pass() {
    let path = ops_dir().join("prometheus/alerts_test.yml");
    let out = common::promtool(&["test", "rules", &path.to_string_lossy()], "");
    common::assert_promtool_ok(&out, "test rules");
}

/// Names the server exports: the `# TYPE` lines of the real output and the catalogue, with a
/// histogram's `_bucket`, `_sum` and `_count` series.
fn exported_names() -> BTreeSet<String> {
    let text = Metrics::install()
        .expect("install")
        .render(&ScrapeSnapshot::default());
    let mut families: Vec<(String, String)> = text
        .lines()
        .filter_map(|l| l.strip_prefix("# TYPE "))
        .filter_map(|l| l.split_once(' '))
        .map(|(n, k)| (n.to_string(), k.to_string()))
        .collect();
    families.extend(
        CATALOG
            .iter()
            .map(|i| (i.name.to_string(), i.kind.as_str().to_string())),
    );
    let mut names = BTreeSet::new();
    for (name, kind) in families {
        if kind == Kind::Histogram.as_str() {
            for suffix in ["_bucket", "_sum", "_count"] {
                names.insert(format!("{name}{suffix}"));
            }
        }
        names.insert(name);
    }
    names
}

/// Metric names referenced by a PromQL expression: identifiers outside label matchers, range
/// selectors and strings that are not functions, aggregations, keywords or grouping labels.
fn promql_metric_names(expr: &str) -> BTreeSet<String> {
    // Blank out strings, {…} and […].
    let mut cleaned = String::with_capacity(expr.len());
    let (mut braces, mut brackets) = (0u32, 0u32);
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in expr.chars() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            cleaned.push(' ');
            continue;
        }
        match c {
            '"' | '\'' | '`' => quote = Some(c),
            '{' => braces += 1,
            '}' => braces = braces.saturating_sub(1),
            '[' => brackets += 1,
            ']' => brackets = brackets.saturating_sub(1),
            _ if braces == 0 && brackets == 0 => {
                cleaned.push(c);
                continue;
            }
            _ => {}
        }
        cleaned.push(' ');
    }
    // Tokens: identifiers, numbers (skipped) and single punctuation characters.
    #[derive(PartialEq)]
    enum Tok {
        Ident(String),
        Punct(char),
    }
    let chars: Vec<char> = cleaned.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_alphabetic() || c == '_' || c == ':' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '_' | ':'))
            {
                i += 1;
            }
            toks.push(Tok::Ident(chars[start..i].iter().collect()));
        } else if c.is_ascii_digit() || c == '.' {
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric()
                    || chars[i] == '.'
                    || (matches!(chars[i], '+' | '-') && matches!(chars[i - 1], 'e' | 'E')))
            {
                i += 1;
            }
        } else if c == '$' {
            // A Grafana variable outside a selector.
            i += 1;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
        } else {
            if !c.is_whitespace() {
                toks.push(Tok::Punct(c));
            }
            i += 1;
        }
    }
    const GROUPING: &[&str] = &[
        "by",
        "without",
        "on",
        "ignoring",
        "group_left",
        "group_right",
    ];
    const KEYWORDS: &[&str] = &[
        "and",
        "or",
        "unless",
        "bool",
        "offset",
        "atan2",
        "inf",
        "nan",
        "sum",
        "min",
        "max",
        "avg",
        "group",
        "stddev",
        "stdvar",
        "count",
        "count_values",
        "bottomk",
        "topk",
        "quantile",
    ];
    let mut names = BTreeSet::new();
    let mut k = 0;
    while k < toks.len() {
        if let Tok::Ident(id) = &toks[k] {
            let open_follows = toks.get(k + 1) == Some(&Tok::Punct('('));
            let lower = id.to_ascii_lowercase();
            if GROUPING.contains(&lower.as_str()) && open_follows {
                // Skip the label list.
                while k < toks.len() && toks[k] != Tok::Punct(')') {
                    k += 1;
                }
            } else if !open_follows
                && !KEYWORDS.contains(&lower.as_str())
                && !GROUPING.contains(&lower.as_str())
            {
                names.insert(id.clone());
            }
        }
        k += 1;
    }
    names
}

#[test]
fn promql_name_extraction() {
    let e = r#"histogram_quantile(0.99, sum by (le, endpoint) (rate(api_request_duration_seconds_bucket{endpoint!="x{y}", instance=~"$instance"}[$__rate_interval]))) > 1e-3"#;
    assert_eq!(
        promql_metric_names(e).into_iter().collect::<Vec<_>>(),
        ["api_request_duration_seconds_bucket"]
    );
    let e = "sum(rate(a_total[5m])) / on(job) group_left sum(rate(b_total[5m])) or vector(0) and up offset 5m";
    assert_eq!(
        promql_metric_names(e).into_iter().collect::<Vec<_>>(),
        ["a_total", "b_total", "up"]
    );
}

/// Every expression of the dashboard: panel targets (nested rows included) and the
/// `label_values(metric, label)` template queries, reduced to their metric.
fn dashboard_exprs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, val) in map {
                match (k.as_str(), val) {
                    ("expr", Value::String(s)) => out.push(s.clone()),
                    ("definition", Value::String(s)) if s.starts_with("label_values(") => {
                        let inner = &s["label_values(".len()..];
                        let metric = inner.split([',', ')']).next().unwrap_or("").trim();
                        out.push(metric.to_string());
                    }
                    _ => dashboard_exprs(val, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| dashboard_exprs(i, out)),
        _ => {}
    }
}

/// Whether `used` covers catalogue metric `name` (the name itself or a histogram series).
fn covers(used: &BTreeSet<String>, name: &str) -> bool {
    used.iter().any(|u| {
        u == name
            || u.strip_prefix(name)
                .is_some_and(|s| ["_bucket", "_sum", "_count"].contains(&s))
    })
}

#[test]
fn dashboard_uses_only_exported_metrics_and_covers_them_all() {
    let dash: Value =
        serde_json::from_str(&read("grafana/milmed-dashboard.json")).expect("dashboard is JSON");
    assert!(dash["title"].is_string() && dash["uid"].is_string());
    let panels = dash["panels"].as_array().expect("panels");
    let graphs: Vec<&Value> = panels.iter().filter(|p| p["type"] != "row").collect();
    assert!(graphs.len() >= 10, "{} panels", graphs.len());
    for p in &graphs {
        let targets = p["targets"].as_array().expect("targets");
        assert!(!targets.is_empty(), "panel {} has no query", p["title"]);
        assert!(targets
            .iter()
            .all(|t| t["expr"].as_str().is_some_and(|e| !e.is_empty())));
    }
    let mut exprs = Vec::new();
    dashboard_exprs(&dash, &mut exprs);
    let exported = exported_names();
    let mut used = BTreeSet::new();
    for e in &exprs {
        let names = promql_metric_names(e);
        assert!(!names.is_empty(), "no metric in {e}");
        for n in names {
            assert!(
                exported.contains(&n),
                "dashboard uses `{n}`, which the server does not export: {e}"
            );
            used.insert(n);
        }
    }
    for info in CATALOG {
        assert!(
            covers(&used, info.name),
            "the dashboard shows nothing of {}",
            info.name
        );
    }
}

#[test]
fn alert_rules_use_only_exported_metrics() {
    let rules = read("prometheus/alerts.yml");
    let exported = exported_names();
    let mut n = 0;
    for line in rules.lines() {
        let Some(expr) = line.trim_start().strip_prefix("expr:") else {
            continue;
        };
        let expr = expr.trim();
        assert!(
            !expr.is_empty() && !expr.starts_with(['|', '>']),
            "keep `expr:` on one line: {line}"
        );
        n += 1;
        for name in promql_metric_names(expr) {
            // `up` is Prometheus' own series for the scrape of the target.
            assert!(
                name == "up" || exported.contains(&name),
                "alert uses `{name}`, which the server does not export: {expr}"
            );
        }
    }
    assert!(n >= 7, "{n} rules");
}
