//! The store's behaviour, each test run on SQLite and on PostgreSQL (see `common`).

mod common;

use std::collections::BTreeSet;

use milmed_store::{
    demo_limits, hash_key, GeneratedKey, JobFilter, JobStatus, KeyLimits, KeyRole, NewJob, NewKey,
    Priority, Progress, Scope, Store, StoreError, UsageCounter, ATTEMPTS_EXHAUSTED, DEMO_KEY,
    DEMO_KEY_ID,
};

/// 2026-01-05T10:00:00Z: a fixed "now" keeps the tests deterministic.
const T0: i64 = 1_767_607_200_000;

fn job(tenant: &str, priority: Priority) -> NewJob {
    NewJob {
        tenant_id: tenant.to_string(),
        priority,
        scenario_json: r#"{"count":10,"days_of_fighting":2}"#.to_string(),
        seed: u64::MAX - 1,
        patient_count: 10,
        output_formats: vec!["json".into(), "csv".into()],
        ..NewJob::default()
    }
}

async fn user_key(store: &Store, tenant: &str, limits: KeyLimits) -> (String, String) {
    let generated = GeneratedKey::generate().expect("rng");
    let key = store
        .create_key(
            &NewKey {
                name: format!("{tenant} key"),
                role: KeyRole::User,
                tenant_id: tenant.to_string(),
                key_prefix: generated.prefix.clone(),
                key_hash: generated.hash.clone(),
                limits,
                expires_at: None,
            },
            T0,
        )
        .await
        .expect("create key");
    (key.id, generated.plaintext)
}

fn statuses(events: &[milmed_store::JobEvent]) -> Vec<(Option<JobStatus>, JobStatus)> {
    events
        .iter()
        .map(|e| (e.from_status, e.to_status))
        .collect()
}

