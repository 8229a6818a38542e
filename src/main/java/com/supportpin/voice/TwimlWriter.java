package com.supportpin.voice;

import com.twilio.twiml.VoiceResponse;
import spark.Response;

/** Writes TwiML with the content type Twilio requires. */
public final class TwimlWriter {

    public static final String CONTENT_TYPE = "text/xml; charset=utf-8";

    private TwimlWriter() {
    }

    public static String write(Response response, VoiceResponse twiml) {
        response.type(CONTENT_TYPE);
        return twiml.toXml();
    }

    public static String write(Response response, String twimlXml) {
        response.type(CONTENT_TYPE);
        return twimlXml;
    }
}
