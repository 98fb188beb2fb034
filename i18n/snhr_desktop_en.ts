<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BackgroundTask</name>
    <message>
        <location filename="../snhr_desktop/ui/dialogs.py" line="+168"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ChildRecordForm</name>
    <message>
        <location filename="../snhr_desktop/ui/record_form.py" line="+920"/>
        <source>Incident {id} (not found)</source>
        <translation>Incident {id} (not found)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>None: add victims and facility attacks from their incident&apos;s form.</source>
        <translation>None: add victims and facility attacks from their incident&apos;s form.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Incident</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save and return</source>
        <translation>Save and return</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save, close this form and go back to the incident (Ctrl+S)</source>
        <translation>Save, close this form and go back to the incident (Ctrl+S)</translation>
    </message>
</context>
<context>
    <name>ChildRowsModel</name>
    <message>
        <location filename="../snhr_desktop/ui/incident_form.py" line="+82"/>
        <location line="+10"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Sex</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Special category</source>
        <translation>Special category</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date of death</source>
        <translation>Date of death</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Damage</source>
        <translation>Damage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Out of service</source>
        <translation>Out of service</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
</context>
<context>
    <name>ComparisonModel</name>
    <message>
        <location filename="../snhr_desktop/ui/duplicates_view.py" line="+385"/>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First record</source>
        <translation>First record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Second record</source>
        <translation>Second record</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recorded by</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The two records differ here</source>
        <translation>The two records differ here</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Written differently, but the same name once spelling is set aside</source>
        <translation>Written differently, but the same name once spelling is set aside</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Given in one record only</source>
        <translation>Given in one record only</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click to open this record</source>
        <translation>Double-click to open this record</translation>
    </message>
</context>
<context>
    <name>ConfirmDeleteBox</name>
    <message>
        <location filename="../snhr_desktop/ui/record_form.py" line="-875"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../snhr_desktop/ui/widgets.py" line="+871"/>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the date on a calendar (F4)</source>
        <translation>Choose the date on a calendar (F4)</translation>
    </message>
</context>
<context>
    <name>DrillDownDialog</name>
    <message>
        <location filename="../snhr_desktop/ui/summary_view.py" line="+856"/>
        <source>Cannot open the record</source>
        <translation>Cannot open the record</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 records behind this figure. Double-click one to open it.</source>
        <translation>%1 records behind this figure. Double-click one to open it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
</context>
<context>
    <name>DrilledRecordsModel</name>
    <message>
        <location line="-178"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Civilians killed</source>
        <translation>Civilians killed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>Age</translation>
    </message>
