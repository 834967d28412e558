"""What ``sagte serve`` hands to uvicorn besides the app.

:class:`H11NoDelay`: with ``--workers N`` uvicorn binds the listening socket itself, without
naming the protocol, and asyncio then leaves Nagle's algorithm on for the accepted
connections: a response's body waits for the client's delayed ACK of its headers, about
40 ms per request on Linux. Setting ``TCP_NODELAY`` on each connection removes the wait.
"""

from __future__ import annotations

import socket

from uvicorn.protocols.http.h11_impl import H11Protocol


class H11NoDelay(H11Protocol):
    """uvicorn's h11 protocol with ``TCP_NODELAY`` on every TCP connection."""

    def connection_made(self, transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
