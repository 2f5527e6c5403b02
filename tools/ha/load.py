#!/usr/bin/env python3
"""Files complaints through the load balancer while the database fails over (issue 15).

  load.py file URL OUT STOPFILE   files until STOPFILE exists, then settles every key still
                                  without a definite answer (retrying it with its key) and writes
                                  OUT (JSON: one entry per complaint it tried)
  load.py check URL OUT ROWS      reads every acknowledged number back through the API and
                                  compares the database's rows (ROWS: "number<TAB>marker" lines)
                                  with what the client was told; prints the verdict line

Each complaint carries a marker (run id and sequence number) in its description and is sent
with an Idempotency-Key of its own. An answer is definite when it is 201 (acknowledged, with its
number) or a 4xx other than 409/429 (refused: nothing may have been written); anything else
(5xx, a reset or timed-out connection, 409 "in progress", 429) is retried with the same key.
"""
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse
import uuid

WORKERS = 8
SETTLE_SECONDS = 30      # after the stop file: how long keys without an answer are retried
REQUEST_TIMEOUT = 10


class Client:
    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port
        self.conn = None
        self.cookie = self.csrf = None

    def request(self, method, path, body=None, headers=None):
        """(status, parsed JSON or None); raises OSError/HTTPException on a broken exchange."""
        h = {"Accept": "application/json"}
        if self.cookie:
            h["Cookie"] = self.cookie
            h["X-CSRF-Token"] = self.csrf
        if body is not None:
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
        try:
            self.conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
            r = self.conn.getresponse()
            raw = r.read()
            cookies = r.headers.get_all("Set-Cookie") or []
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise
        if r.headers.get("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        for c in cookies:
            if c.startswith("__Host-sp_session="):
                self.cookie = c.split(";", 1)[0]
        try:
            return r.status, json.loads(raw) if raw else None
        except ValueError:
            return r.status, None

    def login(self, deadline):
        while True:
            try:
                status, body = self.request("POST", "/api/v1/auth/login", {
                    "region": "36.04", "login": "warga@serang.satupintu.test", "password": "SatuPintu-Demo-2026"})
                if status == 200:
                    self.csrf = body["csrf_token"]
                    return
            except (OSError, http.client.HTTPException):
                pass
            if time.time() > deadline:
                raise SystemExit("cannot log in through the load balancer")
            time.sleep(0.5)


class Ledger:
    """What the client was told, per complaint."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries = {}  # marker -> {"key", "state": acknowledged|refused|pending, "number", "status"}

    def set(self, marker, **kw):
        with self.lock:
            self.entries.setdefault(marker, {}).update(kw)


def attempt(client, marker, key):
    """One try; a definite ("acknowledged"/"refused", number, status) or None to retry."""
    body = {"service_code": "DRAINASE", "description": f"Saluran air tersumbat, laporan uji {marker}",
            "lat": -6.0401, "long": 106.112759}
    try:
        status, answer = client.request("POST", "/api/v1/complaints", body, {"Idempotency-Key": key})
    except (OSError, http.client.HTTPException):
        return None
    if status == 201:
        return "acknowledged", answer.get("number"), status
    if 400 <= status < 500 and status not in (401, 409, 429):
        return "refused", None, status
    if status == 401:  # a session lost with a node? log in again and retry
        try:
            client.login(time.time() + 30)
        except SystemExit:
            pass
    return None


def worker(base, run, index, ledger, stop, settle_until):
    client = Client(base)
    client.login(time.time() + 60)
    seq = 0
    while not os.path.exists(stop):
        seq += 1
        marker = f"HA-{run}-{index}-{seq}"
        key = str(uuid.uuid4())
        ledger.set(marker, key=key, state="pending")
        while True:
            outcome = attempt(client, marker, key)
            if outcome:
                state, number, status = outcome
                ledger.set(marker, state=state, number=number, status=status)
                break
            if time.time() > settle_until[0]:
                break  # stays pending: indeterminate
            time.sleep(0.3)


def cmd_file(base, out, stop):
    run = uuid.uuid4().hex[:8]
    ledger = Ledger()
    settle_until = [float("inf")]
    threads = [threading.Thread(target=worker, args=(base, run, i, ledger, stop, settle_until)) for i in range(WORKERS)]
    for t in threads:
        t.start()
    while not os.path.exists(stop):
        time.sleep(0.2)
    settle_until[0] = time.time() + SETTLE_SECONDS
    for t in threads:
        t.join()
    with open(out, "w") as f:
        json.dump({"run": run, "entries": ledger.entries}, f)
    states = [e["state"] for e in ledger.entries.values()]
    print(f"load: {len(states)} complaints tried: {states.count('acknowledged')} acknowledged, "
          f"{states.count('refused')} refused, {states.count('pending')} without an answer")


def cmd_check(base, out, rows_file):
    with open(out) as f:
        data = json.load(f)
    entries = data["entries"]
    client = Client(base)
    client.login(time.time() + 60)
    acknowledged = {m: e for m, e in entries.items() if e["state"] == "acknowledged"}
    lost = []
    for marker, e in acknowledged.items():
        status, body = client.request("GET", "/api/v1/cases/" + urllib.parse.quote(e["number"]))
        if status != 200 or marker not in json.dumps(body):
            lost.append((marker, e["number"], status))
    stored = {}  # marker -> [numbers]
    with open(rows_file) as f:
        for line in f:
            number, _, description = line.rstrip("\n").partition("\t")
            marker = description.rsplit(" ", 1)[-1]
            stored.setdefault(marker, []).append(number)
    unexpected = []
    for marker, numbers in stored.items():
        e = entries.get(marker)
        if e is None or e["state"] == "refused":
            unexpected.append((marker, numbers, "stored but never acknowledged nor pending"))
        elif len(numbers) > 1:
            unexpected.append((marker, numbers, "stored more than once"))
        elif e["state"] == "acknowledged" and numbers[0] != e["number"]:
            unexpected.append((marker, numbers, "stored under another number than acknowledged"))
    for marker, e in acknowledged.items():
        if marker not in stored and not any(m == marker for m, _, _ in lost):
            lost.append((marker, e["number"], "not in the database"))
    for item in lost[:10]:
        print("lost:", *item)
    for item in unexpected[:10]:
        print("unexpected:", *item)
    indeterminate = sum(1 for e in entries.values() if e["state"] == "pending")
    print(f"acknowledged={len(acknowledged)} lost={len(lost)} unexpected={len(unexpected)} "
          f"indeterminate={indeterminate}")
    return 0 if not lost and not unexpected and len(acknowledged) > 0 else 1


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "file":
        cmd_file(*sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == "check":
        sys.exit(cmd_check(*sys.argv[2:]))
    else:
        sys.exit(__doc__)
