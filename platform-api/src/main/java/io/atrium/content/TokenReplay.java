package io.atrium.content;

import java.lang.reflect.Method;

import feign.InvocationHandlerFactory.MethodHandler;
import feign.Target;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.upstream.UpstreamMetrics;
import io.atrium.upstream.WeChatApi;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatErrorKind;
import io.github.resilience4j.core.functions.CheckedFunction;
import io.github.resilience4j.feign.FeignDecorator;

/**
 * When WeChat refuses the access token (40001, 40014, 42001), has token-service refresh it (it evicts the refused
 * token only if it is still the cached one) and replays the call exactly once. It sits outside the
 * retry, so the replay gets its own retries and a second refusal is final.
 */
record TokenReplay(AuthorizerTokenManager tokens, ContentApiMethods methods, UpstreamMetrics metrics)
		implements FeignDecorator {

	@Override
	public CheckedFunction<Object[], Object> decorate(CheckedFunction<Object[], Object> call, Method method,
			MethodHandler methodHandler, Target<?> target) {
		WeChatApi api = this.methods.of(method);
		return (args) -> {
			try {
				return call.apply(args);
			}
			catch (WeChatApiException ex) {
				if (ex.kind() != WeChatErrorKind.TOKEN_INVALID) {
					throw ex;
				}
				// The token the refused attempt used ({@link RateLimit} put it there); the replay's own admission
				// reads the token this refresh leaves in the cache.
				AccountToken refused = AccountToken.of(args);
				this.tokens.refreshAfterFailure(refused.appId(), refused.accessToken());
				this.metrics.replayed(api);
				Object[] replay = args.clone();
				replay[0] = refused.withAccessToken(null);
				return call.apply(replay);
			}
		};
	}

}
