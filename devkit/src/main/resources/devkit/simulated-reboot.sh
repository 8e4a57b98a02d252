#!/bin/sh
# A host reboot as a node lives it, for tests, benchmarks and the demo:
# the daemon goes down (SIGTERM, as at shutdown), then the cluster's own service if the node
# has a service-stop script; the next boot gets a new boot id, and after a delay init starts
# the service (service-start) and the daemon again.
# usage: simulated-reboot.sh NODE_DIR LAUNCHER DELAY_SECONDS
dir=$1
launcher=$2
delay=$3
echo $$ > "$dir/rebooter.pid"
echo "$(date +%s%3N)" >> "$dir/reboots.log"
pid=$(cat "$dir/run/distreboot.pid" 2>/dev/null)
if [ -n "$pid" ]; then
  kill -TERM "$pid" 2>/dev/null
  i=0
  while kill -0 "$pid" 2>/dev/null && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
  kill -9 "$pid" 2>/dev/null
fi
[ -x "$dir/service-stop" ] && "$dir/service-stop"
cat /proc/sys/kernel/random/uuid > "$dir/boot_id"
[ -f "$dir/never-returns" ] && exit 0
sleep "$delay"
[ -f "$dir/halt" ] && exit 0
[ -x "$dir/service-start" ] && "$dir/service-start"
echo "$(date +%s%3N)" >> "$dir/starts.log"
rm -f "$dir/rebooter.pid"
exec "$launcher" --start --node="$dir" >> "$dir/daemon.log" 2>&1
