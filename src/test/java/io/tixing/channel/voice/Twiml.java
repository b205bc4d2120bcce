package io.tixing.channel.voice;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Parses TwiML strictly (no DTDs) so tests look at what Twilio would see. */
final class Twiml {

    final Document doc;

    private Twiml(Document doc) {
        this.doc = doc;
    }

    static Twiml parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new Twiml(f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("not valid XML: " + xml, e);
        }
    }

    List<Element> all(String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    List<String> topLevelVerbs() {
        List<String> out = new ArrayList<>();
        NodeList children = doc.getDocumentElement().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e) {
                out.add(e.getTagName());
            }
        }
        return out;
    }

    List<String> saidTexts() {
        return all("Say").stream().map(Element::getTextContent).toList();
    }

    String allText() {
        return doc.getDocumentElement().getTextContent();
    }
}
