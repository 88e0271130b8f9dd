#!/usr/bin/env python3
"""Crash test of the packaged demo jar: opens cases, kills the JVM with SIGKILL right after the last
acknowledgement (its process steps still running), restarts it on the same ./data and checks that
every acknowledged case survived and reaches the state it would have reached without the crash (its
evidence wait; for dave, whose account is closed, refused as it opened), that no step's mail went out
twice, and that the audit chain verifies.

    mvn -B package -DskipTests -Dquarkus.profile=demo
    bench/crash/crash_test.py [rounds]          # each round: open cases, kill -9, restart, check

The demo rate limit allows 5 requests per address and hour, so rounds <= 5. The first round opens one
case per demo account (alice, bob, carol, dave); later rounds confirm again, which gives the open case
back with a new token, while its steps run.
"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "target", "recovery-desk-demo.jar")  # the demo build's one jar
PORT = int(os.environ.get("CRASH_PORT", "18080"))
BASE = f"http://127.0.0.1:{PORT}"
ACCOUNTS = ["alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com"]
# dave's account is closed: the process refuses his case as it opens, so it never asks for evidence, and
# each of his confirmations opens a new case (a refused one is closed)
CLOSED_ACCOUNTS = {"dave@example.com"}


def call(method, path, body=None, token=None, params=None):
    url = BASE + path + ("?" + urllib.parse.urlencode(params) if params else "")
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if text and text[0] in "[{" else text)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def start(workdir):
    log = open(os.path.join(workdir, "app.log"), "a")
    extra = os.environ.get("CRASH_JAVA_OPTS", "").split()  # e.g. another -Dquarkus.datasource.jdbc.url to compare
    process = subprocess.Popen(["java", f"-Dquarkus.http.port={PORT}", "-Drecovery.engine.port=0", *extra, "-jar", JAR],
                               cwd=workdir, stdout=log, stderr=subprocess.STDOUT)
    started = time.time()
    while time.time() - started < 60:
        try:
            if call("GET", "/q/health/ready")[0] == 200:
                return process, time.time() - started
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.1)
    process.kill()
    sys.exit("the demo did not become ready within 60 s; see " + log.name)


def mails(to):
    status, body = call("GET", "/api/v1/demo/mailbox", params={"to": to})
    return body if status == 200 else []


def wait_for(what, probe, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = probe()
        if found:
            return found
        time.sleep(0.2)
    sys.exit("timed out waiting for " + what)


def open_case(email):
    earlier = len([m for m in mails(email) if m["subject"].startswith("Your Recovery Desk code")])
    status, _ = call("POST", "/api/v1/recovery-requests", {"accountEmail": email, "description": "crash test: lost phone"})
    assert status == 202, status

    def code():
        codes = [m for m in mails(email) if m["subject"].startswith("Your Recovery Desk code")]
        return re.search(r"\b(\d{6})\b", codes[0]["subject"]).group(1) if len(codes) > earlier else None

    status, body = call("POST", "/api/v1/recovery-requests/confirmations", {"accountEmail": email, "code": wait_for("a code", code)})
    assert status == 201, (status, body)
    return body["ticketRef"], body["caseToken"]


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    if not os.path.exists(JAR):
        sys.exit("build the demo jar first: mvn -B package -DskipTests -Dquarkus.profile=demo")
    workdir = tempfile.mkdtemp(prefix="crash-test-")
    process, first_start = start(workdir)
    print(f"first start ready after {first_start:.1f} s (workdir {workdir})")
    # ticketRef -> (email, caseToken): an account with an open case gets that case back and a new token
    # (the older one is revoked), so a later round re-confirms the same cases at a later step
    acknowledged = {}
    for round_no in range(rounds):
        for email in ACCOUNTS:
            ticket, token = open_case(email)
            acknowledged[ticket] = (email, token)
        # the last confirmations' process steps (start, risk, evidence request) are still running now
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        process, restart = start(workdir)
        print(f"round {round_no + 1}: killed after {len(acknowledged)} acknowledged cases; ready again after {restart:.1f} s")

    try:  # the JVM stops however the checks end, a timed-out wait included
        failures = []
        for ticket, (email, token) in acknowledged.items():
            status, case = call("GET", "/api/v1/my-case", token=token)
            if status != 200:
                failures.append(f"{ticket}: case gone after the crash ({status})")
                continue
            def evidence_mails():
                found = [m for m in mails(email) if ticket in m["text"] and "please upload" in m["text"].lower()]
                return found or None
            if email in CLOSED_ACCOUNTS:
                expected = "REJECTED"
                def refused():
                    status, case = call("GET", "/api/v1/my-case", token=token)
                    return status == 200 and case.get("status") == expected
                wait_for(f"the refusal of {ticket}", refused)
                if evidence_mails():
                    failures.append(f"{ticket}: a closed account's case asked for evidence")
            else:
                expected = "AWAITING_EVIDENCE"
                # a mail the kill caught in delivery waits out its claim (MailOutbox.CLAIM_LEASE, 2 minutes)
                found = wait_for(f"the evidence request of {ticket}", evidence_mails, timeout=180)
                time.sleep(1)  # a duplicate would come from the same step's retry, which is already done here
                found = evidence_mails()
                if len(found) != 1:
                    failures.append(f"{ticket}: {len(found)} evidence-request mails")
            status, case = call("GET", "/api/v1/my-case", token=token)
            if case.get("status") != expected:
                failures.append(f"{ticket}: status {case.get('status')}, expected {expected}")

        status, signed_in = call("POST", "/api/v1/auth/token", {"username": "compliance1", "password": "recovery-demo"})
        status, verification = call("GET", "/api/v1/audit/verification", token=signed_in["accessToken"])
        if not (status == 200 and verification.get("valid")):
            failures.append(f"audit chain: {verification}")
    finally:
        process.terminate()
        process.wait()
    print(f"{len(acknowledged)} acknowledged cases over {rounds} kill -9 restarts; audit chain {verification}")
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("OK: every acknowledged case survived, each evidence request was mailed once, the audit chain verifies")


if __name__ == "__main__":
    main()
