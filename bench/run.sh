#!/usr/bin/env bash
# Benchmarks the API with wrk against generated databases, next to a bare Kestrel app serving one fixed JSON page
# (the reference), and prints a markdown table. See bench/README.md.
#
#   bash bench/run.sh [--engine sqlite|postgres] [--database-core 0|1] [--sizes 10k,1m] [--duration 15s] [--warmup 90s]
#                     [--workloads by-id,post]
#
# The API and the reference app run on core 0, wrk on core 1. On PostgreSQL the database server shares core 0 with the
# API by default, as SQLite does inside the API's process, so a request's whole cost lands on the one measured core;
# --database-core 1 puts it beside wrk instead, as a server of its own would be. Every process started here is stopped
# on exit, including after a failure or Ctrl-C.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$bench_dir")
out="$bench_dir/.out"
data="$bench_dir/.data"
results="$bench_dir/results"

sizes=10k,1m
duration=15s
warmup=90s     # load on each newly started server before its first measurement: on one core the JIT needs it
settle=3s      # the workload itself, unmeasured, right before each measurement
connections=32
timeout=30s    # wrk's default of 2 s would drop slow requests from the latency figures
api_port=5099
reference_port=5098
# post.lua's first counter value for warm-up, settling and measured runs, so that no key is ever posted twice
post_offsets=(0 1000000 2000000)
workloads=(by-id filtered filtered-sorted search fulltext post stats-trade overview revalidate timeline)
engine=sqlite
database_core=0   # PostgreSQL's core

usage() {
    echo "Usage: bash bench/run.sh [--engine sqlite|postgres] [--database-core 0|1] [--sizes 10k,1m] [--duration 15s] [--warmup 90s] [--workloads by-id,post]"
    echo "  --engine    the database: SQLite files (default), or a PostgreSQL 15 cluster in bench/.data/postgres"
    echo "  --database-core  PostgreSQL's core: 0 with the API (default), or 1 with wrk"
    echo "  --sizes     comma-separated numbers of trade records, with k or m for thousands or millions"
    echo "  --duration  measured time per workload, in wrk's notation (5s, 1m)"
    echo "  --warmup    unmeasured load on each newly started server before its first measurement"
    echo "  --workloads comma-separated API workloads to measure (default: ${workloads[*]})"
}

while (($#)); do
    case $1 in
        --sizes) sizes=${2:?--sizes needs a value}; shift 2 ;;
        --engine) engine=${2:?--engine needs a value}; shift 2 ;;
        --database-core) database_core=${2:?--database-core needs a value}; shift 2 ;;
        --duration) duration=${2:?--duration needs a value}; shift 2 ;;
        --warmup) warmup=${2:?--warmup needs a value}; shift 2 ;;
        --workloads) IFS=, read -r -a workloads <<<"${2:?--workloads needs a value}"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "Unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $engine == sqlite || $engine == postgres ]] || die "unknown engine '$engine' (use sqlite or postgres)"
[[ $database_core == 0 || $database_core == 1 ]] || die "--database-core takes 0 or 1"
for tool in dotnet wrk taskset curl getconf; do
    command -v "$tool" >/dev/null || die "$tool is not installed (see bench/README.md)"
done
cores=$(nproc)
((cores >= 2)) || die "two cores are needed: the server runs on core 0, wrk on core 1"
clk_tck=$(getconf CLK_TCK)

# "10k" -> 10000, "1m" -> 1000000, "2500" -> 2500
count_of() {
    local size=${1,,}
    case $size in
        *[!0-9km]* | '' | k | m) die "bad size '$1' (use e.g. 10k, 1m or 2500)" ;;
        *k) echo $((${size%k} * 1000)) ;;
        *m) echo $((${size%m} * 1000000)) ;;
        *) echo "$size" ;;
    esac
}
for workload in "${workloads[@]}"; do
    [[ $workload != reference && -f "$bench_dir/wrk/$workload.lua" ]] || die "unknown workload '$workload'"
done
IFS=, read -r -a size_list <<<"${sizes,,}"
for size in "${size_list[@]}"; do count_of "$size" >/dev/null; done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/relations-bench.XXXXXX")
pids=()

