"""Read stage: paths, directories and '-' → Source(name, decoded text).

Every offset and line number downstream refers to ``Source.text``: the bytes
decoded (encoding detected per file unless forced), newlines normalised the
way Python's text mode does (CRLF and lone CR → LF), and, for HTML input,
the visible text extracted from the markup; for PDF and Word files, the text
their reader gives (pdf_text, docx_text). `qdtargets text FILE` prints it.
"""
from __future__ import annotations

import codecs
import os
import re
import sys
from functools import cache
from pathlib import Path
from typing import Iterator, NamedTuple

# What a folder gives: every kind of file qdtargets reads.
READ_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
HTML_SUFFIXES = (".html", ".htm")


class SourceError(Exception):
    """A file that cannot be read; the message is one line a person can act on."""


class Source(NamedTuple):
    name: str
    text: str
    encoding: str = "utf-8"  # the codec that decoded the bytes, or the document format (pdf, docx)
    pages: tuple[int, ...] | None = None  # where each page starts in text, for paged input (PDF)


def expand_paths(paths: list[str], skipped: list[str] | None = None) -> Iterator[str]:
    """Yield the files to read, in the order given.

    A directory gives its files of the kinds qdtargets reads (READ_SUFFIXES,
    in any case), recursively, sorted by path; its other files are appended
    to ``skipped`` when given. Hidden files and directories (name starting
    with '.') are left out and symlinked directories are not followed.
    Anything else, including '-' (stdin) and paths that do not exist, passes
    through for read_source to read or reject. Raises SourceError when a
    directory cannot be listed.
    """
    for p in paths:
        if p == "-" or not os.path.isdir(p):
            yield p
            continue
        found: list[Path] = []
        for root, dirs, files in os.walk(p, onerror=_walk_error):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for f in files:
                if f.lower().endswith(READ_SUFFIXES) and not f.startswith("."):
                    found.append(Path(root, f))
                elif skipped is not None and not f.startswith("."):
                    skipped.append(str(Path(root, f)))
        yield from (str(f) for f in sorted(found))


def _walk_error(exc: OSError) -> None:
    raise SourceError(f"cannot read {exc.filename}: {_reason(exc)}")


def read_source(path: str, encoding: str | None = None) -> Source:
    """Read and decode one file ('-' is stdin); raise SourceError if unreadable.

    Without ``encoding`` the codec is detected: a UTF-8 or UTF-16 BOM, else
    UTF-16 without BOM (when there are NUL bytes), else strict UTF-8, else
    GB18030 (a superset of GBK and GB2312) when the result looks like Chinese
    text. ``encoding`` forces any Python codec (a leading BOM is dropped).
    HTML (a .html/.htm name, or text opening with <!DOCTYPE html or <html)
    is reduced to its visible text; see html_text.html_text. PDF and Word
    (.docx) files, known by their first bytes, are read by pdf_text and
    docx_text whatever ``encoding`` says; a Word 97-2003 .doc is refused with
    the command that converts it.
    """
    codec = _lookup(encoding) if encoding else None
    name = "<stdin>" if path == "-" else path
    # Checked first because Windows reports opening a directory as EACCES.
    if path != "-" and os.path.isdir(path):
        raise SourceError(f"cannot read {path}: is a directory")
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise SourceError(f"{path}: no such file") from None
    except OSError as exc:
        raise SourceError(f"cannot read {name}: {_reason(exc)}") from None
    document = _read_document(data, path, name)
    if document is not None:
        return document
    text, used = _decode(data, codec, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if path.lower().endswith(HTML_SUFFIXES) or _LOOKS_HTML.match(text):
        from .html_text import html_text  # only HTML input needs the parser

        text = html_text(text)
    return Source(path, text, used)


def _read_document(data: bytes, path: str, name: str) -> Source | None:
    """A PDF or Word file read by its reader (imported only then), else None."""
    if data.startswith(b"%PDF-"):
        from .pdf_text import pdf_text

        text, pages = pdf_text(data, name)
        return Source(path, text, "pdf", pages)
    if data.startswith(b"PK\x03\x04") and b"word/" in data:
        from .docx_text import docx_text

        return Source(path, docx_text(data, name), "docx")
    if data.startswith(_OLE) and "WordDocument".encode("utf-16-le") in data:
        raise SourceError(f"cannot read {name}: a Word 97-2003 .doc file; convert it to .docx "
                          f"first (LibreOffice: soffice --headless --convert-to docx {name})")
    return None


# The signature of Microsoft's compound files (.doc, .xls, .ppt).
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or str(exc)).lower()


def _lookup(encoding: str) -> str:
    try:
        codec = codecs.lookup(encoding).name
        b"\0".decode(codec)  # bytes-to-bytes codecs (base64, zlib) fail here
    except LookupError:
        raise SourceError(f"unknown encoding {encoding!r}") from None
    except UnicodeError:
        pass  # a text codec that rejects NUL
    return codec


