"""The printed summary sheet: an A4 PDF statement of a summary, in Arabic or English, drawn by Qt.

Layout: every page has the organisation's name, a "confidential" marking, a rule, and at the foot
the methodology settings and "page N of M". The first page holds the title, the scope (period,
parties, governorates), the headline sentence in a shaded box, the key figures and the table by
governorate; then the table by facility category, the charts (civilians by governorate, by month,
facility attacks by category) and the methodology note. Blocks are never split across pages.

Text is laid out by ``QTextDocument`` (HTML) and drawn as text, with the shipped Noto fonts; Arabic
is shaped by Qt and set right to left (tables are written with their columns reversed, as Qt does
not mirror them). Charts are QtCharts scenes rendered straight into the PDF, so their labels are
text too.

Qt writes each font's ``ToUnicode`` map by looking up, for every glyph, the first code point the
font maps to it; for the contextual forms of Arabic letters that is a presentation form
(U+FExx), so copied or extracted text would read ﻗﺘﻠﺖ instead of قتلت. :func:`fix_text_maps`
rewrites those maps to the letters themselves (their compatibility decomposition) as an
incremental update of the file, so ``pdftotext`` and copy-and-paste give the Arabic text back as
it was written.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QBuffer, QIODevice, QMargins, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QGraphicsScene

from snhr_desktop.domain.gazetteer import gazetteer
from snhr_desktop.domain.messages import Message
from snhr_desktop.domain.vocabularies import vocabulary
from snhr_desktop.i18n import ARABIC_FONT_FAMILY, LATIN_FONT_FAMILY, register_fonts
from snhr_desktop.services.headline import (
    format_date,
    format_month,
    format_number,
    format_percent,
    headline,
    links_note,
    methodology_note,
    scope_lines,
)
from snhr_desktop.services.summary import Breakdown, Summary

__all__ = ["SummarySheet", "fix_text_maps", "fixed_text_maps", "sheet_pdf", "write_sheet"]

DPI: Final = 300
MARGIN_MM: Final = 16.0
HEADER_MM: Final = 14.0
FOOTER_MM: Final = 14.0
GAP_MM: Final = 4.0

NAVY: Final = "#1F3A5F"
ACCENT: Final = "#2E6DA4"
RED: Final = "#B3261E"
GREY_TEXT: Final = "#5B6573"
RULE: Final = "#C9D1DB"
SHADE: Final = "#F1F4F8"
STRIPE: Final = "#F7F9FB"
CHART_SCENE_WIDTH: Final = 1000.0  # charts are laid out this wide, then scaled to the page
CHART_TEXT_PX: Final = 15

_application: QApplication | None = None


def _mm(value: float) -> float:
    return value * DPI / 25.4


def ensure_application() -> QApplication:
    """The running QApplication, or a new one (offscreen when there is no display)."""
    global _application
    existing = QGuiApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if existing is not None:
        raise RuntimeError("the summary sheet needs a QApplication (charts are widgets)")
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _application = QApplication([sys.argv[0] if sys.argv else "snhr-desktop"])
    return _application


def write_sheet(
    summary: Summary, path: Path, lang: str, *, issued: dt.date | None = None
) -> int:
    """Write the summary sheet of ``summary`` in ``lang`` ("ar" or "en") to ``path`` (PDF).

    Creates a QApplication when none is running (offscreen without a display). Returns the
    number of pages.
    """
    ensure_application()
    register_fonts()
    return SummarySheet(summary, lang, issued=issued).write(path)


def sheet_pdf(summary: Summary, lang: str, *, issued: dt.date | None = None) -> bytes:
    """The summary sheet as PDF bytes, made in memory (for printing and previews)."""
    ensure_application()
    register_fonts()
    return SummarySheet(summary, lang, issued=issued).render()[0]


# -- blocks ----------------------------------------------------------------------------------------
@dataclass
class _Block:
    """Something drawn at full text width: its height in device pixels and how to draw it."""

    height: float
    draw: Callable[[QPainter, QRectF], None]
    keep_with_next: bool = False
    # For a table: the part that fits in a height, and the rest (None if nothing sensible fits).
    split: Callable[[float], tuple[_Block, _Block] | None] | None = None


@dataclass
class _Chart:
    """A chart and what is drawn over it, in its own coordinates."""

    chart: QChart
    overlay: Callable[[QPainter], None]


class SummarySheet:
    """The pages of one summary sheet; :meth:`write` lays them out and writes the PDF."""

    def __init__(self, summary: Summary, lang: str, *, issued: dt.date | None = None) -> None:
        self.summary = summary
        self.lang = "ar" if lang.lower().startswith("ar") else "en"
        self.rtl = self.lang == "ar"
        self.issued = issued or summary.computed_on
        families = (
            [ARABIC_FONT_FAMILY, LATIN_FONT_FAMILY]
            if self.rtl
            else [LATIN_FONT_FAMILY, ARABIC_FONT_FAMILY]
        )
        self.families = families
        self.css_families = ", ".join(f"'{f}'" for f in families)
        # Noto Sans Arabic's line spacing leaves room for stacked marks we never use: tighter.
        self.tight = "line-height: 78%;" if self.rtl else ""

    # -- text helpers ---------------------------------------------------------------------------
    def text(self, code: str, **args: object) -> str:
        return Message.of(code, **args).render(self.lang)

    def _document(self, device: QPdfWriter, body: str, width: float) -> QTextDocument:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(device)
        font = QFont()
        font.setFamilies(self.families)
        font.setPointSizeF(10)
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        direction = "rtl" if self.rtl else "ltr"
        doc.setDefaultStyleSheet(
            f"body {{ font-family: {self.css_families}; font-size: 10pt; color: #1B1F24; }}"
            f"h1 {{ font-size: 20pt; color: {NAVY}; font-weight: bold; }}"
            f"h2 {{ font-size: 12.5pt; color: {NAVY}; font-weight: bold; }}"
            f"td, th {{ font-size: 9pt; }}"
        )
        doc.setHtml(f'<html><body><div dir="{direction}">{body}</div></body></html>')
        doc.setTextWidth(width)
        return doc

    def _text_block(
        self, device: QPdfWriter, body: str, width: float, *, keep_with_next: bool = False
    ) -> _Block:
        doc = self._document(device, body, width)

        def draw(painter: QPainter, rect: QRectF) -> None:
            painter.save()
            painter.translate(rect.topLeft())
            doc.drawContents(painter, QRectF(0, 0, rect.width(), rect.height()))
            painter.restore()

        return _Block(doc.size().height(), draw, keep_with_next)

    def _row(self, cells: Sequence[str]) -> list[str]:
        """Cells in reading order, placed for the page (reversed for Arabic)."""
        return list(reversed(cells)) if self.rtl else list(cells)

    def _table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        total: Sequence[str] | None = None,
        widths: Sequence[int] | None = None,
    ) -> str:
        align = "right" if self.rtl else "left"
        pad = 'cellpadding="2.2" cellspacing="0"'
        parts = [
            f'<table width="100%" {pad} style="border-collapse: collapse; '
            f'border: 0.5pt solid {RULE};">'
        ]
        head_cells = []
        columns = len(headers)
        for index, header in self._indexed(headers):
            width = f' width="{widths[index]}%"' if widths else ""
            cell_align = align if index == 0 else "center"
            head_cells.append(
                f'<th{width} bgcolor="{NAVY}" align="{cell_align}" '
                f'style="color: white; font-weight: bold; border: 0.5pt solid {NAVY};">'
                f"{html.escape(header)}</th>"
            )
        parts.append("<tr>" + "".join(head_cells) + "</tr>")
        for number, row in enumerate(rows):
            shade = f' bgcolor="{STRIPE}"' if number % 2 else ""
            parts.append(f"<tr{shade}>" + self._cells(row, align, columns) + "</tr>")
        if total is not None:
            parts.append(
                f'<tr bgcolor="{SHADE}">' + self._cells(total, align, columns, bold=True) + "</tr>"
            )
        parts.append("</table>")
        return "".join(parts)

    def _indexed(self, cells: Sequence[str]) -> list[tuple[int, str]]:
        pairs = list(enumerate(cells))
        return list(reversed(pairs)) if self.rtl else pairs

    def _cells(self, row: Sequence[str], align: str, columns: int, bold: bool = False) -> str:
        weight = " font-weight: bold;" if bold else ""
        out = []
        for index, value in self._indexed(row):
            cell_align = align if index == 0 else "center"
            out.append(
                f'<td align="{cell_align}" style="border: 0.5pt solid {RULE};{weight}">'
                f"{html.escape(value)}</td>"
            )
        return "".join(out)

    # -- content --------------------------------------------------------------------------------
    def _blocks(self, device: QPdfWriter, width: float) -> list[_Block]:
        s = self.summary
        lang = self.lang
        gaz = gazetteer()
        blocks: list[_Block] = []

        period, *others = scope_lines(s, lang)
        issued = self.text("summary_issued", date=format_date(self.issued, lang))
        scope = html.escape(period) + "<br/>" + html.escape(" · ".join([*others, issued]))
        blocks.append(
            self._text_block(
                device,
                f"<h1>{html.escape(self.text('summary_title'))}</h1>"
                f'<p style="color: {GREY_TEXT}; font-size: 9.5pt; {self.tight}">{scope}</p>',
                width,
            )
        )
        blocks.append(self._headline_block(device, width))
        blocks.append(self._key_figures_block(device, width))

        # By governorate: civilians and massacres side by side.
        massacres = {r.code: r.count for r in s.massacres_by_governorate}
        civilians = {r.code: r.count for r in s.civilians_by_governorate}
        order = [r.code for r in s.civilians_by_governorate]
        order += [code for code in massacres if code not in civilians]
        rows = [
            [
                gaz.name(code, lang) if code in gaz else code,
                format_number(civilians.get(code, 0)),
                format_percent(civilians.get(code, 0), s.civilians_killed, lang),
                format_number(massacres.get(code, 0)),
                format_percent(massacres.get(code, 0), s.massacres, lang),
            ]
            for code in order
        ]
        share = self.text("summary_col_share")
        blocks.append(
            self._table_section(
                device,
                width,
                "summary_by_governorate",
                [
                    self.text("summary_col_governorate"),
                    self.text("summary_col_civilians"),
                    share,
                    self.text("summary_col_massacres"),
                    share,
                ],
                rows,
                total=[
                    self.text("summary_total"),
                    format_number(s.civilians_killed),
                    "100%" if s.civilians_killed else "0%",
                    format_number(s.massacres),
                    "100%" if s.massacres else "0%",
                ],
                widths=[32, 20, 14, 20, 14],
            )
        )

        # Facility attacks by category (with the group each belongs to).
        categories = vocabulary("facility_category")
        groups = vocabulary("facility_group")
        facility_rows = []
        for row in s.facility_attacks_by_category:
            term = categories.get(row.code) if row.code in categories else None
            group = term.group if term is not None else None
            facility_rows.append(
                [
                    term.label(lang) if term is not None else row.code,
                    groups.label(group, lang) if group and group in groups else "",
                    format_number(row.count),
                    format_percent(row.count, row.total, lang),
                ]
            )
        blocks.append(
            self._table_section(
                device,
                width,
                "summary_by_category",
                [
                    self.text("summary_col_category"),
                    self.text("summary_col_group"),
                    self.text("summary_col_attacks"),
                    self.text("summary_col_share"),
                ],
                facility_rows,
                total=[
                    self.text("summary_total"),
                    "",
                    format_number(s.facility_attacks),
                    "100%" if s.facility_attacks else "0%",
                ],
                widths=[36, 32, 16, 16],
            )
        )

        if len(s.civilians_by_perpetrator) > 1:
            perpetrators = vocabulary("perpetrator")
            rows = [
                [
                    perpetrators.label(r.code, lang) if r.code in perpetrators else r.code,
                    format_number(r.count),
                    format_percent(r.count, r.total, lang),
                ]
                for r in s.civilians_by_perpetrator
            ]
            blocks.append(
                self._table_section(
                    device,
                    width,
                    "summary_by_perpetrator",
                    [
                        self.text("summary_col_perpetrator"),
                        self.text("summary_col_civilians"),
                        self.text("summary_col_share"),
                    ],
                    rows,
                    widths=[56, 24, 20],
                )
            )

        def bars_height(rows: int) -> float:  # bars keep their thickness for a few rows
            return _mm(min(78.0, 20.0 + 4.2 * rows))

        charts: list[tuple[str, Callable[[QSizeF], _Chart], float]] = [
            (
                "summary_civilians_by_governorate",
                self._governorate_chart,
                bars_height(min(len(s.civilians_by_governorate), 14)),
            ),
            ("summary_by_month", self._month_chart, _mm(74)),
            (
                "summary_by_category",
                self._facility_chart,
                bars_height(min(len(s.facility_attacks_by_category), 12)),
            ),
        ]
        for title, build, chart_height in charts:
            heading = self._text_block(
                device, f"<h2>{html.escape(self.text(title))}</h2>", width, keep_with_next=True
            )
            blocks.append(heading)
            blocks.append(_Block(chart_height, self._chart_drawer(build)))

        note = html.escape(methodology_note(s, lang))
        settings = html.escape(
            self.text(
                "summary_settings",
                massacre_threshold=s.methodology.massacre_threshold,
                child_age_limit=s.methodology.child_age_limit,
            )
        )
        blocks.append(
            self._text_block(
                device,
                f'<h2>{html.escape(self.text("summary_methodology_title"))}</h2>'
                f'<p style="font-size: 8.5pt; color: {GREY_TEXT}; {self.tight}">{note}</p>'
                f'<p style="font-size: 8.5pt; color: {GREY_TEXT}; {self.tight}">{settings}</p>',
                width,
            )
        )
        return blocks

    def _table_section(
        self,
        device: QPdfWriter,
        width: float,
        title: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        total: Sequence[str] | None = None,
        widths: Sequence[int] | None = None,
        *,
        continued: bool = False,
    ) -> _Block:
        """A titled table that can be split between pages (the header row repeated, the total
        with the last part)."""
        heading = html.escape(self.text(title))
        if continued:
            heading += " " + html.escape(self.text("summary_continued"))
        if not rows:
            none = html.escape(self.text("summary_none"))
            return self._text_block(device, f"<h2>{heading}</h2><p>{none}</p>", width)
        block = self._text_block(
            device, f"<h2>{heading}</h2>{self._table(headers, rows, total, widths)}", width
        )

        def split(room: float) -> tuple[_Block, _Block] | None:
            for count in range(len(rows) - 2, 2, -1):  # at least three rows on either side
                first = self._text_block(
                    device, f"<h2>{heading}</h2>{self._table(headers, rows[:count], None, widths)}",
                    width,
                )
                if first.height <= room:
                    rest = self._table_section(
                        device, width, title, headers, rows[count:], total, widths, continued=True
                    )
                    return first, rest
            return None

        block.split = split if len(rows) >= 6 else None
        return block

    def _headline_block(self, device: QPdfWriter, width: float) -> _Block:
        inner = _mm(4)
        doc = self._document(
            device,
            f'<p style="font-size: 12.5pt; line-height: {100 if self.rtl else 128}%;">'
            f"{html.escape(headline(self.summary, self.lang))}</p>",
            width - 2 * inner - _mm(1.5),
        )
        height = doc.size().height() + 2 * inner

        def draw(painter: QPainter, rect: QRectF) -> None:
            box = QRectF(rect.left(), rect.top(), rect.width(), height)
            painter.save()
            painter.fillRect(box, QColor(SHADE))
            bar = _mm(1.5)
            edge = box.right() - bar if self.rtl else box.left()
            painter.fillRect(QRectF(edge, box.top(), bar, box.height()), QColor(ACCENT))
            left = box.left() + inner + (0 if self.rtl else bar)
            painter.translate(left, box.top() + inner)
            doc.drawContents(painter)
            painter.restore()

        return _Block(height, draw)

    def _key_figures_block(self, device: QPdfWriter, width: float) -> _Block:
        s = self.summary
        figures = [
            ("summary_civilians_killed", s.civilians_killed),
            ("summary_children", s.children),
            ("summary_women", s.women),
            ("summary_men", s.men),
            ("summary_massacres", s.massacres),
            ("summary_facility_attacks", s.facility_attacks),
        ]
        cells = []
        for code, value in figures:
            cells.append(
                f'<td align="center" width="16%" style="border: 0.5pt solid {RULE};">'
                f'<span style="font-size: 16pt; font-weight: bold; color: {NAVY};">'
                f"{format_number(value)}</span><br/>"
                f'<span style="font-size: 8pt; color: {GREY_TEXT};">'
                f"{html.escape(self.text(code))}</span></td>"
            )
        row = "".join(self._row(cells))
        body = (
            f"<h2>{html.escape(self.text('summary_key_figures'))}</h2>"
            f'<table width="100%" cellpadding="6" cellspacing="0" '
            f'style="border-collapse: collapse;"><tr>{row}</tr></table>'
        )
        lines = []
        if s.since is not None:
            lines.append(
                self.text(
                    "summary_since",
                    date=format_date(s.since.date, self.lang),
                    civilians=format_number(s.since.civilians_killed),
                    share=format_percent(s.since.civilians_killed, s.civilians_killed, self.lang),
                    children=format_number(s.since.children),
                    women=format_number(s.since.women),
                )
            )
        unknown = self.text("summary_unknown_sex_or_age")
        acknowledged = self.text("summary_acknowledged_incidents")
        lines.append(
            f"{unknown}: {format_number(s.unknown_sex_or_age)} · "
            f"{acknowledged}: {format_number(s.acknowledged_incidents)}"
        )
        specials = vocabulary("special_category")
        named = [
            f"{specials.label(r.code, self.lang) if r.code in specials else r.code} "
            f"{format_number(r.count)}"
            for r in s.special_categories
        ]
        separator = "، " if self.rtl else ", "
        lines.append(f"{self.text('summary_special_categories')}: {separator.join(named)}")
        links = links_note(s, self.lang)
        if links is not None:
            lines.append(links)
        body += f'<p style="font-size: 8.5pt; color: {GREY_TEXT}; {self.tight}">' + "<br/>".join(
            html.escape(line) for line in lines
        ) + "</p>"
        return self._text_block(device, body, width)

    # -- charts ---------------------------------------------------------------------------------
    # QtCharts draws the bars, axes and grid; names and values are drawn by us beside them (in
    # the chart's own coordinates), because QtCharts elides Arabic axis labels: it measures
    # them at the Arabic font's tall line spacing and finds no room between the bars.
    def _chart_font(self, pixels: int, bold: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(self.families)
        font.setPixelSize(pixels)
        font.setBold(bold)
        return font

    def _new_chart(self, size: QSizeF) -> QChart:
        chart = QChart()
        chart.setBackgroundRoundness(0)
        chart.setBackgroundBrush(QBrush(QColor("white")))
        chart.setDropShadowEnabled(False)
        chart.legend().hide()
        chart.setMargins(QMargins(0, 0, 0, 0))
        chart.layout().setContentsMargins(0, 0, 0, 0)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.resize(size)
        return chart

    def _style_axis(self, axis: QValueAxis | QBarCategoryAxis) -> None:
        axis.setLabelsFont(self._chart_font(CHART_TEXT_PX))
        axis.setLabelsColor(QColor("#333A44"))
        axis.setLinePen(QPen(QColor(RULE)))
        axis.setGridLineColor(QColor("#E6EAF0"))

    def _value_axis(self, largest: int) -> QValueAxis:
        axis = QValueAxis()
        axis.setLabelFormat("%d")
        step = _nice_step(max(largest, 1) / 5)
        ticks = int(max(largest, 1) // step) + 1
        axis.setRange(0, step * ticks)
        axis.setTickCount(ticks + 1)
        self._style_axis(axis)
        return axis

    def _text(
        self, painter: QPainter, box: QRectF, text: str, align: Qt.AlignmentFlag, px: int
    ) -> None:
        painter.setFont(self._chart_font(px))
        painter.setPen(QColor("#1B1F24"))
        painter.drawText(box, int(align | Qt.AlignmentFlag.AlignVCenter), text)

    def _bars(self, size: QSizeF, rows: Sequence[tuple[str, int]], limit: int = 14) -> _Chart:
        """Horizontal bars, the largest at the top, named on the reading side (the right for
        Arabic, where the bars grow to the left), each with its value at its end."""
        shown = list(rows[:limit])
        metrics = QFontMetricsF(self._chart_font(CHART_TEXT_PX))
        name_width = max((metrics.horizontalAdvance(name) for name, _ in shown), default=0) + 14
        value_width = max(
            (metrics.horizontalAdvance(format_number(v)) for _, v in shown), default=0
        ) + 14
        plot_width = size.width() - name_width - value_width - 8
        left = value_width + 4 if self.rtl else name_width
        plot = QRectF(left, 6, plot_width, size.height() - 6 - 34)
        chart = self._new_chart(size)
        bar_set = QBarSet("")
        bar_set.setColor(QColor(ACCENT))
        bar_set.setBorderColor(QColor(ACCENT))
        for _, value in reversed(shown):
            bar_set.append(float(value))
        series = QHorizontalBarSeries()
        series.append(bar_set)
        series.setBarWidth(0.72)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([str(n) for n in range(len(shown))])
        self._style_axis(categories)
        categories.setLabelsVisible(False)
        categories.setGridLineVisible(False)
        values = self._value_axis(max((v for _, v in shown), default=1))
        values.setReverse(self.rtl)
        side = Qt.AlignmentFlag.AlignRight if self.rtl else Qt.AlignmentFlag.AlignLeft
        chart.addAxis(categories, side)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)
        chart.setPlotArea(plot)

        def overlay(painter: QPainter) -> None:
            row_height = plot.height() / max(len(shown), 1)
            for index, (name, value) in enumerate(reversed(shown)):
                end = chart.mapToPosition(QPointF(value, index), series)
                y = end.y() - row_height / 2
                if self.rtl:
                    name_box = QRectF(plot.right() + 8, y, name_width - 8, row_height)
                    value_box = QRectF(end.x() - value_width, y, value_width - 5, row_height)
                    name_align, value_align = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
                else:
                    name_box = QRectF(0, y, name_width - 8, row_height)
                    value_box = QRectF(end.x() + 5, y, value_width, row_height)
                    name_align, value_align = Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignLeft
                self._text(painter, name_box, name, name_align, CHART_TEXT_PX)
                self._text(painter, value_box, format_number(value), value_align, CHART_TEXT_PX - 1)

        return _Chart(chart, overlay)

    def _governorate_chart(self, size: QSizeF) -> _Chart:
        gaz = gazetteer()
        rows = [
            (gaz.name(r.code, self.lang) if r.code in gaz else r.code, r.count)
            for r in self.summary.civilians_by_governorate
        ]
        return self._bars(size, rows)

    def _facility_chart(self, size: QSizeF) -> _Chart:
        categories = vocabulary("facility_category")
        rows = [
            (categories.label(r.code, self.lang) if r.code in categories else r.code, r.count)
            for r in self.summary.facility_attacks_by_category
        ]
        return self._bars(size, rows, limit=12)

    def _month_chart(self, size: QSizeF) -> _Chart:
        """Bars for up to three years of months, a line beyond; time runs left to right in both
        languages, labelled by month (short periods) or by year."""
        months: Sequence[Breakdown] = self.summary.civilians_by_month
        largest = max((r.count for r in months), default=0)
        metrics = QFontMetricsF(self._chart_font(CHART_TEXT_PX))
        value_width = metrics.horizontalAdvance(format_number(largest)) + 16
        plot = QRectF(value_width, 16, size.width() - value_width - 12, size.height() - 16 - 46)
        chart = self._new_chart(size)
        series: QBarSeries | QLineSeries
        if len(months) <= 36:
            bar_set = QBarSet("")
            bar_set.setColor(QColor(ACCENT))
            bar_set.setBorderColor(QColor(ACCENT))
            for row in months:
                bar_set.append(float(row.count))
            series = QBarSeries()
            series.append(bar_set)
            series.setBarWidth(0.75)
            category_axis = QBarCategoryAxis()
            category_axis.append([row.code for row in months])
            axis: QValueAxis | QBarCategoryAxis = category_axis
        else:
            series = QLineSeries()
            series.setPen(QPen(QColor(ACCENT), 2.2))
            for index, row in enumerate(months):
                series.append(QPointF(index, row.count))
            axis = QValueAxis()
            axis.setRange(-0.5, len(months) - 0.5)
        chart.addSeries(series)
        self._style_axis(axis)
        axis.setLabelsVisible(False)
        axis.setGridLineVisible(False)
        values = self._value_axis(largest)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis)
        series.attachAxis(values)
        chart.setPlotArea(plot)

        if len(months) <= 36:  # month names over their year, every month, 3 or 6 months
            every = 1 if len(months) <= 12 else 3 if len(months) <= 24 else 6
            marks = [
                (i, "\n".join(format_month(r.code, self.lang).rsplit(" ", 1)))
                for i, r in enumerate(months)
                if (int(r.code[5:7]) - 1) % every == 0
            ]
            short = len(months) > 6
        else:
            years = len(months) / 12
            every = max(1, round(years / 12))
            marks = [
                (i, r.code[:4])
                for i, r in enumerate(months)
                if r.code.endswith("-01") and int(r.code[:4]) % every == 0
            ]
            short = False

        def overlay(painter: QPainter) -> None:
            slot = plot.width() / max(len(months), 1)
            for index, label in marks:
                x = plot.left() + slot * (index + 0.5)
                if short and self.lang == "en":
                    label = f"{label[:3]}\n{label[-4:]}"
                box = QRectF(x - 70, plot.bottom() + 5, 140, 40)
                self._text(painter, box, label, Qt.AlignmentFlag.AlignHCenter, CHART_TEXT_PX - 1)
                painter.setPen(QPen(QColor(RULE), 1))
                painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))

        return _Chart(chart, overlay)

    def _chart_drawer(
        self, build: Callable[[QSizeF], _Chart]
    ) -> Callable[[QPainter, QRectF], None]:
        def draw(painter: QPainter, rect: QRectF) -> None:
            # Laid out at a fixed scene width (fonts are sized for it), then scaled to the page.
            size = QSizeF(CHART_SCENE_WIDTH, CHART_SCENE_WIDTH * rect.height() / rect.width())
            made = build(size)
            scene = QGraphicsScene()
            scene.addItem(made.chart)
            scene.setSceneRect(QRectF(QPointF(0, 0), size))
            made.chart.layout().activate()  # axes are placed by the layout, without an event loop
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            scene.render(painter, rect, scene.sceneRect())
            painter.translate(rect.topLeft())
            painter.scale(rect.width() / size.width(), rect.height() / size.height())
            if self.rtl:
                painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            made.overlay(painter)
            painter.restore()
            scene.removeItem(made.chart)
            made.chart.deleteLater()

        return draw

    # -- pages ----------------------------------------------------------------------------------
    def _paginate(self, blocks: Sequence[_Block], height: float) -> list[list[_Block]]:
        """Blocks onto pages in order; a table that does not fit where a fifth of the page or
        more is left is split there, any other block starts a new page."""
        pages: list[list[_Block]] = [[]]
        queue = list(blocks)
        used = 0.0
        gap = _mm(GAP_MM)
        index = 0
        while index < len(queue):
            block = queue[index]
            needed = block.height
            if block.keep_with_next and index + 1 < len(queue):
                needed += gap + queue[index + 1].height
            room = height - used
            if needed > room and (pages[-1] or block.height > height):
                parts = block.split(room) if block.split and room > height / 5 else None
                if parts is not None:
                    pages[-1].append(parts[0])
                    queue[index] = parts[1]
                    pages.append([])
                    used = 0.0
                    continue
                if pages[-1]:
                    pages.append([])
                    used = 0.0
            pages[-1].append(block)
            used += block.height + gap
            index += 1
        return pages

    def _frame(self, painter: QPainter, device: QPdfWriter, page: int, pages: int) -> None:
        width = device.width()
        height = device.height()
        margin = _mm(MARGIN_MM)
        inner = width - 2 * margin
        top = margin
        # Header: the organisation on the reading side, the marking on the other.
        organisation = self._document(
            device,
            f'<p style="font-size: 10pt; font-weight: bold; color: {NAVY};">'
            f'{html.escape(self.text("summary_organisation"))}</p>',
            inner * 0.7,
        )
        painter.save()
        org_x = margin + inner - inner * 0.7 if self.rtl else margin
        painter.translate(org_x, top)
        organisation.drawContents(painter)
        painter.restore()

        marking = self.text("summary_confidential")
        font = QFont()
        font.setFamilies(self.families)
        font.setPointSizeF(9)
        font.setBold(True)
        painter.save()
        painter.setFont(font)
        metrics = painter.fontMetrics()
        box_w = metrics.horizontalAdvance(marking) + _mm(5)
        box_h = metrics.height() + _mm(1.6)
        box_x = margin if self.rtl else margin + inner - box_w
        box = QRectF(box_x, top, box_w, box_h)
        painter.setPen(QPen(QColor(RED), _mm(0.35)))
        painter.drawRect(box)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), marking)
        painter.restore()

        rule_y = top + _mm(HEADER_MM) - _mm(4)
        painter.save()
        painter.setPen(QPen(QColor(NAVY), _mm(0.4)))
        painter.drawLine(QPointF(margin, rule_y), QPointF(margin + inner, rule_y))
        painter.restore()

        # Footer: settings on the reading side, the page number on the other.
        foot_y = height - margin - _mm(FOOTER_MM) + _mm(4)
        painter.save()
        painter.setPen(QPen(QColor(RULE), _mm(0.3)))
        painter.drawLine(QPointF(margin, foot_y), QPointF(margin + inner, foot_y))
        painter.restore()
        m = self.summary.methodology
        settings = self.text(
            "summary_settings",
            massacre_threshold=m.massacre_threshold,
            child_age_limit=m.child_age_limit,
        )
        number = self.text("summary_page", page=page, pages=pages)
        near, far = ("right", "left") if self.rtl else ("left", "right")
        cells = [
            f'<td align="{near}" width="62%" style="font-size: 7.5pt; color: {GREY_TEXT};">'
            f"{html.escape(settings)}</td>",
            f'<td align="center" width="16%" style="font-size: 8pt; color: {RED}; '
            f'font-weight: bold;">{html.escape(self.text("summary_confidential"))}</td>',
            f'<td align="{far}" width="22%" style="font-size: 8pt; color: {GREY_TEXT};">'
            f"{html.escape(number)}</td>",
        ]
        footer = self._document(
            device,
            '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
            + "".join(self._row(cells))
            + "</tr></table>",
            inner,
        )
        painter.save()
        painter.translate(margin, foot_y + _mm(1.5))
        footer.drawContents(painter)
        painter.restore()

    def write(self, path: Path) -> int:
        """Lay out and write the PDF to ``path``; returns the number of pages."""
        data, pages = self.render()
        Path(path).write_bytes(data)
        return pages

    def render(self) -> tuple[bytes, int]:
        """Lay out the sheet and return the PDF bytes and the number of pages, in memory only
        (printing must not leave a readable copy on disk)."""
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(DPI)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
        )
        writer.setTitle(self.text("summary_title"))
        writer.setCreator("SNHR Desktop")
        margin = _mm(MARGIN_MM)
        width = writer.width() - 2 * margin
        top = margin + _mm(HEADER_MM)
        body_height = writer.height() - top - margin - _mm(FOOTER_MM)
        blocks = self._blocks(writer, width)
        pages = self._paginate(blocks, body_height)
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError("cannot lay out the summary sheet")
        try:
            for number, page in enumerate(pages, start=1):
                if number > 1:
                    writer.newPage()
                self._frame(painter, writer, number, len(pages))
                y = top
                for block in page:
                    block.draw(painter, QRectF(margin, y, width, block.height))
                    y += block.height + _mm(GAP_MM)
        finally:
            painter.end()
        data, _changed = fixed_text_maps(bytes(buffer.data().data()))
        return data, len(pages)


def _short_month(code: str, lang: str) -> str:
    text = format_month(code, lang)
    if lang == "ar":
        return text
    month, year = text.split(" ")
    return f"{month[:3]} {year[2:]}"


def _nice_step(raw: float) -> float:
    """1, 2 or 5 times a power of ten, at least ``raw``."""
    if raw <= 1:
        return 1
    power = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return float(factor * power)
    return float(10 * power)


# -- text extraction -------------------------------------------------------------------------------
_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_HEX = re.compile(rb"<([0-9A-Fa-f]{4,})>")


def _letters(ch: str) -> str:
    """What a code point of a ToUnicode map should read as: a presentation form as the letters
    it shows (ﻗ as ق, ﻼ as لا, ﬂ as fl, the isolated ﹰ as the mark ً), a tab or line break as
    a space."""
    if ch in "\t\r\n":
        return " "
    code = ord(ch)
    if not (0xFB00 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF):  # fi, fl … and Arabic
        return ch
    letters = unicodedata.normalize("NFKC", ch)
    if any(unicodedata.combining(c) for c in letters):  # isolated and medial harakat
        letters = letters.replace(" ", "").replace("\u0640", "")
    if len(letters) > 1 and all(unicodedata.bidirectional(c) == "AL" for c in letters):
        # A ligature (لا, لى…). pdftotext spreads a glyph's letters left to right over the
        # glyph, then reads right-to-left words from the right: listed in visual order, the
        # letters come back in the order they were written.
        letters = letters[::-1]
    return letters or ch


def _logical(hex_text: bytes, offset: int = 0) -> bytes:
    """A ToUnicode target (``offset`` added to its last code unit, as in a range) as letters."""
    raw = bytes.fromhex(hex_text.decode("ascii"))
    if offset:
        raw = raw[:-2] + (int.from_bytes(raw[-2:], "big") + offset).to_bytes(2, "big")
    text = raw.decode("utf-16-be", errors="replace")
    return b"<" + "".join(map(_letters, text)).encode("utf-16-be").hex().upper().encode() + b">"


def fix_text_maps(path: Path) -> int:
    """:func:`fixed_text_maps` applied to a PDF file in place; returns how many maps changed."""
    data, changed = fixed_text_maps(path.read_bytes())
    if changed:
        path.write_bytes(data)
    return changed


def fixed_text_maps(data: bytes) -> tuple[bytes, int]:
    """Rewrite the ToUnicode maps of a PDF written by Qt so that extracted text is made of
    letters, not presentation forms (see the module documentation). The new maps are appended
    as an incremental update; returns the PDF and how many maps changed."""
    objects = sorted({int(n) for n in _TO_UNICODE.findall(data)})
    updates: list[tuple[int, bytes]] = []
    for number in objects:
        match = re.search(
            rb"(?:^|\n)%d 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n" % number, data
        )
        if match is None:  # a layout this function does not know: leave it untouched
            continue
        start = match.end()
        stream = data[start : start + int(match.group(1))]
        section = re.compile(rb"(begin(?:bfchar|bfrange)\n)(.*?)(end(?:bfchar|bfrange))", re.S)

        def targets(found: re.Match[bytes]) -> bytes:
            lines = []
            ranges = found.group(1).startswith(b"beginbfrange")
            for line in found.group(2).split(b"\n"):
                codes = _HEX.findall(line)
                if ranges and len(codes) >= 3:
                    low, high = int(codes[0], 16), int(codes[1], 16)
                    head = b"<%s> <%s>" % (codes[0], codes[1])
                    if b"[" in line or low == high:
                        targets = b" ".join(_logical(code) for code in codes[2:])
                        lines.append(head + (b" [%s]" % targets if b"[" in line else b" " + targets))
                    else:  # "<lo> <hi> <dst>": dst, dst+1, …; spelled out, as letters may differ
                        spelled = b" ".join(_logical(codes[2], n) for n in range(high - low + 1))
                        lines.append(head + b" [" + spelled + b"]")
                elif not ranges and len(codes) >= 2:
                    lines.append(b"<%s> %s" % (codes[0], _logical(codes[1])))
                else:
                    lines.append(line)
            return found.group(1) + b"\n".join(lines) + found.group(3)

        fixed = section.sub(targets, stream)
        if fixed != stream:
            updates.append((number, fixed))
    if not updates:
        return data, 0
    trailer = data[data.rindex(b"trailer") :]
    previous = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    size = re.search(rb"/Size (\d+)", trailer)
    root = re.search(rb"/Root (\d+ \d+ R)", trailer)
    info = re.search(rb"/Info (\d+ \d+ R)", trailer)
    if size is None or root is None:
        return data, 0
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets: list[tuple[int, int]] = []
    for number, stream in updates:
        offsets.append((number, len(out)))
        out += b"%d 0 obj\n<< /Length %d >>\nstream\n" % (number, len(stream))
        out += stream + b"\nendstream\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for number, offset in offsets:
        out += b"%d 1\n%010d 00000 n \n" % (number, offset)
    out += b"trailer\n<< /Size " + size.group(1) + b" /Root " + root.group(1)
    if info is not None:
        out += b" /Info " + info.group(1)
    out += b" /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (previous, xref)
    return bytes(out), len(updates)