</context>
<context>
    <name>DuplicateBanner</name>
    <message>
        <location filename="../snhr_desktop/ui/victim_form.py" line="+109"/>
        <source>age {age}</source>
        <translation>age {age}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open this victim&apos;s record in its own window</source>
        <translation>Open this victim&apos;s record in its own window</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Possible duplicate: a saved victim has the same name, died within two days of this date and in the same governorate. Check before saving.</source>
        <translation>Possible duplicate: a saved victim has the same name, died within two days of this date and in the same governorate. Check before saving.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide this warning and go on typing</source>
        <translation>Hide this warning and go on typing</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <location filename="../snhr_desktop/ui/duplicates_view.py" line="+761"/>
        <source>“%1” and “%2”</source>
        <translation>“%1” and “%2”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Probability that they are one person: %1 — the matcher&apos;s suggestion: %2.</source>
        <translation>Probability that they are one person: %1 — the matcher&apos;s suggestion: %2.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Decided: %1 — by %2, %3.</source>
        <translation>Decided: %1 — by %2, %3.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Note: %1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No scan yet. “Scan for duplicates” compares every victim with the others and lists the pairs that may be one person recorded twice.</source>
        <translation>No scan yet. “Scan for duplicates” compares every victim with the others and lists the pairs that may be one person recorded twice.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No pairs to review.</source>
        <translation>No pairs to review.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No pairs set aside as unsure.</source>
        <translation>No pairs set aside as unsure.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No decisions yet.</source>
        <translation>No decisions yet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>To review (%1)</source>
        <translation>To review (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsure (%1)</source>
        <translation>Unsure (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decided (%1)</source>
        <translation>Decided (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Never scanned</source>
        <translation>Never scanned</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last scan: %1</source>
        <translation>Last scan: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records linked to another of the same person: %1</source>
        <translation>Records linked to another of the same person: %1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Decision not saved</source>
        <translation>Decision not saved</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved: %1 — “%2” and “%3”.</source>
        <translation>Saved: %1 — “%2” and “%3”.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Withdraw the decision “%1” on “%2” and “%3”?

The pair goes back to the pairs to review; the withdrawal is kept in the history.</source>
        <translation>Withdraw the decision “%1” on “%2” and “%3”?

The pair goes back to the pairs to review; the withdrawal is kept in the history.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+164"/>
        <source>Undo decision</source>
        <translation>Undo decision</translation>
    </message>
    <message>
        <location line="-163"/>
        <source>Withdraw</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Decision not withdrawn</source>
        <translation>Decision not withdrawn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Withdrawn: %1 — “%2” and “%3” are to be reviewed again.</source>
        <translation>Withdrawn: %1 — “%2” and “%3” are to be reviewed again.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Scanning…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Scan cancelled: the list is as it was.</source>
        <translation>Scan cancelled: the list is as it was.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan failed</source>
        <translation>Scan failed</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Scan for duplicates</source>
        <translation>Scan for duplicates</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare every victim with the others and list the pairs that may be one person recorded twice. Decisions already taken are kept.</source>
        <translation>Compare every victim with the others and list the pairs that may be one person recorded twice. Decisions already taken are kept.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records have changed since the last scan.</source>
        <translation>Records have changed since the last scan.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pairs nobody has decided yet, most probable first (Alt+1)</source>
        <translation>Pairs nobody has decided yet, most probable first (Alt+1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pairs set aside as unsure (Alt+2)</source>
        <translation>Pairs set aside as unsure (Alt+2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pairs decided as the same person or different people (Alt+3)</source>
        <translation>Pairs decided as the same person or different people (Alt+3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Same person (S)</source>
        <translation>Same person (S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Link the two records as one person: both are kept, every figure counts the person once (S in the list, or Alt+S)</source>
        <translation>Link the two records as one person: both are kept, every figure counts the person once (S in the list, or Alt+S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Different people (D)</source>
        <translation>Different people (D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remember that these are two people: the pair is not proposed again (D in the list, or Alt+D)</source>
        <translation>Remember that these are two people: the pair is not proposed again (D in the list, or Alt+D)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unsure (U)</source>
        <translation>Unsure (U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the pair aside until somebody can decide (U in the list, or Alt+U)</source>
        <translation>Set the pair aside until somebody can decide (U in the list, or Alt+U)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Withdraw the decision on this pair; it goes back to the pairs to review (Delete in the list)</source>
        <translation>Withdraw the decision on this pair; it goes back to the pairs to review (Delete in the list)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Note:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why (optional; kept with the decision) — N</source>
        <translation>Why (optional; kept with the decision) — N</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S same person · D different people · U unsure · N note · Delete undo a decision</source>
        <translation>S same person · D different people · U unsure · N note · Delete undo a decision</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>≠ differs</source>
        <translation>≠ differs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>≈ spelt differently</source>
        <translation>≈ spelt differently</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>− in one record only</source>
        <translation>− in one record only</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the pair was proposed, strongest first:</source>
        <translation>Why the pair was proposed, strongest first:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a pair to compare its two records.</source>
        <translation>Select a pair to compare its two records.</translation>
    </message>
</context>
<context>
    <name>FacilityForm</name>
    <message>
        <location filename="../snhr_desktop/ui/facility_form.py" line="+59"/>
        <source>New facility attack</source>
        <translation>New facility attack</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Facility attack: {name}</source>
        <translation>Facility attack: {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The facility</source>
        <translation>The facility</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The attack</source>
        <translation>The attack</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (Arabic)</source>
        <translation>Name (Arabic)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (Latin script)</source>
        <translation>Name (Latin script)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Damage</source>
        <translation>Damage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Out of service</source>
        <translation>Out of service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Governorate</source>
        <translation>Governorate</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../snhr_desktop/ui/record_lists.py" line="+280"/>
        <source>Search place or description</source>
        <translation>Search place or description</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search names, in Arabic or Latin letters</source>
        <translation>Search names, in Arabic or Latin letters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search facility name</source>
        <translation>Search facility name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search (Ctrl+F)</source>
        <translation>Search (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All perpetrators</source>
        <translation>All perpetrators</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Perpetrator</source>
        <translation>Perpetrator</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All governorates</source>
        <translation>All governorates</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Governorate</source>
        <translation>Governorate</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A year (2016), a month (2016-05) or a day (2016-05-03).</source>
        <translation>A year (2016), a month (2016-05) or a day (2016-05-03).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear filters</source>
        <translation>Clear filters</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../snhr_desktop/ui/history_panel.py" line="+36"/>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>Author</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location line="+72"/>
        <source>History of the selected record</source>
        <translation>History of the selected record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a record to see who changed what, and when.</source>
        <translation>Select a record to see who changed what, and when.</translation>
    </message>
</context>
<context>
    <name>IncidentForm</name>
    <message>
        <location filename="../snhr_desktop/ui/incident_form.py" line="+282"/>
        <source>New incident</source>
        <translation>New incident</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Incident of {date} in {governorate}</source>
        <translation>Incident of {date} in {governorate}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>When and where</source>
        <translation>When and where</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The attack</source>
        <translation>The attack</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place (Arabic)</source>
        <translation>Place (Arabic)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place (Latin script)</source>
        <translation>Place (Latin script)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perpetrator</source>
        <translation>Perpetrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attack type</source>
        <translation>Attack type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledged by the perpetrator</source>
        <translation>Acknowledged by the perpetrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Researcher</source>
        <translation>Researcher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In Arabic</source>
        <translation>In Arabic</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In English</source>
        <translation>In English</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>YYYY-MM-DD, or YYYY-MM / YYYY when only the month or the year is known</source>
        <translation>YYYY-MM-DD, or YYYY-MM / YYYY when only the month or the year is known</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add victim</source>
        <translation>Add victim</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add facility attack</source>
        <translation>Add facility attack</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter: add the next victim · Ctrl+O or double click: open · Delete: delete</source>
        <translation>Enter: add the next victim · Ctrl+O or double click: open · Delete: delete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter: add the next facility attack · Ctrl+O or double click: open · Delete: delete</source>
        <translation>Enter: add the next facility attack · Ctrl+O or double click: open · Delete: delete</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Victims ({count})</source>
        <translation>Victims ({count})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Facility attacks ({count})</source>
        <translation>Facility attacks ({count})</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Delete the victim “{name}”?</source>
        <translation>Delete the victim “{name}”?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the attack on “{name}”?</source>
        <translation>Delete the attack on “{name}”?</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The record could not be deleted: {detail}</source>
        <translation>The record could not be deleted: {detail}</translation>
    </message>
</context>
<context>
    <name>IncidentLink</name>
    <message>
        <location filename="../snhr_desktop/ui/record_form.py" line="+750"/>
        <source>Open incident</source>
        <translation>Open incident</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../snhr_desktop/i18n.py" line="+100"/>
        <source>Arabic</source>
        <translation>Arabic</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>English</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../snhr_desktop/ui/setup_wizard.py" line="+115"/>
        <source>Welcome</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new encrypted database will be created on this computer.</source>
        <translation>A new encrypted database will be created on this computer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This program documents incidents, their victims and attacks on vital civilian facilities. Everything is stored encrypted and works without an internet connection.</source>
        <translation>This program documents incidents, their victims and attacks on vital civilian facilities. Everything is stored encrypted and works without an internet connection.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Interface language:</source>
        <translation>Interface language:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database: %1</source>
        <translation>Database: %1</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../snhr_desktop/ui/idle_lock.py" line="+161"/>
        <source>Locked</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The records are hidden. Type your passphrase to continue working.</source>
        <translation>The records are hidden. Type your passphrase to continue working.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../snhr_desktop/ui/main_window.py" line="+298"/>
        <location line="+186"/>
        <source>SNHR Desktop</source>
        <translation>SNHR Desktop</translation>
    </message>
    <message>
        <location line="-184"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tools</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New incident</source>
        <translation>&amp;New incident</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document a new incident</source>
        <translation>Document a new incident</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import spreadsheet…</source>
        <translation>&amp;Import spreadsheet…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export spreadsheet…</source>
        <translation>&amp;Export spreadsheet…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Preferences…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lock</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh lists</source>
        <translation>&amp;Refresh lists</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Search</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Incidents</source>
        <translation>&amp;Incidents</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Victims</source>
        <translation>&amp;Victims</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Facility attacks</source>
        <translation>&amp;Facility attacks</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ummary</source>
        <translation>S&amp;ummary</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>S&amp;ync</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Duplicates</source>
        <translation>&amp;Duplicates</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Incidents</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Victims</source>
        <translation>Victims</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attacks on vital facilities</source>
        <translation>Attacks on vital facilities</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicates</source>
        <translation>Duplicates</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About SNHR Desktop</source>
        <translation>&amp;About SNHR Desktop</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Incidents: %1   Victims: %2   Facility attacks: %3</source>
        <translation>Incidents: %1   Victims: %2   Facility attacks: %3</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>SNHR Desktop %1

Offline documentation of incidents, victims and attacks on vital civilian facilities. The database is encrypted; nothing readable is written to disk.

Keyboard: Ctrl+N new incident, Ctrl+F search, Enter open the selected record, Delete delete it, Ctrl+1/2/3 switch lists, Ctrl+4 summary, Ctrl+5 sync, Ctrl+6 duplicates, Ctrl+L lock.</source>
        <translation>SNHR Desktop %1

Offline documentation of incidents, victims and attacks on vital civilian facilities. The database is encrypted; nothing readable is written to disk.

Keyboard: Ctrl+N new incident, Ctrl+F search, Enter open the selected record, Delete delete it, Ctrl+1/2/3 switch lists, Ctrl+4 summary, Ctrl+5 sync, Ctrl+6 duplicates, Ctrl+L lock.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>About SNHR Desktop</source>
        <translation>About SNHR Desktop</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Import a spreadsheet</source>
        <translation>Import a spreadsheet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+13"/>
        <source>Importing…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Import refused</source>
        <translation>Import refused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some rows have problems, so nothing was imported. Import only the valid rows and leave the others out?</source>
        <translation>Some rows have problems, so nothing was imported. Import only the valid rows and leave the others out?</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Import failed</source>
        <translation>Import failed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export to a spreadsheet</source>
        <translation>Export to a spreadsheet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export failed</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The exported file is not encrypted: keep it on an encrypted drive and delete it when it is no longer needed.</source>
        <translation>The exported file is not encrypted: keep it on an encrypted drive and delete it when it is no longer needed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
</context>
<context>
    <name>MethodologyDialog</name>
    <message>
        <location filename="../snhr_desktop/ui/methodology_dialog.py" line="+111"/>
        <source>The massacre threshold must be a whole number from %1 to %2.</source>
        <translation>The massacre threshold must be a whole number from %1 to %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The child age limit must be a whole number from %1 to %2.</source>
        <translation>The child age limit must be a whole number from %1 to %2.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Methodology settings</source>
        <translation>Methodology settings</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These counting rules apply to every summary and sheet made from this database. Changing them changes no record and is not written to the history.</source>
        <translation>These counting rules apply to every summary and sheet made from this database. Changing them changes no record and is not written to the history.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Massacre: at least this many civilians killed (%1–%2):</source>
        <translation>&amp;Massacre: at least this many civilians killed (%1–%2):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Child: younger than this age (%1–%2):</source>
        <translation>&amp;Child: younger than this age (%1–%2):</translation>
    </message>
</context>
<context>
    <name>PairListModel</name>
    <message>
        <location filename="../snhr_desktop/ui/duplicates_view.py" line="-1295"/>
        <source>First record</source>
        <translation>First record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Second record</source>
        <translation>Second record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probability</source>
        <translation>Probability</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggestion</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Likely same</source>
        <translation>Likely same</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To check</source>
        <translation>To check</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How likely the matcher finds it that both records are one person</source>
        <translation>How likely the matcher finds it that both records are one person</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <location filename="../snhr_desktop/ui/setup_wizard.py" line="+119"/>
        <source>%1: at least %2 characters.</source>
        <translation>%1: at least %2 characters.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1. Longer is stronger: use several unrelated words, with digits or signs.</source>
        <translation>%1. Longer is stronger: use several unrelated words, with digits or signs.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1.</source>
        <translation>%1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passphrases are not the same.</source>
        <translation>The two passphrases are not the same.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The passphrase encrypts the database. It is asked at every start and after every lock.</source>
        <translation>The passphrase encrypts the database. It is asked at every start and after every lock.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Repeat it:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the passphrases while typing</source>
        <translation>Show the passphrases while typing</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nobody can recover a forgotten passphrase, and without it the records cannot be read. Learn it by heart; if you write it down, keep it far from this computer.</source>
        <translation>Nobody can recover a forgotten passphrase, and without it the records cannot be read. Learn it by heart; if you write it down, keep it far from this computer.</translation>
    </message>
</context>
<context>
    <name>PassphrasePrompt</name>
    <message>
        <location filename="../snhr_desktop/ui/unlock.py" line="+171"/>
        <source>You can try again in %1 s.</source>
        <translation>You can try again in %1 s.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unlocking…</source>
        <translation>Unlocking…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the passphrase while typing</source>
        <translation>Show the passphrase while typing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
</context>
<context>
    <name>PassphraseStrength</name>
    <message>
        <location filename="../snhr_desktop/ui/setup_wizard.py" line="-235"/>
        <source>Too short</source>
        <translation>Too short</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weak</source>
        <translation>Weak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fair</source>
        <translation>Fair</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Good</source>
        <translation>Good</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strong</source>
        <translation>Strong</translation>
    </message>
</context>
<context>
    <name>PlacePicker</name>
    <message>
        <location filename="../snhr_desktop/ui/widgets.py" line="-266"/>
        <source>Governorate</source>
        <translation>Governorate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>District</source>
        <translation>District</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Subdistrict</source>
        <translation>Subdistrict</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Community</source>
        <translation>Community</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../snhr_desktop/ui/main_window.py" line="-412"/>
        <source>Preferences</source>
        <translation>Preferences</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface &amp;language:</source>
        <translation>Interface &amp;language:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lock after this many minutes without activity:</source>
        <translation>&amp;Lock after this many minutes without activity:</translation>
    </message>
</context>
<context>
    <name>ReasonsModel</name>
    <message>
        <location filename="../snhr_desktop/ui/duplicates_view.py" line="+385"/>
        <source>Weight</source>
        <translation>Weight</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evidence that both records are one person</source>
        <translation>Evidence that both records are one person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence that they are two people</source>
        <translation>Evidence that they are two people</translation>
    </message>
</context>
<context>
    <name>RecordFields</name>
    <message>
        <location filename="../snhr_desktop/ui/table_models.py" line="+56"/>
        <source>Record id</source>
        <translation>Record id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date precision</source>
        <translation>Date precision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Governorate</source>
        <translation>Governorate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>District</source>
        <translation>District</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subdistrict</source>
        <translation>Subdistrict</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Community</source>
        <translation>Community</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place (Arabic)</source>
        <translation>Place (Arabic)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place (English)</source>
        <translation>Place (English)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perpetrator</source>
        <translation>Perpetrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attack type</source>
        <translation>Attack type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledged by the perpetrator</source>
        <translation>Acknowledged by the perpetrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description (Arabic)</source>
        <translation>Description (Arabic)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description (English)</source>
        <translation>Description (English)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Researcher</source>
        <translation>Researcher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (Arabic)</source>
        <translation>Name (Arabic)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (Latin script)</source>
        <translation>Name (Latin script)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Father&apos;s name</source>
        <translation>Father&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name</source>
        <translation>Family name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mother&apos;s name</source>
        <translation>Mother&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sex</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age group</source>
        <translation>Age group</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of death</source>
        <translation>Date of death</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Governorate of origin</source>
        <translation>Governorate of origin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Damage</source>
        <translation>Damage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Out of service</source>
        <translation>Out of service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Victims</source>
        <translation>Victims</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../snhr_desktop/ui/record_form.py" line="-220"/>
        <source>The record could not be saved: {detail}</source>
        <translation>The record could not be saved: {detail}</translation>
    </message>
    <message>
        <location line="+149"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the record (Ctrl+S)</source>
        <translation>Save the record (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save and new</source>
        <translation>Save and new</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save, then start the next record of the same incident (Ctrl+Enter)</source>
        <translation>Save, then start the next record of the same incident (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the form (Esc)</source>
        <translation>Close the form (Esc)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restored from work that was not saved before the program closed (kept at {time}). Save it to keep it, or close the form and discard it.</source>
        <translation>Restored from work that was not saved before the program closed (kept at {time}). Save it to keep it, or close the form and discard it.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unsaved changes (kept as a draft at {time})</source>
        <translation>Unsaved changes (kept as a draft at {time})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved at {time}</source>
        <translation>Saved at {time}</translation>
    </message>
</context>
<context>
    <name>RecordListPanel</name>
    <message>
        <location filename="../snhr_desktop/ui/record_lists.py" line="-254"/>
        <source>Forms unavailable</source>
        <translation>Forms unavailable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The record forms are not installed with this copy of the program.</source>
        <translation>The record forms are not installed with this copy of the program.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+548"/>
        <location line="+28"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>%1 records</source>
        <translation>%1 records</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 records match</source>
        <translation>%1 of %2 records match</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Delete this incident?

%1

Its victims (%2) and its attacks on facilities (%3) will be deleted with it. The deletion is kept in the history.</source>
        <translation>Delete this incident?

%1

Its victims (%2) and its attacks on facilities (%3) will be deleted with it. The deletion is kept in the history.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete this record?

%1

The deletion is kept in the history.</source>
        <translation>Delete this record?

%1

The deletion is kept in the history.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not deleted</source>
        <translation>Not deleted</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>New incident</source>
        <translation>New incident</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document a new incident (Ctrl+N)</source>
        <translation>Document a new incident (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add victim</source>
        <translation>Add victim</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a victim to the selected incident</source>
        <translation>Add a victim to the selected incident</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add facility attack</source>
        <translation>Add facility attack</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add an attacked vital facility to the selected incident</source>
        <translation>Add an attacked vital facility to the selected incident</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open incident</source>
        <translation>Open incident</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the incident this record belongs to</source>
        <translation>Open the incident this record belongs to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the selected record (Enter)</source>
        <translation>Open the selected record (Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the selected record (Delete key)</source>
        <translation>Delete the selected record (Delete key)</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <location filename="../snhr_desktop/ui/table_models.py" line="+253"/>
        <source>Click to sort by this column</source>
        <translation>Click to sort by this column</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>%1 (linked)</source>
        <translation>%1 (linked)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linked as one person with another record: the person is counted once.</source>
        <translation>Linked as one person with another record: the person is counted once.</translation>
    </message>
</context>
<context>
    <name>ResearcherPage</name>
    <message>
        <location filename="../snhr_desktop/ui/setup_wizard.py" line="+113"/>
        <source>Researcher</source>
        <translation>Researcher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who documents on this computer?</source>
        <translation>Who documents on this computer?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your name is recorded with every record you create, change or delete, so the history shows who did what.</source>
        <translation>Your name is recorded with every record you create, change or delete, so the history shows who did what.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Your name:</source>
        <translation>&amp;Your name:</translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message>
        <location filename="../snhr_desktop/ui/duplicates_view.py" line="+158"/>
        <source>Stopping the scan…</source>
        <translation>Stopping the scan…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comparing the victims&apos; records: %1 of %2 read.</source>
        <translation>Comparing the victims&apos; records: %1 of %2 read.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the victims&apos; names…</source>
        <translation>Reading the victims&apos; names…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Scanning for duplicates</source>
        <translation>Scanning for duplicates</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../snhr_desktop/ui/setup_wizard.py" line="+160"/>
        <source>SNHR Desktop — first start</source>
        <translation>SNHR Desktop — first start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create the database</source>
        <translation>Create the database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SummaryFilterBar</name>
    <message>
        <location filename="../snhr_desktop/ui/summary_view.py" line="-311"/>
        <source>All perpetrators</source>
        <translation>All perpetrators</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 perpetrators</source>
        <translation>%1 perpetrators</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All governorates</source>
        <translation>All governorates</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 governorates</source>
        <translation>%1 governorates</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Since</source>
        <translation>Since</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A year (2016), a month (2016-05) or a day (2016-05-03).</source>
        <translation>A year (2016), a month (2016-05) or a day (2016-05-03).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Optional: the start of a sub-period whose share of the period is shown.</source>
        <translation>Optional: the start of a sub-period whose share of the period is shown.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear filters</source>
        <translation>Clear filters</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location line="+605"/>
        <source>“%1” is not a date.</source>
        <translation>“%1” is not a date.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Counting…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>List these records</source>
        <translation>List these records</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Click to list the records behind this figure</source>
        <translation>Click to list the records behind this figure</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Since the sub-period start</source>
        <translation>Since the sub-period start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Since %1 (share of the period)</source>
        <translation>Since %1 (share of the period)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Counting rules: a massacre is an incident with at least %1 civilians killed; a child is younger than %2.</source>
        <translation>Counting rules: a massacre is an incident with at least %1 civilians killed; a child is younger than %2.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Export the summary sheet</source>
        <translation>Export the summary sheet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export failed</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Summary sheet</source>
        <translation>Summary sheet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The summary sheet was written to %1 (%2 pages).

The file is not encrypted: keep it on an encrypted drive and delete it when it is no longer needed.</source>
        <translation>The summary sheet was written to %1 (%2 pages).

The file is not encrypted: keep it on an encrypted drive and delete it when it is no longer needed.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Print preview</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Export summary &amp;PDF…</source>
        <translation>Export summary &amp;PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the summary sheet as a PDF file</source>
        <translation>Write the summary sheet as a PDF file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print pre&amp;view…</source>
        <translation>Print pre&amp;view…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;rint summary…</source>
        <translation>P&amp;rint summary…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Methodology settings…</source>
        <translation>&amp;Methodology settings…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the massacre threshold and the child age limit</source>
        <translation>Change the massacre threshold and the child age limit</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../snhr_desktop/ui/sync_page.py" line="+451"/>
        <source>Keys</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This installation&apos;s signing key:</source>
        <translation>This installation&apos;s signing key:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create signing key</source>
        <translation>Create signing key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encryption key (coordinators):</source>
        <translation>Encryption key (coordinators):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create encryption key</source>
        <translation>Create encryption key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coordinators this installation exports to:</source>
        <translation>Coordinators this installation exports to:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fingerprint</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Public key</source>
        <translation>Public key</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coordinator&apos;s name</source>
        <translation>Coordinator&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>age1… public key</source>
        <translation>age1… public key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add coordinator</source>
        <translation>Add coordinator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From key file…</source>
        <translation>From key file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trust a researcher&apos;s key file…</source>
        <translation>Trust a researcher&apos;s key file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bundles</source>
        <translation>Bundles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything (full bundle)</source>
        <translation>Everything (full bundle)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export every operation of this installation, not only the new ones</source>
        <translation>Export every operation of this installation, not only the new ones</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export bundle…</source>
        <translation>Export bundle…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import bundles…</source>
        <translation>Import bundles…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New records</source>
        <translation>New records</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already held</source>
        <translation>Already held</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Conflicts</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Conflicts to decide</source>
        <translation>Conflicts to decide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply the choices made for this record&apos;s fields</source>
        <translation>Apply the choices made for this record&apos;s fields</translation>
    </message>
    <message>
        <location line="+310"/>
        <source>%1 of %2 fields decided</source>
        <translation>%1 of %2 fields decided</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 · %2 · device %3</source>
        <translation>%1 · %2 · device %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Before the changes: %1</source>
        <translation>Before the changes: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave undecided</source>
        <translation>Leave undecided</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Records in conflict: %1. Two people changed the same fields differently. Choose a record, then for each field the value to keep; fields left undecided stay open.</source>
        <translation>Records in conflict: %1. Two people changed the same fields differently. Choose a record, then for each field the value to keep; fields left undecided stay open.</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Choices kept for %1 of %2 fields of “%3”. Nothing is changed or sent until every field is decided.</source>
        <translation>Choices kept for %1 of %2 fields of “%3”. Nothing is changed or sent until every field is decided.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Decision written for “%1”. It is sent with this installation&apos;s next bundle.</source>
        <translation>Decision written for “%1”. It is sent with this installation&apos;s next bundle.</translation>
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
        <translation>Sync</translation>
    </message>
    <message>
        <location line="-426"/>
        <source>None yet (made with the first export)</source>
        <translation>None yet (made with the first export)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>None: this installation cannot open bundles</source>
        <translation>None: this installation cannot open bundles</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Coordinator&apos;s key file</source>
        <translation>Coordinator&apos;s key file</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Researcher&apos;s signing key file</source>
        <translation>Researcher&apos;s signing key file</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Folder for the bundle</source>
        <translation>Folder for the bundle</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Writing the bundle…</source>
        <translation>Writing the bundle…</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Nothing new to export.</source>
        <translation>Nothing new to export.</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>&amp;Apply</source>
        <translation>&amp;Apply</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Records in conflict</source>
        <translation>Records in conflict</translation>
    </message>
    <message>
        <location line="+167"/>
        <source>Bundle written: %1
%2 operations, encrypted to: %3</source>
        <translation>Bundle written: %1
%2 operations, encrypted to: %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export cancelled. No file was written; the next export holds the same operations.</source>
        <translation>Export cancelled. No file was written; the next export holds the same operations.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Bundles to import</source>
        <translation>Bundles to import</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bundles (*.zip.age *.age)</source>
        <translation>Bundles (*.zip.age *.age)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Importing bundles…</source>
        <translation>Importing bundles…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unchanged</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No bundles imported yet.</source>
        <translation>No bundles imported yet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bundles imported: %1 · refused: %2 · new records: %3 · updated records: %4 · operations already held: %5 · records in conflict: %6</source>
        <translation>Bundles imported: %1 · refused: %2 · new records: %3 · updated records: %4 · operations already held: %5 · records in conflict: %6</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Some operations are still missing: ask for the bundles between.</source>
        <translation>Some operations are still missing: ask for the bundles between.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Incident</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Victim</source>
        <translation>Victim</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Facility attack</source>
        <translation>Facility attack</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate decision</source>
        <translation>Duplicate decision</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Deleted</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kept</source>
        <translation>Kept</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(empty)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record deleted?</source>
        <translation>Record deleted?</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>★ shown for now</source>
        <translation>★ shown for now</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>No conflicts.</source>
        <translation>No conflicts.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Every field is decided: Apply writes the decision, which is sent with this installation&apos;s next bundle.</source>
        <translation>Every field is decided: Apply writes the decision, which is sent with this installation&apos;s next bundle.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 fields decided. Apply keeps these choices here; the record stays in conflict, unchanged, until every field is decided.</source>
        <translation>%1 of %2 fields decided. Apply keeps these choices here; the record stays in conflict, unchanged, until every field is decided.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose the value to keep for each field.</source>
        <translation>Choose the value to keep for each field.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The chosen values do not fit together: choose others.</source>
        <translation>The chosen values do not fit together: choose others.</translation>
    </message>
</context>
<context>
    <name>TrustPrompt</name>
    <message>
        <location line="-820"/>
        <source>Trust this researcher?</source>
        <translation>Trust this researcher?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A bundle is signed by a key this database does not trust yet.

Device: %1
Fingerprint: %2

Read the fingerprint aloud with the researcher, by phone or in person. Trust the key only if every digit matches.</source>
        <translation>A bundle is signed by a key this database does not trust yet.

Device: %1
Fingerprint: %2

Read the fingerprint aloud with the researcher, by phone or in person. Trust the key only if every digit matches.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Trust the researcher&apos;s signing key in this file?

Device: %1
Fingerprint: %2

Read the fingerprint aloud with the researcher, by phone or in person. Trust the key only if every digit matches.</source>
        <translation>Trust the researcher&apos;s signing key in this file?

Device: %1
Fingerprint: %2

Read the fingerprint aloud with the researcher, by phone or in person. Trust the key only if every digit matches.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../snhr_desktop/ui/unlock.py" line="+93"/>
        <location line="+1"/>
        <source>Unlock the database</source>
        <translation>Unlock the database</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The records are encrypted. Type the passphrase chosen when this database was created.</source>
        <translation>The records are encrypted. Type the passphrase chosen when this database was created.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>UnsavedChangesBox</name>
    <message>
        <location filename="../snhr_desktop/ui/record_form.py" line="-732"/>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the changes to “{title}” before closing?</source>
        <translation>Save the changes to “{title}” before closing?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>If you discard them, what you typed is lost.</source>
        <translation>If you discard them, what you typed is lost.</translation>
    </message>
</context>
<context>
    <name>VictimForm</name>
    <message>
        <location filename="../snhr_desktop/ui/victim_form.py" line="+77"/>
        <source>New victim</source>
        <translation>New victim</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Victim: {name}</source>
        <translation>Victim: {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The person</source>
        <translation>The person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Death</source>
        <translation>Death</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Name (Arabic)</source>
        <translation>Name (Arabic)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (Latin script)</source>
        <translation>Name (Latin script)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Father&apos;s name</source>
        <translation>Father&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name</source>
        <translation>Family name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mother&apos;s name</source>
        <translation>Mother&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sex</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age group</source>
        <translation>Age group</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Special category</source>
        <translation>Special category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of death</source>
        <translation>Date of death</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Governorate</source>
        <translation>Governorate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place of death (Arabic)</source>
        <translation>Place of death (Arabic)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place of death (Latin script)</source>
        <translation>Place of death (Latin script)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Governorate of origin</source>
        <translation>Governorate of origin</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Age in years, 0 to 120</source>
        <translation>Age in years, 0 to 120</translation>
    </message>
</context>
</TS>
