"""Bilingual (Arabic/English) texts for every error or problem a user can see from the core."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LANGUAGES = ("ar", "en")

# code -> (English, Arabic). Placeholders use str.format names.
CATALOGUE: dict[str, tuple[str, str]] = {
    # field validation
    "required": ("This field is required.", "هذا الحقل مطلوب."),
    "name_required": (
        "Enter the name in Arabic or in Latin script.",
        "أدخل الاسم بالعربية أو بالأحرف اللاتينية.",
    ),
    "not_a_date": (
        "“{value}” is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY).",
        "«{value}» ليس تاريخاً صالحاً؛ استخدم الصيغة سنة-شهر-يوم (أو سنة-شهر، أو سنة).",
    ),
    "date_in_future": (
        "The date {value} is in the future.",
        "التاريخ {value} في المستقبل.",
    ),
    "date_too_early": (
        "The date {value} is before 1 March 2011.",
        "التاريخ {value} سابق للأول من آذار/مارس 2011.",
    ),
    "date_precision_mismatch": (
        "A date known to the {precision_en} must be written as {example}.",
        "التاريخ المعروف {precision_ar} يُكتب بالشكل {example}.",
    ),
    "not_an_integer": ("“{value}” is not a whole number.", "«{value}» ليس عدداً صحيحاً."),
    "age_out_of_range": (
        "The age must be between 0 and 120 years (got {value}).",
        "يجب أن يكون العمر بين 0 و120 سنة (القيمة المدخلة {value}).",
    ),
    "age_group_mismatch": (
        "Age {age} does not agree with the age group “{group_en}”.",
        "العمر {age} لا يتفق مع الفئة العمرية «{group_ar}».",
    ),
    "unknown_code": (
        "“{value}” is not a known {vocabulary_en}.",
        "«{value}» ليست قيمة معروفة في قائمة {vocabulary_ar}.",
    ),
    "unknown_pcode": (
        "“{value}” is not a known {level_en} P-code.",
        "«{value}» ليس رمزاً معروفاً لـ{level_ar}.",
    ),
    "pcode_outside_parent": (
        "{level_en} “{value}” is not inside the selected {parent_en} “{parent}”.",
        "{level_ar} «{value}» لا تقع ضمن {parent_ar} المختارة «{parent}».",
    ),
    "pair_same_record": (
        "A record cannot be compared with itself.",
        "لا يمكن مقارنة سجل بنفسه.",
    ),
    "pair_unordered": (
        "The two records of a decision must be given in order of their ids.",
        "يجب ذكر سجلَّي القرار بترتيب معرّفيهما.",
    ),
    "not_a_uuid": ("“{value}” is not a valid record id.", "«{value}» ليس معرّف سجل صالحاً."),
    "text_too_long": (
        "The text is too long ({length} characters; at most {limit}).",
        "النص أطول من اللازم ({length} حرفاً؛ الحد الأقصى {limit}).",
    ),
    "invalid_value": ("Invalid value: {detail}", "قيمة غير صالحة: {detail}"),
    "unknown_column": ("Unknown column “{value}”.", "عمود غير معروف «{value}»."),
    "unknown_incident": (
        "No incident with id {value} exists.",
        "لا توجد حادثة بالمعرّف {value}.",
    ),
    "record_not_found": ("No record with id {value}.", "لا يوجد سجل بالمعرّف {value}."),
    "record_deleted": (
        "The record {value} has been deleted.",
        "السجل {value} محذوف.",
    ),
    "duplicate_id": (
        "The id {value} appears more than once in the file.",
        "المعرّف {value} مكرر في الملف.",
    ),
    # storage and files
    "wrong_passphrase": (
        "Wrong passphrase: the database could not be unlocked. Nothing was changed.",
        "عبارة المرور خاطئة: تعذّر فتح قاعدة البيانات. لم يُغيَّر شيء.",
    ),
    "database_missing": (
        "There is no database at {path}. Create one with “snhr-desktop init”.",
        "لا توجد قاعدة بيانات في {path}. أنشئ واحدة بالأمر «snhr-desktop init».",
    ),
    "database_exists": (
        "A database already exists at {path}.",
        "توجد قاعدة بيانات من قبل في {path}.",
    ),
    "key_file_missing": (
        "The key file {path} is missing: without it the database cannot be unlocked.",
        "ملف المفتاح {path} مفقود: لا يمكن فتح قاعدة البيانات بدونه.",
    ),
    "key_file_damaged": (
        "The key file {path} is damaged and cannot be read.",
        "ملف المفتاح {path} تالف ولا يمكن قراءته.",
    ),
    "not_a_database": (
        "{path} is not an SNHR Desktop database, or it is damaged.",
        "الملف {path} ليس قاعدة بيانات للتطبيق، أو أنه تالف.",
    ),
    "database_locked": (
        "The database is busy in another window or program; try again.",
        "قاعدة البيانات مشغولة في نافذة أو برنامج آخر؛ أعد المحاولة.",
    ),
    "disk_full": (
        "The disk is full; nothing was saved.",
        "القرص ممتلئ؛ لم يُحفظ شيء.",
    ),
    "newer_schema": (
        "This database was made by a newer version of SNHR Desktop (schema {found}); "
        "this version understands up to {supported}.",
        "أُنشئت قاعدة البيانات هذه بإصدار أحدث من التطبيق (المخطط {found})؛ "
        "هذا الإصدار يفهم حتى {supported}.",
    ),
    "passphrase_too_short": (
        "The passphrase must have at least {min} characters.",
        "يجب ألا تقل عبارة المرور عن {min} أحرف.",
    ),
    "passphrases_differ": (
        "The two passphrases are not the same.",
        "عبارتا المرور غير متطابقتين.",
    ),
    "file_not_found": ("The file {path} does not exist.", "الملف {path} غير موجود."),
    "unsupported_file": (
        "{path} is neither an .xlsx workbook nor a folder of .csv files.",
        "{path} ليس مصنف ‎.xlsx ولا مجلداً لملفات ‎.csv.",
    ),
    "unreadable_file": (
        "{path} could not be read: {detail}",
        "تعذّرت قراءة {path}: {detail}",
    ),
    "missing_sheet": (
        "The workbook has none of the sheets incidents, victims, facility_attacks.",
        "لا يحتوي المصنف على أي من الأوراق: الحوادث، الضحايا، المنشآت.",
    ),
    "missing_column": (
        "Required column “{value}” is missing.",
        "العمود المطلوب «{value}» غير موجود.",
    ),
    "import_refused": (
        "{count} problems found; nothing was imported.",
        "عدد المشكلات: {count}؛ لم يُستورد شيء.",
    ),
    "interrupted": ("Interrupted; nothing was changed.", "أُوقفت العملية؛ لم يُغيَّر شيء."),
    # command line
    "cli_created": (
        "Created the encrypted database {path} for {researcher} (device {device}).",
        "أُنشئت قاعدة البيانات المشفّرة {path} للباحث {researcher} (الجهاز {device}).",
    ),
    "cli_passphrase_prompt": ("Passphrase: ", "عبارة المرور: "),
    "cli_new_passphrase_prompt": ("New passphrase: ", "عبارة المرور الجديدة: "),
    "cli_repeat_prompt": ("Repeat the passphrase: ", "أعد كتابة عبارة المرور: "),
    "cli_researcher_prompt": ("Researcher name: ", "اسم الباحث: "),
    "cli_no_terminal": (
        "No passphrase: set SNHR_PASSPHRASE or run from a terminal.",
        "لا توجد عبارة مرور: اضبط المتغير SNHR_PASSPHRASE أو شغّل الأمر من طرفية.",
    ),
    "cli_passphrase_changed": (
        "The passphrase has been changed; the data were not re-encrypted.",
        "تم تغيير عبارة المرور؛ لم يُعَد تشفير البيانات.",
    ),
    "cli_no_history": ("No record with id {value}.", "لا يوجد سجل بالمعرّف {value}."),
    "cli_check_ok": (
        "The database is sound: {incidents} incidents, {victims} victims, "
        "{facility_attacks} facility attacks, {operations} operations.",
        "قاعدة البيانات سليمة. الحوادث: {incidents}، الضحايا: {victims}، "
        "الهجمات على المنشآت: {facility_attacks}، العمليات المسجلة: {operations}.",
    ),
    "cli_repaired": (
        "Derived again: {links} victims' person links changed, {tallies} summary tally "
        "differences corrected.",
        "أُعيد الاشتقاق: تغيّرت روابط الأشخاص لـ{links} ضحية، وصُحّح {tallies} فرقاً في "
        "حصائل الملخص.",
    ),
    "cli_check_failed": ("Problems found:", "وُجدت مشكلات:"),
    "cli_gui_missing": (
        "The graphical interface could not start: {detail}",
        "تعذّر تشغيل الواجهة الرسومية: {detail}",
    ),
    "cli_unexpected": (
        "Unexpected error ({detail}); nothing more was changed. Please report it.",
        "خطأ غير متوقع ({detail})؛ لم يُغيَّر شيء آخر. يُرجى الإبلاغ عنه.",
    ),
    "action_create": ("created", "إنشاء"),
    "action_update": ("updated", "تعديل"),
    "action_delete": ("deleted", "حذف"),
    # synthetic demonstration data
    "demo_filled": (
        "Added {victims} synthetic victims in {incidents} incidents ({massacres} massacres; "
        "{children} children, {women} women, {non_civilians} non-civilians) and "
        "{facility_attacks} attacks on vital facilities in {seconds} s.",
        "أُضيفت بيانات تجريبية. الضحايا: {victims} (الأطفال: {children}، النساء: {women}، "
        "غير المدنيين: {non_civilians})، الحوادث: {incidents} (المجازر: {massacres})، "
        "الهجمات على المنشآت الحيوية: {facility_attacks}. المدة: {seconds} ث.",
    ),
    # spreadsheets (services/spreadsheet.py)
    "sheet_problem_cell": (
        "{sheet}, row {row}, column “{column}”: {text}",
        "{sheet}، الصف {row}، العمود «{column}»: {text}",
    ),
    "sheet_problem_row": ("{sheet}, row {row}: {text}", "{sheet}، الصف {row}: {text}"),
    "sheet_import_done": ("Imported {path}.", "اكتمل استيراد {path}."),
    "sheet_import_partial": (
        "Imported the valid rows of {path}; {rejected} rows were not imported.",
        "استُوردت الصفوف الصالحة من {path}. عدد الصفوف غير المستوردة: {rejected}.",
    ),
    "sheet_import_counts": (
        "{kind}: {created} created, {updated} updated, {unchanged} unchanged, {rejected} rejected",
        "{kind}: أُنشئ {created}، عُدِّل {updated}، دون تغيير {unchanged}، رُفض {rejected}",
    ),
    "sheet_kind_incident": ("Incidents", "الحوادث"),
    "sheet_kind_victim": ("Victims", "الضحايا"),
    "sheet_kind_facility_attack": ("Facility attacks", "الهجمات على المنشآت"),
    "sheet_rejects_written": (
        "The rows not imported were written, with their problems, to {path}.",
        "كُتبت الصفوف غير المستوردة مع مشكلاتها في {path}.",
    ),
    "sheet_export_done": (
        "Exported {incidents} incidents, {victims} victims and {facility_attacks} facility "
        "attacks to {path}.",
        "صُدِّرت السجلات إلى {path}: الحوادث {incidents}، الضحايا {victims}، "
        "الهجمات على المنشآت {facility_attacks}.",
    ),
    "sheet_unknown_csv": (
        "{path}: a CSV file must be named incidents.csv, victims.csv or facility_attacks.csv.",
        "{path}: يجب أن يكون اسم ملف CSV هو incidents.csv أو victims.csv أو facility_attacks.csv.",
    ),
    "sheet_not_xlsx": (
        "{path} is not a readable .xlsx workbook (it may be damaged, or a file of another kind).",
        "الملف {path} ليس مصنف ‎.xlsx قابلاً للقراءة (ربما يكون تالفاً أو من نوع آخر).",
    ),
    "sheet_missing_csv": (
        "The folder {path} has none of the files incidents.csv, victims.csv, "
        "facility_attacks.csv.",
        "لا يحتوي المجلد {path} على أي من الملفات incidents.csv و victims.csv "
        "و facility_attacks.csv.",
    ),
    "sheet_csv_not_utf8": (
        "{path} is not UTF-8 text; save it from the spreadsheet program as “CSV UTF-8”.",
        "الملف {path} ليس نصاً بترميز UTF-8؛ احفظه من برنامج الجداول بصيغة «CSV UTF-8».",
    ),
    "sheet_duplicate_column": (
        "The column “{value}” appears more than once.",
        "العمود «{value}» مكرر.",
    ),
    "sheet_unnamed_column": (
        "Column {value} has values but no header.",
        "في العمود {value} قيم بلا عنوان.",
    ),
    "sheet_id_of_other_kind": (
        "The id {value} already belongs to a record of another kind.",
        "المعرّف {value} مستخدم لسجل من نوع آخر.",
    ),
    "sheet_incident_rejected": (
        "Its incident {value} was rejected, so this row was not imported either.",
        "رُفضت الحادثة {value} التي يتبع لها هذا الصف، فلم يُستورد هو أيضاً.",
    ),
    "sheet_rejects_is_source": (
        "The rejected rows cannot be written over the file being imported ({path}).",
        "لا يمكن كتابة الصفوف المرفوضة فوق الملف المستورد نفسه ({path}).",
    ),
    "sheet_unwritable": (
        "{path} could not be written: {detail}",
        "تعذّرت الكتابة في {path}: {detail}",
    ),
    # summaries and printed summary sheets (services/summary.py, ui/sheet.py)
    "summary_unknown_perpetrator": (
        "“{value}” is not a known perpetrator party.",
        "«{value}» ليست جهة مرتكبة معروفة.",
    ),
    "summary_unknown_governorate": (
        "“{value}” is not a known governorate.",
        "«{value}» ليست محافظة معروفة.",
    ),
    "summary_period_reversed": (
        "The period starts ({start}) after it ends ({end}).",
        "تبدأ المدة ({start}) بعد نهايتها ({end}).",
    ),
    "summary_since_outside": (
        "The sub-period start {value} is outside the period.",
        "بداية المدة الفرعية {value} خارج المدة المختارة.",
    ),
    "methodology_invalid": (
        "Invalid methodology settings: {detail}",
        "إعدادات المنهجية غير صالحة: {detail}",
    ),
    "summary_title": (
        "Documented civilian deaths and attacks", "حصيلة الضحايا المدنيين والهجمات الموثقة"
    ),
    "summary_organisation": ("Syrian Network for Human Rights", "الشبكة السورية لحقوق الإنسان"),
    "summary_confidential": ("CONFIDENTIAL", "سري"),
    "summary_issued": ("Issued {date}", "صدر في {date}"),
    "summary_page": ("Page {page} of {pages}", "الصفحة {page} من {pages}"),
    "summary_period": (
        "Period: {start} – {end} ({days} days)", "المدة: {start} – {end} (عدد الأيام: {days})"
    ),
    "summary_scope_parties": ("Perpetrators: {value}", "الجهات المرتكبة: {value}"),
    "summary_scope_all_parties": ("Perpetrators: all parties", "الجهات المرتكبة: جميع الأطراف"),
    "summary_scope_governorates": ("Governorates: {value}", "المحافظات: {value}"),
    "summary_scope_all_governorates": ("Governorates: all", "المحافظات: جميعها"),
    "summary_key_figures": ("Key figures", "الأرقام الرئيسية"),
    "summary_civilians_killed": ("Civilians killed", "المدنيون القتلى"),
    "summary_children": ("Children", "الأطفال"),
    "summary_women": ("Women (adult females)", "النساء (الإناث البالغات)"),
    "summary_men": ("Men (adult males)", "الرجال (الذكور البالغون)"),
    "summary_unknown_sex_or_age": ("Sex or age unknown", "غير معروفي الجنس أو العمر"),
    "summary_special_categories": ("Of whom, by profession", "منهم بحسب المهنة"),
    "summary_massacres": ("Massacres", "المجازر"),
    "summary_facility_attacks": (
        "Attacks on vital civilian facilities", "الهجمات على المنشآت الحيوية المدنية"
    ),
    "summary_acknowledged_incidents": (
        "Incidents acknowledged by the perpetrator", "حوادث اعترفت بها الجهة المرتكبة"
    ),
    "summary_days": ("Days in the period", "عدد أيام المدة"),
    "summary_since": (
        "Since {date}: {civilians} civilians killed ({share} of the period), {children} children, "
        "{women} women",
        "منذ {date}: {civilians} من المدنيين القتلى ({share} من حصيلة المدة)، منهم {children} من "
        "الأطفال و{women} من النساء",
    ),
    "summary_by_governorate": ("By governorate", "بحسب المحافظة"),
    "summary_by_category": (
        "Attacks on vital facilities by category", "الهجمات على المنشآت الحيوية بحسب الفئة"
    ),
    "summary_by_group": (
        "Attacks on vital facilities by group", "الهجمات على المنشآت الحيوية بحسب النوع"
    ),
    "summary_by_perpetrator": (
        "Civilians killed by perpetrator", "المدنيون القتلى بحسب الجهة المرتكبة"
    ),
    "summary_by_month": ("Civilians killed by month", "المدنيون القتلى بحسب الشهر"),
    "summary_civilians_by_governorate": (
        "Civilians killed by governorate", "المدنيون القتلى بحسب المحافظة"
    ),
    "summary_col_governorate": ("Governorate", "المحافظة"),
    "summary_col_category": ("Facility", "المنشأة"),
    "summary_col_group": ("Group", "النوع"),
    "summary_col_perpetrator": ("Perpetrator", "الجهة المرتكبة"),
    "summary_col_civilians": ("Civilians killed", "المدنيون القتلى"),
    "summary_col_children": ("Children", "الأطفال"),
    "summary_col_massacres": ("Massacres", "المجازر"),
    "summary_col_attacks": ("Attacks", "الهجمات"),
    "summary_col_share": ("Share", "النسبة"),
    "summary_total": ("Total", "المجموع"),
    "summary_none": ("None documented.", "لم يوثق شيء."),
    "summary_continued": ("(continued)", "(تتمة)"),
    "summary_methodology_title": ("Methodology", "المنهجية"),
    "summary_methodology": (
        "Victims are counted by their own date and place of death (the incident's when these are "
        "not known); the perpetrator is the incident's. Only victims documented as civilians are "
        "counted as civilians: non-civilians and victims of unknown status are excluded. A child "
        "is younger than {age_limit_en}, or in the child age group when the age "
        "is not known; a woman is a female adult. A massacre is an incident in which at least "
        "{threshold_en} were killed, placed by the incident's date and governorate. Attacks on "
        "facilities are counted by their own date and place. Deleted records are never counted. "
        "The figures are a minimum: they include only the cases documented by name.",
        "يحتسب الضحايا بحسب تاريخ وفاتهم ومكانها (وبحسب تاريخ الحادثة ومكانها عند عدم "
        "معرفتهما)، والجهة المرتكبة هي جهة الحادثة. لا يعد مدنياً إلا من وثقت صفته المدنية: "
        "يستبعد غير المدنيين ومن لم تعرف صفته. الطفل من لم يبلغ {age_limit_ar}، "
        "أو من صنف في فئة الأطفال عند عدم معرفة عمره؛ والمرأة أنثى بالغة. المجزرة حادثة قتل "
        "فيها {threshold_ar} على الأقل، وتنسب إلى تاريخ الحادثة ومحافظتها. تحتسب الهجمات على "
        "المنشآت بحسب تاريخها ومكانها. لا تحتسب السجلات المحذوفة. الأرقام حد أدنى: تشمل "
        "الحالات الموثقة بالاسم فقط.",
    ),
    "summary_settings": (
        "Methodology settings: massacre threshold {massacre_threshold} civilians, child age "
        "limit {child_age_limit} years.",
        "إعدادات المنهجية: حد المجزرة {massacre_threshold} من المدنيين، وحد عمر الطفل "
        "بالسنوات {child_age_limit}.",
    ),
    "summary_links_applied": (
        "Records linked as the same person as another record and left out, so that each person "
        "counts once: {count}",
        "السجلات المربوطة بسجل آخر للشخص نفسه والمستبعدة كي يحتسب كل شخص مرة واحدة: {count}",
    ),
    "summary_links_applied_title": (
        "Records linked as the same person as another (left out)",
        "سجلات مربوطة بسجل آخر للشخص نفسه (مستبعدة)",
    ),
    "summary_sheet_written": (
        "Wrote {path} ({pages} pages).", "كتب الملف {path} (عدد الصفحات: {pages})."
    ),
    # bundles and sync (services/keyring.py, services/bundles.py, services/conflicts.py)
    "keys_bad_recipient": (
        "“{value}” is not an age recipient (it should start with age1).",
        "«{value}» ليس مفتاح تشفير بصيغة age (يبدأ بـ age1).",
    ),
    "keys_bad_identity": (
        "This is not an age identity (it should start with AGE-SECRET-KEY-1).",
        "هذا ليس مفتاحاً سرياً بصيغة age (يبدأ بـ AGE-SECRET-KEY-1).",
    ),
    "keys_bad_file": (
        "{path} is not a key file SNHR Desktop understands (or it is damaged).",
        "الملف {path} ليس ملف مفاتيح يفهمه التطبيق (أو أنه تالف).",
    ),
    "keys_no_recipients": (
        "No coordinator key has been added, so a bundle could not be encrypted for anyone. "
        "Add the coordinator's key first: keys import FILE.",
        "لم يُضَف مفتاح أي منسّق، فلا يمكن تشفير الحزمة لأحد. "
        "أضف مفتاح المنسّق أولاً: keys import FILE.",
    ),
    "keys_unknown_recipient": (
        "No coordinator key named “{value}” has been added.",
        "لم يُضَف مفتاح منسّق باسم «{value}».",
    ),
    "keys_signing_created": (
        "Created the signing key of this installation (device {device}). Fingerprint: {fingerprint}",
        "أُنشئ مفتاح التوقيع لهذا التثبيت (الجهاز {device}). البصمة: {fingerprint}",
    ),
    "keys_signing_exists": (
        "This installation (device {device}) already has a signing key. Fingerprint: {fingerprint}",
        "لهذا التثبيت (الجهاز {device}) مفتاح توقيع من قبل. البصمة: {fingerprint}",
    ),
    "keys_identity_created": (
        "Created a coordinator encryption key: {recipient} (fingerprint {fingerprint}). "
        "Give it to researchers with: keys export --recipient FILE.",
        "أُنشئ مفتاح تشفير للمنسّق: {recipient} (البصمة {fingerprint}). "
        "سلّمه للباحثين بالأمر: keys export --recipient FILE.",
    ),
    "keys_show_device": (
        "Device {device}; researcher {researcher}.",
        "الجهاز {device}؛ الباحث {researcher}.",
    ),
    "keys_show_signing": (
        "Signing key fingerprint: {fingerprint}",
        "بصمة مفتاح التوقيع: {fingerprint}",
    ),
    "keys_show_no_signing": (
        "No signing key yet: it is made by “keys create” or by the first bundle export.",
        "لا يوجد مفتاح توقيع بعد: يُنشأ بالأمر «keys create» أو عند تصدير أول حزمة.",
    ),
    "keys_show_identities": (
        "Coordinator keys of this installation (bundles sent to them open here):",
        "مفاتيح المنسّق في هذا التثبيت (الحزم المرسلة إليها تُفتح هنا):",
    ),
    "keys_show_recipients": ("Bundles are encrypted to:", "تُشفَّر الحزم إلى:"),
    "keys_show_trusted": (
        "Researchers whose bundles are accepted:",
        "الباحثون الذين تُقبل حزمهم:",
    ),
    "keys_show_none": ("  (none)", "  (لا شيء)"),
    "keys_fingerprint_line": (
        "  {name} — {detail} — fingerprint {fingerprint}",
        "  {name} — {detail} — البصمة {fingerprint}",
    ),
    "keys_written": ("Wrote {path}.", "كُتب الملف {path}."),
    "keys_secret_written": (
        "Wrote {path}. It is SECRET: whoever holds it can read every bundle sent to this "
        "coordinator. Keep it offline and never send it.",
        "كُتب الملف {path}. إنه سرّي: من يحوزه يستطيع قراءة كل حزمة مرسلة إلى هذا المنسّق. "
        "احفظه بعيداً عن الشبكة ولا ترسله أبداً.",
    ),
    "keys_recipient_added": (
        "Bundles will be encrypted to {name} (fingerprint {fingerprint}).",
        "ستُشفَّر الحزم إلى {name} (البصمة {fingerprint}).",
    ),
    "keys_identity_added": (
        "This installation can now open bundles sent to {recipient}.",
        "يستطيع هذا التثبيت الآن فتح الحزم المرسلة إلى {recipient}.",
    ),
    "keys_is_signing_key": (
        "{path} holds a researcher's signing key: use “keys trust” for it.",
        "يحوي الملف {path} مفتاح توقيع باحث: استخدم له الأمر «keys trust».",
    ),
    "keys_is_not_signing_key": (
        "{path} holds no researcher's signing key (for a coordinator's key use “keys import”).",
        "لا يحوي الملف {path} مفتاح توقيع باحث (لمفتاح منسّق استخدم «keys import»).",
    ),
    "keys_trust_question": (
        "Trust bundles signed by {name}, device {device}? Compare this fingerprint with the "
        "researcher first: {fingerprint} [y/N] ",
        "هل تقبل الحزم الموقّعة من {name}، الجهاز {device}؟ قارن هذه البصمة مع الباحث أولاً: "
        "{fingerprint} [y/N] ",
    ),
    "keys_trust_needs_yes": (
        "Compare the fingerprint {fingerprint} with the researcher, then run again with --yes.",
        "قارن البصمة {fingerprint} مع الباحث، ثم أعد تشغيل الأمر مع ‎--yes.",
    ),
    "keys_trust_fingerprint_differs": (
        "The key's fingerprint is {fingerprint}, not the one given: it was not trusted.",
        "بصمة المفتاح {fingerprint} وليست البصمة المعطاة: لم يُقبل.",
    ),
    "keys_trust_declined": ("Not trusted; nothing changed.", "لم يُقبل؛ لم يُغيَّر شيء."),
    "keys_trusted": (
        "Bundles signed by {name} (device {device}, fingerprint {fingerprint}) are now accepted.",
        "أصبحت الحزم الموقّعة من {name} (الجهاز {device}، البصمة {fingerprint}) مقبولة.",
    ),
    "keys_already_trusted": (
        "{name} (device {device}, fingerprint {fingerprint}) was trusted already.",
        "{name} (الجهاز {device}، البصمة {fingerprint}) مقبول من قبل.",
    ),
    "bundle_exported": (
        "Wrote the bundle {path}: {operations} operations (numbers {seq_from}–{seq_to}), "
        "encrypted to {recipients}.",
        "كُتبت الحزمة {path}: {operations} عملية (الأرقام {seq_from}–{seq_to})، "
        "مشفّرة إلى {recipients}.",
    ),
    "bundle_nothing_new": (
        "Nothing new since the last bundle to these coordinators; no file was written "
        "(--full exports everything again).",
        "لا جديد منذ آخر حزمة إلى هؤلاء المنسّقين؛ لم يُكتب أي ملف "
        "(الخيار ‎--full يصدّر كل شيء من جديد).",
    ),
    "bundle_export_changed": (
        "The operations to export changed while the bundle was being written; no file was "
        "written. Export again.",
        "تغيّرت العمليات المراد تصديرها أثناء كتابة الحزمة؛ لم يُكتب أي ملف. أعد التصدير.",
    ),
    "bundle_no_identity": (
        "This database has no coordinator encryption key, so it cannot open bundles. Create one "
        "with “keys create --coordinator” or add yours with “keys import --identity FILE”.",
        "لا يوجد في قاعدة البيانات هذه مفتاح تشفير للمنسّق، فلا يمكنها فتح الحزم. أنشئ واحداً "
        "بالأمر «keys create --coordinator» أو أضف مفتاحك بالأمر «keys import --identity FILE».",
    ),
    "bundle_wrong_recipient": (
        "This bundle was not encrypted for this coordinator: none of this database's keys can "
        "open it (or the very beginning of the file is damaged).",
        "لم تُشفَّر هذه الحزمة لهذا المنسّق: لا يستطيع أي من مفاتيح قاعدة البيانات هذه فتحها "
        "(أو أن بداية الملف نفسها تالفة).",
    ),
    "bundle_damaged": (
        "The bundle is damaged or incomplete: it was cut off or changed after it was made.",
        "الحزمة تالفة أو ناقصة: اقتُطع جزء منها أو غُيّرت بعد إنشائها.",
    ),
    "bundle_not_a_bundle": (
        "The file is not an SNHR Desktop bundle.",
        "الملف ليس حزمة من حزم التطبيق.",
    ),
    "bundle_newer_format": (
        "The bundle was made by a newer version of SNHR Desktop (format {found}); update the "
        "app to import it.",
        "أُنشئت الحزمة بإصدار أحدث من التطبيق (الصيغة {found})؛ حدّث التطبيق لاستيرادها.",
    ),
    "bundle_newer_schema": (
        "The bundle was made by a newer version of SNHR Desktop (schema {found}; this version "
        "understands up to {supported}); update the app to import it.",
        "أُنشئت الحزمة بإصدار أحدث من التطبيق (المخطط {found}؛ هذا الإصدار يفهم حتى "
        "{supported})؛ حدّث التطبيق لاستيرادها.",
    ),
    "bundle_bad_manifest": (
        "The bundle's manifest is invalid (field “{value}”).",
        "بيان الحزمة غير صالح (الحقل «{value}»).",
    ),
    "bundle_unknown_signer": (
        "The bundle is signed by a key this database does not trust: {name}, device {device}, "
        "fingerprint {fingerprint}. Compare the fingerprint with the researcher, trust the key "
        "(Sync page, or the command keys trust FILE), then import the bundle again from the "
        "quarantine folder.",
        "الحزمة موقّعة بمفتاح لا تثق به قاعدة البيانات هذه: {name}، الجهاز {device}، "
        "البصمة {fingerprint}. قارن البصمة مع الباحث، واقبل المفتاح (من صفحة المزامنة، أو "
        "بالأمر keys trust FILE)، ثم استورد الحزمة من جديد من مجلد العزل.",
    ),
    "bundle_signer_mismatch": (
        "The bundle claims to come from device {device}, but it is signed with the key of "
        "device {signer} ({name}).",
        "تدّعي الحزمة أنها من الجهاز {device}، لكنها موقّعة بمفتاح الجهاز {signer} ({name}).",
    ),
    "bundle_bad_signature": (
        "The bundle's signature does not match its manifest: the manifest was edited or damaged "
        "after it was signed.",
        "توقيع الحزمة لا يطابق بيانها: عُدِّل البيان أو تلف بعد توقيعه.",
    ),
    "bundle_hash_mismatch": (
        "The bundle's {value} does not match its signed manifest: it was changed after it was "
        "signed.",
        "الملف {value} في الحزمة لا يطابق بيانها الموقّع: غُيِّر بعد التوقيع.",
    ),
    "bundle_bad_operation": (
        "Operation {number} ({op_id}) is malformed: {detail_en}",
        "العملية رقم {number} ({op_id}) غير سليمة: {detail_ar}",
    ),
    "bundle_operation_differs": (
        "Operation {value} differs from the operation with the same id already held: the "
        "device reused its sequence numbers (was it restored from an old backup?).",
        "العملية {value} تختلف عن العملية المحفوظة بالمعرّف نفسه: أعاد الجهاز استخدام أرقامه "
        "التسلسلية (هل استُعيد من نسخة احتياطية قديمة؟).",
    ),
    "bundle_kind_mismatch": (
        "Operation {op_id} is about record {value}, which is a record of another kind.",
        "العملية {op_id} تخص السجل {value}، وهو سجل من نوع آخر.",
    ),
    "op_not_json": ("the line is not a JSON object.", "السطر ليس كائن JSON."),
    "op_too_long": ("the line is too long.", "السطر أطول من اللازم."),
    "op_bad_field": (
        "the field “{value}” is missing or invalid.",
        "الحقل «{value}» مفقود أو غير صالح.",
    ),
    "op_wrong_device": (
        "it belongs to device {value}, not to the device that signed the bundle.",
        "تعود إلى الجهاز {value}، لا إلى الجهاز الذي وقّع الحزمة.",
    ),
    "op_out_of_sequence": (
        "expected operation number {expected}, found {found}.",
        "كان المتوقع العملية رقم {expected}، فوُجد الرقم {found}.",
    ),
    "op_bad_record": ("the record is invalid: {detail_en}", "السجل غير صالح: {detail_ar}"),
    "op_not_canonical": (
        "the record is not written the way the app writes it.",
        "السجل غير مكتوب بالصيغة التي يكتبها التطبيق.",
    ),
    "bundle_refused": ("{path}: refused. {reason_en}", "{path}: مرفوضة. {reason_ar}"),
    "bundle_quarantined": (
        "The file was moved to {path}, with the reason beside it.",
        "نُقل الملف إلى {path}، ومعه سبب رفضه.",
    ),
    "bundle_nothing_to_merge": (
        "{path}: nothing new; its {known} operations from {researcher} (device {device}) were "
        "all held already.",
        "{path}: لا جديد؛ عملياتها الـ{known} من {researcher} (الجهاز {device}) محفوظة كلها من قبل.",
    ),
    "bundle_merged": (
        "{path}: {new} new operations from {researcher} (device {device}, numbers "
        "{seq_from}–{seq_to}), {known} already held. Records: {created} new, {updated} updated; "
        "{conflicts} with conflicts to review.",
        "{path}: {new} عملية جديدة من {researcher} (الجهاز {device}، الأرقام "
        "{seq_from}–{seq_to})، و{known} محفوظة من قبل. السجلات: {created} جديدة، {updated} معدّلة؛ "
        "{conflicts} فيها تعارضات للمراجعة.",
    ),
    "bundle_missing": (
        "Operations of device {device} not received yet: {ranges}.",
        "عمليات الجهاز {device} التي لم تصل بعد: {ranges}.",
    ),
    "bundle_import_summary": (
        "Bundles: {imported} imported, {refused} refused. Operations: {new} new, {known} already "
        "held. Records: {created} new, {updated} updated. Records with open conflicts: {conflicts}.",
        "الحزم: استُورد {imported}، ورُفض {refused}. العمليات: {new} جديدة، و{known} محفوظة من قبل. "
        "السجلات: {created} جديدة، و{updated} معدّلة. سجلات فيها تعارضات مفتوحة: {conflicts}.",
    ),
    "conflicts_none": ("No open conflicts.", "لا توجد تعارضات مفتوحة."),
    "conflicts_none_for": (
        "Record {value} has no open conflict.",
        "لا يوجد تعارض مفتوح في السجل {value}.",
    ),
    "conflicts_bad_field": (
        "“{value}” is not a disputed field of this record.",
        "«{value}» ليس حقلاً متنازعاً عليه في هذا السجل.",
    ),
    "conflicts_bad_choice": (
        "{value} is not one of the numbered sides.",
        "{value} ليس من الخيارات المرقّمة.",
    ),
    "conflicts_record": ("{kind} {record_id} {label}", "{kind} {record_id} {label}"),
    "conflicts_field": ("  {field} ({reason}):", "  {field} ({reason}):"),
    "conflicts_side": (
        "    [{number}] {value} — {author}, device {device}, {time}{shown}",
        "    [{number}] {value} — {author}، الجهاز {device}، {time}{shown}",
    ),
    "conflicts_shown": ("  ← shown for now", "  ← المعروض حالياً"),
    "conflicts_before": ("    before: {value}", "    قبل التعديلات: {value}"),
    "conflict_reason_same_field": (
        "changed differently on two devices",
        "عُدِّل بشكل مختلف على جهازين",
    ),
    "conflict_reason_delete_edit": (
        "deleted on one device, edited on another",
        "حُذف على جهاز وعُدِّل على آخر",
    ),
    "conflict_reason_invalid_merge": (
        "the changes cannot be combined",
        "لا يمكن الجمع بين التعديلات",
    ),
    "conflict_value_deleted": ("delete the record", "حذف السجل"),
    "conflict_value_kept": ("keep the record", "إبقاء السجل"),
    "conflict_value_empty": ("(empty)", "(فارغ)"),
    "conflicts_resolved": (
        "Decided the conflicts of record {record_id} (operation {op_id}); the decision travels "
        "in this installation's next bundle.",
        "حُسمت تعارضات السجل {record_id} (العملية {op_id})؛ ويُرسل القرار في الحزمة التالية "
        "من هذا التثبيت.",
    ),
    "conflicts_usage": (
        "Say which side to keep: FIELD=NUMBER for a field, or --take NUMBER for all of them.",
        "حدّد أي خيار يُبقى: الحقل=الرقم لحقل واحد، أو ‎--take الرقم لها جميعاً.",
    ),
    # probable duplicate victims (services/matching.py): reasons for and against a pair
    "duplicates_bad_status": (
        "Unknown list “{value}”: use pending, unsure or decided.",
        "قائمة غير معروفة «{value}»: استخدم pending أو unsure أو decided.",
    ),
    "duplicates_bad_decision": (
        "Unknown decision “{value}”: use same, different or unsure.",
        "قرار غير معروف «{value}»: استخدم same أو different أو unsure.",
    ),
    "duplicates_no_decision": (
        "No decision in force has the id “{value}”.",
        "لا يوجد قرار سارٍ بالمعرّف «{value}».",
    ),
    "duplicates_told_apart": (
        "“{left}” and “{right}” were decided to be different people; linking these records "
        "would make them one person. Undo that decision first.",
        "تقرَّر أن «{left}» و«{right}» شخصان مختلفان؛ وربط هذين السجلين يجعلهما شخصاً واحداً. "
        "ألغِ ذلك القرار أولاً.",
    ),
    "duplicates_pair": (
        "{number}. {percent} {left} — {right} ({suggestion})",
        "{number}. {percent} {left} — {right} ({suggestion})",
    ),
    "duplicates_suggestion_match": ("probably the same person", "على الأرجح الشخص نفسه"),
    "duplicates_suggestion_review": ("to be checked", "يحتاج إلى تحقق"),
    "duplicates_scanned": (
        "{records} named victims compared in {compared} candidate pairs: {pairs} pairs kept, "
        "{pending} awaiting a decision.",
        "قورن {records} ضحية مسمّاة في {compared} زوجاً مرشحاً: أُبقي {pairs} زوجاً، "
        "منها {pending} بانتظار قرار.",
    ),
    "duplicates_never_scanned": (
        "No scan yet: run “snhr-desktop duplicates scan” first.",
        "لم يُجرَ أي فحص بعد: شغّل «snhr-desktop duplicates scan» أولاً.",
    ),
    "duplicates_counts": (
        "{pending} pairs to review, {unsure} set aside as unsure, {decided} decided; "
        "{linked} records counted with another record of the same person (scan: {time}).",
        "{pending} زوجاً للمراجعة، و{unsure} مؤجلاً لعدم التأكد، و{decided} تقرّر فيها؛ "
        "و{linked} سجلاً يُحتسب مع سجل آخر للشخص نفسه (الفحص: {time}).",
    ),
    "duplicates_evidence": (
        "Probability of one person: {percent}. Evidence:",
        "احتمال أن يكونا شخصاً واحداً: {percent}. الأدلة:",
    ),
    "duplicates_decided": (
        "Decided: {decision} (by {author}) [{decision_id}]",
        "القرار: {decision} (من {author}) [{decision_id}]",
    ),
    "duplicates_decision_saved": (
        "Saved: {decision} [{decision_id}]", "حُفظ القرار: {decision} [{decision_id}]"
    ),
    "duplicates_undone": (
        "Withdrawn: {decision} for “{left}” and “{right}”; the pair is proposed again.",
        "سُحب القرار: {decision} بشأن «{left}» و«{right}»؛ وسيُقترح الزوج مجدداً.",
    ),
    "duplicates_incident_field": ("incident:", "الحادثة:"),
    "duplicates_decision_same": ("Same person", "الشخص نفسه"),
    "duplicates_decision_different": ("Different people", "شخصان مختلفان"),
    "duplicates_decision_unsure": ("Unsure", "غير متأكد"),
    "dup_name_same": ("Same {role_en}: {left}", "{role_ar} نفسه: {left}"),
    "dup_name_same_common": (
        "Same {role_en}: {left} (a common name, so it counts for less)",
        "{role_ar} نفسه: {left} (اسم شائع، فوزنه أقل)",
    ),
    "dup_name_variant": (
        "{role_en} spelt differently: {left} / {right}",
        "{role_ar} مكتوب بتهجئة أخرى: {left} / {right}",
    ),
    "dup_name_cross_script": (
        "{role_en} agrees across scripts (Arabic and Latin): {left} / {right}",
        "{role_ar} متطابق بين الكتابتين العربية واللاتينية: {left} / {right}",
    ),
    "dup_name_slip": (
        "{role_en} differs by what looks like a typing slip: {left} / {right}",
        "{role_ar} يختلف بما يشبه خطأً طباعياً: {left} / {right}",
    ),
    "dup_name_similar": (
        "{role_en} is similar but may be another name: {left} / {right}",
        "{role_ar} متشابه وقد يكون اسماً آخر: {left} / {right}",
    ),
    "dup_name_differs": (
        "Different {role_en}: {left} / {right}", "{role_ar} مختلف: {left} / {right}"
    ),
    "dup_names_correlated": (
        "Whole names are shared by relatives and namesakes more often than their parts suggest",
        "الأقارب والمتشابهون في الأسماء يشتركون في الاسم الكامل أكثر مما توحي به أجزاؤه",
    ),
    "dup_siblings": (
        "Same father's and family name but another first name: probably siblings, not one person",
        "اسم الأب واسم العائلة نفساهما والاسم الأول مختلف: على الأرجح أخوان لا شخص واحد",
    ),
    "dup_other_father": (
        "Same first and family name but different fathers' names: probably two relatives or "
        "namesakes",
        "الاسم الأول واسم العائلة نفساهما واسما الأبوين مختلفان: على الأرجح قريبان أو متشابهان "
        "في الاسم",
    ),
    "dup_other_family": (
        "Same first name but different family names: two people, or one known by two family "
        "names; a person must decide",
        "الاسم الأول نفسه واسما العائلة مختلفان: شخصان، أو شخص معروف باسمي عائلة؛ يقرر ذلك "
        "شخص مختص",
    ),
    "dup_father_child": (
        "One's first name is the other's father's name: probably a parent and child",
        "الاسم الأول لأحدهما هو اسم أبي الآخر: على الأرجح أب وابنه",
    ),
    "dup_date_same": ("Same date of death", "تاريخ الوفاة نفسه"),
    "dup_date_close": (
        "Dates of death {days} day(s) apart", "الفرق بين تاريخي الوفاة بالأيام: {days}"
    ),
    "dup_date_far": (
        "Dates of death {days} days apart", "الفرق بين تاريخي الوفاة بالأيام: {days} (كبير)"
    ),
    "dup_age_same": ("Same age ({left})", "العمر نفسه ({left})"),
    "dup_age_close": ("Ages close: {left} / {right}", "العمران متقاربان: {left} / {right}"),
    "dup_age_differs": ("Ages differ: {left} / {right}", "العمران مختلفان: {left} / {right}"),
    "dup_age_group_differs": (
        "One is a child, the other an adult", "أحدهما طفل والآخر بالغ"
    ),
    "dup_sex_differs": ("Different sex", "الجنس مختلف"),
    "dup_governorate_same": ("Same governorate", "المحافظة نفسها"),
    "dup_governorate_differs": ("Different governorate", "المحافظة مختلفة"),
    "dup_incident_same": ("Same incident", "الحادثة نفسها"),
    "dup_date_same_month": (
        "Same month of death (the day is not known)", "شهر الوفاة نفسه (اليوم غير معروف)"
    ),
    "dup_date_same_year": (
        "Same year of death (the month is not known)", "سنة الوفاة نفسها (الشهر غير معروف)"
    ),
    "dup_date_other_period": (
        "Died in different months or years", "الوفاة في شهرين أو سنتين مختلفين"
    ),
    "dup_place_same": ("Same place of death", "مكان الوفاة نفسه"),
    "dup_place_within": (
        "One place of death lies within the other", "أحد مكاني الوفاة يقع ضمن الآخر"
    ),
    "dup_place_differs": ("Different places of death", "مكانا الوفاة مختلفان"),
}


@dataclass(frozen=True, slots=True)
class Message:
    """A message with its code and arguments, rendered in either language on demand."""

    code: str
    args: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, code: str, **args: Any) -> Message:
        if code not in CATALOGUE:
            raise KeyError(f"no message {code!r} in the catalogue")
        return cls(code, tuple(sorted(args.items())))

    def render(self, lang: str) -> str:
        en, ar = CATALOGUE[self.code]
        template = ar if lang == "ar" else en
        try:
            return template.format(**dict(self.args))
        except (KeyError, IndexError):
            return template

    @property
    def en(self) -> str:
        return self.render("en")

    @property
    def ar(self) -> str:
        return self.render("ar")


class UserError(Exception):
    """An error the user must see, in their language; never a programming error."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message

    @classmethod
    def of(cls, code: str, **args: Any) -> UserError:
        return cls(Message.of(code, **args))

    def render(self, lang: str) -> str:
        return self.message.render(lang)
