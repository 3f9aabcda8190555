#!/usr/bin/env bash
# Runs the jcondis JMH benchmarks (docs/performance.md) with bounded settings and prints each result beside
# its plain-Java baseline and the ratio. Not part of CI. Usage:
#   scripts/bench.sh                  # all benchmarks, 1 fork, 5 x 2 s warm-up, 5 x 1 s measurement
#   scripts/bench.sh Packet           # only benchmarks matching a JMH regex
#   FORKS=2 ITERATIONS=10 scripts/bench.sh   (also WARMUP_ITERATIONS, WARMUP_TIME, ITERATION_TIME)
#   scripts/bench.sh net [NetBench options]  # the network benchmarks (issue 4): processes on loopback, e.g.
#   scripts/bench.sh net --scenarios calls,packets --runs 3 --driver uni
# Output: the JMH log and CSV in jcondis-benchmarks/target/jmh/, the summary on stdout; for `net`, the log in
# jcondis-benchmarks/target/net/net.log and the figures on stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
forks="${FORKS:-1}"
# The call path needs up to ~10 s of JIT warm-up on a 2-core machine (docs/performance.md), hence 5 x 2 s.
warmups="${WARMUP_ITERATIONS:-5}"
warmup_time="${WARMUP_TIME:-2s}"
iterations="${ITERATIONS:-5}"
time_per="${ITERATION_TIME:-1s}"
out="jcondis-benchmarks/target/jmh"

echo "bench: building jcondis-benchmarks/target/benchmarks.jar (-Pbench)..." >&2
mvn -B -q -ntp -Pbench -pl jcondis-benchmarks -am package -DskipTests >&2

if [ "${1:-}" = "net" ]; then
  shift
  mkdir -p jcondis-benchmarks/target/net
  echo "bench: NetBench $*; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  # NetBench bounds every wait and stops its child JVMs itself; the timeout is a last resort.
  timeout "${NET_TIMEOUT:-3600}" java -cp jcondis-benchmarks/target/benchmarks.jar io.jcondis.bench.net.NetBench "$@" \
    2>&1 | tee jcondis-benchmarks/target/net/net.log
  exit "${PIPESTATUS[0]}"
fi
mkdir -p "$out"
echo "bench: forks=$forks warm-up=${warmups}x$warmup_time measurement=${iterations}x$time_per;" \
    "log in $out/jmh.log" >&2
java -jar jcondis-benchmarks/target/benchmarks.jar -f "$forks" -wi "$warmups" -w "$warmup_time" \
    -i "$iterations" -r "$time_per" -rf csv -rff "$out/results.csv" "$@" > "$out/jmh.log" 2>&1 || {
  tail -40 "$out/jmh.log" >&2
  echo "bench: JMH failed (see $out/jmh.log)" >&2
  exit 1
}
sed -n '/^Benchmark /,$p' "$out/jmh.log"
handoffs="$(grep -m1 -o 'hand-offs per call cycle: [0-9]*' "$out/jmh.log" | grep -o '[0-9]*$' || true)"

echo
echo "== jcondis benchmarks: $(nproc) cores, $(java -version 2>&1 | head -1) =="
# results.csv: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"[,"Param: payloadBytes"]
awk -F',' -v handoffs="$handoffs" '
  NR == 1 { next }
  {
    sub(/\r$/, ""); for (i = 1; i <= NF; i++) gsub(/"/, "", $i)
    n = split($1, parts, "."); name = parts[n - 1] "." parts[n]
    key = name (NF >= 8 && $8 != "" ? "@" $8 : "")
    score[key] = $5; err[key] = $6
  }
  function line(label, real, base,    r, b) {
    if (!(real in score) || !(base in score)) return
    r = score[real]; b = score[base]
    printf "%-34s %14.0f ops/s (+-%s, %.0f ns/op)  baseline %14.0f ops/s (%.1f ns/op)  ratio %.1fx\n",
        label, r, (err[real] == "NaN" ? "n/a" : sprintf("%.0f", err[real])), 1e9 / r, b, 1e9 / b, b / r
  }
  END {
    line("packets/s, 64-byte payload", "PacketBenchmark.switchSend@64", "PacketBenchmark.plainHandOff@64")
    line("packets/s, 1500-byte payload", "PacketBenchmark.switchSend@1500", "PacketBenchmark.plainHandOff@1500")
    line("call set-up+teardown/s", "CallBenchmark.switchCallCycle", "CallBenchmark.plainHandOffs")
    if (handoffs != "") printf "(call baseline: %s plain hand-offs per cycle, the boundary crossings of one call cycle)\n", handoffs
    print "(ratio = baseline ops/s / switch ops/s: how many times a plain hand-off is faster)"
  }
' "$out/results.csv"
