"""The Summary page: filters, figure cards, headline and charts, each figure drilling to its records."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QBuffer,
    QIODevice,
    QMargins,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRegularExpression,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPen,
    QRegularExpressionValidator,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGraphicsSimpleTextItem,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from snhr_desktop.domain.gazetteer import gazetteer
from snhr_desktop.domain.messages import Message, UserError
from snhr_desktop.domain.vocabularies import vocabulary
from snhr_desktop.i18n import Collator, Retranslating, current_language, install_digit_folding, tr
from snhr_desktop.services.browse import drilled_rows
from snhr_desktop.services.headline import (
    format_date,
    format_month,
    format_number,
    format_percent,
    headline,
    links_note,
    scope_lines,
)
from snhr_desktop.services.summary import Summary, SummaryFilters, drill, figure_kind, summarise
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui.dialogs import busy_cursor, fill, left_to_right, show_error, show_message
from snhr_desktop.ui.events import record_events
from snhr_desktop.ui.record_lists import open_form, parse_period_text
from snhr_desktop.ui.table_models import display_value, field_title

__all__ = [
    "DrillDownDialog",
    "DrilledRecordsModel",
    "FigureCard",
    "MultiSelectButton",
    "SheetFiles",
    "SummaryPage",
    "paint_pdf",
]

Index = QModelIndex | QPersistentModelIndex
RECOMPUTE_DELAY_MS = 300
CHART_BARS = 15  # at most this many bars per chart (the largest), so labels stay readable
NAVY = "#1F3A5F"
ACCENT = "#2E6DA4"

# The figure cards: drill key (None: not a count of records), caption message code.
CARDS: tuple[tuple[str, str | None, str], ...] = (
    ("civilians_killed", "civilians_killed", "summary_civilians_killed"),
    ("children", "children", "summary_children"),
    ("women", "women", "summary_women"),
    ("men", "men", "summary_men"),
    ("unknown_sex_or_age", "unknown_sex_or_age", "summary_unknown_sex_or_age"),
    ("massacres", "massacres", "summary_massacres"),
    ("facility_attacks", "facility_attacks", "summary_facility_attacks"),
    ("acknowledged_incidents", "acknowledged_incidents", "summary_acknowledged_incidents"),
    ("days", None, "summary_days"),
    ("since", "since_civilians_killed", ""),
)


def message(code: str, lang: str | None = None, **args: object) -> str:
    """A text of the bilingual catalogue (shared with the printed sheet) in the active language."""
    return Message.of(code, **args).render(lang or current_language())


def card_value(summary: Summary, name: str) -> int:
    """The number a card shows."""
    if name == "days":
        return summary.days
    if name == "since":
        return summary.since.civilians_killed if summary.since is not None else 0
    return int(getattr(summary, name))


# -- files and printing ----------------------------------------------------------------------------
class SheetFiles:
    """Asks where to write a summary sheet; tests replace ``choose``."""

    @classmethod
    def choose(cls, parent: QWidget | None, caption: str, filters: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(parent, caption, "snhr-summary.pdf", filters)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(".pdf")


def sheet_bytes(summary: Summary, lang: str) -> bytes:
    """The summary sheet as PDF bytes, for printing: made in memory, never written to disk."""
    from snhr_desktop.ui.sheet import sheet_pdf

    return sheet_pdf(summary, lang)


def paint_pdf(data: bytes, printer: QPrinter, dpi: int = 300) -> int:
    """Paint every page of the PDF ``data`` onto ``printer``, each fitted to its page, rendered at
    ``dpi`` at most; returns the number of pages painted."""
    buffer = QBuffer()
    buffer.setData(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    pages = document.pageCount()
    painter = QPainter()
    if pages == 0 or not painter.begin(printer):
        document.close()
        return 0
    try:
        for page in range(pages):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            area = QRect(0, 0, target.width(), target.height())
            scale = min(area.width() / points.width(), area.height() / points.height())
            width, height = int(points.width() * scale), int(points.height() * scale)
            resolution = min(dpi, max(72, printer.resolution()))
            image = document.render(
                page,
                QSize(
                    int(points.width() * resolution / 72), int(points.height() * resolution / 72)
                ),
            )
            x = (area.width() - width) // 2
            painter.drawImage(QRect(x, 0, width, height), image)
    finally:
        painter.end()
        document.close()
    return pages


# -- filters ---------------------------------------------------------------------------------------
class MultiSelectButton(QToolButton):
    """A button with a menu of checkable choices; nothing checked means "all"."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._menu = QMenu(self)
        self.setMenu(self._menu)
        self._all_text = ""
        self._some_text = "%1"
        self.actions_by_code: dict[str, QAction] = {}

    def set_items(
        self, items: Sequence[tuple[str, str]], all_text: str, some_text: str
    ) -> None:
        """(code, label) choices, keeping what was checked; ``some_text`` has %1 for a number."""
        self._all_text, self._some_text = all_text, some_text
        if {code for code, _label in items} == set(self.actions_by_code):
            # The same choices in another language: relabel and reorder the same actions.
            for action in self.actions_by_code.values():
                self._menu.removeAction(action)
            reordered: dict[str, QAction] = {}
            for code, label in items:
                action = self.actions_by_code[code]
                action.setText(label)
                self._menu.addAction(action)
                reordered[code] = action
            self.actions_by_code = reordered
            self._show_choice()
            return
        checked = set(self.selected())
        self._menu.clear()
        self.actions_by_code = {}
        for code, label in items:
            action = self._menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(code in checked)
            action.setData(code)
            action.toggled.connect(lambda _on: self._toggled())
            self.actions_by_code[code] = action
        self._show_choice()

    def selected(self) -> tuple[str, ...]:
        return tuple(code for code, a in self.actions_by_code.items() if a.isChecked())

    def set_selected(self, codes: Sequence[str]) -> None:
        for code, action in self.actions_by_code.items():
            action.blockSignals(True)
            action.setChecked(code in codes)
            action.blockSignals(False)
        self._show_choice()
        self.changed.emit()

    def _toggled(self) -> None:
        self._show_choice()
        self.changed.emit()

    def _show_choice(self) -> None:
        chosen = [a.text() for a in self.actions_by_code.values() if a.isChecked()]
        if not chosen:
            text = self._all_text
        elif len(chosen) == 1:
            text = chosen[0]
        else:
            text = fill(self._some_text, len(chosen))
        self.setText(text)
        self.setToolTip("\n".join(chosen) or text)


