"""The streaming ZIP reader of bundle import, fed in pieces of every size."""

from __future__ import annotations

import zipfile

import pytest

from snhr_desktop.services import bundles


def repetitive_zip() -> tuple[bytes, bytes]:
    """A ZIP like a bundle's, of highly repetitive lines (near-identical victims compress so
    well that the compressed stream ends inside a small read)."""
    content = b"".join(
        b'{"n":"%d","text":"' % i + b"x" * 700 + b'"}\n' for i in range(300)
    )
    sink = bundles._Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive, \
            archive.open(bundles._zip_info("ops.jsonl"), "w") as entry:
        for start in range(0, len(content), 35_000):
            entry.write(content[start : start + 35_000])
    return sink.take(), content


@pytest.mark.parametrize("piece", [1, 7, 64, 1000, 1709, 16_384, 65_536, None])
def test_every_piece_size_reads_the_whole_entry(piece: int | None) -> None:
    data, content = repetitive_zip()
    received: list[bytes] = []
    ends: list[int] = []
    stream = bundles._ZipStream(lambda name: None, received.append, lambda: ends.append(1))
    size = piece or len(data)
    for start in range(0, len(data), size):
        stream.feed(data[start : start + size])
    assert b"".join(received) == content
    assert ends == [1]
