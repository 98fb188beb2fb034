"""Regenerate the screenshots in docs/screenshots from the real windows over a fresh demo database.

Run from the project folder::

    .venv/bin/python docs/screenshots.py            # offscreen: no display needed
    .venv/bin/python docs/screenshots.py --out /tmp/shots --victims 500

A temporary encrypted database is created with the application's own services (demo records plus
one incident written out in full: three named victims and a damaged bridge), the windows are
opened as a researcher would see them, in Arabic and in English, and each is saved as a PNG. The
temporary database, and the preferences the windows write, are deleted at the end.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
DEFAULT_OUT = HERE / "screenshots"

PASSPHRASE = "زيتون حلب القديمة 2011"
RESEARCHER = "سارة الحلبي"
MAX_WIDTH = 1280
# The dialogs name the database file; a temporary folder's random name would make every run's
# pictures differ, so they show where the default database lives for a Linux user called sara.
SHOWN_DATABASE = Path("/home/sara/.local/share/snhr-desktop/snhr.db")

# The offscreen platform has no window manager and says so; nothing else is expected on stderr.
KNOWN_PLATFORM_NOTES = (
    "This plugin does not support raise()",
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support grabbing the keyboard",
)

# One incident written out in full, so that the forms show what real documentation looks like.
INCIDENT: dict[str, Any] = {
    "date": "2016-02-14",
    "governorate": "SY07",
    "district": "SY0704",
    "subdistrict": "SY070400",
    "community": "C4199",
    "place_ar": "حي الجسر القديم",
    "place_en": "Old Bridge quarter",
    "perpetrator": "russian_forces",
    "attack_type": "airstrike",
    "acknowledged": "no",
    "sources": "شاهدا عيان من الحي؛ ناشط إعلامي محلي؛ الدفاع المدني السوري",
    "description_ar": (
        "استهدفت طائرات ثابتة الجناح يُرجّح أنها روسية الجسر القديم على نهر العاصي والمنازل "
        "المجاورة له في مدينة جسر الشغور، ما أدى إلى مقتل ثلاثة مدنيين من عائلة واحدة بينهم "
        "طفلة، وخروج الجسر عن الخدمة."
    ),
    "description_en": (
        "Fixed-wing aircraft, believed to be Russian, struck the old bridge over the Orontes and "
        "the houses next to it in Jisr al-Shughur, killing three civilians of one family, "
        "including a girl, and putting the bridge out of service."
    ),
}
VICTIMS: list[dict[str, Any]] = [
    {
        "name_ar": "أحمد عبد الرحمن الخطيب",
        "name_en": "Ahmad Abdulrahman Al-Khateeb",
        "father_name": "عبد الرحمن",
        "family_name": "الخطيب",
        "mother_name": "مريم",
        "sex": "male",
        "age": 34,
        "status": "civilian",
        "origin_governorate": "SY07",
        "notes": "قضى مع ابنته داخل منزلهما المجاور للجسر.",
    },
    {
        "name_ar": "فاطمة أحمد الخطيب",
        "name_en": "Fatima Ahmad Al-Khateeb",
        "father_name": "أحمد",
        "family_name": "الخطيب",
        "sex": "female",
        "age": 9,
        "status": "civilian",
        "origin_governorate": "SY07",
    },
    {
        "name_ar": "محمد عبد الرحمن الخطيب",
        "name_en": "Mohammad Abdulrahman Al-Khateeb",
        "father_name": "عبد الرحمن",
        "family_name": "الخطيب",
        "sex": "male",
        "age": 41,
        "status": "civilian",
        "origin_governorate": "SY07",
    },
]
# The same strike documented again by a second researcher who did not see the first record: the
# incident a day later, the victims' names spelt otherwise, an age missing, another estimated.
SECOND_RESEARCHER = "عمر الإدلبي"
SECOND_INCIDENT: dict[str, Any] = {
    **{key: INCIDENT[key] for key in ("governorate", "perpetrator", "attack_type")},
    "date": "2016-02-15",
    "place_ar": "جسر الشغور",
    "place_en": "Jisr al-Shughur",
}
SECOND_VICTIMS: list[dict[str, Any]] = [
    {
        "name_ar": "احمد عبدالرحمن خطيب",
        "name_en": "Ahmed Abdul Rahman Khatib",
        "sex": "male",
        "age_group": "adult",
        "status": "civilian",
        "notes": "شهيد القصف على الجسر.",
    },
    {
        "name_ar": "فاطمه احمد الخطيب",
        "name_en": "Fatma Ahmad Khatib",
        "sex": "female",
        "age": 10,
        "status": "civilian",
    },
]
BRIDGE: dict[str, Any] = {
    "category": "bridge",
    "name_ar": "جسر الشغور القديم على نهر العاصي",
    "name_en": "Old Jisr al-Shughur bridge over the Orontes",
    "damage": "severe",
    "out_of_service": "yes",
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNG files")
    parser.add_argument("--victims", type=int, default=300, help="demo victims to add")
    parser.add_argument(
        "--only", nargs="*", default=None, metavar="NAME",
        help="save only these screenshots (names without .png)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Offscreen unless asked otherwise (QT_QPA_PLATFORM=xcb shows the windows while they are
    # taken); a private preferences folder, so the user's own language choice is left alone.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = tempfile.TemporaryDirectory(prefix="snhr-screenshots-")
    os.environ["SNHR_CONFIG_DIR"] = str(Path(scratch.name) / "config")
    sys.path.insert(0, str(PROJECT))
    with scratch:
        return Shooter(args, Path(scratch.name)).run()


class Shooter:
    """Builds the database, opens the windows and saves them."""

    def __init__(self, args: argparse.Namespace, scratch: Path) -> None:
        from PySide6.QtCore import qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        qInstallMessageHandler(self._qt_message)
        app = QApplication.instance()
        self.app = app if isinstance(app, QApplication) else QApplication([sys.argv[0]])
        self.app.setOrganizationName("SNHR")
        self.app.setApplicationName("SNHR Desktop")
        self.out: Path = args.out
        self.victims: int = args.victims
        self.only: set[str] | None = set(args.only) if args.only is not None else None
        self.scratch = scratch
        self.saved: list[Path] = []

    @staticmethod
    def _qt_message(_kind: Any, _context: Any, message: str) -> None:
        if not message.startswith(KNOWN_PLATFORM_NOTES):
            print(f"Qt: {message}", file=sys.stderr)

    # -- the database ---------------------------------------------------------------------------
    def build_database(self, path: Path) -> tuple[Any, dict[str, str]]:
        from snhr_desktop.services.demo import fill_demo
        from snhr_desktop.services.workspace import Workspace

        ws = Workspace.create(path, PASSPHRASE, RESEARCHER)
        fill_demo(ws, self.victims, seed=7)
        incident = ws.validate("incident", {**INCIDENT, "researcher": RESEARCHER})
        shared = {
            "incident_id": incident.id,
            "date_of_death": INCIDENT["date"],
            "governorate": INCIDENT["governorate"],
            "place_ar": INCIDENT["place_ar"],
            "place_en": INCIDENT["place_en"],
        }
        victims = [ws.validate("victim", {**shared, **victim}) for victim in VICTIMS]
        bridge = ws.validate(
            "facility_attack",
            {**BRIDGE, "incident_id": incident.id, "date": INCIDENT["date"],
             "governorate": INCIDENT["governorate"]},
        )
        ws.save_many([incident, *victims, bridge])
        ids = {"incident": incident.id, "victim": victims[0].id, "facility_attack": bridge.id}
        return ws, ids

    # -- saving ---------------------------------------------------------------------------------
    def settle(self) -> None:
        from PySide6.QtCore import QCoreApplication, QEvent

        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            self.app.processEvents()

    def save(self, widget: Any, name: str) -> None:
        from PySide6.QtCore import Qt

        if self.only is not None and name not in self.only:
            return
        self.settle()
        image = widget.grab().toImage()
        if image.width() > MAX_WIDTH:
            image = image.scaledToWidth(MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
        target = self.out / f"{name}.png"
        # Quality 0 is zlib's strongest compression: the same pixels, a smaller file.
        if not image.save(str(target), "PNG", 0):
            raise RuntimeError(f"could not write {target}")
        self.saved.append(target)

    # -- the windows ----------------------------------------------------------------------------
    def run(self) -> int:
        from snhr_desktop.i18n import LanguageManager
        from snhr_desktop.services.settings import Preferences
        from snhr_desktop.ui import forms
        from snhr_desktop.ui.incident_form import IncidentForm
        from snhr_desktop.ui.main_window import MainWindow
        from snhr_desktop.ui.setup_wizard import SetupWizard
        from snhr_desktop.ui.unlock import UnlockDialog

        self.out.mkdir(parents=True, exist_ok=True)
        languages = LanguageManager()
        languages.install(self.app, "ar")
        path = self.scratch / "snhr.db"
        ws, ids = self.build_database(path)
        try:
            window = MainWindow(ws, languages, Preferences(language="ar"))
            window.resize(1240, 820)
            window.show()
            self.show_lists(window, ids)
            window.show_summary()
            self.save(window, "summary_ar")
            languages.set_language("en")
            self.save(window, "summary_en")
            languages.set_language("ar")

            incident = forms.open_record_form(ws, "incident", ids["incident"], window)
            assert isinstance(incident, IncidentForm)
            incident.resize(1060, 940)
            incident.victims.table.select_row(0)
            victim = forms.open_record_form(ws, "victim", ids["victim"], window)
            victim.resize(920, 640)
            self.save(incident, "incident_form_ar")
            self.save(victim, "victim_form_ar")
            languages.set_language("en")
            self.save(incident, "incident_form_en")
            forms.close_all_forms(force=True)

            languages.set_language("ar")
            self.show_duplicates(window, ws, ids)
            window.lock()
            self.save(window, "lock_screen_ar")
            window.detach()
            window.close()
        finally:
            ws.close()

        wizard = SetupWizard(self.scratch / "new.db", languages)
        wizard.show()
        wizard.next()
        wizard.researcher_page.name.setText(RESEARCHER)
        wizard.next()
        wizard.passphrase_page.passphrase.setText(PASSPHRASE)
        wizard.passphrase_page.repeat.setText(PASSPHRASE)
        self.save(wizard, "setup_wizard_ar")
        wizard.close()

        languages.set_language("en")
        unlock = UnlockDialog(path, languages)
        unlock.resize(560, 330)
        unlock.show()
        unlock.prompt.field.setText("not the passphrase")
        unlock.prompt.submit()  # a wrong attempt: the message and the waiting button
        unlock.path = SHOWN_DATABASE
        unlock.retranslate()
        self.save(unlock, "unlock_en")
        unlock.close()
        languages.uninstall()
        self.settle()

        total = sum(p.stat().st_size for p in self.saved)
        for saved in self.saved:
            print(f"{saved.relative_to(PROJECT) if saved.is_relative_to(PROJECT) else saved}"
                  f"  {saved.stat().st_size // 1024} KiB")
        print(f"{len(self.saved)} screenshots, {total // 1024} KiB")
        return 0

    def show_duplicates(self, window: Any, ws: Any, ids: dict[str, str]) -> None:
        """The Duplicates tab after a scan, on Ahmad's two records, in Arabic and in English."""
        import time

        from snhr_desktop.storage.store import Change

        incident = ws.validate("incident", {**SECOND_INCIDENT, "researcher": SECOND_RESEARCHER})
        shared = {
            "incident_id": incident.id,
            "date_of_death": SECOND_INCIDENT["date"],
            "governorate": SECOND_INCIDENT["governorate"],
            "place_ar": SECOND_INCIDENT["place_ar"],
        }
        victims = [ws.validate("victim", {**shared, **victim}) for victim in SECOND_VICTIMS]
        # Written as the second researcher's own records, so each side shows who recorded it.
        with ws.store.transaction():
            ws.store.write([Change(r) for r in (incident, *victims)], SECOND_RESEARCHER)
        page = window.show_duplicates()
        page.scan()
        while page.scanning:
            self.app.processEvents()
            time.sleep(0.01)
        wanted = tuple(sorted((ids["victim"], victims[0].id)))
        row = page.model.row_of(wanted)  # type: ignore[arg-type]
        if row is not None:
            page.view.setCurrentIndex(page.model.index(row, 0))
        page.view.setFocus()
        self.save(window, "duplicates_ar")
        window.languages.set_language("en")
        self.save(window, "duplicates_en")
        window.languages.set_language("ar")

    def show_lists(self, window: Any, ids: dict[str, str]) -> None:
        """The incidents and victims in Arabic, the facility attacks and victims in English."""
        victims = window.show_kind("victim")
        row = victims.model.row_of(ids["victim"])
        if row is not None:
            victims.select_row(row)
            victims.view.scrollTo(victims.model.index(row, 0))
        incidents = window.show_kind("incident")
        row = incidents.model.row_of(ids["incident"])
        if row is not None:
            incidents.select_row(row)
            incidents.view.scrollTo(incidents.model.index(row, 0))
        self.save(window, "main_incidents_ar")
        window.show_kind("victim")
        self.save(window, "main_victims_ar")
        attacks = window.show_kind("facility_attack")
        row = attacks.model.row_of(ids["facility_attack"])
        if row is not None:
            attacks.select_row(row)
        window.languages.set_language("en")
        self.save(window, "main_facilities_en")
        window.show_kind("victim")
        self.save(window, "main_victims_en")
        window.languages.set_language("ar")


if __name__ == "__main__":
    sys.exit(main())
