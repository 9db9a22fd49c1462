#!/usr/bin/python3
"""A one-shot gRPC client for the "ops.Ops" service, for the C# interop tests.

The mirror image of ops_server.py: Debian's python3-grpcio calling a server (e.g. the C# one), so
that server is checked against a gRPC implementation nobody in this repo wrote. Run it with
/usr/bin/python3. It compiles the protos at start-up with ops_server.compile_protos (same protoc
invocation, same handling of the missing google/protobuf well-known .proto files).

  --target HOST:PORT        server address; insecure channel (h2c)
  --ca PEM                  use TLS instead, trusting only this certificate
  --method NAME             calls /ops.Ops/NAME
  --request JSON            the request message in protobuf JSON mapping (default "{}")
  --timeout SECONDS         call deadline (default: none)
  --metadata KEY=VALUE      request metadata (repeatable); for a key ending in "-bin" VALUE is
                            base64 and is sent as bytes
  --raw-hex HEX             send these bytes as the request body, unparsed, and take the response
                            body as bytes (identity serializers); works with any NAME, including
                            ones the service does not have. Excludes --request.
  --protos DIR              proto root (default: ../../protos relative to this file)

It prints exactly one line of JSON to stdout and exits 0, whatever the call's outcome:

  {"code": "OK", "details": "", "response": {...MessageToDict, proto field names...}}
  {"code": "NOT_FOUND", "details": "<status message>", "response": null}

In --raw-hex mode a successful "response" is the response body as a lowercase hex string.
Bad command-line usage (unknown method without --raw-hex, bad JSON, bad hex, ...) exits 2 with a
message on stderr and nothing on stdout.
"""

import argparse
import base64
import binascii
import json
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__/ next to the scripts
sys.path.insert(0, HERE)
# Importing ops_server only defines things (its main() runs under __main__); reuse its method
# table and its protoc logic rather than a copy of them.
from ops_server import METHODS, PROTO_FILES, SERVICE, compile_protos  # noqa: E402
sys.path.remove(HERE)

import grpc  # noqa: E402
from google.protobuf import json_format  # noqa: E402


def usage_error(message):
    print("ops_client: " + message, file=sys.stderr, flush=True)
    sys.exit(2)


def parse_metadata(values):
    metadata = []
    for value in values or []:
        key, sep, rest = value.partition("=")
        key = key.strip().lower()
        if not sep or not key:
            usage_error("--metadata expects KEY=VALUE, got %r" % value)
        if key.endswith("-bin"):
            try:
                rest = base64.b64decode(rest, validate=True)
            except (binascii.Error, ValueError):
                usage_error("--metadata %s: a -bin value must be base64" % key)
        metadata.append((key, rest))
    return metadata


def emit(code, details, response):
    line = json.dumps({"code": code, "details": details, "response": response},
                      ensure_ascii=True)
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(
        description="One-shot gRPC client for the ops.Ops service (interop tests).")
    parser.add_argument("--target", required=True, help="HOST:PORT, insecure (h2c)")
    parser.add_argument("--ca", metavar="PEM", help="TLS, trusting only this certificate")
    parser.add_argument("--method", required=True, help="method name, e.g. ListTraces")
    parser.add_argument("--request", help="request in protobuf JSON mapping (default {})")
    parser.add_argument("--timeout", type=float, help="deadline in seconds (default: none)")
    parser.add_argument("--metadata", action="append", metavar="KEY=VALUE",
                        help="request metadata (repeatable)")
    parser.add_argument("--raw-hex", metavar="HEX",
                        help="send these raw bytes as the request body (identity serializers)")
    parser.add_argument("--protos", default=os.path.join("..", "..", "protos"),
                        help="proto root; a relative path is taken from this script's folder")
    args = parser.parse_args()

    raw = args.raw_hex is not None
    if raw and args.request is not None:
        usage_error("--request and --raw-hex exclude each other")
    if not raw and args.method not in METHODS:
        usage_error("unknown method %r (known: %s); use --raw-hex to call it anyway"
                    % (args.method, ", ".join(METHODS)))
    if args.timeout is not None and not args.timeout > 0:
        usage_error("--timeout must be a positive number of seconds")
    metadata = parse_metadata(args.metadata)
    path = "/%s/%s" % (SERVICE, args.method)

    if raw:
        try:
            request = bytes.fromhex(args.raw_hex)
        except ValueError:
            usage_error("--raw-hex: %r is not hex" % args.raw_hex)
        serializer = deserializer = None
    else:
        protos_dir = os.path.normpath(os.path.join(HERE, args.protos))
        if not os.path.isfile(os.path.join(protos_dir, PROTO_FILES[0])):
            usage_error("no %s under %s" % (PROTO_FILES[0], protos_dir))
        gen_dir = tempfile.mkdtemp(prefix="ops_client_pb2_")
        try:
            ops_pb2 = compile_protos(protos_dir, gen_dir)
        finally:
            shutil.rmtree(gen_dir, ignore_errors=True)
        request_cls = getattr(ops_pb2, METHODS[args.method][0])
        response_cls = getattr(ops_pb2, METHODS[args.method][1])
        request = request_cls()
        try:
            json_format.Parse(args.request if args.request is not None else "{}", request)
        except json_format.ParseError as e:
            usage_error("--request: %s" % e)
        serializer = request_cls.SerializeToString
        deserializer = response_cls.FromString

    if args.ca:
        with open(args.ca, "rb") as ca:
            channel = grpc.secure_channel(args.target, grpc.ssl_channel_credentials(root_certificates=ca.read()))
    else:
        channel = grpc.insecure_channel(args.target)
    with channel:
        call = channel.unary_unary(path, request_serializer=serializer,
                                   response_deserializer=deserializer)
        try:
            response = call(request, timeout=args.timeout, metadata=metadata or None)
        except grpc.RpcError as e:
            code = e.code() if hasattr(e, "code") else grpc.StatusCode.UNKNOWN
            details = e.details() if hasattr(e, "details") else str(e)
            emit(code.name if code is not None else "UNKNOWN", details or "", None)
            return

    if raw:
        emit("OK", "", bytes(response).hex())
    else:
        emit("OK", "", json_format.MessageToDict(response, preserving_proto_field_name=True))


if __name__ == "__main__":
    main()
