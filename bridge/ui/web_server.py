"""Serves the web app so the page can reach no host but this one, with a Dutch loading text.

Flet's web client is a Flutter app that, left alone, asks a CDN for a script on every load
(`rive_native.js`). Every response gets a Content-Security-Policy that allows only this server
(and the `blob:`/`data:` URLs and WebAssembly compilation Flutter needs), so the browser refuses
any other host. The client's built-in loading text ("Working...") is replaced with the catalog's
text, and the page gets a language and a name for its loading status.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import html
import json
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import flet_web
import uvicorn
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bridge.i18n import Catalog

#: The built-in loading text of Flet's web client, in its JavaScript and WebAssembly builds.
CLIENT_LOADING_TEXT = "Working..."
#: Where the client looks for Rive's script (a CDN); pointed at this server, which has no such
#: file, so the attempt stays local and fails as the blocked one did (Bridge uses no Rive).
RIVE_CDN = "https://cdn.jsdelivr.net/npm/@rive-app/flutter-native-wasm@44.0.0/"
RIVE_LOCAL = "rive/"
CLIENT_FILES = ("main.dart.js", "main.dart.wasm")
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def content_security_policy(script_hashes: list[str]) -> str:
    """Only this server; inline scripts only the page's own (by hash)."""
    scripts = " ".join(f"'sha256-{h}'" for h in script_hashes)
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'wasm-unsafe-eval' blob: {scripts}".strip(),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data: blob:",
            "media-src 'self' data: blob:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def script_hashes(page: str) -> list[str]:
    return [
        base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        for body in INLINE_SCRIPT.findall(page)
    ]


def patch_index(page: str, language: str, loading: str, title: str) -> str:
    """The page's language, title and the name of its loading status."""
    page = page.replace("<html>", f'<html lang="{html.escape(language)}">', 1)
    page = page.replace('aria-label="Loading"', f'aria-label="{html.escape(loading)}"', 1)
    return re.sub(r"<title>.*?</title>", f"<title>{html.escape(title)}</title>", page, count=1)


def replacements(loading: str) -> list[tuple[str, str]]:
    return [(CLIENT_LOADING_TEXT, loading), (RIVE_CDN, RIVE_LOCAL)]


def patch_js(code: bytes, loading: str) -> bytes:
    """Replaces the string literals (each exactly once) in the JavaScript build."""
    for old, new in replacements(loading):
        literal = json.dumps(old).encode()
        if code.count(literal) != 1:
            raise ValueError(f"the web client's {old!r} was not found once")
        code = code.replace(literal, json.dumps(new).encode())
    return code


def read_leb(data: bytes, pos: int) -> tuple[int, int]:
    """An unsigned LEB128 number at `pos`, and the position after it."""
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def leb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def patch_wasm(module: bytes, loading: str) -> bytes:
    """Replaces the strings in the import section, where dart2wasm keeps string constants as
    import names (a length, then UTF-8), and rewrites that section's size."""
    pos = 8  # magic and version
    while pos < len(module):
        section, size_at = module[pos], pos + 1
        size, start = read_leb(module, size_at)
        end = start + size
        if section == 2:  # imports
            payload = module[start:end]
            for old, new in replacements(loading):
                entry = leb(len(old.encode())) + old.encode()
                if payload.count(entry) != 1:
                    raise ValueError(f"the web client's {old!r} was not found once")
                payload = payload.replace(entry, leb(len(new.encode())) + new.encode())
            return module[:size_at] + leb(len(payload)) + payload + module[end:]
        pos = end
    raise ValueError("the web client has no import section")


class ClientFiles:
    """The web client's two builds with the loading text patched, each made once.

    `prepare` makes both at the server's start (in a background thread, see
    `bridge.ui.warm_up`); a request that comes first waits for the same patch.
    """

    def __init__(self, loading: str) -> None:
        self.loading = loading
        self.folder = Path(flet_web.get_package_web_dir())
        self.cache: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> bytes:
        made = self.cache.get(name)
        if made is not None:  # never waits for the other build's patch
            return made
        with self._lock:
            if name not in self.cache:
                raw = (self.folder / name).read_bytes()
                patch = patch_wasm if name.endswith(".wasm") else patch_js
                self.cache[name] = patch(raw, self.loading)
            return self.cache[name]

    def ready(self, name: str) -> bool:
        return name in self.cache

    def prepare(self) -> None:
        """Both builds: the WebAssembly one first, which current browsers load."""
        for name in sorted(CLIENT_FILES, key=lambda n: not n.endswith(".wasm")):
            self.get(name)


def header(message: Message, name: bytes) -> bytes | None:
    for key, value in message.get("headers", []):
        if key.lower() == name:
            return bytes(value)
    return None


class OfflineWeb:
    """ASGI middleware around Flet's web app: the policy on every response, patched files."""

    def __init__(
        self,
        app: ASGIApp,
        catalog: Catalog,
        language: str,
        on_started: Callable[[], None] | None = None,
    ) -> None:
        self.app = app
        self.language = language
        self.loading = catalog.text("web.loading", language)
        self.title = catalog.text("web.title", language)
        self.client = ClientFiles(self.loading)
        self.on_started = on_started

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, self.lifespan_send(send))
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        name = str(scope.get("path", "")).rsplit("/", 1)[-1]
        if name in CLIENT_FILES and scope.get("method") in ("GET", "HEAD"):
            await self.send_client_file(scope, name, send)
            return
        await self.app(scope, receive, self.policy_send(send, scope.get("method") == "GET"))

    def lifespan_send(self, send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            await send(message)
            if message["type"] == "lifespan.startup.complete" and self.on_started:
                self.on_started()

        return wrapped

    def policy_send(self, send: Send, page: bool) -> Send:
        """Adds the policy; an HTML page (`page`: a GET) is held back, patched, and hashed for
        its scripts."""
        start: Message | None = None
        chunks: list[bytes] = []

        async def wrapped(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                content_type = header(message, b"content-type") or b""
                if page and content_type.startswith(b"text/html"):
                    start = message
                    return
                message["headers"] = [*message.get("headers", []), *self.policy([])]
                await send(message)
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            html_page = patch_index(
                b"".join(chunks).decode("utf-8"), self.language, self.loading, self.title
            )
            body = html_page.encode("utf-8")
            headers = [
                (k, v)
                for k, v in start.get("headers", [])
                if k.lower() not in (b"content-length", b"etag", b"last-modified")
            ]
            headers += [(b"content-length", str(len(body)).encode())]
            headers += self.policy(script_hashes(html_page))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        return wrapped

    def policy(self, hashes: list[str]) -> list[tuple[bytes, bytes]]:
        return [
            (b"content-security-policy", content_security_policy(hashes).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
        ]

    async def send_client_file(self, scope: Scope, name: str, send: Send) -> None:
        # Patching reads and rewrites ~9 MB: never on the event loop (only before `prepare`).
        ready = self.client.ready(name)
        body = self.client.get(name) if ready else await asyncio.to_thread(self.client.get, name)
        kind = b"application/wasm" if name.endswith(".wasm") else b"text/javascript"
        headers = [
            (b"content-type", kind),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"no-cache"),
            *self.policy([]),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send(
            {"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body}
        )


def serve(app: Any, host: str, port: int) -> None:
    """Runs the app until Ctrl+C or SIGTERM (uvicorn stops on both)."""
    uvicorn.run(app, host=host, port=port, log_level="warning", ws="websockets-sansio")
