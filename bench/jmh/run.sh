#!/usr/bin/env bash
# JMH microbenchmarks: template render of a cached SMS, and one policy decision. Builds with the `bench` Maven
# profile (JMH + bench/jmh/src as test sources), then runs JMH in its own forked JVM (-Xmx512m).
#   bench/jmh/run.sh [JMH options, e.g. a benchmark regex or -f 1 -wi 3 -i 5]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q -Pbench test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh-classpath.txt
"$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/jmh-classpath.txt)" org.openjdk.jmh.Main "$@"
