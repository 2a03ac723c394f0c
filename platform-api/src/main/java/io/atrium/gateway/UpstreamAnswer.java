package io.atrium.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * WeChat's answer on its way back to the caller: status and the headers worth passing, then the body, the part
 * already read to look for an {@code errcode} followed by the rest, streamed. Close it when done.
 *
 * @param status WeChat's HTTP status
 * @param headers Content-Type, Content-Disposition, Content-Length as WeChat sent them (when it did)
 * @param head the bytes already read
 * @param rest the remaining body, or null
 */
record UpstreamAnswer(int status, Map<String, String> headers, byte[] head, InputStream rest) implements AutoCloseable {

	/** An answer Atrium makes itself, in WeChat's shape. */
	static UpstreamAnswer json(String body) {
		byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		return new UpstreamAnswer(200, Map.of("Content-Type", "application/json; charset=UTF-8", "Content-Length",
				Integer.toString(bytes.length)), bytes, null);
	}

	void writeTo(OutputStream out) throws IOException {
		out.write(this.head);
		if (this.rest != null) {
			this.rest.transferTo(out);
		}
	}

	@Override
	public void close() throws IOException {
		if (this.rest != null) {
			this.rest.close();
		}
	}

}