def _date_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setValidator(
        QRegularExpressionValidator(QRegularExpression(r"\d{0,4}(-\d{0,2}(-\d{0,2})?)?"), field)
    )
    install_digit_folding(field)
    field.setClearButtonEnabled(True)
    field.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return field


class SummaryFilterBar(Retranslating, QWidget):
    """Perpetrator parties, period, governorates and the optional start of a sub-period."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(RECOMPUTE_DELAY_MS)
        self._debounce.timeout.connect(self.changed)
        self.perpetrators = MultiSelectButton()
        self.perpetrators.setObjectName("summaryPerpetrators")
        self.governorates = MultiSelectButton()
        self.governorates.setObjectName("summaryGovernorates")
        for button in (self.perpetrators, self.governorates):
            button.changed.connect(self.now)
        self.from_label, self.to_label, self.since_label = QLabel(), QLabel(), QLabel()
        self.date_from = _date_field("summaryFrom")
        self.date_to = _date_field("summaryTo")
        self.since = _date_field("summarySince")
        for label, field in (
            (self.from_label, self.date_from),
            (self.to_label, self.date_to),
            (self.since_label, self.since),
        ):
            label.setBuddy(field)
            field.textChanged.connect(lambda _text: self._debounce.start())
            field.editingFinished.connect(self.now)
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("summaryClear")
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.clear)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.perpetrators)
        layout.addWidget(self.governorates)
        layout.addSpacing(8)
        for label, field in (
            (self.from_label, self.date_from),
            (self.to_label, self.date_to),
            (self.since_label, self.since),
        ):
            layout.addWidget(label)
            layout.addWidget(field)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.retranslate()

    def now(self) -> None:
        self._debounce.stop()
        self.changed.emit()

    def pending(self) -> bool:
        return self._debounce.isActive()

    def clear(self) -> None:
        for field in (self.date_from, self.date_to, self.since):
            field.blockSignals(True)
            field.clear()
            field.blockSignals(False)
        for button in (self.perpetrators, self.governorates):
            button.blockSignals(True)
            button.set_selected(())
            button.blockSignals(False)
        self.now()

    def filters(self) -> SummaryFilters:
        """The filters as chosen; ``ValueError`` names the field holding something not a date."""
        dates: list[dt.date | None] = []
        for field, end in ((self.date_from, False), (self.date_to, True), (self.since, False)):
            text = field.text().strip()
            if not text:
                dates.append(None)
                field.setStyleSheet("")
                continue
            try:
                dates.append(parse_period_text(text, end=end))
                field.setStyleSheet("")
            except ValueError:
                field.setStyleSheet("QLineEdit { color: #b3261e; }")
                raise ValueError(text) from None
        return SummaryFilters(
            perpetrators=self.perpetrators.selected(),
            date_from=dates[0],
            date_to=dates[1],
            governorates=self.governorates.selected(),
            since=dates[2],
        )

    def retranslate(self) -> None:
        lang = current_language()
        collator = Collator(lang)
        self.perpetrators.set_items(
            [(t.code, t.label(lang)) for t in vocabulary("perpetrator")],
            self.tr("All perpetrators"),
            self.tr("%1 perpetrators"),
        )
        places = sorted(gazetteer().governorates(), key=lambda p: collator.key(p.name(lang)))
        self.governorates.set_items(
            [(p.pcode, p.name(lang)) for p in places],
            self.tr("All governorates"),
            self.tr("%1 governorates"),
        )
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("To"))
        self.since_label.setText(self.tr("Since"))
        hint = self.tr("A year (2016), a month (2016-05) or a day (2016-05-03).")
        for field in (self.date_from, self.date_to, self.since):
            field.setPlaceholderText(self.tr("YYYY-MM-DD"))
            metrics = field.fontMetrics()
            width = max(metrics.horizontalAdvance(t) for t in ("0000-00-00", field.placeholderText()))
            field.setFixedWidth(width + 40)
            field.setToolTip(hint)
        self.since.setToolTip(
            self.tr("Optional: the start of a sub-period whose share of the period is shown.")
            + "\n"
            + hint
        )
        self.clear_button.setText(self.tr("Clear filters"))


# -- figure cards ----------------------------------------------------------------------------------
class FigureCard(QFrame):
    """One figure: a big number over its caption; clicking it (or Enter, Space) drills down."""

    clicked = Signal()

    def __init__(self, name: str, drillable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.drillable = drillable
        self.setObjectName(f"card_{name}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value_label = QLabel()
        self.value_label.setObjectName("cardValue")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value_label.setFont(font)
        self.caption_label = QLabel()
        self.caption_label.setObjectName("cardCaption")
        self.caption_label.setWordWrap(True)
        for label in (self.value_label, self.caption_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label, 1)
        self.setMinimumWidth(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        if drillable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(
            f"FigureCard {{ background: #F4F7FB; border: 1px solid #C9D1DB; border-radius: 6px; }}"
            f"FigureCard:focus {{ border: 2px solid {ACCENT}; }}"
            f"QLabel#cardValue {{ color: {NAVY}; }}"
        )

    def set_figure(self, value: str, caption: str, tooltip: str) -> None:
        self.value_label.setText(value)
        self.caption_label.setText(caption)
        self.setToolTip(tooltip)
        self.setAccessibleName(f"{caption}: {value}")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if (
            self.drillable
            and event.button() == Qt.MouseButton.LeftButton
            and self.rect().contains(event.position().toPoint())
        ):
            self.clicked.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.drillable and event.key() in (
            Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space
        ):
            self.clicked.emit()
            event.accept()
            return
        super().keyPressEvent(event)


# -- charts ----------------------------------------------------------------------------------------
@dataclass
class ChartRow:
    """One bar or point: the drill key behind it, its label, its count."""

    key: str
    label: str
    count: int


class SummaryChart(QChartView):
    """A chart whose bars (or month points) drill down when clicked."""

    drill_requested = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(300)
        self.rows: list[ChartRow] = []
        self.bar_set: QBarSet | None = None
        self.line: QLineSeries | None = None
        self.rtl = False
        self._texts: list[tuple[QGraphicsSimpleTextItem, QGraphicsSimpleTextItem]] = []
        self.setChart(self._new_chart(""))

    def _new_chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        font = QFont(self.font())
        font.setBold(True)
        chart.setTitleFont(font)
        chart.legend().hide()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(4)
        return chart

    def _axis_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        return font

    def _replace(self, chart: QChart) -> None:
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    def show_bars(self, title: str, rows: Sequence[ChartRow], rtl: bool) -> None:
        """Horizontal bars, the largest at the top, named on the reading side (the right in
        right-to-left, where the bars grow leftwards), each with its value at its end.

        QtCharts elides category labels it finds too long, so the names and values are drawn as
        text items of the scene beside a plot area of our own (:meth:`_place_texts`)."""
        self.rows = list(rows)[:CHART_BARS]
        self.line = None
        self.rtl = rtl
        chart = self._new_chart(title)
        shown = list(reversed(self.rows))  # the category axis counts from the bottom
        bar_set = QBarSet("")
        bar_set.setColor(QColor(ACCENT))
        bar_set.setBorderColor(QColor(ACCENT))
        for row in shown:
            bar_set.append(row.count)
        series = QHorizontalBarSeries()
        series.append(bar_set)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        labels = QBarCategoryAxis()
        labels.append([str(n) for n in range(len(shown))] or ["0"])
        labels.setLabelsVisible(False)
        labels.setGridLineVisible(False)
        values = QValueAxis()
        largest = max((row.count for row in self.rows), default=0)
        values.setRange(0, max(1, largest))
        values.setLabelFormat("%d")
        values.setTickCount(5)
        values.applyNiceNumbers()
        values.setLabelsFont(self._axis_font())
        values.setReverse(rtl)
        chart.addAxis(labels, Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(labels)
        series.attachAxis(values)
        self._texts = []
        for row in shown:
            name = QGraphicsSimpleTextItem(row.label, chart)
            number = QGraphicsSimpleTextItem(format_number(row.count), chart)
            name.setFont(self._axis_font())
            number.setFont(self._axis_font())
            self._texts.append((name, number))
        # Room for the names on the reading side and the values at the bars' ends.
        metrics = QFontMetricsF(self._axis_font())
        name_width = max((metrics.horizontalAdvance(r.label) for r in shown), default=0) + 14
        value_width = max(
            (metrics.horizontalAdvance(format_number(r.count)) for r in shown), default=0
        ) + 14
        near, far = int(name_width), int(value_width)
        chart.setMargins(QMargins(far, 4, near, 4) if rtl else QMargins(near, 4, far, 4))
        chart.plotAreaChanged.connect(lambda _area: self._place_texts())
        bar_set.clicked.connect(self._bar_clicked)
        bar_set.hovered.connect(self._bar_hovered)
        self.bar_set = bar_set
        self._replace(chart)
        self._place_texts()

    def _place_texts(self) -> None:
        """Put the names and values beside the bars (again after every layout of the chart)."""
        chart = self.chart()
        if self.bar_set is None or chart is None or not chart.series() or not self._texts:
            return
        metrics = QFontMetricsF(self._axis_font())
        shown = list(reversed(self.rows))
        plot = chart.plotArea()
        series = chart.series()[0]
        row_height = plot.height() / max(len(shown), 1)
        for index, (row, (name, number)) in enumerate(zip(shown, self._texts, strict=True)):
            end = chart.mapToPosition(QPointF(row.count, index), series)
            centre = end.y() - metrics.height() / 2
            name_w = metrics.horizontalAdvance(row.label)
            number_w = metrics.horizontalAdvance(format_number(row.count))
            if self.rtl:
                name.setPos(plot.right() + 6, centre)
                number.setPos(end.x() - number_w - 4, centre)
            else:
                name.setPos(plot.left() - 6 - name_w, centre)
                number.setPos(end.x() + 4, centre)
            visible = row_height >= metrics.height() * 0.8
            name.setVisible(visible)
            number.setVisible(visible)

    def show_months(self, title: str, rows: Sequence[ChartRow], years: Sequence[tuple[int, str]],
                    rtl: bool) -> None:
        """A line over every month; ``years`` are (index, label) ticks; time runs right to left
        in right-to-left."""
        self.rows = list(rows)
        self.bar_set = None
        self._texts = []
        chart = self._new_chart(title)
        line = QLineSeries()
        pen = QPen(QColor(ACCENT))
        pen.setWidthF(2.0)
        line.setPen(pen)
        line.setPointsVisible(len(self.rows) <= 48)
        for index, row in enumerate(self.rows):
            line.append(QPointF(index, row.count))
        chart.addSeries(line)
        axis = QCategoryAxis()
        axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for index, label in years:
            axis.append(label, index)
        axis.setRange(0, max(1, len(self.rows) - 1))
        axis.setLabelsFont(self._axis_font())
        axis.setReverse(rtl)
        values = QValueAxis()
        largest = max((row.count for row in self.rows), default=0)
        values.setRange(0, max(1, largest))
        values.setLabelFormat("%d")
        values.setTickCount(5)
        values.applyNiceNumbers()
        values.setLabelsFont(self._axis_font())
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
        line.attachAxis(axis)
        line.attachAxis(values)
        line.clicked.connect(self._point_clicked)
        line.hovered.connect(self._point_hovered)
        self.line = line
        self._replace(chart)

    def bar_index(self, shown: int) -> int:
        """The row of ``rows`` drawn as bar ``shown`` (bars are drawn from the bottom)."""
        return len(self.rows) - 1 - shown

    def bar_centre(self, row: int) -> QPointF:
        """Where bar ``row`` of ``rows`` is, in viewport coordinates (tests click there)."""
        chart = self.chart()
        series = chart.series()[0]
        shown = self.bar_index(row)
        point = chart.mapToPosition(QPointF(self.rows[row].count / 2, shown), series)
        return QPointF(self.mapFromScene(chart.mapToScene(point)))

    def _bar_clicked(self, shown: int) -> None:
        row = self.bar_index(shown)
        if 0 <= row < len(self.rows):
            self.drill_requested.emit(self.rows[row].key)

    def _bar_hovered(self, status: bool, shown: int) -> None:
        row = self.bar_index(shown)
        if status and 0 <= row < len(self.rows):
            self.setToolTip(f"{self.rows[row].label}: {format_number(self.rows[row].count)}")
        else:
            self.setToolTip("")

    def _month_at(self, point: QPointF) -> int | None:
        index = round(point.x())
        return index if 0 <= index < len(self.rows) else None

    def _point_clicked(self, point: QPointF) -> None:
        index = self._month_at(point)
        if index is not None:
            self.drill_requested.emit(self.rows[index].key)

    def _point_hovered(self, point: QPointF, state: bool) -> None:
        index = self._month_at(point)
        if state and index is not None:
            row = self.rows[index]
            self.setToolTip(f"{row.label}: {format_number(row.count)}")
        else:
            self.setToolTip("")


# -- drilling down ---------------------------------------------------------------------------------
_TITLE_CONTEXT = "DrilledRecordsModel"
DATE_TITLE = QT_TRANSLATE_NOOP("DrilledRecordsModel", "Date")
CIVILIANS_TITLE = QT_TRANSLATE_NOOP("DrilledRecordsModel", "Civilians killed")
AGE_TITLE = QT_TRANSLATE_NOOP("DrilledRecordsModel", "Age")

# Per kind: the columns shown (field keys) and the query reading one page of rows by id. Victims
# and facility attacks are placed where the summary places them (their own date and place, or
# their incident's).
DRILL_COLUMNS: dict[str, tuple[str, ...]] = {
    "victim": ("name", "sex", "age", "date", "governorate"),
    "incident": ("date", "governorate", "place", "perpetrator", "civilians"),
    "facility_attack": ("name", "category", "damage", "date", "governorate"),
}
class DrilledRecordsModel(QAbstractTableModel):
    """The records behind a figure, in the order :func:`drill` gives, read a page at a time."""

    PAGE_SIZE: ClassVar[int] = 200
    MAX_PAGES: ClassVar[int] = 8

    def __init__(self, ws: Workspace, kind: str, ids: Sequence[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self.kind = kind
        self.ids = list(ids)
        self.columns = DRILL_COLUMNS[kind]
        self._pages: dict[int, list[dict[str, Any]]] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self.ids) else None
        if not 0 <= section < len(self.columns):
            return None
        key = self.columns[section]
        if key == "date":
            return tr(_TITLE_CONTEXT, DATE_TITLE)
        if key == "civilians":
            return tr(_TITLE_CONTEXT, CIVILIANS_TITLE)
        if key == "age":
            return tr(_TITLE_CONTEXT, AGE_TITLE)
        return field_title(key)

    def row_values(self, row: int) -> dict[str, Any] | None:
        if not 0 <= row < len(self.ids):
            return None
        number = row // self.PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._read(number)
            self._pages[number] = page
            while len(self._pages) > self.MAX_PAGES:
                self._pages.pop(next(iter(self._pages)))
        offset = row % self.PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def _read(self, number: int) -> list[dict[str, Any]]:
        ids = self.ids[number * self.PAGE_SIZE : (number + 1) * self.PAGE_SIZE]
        return drilled_rows(self._ws, self.kind, ids)

    def record_id(self, row: int) -> str | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def cell_text(self, values: dict[str, Any], key: str) -> str:
        lang = current_language()
        if key in ("name", "place"):
            arabic, latin = values.get(f"{key}_ar"), values.get(f"{key}_en")
            first, second = (arabic, latin) if lang == "ar" else (latin, arabic)
            return first or second or ""
        if key == "age":
            if values.get("age") is not None:
                return str(values["age"])
            return display_value("victim", "age_group", values.get("age_group"), lang)
        if key == "civilians":
            return str(values.get("civilians", ""))
        field = "governorate" if key == "governorate" else key
        return display_value(self.kind, field, values.get(key), lang)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.columns):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.UserRole):
            return None
        values = self.row_values(index.row())
        if values is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return values["id"]
        return self.cell_text(values, self.columns[index.column()])

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.ids) - 1, len(self.columns) - 1)
            )


class DrillDownDialog(Retranslating, QDialog):
    """The list of records behind one figure; double-click or Enter opens a record."""

    def __init__(self, ws: Workspace, key: str, title: str, ids: Sequence[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drillDown")
        self.ws = ws
        self.key = key
        self.title = title
        self.kind = figure_kind(key)
        self.model = DrilledRecordsModel(ws, self.kind, ids, self)
        self.view = QTableView()
        self.view.setObjectName("drillTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        vertical = self.view.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(150)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda index: self.open_record(index.row()))
        self.view.activated.connect(lambda index: self.open_record(index.row()))
        self.count_label = QLabel()
        self.count_label.setObjectName("drillCount")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.open_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self._open_current)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 520)
        self.retranslate()

    def _open_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.open_record(index.row())

    def open_record(self, row: int) -> QWidget | None:
        record_id = self.model.record_id(row)
        if record_id is None:
            return None
        try:
            return open_form(self.ws, self.kind, record_id, self.parentWidget() or self)
        except UserError as error:
            show_error(self, self.tr("Cannot open the record"), error.render(current_language()))
            return None

    def retranslate(self) -> None:
        count = format_number(self.model.rowCount())
        self.setWindowTitle(fill(self.tr("%1: %2"), self.title, count))
        self.count_label.setText(
            fill(self.tr("%1 records behind this figure. Double-click one to open it."), count)
        )
        self.open_button.setText(self.tr("Open"))
        self.model.retranslate()


# -- the page --------------------------------------------------------------------------------------
class SummaryPage(Retranslating, QWidget):
    """A tab of the main window: the published figures for the chosen filters, each drillable."""

    computed = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryPage")
        self.ws = ws
        self.summary: Summary | None = None
        self.filters_used = SummaryFilters()
        self._stale = True
        self._detached = False
        self._dialogs: list[QDialog] = []
        self._printers: list[QPrinter] = []  # dialogs do not own the printers they are given
        self._methodology = ws.methodology

        self.filter_bar = SummaryFilterBar()
        self.filter_bar.changed.connect(self.recompute)
        self.export_action = self._action("Ctrl+Shift+E", self.export_pdf, "exportSheet")
        self.preview_action = self._action(None, self.print_preview, "printPreview")
        self.print_action = self._action(QKeySequence.StandardKey.Print, self.print_sheet, "print")
        self.methodology_action = self._action(None, self.edit_methodology, "methodology")
        self.actions_row = QHBoxLayout()
        self.action_buttons: list[QToolButton] = []
        for action in (self.export_action, self.preview_action, self.print_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.action_buttons.append(button)
        self.methodology_label = QLabel()
        self.methodology_label.setObjectName("methodologyLabel")
        self.methodology_label.setWordWrap(True)
        self.methodology_button = QToolButton()
        self.methodology_button.setDefaultAction(self.methodology_action)
        self.methodology_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.error_label = QLabel()
        self.error_label.setObjectName("summaryError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        self.scope_label = QLabel()
        self.scope_label.setObjectName("scopeLabel")
        self.scope_label.setWordWrap(True)
        self.headline_label = QLabel()
        self.headline_label.setObjectName("headline")
        self.headline_label.setWordWrap(True)
        self.headline_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.headline_label.setStyleSheet(
            f"QLabel#headline {{ background: #F1F4F8; border: 1px solid #C9D1DB; "
            f"border-radius: 4px; padding: 10px; color: {NAVY}; }}"
        )
        font = QFont(self.headline_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.12)
        self.headline_label.setFont(font)
        # How many records were left out as the same person as another (shown when any were).
        self.links_label = QLabel()
        self.links_label.setObjectName("linksApplied")
        self.links_label.setWordWrap(True)
        self.links_label.setTextFormat(Qt.TextFormat.RichText)
        self.links_label.linkActivated.connect(lambda _link: self.drill_links())
        self.links_label.hide()

        self.cards: dict[str, FigureCard] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        for position, (name, key, _code) in enumerate(CARDS):
            card = FigureCard(name, key is not None)
            if key is not None:
                card.clicked.connect(lambda name=name: self.drill_card(name))
            self.cards[name] = card
            grid.addWidget(card, position // 5, position % 5)

        self.governorate_chart = SummaryChart("governorateChart")
        self.facility_chart = SummaryChart("facilityChart")
        self.month_chart = SummaryChart("monthChart")
        for chart in (self.governorate_chart, self.facility_chart, self.month_chart):
            chart.drill_requested.connect(self.drill_key)
        self.governorate_chart.setMinimumHeight(380)
        self.facility_chart.setMinimumHeight(380)

        top = QHBoxLayout()
        top.addWidget(self.filter_bar, 1)
        for button in self.action_buttons:
            top.addWidget(button)
        settings = QHBoxLayout()
        settings.addWidget(self.methodology_label, 1)
        settings.addWidget(self.methodology_button)
        charts = QHBoxLayout()
        charts.addWidget(self.governorate_chart, 1)
        charts.addWidget(self.facility_chart, 1)

        content = QWidget()
        content.setObjectName("summaryContent")
        body = QVBoxLayout(content)
        body.addWidget(self.scope_label)
        body.addWidget(self.headline_label)
        body.addWidget(self.links_label)
        body.addLayout(grid)
        body.addLayout(charts)
        body.addWidget(self.month_chart)
        body.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(settings)
        layout.addWidget(self.error_label)
        layout.addWidget(self.scroll, 1)

        record_events().changed.connect(self._records_changed)
        self.retranslate()

    def _action(self, shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
                slot: Callable[[], Any], name: str) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    @property
    def page_actions(self) -> list[QAction]:
        return [self.export_action, self.preview_action, self.print_action]

    # -- computing --------------------------------------------------------------------------
    def recompute(self) -> Summary | None:
        """Count the figures for the filters now (a wait cursor while it runs)."""
        if self._detached:
            return None
        try:
            filters = self.filter_bar.filters().validated()
        except ValueError as error:
            self._show_error(fill(self.tr("“%1” is not a date."), str(error)))
            return None
        except UserError as error:
            self._show_error(error.render(current_language()))
            return None
        with busy_cursor():
            summary = summarise(self.ws, filters)
        self.error_label.hide()
        self.summary = summary
        self.filters_used = filters
        self._stale = False
        self._show_summary()
        self.computed.emit()
        return summary

    def ensure_current(self) -> Summary | None:
        """The summary of the chosen filters, computed now if it is out of date."""
        if self._stale or self.summary is None or self.filter_bar.pending():
            return self.recompute()
        return self.summary

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _records_changed(self, _kind: str, _ids: list[Any]) -> None:
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(0, self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        if self._stale and not self._detached and self.isVisible():
            self.recompute()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            QTimer.singleShot(0, self._refresh_if_stale)

    def detach(self) -> None:
        if not self._detached:
            self._detached = True
            record_events().changed.disconnect(self._records_changed)

    # -- showing ----------------------------------------------------------------------------
    def _show_summary(self) -> None:
        lang = current_language()
        rtl = lang == "ar"
        self.methodology_label.setText(self._methodology_text())
        summary = self.summary
        if summary is None:
            self.scope_label.setText("")
            self.headline_label.setText(self.tr("Counting…"))
            self.links_label.hide()
            for name, _key, code in CARDS:
                self.cards[name].set_figure("–", self._caption(name, code), "")
            return
        self.scope_label.setText("  ·  ".join(self._scope_lines(summary, lang)))
        self.headline_label.setText(headline(summary, lang))
        links = links_note(summary, lang)
        if links is not None:
            listing = self.tr("List these records")
            self.links_label.setText(
                f'{html.escape(links)} — <a href="links_applied">{html.escape(listing)}</a>'
            )
        self.links_label.setVisible(links is not None)
        hint = self.tr("Click to list the records behind this figure")
        for name, key, code in CARDS:
            card = self.cards[name]
            value = format_number(card_value(summary, name))
            if name == "since" and summary.since is not None:
                share = format_percent(
                    summary.since.civilians_killed, summary.since.period_civilians_killed, lang
                )
                value = f"{value} ({share})"
            card.set_figure(value, self._caption(name, code), hint if key else "")
            card.setVisible(name != "since" or summary.since is not None)

        gaz = gazetteer()
        self.governorate_chart.show_bars(
            message("summary_civilians_by_governorate", lang),
            [
                ChartRow(f"civilians_by_governorate:{r.code}",
                         gaz.name(r.code, lang) if r.code in gaz else r.code, r.count)
                for r in summary.civilians_by_governorate
            ],
            rtl,
        )
        categories = vocabulary("facility_category")
        self.facility_chart.show_bars(
            message("summary_by_category", lang),
            [
                ChartRow(f"facility_attacks_by_category:{r.code}",
                         categories.label(r.code, lang) if r.code in categories else r.code,
                         r.count)
                for r in summary.facility_attacks_by_category
            ],
            rtl,
        )
        months = summary.civilians_by_month
        rows = [
            ChartRow(f"civilians_by_month:{r.code}", format_month(r.code, lang), r.count)
            for r in months
        ]
        if len(months) <= 18:
            ticks = [(i, format_month(r.code, lang)) for i, r in enumerate(months)]
        else:
            step = max(1, (len(months) // 12 + 11) // 12)  # about a dozen year labels at most
            ticks = [
                (i, r.code[:4])
                for i, r in enumerate(months)
                if r.code.endswith("-01") and int(r.code[:4]) % step == 0
            ]
            if not ticks and months:
                ticks = [(0, months[0].code[:4])]
        self.month_chart.show_months(message("summary_by_month", lang), rows, ticks, rtl)

    def _caption(self, name: str, code: str) -> str:
        if name == "since":
            since = self.summary.since if self.summary is not None else None
            if since is None:
                return self.tr("Since the sub-period start")
            return fill(self.tr("Since %1 (share of the period)"),
                        format_date(since.date, current_language()))
        return message(code)

    def _scope_lines(self, summary: Summary, lang: str) -> list[str]:
        return scope_lines(summary, lang)

    def _methodology_text(self) -> str:
        # Read from the database only while attached: a closing window may still be retranslated.
        if not self._detached:
            self._methodology = self.ws.methodology
        m = self._methodology
        return fill(
            self.tr("Counting rules: a massacre is an incident with at least %1 civilians "
                    "killed; a child is younger than %2."),
            m.massacre_threshold,
            m.child_age_limit,
        )

    # -- drilling down ----------------------------------------------------------------------
    def card_title(self, name: str) -> str:
        code = next(code for card, _key, code in CARDS if card == name)
        return self._caption(name, code)

    def drill_card(self, name: str) -> DrillDownDialog | None:
        key = next(key for card, key, _code in CARDS if card == name)
        if key is None:
            return None
        return self.drill_key(key, self.card_title(name))

    def _title_of(self, key: str) -> str:
        name, _, code = key.partition(":")
        lang = current_language()
        if name == "links_applied":
            return message("summary_links_applied_title", lang)
        for chart in (self.governorate_chart, self.facility_chart, self.month_chart):
            for row in chart.rows:
                if row.key == key:
                    caption = chart.chart().title() if chart.chart() is not None else ""
                    return f"{caption} — {row.label}"
        for card, card_key, card_code in CARDS:
            if card_key == name:
                return self._caption(card, card_code)
        return code or message(f"summary_{name}", lang)

    def drill_links(self) -> DrillDownDialog | None:
        """List the records left out because they are linked as the same person as another."""
        return self.drill_key("links_applied")

    def drill_key(self, key: str, title: str | None = None) -> DrillDownDialog | None:
        """Show the records behind the figure ``key`` (for the filters of the shown summary)."""
        if self.summary is None:
            return None
        with busy_cursor():
            ids = drill(self.ws, self.filters_used, key, methodology=self.summary.methodology)
        dialog = DrillDownDialog(self.ws, key, title or self._title_of(key), ids, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _result, d=dialog: self._forget(d))
        dialog.show()
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        if dialog in self._dialogs:
            self._dialogs.remove(dialog)

    # -- sheets -----------------------------------------------------------------------------
    def export_pdf(self) -> Path | None:
        summary = self.ensure_current()
        if summary is None:
            return None
        target = SheetFiles.choose(
            self.window(), self.tr("Export the summary sheet"), self.tr("PDF documents (*.pdf)")
        )
        if target is None:
            return None
        from snhr_desktop.ui.sheet import write_sheet

        lang = current_language()
        try:
            with busy_cursor():
                pages = write_sheet(summary, target, lang)
        except OSError as error:
            show_error(
                self.window(),
                self.tr("Export failed"),
                message("sheet_unwritable", lang, path=left_to_right(target), detail=str(error)),
            )
            return None
        show_message(
            self.window(),
            self.tr("Summary sheet"),
            fill(
                self.tr("The summary sheet was written to %1 (%2 pages).\n\nThe file is not "
                        "encrypted: keep it on an encrypted drive and delete it when it is no "
                        "longer needed."),
                left_to_right(target),
                pages,
            ),
        )
        return target

    def paint_sheet(self, printer: QPrinter) -> int:
        """Paint the sheet of the shown summary onto ``printer``; returns its pages."""
        summary = self.ensure_current()
        if summary is None:
            return 0
        with busy_cursor():
            return paint_pdf(sheet_bytes(summary, current_language()), printer)

    def _printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(message("summary_title"))
        return printer

    def print_preview(self) -> QPrintPreviewDialog | None:
        if self.ensure_current() is None:
            return None
        printer = self._printer()
        dialog = QPrintPreviewDialog(printer, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(self.tr("Print preview"))
        dialog.paintRequested.connect(self.paint_sheet)
        self._printers.append(printer)  # the dialog does not own the printer
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _result, d=dialog: self._forget(d))
        dialog.resize(900, 900)
        dialog.open()
        return dialog

    def print_sheet(self) -> QPrintDialog | None:
        if self.ensure_current() is None:
            return None
        printer = self._printer()
        dialog = QPrintDialog(printer, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._printers.append(printer)
        dialog.accepted.connect(lambda: self.paint_sheet(printer))
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _result, d=dialog: self._forget(d))
        dialog.open()
        return dialog

    # -- methodology ------------------------------------------------------------------------
    def edit_methodology(self) -> QDialog:
        from snhr_desktop.ui.methodology_dialog import MethodologyDialog

        dialog = MethodologyDialog(self.ws, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _m: self.recompute())
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _result, d=dialog: self._forget(d))
        dialog.open()
        return dialog

    # -- language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.export_action.setText(self.tr("Export summary &PDF…"))
        self.export_action.setToolTip(self.tr("Write the summary sheet as a PDF file"))
        self.preview_action.setText(self.tr("Print pre&view…"))
        self.print_action.setText(self.tr("P&rint summary…"))
        self.methodology_action.setText(self.tr("&Methodology settings…"))
        self.methodology_action.setToolTip(
            self.tr("Change the massacre threshold and the child age limit")
        )
        if self.summary is not None:
            self._show_summary()
        else:
            self.methodology_label.setText(self._methodology_text())
            for name, _key, code in CARDS:
                self.cards[name].set_figure("–", self._caption(name, code), "")


