package io.atrium.observability;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The request id of each request ({@code atrium.request-id.*}): in every log line of the request (MDC
 * {@value RequestIdFilter#MDC_KEY}) and in the response's header.
 *
 * @param header the header that carries it, in the request (from a proxy that sets one) and in the response
 * @param trustIncoming whether a sane id in the request's header is kept (set it false when clients, not a proxy
 * Atrium trusts, reach Atrium directly); otherwise, and when the header is absent or not sane, Atrium makes one
 */
@ConfigurationProperties("atrium.request-id")
record RequestIdProperties(@DefaultValue("X-Request-Id") String header, @DefaultValue("true") boolean trustIncoming) {

}
