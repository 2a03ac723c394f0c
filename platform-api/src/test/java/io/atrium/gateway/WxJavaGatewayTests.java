package io.atrium.gateway;

import java.util.List;
import java.util.Set;

import io.atrium.apikey.ApiKeyGrant;
import io.atrium.apikey.ApiKeyService;
import io.atrium.apikey.ApiScope;
import io.atrium.content.ContentIntegrationTests;
import io.atrium.token.TestSandbox;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.bean.material.WxMpMaterialCountResult;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * WxJava (from Maven Central, unchanged) pointed at Atrium instead of api.weixin.qq.com, with an Atrium key as its
 * account's secret: it fetches its "token" from Atrium, calls through the gateway, and never sees a token error.
 */
class WxJavaGatewayTests extends ContentIntegrationTests {

	@Autowired
	ApiKeyService keys;

	@Test
	void anUnchangedWxJavaReadsThroughTheGatewayEvenAfterWeChatRefusedTheRealToken() throws Exception {
		String appId = onboardedAccount("SDK 甲", 11);
		WxMpService wechat = wxJava(appId, boundKey(appId));
		WxMpMaterialCountResult count = wechat.getMaterialService().materialCount();
		assertThat(count.getImageCount()).isPositive();
		int refreshes = control.calls(appId, "/cgi-bin/component/api_authorizer_token");
		control.invalidateTokens(appId);
		assertThat(wechat.getMaterialService().materialCount().getImageCount()).isEqualTo(count.getImageCount());
		assertThat(control.calls(appId, "/cgi-bin/component/api_authorizer_token") - refreshes).isEqualTo(1);
	}

	@Test
	void whatAtriumRefusesReachesWxJavaAsWeChatError() {
		String appId = onboardedAccount("SDK 乙", 7);
		WxMpService wechat = wxJava(appId, boundKey(appId));
		assertThatExceptionOfType(WxErrorException.class)
			.isThrownBy(() -> wechat.getMaterialService().materialCount())
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(61007));
	}

	private String boundKey(String appId) {
		return this.keys.create("WxJava", null,
				new ApiKeyGrant(Set.of(ApiScope.WECHAT_CALL), List.of("/cgi-bin/**"), appId, null, null), "test")
			.secret();
	}

	/** WxJava as its README configures it, with Atrium's address as the API host and the key as the secret. */
	private static WxMpService wxJava(String appId, String key) {
		WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();
		config.setAppId(appId);
		config.setSecret(key);
		WxMpHostConfig hosts = new WxMpHostConfig();
		String atrium = "http://127.0.0.1:" + TestSandbox.ATRIUM_PORT;
		hosts.setApiHost(atrium);
		hosts.setMpHost(atrium);
		hosts.setOpenHost(atrium);
		config.setHostConfig(hosts);
		WxMpService service = new WxMpServiceImpl();
		service.setWxMpConfigStorage(config);
		return service;
	}

}
