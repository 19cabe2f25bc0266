"""Real ESC/POS bytes over a real socket to the virtual printer: what comes out, and faults."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PIL import Image, ImageChops

from printer.decode import LINE_DOTS, decode
from printer.drivers import PrinterFault, parse_spec, print_image
from printer.layout import render_ticket
from printer.virtual import VirtualPrinter
from printer.worker import JobOutcome, PrintWorker
from tests.live import wait_for
from tests.printer.test_layout import SAMPLE


@pytest.fixture
def vp() -> Iterator[VirtualPrinter]:
    with VirtualPrinter() as printer:
        yield printer


def wait_jobs(vp: VirtualPrinter, n: int) -> None:
    """Wait until the virtual printer has decoded n jobs (it does so once a job's connection
    closes, after the sender is done), then check there are exactly n."""
    wait_for(lambda: len(vp.state.jobs) >= n, what=f"{n} printed jobs")
    assert len(vp.state.jobs) == n


def same_pixels(a: Image.Image, b: Image.Image) -> bool:
    return ImageChops.difference(a.convert("L"), b.convert("L")).getbbox() is None


def test_printed_ticket_is_pixel_identical_to_the_rendered_one(vp: VirtualPrinter) -> None:
    ticket = render_ticket(SAMPLE, 576)
    result = print_image(parse_spec(f"tcp://127.0.0.1:{vp.port}"), ticket)
    assert result.status == "ok"
    wait_jobs(vp, 1)
    page = vp.state.jobs[0]
    assert page.width == 576
    assert same_pixels(page.crop((0, 0, 576, ticket.height)), ticket)
    # Below the ticket only the blank feed before the cut.
    rest = page.crop((0, ticket.height, 576, page.height))
    assert rest.height == 6 * LINE_DOTS and rest.convert("L").getextrema() == (255, 255)
    raw = decode(vp.state.raw[0])
    assert raw.cuts == 1 and raw.queries == [1, 4, 1, 4]  # status before and after the job


def test_58mm_printer_gets_a_384_dot_ticket(vp: VirtualPrinter) -> None:
    ticket = render_ticket(SAMPLE, 384)
    print_image(parse_spec(f"tcp://127.0.0.1:{vp.port}", width=384), ticket)
    wait_jobs(vp, 1)
    assert vp.state.jobs[0].width == 384


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ({"paper": "out"}, "paper_out"),
        ({"online": False}, "offline"),
        ({"silent": True}, "timeout"),
        ({"refuse": True}, "offline"),
        ({"drop_after": 5000}, "offline"),
    ],
)
def test_faults_become_printer_status(
    vp: VirtualPrinter, setup: dict[str, object], code: str
) -> None:
    for key, value in setup.items():
        setattr(vp.state, key, value)
    spec = parse_spec(f"tcp://127.0.0.1:{vp.port}", timeout=0.5)
    with pytest.raises(PrinterFault) as e:
        print_image(spec, render_ticket(SAMPLE, 576))
    assert e.value.code == code
    assert vp.state.jobs == []


def test_paper_running_low_still_prints(vp: VirtualPrinter) -> None:
    vp.state.paper = "low"
    result = print_image(parse_spec(f"tcp://127.0.0.1:{vp.port}"), render_ticket(SAMPLE, 576))
    assert result.status == "paper_low"
    wait_jobs(vp, 1)


def test_nobody_listening_is_offline() -> None:
    with VirtualPrinter() as gone:
        port = gone.port
    with pytest.raises(PrinterFault) as e:
        print_image(parse_spec(f"tcp://127.0.0.1:{port}", timeout=0.5), render_ticket(SAMPLE))
    assert e.value.code == "offline"


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("none", "none"),
        ("tcp://10.1.2.3", "tcp"),
        ("tcp://printer:9101", "tcp"),
        ("usb://04b8:0202", "usb"),
        ("serial:///dev/ttyUSB0?baudrate=19200", "serial"),
        ("file:///dev/usb/lp0", "file"),
        ("cups://Front_Desk", "cups"),
    ],
)
def test_printer_addresses(address: str, kind: str) -> None:
    spec = parse_spec(address)
    assert spec.kind == kind
    if kind == "tcp":
        assert spec.port in (9100, 9101)
    if kind == "serial":
        assert dict(spec.options)["baudrate"] == "19200"


def test_bad_printer_address() -> None:
    with pytest.raises(PrinterFault) as e:
        parse_spec("bluetooth://x")
    assert e.value.code == "config"


def test_worker_prints_in_order_and_reports_every_outcome(vp: VirtualPrinter) -> None:
    outcomes: list[JobOutcome] = []
    done = threading.Event()

    def record(o: JobOutcome) -> None:
        outcomes.append(o)
        if len(outcomes) == 3:
            done.set()

    spec = parse_spec(f"tcp://127.0.0.1:{vp.port}", timeout=3)  # a busy machine is slow
    worker = PrintWorker(
        spec,
        lambda n: render_ticket(SAMPLE.__class__(**{**SAMPLE.__dict__, "number": n}), 576),
        record,
    )
    worker.submit("A001")
    worker.join()
    vp.state.online = False
    worker.submit("A002")
    worker.join()
    vp.state.online = True
    worker.submit("A003")
    assert done.wait(10)
    assert [(o.ticket, o.ok, o.status) for o in outcomes] == [
        ("A001", True, "ok"),
        ("A002", False, "offline"),
        ("A003", True, "ok"),
    ]
    wait_jobs(vp, 2)