stop_process() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# untrack <pid>: the process has ended; cleanup need not stop it.
untrack() {
    local remaining=() pid
    for pid in "${pids[@]}"; do [[ $pid == "$1" ]] || remaining+=("$pid"); done
    pids=("${remaining[@]}")
}

# tracked <command...>: runs the command as a background job and waits for it. A foreground command would take Ctrl-C
# itself (wrk prints its report and exits normally, a build may finish), and bash would then carry on; waiting on a
# background job lets the INT trap run at once, and cleanup stops the job.
tracked() {
    local pid status=0
    "$@" &
    pid=$!
    pids+=("$pid")
    wait "$pid" || status=$?
    untrack "$pid"
    return "$status"
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    for pid in "${pids[@]}"; do stop_process "$pid"; done
    [[ $(type -t trap_postgres) != function ]] || trap_postgres
    rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Build -------------------------------------------------------------------------------------------------------
# Separate bin/obj folders (--artifacts-path), so these builds never touch the ones under src/.
log "Building the API, the reference app and the data generator (Release)"
for target in src/Api/Api.csproj:api bench/Reference/Reference.csproj:reference bench/DataGen/DataGen.csproj:datagen; do
    if ! tracked dotnet publish "$repo/${target%%:*}" -c Release -o "$out/${target##*:}" --artifacts-path "$out/artifacts" \
        --nologo -v quiet >"$tmp/build.log" 2>&1; then
        cat "$tmp/build.log" >&2
        die "building ${target%%:*} failed"
    fi
done
api_dll="$out/api/RelationsApi.Api.dll"
reference_dll="$out/reference/RelationsApi.Reference.dll"
datagen_dll="$out/datagen/RelationsApi.DataGen.dll"

# --- Data --------------------------------------------------------------------------------------------------------
# A database is reused while the generator, the migrations and the seed are unchanged; otherwise it is rebuilt.
stamp=$(cat "$bench_dir"/DataGen/*.cs "$bench_dir"/DataGen/*.csproj "$repo"/src/Infrastructure/Persistence/Migrations/*.cs \
    "$repo"/src/Migrations.Postgres/Migrations/*.cs "$repo"/src/Infrastructure/Seeding/*.cs | sha256sum | cut -c1-16)
mkdir -p "$data"

postgres_server=   # Npgsql connection string of the cluster's superuser login, database postgres
psql_admin() {     # psql_admin <sql>: runs one statement on the cluster
    local port=${postgres_server#*Port=}
    PGPASSWORD=tests /usr/lib/postgresql/15/bin/psql -q -h 127.0.0.1 -p "${port%%;*}" -U relations -d postgres -v ON_ERROR_STOP=1 -c "$1" >/dev/null
}
postgres_database() { echo "${postgres_server%Database=*}Database=$1"; }
if [[ $engine == postgres ]]; then
    # Durable settings, as a production server has them (the test clusters run without fsync); kept between runs.
    log "Starting PostgreSQL 15 in $data/postgres"
    mkdir -p "$data/postgres"
    postgres_server=$(PG_OPTIONS="-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c shared_buffers=512MB -c max_connections=100" \
        "$repo/.ci/postgres" "$data/postgres" 2>/dev/null)
    trap_postgres() { "$repo/.ci/postgres" halt "$data/postgres" || true; }
    postgres_pid=$(head -n 1 "$data/postgres/data/postmaster.pid")
    # The server and the processes it already runs onto its core; the backends it forks later inherit the core. A child
    # may end between pgrep and taskset, so only the server itself must be pinned.
    taskset -p -c "$database_core" "$postgres_pid" >/dev/null
    for pid in $(pgrep -P "$postgres_pid"); do taskset -p -c "$database_core" "$pid" >/dev/null 2>&1 || true; done
fi

for size in "${size_list[@]}"; do
    if [[ $engine == postgres ]]; then
        marker="$data/postgres-trade-$size.stamp"
        if [[ -f $marker && $(<"$marker") == "$stamp" ]]; then
            log "Reusing PostgreSQL database trade_$size"
            continue
        fi
        log "Generating PostgreSQL database trade_$size ($(count_of "$size") trade records)"
        rm -f "$marker"
        started=$SECONDS
        tracked dotnet "$datagen_dll" --postgres "$(postgres_database "trade_$size")" --trade-records "$(count_of "$size")" >&2
        echo "$stamp" >"$marker"
        log "Generated trade_$size in $((SECONDS - started)) s"
        continue
    fi
    db="$data/trade-$size.db"
    if [[ -f $db && -f $db.stamp && $(<"$db.stamp") == "$stamp" ]]; then
        log "Reusing $db"
        continue
    fi
    log "Generating $db ($(count_of "$size") trade records)"
    rm -f "$db" "$db.stamp"
    started=$SECONDS
    # Written under another name and moved into place, so an interrupted run never leaves a database that looks done.
    tracked dotnet "$datagen_dll" --db "$data/trade-$size.partial.db" --trade-records "$(count_of "$size")" >&2
    mv "$data/trade-$size.partial.db" "$db"
    echo "$stamp" >"$db.stamp"
    log "Generated $db in $((SECONDS - started)) s"
done

# --- Servers and measurements ------------------------------------------------------------------------------------
server_pid=

# start_server <label> <dll> <port> <readiness path> [VAR=value ...]: starts it on core 0 and waits until it answers.
start_server() {
    local label=$1 dll=$2 port=$3 ready=$4
    shift 4
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        die "port $port is in use by another process"
    fi
    # exec all the way down (env, taskset, dotnet), so $! is the dotnet process itself.
    (cd "$(dirname "$dll")" && exec env "$@" ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
        Logging__LogLevel__Default=Warning DOTNET_TC_DelaySingleProcMultiplier=1 MALLOC_ARENA_MAX=2 \
        taskset -c 0 dotnet "$(basename "$dll")") >"$tmp/$label.log" 2>&1 </dev/null &
    server_pid=$!
    pids+=("$server_pid")
    for _ in $(seq 600); do
        if ! kill -0 "$server_pid" 2>/dev/null; then
            cat "$tmp/$label.log" >&2
            die "$label exited during start-up"
        fi
        if curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$port$ready" 2>/dev/null; then
            [[ $(readlink "/proc/$server_pid/exe") == */dotnet ]] || die "pid $server_pid is not the dotnet process"
            return 0
        fi
        sleep 0.2
    done
    die "$label did not answer $ready within 2 minutes"
}

