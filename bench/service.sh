#!/usr/bin/env bash
# Service benchmark: a 1,000,000-patient job through the HTTP API from submit to completed, and
# job status GETs under wrk while a job runs. Release build, a fresh SQLite data directory,
# an admin key without limits. Prints Markdown rows for docs/performance.md. Not a test.
#
#   bench/service.sh                 # 1 M job (json), then wrk for 20 s on GET /api/v1/jobs/{id}
#   N=200000 DURATION=5 bench/service.sh   # smaller
set -euo pipefail
cd "$(dirname "$0")/.."

n=${N:-1000000}
duration=${DURATION:-20}
connections=${CONNECTIONS:-32}
port=${PORT:-8795}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

cargo build --release --quiet
bin=$PWD/target/release/milmed
data=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data"' EXIT

key=$("$bin" keys create --name bench --role admin --data-dir "$data" | tail -1)
RUST_LOG=warn "$bin" serve --port "$port" --data-dir "$data" 2>"$data/serve.log" &
server=$!
base=http://127.0.0.1:$port
for _ in $(seq 1 100); do curl -sf "$base/ready" >/dev/null && break; sleep 0.1; done

job_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# 1. submit → completed, polled every 20 ms with curl alone (a Python start per poll would
#    take a core away from the job).
start=$(date +%s.%N)
id=$(curl -sf -X POST "$base/api/v1/generation" -H "X-API-Key: $key" -H 'Content-Type: application/json' \
  -d "{\"configuration\": {\"count\": $n}, \"output_formats\": [\"json\"], \"seed\": 7}" \
  | grep -o '"job_id":"[^"]*"' | cut -d'"' -f4)
while :; do
  status=$(curl -sf "$base/api/v1/jobs/$id" -H "X-API-Key: $key" | grep -o '"status":"[a-z]*"' | head -1 | cut -d'"' -f4)
  [ "$status" = completed ] && break
  [ "$status" = failed ] && { echo "job failed" >&2; curl -s "$base/api/v1/jobs/$id" -H "X-API-Key: $key" >&2; exit 1; }
  sleep 0.02
done
end=$(date +%s.%N)
bytes=$(curl -sf "$base/api/v1/jobs/$id" -H "X-API-Key: $key" | job_field "['progress_details']['bytes_written']")
secs=$(python3 -c "print(f'{$end - $start:.2f}')")
echo "| API job, $n patients, json, submit → completed | $secs s | $(python3 -c "print(f'{$n / ($end - $start):,.0f}')") patients/s | $bytes bytes |"

# 2. wrk on the status of a job while another job runs.
running=$(curl -sf -X POST "$base/api/v1/generation" -H "X-API-Key: $key" -H 'Content-Type: application/json' \
  -d '{"configuration": {"count": 50000000}, "output_formats": ["ndjson"], "seed": 8}' | job_field "['job_id']")
sleep 1
wrk_out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -H "X-API-Key: $key" "$base/api/v1/jobs/$running")
still=$(curl -sf "$base/api/v1/jobs/$running" -H "X-API-Key: $key" | job_field "['status']")
rps=$(echo "$wrk_out" | awk '/Requests\/sec/ {print $2}')
p50=$(echo "$wrk_out" | awk '$1 == "50%" {print $2}')
p99=$(echo "$wrk_out" | awk '$1 == "99%" {print $2}')
errors=$(echo "$wrk_out" | awk '/Non-2xx/ {print $5}')
echo "| GET /api/v1/jobs/{id}, wrk -t2 -c$connections ${duration}s, job $still meanwhile | $rps req/s | p50 $p50, p99 $p99 | non-2xx: ${errors:-0} |"
curl -sf -X POST "$base/api/v1/jobs/$running/cancel" -H "X-API-Key: $key" >/dev/null || true
