package io.atrium.gateway;

import java.io.IOException;

import io.atrium.apikey.ApiKey;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gateway in the REST API ({@code wechat:call}): {@code /api/v1/accounts/{appid}/wechat/<WeChat's path>}, GET or
 * POST, query and body as WeChat takes them, WeChat's answer as it gave it. What Atrium refuses before WeChat is an
 * RFC 9457 problem, like the rest of {@code /api/v1}.
 */
@RestController
class GatewayController {

	private final WeChatGateway gateway;

	GatewayController(WeChatGateway gateway) {
		this.gateway = gateway;
	}

	@RequestMapping(path = "/api/v1/accounts/{appid}/wechat/**", method = { RequestMethod.GET, RequestMethod.POST })
	void forward(ApiKey key, @PathVariable String appid, HttpServletRequest request, HttpServletResponse response)
			throws IOException, InterruptedException {
		String prefix = "/api/v1/accounts/" + appid + "/wechat";
		String uri = request.getRequestURI();
		String path = uri.startsWith(prefix) ? uri.substring(prefix.length()) : "";
		GatewayExchange.write(this.gateway.forward(GatewayExchange.read(request, key, appid, path)), response);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(GatewayRefusedException ex) {
		HttpStatus status = (ex.reason() == GatewayRefusedException.Reason.NOT_ALLOWED) ? HttpStatus.FORBIDDEN
				: HttpStatus.BAD_REQUEST;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle((status == HttpStatus.FORBIDDEN) ? "Path not allowed for this key" : "Not forwarded");
		return ResponseEntity.status(status).body(problem);
	}

}
