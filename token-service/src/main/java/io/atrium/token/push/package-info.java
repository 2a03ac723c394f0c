/**
 * What WeChat's push URLs share: the verification pipeline (size, parameters, timestamp window, signature,
 * decryption and trailing appid, XML without DTDs, replay guard) and how a refusal is answered. Used by the
 * auth-event URL ({@code io.atrium.token.callback}) and the accounts' message URL ({@code io.atrium.token.message}).
 */
package io.atrium.token.push;
