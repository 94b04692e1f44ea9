package dev.gradus.jmh.report.chart;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An XML document parsed by the JDK's {@code javax.xml.parsers.DocumentBuilder}, with the few
 * queries the chart tests need. The parser is called reflectively, through the public
 * {@code javax.xml} and {@code org.w3c.dom} interfaces: the tests compile inside the module
 * {@code dev.gradus}, which does not read {@code java.xml}, and run on the class path, where it
 * is readable.
 */
final class Dom {

    /** One element: its tag, attributes and text. */
    static final class Element {
        private final Object node;

        private Element(Object node) {
            this.node = node;
        }

        String tag() {
            return (String) call(ELEMENT, "getTagName", node);
        }

        boolean hasAttribute(String name) {
            return (Boolean) call(ELEMENT, "hasAttribute", node, name);
        }

        String attribute(String name) {
            return (String) call(ELEMENT, "getAttribute", node, name);
        }

        String text() {
            return (String) call(NODE, "getTextContent", node);
        }
    }

    private static final String ELEMENT = "org.w3c.dom.Element";
    private static final String NODE = "org.w3c.dom.Node";

    private final Object document;

    private Dom(Object document) {
        this.document = document;
    }

    /**
     * Parses {@code xml}, refusing a DOCTYPE.
     *
     * @throws IllegalArgumentException when it is not well-formed
     */
    static Dom parse(String xml) {
        String factoryClass = "javax.xml.parsers.DocumentBuilderFactory";
        Object factory = call(factoryClass, "newInstance", null);
        call(factoryClass, "setFeature", factory, "http://apache.org/xml/features/disallow-doctype-decl", true);
        Object builder = call(factoryClass, "newDocumentBuilder", factory);
        InputStream in = new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
        return new Dom(call("javax.xml.parsers.DocumentBuilder", "parse", builder, in));
    }

    Element root() {
        return new Element(call("org.w3c.dom.Document", "getDocumentElement", document));
    }

    /** Every element named {@code tag}, in document order. */
    List<Element> elements(String tag) {
        Object nodes = call("org.w3c.dom.Document", "getElementsByTagName", document, tag);
        int length = (Integer) call("org.w3c.dom.NodeList", "getLength", nodes);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            elements.add(new Element(call("org.w3c.dom.NodeList", "item", nodes, i)));
        }
        return elements;
    }

    /** The text of every element named {@code tag}. */
    List<String> texts(String tag) {
        return elements(tag).stream().map(Element::text).toList();
    }

    private static Object call(String type, String name, Object target, Object... args) {
        try {
            for (Method method : Class.forName(type).getMethods()) {
                if (method.getName().equals(name) && method.getParameterCount() == args.length
                        && accepts(method.getParameterTypes(), args)) {
                    return method.invoke(target, args);
                }
            }
            throw new IllegalStateException("no method " + type + "." + name);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("XML: " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean accepts(Class<?>[] types, Object[] args) {
        for (int i = 0; i < types.length; i++) {
            Class<?> type = types[i] == boolean.class ? Boolean.class : types[i] == int.class ? Integer.class : types[i];
            if (!type.isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }
}
