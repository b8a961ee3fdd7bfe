#!/usr/bin/env bash
# Starts the local cluster of the README ("Running several instances"): redis-server, the Tencent IM
# emulator, three customer-service bots sharing the Redis store, and HAProxy in front of them as the
# one callback URL. Needs redis-server and haproxy (Debian: apt-get install redis-server haproxy).
# Options: --instances 3 --port 8080 --im-port 9000 --stats-port 8404 --data cluster-data
set -euo pipefail
cd "$(dirname "$0")"
for tool in redis-server haproxy; do
  command -v "$tool" >/dev/null || { echo "cluster.sh needs $tool (apt-get install $tool)" >&2; exit 1; }
done
mvn -B -q -Dstyle.color=never -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -pl reliability -am
exec java -cp "$(cat reliability/target/classpath.txt):reliability/target/classes" \
    dev.timbot.reliability.LocalCluster "$@"