stop_server() {
    stop_process "$server_pid"
    untrack "$server_pid"
    server_pid=
}

# Clock ticks of CPU the process has used, user and system, all threads: fields 14 and 15 of /proc/<pid>/stat.
cpu_ticks() {
    local stat
    stat=$(<"/proc/$1/stat")
    read -r -a fields <<<"${stat##*) }"   # what follows "pid (comm) ", from field 3 on
    echo $((fields[11] + fields[12]))
}

# measured_ticks <pid> <port>: cpu_ticks of the server, plus, for the API on PostgreSQL, those of the database server's
# processes, which do the other half of each request's work (on core 0 too, unless --database-core 1).
measured_ticks() {
    local ticks pid
    ticks=$(cpu_ticks "$1")
    if [[ $engine == postgres && $2 == "$api_port" ]]; then
        for pid in $(pgrep -u postgres -x postgres); do
            ticks=$((ticks + $(cpu_ticks "$pid" 2>/dev/null || echo 0)))
        done
    fi
    echo "$ticks"
}

# parse_wrk <wrk output> <cpu ticks> <VmHWM kB>: req/s, p50 ms, p99 ms, CPU µs/req, RSS MB, non-2xx, socket errors,
# requests, tab-separated. Latencies come in us, ms, s, m or h and are converted to milliseconds.
parse_wrk() {
    awk -v ticks="$2" -v hz="$clk_tck" -v hwm="$3" '
        function ms(text,   n) {
            n = text; sub(/[a-z]+$/, "", n); n += 0
            if (text ~ /us$/) return n / 1000
            if (text ~ /ms$/) return n
            if (text ~ /[0-9]s$/) return n * 1000
            if (text ~ /m$/) return n * 60000
            if (text ~ /h$/) return n * 3600000
            return n
        }
        /^[ \t]*50%/ { p50 = ms($2) }
        /^[ \t]*99%/ { p99 = ms($2) }
        / requests in / { requests = $1 + 0 }
        /^Requests\/sec:/ { rps = $2 + 0; seen = 1 }
        /Non-2xx or 3xx responses:/ { failed = $NF + 0 }
        /^[ \t]*Socket errors:/ { line = $0; gsub(/[^0-9]+/, " ", line); split(line, n, " "); sockets = n[1] + n[2] + n[3] + n[4] }
        /^BENCH / { for (i = 2; i <= NF; i++) { split($i, kv, "="); bench[kv[1]] = kv[2] + 0 } }
        END {
            if (!seen) exit 1
            if (bench["non2xx"] > failed) failed = bench["non2xx"]
            if (bench["status_errors"] > failed) failed = bench["status_errors"]
            cpu = requests > 0 ? ticks / hz * 1000000 / requests : 0
            printf "%.0f\t%.2f\t%.2f\t%.0f\t%.0f\t%d\t%d\t%d\n", rps, p50, p99, cpu, hwm / 1024, failed, sockets, requests
        }' "$1"
}

