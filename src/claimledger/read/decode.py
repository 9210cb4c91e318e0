"""Bytes to text: byte-order mark, declared charset, UTF-8, then charset detection.

Binary content (images, archives, PDFs, anything full of control bytes) is refused with a reason
instead of being decoded into noise.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Literal

import charset_normalizer
import msgspec

from claimledger.read.errors import UnreadableInput

DecodeMethod = Literal["bom", "declared", "utf-8", "mixed", "detected"]

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or office document)"),
    (b"\x7fELF", "ELF executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
)

# Pages labelled with these are, in practice, often UTF-8 (a mislabel) or cp1252 (which browsers
# read for all three labels, as the WHATWG encoding standard says).
LATIN_CODECS = frozenset({"iso8859-1", "cp1252", "ascii"})

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)

# Share of control characters (other than whitespace) above which decoded text is binary noise.
MAX_CONTROL_SHARE = 0.01
META_SCAN_BYTES = 4096
ASCII_BYTES = bytes(range(0x80))
DETECTION_SAMPLE_BYTES = 1 << 20
NON_ASCII = re.compile(rb"[\x80-\xff]")


class Decoded(msgspec.Struct, frozen=True):
    text: str
    encoding: str
    method: DecodeMethod


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type header, if any."""
    if not content_type:
        return None
    match = HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def charset_from_meta(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag near its start, if any."""
    match = META_CHARSET.search(data[:META_SCAN_BYTES])
    return match.group(1).decode("ascii") if match else None


def binary_signature(data: bytes) -> str | None:
    """What kind of binary file `data` starts like, if it starts like a known one."""
    for signature, name in BINARY_SIGNATURES:
        if data.startswith(signature):
            return name
    return None


def decode_bytes(data: bytes, *, declared: str | None = None, html: bool = False) -> Decoded:
    """Decode an input to text, or raise UnreadableInput when it is empty or binary.

    Order: a byte-order mark; the declared charset (`declared`, e.g. from an HTTP header, else a
    <meta> charset when `html`); strict UTF-8; UTF-8 with stray legacy bytes read as cp1252
    (pages stitched from two encodings); charset-normalizer's best guess.
    """
    if not data.strip():
        raise UnreadableInput("empty input")
    signature = binary_signature(data)
    if signature:
        raise UnreadableInput(f"binary content ({signature}), not text")
    decoded = _decode(data, declared=declared or (charset_from_meta(data) if html else None))
    if not decoded.text.strip():
        raise UnreadableInput("empty input")
    if _looks_binary(decoded.text):
        raise UnreadableInput("binary content (control bytes), not text")
    return decoded


def _decode(data: bytes, *, declared: str | None) -> Decoded:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding, "bom")
            except UnicodeDecodeError:
                break
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        text = _strict(data, utf16)
        if text is not None:
            return Decoded(text, utf16, "detected")
    utf8 = _strict(data, "utf-8")
    label = _known_codec(declared)
    if label is not None and label.startswith(("utf-16", "utf-32")):
        # Without a byte-order mark or the zero-byte pattern (both handled above) this label is
        # a mislabel; browsers read such pages as UTF-8 too.
        label = None
    if label in LATIN_CODECS:
        label = None if utf8 is not None and not data.isascii() else "cp1252"
    if label is not None:
        text = _strict(data, label)
        if text is not None:
            return Decoded(text, label, "declared")
    if utf8 is not None:
        return Decoded(utf8, "utf-8", "utf-8")
    # Detection reads a sample: its cost grows with the input, and a page's first megabyte
    # tells its encoding as well as the rest.
    sample = _detection_sample(data)
    if _mostly_utf8(sample):
        return Decoded(data.decode("utf-8", "cp1252-fallback"), "utf-8+cp1252", "mixed")
    # More and longer probes than the library's default (5 x 512 bytes) steady its verdict.
    matches = charset_normalizer.from_bytes(sample, steps=20, chunk_size=1024)
    best = matches.best()
    if best is None:
        raise UnreadableInput("binary content (no text encoding fits), not text")
    for match in matches:
        # Short Western texts fit several code pages equally well; cp1252 is the web's usual one.
        if (
            match.encoding == "cp1252"
            and match.chaos <= best.chaos
            and match.coherence >= best.coherence - 0.01
        ):
            best = match
    text = str(best) if sample is data else data.decode(best.encoding, "replace")
    return Decoded(text, best.encoding, "detected")


def _detection_sample(data: bytes) -> bytes:
    """A stretch of `data` from just before its first non-ASCII byte (the bytes that tell
    encodings apart), ending at a line break where one is near so no character is split."""
    if len(data) <= DETECTION_SAMPLE_BYTES:
        return data
    first_high = NON_ASCII.search(data)
    start = 0 if first_high is None else max(0, first_high.start() - 1024)
    end = start + DETECTION_SAMPLE_BYTES
    line_end = data.rfind(b"\n", start + DETECTION_SAMPLE_BYTES // 2, end)
    return data[start : line_end if line_end > 0 else end]


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _known_codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().lower()).name.replace("_", "-")
    except LookupError:
        return None


UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _mostly_utf8(data: bytes) -> bool:
    """Whether most non-ASCII bytes of invalid UTF-8 still form well-formed UTF-8 sequences."""
    found = UTF8_MULTIBYTE.findall(data)
    covered = sum(len(sequence) for sequence in found)
    high = len(data.translate(None, ASCII_BYTES))
    return len(found) >= 2 and covered >= high / 2


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark shows as zero bytes on one side of mostly-ASCII pairs."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2 or b"\x00" not in sample:
        return None
    even_zeros = sample[0::2].count(0) / half
    odd_zeros = sample[1::2].count(0) / half
    if odd_zeros > 0.3 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.3 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", "replace"), error.end


codecs.register_error("cp1252-fallback", _cp1252_fallback)


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:65536]
    controls = sum(
        1 for ch in sample if ch not in "\t\n\r\f\v" and unicodedata.category(ch) == "Cc"
    )
    return controls > MAX_CONTROL_SHARE * len(sample)
