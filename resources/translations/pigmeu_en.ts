<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AppMenus</name>
    <message numerus="yes">
        <source>Exported %n item(s) to %1</source>
        <translation>
            <numerusform>Exported %n item to %1</numerusform>
            <numerusform>Exported %n items to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new item(s) added</source>
        <translation>
            <numerusform>%n new item added</numerusform>
            <numerusform>%n new items added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) updated with newer revisions from the file</source>
        <translation>
            <numerusform>%n item updated with newer revisions from the file</numerusform>
            <numerusform>%n items updated with newer revisions from the file</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) kept: this queue had the same or newer revisions</source>
        <translation>
            <numerusform>%n item kept: this queue had the same or newer revisions</numerusform>
            <numerusform>%n items kept: this queue had the same or newer revisions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) left alone: they changed while importing</source>
        <translation>
            <numerusform>%n item left alone: it changed while importing</numerusform>
            <numerusform>%n items left alone: they changed while importing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n history entries, %1 prompts or schemas, %2 settings</source>
        <translation>
            <numerusform>%n history entry, %1 prompts or schemas, %2 settings</numerusform>
            <numerusform>%n history entries, %1 prompts or schemas, %2 settings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message numerus="yes">
        <source>%n error(s) so far; the latest: %1</source>
        <translation>
            <numerusform>%n error so far; the latest: %1</numerusform>
            <numerusform>%n errors so far; the latest: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message numerus="yes">
        <source>%n replaced</source>
        <translation>
            <numerusform>%n replaced</numerusform>
            <numerusform>%n replaced</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n link(s) added</source>
        <translation>
            <numerusform>%n link added</numerusform>
            <numerusform>%n links added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n already in the queue</source>
        <translation>
            <numerusform>, %n already in the queue</numerusform>
            <numerusform>, %n already in the queue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n rejected</source>
        <translation>
            <numerusform>, %n rejected</numerusform>
            <numerusform>, %n rejected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped %n step(s); the queue is paused. Resume it (Ctrl+Shift+P) to carry on.</source>
        <translation>
            <numerusform>Stopped %n step; the queue is paused. Resume it (Ctrl+Shift+P) to carry on.</numerusform>
            <numerusform>Stopped %n steps; the queue is paused. Resume it (Ctrl+Shift+P) to carry on.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n working</source>
        <translation>
            <numerusform>%n working</numerusform>
            <numerusform>%n working</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message numerus="yes">
        <source>%n word(s)</source>
        <translation>
            <numerusform>%n word</numerusform>
            <numerusform>%n words</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamMoveActions</name>
    <message numerus="yes">
        <source>%n item(s) copied</source>
        <translation>
            <numerusform>%n item copied</numerusform>
            <numerusform>%n items copied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already there (left as they are)</source>
        <translation>
            <numerusform>%n already there (left as it is)</numerusform>
            <numerusform>%n already there (left as they are)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with a step running (copy them when it ends)</source>
        <translation>
            <numerusform>%n with a step running (copy it when it ends)</numerusform>
            <numerusform>%n with a step running (copy them when it ends)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamPresence</name>
    <message numerus="yes">
        <source>%n edit(s) kept on this computer, sent when the team database is back</source>
        <translation>
            <numerusform>%n edit kept on this computer, sent when the team database is back</numerusform>
            <numerusform>%n edits kept on this computer, sent when the team database is back</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n offline edit(s) met a newer version: reload the item and redo them</source>
        <translation>
            <numerusform>%n offline edit met a newer version: reload the item and redo it</numerusform>
            <numerusform>%n offline edits met a newer version: reload the items and redo them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Team: %n edit(s) waiting</source>
        <translation>
            <numerusform>Team: %n edit waiting</numerusform>
            <numerusform>Team: %n edits waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Team: %n other editor(s) online</source>
        <translation>
            <numerusform>Team: %n other editor online</numerusform>
            <numerusform>Team: %n other editors online</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VersionDiffDialog</name>
    <message numerus="yes">
        <source>%n part(s) changed: </source>
        <translation>
            <numerusform>%n part changed: </numerusform>
            <numerusform>%n parts changed: </numerusform>
        </translation>
    </message>
</context>
</TS>
