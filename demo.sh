#!/usr/bin/env bash
# Builds what the customer-service demo needs and starts it on the embedded Tencent IM emulator.
# Extra arguments go to the demo: --port 9000 --callback-port 8080 --config FILE --data DIR
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -Dstyle.color=never -DskipTests package -pl samples/customer-service -am
exec java -jar samples/customer-service/target/timbot-customer-service.jar "$@"
