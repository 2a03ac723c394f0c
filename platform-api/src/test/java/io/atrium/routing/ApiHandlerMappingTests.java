package io.atrium.routing;

import java.util.Set;
import java.util.stream.Collectors;

import io.atrium.content.ContentIntegrationTests;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's own mapping in the running application: asked before Boot's, holding every API mapping and nothing else,
 * answering an API path with its controller and leaving any other path to Boot's mapping.
 */
class ApiHandlerMappingTests extends ContentIntegrationTests {

	@Autowired
	ApiHandlerMapping api;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping boot;

	@Test
	void isAskedBeforeBootsMappingAndHoldsExactlyTheApisMappings() {
		assertThat(this.api.getOrder()).isLessThan(this.boot.getOrder());
		Set<String> apiPatterns = patterns(this.api);
		Set<String> bootPatterns = patterns(this.boot);
		assertThat(apiPatterns).contains("/api/v1/accounts/{appid}/wechat/**", "/api/v1/accounts/{appid}/articles",
				"/cgi-bin/token");
		assertThat(apiPatterns).allMatch(ApiHandlerMapping::isApiPath);
		assertThat(apiPatterns)
			.isEqualTo(bootPatterns.stream().filter(ApiHandlerMapping::isApiPath).collect(Collectors.toSet()));
		assertThat(bootPatterns).contains("/wechat/component/events");
	}

	@Test
	void answersAnApiPathWithItsControllerAndLeavesAnyOtherPathToBoot() throws Exception {
		HandlerExecutionChain gateway = this.api
			.getHandler(request("POST", "/api/v1/accounts/wx0123456789abcdef/wechat/cgi-bin/menu/get"));
		assertThat(gateway).isNotNull();
		assertThat(((HandlerMethod) gateway.getHandler()).getMethod().getName()).isEqualTo("forward");

		MockHttpServletRequest callback = request("POST", "/wechat/component/events");
		assertThat(this.api.getHandler(callback)).isNull();
		assertThat(this.boot.getHandler(callback)).isNotNull();
	}

	private static Set<String> patterns(RequestMappingHandlerMapping mapping) {
		return mapping.getHandlerMethods()
			.keySet()
			.stream()
			.map(RequestMappingInfo::getPatternValues)
			.flatMap(Set::stream)
			.collect(Collectors.toSet());
	}

	private static MockHttpServletRequest request(String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		ServletRequestPathUtils.parseAndCache(request);
		return request;
	}

}
