package io.atrium.upstream;

import java.time.Instant;

/**
 * An error a WeChat content API answered (or a call that got no answer), as the operations views list it.
 *
 * @param at when, by the application's clock
 * @param api WeChat's path, e.g. {@code /cgi-bin/freepublish/batchget}
 * @param errcode WeChat's errcode, or null when WeChat did not answer in its protocol (HTTP error, I/O)
 * @param message WeChat's errmsg, or a short reason when there was none
 * @param rid WeChat's request id from the errmsg, for WeChat support; null when there was none
 */
public record UpstreamError(Instant at, String api, Integer errcode, String message, String rid) {

}
