package io.atrium.content;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.atrium.upstream.AccountNotFoundException;
import io.atrium.upstream.PermissionNotGrantedException;
import io.atrium.upstream.TenantScope;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatErrorKind;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Materials' bytes against the sandbox: what WeChat holds, byte for byte, through the per-account path (each
 * {@code get_material} one counted call); scope, permission set and unknown ids refused.
 */
class MaterialMediaTests extends ContentIntegrationTests {

	private static final String GET_MATERIAL = "/cgi-bin/material/get_material";

	private static final TenantScope PLATFORM = TenantScope.platform();

	@Autowired
	MaterialMedia media;

	@Autowired
	ContentService content;

	@Test
	void aVoiceIsWeChatsFileAndAVideoIsItsDownUrlsBytes() throws Exception {
		String appId = onboardedAccount("素材", 11);
		MaterialItem voice = this.content.materialPage(PLATFORM, appId, "voice", 0, 1).item().get(0);
		try (MaterialFile file = this.media.open(PLATFORM, appId, voice.mediaId())) {
			assertThat(file.contentType()).isEqualTo("audio/mpeg");
			assertThat(file.body().readAllBytes()).isEqualTo(sandboxFile(voice.url()));
		}
		MaterialItem video = this.content.materialPage(PLATFORM, appId, "video", 0, 1).item().get(0);
		try (MaterialFile file = this.media.open(PLATFORM, appId, video.mediaId())) {
			assertThat(file.contentType()).isEqualTo("video/mp4");
			assertThat(file.body().readAllBytes())
				.isEqualTo(sandboxFile(sandbox.baseUrl() + "/video-material/" + appId + "/" + video.mediaId() + ".mp4"));
		}
		assertThat(control.calls(GET_MATERIAL)).isEqualTo(2);
	}

	@Test
	void aNewsMaterialsArticlesAreItsListedOnes() {
		String appId = onboardedAccount("图文", 11);
		MaterialItem news = this.content.materialPage(PLATFORM, appId, "news", 0, 1).item().get(0);
		assertThat(this.media.news(PLATFORM, appId, news.mediaId()).newsItem()).isEqualTo(news.content().newsItem());
	}

	@Test
	void anUnknownIdIsNotFoundAndAnotherTenantsAccountOrAMissingSetCostsNoCall() {
		String appId = onboardedAccount("素材", 11);
		assertThatExceptionOfType(WeChatApiException.class).isThrownBy(() -> this.media.open(PLATFORM, appId, "unknown"))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(WeChatErrorKind.NOT_FOUND));
		long calls = control.calls(GET_MATERIAL);
		long otherTenant = this.tenants.create("乙 tenant", null, null, null, null).id();
		assertThatExceptionOfType(AccountNotFoundException.class)
			.isThrownBy(() -> this.media.open(TenantScope.tenant(otherTenant), appId, "any"));
		String withoutSet = onboardedAccount("无素材权限", 7);
		assertThatExceptionOfType(PermissionNotGrantedException.class)
			.isThrownBy(() -> this.media.open(PLATFORM, withoutSet, "any"));
		assertThat(control.calls(GET_MATERIAL)).isEqualTo(calls);
	}

	private static byte[] sandboxFile(String url) throws IOException, InterruptedException {
		HttpResponse<byte[]> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(answer.statusCode()).isEqualTo(200);
		return answer.body();
	}

}
