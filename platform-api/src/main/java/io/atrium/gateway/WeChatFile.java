package io.atrium.gateway;

import java.io.IOException;
import java.io.InputStream;

/**
 * A file WeChat answered to one of Atrium's own calls ({@link WeChatGateway#callForFile}), streamed: close it on
 * every path, read to the end or not (closing returns or drops the connection).
 *
 * @param contentType WeChat's {@code Content-Type}, or null
 * @param contentLength the length WeChat declared, or {@code -1}
 * @param body the bytes, as WeChat sent them
 */
public record WeChatFile(String contentType, long contentLength, InputStream body) implements AutoCloseable {

	@Override
	public void close() throws IOException {
		this.body.close();
	}

}
