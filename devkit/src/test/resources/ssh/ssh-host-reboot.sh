#!/bin/sh
# A host served over ssh reboots, for the system tests: run by its rebootcmd, detached from the
# session, on the host (its network namespace, its directory mounted where the control host's
# properties say). Like a real shutdown it begins once rebootcmd has returned; sshd and every
# session go first (SIGTERM: connections closed, as a shutdown closes them), then the boot id
# changes and the reboot-required sentinel goes; after a delay sshd is back (unless the host never
# returns). A second request during the shutdown is the same reboot.
# usage: ssh-host-reboot.sh HOST_DIR DELAY_SECONDS
dir=$1
delay=$2
[ -f "$dir/rebooting" ] && exit 0
: > "$dir/rebooting"
echo "$(date +%s%3N)" >> "$dir/reboots.log"
sleep 0.3

# sshd on this host: every sshd process in this network namespace (the listener and its sessions).
me=$(readlink /proc/$$/ns/net)
sshds() {
  for p in /proc/[0-9]*; do
    [ "$(cat "$p/comm" 2>/dev/null)" = sshd ] && [ "$(readlink "$p/ns/net" 2>/dev/null)" = "$me" ] && echo "${p#/proc/}"
  done
}
pids=$(sshds)
[ -n "$pids" ] && kill -TERM $pids 2>/dev/null
i=0
while [ -n "$(sshds)" ] && [ $i -lt 250 ]; do sleep 0.02; i=$((i + 1)); done
pids=$(sshds)
[ -n "$pids" ] && kill -KILL $pids 2>/dev/null

echo "$(date +%s%3N)" >> "$dir/down.log"
cat /proc/sys/kernel/random/uuid > "$dir/boot_id"
rm -f "$dir/reboot-required"
if [ -f "$dir/never-returns" ]; then rm -f "$dir/rebooting"; exit 0; fi
sleep "$delay"
[ -x "$dir/service-start" ] && "$dir/service-start"
echo "$(date +%s%3N)" >> "$dir/starts.log"
rm -f "$dir/rebooting"
exec /usr/sbin/sshd -D -e -f "$dir/sshd_config" >> "$dir/sshd.log" 2>&1
