"""moto server with one request at a time.

DynamoDB makes a conditional write atomic; moto's backend does not: it checks the condition and
writes in separate steps without a lock, so two concurrent PutItems can both pass
attribute_not_exists, and a cancelled transaction can restore stale copies of tables. Eventline's
concurrency tests exist to prove that writers never lose an event, so the emulator must not lose
one either: this launcher serializes DynamoDB requests (connections are still served concurrently).
Other services are left concurrent: an SQS long poll waits inside the request, and holding the lock
through it would stall every other client for the whole wait.

Usage: python moto_server.py -H 127.0.0.1 -p 5000
"""
import argparse
import threading

from werkzeug.serving import run_simple
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app


class Serialized:
    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        if not environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB"):
            return self.app(environ, start_response)
        with self.lock:
            # materialize the body inside the lock: the backend state it reflects must not move
            return [b"".join(self.app(environ, start_response))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args()
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(args.host, args.port, Serialized(app), threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