store_tests! {
    async fn migrations_are_idempotent(store: Store) {
        // `run` migrated once already; twice more must change nothing and keep the data.
        assert!(store.is_ready().await.unwrap());
        store.ensure_demo_key(T0).await.unwrap();
        store.migrate().await.unwrap();
        store.migrate().await.unwrap();
        assert!(store.is_ready().await.unwrap());
        assert_eq!(store.list_keys(None).await.unwrap().len(), 1);
    }

    async fn keys_create_find_revoke(store: Store) {
        let generated = GeneratedKey::generate().unwrap();
        assert!(generated.plaintext.len() >= 3 + 32, "at least 128 random bits");
        assert_eq!(generated.hash, hash_key(&generated.plaintext));
        assert!(generated.plaintext.starts_with(&generated.prefix));
        assert_ne!(GeneratedKey::generate().unwrap().plaintext, generated.plaintext);

        let new = NewKey {
            name: "exercise control".into(),
            role: KeyRole::Admin,
            tenant_id: "t-admin".into(),
            key_prefix: generated.prefix.clone(),
            key_hash: generated.hash.clone(),
            limits: KeyLimits { max_patients_per_job: Some(5000), ..KeyLimits::default() },
            expires_at: None,
        };
        let created = store.create_key(&new, T0).await.unwrap();
        assert_eq!(created.role, KeyRole::Admin);
        assert_eq!(created.limits.max_patients_per_job, Some(5000));
        assert_eq!(created.limits.requests_per_minute, None);
        assert_eq!(created.created_at, T0);

        let found = store.authenticate(&generated.plaintext, T0 + 1).await.unwrap();
        assert_eq!(found.as_ref().map(|k| k.id.as_str()), Some(created.id.as_str()));
        let by_hash = store.find_active_key_by_hash(&generated.hash, T0 + 1).await.unwrap();
        assert_eq!(by_hash, found);
        assert!(store.authenticate("mm_not_a_key", T0).await.unwrap().is_none());

        // The same hash twice is a conflict, not a database error.
        match store.create_key(&new, T0).await {
            Err(StoreError::Conflict { .. }) => {}
            other => panic!("expected Conflict, got {other:?}"),
        }
        match store.create_key(&NewKey { key_hash: "abc".into(), ..new.clone() }, T0).await {
            Err(StoreError::Invalid { field: "key_hash", .. }) => {}
            other => panic!("expected Invalid key_hash, got {other:?}"),
        }

        store.touch_key(&created.id, T0 + 50).await.unwrap();
        assert_eq!(store.get_key(&created.id).await.unwrap().last_used_at, Some(T0 + 50));

        // Listing exposes neither the hash nor the secret.
        let listed = store.list_keys(None).await.unwrap();
        assert_eq!(listed.len(), 1);
        let text = serde_json::to_string(&listed).unwrap();
        assert!(!text.contains(&generated.hash), "list leaks the hash");
        assert!(!text.contains(&generated.plaintext), "list leaks the key");
        assert!(text.contains(&generated.prefix));
        assert!(store.list_keys(Some("nobody")).await.unwrap().is_empty());

        let revoked = store.revoke_key(&created.id, T0 + 100).await.unwrap();
        assert_eq!(revoked.revoked_at, Some(T0 + 100));
        assert!(store.authenticate(&generated.plaintext, T0 + 101).await.unwrap().is_none());
        // A second revocation keeps the first time.
        let again = store.revoke_key(&created.id, T0 + 200).await.unwrap();
        assert_eq!(again.revoked_at, Some(T0 + 100));
        match store.revoke_key("no-such-key", T0).await {
            Err(StoreError::NotFound { what: "api key" }) => {}
            other => panic!("expected NotFound, got {other:?}"),
        }

        // An expired key stops authenticating at its expiry time.
        let g2 = GeneratedKey::generate().unwrap();
        store
            .create_key(
                &NewKey {
                    key_prefix: g2.prefix.clone(),
                    key_hash: g2.hash.clone(),
                    role: KeyRole::User,
                    expires_at: Some(T0 + 1000),
                    ..new.clone()
                },
                T0,
            )
            .await
            .unwrap();
        assert!(store.authenticate(&g2.plaintext, T0 + 999).await.unwrap().is_some());
        assert!(store.authenticate(&g2.plaintext, T0 + 1000).await.unwrap().is_none());
    }

    async fn demo_key_is_idempotent(store: Store) {
        let first = store.ensure_demo_key(T0).await.unwrap();
        let second = store.ensure_demo_key(T0 + 5000).await.unwrap();
        assert_eq!(first, second);
        assert_eq!(first.id, DEMO_KEY_ID);
        assert_eq!(first.created_at, T0);
        assert_eq!(first.role, KeyRole::User);
        assert_eq!(first.limits, demo_limits());
        assert_eq!(first.limits.max_patients_per_job, Some(50));
        assert_eq!(first.limits.requests_per_minute, Some(10));
        assert_eq!(first.limits.requests_per_day, Some(100));
        assert_eq!(first.limits.max_concurrent_jobs, Some(1));
        assert_eq!(store.list_keys(None).await.unwrap().len(), 1);
        let found = store.authenticate(DEMO_KEY, T0).await.unwrap();
        assert_eq!(found.map(|k| k.id), Some(DEMO_KEY_ID.to_string()));
        // A revoked demo key stays revoked when the service starts again.
        store.revoke_key(DEMO_KEY_ID, T0 + 1).await.unwrap();
        let after = store.ensure_demo_key(T0 + 2).await.unwrap();
        assert_eq!(after.revoked_at, Some(T0 + 1));
    }

    async fn quota_reserve_never_exceeds_the_limit(store: Store) {
        let (key, _) = user_key(&store, "t1", KeyLimits::default()).await;
        // 20 concurrent reservations of 7 patients against a daily limit of 100: exactly
        // 14 fit (98), the other 6 are refused, and the total never passes 100.
        let mut tasks = Vec::new();
        for i in 0..20 {
            let store = store.clone();
            let key = key.clone();
            tasks.push(tokio::spawn(async move {
                store.reserve_usage(&key, T0 + i, UsageCounter::Patients, 7, Some(100)).await
            }));
        }
        let mut ok = 0;
        let mut refused = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(total) => {
                    assert!(total <= 100, "total {total} over the limit");
                    ok += 1;
                }
                Err(StoreError::LimitExceeded { limit: "patients_per_day", value: 100 }) => {
                    refused += 1
                }
                Err(e) => panic!("unexpected error {e:?}"),
            }
        }
        assert_eq!((ok, refused), (14, 6));
        let usage = store.usage_on(&key, T0).await.unwrap();
        assert_eq!(usage.patients, 98);
        assert_eq!(usage.requests, 0);

        // The next UTC day starts from zero.
        let tomorrow = T0 + 86_400_000;
        assert_eq!(
            store.reserve_usage(&key, tomorrow, UsageCounter::Patients, 100, Some(100)).await.unwrap(),
            100
        );
        // Without a limit the counter just grows; record_usage adds (and gives back).
        assert_eq!(
            store.reserve_usage(&key, T0, UsageCounter::Jobs, 3, None).await.unwrap(),
            3
        );
        let day = store.record_usage(&key, T0, 2, -8, 1).await.unwrap();
        assert_eq!((day.requests, day.patients, day.jobs), (2, 90, 4));
        let history = store.usage_history(&key, tomorrow, 7).await.unwrap();
        assert_eq!(history.iter().map(|d| d.patients).collect::<Vec<_>>(), vec![90, 100]);

        // Requests per minute, counted in the database: 20 concurrent requests, limit 10.
        let mut tasks = Vec::new();
        for i in 0..20 {
            let store = store.clone();
            let key = key.clone();
            tasks.push(tokio::spawn(async move {
                store.reserve_request_minute(&key, T0 + i, Some(10)).await
            }));
        }
        let mut ok = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(n) => {
                    assert!(n <= 10);
                    ok += 1;
                }
                Err(StoreError::LimitExceeded { limit: "requests_per_minute", value: 10 }) => {}
                Err(e) => panic!("unexpected error {e:?}"),
            }
        }
        assert_eq!(ok, 10);
        // Counting for a key that does not exist is NotFound, not a database failure.
        assert!(matches!(
            store.reserve_usage("no-such-key", T0, UsageCounter::Requests, 1, Some(5)).await,
            Err(StoreError::NotFound { .. })
        ));
        // The next minute has its own budget; old minutes can be pruned.
        assert_eq!(store.reserve_request_minute(&key, T0 + 60_000, Some(10)).await.unwrap(), 1);
        assert_eq!(store.prune_minute_counters(T0 + 60_000).await.unwrap(), 1);
    }

    async fn concurrent_job_limit_holds(store: Store) {
        let (key, _) = user_key(&store, "t1", KeyLimits::default()).await;
        let mut tasks = Vec::new();
        for _ in 0..10 {
            let store = store.clone();
            let mut j = job("t1", Priority::Normal);
            j.owner_key_id = Some(key.clone());
            tasks.push(tokio::spawn(async move { store.create_job(&j, T0, Some(2)).await }));
        }
        let mut ok = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(_) => ok += 1,
                Err(StoreError::LimitExceeded { limit: "max_concurrent_jobs", value: 2 }) => {}
                Err(e) => panic!("unexpected error {e:?}"),
            }
        }
        assert_eq!(ok, 2);
        // A finished job frees its slot.
        let claimed = store.claim_job("w1", T0, 60_000).await.unwrap().unwrap();
        store.fail_job(&claimed.id, "w1", T0 + 1, "boom", "test").await.unwrap();
        let mut j = job("t1", Priority::Normal);
        j.owner_key_id = Some(key.clone());
        store.create_job(&j, T0 + 2, Some(2)).await.unwrap();
        assert!(matches!(
            store.create_job(&j, T0 + 3, Some(2)).await,
            Err(StoreError::LimitExceeded { .. })
        ));
    }

    async fn job_round_trip_and_validation(store: Store) {
        let created = store.create_job(&job("t1", Priority::High), T0, None).await.unwrap();
        assert_eq!(created.status, JobStatus::Queued);
        assert_eq!(created.seed, u64::MAX - 1, "u64 seeds survive the round trip");
        assert_eq!(created.output_formats, vec!["json", "csv"]);
        assert_eq!(created.scenario_json, r#"{"count":10,"days_of_fighting":2}"#);
        assert_eq!(created.attempts, 0);
        assert_eq!(created.max_attempts, 3);
        assert_eq!(created.created_at, T0);
        let fetched = store.get_job(Scope::Tenant("t1"), &created.id).await.unwrap();
        assert_eq!(fetched, created);

        for (bad, field) in [
            (NewJob { patient_count: 0, ..job("t1", Priority::Low) }, "patient_count"),
            (NewJob { output_formats: vec![], ..job("t1", Priority::Low) }, "output_formats"),
            (NewJob { scenario_json: "[1]".into(), ..job("t1", Priority::Low) }, "scenario_json"),
            (NewJob { scenario_json: "{".into(), ..job("t1", Priority::Low) }, "scenario_json"),
            (NewJob { tenant_id: "".into(), ..job("t1", Priority::Low) }, "tenant_id"),
        ] {
            match store.create_job(&bad, T0, None).await {
                Err(StoreError::Invalid { field: f, .. }) => assert_eq!(f, field),
                other => panic!("expected Invalid {field}, got {other:?}"),
            }
        }
        let counts = store.count_jobs_by_status().await.unwrap();
        assert_eq!(counts[0], (JobStatus::Queued, 1));
        assert_eq!(counts.iter().map(|c| c.1).sum::<u64>(), 1);
    }

    async fn claim_is_exclusive_under_concurrency(store: Store) {
        let mut ids = BTreeSet::new();
        for i in 0..10 {
            ids.insert(store.create_job(&job("t1", Priority::Normal), T0 + i, None).await.unwrap().id);
        }
        let mut tasks = Vec::new();
        for w in 0..4 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                let worker = format!("worker-{w}");
                let mut mine = Vec::new();
                while let Some(j) = store.claim_job(&worker, T0 + 100, 60_000).await.unwrap() {
                    assert_eq!(j.status, JobStatus::Running);
                    assert_eq!(j.lease_owner.as_deref(), Some(worker.as_str()));
                    assert_eq!(j.lease_expires_at, Some(T0 + 60_100));
                    assert_eq!(j.attempts, 1);
                    mine.push(j.id);
                    tokio::task::yield_now().await;
                }
                mine
            }));
        }
        let mut claimed = Vec::new();
        for t in tasks {
            claimed.extend(t.await.unwrap());
        }
        assert_eq!(claimed.len(), 10, "every job claimed exactly once: {claimed:?}");
        let unique: BTreeSet<String> = claimed.into_iter().collect();
        assert_eq!(unique, ids);
        assert!(store.claim_job("late", T0 + 200, 60_000).await.unwrap().is_none());
        let counts = store.count_jobs_by_status().await.unwrap();
        assert_eq!(counts[1], (JobStatus::Running, 10));
    }

    async fn claims_follow_priority_then_age(store: Store) {
        let order = [
            ("low-1", Priority::Low),
            ("normal-1", Priority::Normal),
            ("high-1", Priority::High),
            ("normal-2", Priority::Normal),
            ("high-2", Priority::High),
            ("low-2", Priority::Low),
        ];
        let mut by_id = std::collections::HashMap::new();
        for (name, p) in order {
            // Same millisecond for all: submission order alone must break ties.
            let j = store.create_job(&job("t1", p), T0, None).await.unwrap();
            by_id.insert(j.id.clone(), name);
        }
        let mut got = Vec::new();
        while let Some(j) = store.claim_job("w", T0 + 1, 1000).await.unwrap() {
            got.push(by_id[&j.id]);
        }
        assert_eq!(got, ["high-1", "high-2", "normal-1", "normal-2", "low-1", "low-2"]);
    }

    async fn tenants_are_isolated(store: Store) {
        let a = store.create_job(&job("tenant-a", Priority::Normal), T0, None).await.unwrap();
        let a_scenario = store.create_scenario("tenant-a", "brigade", "{}", T0).await.unwrap();
        let b = Scope::Tenant("tenant-b");

        assert!(matches!(store.get_job(b, &a.id).await, Err(StoreError::NotFound { what: "job" })));
        assert!(matches!(store.cancel_job(b, &a.id, T0).await, Err(StoreError::NotFound { .. })));
        assert!(matches!(store.delete_job(b, &a.id).await, Err(StoreError::NotFound { .. })));
        assert!(matches!(store.job_events(b, &a.id).await, Err(StoreError::NotFound { .. })));
        assert!(store.list_jobs(b, &JobFilter::default()).await.unwrap().jobs.is_empty());
        assert!(matches!(store.get_scenario(b, &a_scenario.id).await, Err(StoreError::NotFound { .. })));
        assert!(matches!(
            store.get_scenario_version(b, &a_scenario.id, None).await,
            Err(StoreError::NotFound { .. })
        ));
        assert!(matches!(
            store.add_scenario_version(b, &a_scenario.id, "{}", T0).await,
            Err(StoreError::NotFound { .. })
        ));
        assert!(matches!(store.delete_scenario(b, &a_scenario.id).await, Err(StoreError::NotFound { .. })));
        assert!(store.list_scenarios(b).await.unwrap().is_empty());

        // Nothing was changed by the other tenant's attempts.
        let still = store.get_job(Scope::Tenant("tenant-a"), &a.id).await.unwrap();
        assert_eq!(still.status, JobStatus::Queued);
        assert_eq!(store.list_jobs(Scope::Tenant("tenant-a"), &JobFilter::default()).await.unwrap().jobs.len(), 1);
        assert_eq!(store.list_jobs(Scope::All, &JobFilter::default()).await.unwrap().jobs.len(), 1);
        assert_eq!(store.get_scenario(Scope::All, &a_scenario.id).await.unwrap().name, "brigade");
        // The same scenario name is free in another tenant.
        store.create_scenario("tenant-b", "brigade", "{}", T0).await.unwrap();
        assert_eq!(store.list_scenarios(Scope::All).await.unwrap().len(), 2);
    }

    async fn expired_leases_are_requeued_then_fail_when_attempts_run_out(store: Store) {
        let j = store
            .create_job(&NewJob { max_attempts: 2, ..job("t1", Priority::Normal) }, T0, None)
            .await
            .unwrap();
        let c1 = store.claim_job("w1", T0 + 10, 1_000).await.unwrap().unwrap();
        assert_eq!((c1.id.as_str(), c1.attempts), (j.id.as_str(), 1));
        store
            .update_progress(&j.id, "w1", &Progress { patients_done: 4, phase: Some("generating".into()), bytes_written: 512 }, T0 + 500)
            .await
            .unwrap();
        // Before the lease runs out nothing happens.
        assert_eq!(store.recover_expired_leases(T0 + 1_000).await.unwrap(), Default::default());
        let r = store.recover_expired_leases(T0 + 1_011).await.unwrap();
        assert_eq!(r.requeued, vec![j.id.clone()]);
        assert!(r.failed.is_empty());
        let back = store.get_job(Scope::All, &j.id).await.unwrap();
        assert_eq!(back.status, JobStatus::Queued);
        assert_eq!(back.lease_owner, None);
        assert_eq!(back.progress_done, 0, "a rerun starts over");

        // The lost worker cannot touch the job any more.
        assert!(matches!(store.heartbeat(&j.id, "w1", T0 + 1_100, 1_000).await, Err(StoreError::Conflict { .. })));
        assert!(matches!(
            store.complete_job(&j.id, "w1", T0 + 1_100, "x", &serde_json::json!({})).await,
            Err(StoreError::Conflict { .. })
        ));

        let c2 = store.claim_job("w2", T0 + 2_000, 1_000).await.unwrap().unwrap();
        assert_eq!(c2.attempts, 2);
        // A heartbeat keeps the lease alive past the first expiry.
        let hb = store.heartbeat(&j.id, "w2", T0 + 2_900, 1_000).await.unwrap();
        assert_eq!(hb.lease_expires_at, T0 + 3_900);
        assert!(!hb.cancel_requested);
        assert_eq!(store.recover_expired_leases(T0 + 3_500).await.unwrap(), Default::default());

        let r = store.recover_expired_leases(T0 + 3_901).await.unwrap();
        assert_eq!(r.failed, vec![j.id.clone()]);
        let failed = store.get_job(Scope::All, &j.id).await.unwrap();
        assert_eq!(failed.status, JobStatus::Failed);
        assert_eq!(failed.error_code.as_deref(), Some(ATTEMPTS_EXHAUSTED));
        assert!(failed.error_message.as_deref().unwrap_or("").contains("2 attempts"));
        assert_eq!(failed.finished_at, Some(T0 + 3_901));
        assert!(store.claim_job("w3", T0 + 4_000, 1_000).await.unwrap().is_none());

        let events = store.job_events(Scope::Tenant("t1"), &j.id).await.unwrap();
        use JobStatus::*;
        assert_eq!(
            statuses(&events),
            vec![
                (None, Queued),
                (Some(Queued), Running),
                (Some(Running), Queued),
                (Some(Queued), Running),
                (Some(Running), Failed),
            ]
        );
        assert_eq!(
            events.iter().map(|e| e.at).collect::<Vec<_>>(),
            vec![T0, T0 + 10, T0 + 1_011, T0 + 2_000, T0 + 3_901]
        );
        assert_eq!(events[4].reason.as_deref(), Some(ATTEMPTS_EXHAUSTED));
    }

    async fn completion_records_history_and_guards_the_lease(store: Store) {
        let j = store.create_job(&job("t1", Priority::Normal), T0, None).await.unwrap();
        store.claim_job("w1", T0 + 1, 10_000).await.unwrap().unwrap();
        assert!(!store
            .update_progress(&j.id, "w1", &Progress { patients_done: 10, phase: Some("writing".into()), bytes_written: 2048 }, T0 + 2)
            .await
            .unwrap());
        let running = store.get_job(Scope::All, &j.id).await.unwrap();
        assert_eq!((running.progress_done, running.bytes_written), (10, 2048));
        assert_eq!(running.progress_phase.as_deref(), Some("writing"));
        // Only the lease owner may report.
        assert!(matches!(
            store.update_progress(&j.id, "intruder", &Progress::default(), T0 + 3).await,
            Err(StoreError::Conflict { .. })
        ));
        assert!(matches!(
            store.heartbeat("no-such-job", "w1", T0 + 3, 10_000).await,
            Err(StoreError::NotFound { .. })
        ));

        let result = serde_json::json!({"files": [{"name": "patients.json", "bytes": 2048}]});
        let done = store.complete_job(&j.id, "w1", T0 + 4, "jobs/abc", &result).await.unwrap();
        assert_eq!(done.status, JobStatus::Completed);
        assert_eq!(done.result_location.as_deref(), Some("jobs/abc"));
        assert_eq!(done.result, Some(result));
        assert_eq!((done.started_at, done.finished_at), (Some(T0 + 1), Some(T0 + 4)));
        assert_eq!(done.lease_owner, None);
        // Finishing twice, or cancelling a finished job, is a conflict.
        assert!(matches!(store.fail_job(&j.id, "w1", T0 + 5, "late", "x").await, Err(StoreError::Conflict { .. })));
        assert!(matches!(store.cancel_job(Scope::Tenant("t1"), &j.id, T0 + 5).await, Err(StoreError::Conflict { .. })));

        let events = store.job_events(Scope::Tenant("t1"), &j.id).await.unwrap();
        use JobStatus::*;
        assert_eq!(statuses(&events), vec![(None, Queued), (Some(Queued), Running), (Some(Running), Completed)]);
        assert_eq!(events.iter().map(|e| e.at).collect::<Vec<_>>(), vec![T0, T0 + 1, T0 + 4]);

        // A failure reported by the worker is final, with its code and message.
        let f = store.create_job(&job("t1", Priority::Normal), T0 + 10, None).await.unwrap();
        store.claim_job("w1", T0 + 11, 10_000).await.unwrap().unwrap();
        let failed = store.fail_job(&f.id, "w1", T0 + 12, "memory_limit_exceeded", "over 512 MB").await.unwrap();
        assert_eq!(failed.status, JobStatus::Failed);
        assert_eq!(failed.error_code.as_deref(), Some("memory_limit_exceeded"));
        assert_eq!(failed.error_message.as_deref(), Some("over 512 MB"));
    }

    async fn cancellation_of_queued_and_running_jobs(store: Store) {
        let queued = store.create_job(&job("t1", Priority::Normal), T0, None).await.unwrap();
        let c = store.cancel_job(Scope::Tenant("t1"), &queued.id, T0 + 1).await.unwrap();
        assert_eq!(c.status, JobStatus::Cancelled);
        assert_eq!(c.finished_at, Some(T0 + 1));
        assert!(store.claim_job("w", T0 + 2, 1_000).await.unwrap().is_none(), "a cancelled job is never claimed");

        let running = store.create_job(&job("t1", Priority::Normal), T0 + 3, None).await.unwrap();
        store.claim_job("w", T0 + 4, 10_000).await.unwrap().unwrap();
        assert!(!store.is_cancel_requested(&running.id).await.unwrap());
        let flagged = store.cancel_job(Scope::Tenant("t1"), &running.id, T0 + 5).await.unwrap();
        assert_eq!(flagged.status, JobStatus::Running);
        assert!(flagged.cancel_requested);
        assert!(store.is_cancel_requested(&running.id).await.unwrap());
        assert!(store.heartbeat(&running.id, "w", T0 + 6, 10_000).await.unwrap().cancel_requested);
        assert!(store.update_progress(&running.id, "w", &Progress::default(), T0 + 6).await.unwrap());
        let done = store.acknowledge_cancel(&running.id, "w", T0 + 7).await.unwrap();
        assert_eq!(done.status, JobStatus::Cancelled);

        use JobStatus::*;
        assert_eq!(
            statuses(&store.job_events(Scope::Tenant("t1"), &queued.id).await.unwrap()),
            vec![(None, Queued), (Some(Queued), Cancelled)]
        );
        assert_eq!(
            statuses(&store.job_events(Scope::Tenant("t1"), &running.id).await.unwrap()),
            vec![(None, Queued), (Some(Queued), Running), (Some(Running), Cancelled)]
        );

        // A worker lost while cancelling: recovery finishes the cancellation.
        let lost = store.create_job(&job("t1", Priority::Normal), T0 + 10, None).await.unwrap();
        store.claim_job("w", T0 + 11, 100).await.unwrap().unwrap();
        store.cancel_job(Scope::All, &lost.id, T0 + 12).await.unwrap();
        let r = store.recover_expired_leases(T0 + 200).await.unwrap();
        assert_eq!(r.cancelled, vec![lost.id.clone()]);
        assert_eq!(store.get_job(Scope::All, &lost.id).await.unwrap().status, Cancelled);
    }

    async fn job_waker_wakes_on_postgres_and_times_out_on_sqlite(store: Store) {
        use std::time::Duration;
        let mut waker = store.job_waker().await.unwrap();
        // Nothing queued: the wait times out on both backends.
        assert!(!waker.wait(Duration::from_millis(50)).await.unwrap());
        store.create_job(&job("t1", Priority::Normal), T0, None).await.unwrap();
        match store.backend() {
            milmed_store::Backend::Postgres => {
                assert!(waker.wait(Duration::from_secs(10)).await.unwrap(), "NOTIFY on submit");
                // A requeue after a lost worker wakes workers too.
                store.claim_job("w", T0, 10).await.unwrap().unwrap();
                store.recover_expired_leases(T0 + 11).await.unwrap();
                assert!(waker.wait(Duration::from_secs(10)).await.unwrap(), "NOTIFY on requeue");
            }
            milmed_store::Backend::Sqlite => {
                assert!(!waker.wait(Duration::from_millis(20)).await.unwrap());
            }
        }
    }

    async fn list_pages_newest_first(store: Store) {
        let mut ids = Vec::new();
        for i in 0..7 {
            ids.push(store.create_job(&job("t1", Priority::Normal), T0 + i, None).await.unwrap().id);
        }
        store.create_job(&job("t2", Priority::Normal), T0, None).await.unwrap();
        let scope = Scope::Tenant("t1");
        let mut seen = Vec::new();
        let mut cursor = None;
        let mut pages = 0;
        loop {
            let page = store
                .list_jobs(scope, &JobFilter { status: None, limit: 3, cursor: cursor.clone() })
                .await
                .unwrap();
            pages += 1;
            seen.extend(page.jobs.iter().map(|j| j.id.clone()));
            match page.next_cursor {
                Some(c) => cursor = Some(c),
                None => break,
            }
        }
        assert_eq!(pages, 3);
        ids.reverse();
        assert_eq!(seen, ids, "newest first, no duplicates, nothing missing");

        store.claim_job("w", T0 + 100, 1_000).await.unwrap().unwrap();
        let running = store
            .list_jobs(scope, &JobFilter { status: Some(JobStatus::Running), ..JobFilter::default() })
            .await
            .unwrap();
        assert_eq!(running.jobs.len(), 1);
        assert_eq!(running.next_cursor, None);
        assert!(matches!(
            store.list_jobs(scope, &JobFilter { cursor: Some("x".into()), ..JobFilter::default() }).await,
            Err(StoreError::Invalid { field: "cursor", .. })
        ));
    }

    async fn delete_and_retention_sweep(store: Store) {
        // Three finished jobs at different times, one running, one queued.
        let mut finished = Vec::new();
        for (i, at) in [(0, T0 + 100), (1, T0 + 200), (2, T0 + 300)] {
            let j = store.create_job(&job("t1", Priority::Normal), T0 + i, None).await.unwrap();
            let c = store.claim_job("w", at - 1, 10_000).await.unwrap().unwrap();
            assert_eq!(c.id, j.id);
            store.complete_job(&j.id, "w", at, &format!("jobs/{i}"), &serde_json::json!({})).await.unwrap();
            finished.push(j.id);
        }
        let running = store.create_job(&job("t1", Priority::Normal), T0 + 400, None).await.unwrap();
        store.claim_job("w", T0 + 401, 10_000).await.unwrap().unwrap();
        let queued = store.create_job(&job("t1", Priority::Normal), T0 + 402, None).await.unwrap();

        // A running job cannot be deleted; a finished one can, giving its files back.
        assert!(matches!(store.delete_job(Scope::Tenant("t1"), &running.id).await, Err(StoreError::Conflict { .. })));
        assert_eq!(
            store.delete_job(Scope::Tenant("t1"), &finished[2]).await.unwrap().as_deref(),
            Some("jobs/2")
        );
        assert!(matches!(store.get_job(Scope::All, &finished[2]).await, Err(StoreError::NotFound { .. })));
        assert!(matches!(store.delete_job(Scope::Tenant("t1"), &finished[2]).await, Err(StoreError::NotFound { .. })));

        // Retention: only jobs finished before the cutoff go.
        let swept = store.sweep_finished_jobs(T0 + 201).await.unwrap();
        let mut expected: Vec<(String, Option<String>)> = vec![
            (finished[0].clone(), Some("jobs/0".into())),
            (finished[1].clone(), Some("jobs/1".into())),
        ];
        expected.sort();
        assert_eq!(swept.iter().map(|s| (s.id.clone(), s.result_location.clone())).collect::<Vec<_>>(), expected);
        assert!(matches!(store.job_events(Scope::All, &finished[0]).await, Err(StoreError::NotFound { .. })));
        assert!(store.sweep_finished_jobs(T0 + 100_000).await.unwrap().is_empty());
        let left: BTreeSet<String> = store
            .list_jobs(Scope::All, &JobFilter::default())
            .await
            .unwrap()
            .jobs
            .into_iter()
            .map(|j| j.id)
            .collect();
        assert_eq!(left, BTreeSet::from([running.id, queued.id]));
    }

    async fn expire_job_files_keeps_the_jobs(store: Store) {
        // Finished at three times in three final statuses, plus a running and a queued job.
        let completed = store.create_job(&job("t1", Priority::Normal), T0, None).await.unwrap();
        store.claim_job("w", T0 + 1, 10_000).await.unwrap().unwrap();
        store.complete_job(&completed.id, "w", T0 + 100, "loc-c", &serde_json::json!({})).await.unwrap();
        let failed = store.create_job(&job("t1", Priority::Normal), T0 + 2, None).await.unwrap();
        store.claim_job("w", T0 + 3, 10_000).await.unwrap().unwrap();
        store.fail_job(&failed.id, "w", T0 + 200, "timeout", "too slow").await.unwrap();
        let cancelled = store.create_job(&job("t1", Priority::Normal), T0 + 4, None).await.unwrap();
        store.cancel_job(Scope::All, &cancelled.id, T0 + 300).await.unwrap();
        let running = store.create_job(&job("t1", Priority::Normal), T0 + 5, None).await.unwrap();
        store.claim_job("w", T0 + 6, 10_000).await.unwrap().unwrap();
        let queued = store.create_job(&job("t1", Priority::Normal), T0 + 7, None).await.unwrap();
        assert_eq!(store.get_job(Scope::All, &completed.id).await.unwrap().files_expired_at, None);

        // Only jobs finished before the cutoff expire, once, and stay in the store.
        let expired = store.expire_job_files(T0 + 201, T0 + 1_000).await.unwrap();
        let mut expected = vec![
            (completed.id.clone(), Some("loc-c".to_string())),
            (failed.id.clone(), None),
        ];
        expected.sort();
        assert_eq!(
            expired.iter().map(|e| (e.id.clone(), e.result_location.clone())).collect::<Vec<_>>(),
            expected
        );
        let c = store.get_job(Scope::All, &completed.id).await.unwrap();
        assert_eq!(c.status, JobStatus::Completed);
        assert_eq!(c.files_expired_at, Some(T0 + 1_000));
        assert_eq!(c.result_location.as_deref(), Some("loc-c"));
        assert!(store.expire_job_files(T0 + 201, T0 + 2_000).await.unwrap().is_empty());
        assert_eq!(
            store.get_job(Scope::All, &completed.id).await.unwrap().files_expired_at,
            Some(T0 + 1_000),
            "a second sweep does not move the expiry time"
        );

        // A later cutoff takes the cancelled job; running and queued jobs never expire.
        let later = store.expire_job_files(T0 + 1_000_000, T0 + 3_000).await.unwrap();
        assert_eq!(later.iter().map(|e| e.id.clone()).collect::<Vec<_>>(), vec![cancelled.id.clone()]);
        for id in [&running.id, &queued.id] {
            assert_eq!(store.get_job(Scope::All, id).await.unwrap().files_expired_at, None);
        }
        assert_eq!(store.list_jobs(Scope::All, &JobFilter::default()).await.unwrap().jobs.len(), 5);
    }

    async fn scenario_versions(store: Store) {
        let s = store.create_scenario("t1", "brigade exercise", r#"{"count":100}"#, T0).await.unwrap();
        assert_eq!(s.latest_version, 1);
        let v2 = store.add_scenario_version(Scope::Tenant("t1"), &s.id, r#"{"count":200}"#, T0 + 1).await.unwrap();
        let v3 = store.add_scenario_version(Scope::Tenant("t1"), &s.id, r#"{"count":300}"#, T0 + 2).await.unwrap();
        assert_eq!((v2.version, v3.version), (2, 3));
        let latest = store.get_scenario_version(Scope::Tenant("t1"), &s.id, None).await.unwrap();
        assert_eq!(latest, v3);
        let first = store.get_scenario_version(Scope::Tenant("t1"), &s.id, Some(1)).await.unwrap();
        assert_eq!(first.scenario_json, r#"{"count":100}"#);
        assert_eq!(first.created_at, T0);
        assert!(matches!(
            store.get_scenario_version(Scope::Tenant("t1"), &s.id, Some(9)).await,
            Err(StoreError::NotFound { what: "scenario version" })
        ));
        let meta = store.get_scenario(Scope::Tenant("t1"), &s.id).await.unwrap();
        assert_eq!((meta.latest_version, meta.created_at, meta.updated_at), (3, T0, T0 + 2));
        assert_eq!(
            store.list_scenario_versions(Scope::Tenant("t1"), &s.id).await.unwrap().iter().map(|v| v.version).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );

        // Concurrent saves get distinct consecutive numbers.
        let mut tasks = Vec::new();
        for i in 0..10 {
            let store = store.clone();
            let id = s.id.clone();
            tasks.push(tokio::spawn(async move {
                store.add_scenario_version(Scope::Tenant("t1"), &id, "{}", T0 + 10 + i).await.unwrap().version
            }));
        }
        let mut versions = Vec::new();
        for t in tasks {
            versions.push(t.await.unwrap());
        }
        versions.sort();
        assert_eq!(versions, (4..=13).collect::<Vec<u32>>());

        assert!(matches!(
            store.create_scenario("t1", "brigade exercise", "{}", T0).await,
            Err(StoreError::Conflict { .. })
        ));
        assert!(matches!(
            store.create_scenario("t1", "bad", "not json", T0).await,
            Err(StoreError::Invalid { field: "scenario_json", .. })
        ));
        assert!(matches!(
            store.create_scenario("t1", " ", "{}", T0).await,
            Err(StoreError::Invalid { field: "name", .. })
        ));
        let other = store.create_scenario("t1", "peacekeeping", "{}", T0 + 50).await.unwrap();
        let names: Vec<String> = store.list_scenarios(Scope::Tenant("t1")).await.unwrap().into_iter().map(|s| s.name).collect();
        assert_eq!(names, vec!["brigade exercise", "peacekeeping"]);

        store.delete_scenario(Scope::Tenant("t1"), &s.id).await.unwrap();
        assert!(matches!(store.get_scenario(Scope::Tenant("t1"), &s.id).await, Err(StoreError::NotFound { .. })));
        assert!(matches!(
            store.get_scenario_version(Scope::Tenant("t1"), &s.id, Some(1)).await,
            Err(StoreError::NotFound { .. })
        ));
        assert!(matches!(store.delete_scenario(Scope::Tenant("t1"), &s.id).await, Err(StoreError::NotFound { .. })));
        assert_eq!(store.list_scenarios(Scope::All).await.unwrap(), vec![other]);
    }
}

/// Opening with a URL the store does not know is a configuration error naming no secret.
#[tokio::test]
async fn unknown_url_scheme_is_rejected() {
    match Store::open("mysql://user:secret@host/db").await {
        Err(StoreError::Config(msg)) => assert!(!msg.contains("secret")),
        other => panic!("expected Config error, got {other:?}"),
    }
}

/// An SQLite URL opens too, and the data directory is created when missing.
#[tokio::test]
async fn sqlite_url_and_data_dir_open() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("by-url.db").display());
    let store = Store::open(&url).await.unwrap();
    assert!(!store.is_ready().await.unwrap(), "not migrated yet");
    store.migrate().await.unwrap();
    assert!(store.is_ready().await.unwrap());
    assert_eq!(store.backend(), milmed_store::Backend::Sqlite);
    store.close().await;

    let nested = dir.path().join("a").join("b");
    let store = Store::open_configured(Some(" "), &nested, &Default::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    assert!(nested.join(milmed_store::SQLITE_FILE_NAME).exists());
    store.close().await;
}
