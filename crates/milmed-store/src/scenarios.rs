//! Saved scenarios per tenant, each with numbered versions (1, 2, 3…).

use serde::Serialize;

use crate::error::{invalid, not_found, Result};
use crate::rows::RowExt;
use crate::{with_pool, with_write_tx, Millis, Scope, Store};

/// A saved scenario; its content lives in its versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedScenario {
    /// UUID.
    pub id: String,
    /// Owning tenant.
    pub tenant_id: String,
    /// Name, unique within the tenant.
    pub name: String,
    /// The newest version number.
    pub latest_version: u32,
    /// When version 1 was saved.
    pub created_at: Millis,
    /// When the newest version was saved.
    pub updated_at: Millis,
}

/// One version of a saved scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScenarioVersion {
    /// The scenario's id.
    pub scenario_id: String,
    /// 1 for the first save, then +1 for each new version.
    pub version: u32,
    /// The scenario as canonical JSON (`milmed_core::scenario::to_canonical_json`).
    pub scenario_json: String,
    /// When this version was saved.
    pub created_at: Millis,
}

/// Bound on scenario names, so a name fits in lists and file names.
pub const MAX_SCENARIO_NAME: usize = 200;

const SCENARIO_COLUMNS: &str = "id, tenant_id, name, latest_version, created_at, updated_at";

fn check_name(name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(invalid("name", "must not be empty"));
    }
    if name.chars().count() > MAX_SCENARIO_NAME {
        return Err(invalid(
            "name",
            format!("longer than {MAX_SCENARIO_NAME} characters"),
        ));
    }
    Ok(())
}

fn check_scenario(json: &str) -> Result<()> {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(serde_json::Value::Object(_)) => Ok(()),
        Ok(_) => Err(invalid("scenario_json", "must be a JSON object")),
        Err(e) => Err(invalid("scenario_json", format!("not valid JSON: {e}"))),
    }
}

impl Store {
    /// Saves a new scenario for `tenant_id` as version 1. A name already used in the tenant
    /// is a [`crate::StoreError::Conflict`].
    pub async fn create_scenario(
        &self,
        tenant_id: &str,
        name: &str,
        scenario_json: &str,
        now: Millis,
    ) -> Result<SavedScenario> {
        if tenant_id.trim().is_empty() {
            return Err(invalid("tenant_id", "must not be empty"));
        }
        check_name(name)?;
        check_scenario(scenario_json)?;
        let id = uuid::Uuid::new_v4().to_string();
        let insert = format!(
            "INSERT INTO scenarios (id, tenant_id, name, latest_version, created_at, updated_at) \
             VALUES ($1, $2, $3, 1, $4, $4) RETURNING {SCENARIO_COLUMNS}"
        );
        let saved = with_write_tx!(self, tx => {
            let saved = sqlx::query(&insert)
                .bind(&id)
                .bind(tenant_id)
                .bind(name)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?
                .to_scenario()?;
            sqlx::query(
                "INSERT INTO scenario_versions (scenario_id, version, scenario_json, created_at) \
                 VALUES ($1, 1, $2, $3)",
            )
            .bind(&id)
            .bind(scenario_json)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            saved
        });
        Ok(saved)
    }

    /// Saves a new version of a scenario; its number is the previous newest plus one.
    /// Concurrent saves get distinct numbers: the increment locks the scenario row.
    pub async fn add_scenario_version(
        &self,
        scope: Scope<'_>,
        id: &str,
        scenario_json: &str,
        now: Millis,
    ) -> Result<ScenarioVersion> {
        check_scenario(scenario_json)?;
        let tenant = scope.tenant();
        let version = with_write_tx!(self, tx => {
            let version: Option<i64> = sqlx::query_scalar(
                "UPDATE scenarios SET latest_version = latest_version + 1, updated_at = $3 \
                 WHERE id = $1 AND ($2 IS NULL OR tenant_id = $2) RETURNING latest_version",
            )
            .bind(id)
            .bind(tenant)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(version) = version else {
                return not_found("scenario");
            };
            sqlx::query(
                "INSERT INTO scenario_versions (scenario_id, version, scenario_json, created_at) \
                 VALUES ($1, $2, $3, $4) \
                 RETURNING scenario_id, version, scenario_json, created_at",
            )
            .bind(id)
            .bind(version)
            .bind(scenario_json)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?
            .to_scenario_version()?
        });
        Ok(version)
    }