# --- decoding -------------------------------------------------------------

# UTF-32 BOMs are absent on purpose: FF FE 00 00 then reads as UTF-16 with
# NUL characters, which is refused as binary.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls and DEL, except tab, LF, VT, FF and CR, which text files use.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def _decode(data: bytes, codec: str | None, name: str) -> tuple[str, str]:
    binary = SourceError(f"cannot read {name}: not text (binary data)")
    undecodable = SourceError(f"cannot read {name}: not UTF-8, UTF-16, GB18030 or Big5; try --encoding")
    if codec:
        try:
            text = data.decode(codec)
        except UnicodeError:
            raise SourceError(f"cannot read {name}: not valid {codec}; "
                              "try another --encoding") from None
        if _is_binary(text):
            raise binary
        return text.removeprefix("\ufeff"), codec
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            text = _try(data[len(bom):], bom_codec)
            if text is None:
                raise undecodable
            if _is_binary(text):
                raise binary
            return text, bom_codec
    if b"\0" in data:
        # UTF-16 without BOM: ASCII characters put their NUL byte on the odd
        # (little-endian) or even (big-endian) side.
        guess = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        text = _try(data, guess)
        if text is not None and _looks_chinese(text):
            return text, guess
        raise binary
    text = _try(data, "utf-8")
    if text is not None:
        if _is_binary(text):
            raise binary
        return text, "utf-8"
    # GB18030 decodes most byte soup, so only accept what reads like Chinese;
    # Big5 text read as GB18030 often passes that test too, so of the
    # readings that pass, the one with the more common characters wins.
    readings = []
    for legacy, common in (("gb18030", _common_either), ("big5", _common_traditional),
                           ("big5hkscs", _common_traditional)):
        text = _try(data, legacy)
        if text is not None:
            share = _common_share(text, common())
            if share is not None and share >= 0.8:
                readings.append((share, text, legacy))
    if readings:
        _, text, legacy = max(readings, key=lambda reading: reading[0])  # the first of equals
        return text, legacy
    raise binary if _is_binary(data.decode("latin-1")) else undecodable


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _is_binary(text: str) -> bool:
    """NUL anywhere, or control characters in more than 1% of the text."""
    return "\0" in text or len(_CONTROL.findall(text)) * 100 > len(text)


