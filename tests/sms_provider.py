"""A local SMS provider for tests: a real HTTP server on 127.0.0.1 that records each request
and answers as the test says (a success in the provider's shape, an error status, or no
answer before the client's timeout). Used as a context manager:

    with SmsProvider(shape="twilio") as provider:
        provider.answer_for("+212600000001", 500)
        ...
        provider.requests  # what arrived, decoded
"""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def form(self) -> dict[str, str]:
        return {key: values[0] for key, values in parse_qs(self.body.decode()).items()}

    @property
    def json(self) -> dict:
        return json.loads(self.body.decode())

    @property
    def phone(self) -> str:
        if "To" in self.form:
            return self.form["To"]
        return self.json["messages"][0]["destinations"][0]["to"]


@dataclass
class Answer:
    status: int
    body: dict | None = None
    delay_s: float = 0.0


@dataclass
class SmsProvider:
    shape: str = "twilio"
    requests: list[Received] = field(default_factory=list)
    by_phone: dict[str, Answer] = field(default_factory=dict)
    default: Answer | None = None

    def answer_for(self, phone: str, status: int, body=None, delay_s: float = 0.0) -> None:
        self.by_phone[phone] = Answer(status, body, delay_s)

    def answer_all(self, status: int, body=None, delay_s: float = 0.0) -> None:
        self.default = Answer(status, body, delay_s)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "SmsProvider":
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
                length = int(self.headers.get("Content-Length", 0))
                received = Received(self.path, dict(self.headers), self.rfile.read(length))
                provider.requests.append(received)
                answer = provider._answer(received)
                time.sleep(answer.delay_s)
                body = json.dumps(answer.body if answer.body is not None else {}).encode()
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test)

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _answer(self, received: Received) -> Answer:
        answer = self.by_phone.get(received.phone) or self.default
        if answer is None:
            answer = Answer(201 if self.shape == "twilio" else 200, self._accepted(received))
        return answer

    def _accepted(self, received: Received) -> dict:
        number = len(self.requests)
        if self.shape == "twilio":
            return {"sid": f"SM{number:032d}", "status": "queued", "to": received.phone}
        return {
            "messages": [
                {
                    "messageId": f"ib-{number}",
                    "to": received.phone,
                    "status": {"groupName": "PENDING", "name": "PENDING_ACCEPTED"},
                }
            ]
        }
