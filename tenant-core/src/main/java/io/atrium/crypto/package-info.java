/**
 * Reading and writing what WeChat pushes in security mode: WXBizMsgCrypt ({@link io.atrium.crypto.WeChatMessageCrypto})
 * and XXE-safe reading of WeChat's flat XML ({@link io.atrium.crypto.WeChatXml}). Every way a push can be wrong has
 * its own {@link io.atrium.crypto.MessageCryptoException} subtype, so that callers can answer all of them with one
 * 4xx and still log which it was.
 */
package io.atrium.crypto;
