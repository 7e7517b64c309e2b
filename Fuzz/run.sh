#!/usr/bin/env bash
# Builds `authbridge-fuzz` with libFuzzer (address sanitizer, coverage) and runs every target, or the
# ones named, for SECONDS each from its committed seed corpus.
#
#   Fuzz/run.sh [SECONDS] [TARGET...]          default 20 s each, every target
#
# Each target's corpus grows in a temporary copy (the committed seeds are not rewritten). A crash, a leak
# or a timeout stops the run: its input is copied to Fuzz/Regressions/<target>/ (commit it with the fix;
# FuzzTargetsTests reads it on every test run) and the script exits 1. A line per target reports
# executions, coverage and features.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-20}"
shift || true

TOOLCHAIN="$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")"
NO_MAIN="$(ls "$TOOLCHAIN"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a 2>/dev/null | head -1)"
[ -n "$NO_MAIN" ] || { echo "libclang_rt.fuzzer_no_main not found under $TOOLCHAIN/lib/clang" >&2; exit 1; }

echo "== building authbridge-fuzz with libFuzzer and the address sanitizer (.build-fuzz)"
swift build --product authbridge-fuzz --scratch-path .build-fuzz \
  -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,trace-cmp,pc-table -Xswiftc -DFUZZING \
  -Xlinker "$NO_MAIN" -Xlinker -lstdc++ >/tmp/authbridge-fuzz-build.log 2>&1 \
  || { grep -v "Cannot export" /tmp/authbridge-fuzz-build.log | tail -20; exit 1; }
BIN="$(swift build --product authbridge-fuzz --scratch-path .build-fuzz --show-bin-path)/authbridge-fuzz"

TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then TARGETS=($(ls Fuzz/Corpus)); fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
status=0
printf '%-18s %10s %8s %8s %10s  %s\n' target executions cov ft exec/s result
for target in "${TARGETS[@]}"; do
  mkdir -p "$WORK/$target/corpus" "$WORK/$target/artifacts"
  cp Fuzz/Corpus/"$target"/* "$WORK/$target/corpus/"
  # Leaks are checked (detect_leaks); a symbolizer that is not installed would hang a report.
  set +e
  LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp" ASAN_OPTIONS="detect_leaks=1:symbolize=0:abort_on_error=1" \
    AUTHBRIDGE_FUZZ_TARGET="$target" "$BIN" \
    -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
    -artifact_prefix="$WORK/$target/artifacts/" "$WORK/$target/corpus" >"$WORK/$target/log" 2>&1
  result=$?
  set -e
  executions="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$WORK/$target/log" | grep -o '[0-9]*$' || echo '?')"
  speed="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$WORK/$target/log" | grep -o '[0-9]*$' || echo '?')"
  last="$(grep -E '^#[0-9]+' "$WORK/$target/log" | tail -1 || true)"
  cov="$(echo "$last" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*' || echo '?')"
  ft="$(echo "$last" | grep -o 'ft: [0-9]*' | grep -o '[0-9]*' || echo '?')"
  if [ "$result" -eq 0 ]; then
    verdict="no crash, leak or timeout"
  else
    status=1
    mkdir -p "Fuzz/Regressions/$target"
    cp "$WORK/$target/artifacts/"* "Fuzz/Regressions/$target/" 2>/dev/null || true
    verdict="FAILED (exit $result): input in Fuzz/Regressions/$target/"
    grep -E "ERROR|SUMMARY|Fatal error|panic" "$WORK/$target/log" | head -5
  fi
  printf '%-18s %10s %8s %8s %10s  %s\n' "$target" "$executions" "$cov" "$ft" "$speed" "$verdict"
done
exit $status
