# Sourced by the Redis Sentinel recipes: their arguments, and how they ask Redis and Sentinel.
# usage of each recipe: RECIPE [REDIS] [SENTINEL] [MASTER_NAME]
#   REDIS        this node's Redis, host:port as Sentinel knows it   (default 127.0.0.1:6379)
#   SENTINEL     this node's Sentinel, host:port                      (default 127.0.0.1:26379)
#   MASTER_NAME  the name Sentinel monitors the master by             (default mymaster)
# Redis's password, if it has one, is read from REDIS_AUTH_FILE (default /etc/distreboot/redis-auth)
# and handed to redis-cli in its environment, never on a command line that ps would show.
redis=${1:-127.0.0.1:6379}
sentinel=${2:-127.0.0.1:26379}
name=${3:-mymaster}
auth_file=${REDIS_AUTH_FILE:-/etc/distreboot/redis-auth}
if [ -r "$auth_file" ]; then
  REDISCLI_AUTH=$(cat "$auth_file")
  export REDISCLI_AUTH
fi

# ask HOST:PORT COMMAND...: one command to a Redis, answered within 2 s or failed
ask() {
  at=$1
  shift
  timeout 2 redis-cli --no-auth-warning -e -h "${at%:*}" -p "${at##*:}" "$@"
}

# ask_sentinel COMMAND...: one command to this node's Sentinel (which has no password of its own)
ask_sentinel() {
  env -u REDISCLI_AUTH timeout 2 redis-cli -e -h "${sentinel%:*}" -p "${sentinel##*:}" "$@"
}

# named_master: the master Sentinel names, as host:port
named_master() {
  ask_sentinel SENTINEL get-master-addr-by-name "$name" | paste -sd: -
}

# role HOST:PORT: master or slave, as that Redis says
role() {
  ask "$1" ROLE | head -1
}

# field NAME: the value of NAME in the INFO text on stdin
field() {
  tr -d '\r' | sed -n "s/^$1://p"
}
