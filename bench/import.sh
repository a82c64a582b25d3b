#!/usr/bin/env bash
# Times a CSV import of generated trade records through the API, next to the sqlite3 shell's .import of the same
# files into a table with the same indexes, and prints both with their ratio. See bench/README.md.
#
#   bash bench/import.sh [--size 1m] [--chunk 100000]
#
# The CSV is the API's own export of a generated database (bench/.data/trade-<size>.db, made by bench/run.sh's
# generator when missing), without the server-managed columns, split into files of --chunk rows (the API takes at
# most 100,000 rows a request). The API runs on core 0 on an empty database; curl sends the files one after another.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$bench_dir")
out="$bench_dir/.out"
data="$bench_dir/.data"
size=1m
chunk=100000
port=5097

while (($#)); do
    case $1 in
        --size) size=${2:?--size needs a value}; shift 2 ;;
        --chunk) chunk=${2:?--chunk needs a value}; shift 2 ;;
        -h | --help) sed -n 2,9p "${BASH_SOURCE[0]}" | cut -c3-; exit 0 ;;
        *) echo "Unknown argument: $1" >&2; exit 2 ;;
    esac
done

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
for tool in dotnet sqlite3 python3 curl taskset awk; do
    command -v "$tool" >/dev/null || die "$tool is not installed (see bench/README.md)"
done
case ${size,,} in
    *k) count=$((${size%[kK]} * 1000)) ;;
    *m) count=$((${size%[mM]} * 1000000)) ;;
    *) count=$size ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/relations-import.XXXXXX")
api_pid=
cleanup() {
    local status=$?
    if [[ -n $api_pid ]]; then
        kill "$api_pid" 2>/dev/null || true
        wait "$api_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT

log "Building the API and the data generator (Release)"
for target in src/Api/Api.csproj:api bench/DataGen/DataGen.csproj:datagen; do
    dotnet publish "$repo/${target%%:*}" -c Release -o "$out/${target##*:}" --artifacts-path "$out/artifacts" \
        --nologo -v quiet >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; die "building ${target%%:*} failed"; }
done

# start_api <database>: the API on core 0, as bench/run.sh starts it; returns once it answers.
start_api() {
    (cd "$out/api" && exec env ConnectionStrings__Relations="Data Source=$1" ASPNETCORE_URLS="http://127.0.0.1:$port" \
        ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning DOTNET_TC_DelaySingleProcMultiplier=1 MALLOC_ARENA_MAX=2 \
        taskset -c 0 dotnet RelationsApi.Api.dll) >"$tmp/api.log" 2>&1 </dev/null &
    api_pid=$!
    for _ in $(seq 600); do
        curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null && return 0
        kill -0 "$api_pid" 2>/dev/null || { cat "$tmp/api.log" >&2; die "the API exited during start-up"; }
        sleep 0.5
    done
    die "the API did not become ready"
}
stop_api() { kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; api_pid=; }

db="$data/trade-$size.db"
if [[ ! -f $db ]]; then
    log "Generating $db ($count trade records)"
    mkdir -p "$data"
    dotnet "$out/datagen/RelationsApi.DataGen.dll" --db "$db.partial" --trade-records "$count" >&2
    mv "$db.partial" "$db"
fi

log "Exporting the trade records of $db as CSV"
cp "$db" "$tmp/source.db"
start_api "$tmp/source.db"
curl -fsS -H 'Accept: text/csv' "http://127.0.0.1:$port/api/v1/trade-records?sort=year" -o "$tmp/export.csv"
stop_api

# The import format: the export without the columns the server manages, in files of $chunk rows with the header.
python3 - "$tmp/export.csv" "$tmp/part" "$chunk" <<'PY'
import csv, sys
source, prefix, chunk = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(source, newline="", encoding="utf-8-sig") as f:
    rows = csv.reader(f)
    header = next(rows)
    keep = [i for i, name in enumerate(header) if name not in ("id", "version", "createdAt", "updatedAt")]
    part, written, out = 0, 0, None
    for row in rows:
        if written % chunk == 0:
            if out: out.close()
            out = open(f"{prefix}-{part:03d}.csv", "w", newline="", encoding="utf-8")
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow([header[i] for i in keep])
            part += 1
        writer.writerow([row[i] for i in keep])
        written += 1
    out.close()
    print(written, file=sys.stderr)