# Busy and stolen clock ticks of one core, from /proc/stat: user, nice and system; then steal. Interrupt time is left
# out: on loopback most of it is the benchmark's own network traffic.
core_ticks() {
    awk -v cpu="cpu$1" '$1 == cpu { print $2 + $3 + $4, $9 }' /proc/stat
}

rows=()   # size, workload, then the fields of parse_wrk
failures=()
noisy=()

# run_wrk <log> <duration> <port> <script> [script args]
run_wrk() {
    local log=$1 time=$2 port=$3 script=$4
    shift 4
    if ! tracked taskset -c 1 wrk -t1 -c"$connections" -d"$time" --timeout "$timeout" --latency \
        -s "$bench_dir/wrk/$script.lua" "http://127.0.0.1:$port" -- "$@" >"$log" 2>&1; then
        cat "$log" >&2
        die "wrk failed on $script"
    fi
}

# measure <size> <workload> <port> <script> [script args]: one measured wrk run against the server on that port.
measure() {
    local size=$1 workload=$2 port=$3 script=$4
    shift 4
    local server_pid=$server_pid
    [[ $port != "$reference_port" ]] || server_pid=$reference_pid
    local log="$tmp/wrk-$size-${workload//[^a-z0-9-]/_}.txt" before after hwm row started elapsed server_before server_after
    local busy0 steal0 steal1 busy0_end steal0_end steal1_end
    echo 5 >"/proc/$server_pid/clear_refs"   # resets the peak RSS (VmHWM) to the current RSS
    read -r busy0 steal0 < <(core_ticks 0)
    read -r _ steal1 < <(core_ticks 1)
    started=$(date +%s%N)
    before=$(measured_ticks "$server_pid" "$port")
    server_before=$(cpu_ticks "$server_pid")
    run_wrk "$log" "$duration" "$port" "$script" "$@"
    server_after=$(cpu_ticks "$server_pid")
    after=$(measured_ticks "$server_pid" "$port")
    elapsed=$(($(date +%s%N) - started))
    read -r busy0_end steal0_end < <(core_ticks 0)
    read -r _ steal1_end < <(core_ticks 1)
    hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status")
    row=$(parse_wrk "$log" $((after - before)) "$hwm") || { cat "$log" >&2; die "could not read wrk's output for $workload"; }
    rows+=("$size	$workload	$row")
    local rps p50 p99 cpu rss failed sockets requests
    IFS=$'\t' read -r rps p50 p99 cpu rss failed sockets requests <<<"$row"
    log "$(printf '%-5s %-18s %7s req/s  p50 %8s ms  p99 %8s ms  %6s µs/req  %5s MB  non-2xx %s' \
        "$size" "$workload" "$rps" "$p50" "$p99" "$cpu" "$rss" "$failed")"
    # The machine may be shared: other processes on the server's core, or time stolen by the hypervisor, skew a run.
    local wall=$((elapsed * clk_tck / 1000000000))
    # What ran on core 0 besides this run's own processes (the database server is one of them when it shares the core).
    local own=$((after - before))
    [[ $database_core == 0 ]] || own=$((server_after - server_before))
    local others=$(((busy0_end - busy0) - own))
    local stolen=$((steal0_end - steal0 + steal1_end - steal1))
    local label="$size $workload"
    [[ $size != - ]] || label=$workload
    if ((wall > 0 && (others * 100 / wall > 5 || stolen * 100 / wall > 5))); then
        noisy+=("$label: other processes used $((others * 100 / wall))% of core 0, $((stolen * 100 / wall))% stolen by the host")
        log "  noisy: ${noisy[-1]#*: }"
    fi
    if ((failed > 0 || sockets > 0 || requests == 0)); then
        failures+=("$label: $requests requests, $failed non-2xx, $sockets socket errors (connect, read, write, timeout)")
        grep -h "first non-2xx" "$log" >&2 || true
    fi
}

