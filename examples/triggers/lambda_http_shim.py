"""Runs a Lambda handler behind HTTP, the way incognito's `[[triggers.hooks]]` call it.

    python3 lambda_http_shim.py pre_token_generation:handler --port 9001

incognito POSTs the Cognito event JSON; the shim calls `handler(event, context)` and answers
its return value. An exception answers 400 with Lambda's error shape
(`{"errorMessage", "errorType"}`), which incognito reports as Cognito does
(`UserLambdaValidationException: PreTokenGeneration failed with error …`). Standard library
only; any function written for Lambda's Python runtime works unchanged.
"""
import argparse
import importlib
import json
import socket
import sys
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Context:
    """The few attributes handlers commonly read from Lambda's context object."""

    function_name = "local"
    memory_limit_in_mb = 128
    aws_request_id = "local"

    @staticmethod
    def get_remaining_time_in_millis():
        return 5000


def serve(handler, port):
    class Invoke(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            super().setup()
            # Headers and body go out in separate writes: without this, Nagle's algorithm and
            # the caller's delayed ACK hold every answer back ~40 ms on a kept-alive connection.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_POST(self):
            length = int(self.headers.get("content-length", 0))
            try:
                event = json.loads(self.rfile.read(length))
                status, body = 200, handler(event, Context())
            except Exception as e:  # the function failed: Lambda's error shape
                traceback.print_exc()
                status, body = 400, {"errorMessage": str(e), "errorType": type(e).__name__}
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    ThreadingHTTPServer(("127.0.0.1", port), Invoke).serve_forever()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("handler", help="module:function, e.g. pre_token_generation:handler")
    parser.add_argument("--port", type=int, default=9001)
    args = parser.parse_args()
    module, _, function = args.handler.partition(":")
    sys.path.insert(0, ".")
    serve(getattr(importlib.import_module(module), function or "handler"), args.port)


if __name__ == "__main__":
    main()
