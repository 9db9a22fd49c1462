#!/usr/bin/python3
"""A scriptable gRPC server for the "ops.Ops" service, for the C# interop tests.

It is Debian's python3-grpcio (a gRPC implementation nobody in this repo wrote) answering from a
JSON fixture, so the C# client is checked against a real peer rather than against itself.

Run it with /usr/bin/python3 (Debian's interpreter, which has python3-grpcio and python3-protobuf).
At start-up it compiles protos/ops/ops.proto and protos/jaeger/api_v2/model.proto with protoc into
a fresh temporary directory and imports the generated *_pb2 modules; there is no _pb2_grpc module
(no grpc python plugin here), so the service handler is built by hand.

Once listening it prints exactly one line, "PORT <n>", to stdout; everything else goes to stderr.

  --protos DIR              proto root (default: ../../protos relative to this file)
  --port N                  port on 127.0.0.1 (default 0: any free port); insecure (h2c)
  --tls-cert PEM --tls-key PEM  serve TLS (ALPN h2) with this certificate and key instead
  --fixture FILE            JSON {"<Method>": <response in protobuf JSON mapping>, ...};
                            a method not in it answers an empty response message
  --record FILE             append one JSON line per call (method, request, metadata,
                            time_remaining), flushed after each line
  --fail METHOD=CODE[:msg]  that method aborts with grpc.StatusCode CODE (repeatable)
  --fail-times N            only the first N calls of each --fail method abort; later ones answer
                            (default: every call aborts)
  --delay METHOD=SECONDS    sleep before answering, stopping early if the call ends (repeatable)
  --require-token TOKEN     calls need "authorization: Bearer TOKEN": UNAUTHENTICATED when the
                            header is absent, PERMISSION_DENIED when it is wrong
  --exit-on-stdin-eof       also stop when stdin reaches EOF (so the server dies with its parent)

Order of work for each call: record, token check, delay, injected failure, canned answer.
"""

import argparse
import base64
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent import futures

import grpc
from google.protobuf import descriptor_pb2, json_format
from google.protobuf import duration_pb2, timestamp_pb2

SERVICE = "ops.Ops"

# method name -> (request class name, response class name) in the generated ops_pb2 module
METHODS = {
    "ListTraces": ("ListTracesReq", "ListTracesResp"),
    "ShowTrace": ("ShowTraceReq", "ShowTraceResp"),
    "ShowLogs": ("ShowLogsReq", "ShowLogsResp"),
    "ChangeSampling": ("ChangeSamplingReq", "ChangeSamplingResp"),
    "DeployedVersion": ("DeployedVersionReq", "DeployedVersionResp"),
    "Alerts": ("AlertsReq", "AlertsResp"),
    "QueryRange": ("QueryRangeReq", "QueryRangeResp"),
}

NO_DEADLINE_SECONDS = 1e9  # ~31 years: anything longer means "no deadline"

PROTO_FILES = ("ops/ops.proto", "jaeger/api_v2/model.proto")


def die(message):
    print("ops_server: " + message, file=sys.stderr, flush=True)
    sys.exit(2)


def compile_protos(protos_dir, out_dir):
    """Runs protoc into out_dir and returns the imported ops_pb2 module."""
    # Debian's protobuf-compiler does not ship the well-known .proto files (they live in
    # libprotobuf-dev), so hand protoc the descriptors that python3-protobuf has built in.
    wkt = descriptor_pb2.FileDescriptorSet()
    for module in (duration_pb2, timestamp_pb2):
        module.DESCRIPTOR.CopyToProto(wkt.file.add())
    wkt_path = os.path.join(out_dir, "wkt.pb")
    with open(wkt_path, "wb") as f:
        f.write(wkt.SerializeToString())

    cmd = ["protoc", "-I", protos_dir]
    if os.path.isdir("/usr/include"):
        cmd += ["-I", "/usr/include"]
    cmd += ["--descriptor_set_in=" + wkt_path, "--python_out=" + out_dir]
    cmd += list(PROTO_FILES)
    try:
        done = subprocess.run(cmd, capture_output=True, text=True)
    except FileNotFoundError:
        die("protoc not found on PATH (apt-get install protobuf-compiler)")
    if done.returncode != 0:
        die("protoc failed (%d): %s" % (done.returncode, done.stderr.strip()))

    # Make ops/, jaeger/ and jaeger/api_v2/ regular packages.
    for package in ("ops", "jaeger", os.path.join("jaeger", "api_v2")):
        open(os.path.join(out_dir, package, "__init__.py"), "a").close()
    sys.path.insert(0, out_dir)
    try:
        from ops import ops_pb2  # noqa: E402  (generated just now)
    finally:
        sys.path.remove(out_dir)
    return ops_pb2


