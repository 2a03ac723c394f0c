package io.atrium.demo;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when none of the given properties is set: the demo starts an embedded server only for
 * what the user has not configured. ({@code @ConditionalOnProperty} cannot say "absent" without
 * also matching "present and not false".)
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnPropertiesAbsentCondition.class)
@interface ConditionalOnPropertiesAbsent {

	/**
	 * Property names; a list property counts as set when its first element is.
	 */
	String[] value();

}
