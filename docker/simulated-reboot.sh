#!/bin/sh
# rebootcmd of the sample nodes: as a host going down, the daemon is stopped (SIGTERM, as at
# shutdown) once this command has returned; the container ends with it and node.sh, started again
# by the restart policy, is the next boot (a new boot id, written only then).
touch /var/lib/distreboot/rebooting
(sleep 0.5; kill -TERM "$(cat /run/distreboot/distreboot.pid)") > /dev/null 2>&1 &
