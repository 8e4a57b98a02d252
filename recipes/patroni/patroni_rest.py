"""What the Patroni recipes share: this member's REST API and the cluster it describes.

Each recipe takes this member's REST API address as its argument (default http://127.0.0.1:8008).
When the API asks for a password (restapi.authentication), "username:password" is read from the
file PATRONI_AUTH_FILE (default /etc/distreboot/patroni-auth), never from a command line.
"""
import base64
import json
import os
import sys
import urllib.error
import urllib.request

API = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8008").rstrip("/")
MAX_LAG = int(os.environ.get("PATRONI_MAX_LAG", 1024 * 1024))
AUTH_FILE = os.environ.get("PATRONI_AUTH_FILE", "/etc/distreboot/patroni-auth")


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def call(path, body=None, timeout=5, api=API):
    """The status and the JSON (or text) the API answers; (0, reason) when it does not answer."""
    request = urllib.request.Request(api + path, method="GET" if body is None else "POST",
                                     data=None if body is None else json.dumps(body).encode())
    if os.access(AUTH_FILE, os.R_OK):
        with open(AUTH_FILE) as credentials:
            token = base64.b64encode(credentials.read().strip().encode()).decode()
        request.add_header("Authorization", "Basic " + token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, decode(response.read())
    except urllib.error.HTTPError as error:
        return error.code, decode(error.read())
    except OSError as error:
        return 0, str(getattr(error, "reason", error))


def decode(raw):
    text = raw.decode(errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return text.strip()


def members():
    """The cluster's members as this member's Patroni sees them, or fails saying why."""
    status, cluster = call("/cluster")
    if status != 200:
        fail(f"Patroni at {API} does not answer: {cluster}")
    return cluster.get("members", [])


def me(all_members):
    """This member, the one whose REST API is API."""
    for member in all_members:
        if member.get("api_url", "").startswith(API + "/"):
            return member
    fail(f"Patroni at {API} is not among its cluster's members")


def leader(all_members):
    """The running leader, or None."""
    return next((m for m in all_members if m.get("role") in ("leader", "master") and m.get("state") == "running"),
                None)


def is_primary():
    return call("/primary")[0] == 200


def in_step(member):
    """A running replica no more than MAX_LAG bytes behind the leader."""
    lag = member.get("lag")
    return member.get("state") in ("running", "streaming") and isinstance(lag, int) and lag <= MAX_LAG
