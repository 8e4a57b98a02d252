#!/bin/sh
# A simulated host for docker-compose.yml, its "boot": writes the node's properties and execs the
# distreboot daemon (docker-init is PID 1, the daemon its only child). A "reboot"
# (simulated-reboot) ends the daemon and with it the container, which the restart policy starts
# again: that start is the next boot, with a new boot id after REBOOT_SECONDS. With ROLE=operator
# it starts the rolling reboot instead, once it may, and follows it to the end.
set -eu
state=/var/lib/distreboot
mkdir -p "$state" /shared
if [ ! -f "$state/boot_id" ] || [ -f "$state/rebooting" ]; then
  [ -f "$state/rebooting" ] && { echo "simulated reboot: down for ${REBOOT_SECONDS:-5}s"; sleep "${REBOOT_SECONDS:-5}"; }
  cat /proc/sys/kernel/random/uuid > "$state/boot_id"
  rm -f "$state/rebooting"
fi
[ -f /shared/master ] || echo "${MASTER:-node-b}" > /shared/master
umask 077
cat > /etc/distreboot.properties <<PROPERTIES
cluster=${CLUSTER:-compose}
node=${NODE}
temporal.target=${TEMPORAL_TARGET:-temporal:7233}
temporal.ui=${TEMPORAL_UI:-http://127.0.0.1:8080}
db.url=jdbc:postgresql://postgresql:5432/distreboot
db.user=distreboot
db.passwordfile=/etc/distreboot.password
bootidfile=$state/boot_id
rebootcmd=/usr/local/bin/simulated-reboot
draincmd=if grep -qx ${NODE} /shared/master; then echo ${SUCCESSOR:-node-a} > /shared/master; fi
mastercmd=grep -qx ${NODE} /shared/master
healthcmd=true
heartbeat.interval=2s
heartbeat.ttl=10s
PROPERTIES
printf '%s\n' distreboot > /etc/distreboot.password

if [ "${ROLE:-node}" = operator ]; then
  echo "waiting until a distributed reboot may start..."
  until distreboot --dry-run; do sleep 5; done
  distreboot --reboot
  while distreboot | grep -qE 'distributed reboot: (RUNNING|STALLED)'; do distreboot | tail -8; sleep 5; done
  exec distreboot
fi
echo "boot $(cat "$state/boot_id"): starting the distreboot daemon"
exec distreboot --start
