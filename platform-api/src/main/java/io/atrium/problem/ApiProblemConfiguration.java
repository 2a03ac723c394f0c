package io.atrium.problem;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class ApiProblemConfiguration {

	@Bean
	FilterRegistrationBean<ApiErrorProblems> apiErrorProblems() {
		FilterRegistrationBean<ApiErrorProblems> registration = new FilterRegistrationBean<>(new ApiErrorProblems());
		registration.setDispatcherTypes(DispatcherType.ERROR);
		registration.addUrlPatterns("/error");
		// Before the security filters, which the error dispatch also passes.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