PY
parts=("$tmp"/part-*.csv)
rows=$(($(cat "${parts[@]}" | wc -l) - ${#parts[@]}))
log "$rows rows in ${#parts[@]} files, $(du -ch "${parts[@]}" | tail -1 | cut -f1) in all"

# sqlite3: the same columns in a table with the indexes the API's trade record table has (empty cells are '' here,
# not NULL, so the external id's unique index leaves them out).
header=$(head -1 "${parts[0]}")
{
    echo "CREATE TABLE TradeRecords ($(echo "$header" | sed 's/,/ TEXT, /g') TEXT);"
    echo 'CREATE UNIQUE INDEX ix_key ON TradeRecords (reporterCountry, partnerCountry, flow, year, month, hsCode);'
    echo "CREATE UNIQUE INDEX ix_external ON TradeRecords (externalId) WHERE externalId <> '';"
    echo 'CREATE INDEX ix_year_id ON TradeRecords (year);'
    echo 'CREATE INDEX ix_year_flow ON TradeRecords (year, flow);'
    echo 'CREATE INDEX ix_year_flow_value ON TradeRecords (year, flow, valueUsd);'
    echo 'CREATE INDEX ix_flow ON TradeRecords (flow);'
    echo 'CREATE INDEX ix_hs ON TradeRecords (hsCode);'
    echo 'CREATE INDEX ix_value ON TradeRecords (valueUsd);'
    echo 'PRAGMA journal_mode=WAL;'
    for part in "${parts[@]}"; do echo ".import --csv --skip 1 $part TradeRecords"; done
} >"$tmp/sqlite.sql"
log "sqlite3 .import"
started=$(date +%s.%N)
sqlite3 "$tmp/sqlite.db" <"$tmp/sqlite.sql" >/dev/null
sqlite_seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
[[ $(sqlite3 "$tmp/sqlite.db" 'SELECT count(*) FROM TradeRecords') == "$rows" ]] || die "sqlite3 did not import every row"

log "API import"
# Imports need a key with scope write; the API's own command makes one (and migrates and seeds the new database).
key=$(cd "$out/api" && ConnectionStrings__Relations="Data Source=$tmp/api.db" ASPNETCORE_ENVIRONMENT=Production \
    dotnet RelationsApi.Api.dll keys create --name bench-import --scope write 2>/dev/null | tail -n 1)
[[ $key == kkr_* ]] || die "could not make an API key"
start_api "$tmp/api.db"
echo 5 >"/proc/$api_pid/clear_refs"
started=$(date +%s.%N)
for part in "${parts[@]}"; do
    status=$(curl -sS -o "$tmp/answer.json" -w '%{http_code}' -X POST -H 'Content-Type: text/csv' -H "X-Api-Key: $key" \
        --data-binary @"$part" "http://127.0.0.1:$port/api/v1/trade-records/import")
    [[ $status == 200 ]] || { cat "$tmp/answer.json" >&2; die "import of $part answered $status"; }
done
api_seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
peak_mb=$(($(awk '/VmHWM/ {print $2}' "/proc/$api_pid/status") / 1024))
stored=$(curl -fsS "http://127.0.0.1:$port/api/v1/trade-records?pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalCount"])')
stop_api
# The seed's one trade record is in the export too; the upsert finds it by its key and leaves it unchanged.
((stored == rows)) || die "the API holds $stored trade records after importing $rows rows"

printf '\n| rows | files | sqlite3 .import (s) | API import (s) | ratio | API peak RSS (MB) |\n'
printf '|--:|--:|--:|--:|--:|--:|\n'
printf '| %s | %s | %.1f | %.1f | %.2f | %s |\n' "$rows" "${#parts[@]}" "$sqlite_seconds" "$api_seconds" \
    "$(awk -v a="$api_seconds" -v s="$sqlite_seconds" 'BEGIN { print a / s }')" "$peak_mb"
