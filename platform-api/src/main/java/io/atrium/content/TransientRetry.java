package io.atrium.content;

import java.lang.reflect.Method;
import java.time.Clock;

import feign.InvocationHandlerFactory.MethodHandler;
import feign.Target;
import io.atrium.token.wechat.WeChatUnavailableException;
import io.atrium.upstream.UpstreamMetrics;
import io.atrium.upstream.UpstreamProperties;
import io.atrium.upstream.WeChatApi;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatErrorKind;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.CheckedFunction;
import io.github.resilience4j.feign.FeignDecorator;
import io.github.resilience4j.feign.FeignDecorators;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * Retries transient faults only, of APIs the registry marks retryable: errcode -1, HTTP 5xx and I/O errors. Quota (45009, 45011), permission (48001,
 * 61007), not-found (53600, 40007), token and validation errors are never retried. Waits grow exponentially with
 * jitter; no attempt starts once the budget has passed since the first, and no wait runs past it.
 */
final class TransientRetry implements FeignDecorator {

	private final UpstreamProperties.Retry settings;

	private final IntervalFunction backoff;

	private final Clock clock;

	private final ContentApiMethods methods;

	private final UpstreamMetrics metrics;

	TransientRetry(UpstreamProperties.Retry settings, Clock clock, ContentApiMethods methods, UpstreamMetrics metrics) {
		this.methods = methods;
		this.metrics = metrics;
		this.settings = settings;
		this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), settings.multiplier(),
				settings.jitter(), settings.maxBackoff());
		this.clock = clock;
	}

	@Override
	public CheckedFunction<Object[], Object> decorate(CheckedFunction<Object[], Object> call, Method method,
			MethodHandler methodHandler, Target<?> target) {
		WeChatApi api = this.methods.of(method);
		if (!api.retryable()) {
			return call;
		}
		return (args) -> {
			// A Retry per call: its budget starts with the call. Retry instances are cheap.
			long deadline = this.clock.millis() + this.settings.budget().toMillis();
			Retry retry = Retry.of("wechat-content", config(deadline));
			retry.getEventPublisher().onRetry((event) -> this.metrics.retried(api));
			return FeignDecorators.builder()
				.withRetry(retry)
				.build()
				.decorate(call, method, methodHandler, target)
				.apply(args);
		};
	}

	private RetryConfig config(long deadline) {
		return RetryConfig.custom()
			.maxAttempts(this.settings.maxAttempts())
			.retryOnException((ex) -> isTransient(ex) && this.clock.millis() < deadline)
			.intervalBiFunction((attempt, outcome) -> Math.max(0,
					Math.min(this.backoff.apply(attempt), deadline - this.clock.millis())))
			.build();
	}

	static boolean isTransient(Throwable ex) {
		if (ex instanceof WeChatApiException wechat) {
			return wechat.kind() == WeChatErrorKind.TRANSIENT;
		}
		if (ex instanceof WeChatUnavailableException unavailable) {
			return unavailable.isTransient();
		}
		return false;
	}

}
