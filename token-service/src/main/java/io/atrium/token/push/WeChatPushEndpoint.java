package io.atrium.token.push;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller that receives WeChat's pushes, so that {@link PushExceptionHandler} answers its refusals
 * and failures the same way on every push URL.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WeChatPushEndpoint {

}
