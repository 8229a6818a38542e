package com.supportpin.simulator;

import com.twilio.twiml.VoiceResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** One TwiML document the app answered, checked with the SDK's strict reader, and where it came from. */
record TwimlDocument(String url, List<Element> verbs) {

    /** Thrown for a body Twilio would refuse to run (its error 12100). */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /** Parses a body as Twilio would, strictly (twilio-java's {@code fromXml}), then reads it for playing. */
    static TwimlDocument parse(String url, String body) throws Invalid {
        try {
            VoiceResponse.Builder.fromXml(body).build();
        } catch (Exception e) {
            throw new Invalid(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setIgnoringComments(true);
            Element root = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
            if (!root.getTagName().equals("Response")) {
                throw new Invalid("the root element is <" + root.getTagName() + ">, not <Response>");
            }
            return new TwimlDocument(url, children(root));
        } catch (Invalid e) {
            throw e;
        } catch (Exception e) {
            throw new Invalid(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** What Twilio makes of an audio answer: a document that plays it. */
    static TwimlDocument playing(String audioUrl) {
        try {
            var document =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element play = document.createElement("Play");
            play.setTextContent(audioUrl);
            return new TwimlDocument(audioUrl, List.of(play));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Element> children(Element parent) {
        var elements = new ArrayList<Element>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                elements.add((Element) nodes.item(i));
            }
        }
        return elements;
    }

    /** Resolves a URL from this document as Twilio does: relative to the document's own URL. */
    String resolve(String reference) {
        return URI.create(url).resolve(reference.trim()).toString();
    }
}
