package io.atrium.token.message;

import java.util.Optional;

/**
 * Where a passive reply to a user's message can come from besides Atrium itself: the provider's synchronous
 * webhook. Asked on the request thread after {@link AccountMessageReceived} was published, within a budget well
 * inside WeChat's 5 seconds; empty means the answer is {@code success}. It must not throw for a receiver's
 * failure; if it throws anyway the answer is still {@code success} (the message is queued already).
 */
public interface PassiveReplySource {

	Optional<PassiveReply> replyTo(AccountMessageReceived message);

}
