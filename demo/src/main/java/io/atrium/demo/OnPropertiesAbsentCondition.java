package io.atrium.demo;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * {@link ConditionalOnPropertiesAbsent @ConditionalOnPropertiesAbsent}'s condition.
 */
class OnPropertiesAbsentCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String[] names = (String[]) metadata.getAnnotationAttributes(ConditionalOnPropertiesAbsent.class.getName())
			.get("value");
		Environment environment = context.getEnvironment();
		List<String> present = Arrays.stream(names).filter((name) -> isSet(environment, name)).toList();
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnPropertiesAbsent.class);
		if (present.isEmpty()) {
			return ConditionOutcome.match(message.didNotFind("property", "properties").items(names));
		}
		return ConditionOutcome.noMatch(message.found("property", "properties").items(present));
	}

	private static boolean isSet(Environment environment, String name) {
		return StringUtils.hasText(environment.getProperty(name)) || environment.containsProperty(name + "[0]");
	}

}
