package io.atrium.console.image;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.MediaType;

/**
 * An image host's answer, ready to pass on: {@code 200} with a body to stream (and close), or {@code 304} without.
 *
 * @param notModified whether the host answered {@code 304 Not Modified} to the browser's conditions
 * @param contentType the image type, checked to be a raster image type
 * @param contentLength the body's length when known, else {@code -1}
 * @param etag the host's {@code ETag}, or null
 * @param lastModified the host's {@code Last-Modified}, or null
 * @param body the body, capped at the proxy's size limit; empty for {@code 304}
 */
record UpstreamImage(boolean notModified, MediaType contentType, long contentLength, String etag, String lastModified,
		InputStream body) implements AutoCloseable {

	@Override
	public void close() throws IOException {
		this.body.close();
	}

}