def parse_assignments(values, option):
    """["A=x", "B=y"] -> {"A": "x", "B": "y"}, checking the method names."""
    out = {}
    for value in values or []:
        method, sep, rest = value.partition("=")
        method = method.strip()
        if not sep:
            die("%s expects METHOD=VALUE, got %r" % (option, value))
        if method not in METHODS:
            die("%s: unknown method %r (known: %s)" % (option, method, ", ".join(METHODS)))
        out[method] = rest
    return out


def parse_failures(values):
    failures = {}
    for method, rest in parse_assignments(values, "--fail").items():
        code_name, sep, message = rest.partition(":")
        code_name = code_name.strip().upper()
        try:
            code = grpc.StatusCode[code_name]
        except KeyError:
            die("--fail: unknown status code %r (use a grpc.StatusCode name, e.g. NOT_FOUND)"
                % code_name)
        if code == grpc.StatusCode.OK:
            die("--fail: OK is not a failure")
        failures[method] = (code, message if sep else "injected failure: " + code_name)
    return failures


def parse_delays(values):
    delays = {}
    for method, rest in parse_assignments(values, "--delay").items():
        try:
            delays[method] = float(rest)
        except ValueError:
            die("--delay: %r is not a number of seconds" % rest)
    return delays


def load_fixture(path, ops_pb2):
    """Returns {method: serialized response bytes}."""
    if path is None:
        return {}
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        die("cannot read fixture %s: %s" % (path, e))
    if not isinstance(data, dict):
        die("fixture must be a JSON object keyed by method name")
    answers = {}
    for method, body in data.items():
        if method not in METHODS:
            die("fixture: unknown method %r (known: %s)" % (method, ", ".join(METHODS)))
        response = getattr(ops_pb2, METHODS[method][1])()
        try:
            json_format.ParseDict(body, response)
        except json_format.ParseError as e:
            die("fixture: %s: %s" % (method, e))
        answers[method] = response
    return answers


class Recorder:
    def __init__(self, path):
        self._file = open(path, "a", encoding="utf-8") if path else None
        self._lock = threading.Lock()

    def write(self, entry):
        if self._file is None:
            return
        line = json.dumps(entry, ensure_ascii=False, sort_keys=False)
        with self._lock:
            self._file.write(line + "\n")
            self._file.flush()


def metadata_dict(context):
    """Invocation metadata as {lowercased key: str}; binary (-bin) values base64, repeats joined
    with ", "."""
    out = {}
    for item in context.invocation_metadata() or ():
        key, value = item.key.lower(), item.value
        if isinstance(value, bytes):
            value = base64.b64encode(value).decode("ascii")
        out[key] = out[key] + ", " + value if key in out else value
    return out


def time_remaining(context):
    """Seconds left before the client's deadline, or None when the call has no deadline
    (grpcio reports "no deadline" as about 9.2e18 seconds)."""
    remaining = context.time_remaining()
    if remaining is None or remaining > NO_DEADLINE_SECONDS:
        return None
    return remaining


