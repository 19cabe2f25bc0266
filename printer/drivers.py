"""Printers through python-escpos, behind one small interface that turns device errors into
PrinterFault with a status code the rest of Dorak understands.

Printer addresses (the DORAK_PRINTER setting):
  none                          no printer (tickets are shown on screen only)
  virtual                       the built-in virtual printer (dorak demo starts one)
  tcp://HOST[:PORT]             network printer, raw port 9100 by default
  usb://VENDOR:PRODUCT          USB, ids in hex (e.g. usb://04b8:0202)
  serial:///dev/ttyUSB0[?baudrate=9600]
  file:///dev/usb/lp0           a device node or file
  cups://QUEUE                  a CUPS queue (needs pycups)
"""

from __future__ import annotations

import contextlib
import copy
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlparse

from PIL import Image

STATUS_OK = "ok"


class PrinterFault(Exception):
    """code: offline | timeout | paper_out | error | config."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class PrinterSpec:
    kind: str  # none | tcp | usb | serial | file | cups
    target: str = ""
    port: int = 9100
    options: tuple[tuple[str, str], ...] = ()
    width: int = 576
    profile: str | None = None
    timeout: float = 3.0

    @property
    def queries_status(self) -> bool:
        """Only these interfaces can read the printer's answer to DLE EOT."""
        return self.kind in ("tcp", "usb", "serial")


def parse_spec(
    address: str | None, width: int = 576, profile: str | None = None, timeout: float = 3.0
) -> PrinterSpec:
    address = (address or "none").strip()
    if address in ("none", ""):
        return PrinterSpec("none", width=width)
    url = urlparse(address)
    common: dict[str, Any] = {"width": width, "profile": profile, "timeout": timeout}
    opts = tuple((k, v[0]) for k, v in parse_qs(url.query).items())
    if url.scheme == "tcp" and url.hostname:
        return PrinterSpec("tcp", url.hostname, url.port or 9100, opts, **common)
    if url.scheme == "usb" and ":" in url.netloc:
        return PrinterSpec("usb", url.netloc, options=opts, **common)
    if url.scheme in ("serial", "file") and url.path:
        return PrinterSpec(url.scheme, url.path, options=opts, **common)
    if url.scheme == "cups" and url.netloc:
        return PrinterSpec("cups", url.netloc, options=opts, **common)
    raise PrinterFault("config", f"cannot understand printer address {address!r}")


def _network_class() -> Any:
    from escpos import printer as p

    class Network(p.Network):  # type: ignore[misc]
        """python-escpos' Network, but it closes the socket when the connect fails (the
        library drops it unclosed) and turns Nagle off: status queries are tiny writes answered
        at once, and Nagle would hold each for ~40 ms."""

        def open(self, raise_not_found: bool = True) -> None:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.settimeout(self.timeout)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            try:
                sock.connect((self.host, self.port))
            except OSError as e:
                sock.close()
                raise PrinterFault(
                    "offline", f"cannot reach {self.host}:{self.port}: {e}"
                ) from None
            self.device = sock

    return Network


def _open(spec: PrinterSpec) -> Any:
    from escpos import printer as p

    opts = dict(spec.options)
    if spec.kind == "tcp":
        network = _network_class()
        dev = network(spec.target, port=spec.port, timeout=spec.timeout, profile=spec.profile)
    elif spec.kind == "usb":
        vendor, product = (int(x, 16) for x in spec.target.split(":"))
        dev = p.Usb(vendor, product, timeout=int(spec.timeout * 1000), profile=spec.profile)
    elif spec.kind == "serial":
        dev = p.Serial(
            spec.target,
            baudrate=int(opts.get("baudrate", 9600)),
            timeout=spec.timeout,
            profile=spec.profile,
        )
    elif spec.kind == "file":
        dev = p.File(spec.target, profile=spec.profile)
    elif spec.kind == "cups":
        dev = p.CupsPrinter(spec.target, profile=spec.profile)
    else:
        raise PrinterFault("config", "no printer configured")
    # The profile's data is shared by every printer of that profile: give this one a copy
    # before telling it the paper width (lets python-escpos check the image fits the paper).
    dev.profile.profile_data = copy.deepcopy(dev.profile.profile_data)
    media = dev.profile.profile_data.setdefault("media", {}).setdefault("width", {})
    if not isinstance(media.get("pixels"), int):
        media["pixels"] = spec.width
    dev.open()
    return dev


def _status(dev: Any) -> str:
    """ok | paper_low | paper_out | offline."""
    if not dev.is_online():
        return "offline"
    paper = dev.paper_status()
    return {2: STATUS_OK, 1: "paper_low"}.get(paper, "paper_out")


def _fault(e: BaseException) -> PrinterFault:
    if isinstance(e, PrinterFault):
        return e
    if isinstance(e, TimeoutError | socket.timeout):
        return PrinterFault("timeout", "the printer did not answer in time")
    if isinstance(e, OSError | ConnectionError):
        return PrinterFault("offline", str(e))
    name = type(e).__name__
    if "NotFound" in name or "DeviceNotFound" in name:
        return PrinterFault("offline", str(e))
    return PrinterFault("error", f"{name}: {e}")


@dataclass(frozen=True)
class PrintResult:
    status: str  # the printer's state after the job: ok | paper_low


def print_image(spec: PrinterSpec, image: Image.Image) -> PrintResult:
    """Print one ticket image and cut. Checks status before (refuse to print into a printer that
    is offline or out of paper) and after (paper running low) where the interface can."""
    if spec.kind == "none":
        raise PrinterFault("config", "no printer configured")
    dev = None
    try:
        dev = _open(spec)
        if spec.queries_status:
            before = _status(dev)
            if before in ("offline", "paper_out"):
                raise PrinterFault(before)
        dev.image(image, impl="bitImageRaster")
        dev.cut()
        after = _status(dev) if spec.queries_status else STATUS_OK
        if after in ("offline", "paper_out"):
            raise PrinterFault(after, "during the job")
        return PrintResult(after)
    except BaseException as e:
        if isinstance(e, KeyboardInterrupt | SystemExit):
            raise
        raise _fault(e) from e
    finally:
        if dev is not None:
            with contextlib.suppress(Exception):  # closing a dead device may fail too
                dev.close()
