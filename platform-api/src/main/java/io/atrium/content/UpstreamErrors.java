package io.atrium.content;

import java.lang.reflect.Method;

import feign.InvocationHandlerFactory.MethodHandler;
import feign.Target;
import io.atrium.token.wechat.WeChatHttp;
import io.github.resilience4j.core.functions.CheckedFunction;
import io.github.resilience4j.feign.FeignDecorator;

/**
 * Innermost decorator: one attempt's failure translated by {@link WeChatHttp#call}, so that every decorator
 * above sees a {@code WeChatApiException} or a {@code WeChatUnavailableException}, never Feign's wrapping.
 */
record UpstreamErrors(ContentApiMethods methods) implements FeignDecorator {

	@Override
	public CheckedFunction<Object[], Object> decorate(CheckedFunction<Object[], Object> call, Method method,
			MethodHandler methodHandler, Target<?> target) {
		String api = this.methods.of(method).path();
		return (args) -> WeChatHttp.call(api, () -> {
			try {
				return call.apply(args);
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

}
