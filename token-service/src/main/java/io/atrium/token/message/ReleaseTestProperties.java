package io.atrium.token.message;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WeChat's 全网发布 test.
 *
 * @param enabled whether Atrium answers the test accounts' messages as the test expects (on by default: a platform
 * cannot be published without it); off, they get a plain {@code success} and nothing else happens
 */
@ConfigurationProperties("atrium.wechat.release-test")
public record ReleaseTestProperties(@DefaultValue("true") boolean enabled) {
}
