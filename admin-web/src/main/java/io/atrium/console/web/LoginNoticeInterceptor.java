package io.atrium.console.web;

import io.atrium.console.security.LoginNotice;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Shows the failed attempts on the user's name since their previous login, once, on the first whole page after the
 * login (whichever page that is: the dashboard, a merchant's accounts, the page asked for before the login). A
 * redirect, an htmx fragment or an image does not use it up.
 */
class LoginNoticeInterceptor implements HandlerInterceptor {

	static final String MODEL_ATTRIBUTE = "loginNotice";

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView modelAndView) {
		if (modelAndView == null || !modelAndView.hasView() || "true".equals(request.getHeader("HX-Request"))) {
			return;
		}
		String view = modelAndView.getViewName();
		if (view == null || view.startsWith("redirect:") || view.startsWith("forward:")) {
			return;
		}
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(LoginNotice.SESSION_ATTRIBUTE) instanceof LoginNotice notice) {
			session.removeAttribute(LoginNotice.SESSION_ATTRIBUTE);
			modelAndView.addObject(MODEL_ATTRIBUTE, notice);
		}
	}

}
