#!/bin/sh
# A host reboot as a node lives it, for tests, benchmarks and the demo. Like a real shutdown,
# every daemon of the node goes down first (SIGTERM, then SIGKILL after 15 s, and waited for
# until gone), then the cluster's own service if the node has a service-stop script; only then,
# with nothing of the node running, does the boot id change (the next boot) and the reboot-required
# sentinel go (/run is empty at boot). After a delay init starts the service (service-start) and the
# daemon again.
# usage: simulated-reboot.sh NODE_DIR LAUNCHER DELAY_SECONDS
# The host's own clock, even on a node whose daemon runs with its clock off (the launcher sets it again).
unset LD_PRELOAD FAKETIME FAKETIME_DONT_FAKE_MONOTONIC FAKETIME_FORCE_MONOTONIC_FIX
dir=$1
launcher=$2
delay=$3
echo $$ > "$dir/rebooter.pid"
echo "$(date +%s%3N)" >> "$dir/reboots.log"

# The node's daemons: every live process started as "--start --node=NODE_DIR" (a pid file can be
# stale, or not written yet by a daemon still starting). Two greps over every command line (each
# argument a NUL-ended line), not a command per process: a host stops in no time.
daemons() {
  files=$(grep -lzxF -e "--node=$dir" /proc/[0-9]*/cmdline 2>/dev/null)
  [ -n "$files" ] && grep -lzxF -e "--start" $files 2>/dev/null | cut -d/ -f3
}

stop() {
  pids=$(daemons)
  [ -n "$pids" ] || return 0
  kill -TERM $pids 2>/dev/null
  i=0
  # A host's init hears of a service's exit at once: looked for every 20 ms, not to add to its stop.
  while [ -n "$(daemons)" ] && [ $i -lt 750 ]; do sleep 0.02; i=$((i + 1)); done
  pids=$(daemons)
  [ -n "$pids" ] && kill -KILL $pids 2>/dev/null
  while [ -n "$(daemons)" ]; do sleep 0.02; done
}

stop
[ -x "$dir/service-stop" ] && "$dir/service-stop"
echo "$(date +%s%3N)" >> "$dir/down.log"
cat /proc/sys/kernel/random/uuid > "$dir/boot_id"
# A boot starts with an empty /run: the reboot-required sentinel is gone.
rm -f "$dir/reboot-required"
[ -f "$dir/never-returns" ] && exit 0
sleep "$delay"
[ -f "$dir/halt" ] && exit 0
[ -x "$dir/service-start" ] && "$dir/service-start"
echo "$(date +%s%3N)" >> "$dir/starts.log"
rm -f "$dir/rebooter.pid"
exec "$launcher" --start --node="$dir" >> "$dir/daemon.log" 2>&1
