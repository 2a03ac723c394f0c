package io.atrium.sandbox.http;

/** Answers one request. May throw {@link WeChatException} or {@link ControlException}. */
@FunctionalInterface
public interface Route {

	Reply handle(Request request) throws Exception;

}
