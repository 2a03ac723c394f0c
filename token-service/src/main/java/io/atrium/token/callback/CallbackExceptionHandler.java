package io.atrium.token.callback;

import io.atrium.crypto.InvalidBase64Exception;
import io.atrium.crypto.MalformedXmlException;
import io.atrium.crypto.MessageCryptoException;
import io.atrium.crypto.UnsafeXmlException;
import io.atrium.token.onboarding.RedemptionInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What the auth-event URL answers when it does not answer {@code success}: a status WeChat (and an operator
 * reading its logs) can tell apart, and a short plain reason that never repeats the request:
 * <ul>
 * <li>400: malformed (parameters missing, XML not well-formed or with a DOCTYPE, required elements missing);</li>
 * <li>403: not authentic or not fresh (bad {@code msg_signature}, not decryptable with our key, encrypted for or
 * addressed to another appid, timestamp outside the window);</li>
 * <li>409: replayed (this timestamp, nonce and signature were handled before);</li>
 * <li>413: body larger than 64 KiB;</li>
 * <li>5xx: the push was genuine but handling it failed; WeChat's retry completes it (an authorization whose code
 * WeChat may have spent meanwhile is recovered from its authorizer list).</li>
 * </ul>
 */
@RestControllerAdvice(assignableTypes = ComponentEventsController.class)
class CallbackExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(CallbackExceptionHandler.class);

	@ExceptionHandler
	ResponseEntity<String> rejected(PushRejectedException ex) {
		return refuse(ex.status(), ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<String> undecodable(MessageCryptoException ex) {
		// Malformed XML can be told apart from a forgery; everything else means the sender lacks our token or key.
		boolean malformed = ex instanceof MalformedXmlException || ex instanceof UnsafeXmlException
				|| ex instanceof InvalidBase64Exception;
		return refuse(malformed ? HttpStatus.BAD_REQUEST : HttpStatus.FORBIDDEN, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<String> inProgress(RedemptionInProgressException ex) {
		logger.info("Answered 503 to a push whose code is being redeemed elsewhere; WeChat will push it again");
		return plain(HttpStatus.SERVICE_UNAVAILABLE, "being handled; retry later");
	}

	@ExceptionHandler
	ResponseEntity<String> failed(RuntimeException ex) {
		logger.error("Handling a genuine push failed; answered 500 so that WeChat retries", ex);
		return plain(HttpStatus.INTERNAL_SERVER_ERROR, "handling failed; retry later");
	}

	private static ResponseEntity<String> refuse(HttpStatus status, String reason) {
		logger.warn("Refused a push to the auth-event URL with {}: {}", status.value(), reason);
		return plain(status, reason);
	}

	static ResponseEntity<String> plain(HttpStatus status, String text) {
		return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(text);
	}

}