def make_handler(method, request_cls, response_cls, options, recorder):
    answer = options["fixture"].get(method) or response_cls()
    delay = options["delays"].get(method)
    failure = options["failures"].get(method)
    token = options["token"]
    calls = itertools.count(1)  # next() is atomic under the GIL, so threads count each call once

    def handle(request, context):
        metadata = metadata_dict(context)
        recorder.write({
            "method": method,
            "request": json_format.MessageToDict(
                request, preserving_proto_field_name=True,
                including_default_value_fields=False),
            "metadata": metadata,
            "time_remaining": time_remaining(context),
        })

        if token is not None:
            auth = metadata.get("authorization")
            if auth is None:
                context.abort(grpc.StatusCode.UNAUTHENTICATED, "missing bearer token")
            if auth != "Bearer " + token:
                context.abort(grpc.StatusCode.PERMISSION_DENIED, "wrong bearer token")

        if delay:
            until = time.monotonic() + delay
            while context.is_active() and time.monotonic() < until:
                time.sleep(0.01)
            if not context.is_active():
                return response_cls()  # cancelled or past deadline; nobody reads this

        if failure is not None and (options["fail_times"] is None or next(calls) <= options["fail_times"]):
            context.abort(failure[0], failure[1])

        return answer

    return grpc.unary_unary_rpc_method_handler(
        handle,
        request_deserializer=request_cls.FromString,
        response_serializer=response_cls.SerializeToString)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(
        description="Scriptable gRPC server for the ops.Ops service (interop tests).")
    parser.add_argument("--protos", default=os.path.join("..", "..", "protos"),
                        help="proto root; a relative path is taken from this script's folder")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1; 0 = any free")
    parser.add_argument("--fixture", help="JSON file of canned responses per method")
    parser.add_argument("--record", help="append one JSON line per call to this file")
    parser.add_argument("--fail", action="append", metavar="METHOD=CODE[:message]",
                        help="make METHOD abort with that grpc.StatusCode (repeatable)")
    parser.add_argument("--fail-times", type=int, metavar="N",
                        help="only the first N calls of each --fail method abort")
    parser.add_argument("--delay", action="append", metavar="METHOD=SECONDS",
                        help="sleep before answering METHOD (repeatable)")
    parser.add_argument("--require-token", metavar="TOKEN",
                        help="require metadata 'authorization: Bearer TOKEN'")
    parser.add_argument("--tls-cert", metavar="PEM", help="serve TLS with this certificate (needs --tls-key)")
    parser.add_argument("--tls-key", metavar="PEM", help="the certificate's private key (PEM)")
    parser.add_argument("--exit-on-stdin-eof", action="store_true",
                        help="stop when stdin is closed (e.g. the parent process died)")
    args = parser.parse_args()

    protos_dir = os.path.normpath(os.path.join(here, args.protos))
    if not os.path.isfile(os.path.join(protos_dir, PROTO_FILES[0])):
        die("no %s under %s" % (PROTO_FILES[0], protos_dir))

    if bool(args.tls_cert) != bool(args.tls_key):
        die("--tls-cert and --tls-key go together")
    failures = parse_failures(args.fail)
    delays = parse_delays(args.delay)

    gen_dir = tempfile.mkdtemp(prefix="ops_server_pb2_")
    try:
        ops_pb2 = compile_protos(protos_dir, gen_dir)
    finally:
        shutil.rmtree(gen_dir, ignore_errors=True)  # the modules are loaded; files not needed

    options = {
        "fixture": load_fixture(args.fixture, ops_pb2),
        "delays": delays,
        "failures": failures,
        "fail_times": args.fail_times,
        "token": args.require_token,
    }
    recorder = Recorder(args.record)
    handlers = {
        name: make_handler(name, getattr(ops_pb2, req), getattr(ops_pb2, resp), options, recorder)
        for name, (req, resp) in METHODS.items()
    }

    # grpc core sets SO_REUSEPORT by default, which would let two servers share a fixed --port.
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=32),
                         options=[("grpc.so_reuseport", 0)])
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, handlers),))
    try:
        if args.tls_cert:
            with open(args.tls_cert, "rb") as cert, open(args.tls_key, "rb") as key:
                credentials = grpc.ssl_server_credentials([(key.read(), cert.read())])
            port = server.add_secure_port("127.0.0.1:%d" % args.port, credentials)
        else:
            port = server.add_insecure_port("127.0.0.1:%d" % args.port)
    except RuntimeError as e:  # grpcio raises when the bind fails (older versions returned 0)
        die("cannot bind 127.0.0.1:%d: %s" % (args.port, e))
    if port == 0:
        die("cannot bind 127.0.0.1:%d" % args.port)
    server.start()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if args.exit_on_stdin_eof:
        def watch_stdin():
            while sys.stdin.buffer.read(4096):
                pass
            stop.set()
        threading.Thread(target=watch_stdin, daemon=True).start()

    sys.stdout.write("PORT %d\n" % port)
    sys.stdout.flush()

    while not stop.wait(0.5):
        pass
    server.stop(0).wait()


if __name__ == "__main__":
    main()
