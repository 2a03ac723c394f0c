package io.atrium.routing;

import java.lang.reflect.Method;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The controller mappings of the API and of WeChat's paths for SDKs, consulted before Boot's mapping of the whole
 * application. Spring MVC matches a path with a variable in it ({@code /api/v1/accounts/{appid}/wechat/**}) against
 * every mapping it holds, one after another: with the console's pages in the same mapping that was 8.8 % of the
 * gateway's CPU in a profile at 64 connections, 4.5 % with the API's mappings alone (docs/benchmarks.md, "Hot path").
 * Here an API path is matched against the API's mappings, and any other path is left to Boot's mapping at once. The API's mappings stay in Boot's mapping too,
 * unreached.
 */
final class ApiHandlerMapping extends RequestMappingHandlerMapping {

	/** Only mappings all of whose paths are the API's. */
	@Override
	protected RequestMappingInfo getMappingForMethod(Method method, Class<?> handlerType) {
		RequestMappingInfo info = super.getMappingForMethod(method, handlerType);
		return (info != null && !info.getPatternValues().isEmpty()
				&& info.getPatternValues().stream().allMatch(ApiHandlerMapping::isApiPath)) ? info : null;
	}

	/** Not a look at the mappings for a path outside the API: Boot's mapping answers it. */
	@Override
	protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
		return isApiPath(lookupPath) ? super.lookupHandlerMethod(lookupPath, request) : null;
	}

	static boolean isApiPath(String path) {
		return path.startsWith("/api/") || path.startsWith("/cgi-bin/");
	}

}
