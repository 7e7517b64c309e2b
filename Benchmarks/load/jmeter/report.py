#!/usr/bin/env python3
"""Prints a markdown table per step from JMeter CSV results (.jtl with field names).

    report.py RESULTS.jtl [--flow-label "3 data action"]

For each label, in plan order: samples, errors (a failed assertion or a non-matching status counts, as
JMeter marks it), throughput (samples per second over the run's window: first sample's start to the last
sample's end, the same window for every label, so the rows add up), and p50/p90/p99/max of JMeter's
elapsed time (request sent to last byte received, whole milliseconds; nearest-rank percentiles). With
--flow-label, also the complete flows per second (successful samples of that label). Then the failures by
label, status and JMeter's first message line, so a run of 401s is seen for what it is.
"""
import argparse
import collections
import csv
import math
import re
import sys


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results")
    parser.add_argument("--flow-label")
    arguments = parser.parse_args()

    csv.field_size_limit(1 << 24)
    elapsed = collections.OrderedDict()
    errors = collections.Counter()
    failures = collections.Counter()
    first, last = math.inf, -math.inf
    with open(arguments.results, newline="", encoding="utf-8", errors="replace") as file:
        for row in csv.DictReader(file):
            label = row["label"]
            start, took = int(row["timeStamp"]), int(row["elapsed"])
            first, last = min(first, start), max(last, start + took)
            elapsed.setdefault(label, []).append(took)
            if row["success"] != "true":
                errors[label] += 1
                message = (row.get("failureMessage") or row.get("responseMessage") or "").strip().splitlines()
                failures[(label, row["responseCode"], message[0][:100] if message else "")] += 1
    if not elapsed:
        print("no samples in " + arguments.results, file=sys.stderr)
        return 1
    window = max((last - first) / 1000.0, 1e-3)

    def order(label):
        # The plan's numbered steps first, in order; anything else after them.
        number = re.match(r"\d+", label)
        return (0, int(number.group()), label) if number else (1, 0, label)

    print(f"window {window:.1f} s")
    print(f"| {'step':<40} | {'samples':>8} | {'errors':>6} | {'req/s':>8} | {'p50 ms':>6} | {'p90 ms':>6} | {'p99 ms':>6} | {'max ms':>6} |")
    print(f"|{'-' * 42}|{'-' * 9}:|{'-' * 7}:|{'-' * 9}:|{'-' * 7}:|{'-' * 7}:|{'-' * 7}:|{'-' * 7}:|")
    for label in sorted(elapsed, key=order):
        values = sorted(elapsed[label])
        print(
            f"| {label:<40} | {len(values):>8} | {errors[label]:>6} | {len(values) / window:>8.1f} | "
            f"{percentile(values, 0.50):>6} | {percentile(values, 0.90):>6} | {percentile(values, 0.99):>6} | {values[-1]:>6} |"
        )
    if arguments.flow_label and arguments.flow_label in elapsed:
        done = len(elapsed[arguments.flow_label]) - errors[arguments.flow_label]
        print(f"complete flows: {done} ({done / window:.1f}/s)")
    if failures:
        print("failures (label, status, first line of JMeter's message):")
        for (label, code, message), count in failures.most_common(10):
            print(f"  {count:>7}  {label}  {code}  {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
