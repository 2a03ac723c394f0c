package io.atrium.crypto;

import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A flat WeChat XML document, {@code <xml><Name>value</Name>...</xml>}, read safely: the root's child elements
 * and their text (CDATA or not, entities such as {@code &amp;} resolved). Elements nested deeper are not read.
 * <p>
 * Reading refuses any DOCTYPE, which is what rules out external entities, external DTDs and entity expansion;
 * the StAX reader is also configured with all of them off, and has no XInclude. Immutable.
 */
public final class WeChatXml {

	/** Far above any WeChat push (a few KiB), far below what could hurt. */
	static final int MAX_LENGTH = 256 * 1024;

	private final Map<String, String> elements;

	private WeChatXml(Map<String, String> elements) {
		this.elements = Collections.unmodifiableMap(elements);
	}

	/**
	 * Reads a WeChat XML document.
	 * @throws UnsafeXmlException if it declares a DOCTYPE or is longer than {@value #MAX_LENGTH} characters
	 * @throws MalformedXmlException if it is empty, not well-formed, or repeats a child element of the root
	 */
	public static WeChatXml parse(String xml) {
		if (xml == null || xml.isEmpty()) {
			throw new MalformedXmlException("XML is empty");
		}
		if (xml.length() > MAX_LENGTH) {
			throw new UnsafeXmlException("XML is longer than " + MAX_LENGTH + " characters");
		}
		try {
			XMLStreamReader reader = createInputFactory().createXMLStreamReader(new StringReader(xml));
			try {
				return new WeChatXml(read(reader));
			}
			finally {
				reader.close();
			}
		}
		catch (XMLStreamException ex) {
			// Locate the error but do not repeat the document, which may be a decrypted payload.
			Location location = ex.getLocation();
			String where = (location != null)
					? " at line " + location.getLineNumber() + ", column " + location.getColumnNumber() : "";
			throw new MalformedXmlException("Malformed XML" + where, ex);
		}
	}

	private static Map<String, String> read(XMLStreamReader reader) throws XMLStreamException {
		Map<String, String> elements = new LinkedHashMap<>();
		int depth = 0;
		String name = null;
		StringBuilder text = null;
		while (reader.hasNext()) {
			switch (reader.next()) {
				case XMLStreamConstants.DTD -> throw new UnsafeXmlException("XML with a DOCTYPE is refused");
				// Unreachable without a DTD to declare the entity; refused all the same.
				case XMLStreamConstants.ENTITY_REFERENCE -> throw new UnsafeXmlException("XML entities are refused");
				case XMLStreamConstants.START_ELEMENT -> {
					depth++;
					if (depth == 2) {
						name = reader.getLocalName();
						text = new StringBuilder();
					}
				}
				case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
					if (depth == 2) {
						text.append(reader.getText());
					}
				}
				case XMLStreamConstants.END_ELEMENT -> {
					if (depth == 2 && elements.putIfAbsent(name, text.toString()) != null) {
						// Two values for one name would let a sender choose which one a reader sees.
						throw new MalformedXmlException("XML repeats the element <" + name + ">");
					}
					depth--;
				}
				default -> {
				}
			}
		}
		return elements;
	}

	private static XMLInputFactory createInputFactory() {
		// The JDK's own implementation, whatever StAX provider is on the class path; cheap, so one per document.
		XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
		factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
		factory.setProperty(XMLInputFactory.IS_COALESCING, true);
		return factory;
	}

	/**
	 * Returns the text of the root's child element with the given name, or {@code null} if there is none.
	 */
	public String get(String name) {
		return this.elements.get(name);
	}

	/**
	 * Returns the text of the root's child element with the given name.
	 * @throws MalformedXmlException if there is no such element
	 */
	public String require(String name) {
		String value = this.elements.get(name);
		if (value == null) {
			throw new MalformedXmlException("XML has no <" + name + "> element");
		}
		return value;
	}

	/** The root's child elements and their text, in document order (unmodifiable). */
	public Map<String, String> elements() {
		return this.elements;
	}

	/** Names only: values can be tickets and authorization codes, which must not reach a log. */
	@Override
	public String toString() {
		return "WeChatXml" + this.elements.keySet();
	}

}
