package io.atrium.token.wechat;

import java.time.Duration;

import feign.Feign;
import feign.FeignException;
import feign.Logger;
import feign.Request;
import feign.Retryer;
import feign.jackson3.Jackson3Encoder;
import io.atrium.outbound.PooledHttpClients;
import io.atrium.wechat.WeChatApiException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way Atrium builds Feign clients for WeChat: snake_case JSON, errcode answers decoded as
 * {@link WeChatApiException}, no Feign retries (callers own their retry policy) and no Feign logging (access
 * tokens travel in query strings).
 */
public final class WeChatHttp {

	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private WeChatHttp() {
	}

	/** The JSON mapper for WeChat's snake_case wire format. */
	public static JsonMapper json() {
		return JSON;
	}

	/** A Feign builder for WeChat APIs at the given base URL (the real {@code api.weixin.qq.com} or the sandbox). */
	public static Feign.Builder builder(Duration connectTimeout, Duration readTimeout) {
		return Feign.builder()
			.client(new PooledFeignClient(pooledClient(connectTimeout, readTimeout)))
			.encoder(new Jackson3Encoder(JSON))
			.decoder(new WeChatDecoder(JSON))
			.retryer(Retryer.NEVER_RETRY)
			.logLevel(Logger.Level.NONE)
			.options(new Request.Options(connectTimeout, readTimeout, false));
	}

	/**
	 * An HTTP client for WeChat's API host ({@link PooledHttpClients}): one route, so the pool's whole size is the
	 * route's.
	 */
	public static CloseableHttpClient pooledClient(Duration connectTimeout, Duration readTimeout) {
		return PooledHttpClients.builder(null, connectTimeout, readTimeout, 512, 512).build();
	}

	/**
	 * Runs a Feign call and translates its failures: a WeChat error comes out as the {@link WeChatApiException} the
	 * decoder raised (Feign may have wrapped it); anything else as a {@link WeChatUnavailableException}.
	 */
	public static <T> T call(String api, java.util.function.Supplier<T> call) {
		try {
			return call.get();
		}
		catch (WeChatApiException ex) {
			throw ex;
		}
		catch (FeignException ex) {
			if (ex.getCause() instanceof WeChatApiException wechat) {
				throw wechat;
			}
			throw WeChatUnavailableException.from(api, ex);
		}
	}

}
