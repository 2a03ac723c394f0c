package io.atrium.content;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import feign.RequestLine;
import io.atrium.upstream.WeChatApi;
import io.atrium.upstream.WeChatApis;

/**
 * The registry entry of each {@link ContentApi} method, read from the path in its {@code @RequestLine}: the content
 * client's policy (limits, permission sets, retry) is the registry's, as the gateway's is.
 */
final class ContentApiMethods {

	private final WeChatApis apis;

	private final Map<Method, WeChatApi> byMethod = new ConcurrentHashMap<>();

	ContentApiMethods(WeChatApis apis) {
		this.apis = apis;
		for (Method method : ContentApi.class.getDeclaredMethods()) {
			of(method);
		}
	}

	WeChatApi of(Method method) {
		return this.byMethod.computeIfAbsent(method, this::lookUp);
	}

	WeChatApi publishedPage() {
		return byName("publishedPage");
	}

	WeChatApi publishedArticle() {
		return byName("publishedArticle");
	}

	WeChatApi materialPage() {
		return byName("materialPage");
	}

	WeChatApi materialCount() {
		return byName("materialCount");
	}

	private WeChatApi byName(String name) {
		for (Method method : ContentApi.class.getDeclaredMethods()) {
			if (method.getName().equals(name)) {
				return of(method);
			}
		}
		throw new IllegalArgumentException("No content API method " + name);
	}

	private WeChatApi lookUp(Method method) {
		RequestLine line = method.getAnnotation(RequestLine.class);
		if (line == null) {
			throw new IllegalArgumentException("Not a content API method: " + method);
		}
		String target = line.value().substring(line.value().indexOf(' ') + 1);
		String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
		return this.apis.find(path)
			.orElseThrow(() -> new IllegalStateException("The registry does not list " + path));
	}

}
