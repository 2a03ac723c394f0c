package io.atrium.content;

import java.lang.reflect.Method;

import feign.InvocationHandlerFactory.MethodHandler;
import feign.Target;
import io.atrium.upstream.AccountRateLimiter;
import io.atrium.upstream.WeChatApi;
import io.github.resilience4j.core.functions.CheckedFunction;
import io.github.resilience4j.feign.FeignDecorator;

/**
 * Takes one call from the account's global bucket for the API before each attempt: it sits inside the retry,
 * because every attempt spends the merchant's WeChat quota.
 */
record RateLimit(AccountRateLimiter limiter, ContentApiMethods methods) implements FeignDecorator {

	@Override
	public CheckedFunction<Object[], Object> decorate(CheckedFunction<Object[], Object> call, Method method,
			MethodHandler methodHandler, Target<?> target) {
		WeChatApi endpoint = this.methods.of(method);
		return (args) -> {
			this.limiter.acquire(AccountToken.of(args).appId(), endpoint);
			return call.apply(args);
		};
	}

}
