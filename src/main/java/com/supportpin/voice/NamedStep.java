package com.supportpin.voice;

/** A step whose name in logs and metrics is given when it is made. */
public abstract class NamedStep implements VoiceStep {

    private final String name;

    protected NamedStep(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }
}
