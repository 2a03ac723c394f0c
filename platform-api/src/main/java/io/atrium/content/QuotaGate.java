package io.atrium.content;

import java.lang.reflect.Method;

import feign.InvocationHandlerFactory.MethodHandler;
import feign.Target;
import io.atrium.upstream.QuotaBreaker;
import io.atrium.upstream.WeChatApi;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatErrorKind;
import io.github.resilience4j.core.functions.CheckedFunction;
import io.github.resilience4j.feign.FeignDecorator;

/**
 * Outermost decorator: opens the account's quota breaker for the API when WeChat answers 45009 or 45011. While it
 * is open, {@link ContentService} answers 429 before fetching a token or calling this client.
 */
record QuotaGate(QuotaBreaker breaker, ContentApiMethods methods) implements FeignDecorator {

	@Override
	public CheckedFunction<Object[], Object> decorate(CheckedFunction<Object[], Object> call, Method method,
			MethodHandler methodHandler, Target<?> target) {
		WeChatApi endpoint = this.methods.of(method);
		return (args) -> {
			String appId = AccountToken.of(args).appId();
			try {
				return call.apply(args);
			}
			catch (WeChatApiException ex) {
				if (ex.kind() == WeChatErrorKind.DAILY_QUOTA_EXCEEDED
						|| ex.kind() == WeChatErrorKind.MINUTE_QUOTA_EXCEEDED) {
					throw this.breaker.trip(appId, endpoint, ex);
				}
				throw ex;
			}
		};
	}

}
