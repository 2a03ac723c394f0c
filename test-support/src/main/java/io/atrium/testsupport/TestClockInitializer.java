package io.atrium.testsupport;

import java.time.Clock;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Puts every application context a test JVM starts (test contexts and the second instances tests start themselves)
 * on the {@link TestClock}: the application's {@code clock} bean is replaced by {@link TestClock#base()}. Registered
 * in {@code META-INF/spring.factories}, so it applies wherever test-support is on the class path, which is tests
 * only. A test configuration's own {@code @Primary} clock (token-service's sandbox clock) still wins.
 */
public final class TestClockInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String CLOCK_BEAN = "clock";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.addBeanFactoryPostProcessor(new ClockReplacement());
	}

	/**
	 * A factory post-processor added to the context runs after the configuration classes were read, so the
	 * application's clock definition exists by then.
	 */
	private static final class ClockReplacement implements BeanFactoryPostProcessor {

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			if (beanFactory instanceof BeanDefinitionRegistry registry && registry.containsBeanDefinition(CLOCK_BEAN)) {
				BeanDefinition replaced = registry.getBeanDefinition(CLOCK_BEAN);
				RootBeanDefinition clock = new RootBeanDefinition(Clock.class, TestClock::base);
				clock.setPrimary(replaced.isPrimary());
				registry.removeBeanDefinition(CLOCK_BEAN);
				registry.registerBeanDefinition(CLOCK_BEAN, clock);
			}
		}

	}

}
