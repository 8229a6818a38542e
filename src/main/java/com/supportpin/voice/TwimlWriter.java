package com.supportpin.voice;

import com.twilio.twiml.VoiceResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import spark.Response;

/** Serialises TwiML and writes it with the content type Twilio requires. */
public final class TwimlWriter {

    public static final String CONTENT_TYPE = "text/xml; charset=utf-8";

    /** Rendered documents by value, bounded (BENCHMARKS.md, "Why the hot paths look as they do"). */
    private static final int MAX_CACHED = 1024;

    private static final Map<VoiceResponse, String> rendered = new ConcurrentHashMap<>();

    private TwimlWriter() {}

    /** The document's XML text, as {@link VoiceResponse#toXml()} renders it. */
    public static String xml(VoiceResponse twiml) {
        String xml = rendered.get(twiml);
        if (xml != null) {
            return xml;
        }
        xml = twiml.toXml();
        if (rendered.size() >= MAX_CACHED) {
            rendered.clear();
        }
        rendered.putIfAbsent(twiml, xml);
        return xml;
    }

    public static String write(Response response, VoiceResponse twiml) {
        return write(response, xml(twiml));
    }

    public static String write(Response response, String twimlXml) {
        response.type(CONTENT_TYPE);
        return twimlXml;
    }
}
