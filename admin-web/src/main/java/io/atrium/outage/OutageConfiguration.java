package io.atrium.outage;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class OutageConfiguration {

	/** Just inside Boot's character-encoding filter, outside Spring Session's (MIN_VALUE + 50) and security's. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Bean
	FilterRegistrationBean<StorageOutageFilter> storageOutageFilter() {
		FilterRegistrationBean<StorageOutageFilter> registration = new FilterRegistrationBean<>(
				new StorageOutageFilter());
		registration.setOrder(ORDER);
		return registration;
	}

}
