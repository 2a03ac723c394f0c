package io.atrium.bench.load;

import java.net.http.HttpHeaders;

/**
 * One answer, or its absence ({@link Recorder#DEADLINE}, {@link Recorder#NO_ANSWER} as the status).
 *
 * @param status HTTP status, or a negative code for no answer
 * @param body the body as text (empty when none)
 * @param headers the headers (empty when none)
 * @param micros time from sending to the whole answer read
 */
public record Answer(int status, String body, HttpHeaders headers, long micros) {

	public boolean answered() {
		return this.status > 0;
	}

	public String header(String name) {
		return this.headers.firstValue(name).orElse(null);
	}

}