# warm_up_api <size> <trade records>: every workload at once for the warm-up time, so all their code is compiled.
warm_up_api() {
    local size=$1 count=$2 workload pid per_script=$((connections / ${#workloads[@]} + 1)) started=()
    for workload in "${workloads[@]}"; do
        taskset -c 1 wrk -t1 -c"$per_script" -d"$warmup" --timeout "$timeout" -s "$bench_dir/wrk/$workload.lua" \
            "http://127.0.0.1:$api_port" -- "n=$count" "offset=${post_offsets[0]}" >"$tmp/warmup-$size-$workload.txt" 2>&1 &
        started+=($!)
        pids+=($!)
    done
    for pid in "${started[@]}"; do
        wait "$pid" || die "warm-up failed; see $tmp/warmup-$size-*.txt"
        untrack "$pid"
    done
}

# The reference app runs for the whole benchmark, idle on core 0 while the API is measured, and is measured again
# right after each API workload: the machine's speed drifts within minutes, so each workload's ratio is taken against
# the reference measured on either side of it, not against one figure from the start of the run.
reference_pid=
reference_settle=1s
reference_duration=5s

start_reference() {
    log "Reference app: warming up for $warmup"
    start_server reference "$reference_dll" "$reference_port" /page
    reference_pid=$server_pid
    server_pid=
    run_wrk "$tmp/warmup-reference.txt" "$warmup" "$reference_port" reference
    measure - "reference (start)" "$reference_port" reference
}

# measure_reference_between <label>: a shorter measurement of the warm reference app between two API workloads.
measure_reference_between() {
    local saved=$duration
    run_wrk "$tmp/settle-reference.txt" "$reference_settle" "$reference_port" reference
    duration=$reference_duration
    measure - "$1" "$reference_port" reference
    duration=$saved
}

# From here on this script and its helpers stay on core 1 with wrk; only the servers use core 0.
taskset -p -c 1 $$ >/dev/null

start_reference

for size in "${size_list[@]}"; do
    count=$(count_of "$size")
    # A fresh copy per run: rows posted here never reach the kept database.
    if [[ $engine == postgres ]]; then
        psql_admin "DROP DATABASE IF EXISTS run WITH (FORCE)"
        psql_admin "CREATE DATABASE run TEMPLATE trade_$size"
        database=(Database__Provider=Postgres "ConnectionStrings__Relations=$(postgres_database run)")
    else
        copy="$tmp/trade-$size.db"
        cp "$data/trade-$size.db" "$copy"
        database=(Database__Provider=Sqlite "ConnectionStrings__Relations=Data Source=$copy")
    fi
    log "API on $size trade records ($engine): warming up with all workloads at once for $warmup"
    # Writes need a key: one with scope write, made on the copy by the API's own command, for post.lua (BENCH_KEY).
    BENCH_KEY=$(cd "$(dirname "$api_dll")" && env "${database[@]}" ASPNETCORE_ENVIRONMENT=Production \
        dotnet "$(basename "$api_dll")" keys create --name bench --scope write 2>/dev/null | tail -n 1)
    [[ $BENCH_KEY == kkr_* ]] || die "could not make an API key on the $size database"
    export BENCH_KEY
    # The rate limiter stays in the request path, with limits no load generator here can reach.
    start_server "api-$size" "$api_dll" "$api_port" /health/ready "${database[@]}" \
        RateLimits__ReadsPerMinute=2000000000 RateLimits__WritesPerMinute=2000000000
    warm_up_api "$size" "$count"
    measure_reference_between "reference (before $size)"
    for workload in "${workloads[@]}"; do
        run_wrk "$tmp/settle-$size-$workload.txt" "$settle" "$api_port" "$workload" "n=$count" "offset=${post_offsets[1]}"
        measure "$size" "$workload" "$api_port" "$workload" "n=$count" "offset=${post_offsets[2]}"
        measure_reference_between "reference (after $size $workload)"
    done
    stop_server
    if [[ $engine == postgres ]]; then
        psql_admin "DROP DATABASE run WITH (FORCE)"
    else
        rm -f "$copy" "$copy-wal" "$copy-shm"
    fi
done

server_pid=$reference_pid
measure - "reference (end)" "$reference_port" reference
stop_server

# --- Report ------------------------------------------------------------------------------------------------------
reference_mean=$(printf '%s\n' "${rows[@]}" | awk -F'\t' '$2 ~ /^reference/ { sum += $3; n++ } END { printf "%.0f", n ? sum / n : 0 }')
stamp_now=$(date +%Y%m%d-%H%M%S)
report="$results/$stamp_now-$engine.md"
mkdir -p "$results"
{
    echo "# Benchmark $stamp_now"
    echo
    echo "- engine $engine; commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown) (the working tree may differ)"
    echo "- $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $cores cores, Linux $(uname -r), .NET SDK $(dotnet --version)"
    echo "- wrk -t1 -c$connections -d$duration --timeout $timeout on core 1; server on core 0$([[ $engine == sqlite ]] || echo "; PostgreSQL on core $database_core"); warm-up $warmup per server, then $settle of each workload before it is measured"
    echo "- reference: $(printf '%s\n' "${rows[@]}" | awk -F'\t' '$2 ~ /^reference \((start|end)\)/ { printf "%s%s req/s (%s)", sep, $3, substr($2, 12, length($2) - 12); sep = ", " }'), $(printf '%s\n' "${rows[@]}" | awk -F'\t' '$2 ~ /^reference/ { n++ } END { print n }') measurements in all, mean $reference_mean req/s"
    echo "- ratio: the workload's req/s over the mean of the reference measured right before and right after it ($reference_duration each)"
    echo
    echo "| size | workload | req/s | p50 (ms) | p99 (ms) | CPU µs/req | peak RSS MB | non-2xx | reference req/s | ratio |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|"
    printf '%s\n' "${rows[@]}" | awk -F'\t' '
        { line[NR] = $0; size[NR] = $1; name[NR] = $2; rps[NR] = $3; ref[NR] = ($2 ~ /^reference/) }
        END {
            for (i = 1; i <= NR; i++) {
                if (ref[i] && name[i] !~ /^reference \((start|end)\)$/) continue   # the ones in between only serve the ratios
                before = 0; after = 0
                for (j = i - 1; j >= 1 && !before; j--) if (ref[j]) before = rps[j]
                for (j = i + 1; j <= NR && !after; j++) if (ref[j]) after = rps[j]
                if (ref[i]) { before = rps[i]; after = rps[i] }
                if (!before) before = after
                if (!after) after = before
                around = (before + after) / 2
                split(line[i], f, "\t")
                printf "| %s | %s | %s | %.2f | %.2f | %s | %s | %s | %.0f | %.3f |\n", f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], around, (around > 0 ? f[3] / around : 0)
            }
        }'
    if ((${#noisy[@]})); then
        echo
        echo "**Noisy runs** (something else was using the CPU; consider running again):"
        echo
        printf -- '- %s\n' "${noisy[@]}"
    fi
    if ((${#failures[@]})); then
        echo
        echo "**Failed runs** (a run with errors is not a result):"
        echo
        printf -- '- %s\n' "${failures[@]}"
    fi
} >"$report"

echo
cat "$report"
echo
log "Written to ${report#"$repo"/}"
((${#failures[@]} == 0)) || exit 1
