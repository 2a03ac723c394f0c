package io.atrium.content;

import java.lang.reflect.Method;

import feign.InvocationHandlerFactory.MethodHandler;
import feign.Target;
import io.atrium.token.wechat.WeChatUnavailableException;
import io.atrium.upstream.UpstreamUsage;
import io.atrium.upstream.WeChatApi;
import io.atrium.wechat.WeChatApiException;
import io.github.resilience4j.core.functions.CheckedFunction;
import io.github.resilience4j.feign.FeignDecorator;

/**
 * Counts every attempt that goes to WeChat and records every upstream error, with WeChat's rid. It sits right
 * above the innermost decorator: below the rate limit (a call Atrium's own limit stopped never reached WeChat) and
 * inside the retry and the token replay (each of their attempts spends quota and may fail on its own).
 */
record UsageRecording(UpstreamUsage usage, ContentApiMethods methods) implements FeignDecorator {

	@Override
	public CheckedFunction<Object[], Object> decorate(CheckedFunction<Object[], Object> call, Method method,
			MethodHandler methodHandler, Target<?> target) {
		WeChatApi endpoint = this.methods.of(method);
		return (args) -> {
			String appId = AccountToken.of(args).appId();
			this.usage.called(appId, endpoint);
			try {
				return call.apply(args);
			}
			catch (WeChatApiException ex) {
				this.usage.failed(appId, endpoint, ex.errcode(), ex.error().errmsg());
				throw ex;
			}
			catch (WeChatUnavailableException ex) {
				this.usage.failed(appId, endpoint, null, ex.summary());
				throw ex;
			}
		};
	}

}
