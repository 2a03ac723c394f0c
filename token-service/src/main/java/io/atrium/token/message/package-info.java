/**
 * The accounts' message URL (消息与事件接收URL, {@code /wechat/accounts/{appid}/messages}): users' messages and
 * events of every account Atrium holds, verified like the auth-event URL ({@code io.atrium.token.push}),
 * deduplicated across instances, acknowledged at once and published as
 * {@link io.atrium.token.message.AccountMessageReceived} for what acts on them later (webhooks); and WeChat's
 * 全网发布 test, answered for its test accounts out of the box.
 */
package io.atrium.token.message;
