package io.atrium.token.cache;

/**
 * Whose token: the platform's own (component) or an authorizer's. Its {@link #tag()} is the Redis hash tag
 * under which that token's keys live, and its wire form in the refresh schedule.
 */
public record TokenSubject(Kind kind, String appId) {

	public enum Kind {

		COMPONENT, AUTHORIZER

	}

	public static TokenSubject component(String componentAppId) {
		return new TokenSubject(Kind.COMPONENT, componentAppId);
	}

	public static TokenSubject authorizer(String appId) {
		return new TokenSubject(Kind.AUTHORIZER, appId);
	}

	public String tag() {
		return ((this.kind == Kind.COMPONENT) ? "component:" : "authorizer:") + this.appId;
	}

	static TokenSubject fromTag(String tag) {
		if (tag.startsWith("component:")) {
			return component(tag.substring("component:".length()));
		}
		if (tag.startsWith("authorizer:")) {
			return authorizer(tag.substring("authorizer:".length()));
		}
		throw new IllegalArgumentException("Not a token subject: " + tag);
	}

	@Override
	public String toString() {
		return tag();
	}

}
