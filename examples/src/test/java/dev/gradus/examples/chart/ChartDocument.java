package dev.gradus.examples.chart;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A chart parsed as XML (which fails on a malformed document), with the queries the tests need:
 * the root's title and the labels of its series groups.
 */
public final class ChartDocument {

    private final Document document;

    private ChartDocument(Document document) {
        this.document = document;
    }

    /**
     * Parses an SVG document.
     *
     * @param svg the document's text
     * @return the parsed chart
     * @throws Exception if it is not well-formed XML
     */
    public static ChartDocument parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return new ChartDocument(factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))));
    }

    /** {@return the root element's name} */
    public String rootName() {
        return document.getDocumentElement().getLocalName();
    }

    /** {@return the text of the document's first {@code <title>}} */
    public String title() {
        return document.getElementsByTagNameNS("*", "title").item(0).getTextContent();
    }

    /** {@return the labels of the {@code <g class="series">} groups, in document order} */
    public List<String> seriesLabels() {
        List<String> labels = new ArrayList<>();
        NodeList groups = document.getElementsByTagNameNS("*", "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element group = (Element) groups.item(i);
            if (group.getAttribute("class").equals("series")) {
                labels.add(group.getElementsByTagNameNS("*", "title").item(0).getTextContent());
            }
        }
        return labels;
    }

    /**
     * Counts the elements with a tag name.
     *
     * @param tag the local name, for example {@code path}
     * @return how many there are
     */
    public int count(String tag) {
        return document.getElementsByTagNameNS("*", tag).getLength();
    }
}
