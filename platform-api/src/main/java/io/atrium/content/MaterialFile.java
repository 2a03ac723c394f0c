package io.atrium.content;

import java.io.IOException;
import java.io.InputStream;

/**
 * A permanent material's bytes on their way to the caller ({@link MaterialMedia#open}): close it on every path.
 *
 * @param contentType the type WeChat (or its video CDN) declared, or null
 * @param contentLength the declared length, or {@code -1}
 * @param body the bytes, streamed
 */
public record MaterialFile(String contentType, long contentLength, InputStream body) implements AutoCloseable {

	@Override
	public void close() throws IOException {
		this.body.close();
	}

}
