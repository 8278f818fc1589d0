#!/usr/bin/env bash
# Service benchmark: a 1,000,000-patient job through the HTTP API from submit to completed, and
# job status GETs under wrk while a job runs. Release build, a fresh SQLite data directory,
# an admin key without limits. Prints Markdown rows for docs/performance.md. Not a test.
#
#   bench/service.sh                 # 3 × 1 M job (json), then 3 × wrk for 20 s on
#                                    # GET /api/v1/jobs/{id} while a job runs, then idle
#   N=200000 RUNS=1 DURATION=5 bench/service.sh   # smaller
#   BIN=path/to/milmed bench/service.sh           # an existing binary, no build
#   SERVE_ARGS='...' bench/service.sh             # extra flags for milmed serve
#   MILMED_JOB_NICE=0 bench/service.sh            # settings through the environment
set -euo pipefail
cd "$(dirname "$0")/.."

n=${N:-1000000}
runs=${RUNS:-3}
duration=${DURATION:-20}
connections=${CONNECTIONS:-32}
port=${PORT:-8795}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet -p milmed
  bin=${CARGO_TARGET_DIR:-$PWD/target}/release/milmed
else
  bin=$BIN
fi
data=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data"' EXIT

key=$("$bin" keys create --name bench --role admin --data-dir "$data" | tail -1)
# shellcheck disable=SC2086
RUST_LOG=warn "$bin" serve --port "$port" --data-dir "$data" ${SERVE_ARGS:-} 2>"$data/serve.log" &
server=$!
base=http://127.0.0.1:$port
for _ in $(seq 1 100); do curl -sf "$base/ready" >/dev/null && break; sleep 0.1; done

job_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
median() { python3 -c "import statistics,sys; print(f'{statistics.median(float(x) for x in sys.argv[1:]):.2f}')" "$@"; }

# 1. submit → completed, polled every 20 ms by one Python process over one keep-alive
#    connection (a process start per poll, curl or Python, 50 times a second, would compete
#    with the job for the cores). Each run also shows where the
#    time went: submit → claim (started_at), claim → completed_at (the job process and the
#    completion), completed_at → seen by the poller.
all=()
for _ in $(seq 1 "$runs"); do
  row=$(python3 - "$port" "$key" "$n" <<'PY'
import datetime, http.client, json, sys, time
port, key, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
c = http.client.HTTPConnection("127.0.0.1", port)
h = {"X-API-Key": key, "Content-Type": "application/json"}
body = json.dumps({"configuration": {"count": n}, "output_formats": ["json"], "seed": 7})
start = time.time()
c.request("POST", "/api/v1/generation", body, h)
job_id = json.loads(c.getresponse().read())["job_id"]
while True:
    c.request("GET", f"/api/v1/jobs/{job_id}", headers=h)
    j = json.loads(c.getresponse().read())
    if j["status"] == "completed":
        break
    if j["status"] == "failed":
        sys.exit(f"job failed: {j}")
    time.sleep(0.02)
end = time.time()
t = lambda k: datetime.datetime.fromisoformat(j[k].replace("Z", "+00:00")).timestamp()
print(f"{end - start:.2f} {job_id} | API job, {n} patients, json, submit → completed | {end - start:.2f} s | "
      f"submit → claim {t('started_at') - start:.3f} s, claim → completed {t('completed_at') - t('started_at'):.2f} s, "
      f"completed → seen {end - t('completed_at'):.3f} s | {j['progress_details']['bytes_written']} bytes |")
PY
)
  set -- $row
  all+=("$1")
  rm -rf "${data:?}/jobs/$2"
  echo "${row#* * }"
done
echo "| API job, median of $runs | $(median "${all[@]}") s | | |"

# 2. wrk on the status of a job while another job runs, then of the same job once cancelled.
running=$(curl -sf -X POST "$base/api/v1/generation" -H "X-API-Key: $key" -H 'Content-Type: application/json' \
  -d '{"configuration": {"count": 50000000}, "output_formats": ["ndjson"], "seed": 8}' | job_field "['job_id']")
sleep 1
wrk_row() {
  local what=$1 url=$2
  local out rps p50 p99 errors
  out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -H "X-API-Key: $key" "$url")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  echo "| $what, wrk -t2 -c$connections ${duration}s | $rps req/s | p50 $p50, p99 $p99 | non-2xx: ${errors:-0} |"
}
for _ in $(seq 1 "$runs"); do
  wrk_row "GET /api/v1/jobs/{id}, job running meanwhile" "$base/api/v1/jobs/$running"
done
still=$(curl -sf "$base/api/v1/jobs/$running" -H "X-API-Key: $key" | job_field "['status']")
echo "| (the job was still $still after the runs) | | | |"
curl -sf -X POST "$base/api/v1/jobs/$running/cancel" -H "X-API-Key: $key" >/dev/null || true
wrk_row "GET /api/v1/jobs/{id}, nothing running" "$base/api/v1/jobs/$running"
wrk_row "GET /health, nothing running" "$base/health"