    /// One saved scenario, if `scope` may see it.
    pub async fn get_scenario(&self, scope: Scope<'_>, id: &str) -> Result<SavedScenario> {
        let sql = format!(
            "SELECT {SCENARIO_COLUMNS} FROM scenarios \
             WHERE id = $1 AND ($2 IS NULL OR tenant_id = $2)"
        );
        let saved = with_pool!(self, pool => {
            match sqlx::query(&sql).bind(id).bind(scope.tenant()).fetch_optional(pool).await? {
                Some(r) => r.to_scenario()?,
                None => return not_found("scenario"),
            }
        });
        Ok(saved)
    }

    /// One version of a scenario (`None`: the newest).
    pub async fn get_scenario_version(
        &self,
        scope: Scope<'_>,
        id: &str,
        version: Option<u32>,
    ) -> Result<ScenarioVersion> {
        let found = with_pool!(self, pool => {
            sqlx::query(
                "SELECT v.scenario_id, v.version, v.scenario_json, v.created_at \
                 FROM scenario_versions v JOIN scenarios s ON s.id = v.scenario_id \
                 WHERE s.id = $1 AND ($2 IS NULL OR s.tenant_id = $2) \
                 AND v.version = COALESCE($3, s.latest_version)",
            )
            .bind(id)
            .bind(scope.tenant())
            .bind(version.map(i64::from))
            .fetch_optional(pool)
            .await?
            .map(|r| r.to_scenario_version())
            .transpose()?
        });
        match found {
            Some(v) => Ok(v),
            None => {
                // Distinguish an unknown scenario from an unknown version of a visible one.
                self.get_scenario(scope, id).await?;
                not_found("scenario version")
            }
        }
    }

    /// The saved scenarios `scope` may see, oldest first.
    pub async fn list_scenarios(&self, scope: Scope<'_>) -> Result<Vec<SavedScenario>> {
        let sql = format!(
            "SELECT {SCENARIO_COLUMNS} FROM scenarios WHERE ($1 IS NULL OR tenant_id = $1) \
             ORDER BY created_at, id"
        );
        let list = with_pool!(self, pool => {
            let rows = sqlx::query(&sql).bind(scope.tenant()).fetch_all(pool).await?;
            rows.iter().map(|r| r.to_scenario()).collect::<Result<Vec<_>>>()?
        });
        Ok(list)
    }

    /// Every version of a scenario, oldest first.
    pub async fn list_scenario_versions(
        &self,
        scope: Scope<'_>,
        id: &str,
    ) -> Result<Vec<ScenarioVersion>> {
        self.get_scenario(scope, id).await?;
        let list = with_pool!(self, pool => {
            let rows = sqlx::query(
                "SELECT scenario_id, version, scenario_json, created_at FROM scenario_versions \
                 WHERE scenario_id = $1 ORDER BY version",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            rows.iter().map(|r| r.to_scenario_version()).collect::<Result<Vec<_>>>()?
        });
        Ok(list)
    }

    /// Deletes a scenario with all its versions.
    pub async fn delete_scenario(&self, scope: Scope<'_>, id: &str) -> Result<()> {
        let n = with_pool!(self, pool => {
            sqlx::query("DELETE FROM scenarios WHERE id = $1 AND ($2 IS NULL OR tenant_id = $2)")
                .bind(id)
                .bind(scope.tenant())
                .execute(pool)
                .await?
                .rows_affected()
        });
        if n == 0 {
            return not_found("scenario");
        }
        Ok(())
    }
}
