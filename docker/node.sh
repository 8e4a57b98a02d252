#!/bin/sh
# A simulated host for docker-compose.yml. Its "init" runs the distreboot daemon; a "reboot"
# (simulated-reboot) stops the daemon and gives the next "boot" a new boot id, after
# REBOOT_SECONDS. With ROLE=operator it starts the rolling reboot instead, once it may.
set -eu
state=/var/lib/distreboot
mkdir -p "$state" /shared
[ -f "$state/boot_id" ] || cat /proc/sys/kernel/random/uuid > "$state/boot_id"
[ -f /shared/master ] || echo "${MASTER:-node-b}" > /shared/master
cat > /etc/distreboot.properties <<PROPERTIES
cluster=${CLUSTER:-compose}
node=${NODE}
temporal.target=${TEMPORAL_TARGET:-temporal:7233}
temporal.ui=${TEMPORAL_UI:-http://localhost:8080}
db.url=jdbc:postgresql://postgresql:5432/distreboot
db.user=distreboot
db.password=distreboot
bootidfile=$state/boot_id
rebootcmd=/usr/local/bin/simulated-reboot
draincmd=if grep -qx ${NODE} /shared/master; then echo ${SUCCESSOR:-node-a} > /shared/master; fi
mastercmd=grep -qx ${NODE} /shared/master
healthcmd=true
heartbeat.interval=2s
heartbeat.ttl=10s
PROPERTIES
chmod 600 /etc/distreboot.properties

if [ "${ROLE:-node}" = "operator" ]; then
  echo "waiting until a distributed reboot may start..."
  until distreboot --dry-run; do sleep 5; done
  distreboot --reboot
  while distreboot | grep -qE 'distributed reboot: (RUNNING|STALLED)'; do distreboot | tail -8; sleep 5; done
  distreboot
  exit 0
fi

while true; do
  distreboot --start || echo "daemon exited with $?"
  if [ -f "$state/rebooting" ]; then
    rm -f "$state/rebooting"
    echo "--- simulated reboot: down for ${REBOOT_SECONDS:-5}s, next boot $(cat "$state/boot_id")"
    sleep "${REBOOT_SECONDS:-5}"
  else
    sleep 2
  fi
done
