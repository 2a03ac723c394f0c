package io.atrium.token.push;

import io.atrium.crypto.InvalidBase64Exception;
import io.atrium.crypto.MalformedXmlException;
import io.atrium.crypto.MessageCryptoException;
import io.atrium.crypto.UnsafeXmlException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What a push URL answers when it does not acknowledge: a status WeChat (and an operator reading its logs) can
 * tell apart, and a short plain reason that never repeats the request:
 * <ul>
 * <li>400: malformed (parameters missing, XML not well-formed or with a DOCTYPE, required elements missing);</li>
 * <li>403: not authentic or not fresh (bad {@code msg_signature}, not decryptable with our key, encrypted for or
 * addressed to another appid, timestamp outside the window);</li>
 * <li>404: a message for an account Atrium neither holds nor answers for (message URL only);</li>
 * <li>409: replayed (this timestamp, nonce and signature were accepted before);</li>
 * <li>413: body larger than 64 KiB;</li>
 * <li>500: the push was genuine but handling it failed; nothing was kept, and WeChat's retry completes it.</li>
 * </ul>
 * Endpoint-specific answers (the callback's 503 for a code being redeemed elsewhere) come from the endpoint's own
 * advice, ordered before this one.
 */
@RestControllerAdvice(annotations = WeChatPushEndpoint.class)
@Order(Ordered.LOWEST_PRECEDENCE)
public class PushExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(PushExceptionHandler.class);

	@ExceptionHandler
	ResponseEntity<String> rejected(PushRejectedException ex, HttpServletRequest request) {
		return refuse(request, ex.status(), ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<String> undecodable(MessageCryptoException ex, HttpServletRequest request) {
		// Malformed XML can be told apart from a forgery; everything else means the sender lacks our token or key.
		boolean malformed = ex instanceof MalformedXmlException || ex instanceof UnsafeXmlException
				|| ex instanceof InvalidBase64Exception;
		return refuse(request, malformed ? HttpStatus.BAD_REQUEST : HttpStatus.FORBIDDEN, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<String> failed(RuntimeException ex, HttpServletRequest request) {
		logger.error("Handling a genuine push to {} failed; answered 500 so that WeChat retries",
				request.getRequestURI(), ex);
		return plain(HttpStatus.INTERNAL_SERVER_ERROR, "handling failed; retry later");
	}

	private static ResponseEntity<String> refuse(HttpServletRequest request, HttpStatus status, String reason) {
		logger.warn("Refused a push to {} with {}: {}", request.getRequestURI(), status.value(), reason);
		return plain(status, reason);
	}

	/** A short {@code text/plain} answer, as WeChat reads {@code success}. */
	public static ResponseEntity<String> plain(HttpStatus status, String text) {
		return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(text);
	}

}
