package io.atrium.wechat;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.json.JsonFactory;

/**
 * A WeChat JSON answer kept as WeChat's bytes, for answers Atrium passes on in WeChat's own shape: its top-level
 * numbers ({@code errcode}, {@code total_count}, {@code item_count}) and {@code errmsg} are read with a streaming
 * parser that skips nested objects and arrays, instead of building the whole answer and writing it again (a page
 * of articles is tens of kilobytes, and parsing plus writing it was most of a request's CPU).
 */
public final class WeChatJson {

	private static final JsonFactory FACTORY = new JsonFactory();

	private final byte[] bytes;

	private final Map<String, Long> numbers;

	private final String errmsg;

	private WeChatJson(byte[] bytes, Map<String, Long> numbers, String errmsg) {
		this.bytes = bytes;
		this.numbers = Map.copyOf(numbers);
		this.errmsg = errmsg;
	}

	/**
	 * Reads the top level of a JSON object.
	 *
	 * @throws JacksonException when the bytes are not one JSON object
	 */
	public static WeChatJson of(byte[] bytes) {
		Map<String, Long> numbers = new HashMap<>();
		String errmsg = null;
		try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), bytes)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("Not a JSON object");
			}
			JsonToken token;
			while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
					numbers.put(name, parser.getLongValue());
				}
				else if (value == JsonToken.VALUE_STRING && name.equals("errmsg")) {
					errmsg = parser.getString();
				}
				else {
					parser.skipChildren();
				}
			}
			if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
				throw new IllegalArgumentException("Not one JSON object");
			}
		}
		return new WeChatJson(bytes, numbers, errmsg);
	}

	/** The answer as WeChat sent it. */
	public byte[] bytes() {
		return this.bytes;
	}

	/** A top-level integer field that fits an int, or null. */
	public Integer intNumber(String name) {
		Long value = this.numbers.get(name);
		return (value != null && value == value.intValue()) ? value.intValue() : null;
	}

	/** WeChat's error when {@code errcode} is present and not 0, else null. */
	public WeChatError error() {
		Long errcode = this.numbers.get("errcode");
		return (errcode != null && errcode != 0) ? new WeChatError(errcode.intValue(), this.errmsg) : null;
	}

	/**
	 * WeChat's bytes with one string field added at the end of the object (the rest unchanged, byte for byte).
	 */
	public byte[] withField(String name, String value) {
		int end = this.bytes.length - 1;
		while (end >= 0 && this.bytes[end] != '}') {
			end--;
		}
		int last = end - 1;
		while (last >= 0 && Character.isWhitespace(this.bytes[last])) {
			last--;
		}
		boolean empty = last >= 0 && this.bytes[last] == '{';
		JsonStringEncoder encoder = JsonStringEncoder.getInstance();
		ByteArrayOutputStream out = new ByteArrayOutputStream(this.bytes.length + name.length() + value.length() + 8);
		out.write(this.bytes, 0, end);
		if (!empty) {
			out.write(',');
		}
		out.write('"');
		out.writeBytes(encoder.quoteAsUTF8(name));
		out.writeBytes(new byte[] { '"', ':', '"' });
		out.writeBytes(encoder.quoteAsUTF8(value));
		out.write('"');
		out.write(this.bytes, end, this.bytes.length - end);
		return out.toByteArray();
	}

}
