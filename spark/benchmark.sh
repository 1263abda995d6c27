#!/usr/bin/env bash
# Issue #14's benchmark: N spectra (default 1,000,000) of scenarios/benchmark-press-3t.yaml made by the
# single-machine CLI (2 threads) and by larmor-spark on local[2], one after the other, wall clock each, from the
# command line to the last file in place (JVM and Spark start-up included). Each output is deleted after its run.
# Run from the project root after building both:
#   mvn -q install -DskipTests && mvn -q -f spark/pom.xml package -DskipTests && spark/benchmark.sh 1000000 /tmp/bench
set -euo pipefail
n=${1:-1000000}
dir=${2:-$(mktemp -d)}
mkdir -p "$dir"
scenario=scenarios/benchmark-press-3t.yaml
now() { date +%s.%N; }
rate() { awk -v n="$n" -v a="$1" -v b="$2" 'BEGIN { printf "%.1f s, %.0f spectra/s", b - a, n / (b - a) }'; }
echo "benchmark: $n spectra of $scenario, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(now)
./larmor synth --scenario "$scenario" --count "$n" --threads 2 --out "$dir/cli" --quiet
t1=$(now)
echo "cli   (npy + truth csv/jsonl, $(du -sh "$dir/cli" | cut -f1)): $(rate "$t0" "$t1")"
rm -rf "$dir/cli"
t2=$(now)
spark/larmor-spark synth --scenario "$scenario" --count "$n" --master 'local[2]' --out "$dir/spark" --quiet \
  2> >(grep -v ' WARN ' >&2)
t3=$(now)
echo "spark (parquet, $(du -sh "$dir/spark" | cut -f1)): $(rate "$t2" "$t3")"
rm -rf "$dir/spark"
awk -v a="$(awk -v x="$t0" -v y="$t1" 'BEGIN{print y-x}')" -v b="$(awk -v x="$t2" -v y="$t3" 'BEGIN{print y-x}')" \
  'BEGIN { printf "spark / cli rate: %.2f\n", a / b }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
