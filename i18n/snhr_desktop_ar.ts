<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>BackgroundTask</name>
    <message>
        <location filename="../snhr_desktop/ui/dialogs.py" line="+168"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>ChildRecordForm</name>
    <message>
        <location filename="../snhr_desktop/ui/record_form.py" line="+920"/>
        <source>Incident {id} (not found)</source>
        <translation>الحادثة {id} (غير موجودة)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>None: add victims and facility attacks from their incident&apos;s form.</source>
        <translation>لا توجد: أضف الضحايا والهجمات على المنشآت من استمارة الحادثة التي تتبع لها.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Incident</source>
        <translation>الحادثة</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save and return</source>
        <translation>حفظ وعودة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save, close this form and go back to the incident (Ctrl+S)</source>
        <translation>احفظ وأغلق هذه الاستمارة وعُد إلى الحادثة (Ctrl+S)</translation>
    </message>
</context>
<context>
    <name>ChildRowsModel</name>
    <message>
        <location filename="../snhr_desktop/ui/incident_form.py" line="+82"/>
        <location line="+10"/>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>العمر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>الصفة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Special category</source>
        <translation>الفئة الخاصة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date of death</source>
        <translation>تاريخ الوفاة</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Category</source>
        <translation>الفئة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Damage</source>
        <translation>حجم الضرر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Out of service</source>
        <translation>خارج الخدمة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
</context>
<context>
    <name>ComparisonModel</name>
    <message>
        <location filename="../snhr_desktop/ui/duplicates_view.py" line="+385"/>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First record</source>
        <translation>السجل الأول</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Second record</source>
        <translation>السجل الثاني</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recorded by</source>
        <translation>سجّله</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident</source>
        <translation>الحادثة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The two records differ here</source>
        <translation>يختلف السجلان هنا</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Written differently, but the same name once spelling is set aside</source>
        <translation>مكتوب بطريقة مختلفة، لكنه الاسم نفسه إذا تُجوهلت فروق الإملاء</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Given in one record only</source>
        <translation>مذكور في سجل واحد فقط</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click to open this record</source>
        <translation>انقر نقراً مزدوجاً لفتح هذا السجل</translation>
    </message>
</context>
<context>
    <name>ConfirmDeleteBox</name>
    <message>
        <location filename="../snhr_desktop/ui/record_form.py" line="-875"/>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../snhr_desktop/ui/widgets.py" line="+871"/>
        <source>YYYY-MM-DD</source>
        <translation>مثال: 2016-05-03</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the date on a calendar (F4)</source>
        <translation>اختر التاريخ من التقويم (F4)</translation>
    </message>
</context>
<context>
    <name>DrillDownDialog</name>
    <message>
        <location filename="../snhr_desktop/ui/summary_view.py" line="+856"/>
        <source>Cannot open the record</source>
        <translation>تعذّر فتح السجل</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 records behind this figure. Double-click one to open it.</source>
        <translation>عدد السجلات وراء هذا الرقم: %1. انقر مرتين على سجل لفتحه.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
</context>
<context>
    <name>DrilledRecordsModel</name>
    <message>
        <location line="-178"/>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Civilians killed</source>
        <translation>المدنيون القتلى</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>العمر</translation>
    </message>
