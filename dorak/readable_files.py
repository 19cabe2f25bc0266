"""A readable report table (readable_report.Table) as the files a manager opens: XLSX with a
title row, bold wrapped headers, widths that fit and, in Arabic, the sheet right-to-left; CSV
in UTF-8 with a byte-order mark, so that Excel reads its Arabic (without one it guesses the
Windows code page and shows mojibake). Plain Python, no Flask."""

from __future__ import annotations

import csv
import io
import math
import unicodedata

from .readable_report import Table

BOM = "\ufeff"
NUMBER_FORMATS = {"count": "0", "share": "0.0", "seconds": "0.0", "number": "0.0#"}
NARROWEST, WIDEST = 8, 45  # column widths, in characters
HEADER_WRAP = 22  # a header longer than this wraps onto more lines rather than widen the column


def as_readable_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([table.title])
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow(["" if v is None else v for v in row])
    return BOM + out.getvalue()


def _text(v: object) -> str:
    return "" if v is None else str(v)


def _len(text: str) -> int:
    """Characters that take room: Arabic vowel marks (shadda, damma...) sit on their letter."""
    return sum(not unicodedata.combining(c) for c in text)


def widths(table: Table) -> list[int]:
    """Each column as wide as its longest value, or its header wrapped over lines of about
    HEADER_WRAP characters, whichever is wider; bounded to NARROWEST..WIDEST."""
    out = []
    for i, header in enumerate(table.headers):
        longest = max((_len(_text(r[i])) for r in table.rows), default=0)
        head = _len(header) if _len(header) <= HEADER_WRAP else _wrapped_width(header)
        out.append(max(NARROWEST, min(WIDEST, max(longest, head) + 2)))
    return out


def _wrapped_width(header: str) -> int:
    """The width of the longest line when the header's words wrap at about HEADER_WRAP."""
    lines, line = [], ""
    for word in header.split():
        if line and _len(line) + 1 + _len(word) > HEADER_WRAP:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return max(_len(x) for x in lines)


def as_readable_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "".join(c for c in table.sheet if c not in "[]:*?/\\")[:31] or "Dorak"
    sheet.sheet_view.rightToLeft = table.lang == "ar"
    sheet.append([table.title])  # not merged: it runs on over the empty cells, on every page too
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.row_dimensions[1].height = 24
    sheet.append(table.headers)
    fill = PatternFill("solid", fgColor="DDE6F0")
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row in table.rows:
        sheet.append(row)
    for col, kind in enumerate(table.kinds, start=1):
        if kind in NUMBER_FORMATS:
            for (cell,) in sheet.iter_rows(min_row=3, min_col=col, max_col=col):
                cell.number_format = NUMBER_FORMATS[kind]
    cols = widths(table)
    for col, width in enumerate(cols, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    lines = max(
        (math.ceil(_len(h) / max(1, w - 2)) for h, w in zip(table.headers, cols, strict=True)),
        default=1,
    )
    sheet.row_dimensions[2].height = 15 * max(1, lines) + 4
    sheet.freeze_panes = "B3"  # the title, the headers and the names stay in view
    # On paper every page has the title (as its page header), the headers and the names.
    sheet.oddHeader.center.text = table.title.replace("&", "&&")
    sheet.print_area = f"A2:{get_column_letter(len(cols) or 1)}{len(table.rows) + 2}"
    sheet.print_title_rows = "2:2"
    sheet.print_title_cols = "A:A"
    sheet.page_setup.orientation = "landscape"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
