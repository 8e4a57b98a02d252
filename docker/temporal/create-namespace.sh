#!/bin/sh
# Registers the namespace distreboot runs in and its search attributes (DistrebootCluster,
# DistrebootPhase, DistrebootNode, Keyword) once the server answers, then waits until a query by
# them is accepted. Safe to run again. Run by docker-compose.yml (temporalio/admin-tools) and by the
# system suite (devkit), with the temporal CLI's own settings: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE
# (default), and for mTLS TEMPORAL_TLS_CA, TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY, TEMPORAL_TLS_SERVER_NAME.
set -eu
namespace=${TEMPORAL_NAMESPACE:-default}
tries=0
until temporal operator cluster health >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ $tries -lt 120 ] || { echo "the Temporal server at ${TEMPORAL_ADDRESS:-} did not answer in 60 s"; exit 1; }
  sleep 0.5
done
temporal operator namespace describe -n "$namespace" >/dev/null 2>&1 \
  || temporal operator namespace create -n "$namespace" --retention 30d
# A namespace just made takes a few seconds to be known everywhere: try until a query by the
# attributes is accepted.
tries=0
until temporal workflow count -n "$namespace" \
    --query 'DistrebootCluster="-" and DistrebootPhase="-" and DistrebootNode="-"' >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ $tries -lt 120 ] || { echo "could not add distreboot's search attributes to namespace $namespace in 2 min"; exit 1; }
  for attribute in DistrebootCluster DistrebootPhase DistrebootNode; do
    temporal operator search-attribute create -n "$namespace" --name "$attribute" --type Keyword >/dev/null 2>&1 || true
  done
  sleep 1
done
echo "namespace $namespace and distreboot's search attributes are ready"
