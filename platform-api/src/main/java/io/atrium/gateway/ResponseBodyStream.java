package io.atrium.gateway;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.hc.core5.http.ClassicHttpResponse;

/**
 * The rest of an upstream answer's body, streamed: closing it closes the answer, which returns the connection to
 * its pool (or closes it, when the body was not read to the end). For the gateway's pass-through and the console's
 * media downloads alike.
 */
public final class ResponseBodyStream extends FilterInputStream {

	private final ClassicHttpResponse response;

	public ResponseBodyStream(InputStream body, ClassicHttpResponse response) {
		super(body);
		this.response = response;
	}

	@Override
	public void close() throws IOException {
		try {
			super.close();
		}
		finally {
			this.response.close();
		}
	}

}
