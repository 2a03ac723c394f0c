package io.atrium.token.callback;

import io.atrium.token.onboarding.RedemptionInProgressException;
import io.atrium.token.push.PushExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The auth-event URL's own answer besides the shared ones ({@link PushExceptionHandler}): 503 when the pushed
 * authorization code is being redeemed by another request, so that WeChat pushes it again. Ordered first, so that
 * the shared advice's catch-all 500 does not take it.
 */
@RestControllerAdvice(assignableTypes = ComponentEventsController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CallbackExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(CallbackExceptionHandler.class);

	@ExceptionHandler
	ResponseEntity<String> inProgress(RedemptionInProgressException ex) {
		logger.info("Answered 503 to a push whose code is being redeemed elsewhere; WeChat will push it again");
		return PushExceptionHandler.plain(HttpStatus.SERVICE_UNAVAILABLE, "being handled; retry later");
	}

}
