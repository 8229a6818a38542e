package com.supportpin.support;

import com.twilio.twiml.VoiceResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Reading TwiML in tests: strict parsing with the SDK, XML comparison, and the URLs a document points at. */
public final class Twiml {

    private Twiml() {}

    /** Parses with twilio-java's strict reader, which rejects unknown verbs, attributes and nesting. */
    public static VoiceResponse strict(String xml) {
        try {
            return VoiceResponse.Builder.fromXml(xml).build();
        } catch (Exception e) {
            throw new AssertionError("not valid TwiML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    public static Document parse(String xml) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setIgnoringComments(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document =
                    factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            stripWhitespace(document.getDocumentElement());
            document.normalizeDocument();
            return document;
        } catch (Exception e) {
            throw new AssertionError("not XML: " + xml, e);
        }
    }

    /** True when two documents have the same elements, attributes and text, ignoring layout. */
    public static boolean sameDocument(String expected, String actual) {
        return parse(expected).getDocumentElement().isEqualNode(parse(actual).getDocumentElement());
    }

    /** A readable, indented rendering, for golden files and failure messages. */
    public static String pretty(String xml) {
        var out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        render(parse(xml).getDocumentElement(), 0, out);
        return out.toString();
    }

    /** Every URL the document tells Twilio to request: action, waitUrl, url attributes and Redirect bodies. */
    public static List<String> urls(String xml) {
        var urls = new ArrayList<String>();
        collectUrls(parse(xml).getDocumentElement(), urls);
        return urls;
    }

    /** The text of every Say, in order. */
    public static List<String> says(String xml) {
        var texts = new ArrayList<String>();
        NodeList says = parse(xml).getElementsByTagName("Say");
        for (int i = 0; i < says.getLength(); i++) {
            texts.add(says.item(i).getTextContent());
        }
        return texts;
    }

    /** The text of the first element with this name, or null. */
    public static String text(String xml, String element) {
        NodeList nodes = parse(xml).getElementsByTagName(element);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    /** An attribute of the first element with this name, or null. */
    public static String attribute(String xml, String element, String attribute) {
        NodeList nodes = parse(xml).getElementsByTagName(element);
        return nodes.getLength() == 0 ? null : ((Element) nodes.item(0)).getAttribute(attribute);
    }

    /** The element children of {@code parent}, in document order. */
    public static List<Element> children(Element parent) {
        NodeList nodes = parent.getChildNodes();
        return IntStream.range(0, nodes.getLength())
                .mapToObj(nodes::item)
                .filter(Element.class::isInstance)
                .map(Element.class::cast)
                .toList();
    }

    private static void collectUrls(Element element, List<String> urls) {
        for (String attribute : List.of("action", "waitUrl", "url", "statusCallback")) {
            if (element.hasAttribute(attribute)) {
                urls.add(element.getAttribute(attribute));
            }
        }
        if (element.getTagName().equals("Redirect")) {
            urls.add(element.getTextContent().trim());
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                collectUrls(child, urls);
            }
        }
    }

    private static void stripWhitespace(Node node) {
        NodeList children = node.getChildNodes();
        for (int i = children.getLength() - 1; i >= 0; i--) {
            Node child = children.item(i);
            if (child.getNodeType() == Node.TEXT_NODE && child.getTextContent().isBlank() && hasElementSibling(node)) {
                node.removeChild(child);
            } else if (child.getNodeType() == Node.ELEMENT_NODE) {
                stripWhitespace(child);
            }
        }
    }

    private static boolean hasElementSibling(Node parent) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                return true;
            }
        }
        return false;
    }

    private static void render(Element element, int depth, StringBuilder out) {
        String indent = "  ".repeat(depth);
        out.append(indent).append('<').append(element.getTagName());
        var attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            out.append(' ')
                    .append(attribute.getNodeName())
                    .append("=\"")
                    .append(escape(attribute.getNodeValue()))
                    .append('"');
        }
        NodeList children = element.getChildNodes();
        if (children.getLength() == 0) {
            out.append("/>\n");
            return;
        }
        if (children.getLength() == 1 && children.item(0).getNodeType() == Node.TEXT_NODE) {
            out.append('>')
                    .append(escape(children.item(0).getTextContent()))
                    .append("</")
                    .append(element.getTagName())
                    .append(">\n");
            return;
        }
        out.append(">\n");
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                render(child, depth + 1, out);
            }
        }
        out.append(indent).append("</").append(element.getTagName()).append(">\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
