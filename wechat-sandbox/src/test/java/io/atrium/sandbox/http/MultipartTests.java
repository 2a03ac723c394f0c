package io.atrium.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The sandbox's small {@code multipart/form-data} reader. */
class MultipartTests {

	@Test
	void readsFieldsAndFilesWithTheirHeaders() {
		String body = "preamble to ignore\r\n--XyZ\r\n"
				+ "Content-Disposition: form-data; name=\"description\"\r\n\r\n{\"title\":\"t\"}\r\n--XyZ\r\n"
				+ "content-disposition: form-data; name=\"media\"; filename=\"a;b \\\"c\\\".jpg\"; filelength=4\r\n"
				+ "Content-Type: image/jpeg\r\n\r\n\r\n--X\r\n--XyZ--\r\nepilogue";

		List<Multipart.Part> parts = Multipart.parse("multipart/form-data; boundary=\"XyZ\"; charset=UTF-8",
				body.getBytes(StandardCharsets.UTF_8));

		assertThat(parts).hasSize(2);
		assertThat(parts.get(0).name()).isEqualTo("description");
		assertThat(parts.get(0).filename()).isNull();
		assertThat(parts.get(0).contentType()).isNull();
		assertThat(new String(parts.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("{\"title\":\"t\"}");
		assertThat(parts.get(1).name()).isEqualTo("media");
		assertThat(parts.get(1).filename()).isEqualTo("a;b \"c\".jpg");
		assertThat(parts.get(1).contentType()).isEqualTo("image/jpeg");
		assertThat(new String(parts.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("\r\n--X");
	}

	@Test
	void aPartMayBeEmptyAndHaveNoContentType() {
		String body = "--b\r\nContent-Disposition: form-data; name=\"media\"; filename=\"x.png\"\r\n\r\n\r\n--b--";
		List<Multipart.Part> parts = Multipart.parse("multipart/form-data;boundary=b",
				body.getBytes(StandardCharsets.UTF_8));
		assertThat(parts).singleElement().satisfies((part) -> assertThat(part.content()).isEmpty());
	}

	@Test
	void rejectsWhatIsNotMultipartFormDataWithABoundary() {
		byte[] body = "--b\r\n\r\n--b--".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(Multipart.MalformedMultipartException.class)
			.isThrownBy(() -> Multipart.parse(null, body));
		assertThatExceptionOfType(Multipart.MalformedMultipartException.class)
			.isThrownBy(() -> Multipart.parse("application/json", body));
		assertThatExceptionOfType(Multipart.MalformedMultipartException.class)
			.isThrownBy(() -> Multipart.parse("multipart/form-data", body));
		assertThatExceptionOfType(Multipart.MalformedMultipartException.class)
			.isThrownBy(() -> Multipart.parse("multipart/mixed; boundary=b", body));
	}

	@Test
	void rejectsTruncatedOrHeaderlessBodies() {
		String type = "multipart/form-data; boundary=b";
		assertThatExceptionOfType(Multipart.MalformedMultipartException.class).isThrownBy(() -> Multipart.parse(type,
				"--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end".getBytes(StandardCharsets.UTF_8)));
		assertThatExceptionOfType(Multipart.MalformedMultipartException.class).isThrownBy(
				() -> Multipart.parse(type, "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--".getBytes(StandardCharsets.UTF_8)));
		assertThatExceptionOfType(Multipart.MalformedMultipartException.class)
			.isThrownBy(() -> Multipart.parse(type, "no boundary here".getBytes(StandardCharsets.UTF_8)));
	}

}
