<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