</context>
<context>
    <name>DuplicateBanner</name>
    <message>
        <location filename="../snhr_desktop/ui/victim_form.py" line="+109"/>
        <source>age {age}</source>
        <translation>العمر {age}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open this victim&apos;s record in its own window</source>
        <translation>افتح سجل هذه الضحية في نافذة مستقلة</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Possible duplicate: a saved victim has the same name, died within two days of this date and in the same governorate. Check before saving.</source>
        <translation>احتمال تكرار: توجد ضحية محفوظة بالاسم نفسه، تُوفيت في غضون يومين من هذا التاريخ وفي المحافظة نفسها. تحقّق قبل الحفظ.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue</source>
        <translation>متابعة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide this warning and go on typing</source>
        <translation>أخفِ هذا التنبيه وتابع الإدخال</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <location filename="../snhr_desktop/ui/duplicates_view.py" line="+761"/>
        <source>“%1” and “%2”</source>
        <translation>«%1» و«%2»</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Probability that they are one person: %1 — the matcher&apos;s suggestion: %2.</source>
        <translation>احتمال أن يكونا شخصاً واحداً: %1 — اقتراح المطابقة: %2.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Decided: %1 — by %2, %3.</source>
        <translation>القرار: %1 — اتخذه %2، %3.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Note: %1</source>
        <translation>ملاحظة: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No scan yet. “Scan for duplicates” compares every victim with the others and lists the pairs that may be one person recorded twice.</source>
        <translation>لم يُجرَ أي فحص بعد. يقارن «البحث عن المكررات» كل ضحية بالضحايا الآخرين، ويعرض الأزواج التي قد تكون شخصاً واحداً سُجّل مرتين.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No pairs to review.</source>
        <translation>لا توجد أزواج للمراجعة.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No pairs set aside as unsure.</source>
        <translation>لا توجد أزواج مؤجلة لعدم التأكد.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No decisions yet.</source>
        <translation>لا توجد قرارات بعد.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>To review (%1)</source>
        <translation>للمراجعة (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsure (%1)</source>
        <translation>غير مؤكدة (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decided (%1)</source>
        <translation>محسومة (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Never scanned</source>
        <translation>لم يُجرَ أي فحص</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last scan: %1</source>
        <translation>آخر فحص: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records linked to another of the same person: %1</source>
        <translation>سجلات مربوطة بسجل آخر للشخص نفسه: %1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Decision not saved</source>
        <translation>لم يُحفظ القرار</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved: %1 — “%2” and “%3”.</source>
        <translation>حُفظ القرار: %1 — «%2» و«%3».</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Withdraw the decision “%1” on “%2” and “%3”?

The pair goes back to the pairs to review; the withdrawal is kept in the history.</source>
        <translation>هل تريد سحب القرار «%1» بشأن «%2» و«%3»؟

يعود الزوج إلى الأزواج التي تنتظر المراجعة، ويبقى السحب محفوظاً في السجل التاريخي.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+164"/>
        <source>Undo decision</source>
        <translation>التراجع عن القرار</translation>
    </message>
    <message>
        <location line="-163"/>
        <source>Withdraw</source>
        <translation>سحب القرار</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Decision not withdrawn</source>
        <translation>لم يُسحب القرار</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Withdrawn: %1 — “%2” and “%3” are to be reviewed again.</source>
        <translation>سُحب القرار: %1 — سيُراجَع «%2» و«%3» من جديد.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Scanning…</source>
        <translation>جارٍ الفحص…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Scan cancelled: the list is as it was.</source>
        <translation>أُلغي الفحص: بقيت القائمة كما كانت.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan failed</source>
        <translation>تعذّر الفحص</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Scan for duplicates</source>
        <translation>البحث عن المكررات</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare every victim with the others and list the pairs that may be one person recorded twice. Decisions already taken are kept.</source>
        <translation>مقارنة كل ضحية بالضحايا الآخرين وعرض الأزواج التي قد تكون شخصاً واحداً سُجّل مرتين. تبقى القرارات المتخذة سابقاً كما هي.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records have changed since the last scan.</source>
        <translation>تغيّرت السجلات منذ آخر فحص.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pairs nobody has decided yet, most probable first (Alt+1)</source>
        <translation>أزواج لم يُتخذ فيها قرار بعد، الأرجح أولاً (Alt+1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pairs set aside as unsure (Alt+2)</source>
        <translation>أزواج مؤجلة لعدم التأكد (Alt+2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pairs decided as the same person or different people (Alt+3)</source>
        <translation>أزواج تقرّر أنها الشخص نفسه أو شخصان مختلفان (Alt+3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Same person (S)</source>
        <translation>الشخص نفسه (S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Link the two records as one person: both are kept, every figure counts the person once (S in the list, or Alt+S)</source>
        <translation>ربط السجلين على أنهما شخص واحد: يبقى السجلان كلاهما، ويُحتسب الشخص مرة واحدة في كل الأرقام (المفتاح S في القائمة، أو Alt+S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Different people (D)</source>
        <translation>شخصان مختلفان (D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remember that these are two people: the pair is not proposed again (D in the list, or Alt+D)</source>
        <translation>تذكُّر أنهما شخصان مختلفان: لن يُقترح هذا الزوج مرة أخرى (المفتاح D في القائمة، أو Alt+D)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unsure (U)</source>
        <translation>غير متأكد (U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the pair aside until somebody can decide (U in the list, or Alt+U)</source>
        <translation>تأجيل الزوج إلى أن يتمكن أحد من البت فيه (المفتاح U في القائمة، أو Alt+U)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Withdraw the decision on this pair; it goes back to the pairs to review (Delete in the list)</source>
        <translation>سحب القرار المتخذ بشأن هذا الزوج، فيعود إلى الأزواج التي تنتظر المراجعة (المفتاح Delete في القائمة)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Note:</source>
        <translation>&amp;ملاحظة:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why (optional; kept with the decision) — N</source>
        <translation>سبب القرار (اختياري، يُحفظ معه) — N</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S same person · D different people · U unsure · N note · Delete undo a decision</source>
        <translation>S الشخص نفسه · D شخصان مختلفان · U غير متأكد · N ملاحظة · Delete التراجع عن قرار</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>≠ differs</source>
        <translation>≠ مختلف</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>≈ spelt differently</source>
        <translation>≈ مكتوب بإملاء مختلف</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>− in one record only</source>
        <translation>− في سجل واحد فقط</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the pair was proposed, strongest first:</source>
        <translation>لماذا اقتُرح هذا الزوج، الأقوى أولاً:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a pair to compare its two records.</source>
        <translation>اختر زوجاً لمقارنة سجلّيه.</translation>
    </message>
</context>
<context>
    <name>FacilityForm</name>
    <message>
        <location filename="../snhr_desktop/ui/facility_form.py" line="+59"/>
        <source>New facility attack</source>
        <translation>هجوم جديد على منشأة</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Facility attack: {name}</source>
        <translation>هجوم على منشأة: {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The facility</source>
        <translation>المنشأة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The attack</source>
        <translation>الهجوم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>فئة المنشأة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (Arabic)</source>
        <translation>الاسم بالعربية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (Latin script)</source>
        <translation>الاسم بالأحرف اللاتينية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Damage</source>
        <translation>حجم الضرر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Out of service</source>
        <translation>خروج عن الخدمة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Governorate</source>
        <translation>المحافظة</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../snhr_desktop/ui/record_lists.py" line="+280"/>
        <source>Search place or description</source>
        <translation>ابحث في المكان أو الوصف</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search names, in Arabic or Latin letters</source>
        <translation>ابحث في الأسماء بالعربية أو بالأحرف اللاتينية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search facility name</source>
        <translation>ابحث في أسماء المنشآت</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search (Ctrl+F)</source>
        <translation>بحث (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All perpetrators</source>
        <translation>كل الجهات المرتكبة</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Perpetrator</source>
        <translation>الجهة المرتكبة</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All governorates</source>
        <translation>كل المحافظات</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Governorate</source>
        <translation>المحافظة</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any status</source>
        <translation>كل الصفات</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>صفة الضحية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>YYYY-MM-DD</source>
        <translation>سنة-شهر-يوم</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A year (2016), a month (2016-05) or a day (2016-05-03).</source>
        <translation>سنة (2016) أو شهر (2016-05) أو يوم (2016-05-03).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear filters</source>
        <translation>مسح التصفية</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../snhr_desktop/ui/history_panel.py" line="+36"/>
        <source>Created</source>
        <translation>إنشاء</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>تعديل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>حذف</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>الباحث</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes</source>
        <translation>التغييرات</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 ← %3</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location line="+72"/>
        <source>History of the selected record</source>
        <translation>سجل التغييرات على السجل المحدد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a record to see who changed what, and when.</source>
        <translation>اختر سجلاً لترى مَن غيّر ماذا ومتى.</translation>
    </message>
</context>
<context>
    <name>IncidentForm</name>
    <message>
        <location filename="../snhr_desktop/ui/incident_form.py" line="+282"/>
        <source>New incident</source>
        <translation>حادثة جديدة</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Incident of {date} in {governorate}</source>
        <translation>حادثة بتاريخ {date} في {governorate}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>When and where</source>
        <translation>الزمان والمكان</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The attack</source>
        <translation>الهجوم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>الوصف</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place (Arabic)</source>
        <translation>المكان بالعربية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place (Latin script)</source>
        <translation>المكان بالأحرف اللاتينية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perpetrator</source>
        <translation>الجهة المرتكبة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attack type</source>
        <translation>نوع الهجوم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledged by the perpetrator</source>
        <translation>اعتراف الجهة المرتكبة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Researcher</source>
        <translation>الباحث</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sources</source>
        <translation>المصادر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In Arabic</source>
        <translation>بالعربية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In English</source>
        <translation>بالإنكليزية</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>YYYY-MM-DD, or YYYY-MM / YYYY when only the month or the year is known</source>
        <translation>سنة-شهر-يوم، أو سنة-شهر أو سنة فقط إذا لم يُعرف إلا الشهر أو السنة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add victim</source>
        <translation>إضافة ضحية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add facility attack</source>
        <translation>إضافة هجوم على منشأة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter: add the next victim · Ctrl+O or double click: open · Delete: delete</source>
        <translation>إضافة الضحية التالية: Enter · الفتح: Ctrl+O أو النقر المزدوج · الحذف: Delete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter: add the next facility attack · Ctrl+O or double click: open · Delete: delete</source>
        <translation>إضافة الهجوم التالي على منشأة: Enter · الفتح: Ctrl+O أو النقر المزدوج · الحذف: Delete</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Victims ({count})</source>
        <translation>الضحايا ({count})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Facility attacks ({count})</source>
        <translation>الهجمات على المنشآت ({count})</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Delete the victim “{name}”?</source>
        <translation>هل تريد حذف الضحية «{name}»؟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the attack on “{name}”?</source>
        <translation>هل تريد حذف الهجوم على «{name}»؟</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The record could not be deleted: {detail}</source>
        <translation>تعذّر حذف السجل: {detail}</translation>
    </message>
</context>
<context>
    <name>IncidentLink</name>
    <message>
        <location filename="../snhr_desktop/ui/record_form.py" line="+750"/>
        <source>Open incident</source>
        <translation>فتح الحادثة</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../snhr_desktop/i18n.py" line="+100"/>
        <source>Arabic</source>
        <translation>العربية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>الإنجليزية</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../snhr_desktop/ui/setup_wizard.py" line="+115"/>
        <source>Welcome</source>
        <translation>أهلاً بك</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new encrypted database will be created on this computer.</source>
        <translation>ستُنشأ قاعدة بيانات مشفّرة جديدة على هذا الحاسوب.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This program documents incidents, their victims and attacks on vital civilian facilities. Everything is stored encrypted and works without an internet connection.</source>
        <translation>يوثّق هذا البرنامج الحوادث وضحاياها والهجمات على المنشآت المدنية الحيوية. تُحفظ البيانات كلها مشفّرة، ويعمل البرنامج دون اتصال بالإنترنت.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Interface language:</source>
        <translation>لغة الواجهة:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database: %1</source>
        <translation>قاعدة البيانات: %1</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../snhr_desktop/ui/idle_lock.py" line="+161"/>
        <source>Locked</source>
        <translation>البرنامج مقفل</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The records are hidden. Type your passphrase to continue working.</source>
        <translation>السجلات مخفية. اكتب عبارة المرور لمتابعة العمل.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../snhr_desktop/ui/main_window.py" line="+298"/>
        <location line="+186"/>
        <source>SNHR Desktop</source>
        <translation>برنامج التوثيق – الشبكة السورية لحقوق الإنسان</translation>
    </message>
    <message>
        <location line="-184"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tools</source>
        <translation>&amp;أدوات</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New incident</source>
        <translation>حادثة &amp;جديدة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document a new incident</source>
        <translation>توثيق حادثة جديدة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import spreadsheet…</source>
        <translation>ا&amp;ستيراد جدول بيانات…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export spreadsheet…</source>
        <translation>&amp;تصدير جدول بيانات…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Preferences…</source>
        <translation>الإ&amp;عدادات…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lock</source>
        <translation>&amp;قفل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh lists</source>
        <translation>&amp;تحديث القوائم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Search</source>
        <translation>&amp;بحث</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Incidents</source>
        <translation>ال&amp;حوادث</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Victims</source>
        <translation>ال&amp;ضحايا</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Facility attacks</source>
        <translation>الهجمات على ال&amp;منشآت</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ummary</source>
        <translation>ال&amp;ملخص</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>S&amp;ync</source>
        <translation>الم&amp;زامنة</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Duplicates</source>
        <translation>المك&amp;ررات المحتملة</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Incidents</source>
        <translation>الحوادث</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Victims</source>
        <translation>الضحايا</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attacks on vital facilities</source>
        <translation>الهجمات على المنشآت الحيوية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>الملخص</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync</source>
        <translation>المزامنة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicates</source>
        <translation>المكررات المحتملة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About SNHR Desktop</source>
        <translation>&amp;حول البرنامج</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Incidents: %1   Victims: %2   Facility attacks: %3</source>
        <translation>الحوادث: %1   الضحايا: %2   الهجمات على المنشآت: %3</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>SNHR Desktop %1

Offline documentation of incidents, victims and attacks on vital civilian facilities. The database is encrypted; nothing readable is written to disk.

Keyboard: Ctrl+N new incident, Ctrl+F search, Enter open the selected record, Delete delete it, Ctrl+1/2/3 switch lists, Ctrl+4 summary, Ctrl+5 sync, Ctrl+6 duplicates, Ctrl+L lock.</source>
        <translation>برنامج التوثيق %1

توثيق الحوادث والضحايا والهجمات على المنشآت المدنية الحيوية دون اتصال بالإنترنت. قاعدة البيانات مشفّرة، ولا يُكتب على القرص أي شيء مقروء.

لوحة المفاتيح: Ctrl+N حادثة جديدة، Ctrl+F بحث، Enter فتح السجل المحدد، Delete حذفه، Ctrl+1/2/3 التنقل بين القوائم، Ctrl+4 الملخص، Ctrl+5 المزامنة، Ctrl+6 المكررات المحتملة، Ctrl+L قفل البرنامج.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>About SNHR Desktop</source>
        <translation>حول البرنامج</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Import a spreadsheet</source>
        <translation>استيراد جدول بيانات</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>جداول البيانات (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+13"/>
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Import refused</source>
        <translation>رُفض الاستيراد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some rows have problems, so nothing was imported. Import only the valid rows and leave the others out?</source>
        <translation>في بعض الصفوف مشكلات، لذلك لم يُستورد شيء. هل تريد استيراد الصفوف الصالحة وحدها وترك الصفوف الأخرى؟</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Import failed</source>
        <translation>تعذّر الاستيراد</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import</source>
        <translation>الاستيراد</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export to a spreadsheet</source>
        <translation>التصدير إلى جدول بيانات</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>مصنف Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export failed</source>
        <translation>تعذّر التصدير</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The exported file is not encrypted: keep it on an encrypted drive and delete it when it is no longer needed.</source>
        <translation>الملف المُصدَّر غير مشفّر: احفظه على قرص مشفّر واحذفه حين لا تعود بحاجة إليه.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export</source>
        <translation>التصدير</translation>
    </message>
</context>
<context>
    <name>MethodologyDialog</name>
    <message>
        <location filename="../snhr_desktop/ui/methodology_dialog.py" line="+111"/>
        <source>The massacre threshold must be a whole number from %1 to %2.</source>
        <translation>يجب أن يكون حد المجزرة عدداً صحيحاً من %1 إلى %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The child age limit must be a whole number from %1 to %2.</source>
        <translation>يجب أن يكون حد عمر الطفل عدداً صحيحاً من %1 إلى %2.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Methodology settings</source>
        <translation>إعدادات المنهجية</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These counting rules apply to every summary and sheet made from this database. Changing them changes no record and is not written to the history.</source>
        <translation>تنطبق قواعد العدّ هذه على كل ملخص وكل ورقة تُعدّ من قاعدة البيانات هذه. تغييرها لا يغيّر أي سجل ولا يُكتب في السجل التاريخي.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Massacre: at least this many civilians killed (%1–%2):</source>
        <translation>ال&amp;مجزرة: عدد القتلى المدنيين لا يقل عن (%1–%2):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Child: younger than this age (%1–%2):</source>
        <translation>ال&amp;طفل: من كان عمره دون (%1–%2):</translation>
    </message>
</context>
<context>
    <name>PairListModel</name>
    <message>
        <location filename="../snhr_desktop/ui/duplicates_view.py" line="-1295"/>
        <source>First record</source>
        <translation>السجل الأول</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Second record</source>
        <translation>السجل الثاني</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probability</source>
        <translation>الاحتمال</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggestion</source>
        <translation>الاقتراح</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decision</source>
        <translation>القرار</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Likely same</source>
        <translation>على الأرجح نفسه</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To check</source>
        <translation>للتحقق</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How likely the matcher finds it that both records are one person</source>
        <translation>مدى ترجيح المطابقة أن السجلين لشخص واحد</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <location filename="../snhr_desktop/ui/setup_wizard.py" line="+119"/>
        <source>%1: at least %2 characters.</source>
        <translation>%1: الحد الأدنى %2 أحرف.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1. Longer is stronger: use several unrelated words, with digits or signs.</source>
        <translation>%1. كلما طالت العبارة زادت قوتها: استخدم عدة كلمات لا رابط بينها، مع أرقام أو رموز.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1.</source>
        <translation>%1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passphrases are not the same.</source>
        <translation>عبارتا المرور غير متطابقتين.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Passphrase</source>
        <translation>عبارة المرور</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The passphrase encrypts the database. It is asked at every start and after every lock.</source>
        <translation>تشفّر عبارة المرور قاعدة البيانات، وتُطلب عند كل تشغيل وبعد كل قفل.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;عبارة المرور:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat it:</source>
        <translation>أ&amp;عد كتابتها:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the passphrases while typing</source>
        <translation>إظهار عبارتَي المرور أثناء الكتابة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nobody can recover a forgotten passphrase, and without it the records cannot be read. Learn it by heart; if you write it down, keep it far from this computer.</source>
        <translation>لا يستطيع أحد استعادة عبارة مرور منسيّة، ولا يمكن قراءة السجلات بدونها. احفظها عن ظهر قلب، وإن دوّنتها فاحتفظ بها بعيداً عن هذا الحاسوب.</translation>
    </message>
</context>
<context>
    <name>PassphrasePrompt</name>
    <message>
        <location filename="../snhr_desktop/ui/unlock.py" line="+171"/>
        <source>You can try again in %1 s.</source>
        <translation>يمكنك المحاولة مجدداً بعد %1 ث.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unlocking…</source>
        <translation>جارٍ فتح القفل…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;عبارة المرور:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the passphrase while typing</source>
        <translation>إظهار عبارة المرور أثناء الكتابة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock</source>
        <translation>فتح القفل</translation>
    </message>
</context>
<context>
    <name>PassphraseStrength</name>
    <message>
        <location filename="../snhr_desktop/ui/setup_wizard.py" line="-235"/>
        <source>Too short</source>
        <translation>قصيرة جداً</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weak</source>
        <translation>ضعيفة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fair</source>
        <translation>مقبولة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Good</source>
        <translation>جيدة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strong</source>
        <translation>قوية</translation>
    </message>
</context>
<context>
    <name>PlacePicker</name>
    <message>
        <location filename="../snhr_desktop/ui/widgets.py" line="-266"/>
        <source>Governorate</source>
        <translation>المحافظة</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>District</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Subdistrict</source>
        <translation>الناحية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Community</source>
        <translation>التجمع السكاني</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../snhr_desktop/ui/main_window.py" line="-412"/>
        <source>Preferences</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface &amp;language:</source>
        <translation>&amp;لغة الواجهة:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lock after this many minutes without activity:</source>
        <translation>&amp;قفل البرنامج بعد هذا العدد من دقائق عدم النشاط:</translation>
    </message>
</context>
<context>
    <name>ReasonsModel</name>
    <message>
        <location filename="../snhr_desktop/ui/duplicates_view.py" line="+385"/>
        <source>Weight</source>
        <translation>الوزن</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence</source>
        <translation>الدليل</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evidence that both records are one person</source>
        <translation>دليل على أن السجلين لشخص واحد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence that they are two people</source>
        <translation>دليل على أنهما شخصان مختلفان</translation>
    </message>
</context>
<context>
    <name>RecordFields</name>
    <message>
        <location filename="../snhr_desktop/ui/table_models.py" line="+56"/>
        <source>Record id</source>
        <translation>معرّف السجل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident</source>
        <translation>الحادثة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date precision</source>
        <translation>دقة التاريخ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Governorate</source>
        <translation>المحافظة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>District</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subdistrict</source>
        <translation>الناحية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Community</source>
        <translation>التجمع السكاني</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place (Arabic)</source>
        <translation>المكان (بالعربية)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place (English)</source>
        <translation>المكان (بالإنكليزية)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perpetrator</source>
        <translation>الجهة المرتكبة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attack type</source>
        <translation>نوع الهجوم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledged by the perpetrator</source>
        <translation>اعتراف الجهة المرتكبة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description (Arabic)</source>
        <translation>الوصف (بالعربية)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description (English)</source>
        <translation>الوصف (بالإنكليزية)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sources</source>
        <translation>المصادر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Researcher</source>
        <translation>الباحث</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (Arabic)</source>
        <translation>الاسم (بالعربية)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (Latin script)</source>
        <translation>الاسم (بالأحرف اللاتينية)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Father&apos;s name</source>
        <translation>اسم الأب</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name</source>
        <translation>الكنية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mother&apos;s name</source>
        <translation>اسم الأم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>العمر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age group</source>
        <translation>الفئة العمرية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>الصفة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>الفئة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of death</source>
        <translation>تاريخ الوفاة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Governorate of origin</source>
        <translation>المحافظة الأصلية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Damage</source>
        <translation>حجم الضرر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Out of service</source>
        <translation>الخروج عن الخدمة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>المكان</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Victims</source>
        <translation>الضحايا</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>تاريخ الإنشاء</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>تاريخ التعديل</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../snhr_desktop/ui/record_form.py" line="-220"/>
        <source>The record could not be saved: {detail}</source>
        <translation>تعذّر حفظ السجل: {detail}</translation>
    </message>
    <message>
        <location line="+149"/>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the record (Ctrl+S)</source>
        <translation>حفظ السجل (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save and new</source>
        <translation>حفظ وإضافة جديد</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save, then start the next record of the same incident (Ctrl+Enter)</source>
        <translation>احفظ ثم ابدأ السجل التالي للحادثة نفسها (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the form (Esc)</source>
        <translation>إغلاق الاستمارة (Esc)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restored from work that was not saved before the program closed (kept at {time}). Save it to keep it, or close the form and discard it.</source>
        <translation>استُعيدت هذه الاستمارة من عمل لم يُحفظ قبل إغلاق البرنامج (آخر حفظ تلقائي: {time}). احفظها للإبقاء عليها، أو أغلقها وتجاهل التغييرات.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unsaved changes (kept as a draft at {time})</source>
        <translation>تغييرات غير محفوظة (حُفظت مسودةً الساعة {time})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unsaved changes</source>
        <translation>تغييرات غير محفوظة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved at {time}</source>
        <translation>حُفظ الساعة {time}</translation>
    </message>
</context>
<context>
    <name>RecordListPanel</name>
    <message>
        <location filename="../snhr_desktop/ui/record_lists.py" line="-254"/>
        <source>Forms unavailable</source>
        <translation>الاستمارات غير متاحة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The record forms are not installed with this copy of the program.</source>
        <translation>استمارات السجلات غير مثبّتة مع هذه النسخة من البرنامج.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+548"/>
        <location line="+28"/>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>%1 records</source>
        <translation>عدد السجلات: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 records match</source>
        <translation>السجلات المطابقة: %1 من %2</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Delete this incident?

%1

Its victims (%2) and its attacks on facilities (%3) will be deleted with it. The deletion is kept in the history.</source>
        <translation>هل تريد حذف هذه الحادثة؟

%1

ستُحذف معها ضحاياها (%2) والهجمات على المنشآت التابعة لها (%3). يبقى الحذف مسجّلاً في سجل التغييرات.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete this record?

%1

The deletion is kept in the history.</source>
        <translation>هل تريد حذف هذا السجل؟

%1

يبقى الحذف مسجّلاً في سجل التغييرات.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not deleted</source>
        <translation>لم يُحذف</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>New incident</source>
        <translation>حادثة جديدة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document a new incident (Ctrl+N)</source>
        <translation>توثيق حادثة جديدة (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add victim</source>
        <translation>إضافة ضحية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a victim to the selected incident</source>
        <translation>إضافة ضحية إلى الحادثة المحددة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add facility attack</source>
        <translation>إضافة هجوم على منشأة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add an attacked vital facility to the selected incident</source>
        <translation>إضافة منشأة حيوية تعرّضت للهجوم إلى الحادثة المحددة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open incident</source>
        <translation>فتح الحادثة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the incident this record belongs to</source>
        <translation>فتح الحادثة التي يتبع لها هذا السجل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the selected record (Enter)</source>
        <translation>فتح السجل المحدد (Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the selected record (Delete key)</source>
        <translation>حذف السجل المحدد (مفتاح Delete)</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <location filename="../snhr_desktop/ui/table_models.py" line="+253"/>
        <source>Click to sort by this column</source>
        <translation>انقر للترتيب حسب هذا العمود</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>%1 (linked)</source>
        <translation>%1 (مربوط)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linked as one person with another record: the person is counted once.</source>
        <translation>مربوط بسجل آخر على أنهما شخص واحد: يُحتسب الشخص مرة واحدة.</translation>
    </message>
</context>
<context>
    <name>ResearcherPage</name>
    <message>
        <location filename="../snhr_desktop/ui/setup_wizard.py" line="+113"/>
        <source>Researcher</source>
        <translation>الباحث</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who documents on this computer?</source>
        <translation>مَن يوثّق على هذا الحاسوب؟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your name is recorded with every record you create, change or delete, so the history shows who did what.</source>
        <translation>يُسجَّل اسمك مع كل سجل تنشئه أو تعدّله أو تحذفه، ليُظهر سجل التغييرات مَن فعل ماذا.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Your name:</source>
        <translation>ا&amp;سمك:</translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message>
        <location filename="../snhr_desktop/ui/duplicates_view.py" line="+158"/>
        <source>Stopping the scan…</source>
        <translation>جارٍ إيقاف الفحص…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comparing the victims&apos; records: %1 of %2 read.</source>
        <translation>مقارنة سجلات الضحايا: قُرئ %1 من أصل %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the victims&apos; names…</source>
        <translation>جارٍ قراءة أسماء الضحايا…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Scanning for duplicates</source>
        <translation>البحث عن المكررات</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../snhr_desktop/ui/setup_wizard.py" line="+160"/>
        <source>SNHR Desktop — first start</source>
        <translation>برنامج التوثيق — التشغيل الأول</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>السابق</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create the database</source>
        <translation>إنشاء قاعدة البيانات</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>SummaryFilterBar</name>
    <message>
        <location filename="../snhr_desktop/ui/summary_view.py" line="-311"/>
        <source>All perpetrators</source>
        <translation>كل الجهات المرتكبة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 perpetrators</source>
        <translation>عدد الجهات المختارة: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All governorates</source>
        <translation>كل المحافظات</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 governorates</source>
        <translation>عدد المحافظات المختارة: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Since</source>
        <translation>منذ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A year (2016), a month (2016-05) or a day (2016-05-03).</source>
        <translation>سنة (2016) أو شهر (2016-05) أو يوم (2016-05-03).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>YYYY-MM-DD</source>
        <translation>سنة-شهر-يوم</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Optional: the start of a sub-period whose share of the period is shown.</source>
        <translation>اختياري: بداية مدة فرعية تُعرض حصتها من حصيلة المدة.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear filters</source>
        <translation>مسح التصفية</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location line="+605"/>
        <source>“%1” is not a date.</source>
        <translation>«%1» ليس تاريخاً.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Counting…</source>
        <translation>جارٍ العدّ…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>List these records</source>
        <translation>اعرض هذه السجلات</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Click to list the records behind this figure</source>
        <translation>انقر لعرض السجلات التي يقوم عليها هذا الرقم</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Since the sub-period start</source>
        <translation>منذ بداية المدة الفرعية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Since %1 (share of the period)</source>
        <translation>منذ %1 (الحصة من حصيلة المدة)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Counting rules: a massacre is an incident with at least %1 civilians killed; a child is younger than %2.</source>
        <translation>قواعد العدّ: المجزرة حادثة قُتل فيها %1 مدنيين على الأقل؛ والطفل من كان عمره دون %2.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Export the summary sheet</source>
        <translation>تصدير ورقة الملخص</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF documents (*.pdf)</source>
        <translation>مستندات PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export failed</source>
        <translation>فشل التصدير</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Summary sheet</source>
        <translation>ورقة الملخص</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The summary sheet was written to %1 (%2 pages).

The file is not encrypted: keep it on an encrypted drive and delete it when it is no longer needed.</source>
        <translation>كُتبت ورقة الملخص في %1 (عدد الصفحات: %2).

الملف غير مشفّر: احفظه على قرص مشفّر واحذفه حين لا تعود بحاجة إليه.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Print preview</source>
        <translation>معاينة الطباعة</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Export summary &amp;PDF…</source>
        <translation>&amp;تصدير ورقة الملخص إلى ملف…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the summary sheet as a PDF file</source>
        <translation>كتابة ورقة الملخص في ملف (PDF)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print pre&amp;view…</source>
        <translation>م&amp;عاينة الطباعة…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;rint summary…</source>
        <translation>&amp;طباعة الملخص…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Methodology settings…</source>
        <translation>إعدادات ال&amp;منهجية…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the massacre threshold and the child age limit</source>
        <translation>تغيير حد المجزرة وحد عمر الطفل</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../snhr_desktop/ui/sync_page.py" line="+451"/>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This installation&apos;s signing key:</source>
        <translation>مفتاح التوقيع لهذا التثبيت:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create signing key</source>
        <translation>إنشاء مفتاح توقيع</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encryption key (coordinators):</source>
        <translation>مفتاح التشفير (للمنسقين):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create encryption key</source>
        <translation>إنشاء مفتاح تشفير</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coordinators this installation exports to:</source>
        <translation>المنسقون الذين يُصدِّر إليهم هذا التثبيت:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fingerprint</source>
        <translation>البصمة</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Public key</source>
        <translation>المفتاح العام</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coordinator&apos;s name</source>
        <translation>اسم المنسق</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>age1… public key</source>
        <translation>المفتاح العام age1…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add coordinator</source>
        <translation>إضافة منسق</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From key file…</source>
        <translation>من ملف مفتاح…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trust a researcher&apos;s key file…</source>
        <translation>الثقة بملف مفتاح باحث…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bundles</source>
        <translation>الحزم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything (full bundle)</source>
        <translation>كل شيء (حزمة كاملة)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export every operation of this installation, not only the new ones</source>
        <translation>تصدير كل عمليات هذا التثبيت، لا الجديدة منها فقط</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export bundle…</source>
        <translation>تصدير حزمة…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import bundles…</source>
        <translation>استيراد حزم…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New records</source>
        <translation>سجلات جديدة</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Updated</source>
        <translation>محدَّثة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already held</source>
        <translation>موجودة سابقاً</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Conflicts</source>
        <translation>تعارضات</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Conflicts to decide</source>
        <translation>تعارضات تنتظر القرار</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply the choices made for this record&apos;s fields</source>
        <translation>تطبيق الاختيارات المحددة لحقول هذا السجل</translation>
    </message>
    <message>
        <location line="+310"/>
        <source>%1 of %2 fields decided</source>
        <translation>حُسم %1 من أصل %2 من الحقول</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 · %2 · device %3</source>
        <translation>%1 · %2 · الجهاز %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Before the changes: %1</source>
        <translation>قبل التعديلات: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave undecided</source>
        <translation>تركه دون قرار</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Records in conflict: %1. Two people changed the same fields differently. Choose a record, then for each field the value to keep; fields left undecided stay open.</source>
        <translation>السجلات المتعارضة: %1. عدّل شخصان الحقول نفسها بشكل مختلف. اختر سجلاً، ثم اختر لكل حقل القيمة التي تُبقى؛ وتبقى الحقول التي لم تُحسم مفتوحة.</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Choices kept for %1 of %2 fields of “%3”. Nothing is changed or sent until every field is decided.</source>
        <translation>حُفظت الاختيارات في «%3»: %1 من أصل %2 من الحقول. لا يُغيَّر شيء ولا يُرسَل حتى تُحسم الحقول كلها.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Decision written for “%1”. It is sent with this installation&apos;s next bundle.</source>
        <translation>كُتب القرار بشأن «%1»، ويُرسَل مع الحزمة التالية من هذا التثبيت.</translation>
    </message>
    <message>
        <location line="-452"/>
        <location line="+102"/>
        <location line="+18"/>
        <location line="+13"/>
        <location line="+26"/>
        <location line="+3"/>
        <location line="+277"/>
        <source>Sync</source>
        <translation>المزامنة</translation>
    </message>
    <message>
        <location line="-426"/>
        <source>None yet (made with the first export)</source>
        <translation>لا يوجد بعد (يُنشأ مع أول تصدير)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>None: this installation cannot open bundles</source>
        <translation>لا يوجد: لا يستطيع هذا التثبيت فتح الحزم</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Coordinator&apos;s key file</source>
        <translation>ملف مفتاح المنسق</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Researcher&apos;s signing key file</source>
        <translation>ملف مفتاح التوقيع الخاص بالباحث</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Folder for the bundle</source>
        <translation>مجلد الحزمة</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Writing the bundle…</source>
        <translation>جارٍ كتابة الحزمة…</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Nothing new to export.</source>
        <translation>لا جديد للتصدير.</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>&amp;Apply</source>
        <translation>&amp;تطبيق</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Records in conflict</source>
        <translation>السجلات المتعارضة</translation>
    </message>
    <message>
        <location line="+167"/>
        <source>Bundle written: %1
%2 operations, encrypted to: %3</source>
        <translation>كُتبت الحزمة: %1
عدد العمليات: %2، مشفّرة إلى: %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export cancelled. No file was written; the next export holds the same operations.</source>
        <translation>أُلغي التصدير. لم يُكتب أي ملف، وسيحمل التصدير التالي العمليات نفسها.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Bundles to import</source>
        <translation>الحزم المراد استيرادها</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bundles (*.zip.age *.age)</source>
        <translation>الحزم (*.zip.age *.age)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Importing bundles…</source>
        <translation>جارٍ استيراد الحزم…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Refused</source>
        <translation>مرفوضة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unchanged</source>
        <translation>بلا تغيير</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported</source>
        <translation>استُوردت</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No bundles imported yet.</source>
        <translation>لم تُستورد أي حزمة بعد.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bundles imported: %1 · refused: %2 · new records: %3 · updated records: %4 · operations already held: %5 · records in conflict: %6</source>
        <translation>الحزم المستوردة: %1 · المرفوضة: %2 · السجلات الجديدة: %3 · السجلات المحدَّثة: %4 · العمليات الموجودة سابقاً: %5 · السجلات المتعارضة: %6</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Some operations are still missing: ask for the bundles between.</source>
        <translation>ما زالت بعض العمليات ناقصة: اطلب الحزم التي بينها.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Incident</source>
        <translation>حادثة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Victim</source>
        <translation>ضحية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Facility attack</source>
        <translation>اعتداء على منشأة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate decision</source>
        <translation>قرار بشأن سجلين مكررين</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Deleted</source>
        <translation>محذوف</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kept</source>
        <translation>باقٍ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(empty)</source>
        <translation>(فارغ)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record deleted?</source>
        <translation>هل حُذف السجل؟</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>★ shown for now</source>
        <translation>★ المعروضة حالياً</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>No conflicts.</source>
        <translation>لا توجد تعارضات.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Every field is decided: Apply writes the decision, which is sent with this installation&apos;s next bundle.</source>
        <translation>حُسمت الحقول كلها: يكتب زر «تطبيق» القرار، ويُرسَل مع الحزمة التالية من هذا التثبيت.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 fields decided. Apply keeps these choices here; the record stays in conflict, unchanged, until every field is decided.</source>
        <translation>حُسم %1 من أصل %2 من الحقول. يحفظ زر «تطبيق» هذه الاختيارات هنا، ويبقى السجل متعارضاً ودون تغيير حتى تُحسم الحقول كلها.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose the value to keep for each field.</source>
        <translation>اختر القيمة التي تُبقى لكل حقل.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The chosen values do not fit together: choose others.</source>
        <translation>القيم المختارة لا تتوافق معاً: اختر غيرها.</translation>
    </message>
</context>
<context>
    <name>TrustPrompt</name>
    <message>
        <location line="-820"/>
        <source>Trust this researcher?</source>
        <translation>هل تثق بهذا الباحث؟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A bundle is signed by a key this database does not trust yet.

Device: %1
Fingerprint: %2

Read the fingerprint aloud with the researcher, by phone or in person. Trust the key only if every digit matches.</source>
        <translation>حزمةٌ موقَّعة بمفتاح لا تثق به قاعدة البيانات هذه بعد.

الجهاز: %1
البصمة: %2

اقرأ البصمة بصوتٍ عالٍ مع الباحث، بالهاتف أو وجهاً لوجه. لا تثق بالمفتاح إلا إذا تطابقت كل الأرقام.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Trust the researcher&apos;s signing key in this file?

Device: %1
Fingerprint: %2

Read the fingerprint aloud with the researcher, by phone or in person. Trust the key only if every digit matches.</source>
        <translation>هل تثق بمفتاح توقيع الباحث الموجود في هذا الملف؟

الجهاز: %1
البصمة: %2

اقرأ البصمة بصوت مسموع مع الباحث، بالهاتف أو وجهاً لوجه، ولا تثق بالمفتاح إلا إذا تطابقت جميع الأرقام.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../snhr_desktop/ui/unlock.py" line="+93"/>
        <location line="+1"/>
        <source>Unlock the database</source>
        <translation>فتح قفل قاعدة البيانات</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The records are encrypted. Type the passphrase chosen when this database was created.</source>
        <translation>السجلات مشفّرة. اكتب عبارة المرور التي اخترتها عند إنشاء قاعدة البيانات هذه.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database: %1</source>
        <translation>قاعدة البيانات: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
</context>
<context>
    <name>UnsavedChangesBox</name>
    <message>
        <location filename="../snhr_desktop/ui/record_form.py" line="-732"/>
        <source>Unsaved changes</source>
        <translation>تغييرات غير محفوظة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the changes to “{title}” before closing?</source>
        <translation>هل تريد حفظ التغييرات على «{title}» قبل الإغلاق؟</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>If you discard them, what you typed is lost.</source>
        <translation>إذا تجاهلتها فسيضيع ما أدخلته.</translation>
    </message>
</context>
<context>
    <name>VictimForm</name>
    <message>
        <location filename="../snhr_desktop/ui/victim_form.py" line="+77"/>
        <source>New victim</source>
        <translation>ضحية جديدة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Victim: {name}</source>
        <translation>الضحية: {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The person</source>
        <translation>البيانات الشخصية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Death</source>
        <translation>الوفاة</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Name (Arabic)</source>
        <translation>الاسم بالعربية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (Latin script)</source>
        <translation>الاسم بالأحرف اللاتينية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Father&apos;s name</source>
        <translation>اسم الأب</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name</source>
        <translation>الكنية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mother&apos;s name</source>
        <translation>اسم الأم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>العمر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age group</source>
        <translation>الفئة العمرية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>صفة الضحية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Special category</source>
        <translation>الفئة الخاصة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of death</source>
        <translation>تاريخ الوفاة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Governorate</source>
        <translation>المحافظة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place of death (Arabic)</source>
        <translation>مكان الوفاة بالعربية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place of death (Latin script)</source>
        <translation>مكان الوفاة بالأحرف اللاتينية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Governorate of origin</source>
        <translation>محافظة الأصل</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Age in years, 0 to 120</source>
        <translation>العمر بالسنوات، من 0 إلى 120</translation>
    </message>
</context>
</TS>
