"""The production WSGI server under the app: cheroot (CherryPy's server, pure Python, with TLS
built in), never Flask's development server. One set of options for `magnesium serve`, the tests
and the benchmark.

It binds to the address given (`magnesium serve` defaults to 127.0.0.1, this computer only), with
TLS when a certificate and key are given. Its threads serve requests side by side (the store
takes one writer at a time; the engine evaluates under its own lock). A request body or header
larger than a question page needs is refused before the app sees it.
"""
from __future__ import annotations

import ipaddress
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:
    from cheroot import wsgi

THREADS = 16  # requests served at once; more wait in the queue
QUEUE = 128  # connections waiting for a thread
MAX_BODY_BYTES = 64 * 1024
MAX_HEADER_BYTES = 16 * 1024
TIMEOUT_S = 30


def loopback(host: str) -> bool:
    """Whether only this computer can reach the address."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def make_server(app: Any, host: str, port: int, cert: str | None = None, key: str | None = None) -> wsgi.Server:
    """A server bound and ready (OSError when the address is taken or not this computer's, or
    the TLS files cannot be used)."""
    from cheroot import wsgi

    server = wsgi.Server((host, port), app, numthreads=THREADS, server_name="magnesium", request_queue_size=QUEUE,
                         timeout=TIMEOUT_S)
    server.max_request_body_size = MAX_BODY_BYTES
    server.max_request_header_size = MAX_HEADER_BYTES
    if cert and key:
        from cheroot.ssl.builtin import BuiltinSSLAdapter

        server.ssl_adapter = BuiltinSSLAdapter(cert, key)
    server.prepare()
    return server


def address(server: wsgi.Server, tls: bool = False) -> str:
    """The address to open in a browser (the port the system chose, when 0 was asked)."""
    host, port = server.bind_addr[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"{'https' if tls else 'http'}://{shown}:{port}/"


@contextmanager
def running(app: Any, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """The app served in a thread of this process, for the tests and the benchmark; its address."""
    server = make_server(app, host, port)
    thread = threading.Thread(target=server.serve, name="magnesium-serve", daemon=True)
    thread.start()
    try:
        yield address(server)
    finally:
        server.stop()
        thread.join(timeout=10)
