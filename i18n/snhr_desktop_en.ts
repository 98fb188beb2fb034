<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Language</name>
    <message>
        <location filename="../snhr_desktop/i18n.py" line="+98"/>
        <source>Arabic</source>
        <translation>Arabic</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>English</translation>
    </message>
</context>
</TS>
