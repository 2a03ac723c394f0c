package io.atrium.sandbox.content;

/**
 * One article of a published post or of a news material: the fields of WeChat's {@code news_item}.
 *
 * @param title the title
 * @param author the author's display name
 * @param digest the summary; empty for the articles of a multi-article post, as WeChat returns them
 * @param content the HTML body
 * @param contentSourceUrl the "阅读原文" link, possibly empty
 * @param thumbMediaId the cover's permanent media id
 * @param thumbUrl the cover's URL, served by {@link ImageRenderer}
 * @param showCoverPic whether the cover shows in the body (both freepublish seeds and the material seed show it)
 * @param needOpenComment whether comments are open
 * @param onlyFansCanComment whether only followers may comment
 * @param url the article's link on {@code mp.weixin.qq.com}
 * @param deleted whether the article was deleted after publishing
 */
public record NewsArticle(String title, String author, String digest, String content, String contentSourceUrl,
		String thumbMediaId, String thumbUrl, boolean showCoverPic, boolean needOpenComment,
		boolean onlyFansCanComment, String url, boolean deleted) {

}
