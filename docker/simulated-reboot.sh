#!/bin/sh
# rebootcmd of the sample nodes: as a host reboot, the daemon is stopped (SIGTERM, as at
# shutdown) and the next boot gets a new boot id; node.sh's loop "boots" it again.
state=/var/lib/distreboot
touch "$state/rebooting"
cat /proc/sys/kernel/random/uuid > "$state/boot_id"
(sleep 0.5; kill -TERM "$(cat /run/distreboot/distreboot.pid)") > /dev/null 2>&1 &
