package io.atrium.gateway;

import java.io.IOException;
import java.io.InputStream;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;

/**
 * A caller's request body on its way to WeChat. Up to {@link #REPLAYABLE_LIMIT} it is read into memory and can be
 * sent again (a retry, the replay after a token error); a larger one (a media upload) streams from the caller to
 * WeChat without being held, and can be sent only once.
 */
final class RequestBody {

	/** Bodies up to this size are held and may be sent again. */
	static final int REPLAYABLE_LIMIT = 1024 * 1024;

	private final byte[] bytes;

	private final InputStream stream;

	private final long length;

	private boolean streamed;

	private RequestBody(byte[] bytes, InputStream stream, long length) {
		this.bytes = bytes;
		this.stream = stream;
		this.length = length;
	}

	static RequestBody none() {
		return new RequestBody(new byte[0], null, 0);
	}

	/**
	 * @param length the declared length, or -1 when the caller sent none (chunked)
	 */
	static RequestBody of(InputStream in, long length) throws IOException {
		if (length >= 0 && length <= REPLAYABLE_LIMIT) {
			return new RequestBody(in.readNBytes((int) length), null, length);
		}
		return new RequestBody(null, in, length);
	}

	boolean replayable() {
		return this.bytes != null;
	}

	boolean isEmpty() {
		return this.bytes != null && this.bytes.length == 0;
	}

	/** The body to send once more; a streamed body can be sent once only. */
	HttpEntity entity(String contentType) {
		ContentType type = (contentType != null) ? ContentType.parse(contentType) : null;
		if (this.bytes != null) {
			return new ByteArrayEntity(this.bytes, type);
		}
		if (this.streamed) {
			throw new IllegalStateException("A streamed body cannot be sent twice");
		}
		this.streamed = true;
		return new InputStreamEntity(this.stream, this.length, type);
	}

}
