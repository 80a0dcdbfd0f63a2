#!/usr/bin/env bash
# JMH: the planner alone (pure, in-process) for N = 1,000 and 10,000 peers, cold and steady-state plans.
#   usage: testing/bench/planner.sh [JMH options, e.g. -p peers=1000 -wi 1 -i 3]
# Builds the agent's test classes (where the benchmark lives) if needed; prints JMH's summary table.
set -euo pipefail
top=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
cd "$top"
[ -d agent/target/lib ] || mvn -B -q -DskipTests package
[ -f agent/target/test-classes/META-INF/BenchmarkList ] || mvn -B -q -pl agent -am test-compile
m2=${MAVEN_REPO:-$HOME/.m2/repository}
jmh="$m2/org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar:$m2/net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar:$m2/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
exec java -cp "agent/target/test-classes:agent/target/classes:agent/target/lib/*:$jmh" org.openjdk.jmh.Main 'org.rait.bench.PlannerBenchmark' "$@"
