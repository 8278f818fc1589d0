#!/usr/bin/env bash
# End-to-end generation benchmark: patients/s and peak RSS of `milmed generate`, release build,
# output to a real file, plus the time `dd` needs to write the same number of bytes (the
# physical limit of the disk path). Results go to stdout as Markdown rows for
# docs/performance.md. Not a test: numbers depend on the machine and its load.
#
#   bench/generate.sh                  # the standard set (1 M patients per format, RSS sweep)
#   bench/generate.sh --quick          # 100 k patients, for a smoke run
#   bench/generate.sh --packaging      # only plain vs gzip/zstd/encrypted NDJSON (1 M patients)
#   OUT=/some/dir bench/generate.sh    # where output goes (default: bench-out/ in the repo)
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
packaging_only=0
[ "${1:-}" = "--quick" ] && quick=1
[ "${1:-}" = "--packaging" ] && packaging_only=1
# The encrypted runs read their password from this variable (never from the command line).
export MILMED_BENCH_PASSWORD=${MILMED_BENCH_PASSWORD:-milmed-bench-password}
out=${OUT:-bench-out}
mkdir -p "$out"
timer=/usr/bin/time
[ -x "$timer" ] || { echo "GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 1; }

cargo build --release --quiet
bin=./target/release/milmed

# run LABEL N FORMAT THREADS [extra args…] → one Markdown row
run() {
  local label=$1 n=$2 format=$3 threads=$4
  shift 4
  local dir="$out/$label"
  rm -rf "$dir"
  sync
  local stats
  stats=$( { $timer -f "%e %M" "$bin" generate -n "$n" --seed 7 --format "$format" \
      --threads "$threads" --out "$dir" --quiet "$@" ; } 2>&1 | tail -1)
  local secs=${stats% *} rss_kb=${stats#* }
  local bytes
  bytes=$(find "$dir" -type f ! -name manifest.json -printf '%s\n' | awk '{s+=$1} END {print s}')
  last_rate=$(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%.0f", n/s }')
  awk -v l="$label" -v n="$n" -v f="$format" -v t="$threads" -v s="$secs" -v r="$rss_kb" -v b="$bytes" \
    'BEGIN { printf "| %s | %d | %s | %d | %.2f | %.0f | %.1f | %.0f |\n", l, n, f, t, s, n/s, r/1024, b/n }'
  rm -rf "$dir"
}

# dd_limit BYTES → seconds to write that many bytes through the page cache, with fsync, and
# with direct I/O
dd_limit() {
  local bytes=$1 mib=$(( $1 / 1048576 + 1 ))
  local a b c
  a=$( { $timer -f "%e" dd if=/dev/zero of="$out/dd.bin" bs=1M count=$mib status=none ; } 2>&1 | tail -1)
  rm -f "$out/dd.bin"; sync
  b=$( { $timer -f "%e" dd if=/dev/zero of="$out/dd.bin" bs=1M count=$mib conv=fsync status=none ; } 2>&1 | tail -1)
  rm -f "$out/dd.bin"; sync
  # milmed writes its files with O_DIRECT where it can: this is the limit of that path.
  c=$( { $timer -f "%e" dd if=/dev/zero of="$out/dd.bin" bs=4M count=$(( mib / 4 + 1 )) oflag=direct status=none ; } 2>&1 | tail -1)
  rm -f "$out/dd.bin"
  echo "| dd of ${mib} MiB | page cache ${a} s | with fsync ${b} s | direct I/O ${c} s |"
}

# packaging: plain NDJSON, then gzip, zstd, encrypted and gzip+encrypted, each as % of plain.
packaging() {
  local n=$1 plain
  run ndjson-plain-2t "$n" ndjson 2
  plain=$last_rate
  local spec label
  for spec in "gzip:--compress gzip" "zstd:--compress zstd" \
      "encrypted:--encrypt --password-env MILMED_BENCH_PASSWORD" \
      "gzip+encrypted:--compress gzip --encrypt --password-env MILMED_BENCH_PASSWORD"; do
    label=${spec%%:*}
    # shellcheck disable=SC2086  # the flags are meant to split
    run "ndjson-$label-2t" "$n" ndjson 2 ${spec#*:}
    ratios+=("$label $(awk -v a="$last_rate" -v b="$plain" 'BEGIN { printf "%.0f", 100*a/b }') % of plain")
  done
}

if [ $quick = 1 ]; then n=100000; else n=1000000; fi
echo "| run | patients | format | threads | seconds | patients/s | peak RSS MiB | bytes/patient |"
echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
ratios=()
if [ $packaging_only = 1 ]; then
  packaging $n
  echo
  printf '%s\n' "${ratios[@]}"
  exit 0
fi
run ndjson-2t $n ndjson 2
run ndjson-1t $n ndjson 1
run json-2t $n json 2
run csv-2t $n csv 2
run fhir-2t $n fhir 2
if [ $quick = 0 ]; then
  for m in 10000 100000 1000000 10000000; do
    run "rss-$m" $m ndjson 2
  done
fi
# The bytes one NDJSON run writes, for the dd comparison.
"$bin" generate -n $n --seed 7 --format ndjson --out "$out/size" --quiet
size=$(stat -c %s "$out/size/patients.ndjson")
rm -rf "$out/size"
packaging $n
echo
dd_limit "$size"
echo
printf '%s\n' "${ratios[@]}"
