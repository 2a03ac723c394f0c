package io.atrium.console.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every HTML error page is the console's one {@code error} template, whatever the status. Spring Boot's default
 * resolver first looks for {@code error/403}, {@code error/4xx} and their static {@code .html} files, each lookup a
 * search through every jar on the class path: on every 403 a viewer or merchant meets, and under load that search
 * dominated the page's cost.
 */
@Component
class ConsoleErrorView implements ErrorViewResolver {

	static final String VIEW = "error";

	@Override
	public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
		return new ModelAndView(VIEW, model, status);
	}

}
