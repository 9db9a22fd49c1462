#!/usr/bin/env python3
"""Memory under parallel oversized posts: the local host's RSS and the latency of real signed
acks while N clients each push a body far over Limits__MaxBodyBytes. Not part of the test run.

Usage: bench/oversized [--clients 16] [--mb 28]   (needs scripts/setup; starts Azurite and ChatOps.Local)
"""
import argparse, hashlib, hmac, http.client, json, os, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECRET = "bench-signing-secret"


def rss_kb(pid):
    """(current RSS, peak RSS) of a process, in KiB, from /proc."""
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


def start_azurite(data):
    proc = subprocess.Popen([os.path.join(ROOT, "tools/azurite/node_modules/.bin/azurite"), "--location", data,
                             "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--blobPort", "0", "--queuePort", "0",
                             "--tablePort", "0", "--skipApiVersionCheck", "--loose", "--silent"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    ports = {}
    while len(ports) < 2:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("oversized: Azurite did not start")
        m = re.search(r"Azurite (Blob|Queue) service is successfully listening at http://127\.0\.0\.1:(\d+)", line)
        if m:
            ports[m.group(1)] = int(m.group(2))
    threading.Thread(target=proc.stdout.read, daemon=True).start()
    key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="  # Azurite's public dev key
    conn = (f"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={key};"
            f"BlobEndpoint=http://127.0.0.1:{ports['Blob']}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{ports['Queue']}/devstoreaccount1;")
    return proc, conn


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def signed_ack(port):
    body = json.dumps({"type": "url_verification", "challenge": "bench"}).encode()
    ts = str(int(time.time()))
    sig = "v0=" + hmac.new(SECRET.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    started = time.perf_counter()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("POST", "/api/slack", body, {"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig})
    status = c.getresponse().status
    c.close()
    return status, (time.perf_counter() - started) * 1000


def flood(port, megabytes, chunked, results):
    """One client pushing an unsigned body of `megabytes` MB; records the status it got (or the error)."""
    chunk = b"a" * (1024 * 1024)
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        c.putrequest("POST", "/api/slack")
        c.putheader("Content-Type", "application/json")
        if chunked:
            c.putheader("Transfer-Encoding", "chunked")
        else:
            c.putheader("Content-Length", str(megabytes * len(chunk)))
        c.endheaders()
        for _ in range(megabytes):
            c.send((b"%x\r\n" % len(chunk) + chunk + b"\r\n") if chunked else chunk)
        if chunked:
            c.send(b"0\r\n\r\n")
        results.append(c.getresponse().status)
        c.close()
    except (ConnectionError, OSError, http.client.HTTPException) as e:
        # Refused mid-upload: the server answered and closed before taking the rest; read what it said.
        try:
            results.append(c.getresponse().status)
        except (ConnectionError, OSError, http.client.HTTPException):
            results.append(type(e).__name__)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--mb", type=int, default=28)
    p.add_argument("--before", metavar="DLL", help="measure an older build instead: its ChatOps.Functions.dll (local mode without arguments)")
    a = p.parse_args()
    subprocess.run([os.path.join(ROOT, "scripts/setup")], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "ChatOps.Local/ChatOps.Local.csproj"), "-c", "Release", "--nologo", "--verbosity", "quiet"],
                   check=True, stdout=subprocess.DEVNULL)
    data = tempfile.mkdtemp(prefix="oversized-")
    azurite, conn = start_azurite(data)
    port = free_port()
    env = dict(os.environ, Slack__SigningSecret=SECRET, Slack__BotToken="xoxb-bench", Slack__ApiBaseUrl="http://127.0.0.1:9/api/",
               Confirmations__HmacKey="bench-hmac-key-bench-hmac-key-bench", Ops__Endpoint="http://127.0.0.1:1",
               AzureWebJobsStorage=conn, LocalSettings__Disabled="true")
    command = (["dotnet", a.before, "--urls", f"http://127.0.0.1:{port}"] if a.before else
               ["dotnet", os.path.join(ROOT, "ChatOps.Local/bin/Release/net10.0/ChatOps.Local.dll"), "serve", "--urls", f"http://127.0.0.1:{port}"])
    app = subprocess.Popen(command,
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tempfile.gettempdir())
    try:
        for _ in range(300):
            try:
                if signed_ack(port)[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        warm = [signed_ack(port)[1] for _ in range(50)]
        before, _ = rss_kb(app.pid)
        rows = []
        for chunked in (False, True):
            results, acks, peak = [], [], [0]
            stop = threading.Event()

            def sample():
                while not stop.is_set():
                    peak[0] = max(peak[0], rss_kb(app.pid)[0])
                    time.sleep(0.02)

            def acker():
                while not stop.is_set():
                    acks.append(signed_ack(port)[1])

            watchers = [threading.Thread(target=sample), threading.Thread(target=acker)]
            for w in watchers:
                w.start()
            started = time.perf_counter()
            clients = [threading.Thread(target=flood, args=(port, a.mb, chunked, results)) for _ in range(a.clients)]
            for c in clients:
                c.start()
            for c in clients:
                c.join()
            took = time.perf_counter() - started
            time.sleep(0.5)
            stop.set()
            for w in watchers:
                w.join()
            after, _ = rss_kb(app.pid)
            rows.append(("chunked (no Content-Length)" if chunked else "with Content-Length", results, acks, peak[0], after, took))
        print(f"# Oversized posts against local mode ({a.before or 'ChatOps.Local serve'}), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
              f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
        print(f"{a.clients} clients in parallel, each posting {a.mb} MB unsigned (Limits__MaxBodyBytes 131072); real signed acks in a loop meanwhile.")
        print(f"RSS before the floods: {before / 1024:.0f} MB; warm ack p50 {statistics.median(warm):.1f} ms before them.")
        print()
        print("| body | answers | RSS peak during | RSS after | signed acks during: n, p50, max | flood took |")
        print("| --- | --- | --- | --- | --- | --- |")
        for name, results, acks, peak, after, took in rows:
            said = [str(r) for r in results]
            answers = ", ".join(f"{said.count(r)}x {r}" for r in sorted(set(said)))
            print(f"| {name} | {answers} | {peak / 1024:.0f} MB | {after / 1024:.0f} MB | {len(acks)}, {statistics.median(acks):.1f} ms, {max(acks):.1f} ms | {took:.1f} s |")
    finally:
        app.send_signal(signal.SIGTERM)
        app.wait(10)
        azurite.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