def _characters(codec: str, leads: range, trails: tuple[range, ...] = (range(0xA1, 0xFF),)) -> str:
    chars = []
    for lead in leads:
        for trail in (t for block in trails for t in block):
            try:
                chars.append(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


@cache
def _common() -> dict[int, None]:
    """GB2312 symbol rows (punctuation, full-width forms, kana, Greek, Cyrillic,
    pinyin, box drawing) and its 3755 level-1 hanzi, which cover over 99% of
    the characters of modern Chinese text. Mojibake (Big5, Shift-JIS, UTF-16
    read with the wrong byte order) lands mostly outside them. Built only
    when a file is not UTF-8, rather than at every start."""
    return dict.fromkeys([*map(ord, _characters("gb2312", range(0xA1, 0xAA))
                                 + _characters("gb2312", range(0xB0, 0xD8))), *range(0x80)])


@cache
def _common_traditional() -> dict[int, None]:
    """Big5's symbols and its 5401 frequent hanzi (A440–C67E), the traditional
    counterpart of _common."""
    big5_trails = (range(0x40, 0x7F), range(0xA1, 0xFF))
    return dict.fromkeys([*map(ord, _characters("big5", range(0xA1, 0xA4), big5_trails)
                                 + _characters("big5", range(0xA4, 0xC7), big5_trails)), *range(0x80)])


@cache
def _common_either() -> dict[int, None]:
    """GB18030 holds both scripts."""
    return {**_common(), **_common_traditional()}


def _common_share(text: str, common: dict[int, None]) -> float | None:
    """The share of common characters among the non-ASCII ones (1.0 for none),
    or None for binary data."""
    if _is_binary(text):
        return None
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return 1.0 - len(text.translate(common)) / non_ascii if non_ascii else 1.0


def _looks_chinese(text: str) -> bool:
    """No binary controls, and at least 80% of non-ASCII characters are common
    in either script."""
    share = _common_share(text, _common_either())
    return share is not None and share >= 0.8


_LOOKS_HTML = re.compile(r"\s*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE)


# --- matching view --------------------------------------------------------

def matching_view(text: str) -> str:
    """A copy of text, character for character, for pattern matching.

    Same length, so a match's offsets in the view are its offsets in text:

    - full-width digits, ．and ％ become ASCII; no-break and ideographic
      spaces and invisible characters (zero-width spaces, soft hyphens,
      direction marks) become ' ' (the Chinese comma stays: the patterns
      read both commas, and mapping it would mean copying nearly every text);
    - a line break that an invisible character holds open inside a sentence
      (…74.4\n\u200b\n万亿元, a web page's page-break residue) becomes spaces;
    - digits that old typesetting spreads apart (1 9 9 8 年, 7 4 7 7 2 亿元) or
      that an invisible character splits (7\u200b4) close up, the freed places
      left as spaces after them (1998    年), so the match starts at the first
      digit as written; only in a text with three spread numbers or more
      than it writes whole, since elsewhere "1 2" may be two numbers;
    - a text in traditional characters is read in simplified ones, one
      character for another (data/t2s.tsv), so the lexicons and patterns,
      which are simplified, read it too.
    """
    # Replacing the few characters that need it is much faster than translating
    # every character of a long text.
    view = _NEEDS_MAPPING.sub(_replacement, text)
    if _INVISIBLE_CHARS.search(text):
        view = _close_up(view, _HELD_BREAK.finditer(text))
        view = _close_up(view, _SPLIT_DIGITS.finditer(text))
    if _SPREAD_HINT.search(view):
        spread = len(_SPREAD_NUMBER.findall(view))
        if spread >= _SPREAD_ENOUGH or spread >= len(_PLAIN_NUMBER.findall(view)):
            view = _close_up(view, _SPREAD_RUN.finditer(view))
    if is_traditional(view):
        table = _t2s()
        view = "".join(map(table.get, view, view))  # much quicker than str.translate here
    return view


# Zero-width spaces and joiners, the word joiner and BOM, the soft hyphen,
# direction marks and embeddings, invisible operators, the Mongolian vowel
# separator: what copying from web pages and word processors leaves in text.
_INVISIBLE = ("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
              "\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u180e")
_OTHER_SPACES = "\u00a0\u2007\u202f\u3000"
_MAPPED = "０１２３４５６７８９．％" + _OTHER_SPACES + _INVISIBLE
_SAME_LENGTH = dict(zip(_MAPPED, "0123456789.%" + " " * (len(_OTHER_SPACES) + len(_INVISIBLE))))
_NEEDS_MAPPING = re.compile(f"[{_MAPPED}]+")
_INVISIBLE_CHARS = re.compile(f"[{_INVISIBLE}]")
# Found in the text, where the invisible characters can still be told from
# spaces. A break is held open only where the sentence goes on: no closing
# punctuation before it, no indented paragraph after it.
_HELD_BREAK = re.compile(rf"(?<=[^\s。！？；：…”」』）)])\n[ \t]*[{_INVISIBLE}][{_INVISIBLE} \t]*\n*(?=\S)")
_SPLIT_DIGITS = re.compile(rf"[0-9０-９][0-9０-９.．]*(?:[{_INVISIBLE}]+[0-9０-９.．]+)+")
# Found in the view: 1 9 9 8 is three or more single digits one space apart.
_SPREAD_HINT = re.compile(r"[0-9] [0-9] [0-9]")  # a quick look before counting
_SPREAD_NUMBER = re.compile(r"(?<![0-9])[0-9](?: [0-9]){2,}(?![0-9])")
_PLAIN_NUMBER = re.compile(r"[0-9]{2,}")
# This many spread numbers make a text spread, even where it writes more numbers whole.
_SPREAD_ENOUGH = 3
# A spread number with its decimal point (8 .8, 1 0 .0 6) and the space after it.
_SPREAD_RUN = re.compile(r"(?<![0-9.])[0-9](?: ?[0-9.])*(?: (?=\S))?")


def _replacement(m: re.Match) -> str:
    return "".join(_SAME_LENGTH[ch] for ch in m.group())


def _close_up(view: str, spans: Iterator[re.Match]) -> str:
    """view with the spaces of each span taken out and put back at its end."""
    pieces, done = [], 0
    for m in spans:
        start, end = m.span()
        packed = view[start:end].replace(" ", "").replace("\n", "")
        pieces += [view[done:start], packed, " " * (end - start - len(packed))]
        done = end
    return "".join(pieces) + view[done:] if pieces else view


# Characters that every report uses and that the two scripts write differently
# (國/国, 發/发 …): counting these few is enough to tell a report's script, and
# far quicker than reading the whole table for every text.
_TRADITIONAL_MARKS = "國們這個發經會業"
_SIMPLIFIED_MARKS = "国们这个发经会业"


def is_traditional(text: str) -> bool:
    """Whether text is written in traditional characters (more 國 than 国 …)."""
    traditional = sum(map(text.count, _TRADITIONAL_MARKS))
    return traditional > 0 and traditional > sum(map(text.count, _SIMPLIFIED_MARKS))


@cache
def _t2s() -> dict[str, str]:
    from .lexicon import read_table

    return dict(cols for _, cols in read_table("t2s.tsv", 2))
